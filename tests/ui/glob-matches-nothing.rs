// No file found: the expansion has no layer, and code naming its items reports nothing more.
msdk_codes_core::msdk_errors!("ui-data/no-such-dir/*.toml");

fn main() {
    let _ = Layer::ALL;
    let _ = MsdkError::all();
}
