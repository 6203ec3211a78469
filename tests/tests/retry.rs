//! The least waits of `Retry` held to the documents: the only rate the MSDK documents give is the
//! FAQ's "not more than once per second" for the MSDK back end, which `access` -503 (the same
//! user's request frequency exceeds the limit) enforces.

use std::path::Path;
use std::time::Duration;

use msdk_codes_core::{Failure, Response};

msdk_codes_core::msdk_errors!(layers = [access, logical, wechat_platform]);

#[test]
fn the_msdk_frequency_limit_waits_the_faqs_second() {
    let faq = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("sources/000-faq-en.txt")).unwrap();
    assert!(
        faq.contains("the back-end server stipulates that the number of requests can not be more than once per second"),
        "the FAQ's rate"
    );
    let failure = Failure::<MsdkError>::from_response(Response::new(-503, "")).unwrap();
    assert_eq!(failure.error(), &MsdkError::Access(AccessError::FrequencyLimit));
    assert_eq!(
        failure.error().advice(msdk_codes_core::Locale::En),
        Some("The same user's request frequency exceeds the limit")
    );
    assert_eq!(failure.retry().after(), Some(Duration::from_secs(1)));
}

#[test]
fn no_other_code_of_the_catalog_has_a_wait() {
    // The failure of a response that carries the code and says nothing more: only access -503
    // has a wait (WeChat's "retry next minute" is in what the server says, not in the code).
    let with_wait: Vec<String> = MsdkError::all()
        .map(|err| Failure::new(err, Response::new(-1, "")))
        .filter(|failure| failure.retry().after().is_some())
        .map(|failure| format!("{} {}", failure.layer_id().unwrap(), failure.code()))
        .collect();
    assert_eq!(with_wait, ["access -503"]);
}
