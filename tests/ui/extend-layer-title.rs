// A file that extends a bundled layer gives only its `[layer] id`.
msdk_codes_core::msdk_errors!(extend = "ui-data/extend-layer-title/*.toml", locales = ["en"]);

fn main() {}
