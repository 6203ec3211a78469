msdk_codes_core::msdk_errors!("ui-data/invalid-identifier/*.toml", locales = ["en"]);

fn main() {}
