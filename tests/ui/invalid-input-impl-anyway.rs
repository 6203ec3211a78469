// A bad argument is reported once; the items are still generated, so code that uses them
// shows no second wave of "cannot find type" errors.
msdk_codes_core::msdk_errors!(locale = "fr", layers = [access]);

fn main() {
    let err = AccessError::from_code(-503).unwrap();
    let _: MsdkError = err.into();
}
