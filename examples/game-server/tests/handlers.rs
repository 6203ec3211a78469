//! The teams' decisions: every_code reaches each code's own method; by_action reaches an override
//! when there is one, else the action's method, with the team's policy applied.

use std::time::Duration;

use game_server::handlers::{Desk, PayTeam, SocialTeam};
use game_server::policy::{AlertKind, Alerts, Backoff, Decision, Session, log_in_again};
use game_server::teams::{pay, pay_token, social};
use msdk_codes_core::{Action, Locale, Response};

fn pay_decides(err: &pay::MsdkError, player: Locale) -> (Decision, Alerts) {
    let mut alerts = Alerts::default();
    let decision = err.handle(&mut PayTeam { desk: Desk { player, alerts: &mut alerts, said: None } });
    (decision, alerts)
}

fn social_decides(err: &social::MsdkError, player: Locale, session: &mut Session) -> (Decision, Alerts) {
    let mut alerts = Alerts::default();
    let decision = err.handle(&mut SocialTeam { desk: Desk { player, alerts: &mut alerts, said: None }, session });
    (decision, alerts)
}

/// What a decision amounts to, for comparing with the catalog's action.
fn kind(decision: &Decision) -> String {
    match decision {
        Decision::Proceed => "proceed".into(),
        Decision::Retry(delays) if *delays == Backoff::TRANSIENT.delays() => "retry".into(),
        Decision::Retry(delays) if *delays == Backoff::RATE_LIMITED.delays() => "backoff".into(),
        Decision::Retry(delays) => format!("retry {delays:?}"),
        Decision::Relogin { .. } => "relogin".into(),
        Decision::TokenRefreshed => "refreshed".into(),
        Decision::Refuse { .. } => "refuse".into(),
        Decision::DisableToday { .. } => "disable".into(),
        Decision::Alerted { kind, .. } => format!("alert {kind}"),
    }
}

fn by_catalog(action: Action) -> &'static str {
    match action {
        Action::Ignore => "proceed",
        Action::Retry => "retry",
        Action::Backoff => "backoff",
        Action::Reauthorize => "relogin",
        Action::RefreshToken => "refreshed",
        Action::UserLimit => "refuse",
        Action::FixRequest => "alert bug",
        Action::FixConfig => "alert config",
        Action::ContactSupport => "alert support",
    }
}

#[test]
fn every_pay_code_gets_the_catalog_decision_except_the_teams_own_calls() {
    let codes = pay::AccessError::ALL.iter().map(|&c| pay::MsdkError::from(c));
    let codes = codes.chain(pay::LogicalError::ALL.iter().map(|&c| pay::MsdkError::from(c)));
    let mut differ = Vec::new();
    for err in codes {
        let (decision, _) = pay_decides(&err, Locale::Zh);
        if kind(&decision) != by_catalog(err.action()) {
            differ.push(format!("{} {}", err.name(), kind(&decision)));
        }
    }
    assert_eq!(differ, ["GuestModeNotAllowed refuse"]);
}

#[test]
fn every_code_reaches_the_codes_own_method() {
    let err = pay::MsdkError::from(pay::AccessError::FrequencyLimit);
    assert_eq!(pay_decides(&err, Locale::Zh).0, Decision::Retry(Backoff::RATE_LIMITED.delays()));

    let err = pay::MsdkError::from(pay::AccessError::PaymentIpNotWhitelisted);
    let (decision, alerts) = pay_decides(&err, Locale::Zh);
    assert!(matches!(decision, Decision::Alerted { ticket: 1, kind: AlertKind::Config, .. }), "{decision:?}");
    // The alert is the operators', in the log policy's language (English), not the team's Chinese.
    let message = pay::AccessError::PaymentIpNotWhitelisted.message(Locale::En);
    assert_eq!(alerts.raised()[0].detail, format!("access -107 PaymentIpNotWhitelisted: {message}"));

    let err = pay::MsdkError::from(pay::AccessError::GuestModeNotAllowed);
    let reason = pay::AccessError::GuestModeNotAllowed.message(Locale::En).to_owned();
    assert_eq!(pay_decides(&err, Locale::En).0, Decision::Refuse { reason });

    let err = pay::MsdkError::decode(&Response::new(-10000, "")).unwrap();
    assert_eq!(err, pay::MsdkError::Logical(pay::LogicalError::QqPlatformFailure));
    assert_eq!(kind(&pay_decides(&err, Locale::Zh).0), "alert support");
}

#[test]
fn unknown_codes_keep_the_servers_msg() {
    let err = pay::MsdkError::decode(&Response::new(-9999, "something new")).unwrap();
    let (decision, alerts) = pay_decides(&err, Locale::Ja);
    assert_eq!(kind(&decision), "alert unknown");
    assert!(alerts.raised()[0].detail.ends_with(": something new"), "{:?}", alerts.raised());

    let response = Response::new(-10000, "100099, a code no table has");
    let err = social::MsdkError::decode_in(&response, social::Layer::ShareQq).unwrap();
    let (decision, alerts) = social_decides(&err, Locale::Ja, &mut Session::default());
    assert_eq!(kind(&decision), "alert unknown");
    assert_eq!(
        alerts.raised()[0].detail,
        "unknown code: ret -10000, code 100099 (not in `share_qq`): 100099, a code no table has"
    );
}

