msdk_codes_core::msdk_errors!("../data/*.toml");

fn main() {}
