//! `MsdkError::handle` reaches, for every code, the code's own method when a team overrides it,
//! else the method of its action (after the expansion's policy).

use msdk_codes_core::{Action, Code};
use msdk_codes_tests::{full, team_pay};

/// Answers each action method with its id, and two overridden codes with their own tag.
struct Recorder;

impl full::Handler for Recorder {
    type Output = String;
    fn unknown(&mut self, _: &full::MsdkError) -> String {
        "unknown".into()
    }
    fn ignore(&mut self, _: &full::MsdkError) -> String {
        "ignore".into()
    }
    fn retry(&mut self, _: &full::MsdkError) -> String {
        "retry".into()
    }
    fn backoff(&mut self, _: &full::MsdkError) -> String {
        "backoff".into()
    }
    fn reauthorize(&mut self, _: &full::MsdkError) -> String {
        "reauthorize".into()
    }
    fn refresh_token(&mut self, _: &full::MsdkError) -> String {
        "refresh_token".into()
    }
    fn fix_request(&mut self, _: &full::MsdkError) -> String {
        "fix_request".into()
    }
    fn fix_config(&mut self, _: &full::MsdkError) -> String {
        "fix_config".into()
    }
    fn user_limit(&mut self, _: &full::MsdkError) -> String {
        "user_limit".into()
    }
    fn contact_support(&mut self, _: &full::MsdkError) -> String {
        "contact_support".into()
    }
    fn access_frequency_limit(&mut self, _: &full::MsdkError) -> String {
        "override: access FrequencyLimit".into()
    }
    fn wechat_platform_credential_invalid(&mut self, err: &full::MsdkError) -> String {
        format!("override: wechat {}", err.code())
    }
}

fn check_layer<C: Code + Into<full::MsdkError>>(overridden: &[(&str, &str)]) -> usize {
    for &code in C::ALL {
        let err: full::MsdkError = code.into();
        let expected = overridden
            .iter()
            .find(|(name, _)| *name == code.name())
            .map_or_else(|| code.action().id().to_owned(), |(_, tag)| (*tag).to_owned());
        assert_eq!(err.handle(&mut Recorder), expected, "{} {}", C::LAYER_ID, code.name());
    }
    C::ALL.len()
}

#[test]
fn every_code_reaches_its_override_or_its_action() {
    let mut checked = 0;
    checked += check_layer::<full::AccessError>(&[("FrequencyLimit", "override: access FrequencyLimit")]);
    checked += check_layer::<full::LogicalError>(&[]);
    checked += check_layer::<full::QqPlatformError>(&[]);
    checked += check_layer::<full::WechatPlatformError>(&[("CredentialInvalid", "override: wechat 40001")]);
    checked += check_layer::<full::WechatGroupError>(&[]);
    checked += check_layer::<full::QqGroupError>(&[]);
    checked += check_layer::<full::GameCenterError>(&[]);
    checked += check_layer::<full::ShareQzoneError>(&[]);
    checked += check_layer::<full::ShareQqError>(&[]);
    checked += check_layer::<full::ShareQqArkError>(&[]);
    checked += check_layer::<full::BlueDiamondError>(&[]);
    checked += check_layer::<full::OidbError>(&[]);
    checked += check_layer::<full::OidbPayTokenError>(&[]);
    checked += check_layer::<full::OidbAccessTokenError>(&[]);
    checked += check_layer::<full::XinyueSuperRError>(&[]);
    checked += check_layer::<full::XinyueWechatError>(&[]);
    checked += check_layer::<full::AppleLoginError>(&[]);
    assert!(checked > 400);
    let unknown = full::MsdkError::decode(&msdk_codes_core::Response::new(-1234567, "")).unwrap();
    assert_eq!(unknown.handle(&mut Recorder), "unknown");
}

/// team_pay has `policy = { logical::InputParameterEmpty = retry }`.
struct PayRecorder;

impl team_pay::Handler for PayRecorder {
    type Output = Action;
    fn unknown(&mut self, _: &team_pay::MsdkError) -> Action {
        Action::ContactSupport
    }
    fn ignore(&mut self, _: &team_pay::MsdkError) -> Action {
        Action::Ignore
    }
    fn retry(&mut self, _: &team_pay::MsdkError) -> Action {
        Action::Retry
    }
    fn fix_request(&mut self, _: &team_pay::MsdkError) -> Action {
        Action::FixRequest
    }
    fn fix_config(&mut self, _: &team_pay::MsdkError) -> Action {
        Action::FixConfig
    }
    fn user_limit(&mut self, _: &team_pay::MsdkError) -> Action {
        Action::UserLimit
    }
    fn contact_support(&mut self, _: &team_pay::MsdkError) -> Action {
        Action::ContactSupport
    }
}

#[test]
fn the_policy_argument_reroutes_handling() {
    for &code in team_pay::LogicalError::ALL {
        let err = team_pay::MsdkError::from(code);
        assert_eq!(err.handle(&mut PayRecorder), code.action(), "{}", code.name());
    }
    let empty = team_pay::MsdkError::from(team_pay::LogicalError::InputParameterEmpty);
    assert_eq!(empty.handle(&mut PayRecorder), Action::Retry);
}
