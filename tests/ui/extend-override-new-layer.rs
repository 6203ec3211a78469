// `override = true` in a layer the bundled catalog does not have.
msdk_codes_core::msdk_errors!(extend = "ui-data/extend-override-new-layer/*.toml", locales = ["en"]);

fn main() {}
