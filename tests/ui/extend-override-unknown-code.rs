// `override = true` on a code the layer does not have: the nearest code is suggested.
msdk_codes_core::msdk_errors!(extend = "ui-data/extend-override-unknown-code/*.toml", locales = ["en"]);

fn main() {}
