msdk_codes_core::msdk_errors!("ui-data/name-clash-layer-unknown/*.toml", locales = ["en"]);

fn main() {}
