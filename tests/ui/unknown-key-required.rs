// A misspelled required key is one error, at the key: the missing `message.en` it causes is not
// reported again.
msdk_codes_core::msdk_errors!("ui-data/unknown-key-required/*.toml", locales = ["en"]);

fn main() {}
