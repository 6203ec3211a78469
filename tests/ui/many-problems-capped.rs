// A file of many mistakes lists the first 50 and says how many more there are.
msdk_codes_core::msdk_errors!("ui-data/many-problems-capped/*.toml", locales = ["en"]);

fn main() {}
