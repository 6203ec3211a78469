msdk_codes_core::msdk_errors!(layers = [access], "data/*.toml");

fn main() {}
