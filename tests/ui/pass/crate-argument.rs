// `crate = "path"` points the generated code at msdk-codes-core reached under another path, here an alias.
use msdk_codes_core as codes;

codes::msdk_errors!(layers = [access], locales = ["en"], crate = "codes");

fn main() {
    let err = MsdkError::decode(&codes::Response::new(-503, "")).unwrap();
    assert_eq!(err.action(), codes::Action::Backoff);
    assert_eq!(err.message(codes::Locale::En), "Frequency exceeds the limit");
}
