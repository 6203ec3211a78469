msdk_codes_core::msdk_errors!("ui-data/no-such-dir/*.toml");

fn main() {}
