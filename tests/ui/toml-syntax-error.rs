msdk_codes_core::msdk_errors!("ui-data/syntax-error/*.toml");

fn main() {}
