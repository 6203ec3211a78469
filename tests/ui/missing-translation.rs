// The file has English and a Japanese title only; all four locales are compiled in by default.
msdk_codes_core::msdk_errors!("ui-data/missing-translation/*.toml", locales = ["en", "ja"]);

fn main() {}
