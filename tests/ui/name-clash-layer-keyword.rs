msdk_codes_core::msdk_errors!("ui-data/name-clash-layer-keyword/*.toml", locales = ["en"]);

fn main() {}
