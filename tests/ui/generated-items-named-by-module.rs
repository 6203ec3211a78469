// Rustc names the generated items by the module they are generated in, as any item of the
// user's: `pay::MsdkError`, `social::MsdkError`.
mod pay {
    msdk_codes_core::msdk_errors!(layers = [access], locales = ["en"]);
}

#[msdk_codes_core::msdk_codes(layers = [logical], locales = ["en"])]
mod social {}

fn main() {
    let failure = msdk_codes_core::Failure::<social::MsdkError>::from_json(br#"{"ret":-1,"msg":"x"}"#);
    let _: Option<msdk_codes_core::Failure<pay::MsdkError>> = failure.ok().flatten();
}
