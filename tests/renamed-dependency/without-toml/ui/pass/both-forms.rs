// The function-like form knows its own path; the attribute form is given it.
mod access {
    msdk::msdk_errors!(layers = [access], locales = ["en"]);
}

#[msdk::msdk_codes(crate = "msdk", layers = [apple_login], locales = ["en"])]
mod apple {}

fn main() {
    let err = access::MsdkError::decode(&msdk::Response::new(-503, "")).unwrap();
    assert_eq!(err.action(), msdk::Action::Backoff);
    assert_eq!(apple::Layer::ALL, [apple::Layer::AppleLogin]);
}
