// The missing-translation rule holds for the combined catalog: new advice needs every locale.
msdk_codes_core::msdk_errors!(extend = "ui-data/extend-missing-translation/*.toml", locales = ["en", "ja"]);

fn main() {}
