// A missing English text is one error, which does not offer `missing = "fallback_en"`: English is
// what that falls back to.
msdk_codes_core::msdk_errors!("ui-data/missing-english/*.toml", locales = ["en", "zh"]);

fn main() {}
