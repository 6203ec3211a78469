//! The operator's log policy, installed at start-up: its language, its bound, its masking. A test
//! binary of its own, since the policy is the process's.
#![cfg(all(feature = "serde", feature = "json"))]

use std::borrow::Cow;

use msdk_codes_core::{Failure, Locale, LogPolicy, Response, mask_secrets};

msdk_codes_core::msdk_errors!(layers = [access, wechat_platform]);

/// The team's own secret beside the usual ones.
fn mask_more(text: &str) -> Cow<'_, str> {
    match mask_secrets(text) {
        Cow::Borrowed(text) if !text.contains("guild_secret") => Cow::Borrowed(text),
        masked => Cow::Owned(masked.replace("guild_secret", "***")),
    }
}

#[test]
fn the_installed_policy_writes_every_line() {
    LogPolicy::new().locale(Locale::Ja).max_text(40).redact(mask_more).install().unwrap();
    assert!(LogPolicy::new().install().is_err(), "once");
    assert_eq!(LogPolicy::current().message_locale(), Locale::Ja);

    let failure = Failure::<MsdkError>::from_response(Response::new(
        -20000,
        "40001,invalid credential guild_secret openid=o9Rz and more words after it",
    ))
    .unwrap();
    let line: serde_json::Value = serde_json::to_value(&failure).unwrap();
    assert_eq!(line["message"], failure.message(Locale::Ja));
    assert_eq!(line["msg"], "40001,invalid credential *** openid=*** … (63 bytes)");
    assert!(!failure.to_string().contains("guild_secret"));
    // The failure's text is the operators', in Japanese; the expansion's `Display` stays English.
    assert!(failure.to_string().contains(&format!("40001: {}", failure.message(Locale::Ja))), "{failure}");
    assert_eq!(failure.error().to_string(), "WeChat platform 40001: invalid credential");
    // An unknown code's log message too.
    let unknown = Failure::<MsdkError>::from_response(Response::new(-20000, "99999,new")).unwrap();
    assert_eq!(serde_json::to_value(&unknown).unwrap()["message"], "不明なコード");
}
