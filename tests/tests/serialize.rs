//! The `serde` feature: errors as structured-log records.

use msdk_codes_core::{Action, ErrType, Locale, Response};
use msdk_codes_tests::{full, team_pay};
use serde_json::json;

#[test]
fn a_known_error_is_its_layer_code_name_action_err_type_and_message() {
    let err = full::MsdkError::from(full::AccessError::FrequencyLimit);
    assert_eq!(
        serde_json::to_value(&err).unwrap(),
        json!({
            "layer": "access",
            "code": -503,
            "name": "FrequencyLimit",
            "action": "backoff",
            "err_type": 1,
            "message": "Frequency exceeds the limit",
        })
    );
    // The message is in the expansion's `Display` locale.
    let pay = team_pay::MsdkError::from(team_pay::LogicalError::InputParameterEmpty);
    assert_eq!(serde_json::to_value(&pay).unwrap()["message"], "输入参数为空");
    assert_eq!(serde_json::to_value(&pay).unwrap()["action"], "retry", "the team's policy applies");
}

#[test]
fn an_unknown_code_keeps_everything_the_server_sent() {
    let mut response = Response::new(-10000, "100099, something new");
    response.err_type = Some(5);
    let err = full::MsdkError::decode(&response).unwrap();
    assert_eq!(
        serde_json::to_value(&err).unwrap(),
        json!({
            "layer": null,
            "code": 100099,
            "name": "Unknown",
            "action": "contact_support",
            "err_type": 5,
            "message": "100099, something new",
            "unknown": {
                "ret": -10000,
                "code": 100099,
                "platform_code": 100099,
                "layer": "qq_platform",
                "known_in": null,
                "range": "QqPlatform",
                "msg": "100099, something new",
                "err_type": 5,
            },
        })
    );
}

#[test]
fn an_unknown_code_says_who_knows_it() {
    let err = full::MsdkError::decode(&Response::new(-10000, "32, not friend")).unwrap();
    let record = serde_json::to_value(&err).unwrap();
    assert_eq!(record["unknown"]["known_in"], json!({"layer": "share_qq", "reach": "decode_in"}));
    let err = msdk_codes_tests::login::MsdkError::decode(&Response::new(-10000, "32, not friend")).unwrap();
    let record = serde_json::to_value(&err).unwrap();
    assert_eq!(record["unknown"]["known_in"], json!({"layer": "share_qq", "reach": "layers"}));
}

#[test]
fn layers_and_the_vocabulary_are_their_ids() {
    assert_eq!(serde_json::to_value(full::Layer::WechatPlatform).unwrap(), json!("wechat_platform"));
    assert_eq!(serde_json::to_value(Action::RefreshToken).unwrap(), json!("refresh_token"));
    assert_eq!(serde_json::to_value(ErrType::RefreshToken).unwrap(), json!(3));
    assert_eq!(serde_json::to_value(Locale::Ja).unwrap(), json!("ja"));
}
