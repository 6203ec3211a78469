msdk_codes_core::msdk_errors!("ui-data/name-clash-handler-method/*.toml", locales = ["en"]);

fn main() {}
