msdk_codes_core::msdk_errors!(locale = ja, layers = "access", handling = every_code);

fn main() {}
