msdk_codes_core::msdk_errors!("ui-data/name-clash-layer-msdk/*.toml", locales = ["en"]);

fn main() {}
