msdk_codes_core::msdk_errors!("ui-data/name-clash-associated-item/*.toml", locales = ["en"]);

fn main() {}
