// An override whose every field is the catalog's already.
msdk_codes_core::msdk_errors!(extend = "ui-data/extend-override-changes-nothing/*.toml", locales = ["en"]);

fn main() {}
