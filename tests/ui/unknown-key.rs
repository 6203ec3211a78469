msdk_codes_core::msdk_errors!("ui-data/unknown-key/*.toml", locales = ["en"]);

fn main() {}
