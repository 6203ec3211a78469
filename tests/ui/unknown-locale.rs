msdk_codes_core::msdk_errors!(locale = "fr", layers = [access]);

fn main() {}
