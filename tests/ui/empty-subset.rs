msdk_codes_core::msdk_errors!(layers = []);

fn main() {}
