// A team file with English only compiles with `missing = "fallback_en"`: English stands in.
msdk_codes_core::msdk_errors!("ui-data/fine/*.toml", locale = "ko", missing = "fallback_en");

fn main() {
    assert_eq!(TeamError::Failed.to_string(), "Failed");
    assert_eq!(TeamError::Failed.message(msdk_codes_core::Locale::Ja), "Failed");
}
