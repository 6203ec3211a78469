// A code the bundled layer already has needs `override = true`.
msdk_codes_core::msdk_errors!(extend = "ui-data/extend-existing-code/*.toml", locales = ["en"]);

fn main() {}
