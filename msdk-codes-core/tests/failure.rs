//! `Failure` over a real expansion: what it keeps, its log line, its labels and its retries.

msdk_codes_core::msdk_errors!(layers = [access, logical, qq_platform, wechat_platform, share_qq]);

use core::time::Duration;

use msdk_codes_core::{Action, ErrType, Failure, Response, Retry};

fn failure(ret: i32, msg: &str) -> Failure<MsdkError> {
    Failure::from_response(Response::new(ret, msg)).expect("ret is not 0")
}

#[test]
fn success_is_no_failure() {
    assert_eq!(Failure::<MsdkError>::decode(&Response::new(0, "ok")), None);
    #[cfg(feature = "json")]
    assert_eq!(Failure::<MsdkError>::from_json(br#"{"ret":0}"#).unwrap(), None);
}

#[test]
fn keeps_the_error_and_the_whole_response() {
    let mut response = Response::new(-20000, "48001,api unauthorized, hint: [Bq0Xya0297ge13] rid: 64b8f1e0-2b1c");
    response.err_type = Some(5);
    let failure = Failure::<MsdkError>::decode(&response).unwrap();
    assert_eq!(failure.error(), &MsdkError::decode(&response).unwrap(), "the same answer as MsdkError::decode");
    assert_eq!(failure.response(), &response);
    assert_eq!((failure.ret(), failure.err_type_sent(), failure.err_type()), (-20000, Some(5), ErrType::Unknown));
    assert_eq!((failure.rid(), failure.hint()), (Some("64b8f1e0-2b1c"), Some("Bq0Xya0297ge13")));
    assert_eq!(failure.detail(), "api unauthorized");
    assert_eq!(
        (failure.layer_id(), failure.code(), failure.name()),
        (Some("wechat_platform"), 48001, "ApiUnauthorized")
    );
    assert_eq!(Failure::new(failure.error().clone(), response.clone()), failure);
    let (error, kept) = failure.into_parts();
    assert_eq!((error, kept), (MsdkError::decode(&response).unwrap(), response));
}

#[test]
fn decoding_in_the_apis_layer_finds_its_codes() {
    let response = Response::new(-10000, "100030, is_friend is 0");
    let failure = Failure::<MsdkError>::decode_in(&response, Layer::ShareQq).unwrap();
    assert_eq!(failure.error(), &MsdkError::ShareQq(ShareQqError::HeartRecipientNotFriend));
    assert_eq!(Failure::<MsdkError>::from_response_in(response, Layer::ShareQq).unwrap(), failure);
    assert!(failure.to_string().ends_with(" (server said: 100030, is_friend is 0)"), "{failure}");
}

#[test]
fn an_unknown_code_keeps_msg_and_takes_one_value_per_label() {
    let unknown = failure(-10000, "100099, something new rid: 6631a5d9");
    let other = failure(-999_999, "");
    let failure = unknown;
    assert!(failure.is_unknown());
    assert_eq!(failure.layer_id(), Some("qq_platform"));
    assert_eq!((failure.code(), failure.name(), failure.action()), (100099, "Unknown", Action::ContactSupport));
    assert_eq!(failure.message(msdk_codes_core::Locale::Ja), "100099, something new rid: 6631a5d9");
    assert_eq!(failure.to_string(), failure.error().to_string(), "said once");
    // Labelled by the layer it was looked up in: one value per layer, whatever the server sends.
    assert_eq!(failure.error_type().to_string(), "qq_platform.Unknown");
    assert_eq!(failure.labels(), [("layer", "qq_platform"), ("name", "Unknown"), ("action", "contact_support")]);
    let also = self::failure(-10000, "100098, something else");
    assert_eq!(also.labels(), failure.labels(), "one value whatever the server sends");
    assert_eq!(other.layer_id(), Some("access"));
    assert_eq!(other.labels(), [("layer", "access"), ("name", "Unknown"), ("action", "contact_support")]);
}

#[test]
fn labels_and_error_type_of_a_known_code() {
    let failure = failure(-20000, "40001,invalid credential");
    assert_eq!(failure.error_type().to_string(), "wechat_platform.CredentialInvalid");
    assert_eq!(
        failure.labels(),
        [("layer", "wechat_platform"), ("name", "CredentialInvalid"), ("action", "refresh_token")]
    );
}

#[test]
fn retries_follow_the_action_and_the_documented_waits() {
    let expired = failure(-20000, "40001,invalid credential").retry();
    assert!(expired.is_retryable() && expired.refresh_token_first() && !expired.is_rate_limited());

    let minute = failure(-20000, "45011,api minute-quota reach limit  mustslower  retry next minute").retry();
    assert_eq!((minute.action(), minute.after()), (Action::Backoff, Some(Duration::from_secs(60))));
    // Another WeChat frequency limit, without a rate in what it says: the policy's backoff.
    let freq = failure(-20000, "45009,api freq out of limit").retry();
    assert_eq!((freq.is_rate_limited(), freq.after()), (true, None));

    let msdk = failure(-503, "").retry();
    assert_eq!(msdk.delay_with(Duration::from_millis(100), 0.0), Some(Duration::from_millis(1100)));
    // Spread above the documented second, whatever the policy proposes.
    for proposed in [Duration::ZERO, Duration::from_millis(100), Duration::from_secs(3)] {
        let waits: Vec<Duration> = (0..200).map(|_| msdk.delay(proposed).unwrap()).collect();
        let least = Duration::from_secs(1) + proposed;
        assert!(waits.iter().all(|wait| (least..least + Duration::from_secs(1)).contains(wait)), "{waits:?}");
        let (first, last) = (waits.iter().min().unwrap(), waits.iter().max().unwrap());
        assert!(*last - *first > Duration::from_millis(500), "spread over the second: {first:?}..{last:?}");
    }
    // A frequency limit without a documented rate waits at least the floor.
    assert_eq!(freq.least_wait(), Retry::BACKOFF_FLOOR);
    assert!(freq.delay(Duration::from_millis(50)).unwrap() >= Retry::BACKOFF_FLOOR + Duration::from_millis(50));

    for (ret, msg) in [(-107, ""), (-10000, "-73,the user modify password wrong"), (-10000, "100099, new")] {
        let retry = failure(ret, msg).retry();
        assert!(!retry.is_retryable(), "{ret} {msg}");
        assert_eq!(retry.delay(Duration::ZERO), None);
    }
}

#[cfg(all(feature = "serde", feature = "json"))]
#[test]
fn one_flat_object_with_the_same_keys_for_known_and_unknown_codes() {
    const KEYS: [&str; 10] = ["layer", "code", "name", "action", "err_type", "message", "ret", "rid", "hint", "msg"];
    let keys = |failure: &Failure<MsdkError>| -> Vec<String> {
        let serde_json::Value::Object(object) = serde_json::to_value(failure).unwrap() else { panic!("an object") };
        object.keys().cloned().collect()
    };
    let known = failure(-503, "frequency limit");
    let unknown = failure(-1234, "new");
    let mut sorted = KEYS.map(str::to_owned).to_vec();
    sorted.sort();
    assert_eq!(keys(&known), sorted);
    assert_eq!(keys(&unknown), sorted);
    let line = serde_json::to_string(&unknown).unwrap();
    assert_eq!(
        line,
        r#"{"layer":"access","code":-1234,"name":"Unknown","action":"contact_support","err_type":5,"message":"unknown code","ret":-1234,"rid":null,"hint":null,"msg":"new"}"#
    );
}

/// A transport error quoting its URL, and an MSDK body echoing the request.
const SECRET: &str = "0AB1C2D3E4F5";

#[test]
fn display_masks_secrets_and_stays_bounded() {
    let echoed = failure(-20000, &format!("40001,invalid credential, access_token={SECRET}&openid={SECRET}"));
    let text = echoed.to_string();
    assert!(!text.contains(SECRET), "{text}");
    assert!(text.ends_with("(server said: 40001,invalid credential, access_token=***&openid=***)"), "{text}");
    let unknown = failure(-10000, &format!("100099, new openid={SECRET}"));
    assert!(!unknown.to_string().contains(SECRET), "{unknown}");
    // A 100 KB msg: the text holds a bounded share of it and says how long it was.
    let huge = failure(-20000, &format!("40001,{}", "x".repeat(100_000)));
    let text = huge.to_string();
    assert!(text.len() < 1024 && text.ends_with("… (100006 bytes))"), "{} bytes", text.len());
    assert_eq!(huge.msg().len(), 100_006, "the failure keeps what the server sent");
}

#[cfg(all(feature = "serde", feature = "json"))]
#[test]
fn the_log_object_masks_secrets_and_stays_bounded() {
    let echoed = failure(-20000, &format!(r#"40001,invalid credential {{"access_token":"{SECRET}"}} rid: 6631a5d9"#));
    let line = serde_json::to_string(&echoed).unwrap();
    assert!(!line.contains(SECRET), "{line}");
    assert!(line.contains(r#"access_token\":\"***\""#), "{line}");
    let huge = failure(-1234, &"中".repeat(50_000));
    let line = serde_json::to_string(&huge).unwrap();
    assert!(line.len() < 1024, "{} bytes", line.len());
    let object: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert!(object["msg"].as_str().unwrap().ends_with("… (150000 bytes)"));
    assert_eq!(object["message"], "unknown code", "msg once");
}
