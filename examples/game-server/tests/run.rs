//! `cargo run -p game-server` end to end: every call is handled and the report says so.

use game_server::policy::Decision;
use game_server::{CALLS, Server, run};

#[test]
fn run_prints_each_api_its_code_the_decision_and_the_players_message() {
    let mut out = Vec::new();
    run(&mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() <= 70, "{} lines", lines.len());
    assert_eq!(lines.iter().filter(|line| line.trim_start().starts_with("server  ")).count(), CALLS.len());

    // The decoded code follows its API on the same line; server and player lines follow.
    let at =
        lines.iter().position(|line| line.starts_with("/share/qq") && line.contains("30 DailyShareLimit")).unwrap();
    assert!(lines[at + 1].ends_with("server  turn QQ share off for this player until tomorrow"), "{}", lines[at + 1]);
    // The team's own text for this code (data/share_qq.toml), not the catalog's.
    assert!(lines[at + 2].ends_with("player  [ja] 今日のシェアはここまでです。また明日シェアしてください"));

    // The game's own guild service, decoded through its layer (data/guild.toml).
    let at = lines.iter().position(|line| line.starts_with("/guild/join")).unwrap();
    assert!(lines[at].ends_with("guild -9101 GuildFull (user_limit)"), "{}", lines[at]);
    assert!(lines[at + 1].ends_with("server  refuse, tell the player why"), "{}", lines[at + 1]);
    assert!(lines[at + 2].ends_with("player  [ko] 길드 인원이 가득 찼습니다"), "{}", lines[at + 2]);

    for expected in [
        "share_qq 100030 HeartRecipientNotFriend (user_limit)",
        "share_qq 32 TargetNotFriendOrNotFollowing (user_limit)",
        "qq_platform -73 AccessTokenPasswordChanged (reauthorize)",
        "player  [zh] 请重新登录（0x47 access token改密失效）",
        "wechat_platform 40001 CredentialInvalid (refresh_token)",
        "wechat_platform -1 SystemError (backoff)",
        "oidb_pay_token 17 PayTokenExpired (reauthorize)",
        "access -503 FrequencyLimit (backoff)",
        "server  retry after 1s, 2s, 4s, 8s, then alert",
        "ret 0: success",
        "not an MSDK response: EOF while parsing a string",
        "access -107 PaymentIpNotWhitelisted (fix_config)",
        "access token refreshes: 1; alerts raised: 3",
        "wechat_platform 48001 ApiUnauthorized (fix_config)",
        "#2 config    MSDK接入层 -107: 支付IP不在白名单中",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
}

#[test]
fn every_call_is_decided_and_only_the_success_proceeds() {
    let mut server = Server::default();
    let proceeding: Vec<&str> =
        CALLS.iter().filter(|call| server.handle(call).decision == Decision::Proceed).map(|call| call.api).collect();
    assert_eq!(proceeding, ["/relation/qqfriends_detail"]);
}

#[test]
fn an_alert_keeps_what_the_server_said_and_wechats_request_id() {
    let mut server = Server::default();
    let call = CALLS.iter().find(|call| call.api == "/relation/wxuserinfo").expect("the WeChat call with a rid");
    let decision = server.handle(call).decision;
    assert!(matches!(decision, Decision::Alerted { ticket: 1, .. }), "{decision:?}");
    let alert = &server.alerts.raised()[0];
    assert_eq!(alert.rid.as_deref(), Some("64b8f1e0-2b1c"));
    assert_eq!(alert.server_said.as_deref(), Some(call.body[21..call.body.len() - 2].as_ref()));
    let mut out = Vec::new();
    run(&mut out).unwrap();
    assert!(String::from_utf8(out).unwrap().contains("WeChat rid: 64b8f1e0-2b1c"));
}
