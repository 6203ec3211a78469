// Every problem of the file is reported in one build, each with its file:line:column.
msdk_codes_core::msdk_errors!("ui-data/many-problems/*.toml", locales = ["en"]);

fn main() {}
