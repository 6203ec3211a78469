msdk_codes_core::msdk_errors!("ui-data/name-clash-action-method/*.toml", locales = ["en"]);

fn main() {}
