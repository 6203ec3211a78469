msdk_codes_core::msdk_errors!("ui-data/duplicate-name/*.toml", locales = ["en"]);

fn main() {}
