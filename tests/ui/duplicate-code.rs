msdk_codes_core::msdk_errors!("ui-data/duplicate-code/*.toml", locales = ["en"]);

fn main() {}
