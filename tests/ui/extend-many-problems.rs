// Every problem of every team file is reported in one build, each at its file:line:column.
msdk_codes_core::msdk_errors!(extend = "ui-data/extend-many-problems/*.toml", locales = ["en"]);

fn main() {}
