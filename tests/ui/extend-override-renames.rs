// An override keeps the variant's name.
msdk_codes_core::msdk_errors!(extend = "ui-data/extend-override-renames/*.toml", locales = ["en"]);

fn main() {}