#[test]
fn by_action_reaches_the_override_else_the_action_method() {
    let mut session = Session::default();
    let share = |code| social::MsdkError::from(social::ShareQqError::from_code(code).unwrap());

    // Overrides.
    let reason = social::ShareQqError::DailyShareLimit.message(Locale::Ja).to_owned();
    assert_eq!(
        social_decides(&share(30), Locale::Ja, &mut session).0,
        Decision::DisableToday { feature: "QQ share", reason }
    );
    assert_eq!(share(29).action(), Action::UserLimit);
    assert_eq!(social_decides(&share(29), Locale::Ja, &mut session).0, Decision::Proceed);

    // The action's method: user_limit refuses in the player's language.
    let reason = social::ShareQqError::TargetNotFriendOrNotFollowing.message(Locale::Ko).to_owned();
    assert_eq!(social_decides(&share(32), Locale::Ko, &mut session).0, Decision::Refuse { reason });

    // reauthorize prompts in the player's language with the code's message.
    let err = social::MsdkError::decode(&Response::new(-10000, "-73,the user modify password wrong")).unwrap();
    let prompt = log_in_again(Locale::Zh, "0x47 access token改密失效");
    assert_eq!(social_decides(&err, Locale::Zh, &mut session).0, Decision::Relogin { prompt });

    // refresh_token refreshes the session.
    let err = social::MsdkError::decode(&Response::new(-20000, "40001,invalid credential")).unwrap();
    assert_eq!(social_decides(&err, Locale::Ja, &mut session).0, Decision::TokenRefreshed);
    assert_eq!((session.refreshes, session.access_token.as_str()), (1, "token-1"));
}

#[test]
fn the_social_policy_turns_two_codes_into_backoff() {
    let mut session = Session::default();
    for err in [
        social::MsdkError::from(social::WechatPlatformError::SystemError),
        social::MsdkError::from(social::ShareQqError::MessageFrequencyLimit),
    ] {
        assert_eq!(err.action(), Action::Backoff, "{err:?}");
        let (decision, _) = social_decides(&err, Locale::Ja, &mut session);
        assert_eq!(decision, Decision::Retry(vec![1, 2, 4, 8].into_iter().map(Duration::from_secs).collect()));
    }
    // The same code in a module without that policy keeps the catalog's action.
    assert_eq!(social::WechatGroupError::SystemError.action(), Action::Retry);
}

#[test]
fn pay_tokens_found_by_oidb_command_ask_for_a_new_login() {
    let response = Response::new(-15001, "ret:-103 msg:oidb decode0x73a failed, ret:17");
    let err = pay_token::MsdkError::decode_in(&response, pay_token::Layer::OidbPayToken).unwrap();
    assert_eq!(err, pay_token::MsdkError::OidbPayToken(pay_token::OidbPayTokenError::PayTokenExpired));
    let mut alerts = Alerts::default();
    let decision = err.handle(&mut PayTeam { desk: Desk { player: Locale::Zh, alerts: &mut alerts, said: None } });
    assert_eq!(decision, Decision::Relogin { prompt: log_in_again(Locale::Zh, "pay token已过期") });
}

#[test]
fn the_social_teams_own_files_extend_the_catalog() {
    let mut session = Session::default();
    // The guild service's codes decode through its layer and go to their action's method.
    let err = social::MsdkError::decode_in(&Response::new(-9102, "busy"), social::Layer::Guild).unwrap();
    assert_eq!(err, social::MsdkError::Guild(social::GuildError::GuildServiceBusy));
    assert_eq!(social_decides(&err, Locale::Ja, &mut session).0, Backoff::TRANSIENT.decision());
    let err = social::MsdkError::from(social::GuildError::GuildSignatureInvalid);
    assert_eq!(kind(&social_decides(&err, Locale::Ja, &mut session).0), "alert bug");
    assert_eq!(err.to_string(), "ギルドサービス -9103: ギルドリクエストの署名が不正です");

    // share_qq 30 says what the team wrote in every locale, and keeps the rest of the catalog's entry.
    let limit = social::ShareQqError::DailyShareLimit;
    assert_eq!(limit.message(Locale::En), "You have shared as much as you can today: share again tomorrow");
    assert_eq!(limit.message(Locale::Ko), "오늘은 더 이상 공유할 수 없습니다. 내일 다시 공유해 주세요");
    assert_eq!(limit.action(), Action::UserLimit);
    assert_eq!(limit.advice(Locale::En), Some("Normal error"));
    // Decoded from a body, it reaches the team's own method, which shows the player that text.
    let body = br#"{"msg":"30,response errorCode error 30","ret":-10000}"#;
    let err = social::MsdkError::from_json_in(body, social::Layer::ShareQq).unwrap().unwrap();
    let reason = "今日のシェアはここまでです。また明日シェアしてください".to_owned();
    assert_eq!(
        social_decides(&err, Locale::Ja, &mut session).0,
        Decision::DisableToday { feature: "QQ share", reason }
    );
}
