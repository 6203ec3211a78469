msdk_codes_core::msdk_errors!("ui-data/invalid-range-name/*.toml", locales = ["en"]);

fn main() {}
