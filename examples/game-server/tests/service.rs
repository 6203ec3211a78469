//! The game server driven over HTTP: what each player sees and the status they get, one final JSON
//! log line per call (the retried attempts at `DEBUG`) with the keys of the failure's `serde`
//! object, the Prometheus metrics counted once per call, one token refresh.

use std::time::{Duration, Instant};

use game_server::client::get;
use game_server::teams::{pay, social};
use game_server::{metrics_recorder, scenario, start};
use http_body_util::Empty;
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use msdk_codes_core::Failure;
use serde_json::Value;

#[path = "common/logs.rs"]
mod logs;
use logs::Logs;

fn http() -> Client<HttpConnector, Empty<Bytes>> {
    Client::builder(TokioExecutor::new()).build_http()
}

/// The answers of `endpoint`.
fn answers<'a>(report: &'a game_server::scenario::Report, endpoint: &str) -> Vec<&'a Value> {
    report.answers.iter().filter(|answer| answer["endpoint"] == endpoint).collect()
}

/// Every field of the failure's serde object that has a value is in the log line, the same, under
/// `msdk.` (but `message`, the line's own).
fn line_carries(line: &Value, object: Value) {
    let Value::Object(object) = object else { panic!("an object") };
    for (key, value) in object {
        let field = if key == "message" { key } else { format!("msdk.{key}") };
        if field == "message" || !value.is_null() {
            assert_eq!(line[&field], value, "{field} in {line}");
        }
    }
}

#[tokio::test(flavor = "current_thread")]
async fn the_scenario_over_http() {
    let (logs, _subscriber) = Logs::capture();
    let running = start(metrics_recorder()).await.unwrap();
    let mut out = Vec::new();
    let report = scenario(running.game, &mut out).await.unwrap();

    // What each player got.
    let friends = answers(&report, "wechat-friends");
    assert_eq!(friends.len(), game_server::scenario::CONCURRENT);
    assert!(friends.iter().all(|answer| answer["decoded"] == "ret 0: success" && answer["decision"] == "carry on"));
    // Each found the token expired and tried again; one also met WeChat's "-1, system error".
    let attempts: u64 = friends.iter().map(|answer| answer["attempts"].as_u64().unwrap()).sum();
    assert_eq!(attempts, 2 * friends.len() as u64 + 1);
    assert_eq!((running.stand_in.refreshes(), running.app.msdk.refreshes()), (1, 1), "one refresh for all");

    assert!(friends.iter().all(|answer| answer["status"] == 200));
    let expect = |endpoint: &str, status: u16, decoded: &str, decision: &str, player: Option<&str>| {
        let answer = answers(&report, endpoint)[0];
        assert_eq!(answer["status"], status, "{answer}");
        assert!(answer["decoded"].as_str().unwrap().starts_with(decoded), "{answer}");
        assert_eq!(answer["decision"], decision, "{answer}");
        assert_eq!(answer["player_sees"].as_str(), player, "{answer}");
    };
    expect(
        "wechat-profile",
        502,
        "wechat_platform 48001 ApiUnauthorized (fix_config)",
        "raise alert #1 (config)",
        Some("問題が発生しました。しばらくしてからもう一度お試しください（#1）"),
    );
    expect("pay", 200, "ret 0: success", "carry on", None);
    assert_eq!(answers(&report, "pay")[0]["attempts"], 2);
    expect(
        "balance",
        401,
        "oidb_pay_token 17 PayTokenExpired (reauthorize)",
        "end the session, ask the player to log in again",
        Some("请重新登录（pay token已过期）"),
    );
    expect(
        "share-qq",
        502,
        // The operators' language (English), not the social team's Japanese.
        "unknown code: ret -10000, code 229999 (not in `share_qq`)",
        "raise alert #2 (unknown)",
        Some("問題が発生しました。しばらくしてからもう一度お試しください（#2）"),
    );
    expect(
        "qq-friends",
        502,
        "not an MSDK response: EOF",
        "raise alert #3 (bad body)",
        Some("Something went wrong, please try again later (#3)"),
    );
    // A cut body may come from a proxy that dropped a read: read again, then given up on.
    assert_eq!(answers(&report, "qq-friends")[0]["attempts"], 4);
    expect(
        "guild-join",
        403,
        "guild -9101 GuildFull (user_limit)",
        "refuse, tell the player why",
        Some("길드 인원이 가득 찼습니다"),
    );
    {
        let server = running.app.server.lock().unwrap();
        let alert = &server.alerts.raised()[0];
        assert_eq!(alert.rid.as_deref(), Some("64b8f1e0-2b1c"), "the alert keeps WeChat's request id");
    }

    // One final event per call, at the level of its action; each retried attempt at DEBUG with
    // its number.
    let lines: Vec<Value> = logs.lines().into_iter().filter(|line| line["target"] == "msdk").collect();
    let attempts: Vec<&Value> = lines.iter().filter(|line| line.get("msdk.attempt").is_some()).collect();
    let retried = |error_type: &str| attempts.iter().filter(|line| line["error.type"] == error_type).count();
    assert_eq!(retried("wechat_platform.CredentialInvalid"), 8);
    assert_eq!(retried("wechat_platform.SystemError"), 1);
    assert_eq!(retried("access.FrequencyLimit"), 1);
    assert_eq!(retried("bad_body"), 3);
    assert!(attempts.iter().all(|line| line["level"] == "DEBUG"));
    let finals: Vec<&Value> = lines
        .iter()
        .filter(|line| line.get("msdk.attempt").is_none() && line.get("msdk.generation").is_none())
        .collect();
    assert_eq!(finals.len(), game_server::scenario::CONCURRENT + game_server::scenario::REQUESTS.len(), "{finals:#?}");
    let successes = finals.iter().filter(|line| line["message"] == "MSDK call succeeded").count();
    assert_eq!(successes, game_server::scenario::CONCURRENT + 1, "the friends and the payment");
    assert!(finals.iter().all(|line| line["target"] == "msdk"));
    let failures: Vec<&Value> = finals.iter().copied().filter(|line| line.get("msdk.name").is_some()).collect();
    let count = |error_type: &str| failures.iter().filter(|line| line["error.type"] == error_type).count();
    for error_type in
        ["wechat_platform.ApiUnauthorized", "oidb_pay_token.PayTokenExpired", "share_qq.Unknown", "guild.GuildFull"]
    {
        assert_eq!(count(error_type), 1, "{error_type}");
    }
    assert_eq!(failures.len(), 4);
    let refreshed: Vec<&Value> = lines.iter().filter(|line| line.get("msdk.generation").is_some()).collect();
    assert_eq!(refreshed.len(), 1);
    assert_eq!((&refreshed[0]["message"], &refreshed[0]["level"]), (&"access token refreshed".into(), &"INFO".into()));

    let unauthorized = failures.iter().find(|line| line["error.type"] == "wechat_platform.ApiUnauthorized").unwrap();
    assert_eq!(unauthorized["level"], "ERROR");
    let body = br#"{"ret":-20000,"msg":"48001,api unauthorized, hint: [Bq0Xya0297ge13] rid: 64b8f1e0-2b1c"}"#;
    let failure = Failure::<social::MsdkError>::from_json_in(body, social::Layer::WechatPlatform).unwrap().unwrap();
    line_carries(unauthorized, serde_json::to_value(&failure).unwrap());
    assert_eq!(unauthorized["msdk.rid"], "64b8f1e0-2b1c");

    let limited = attempts.iter().find(|line| line["error.type"] == "access.FrequencyLimit").unwrap();
    assert_eq!((&limited["level"], &limited["msdk.attempt"]), (&"DEBUG".into(), &1.into()));
    let failure = Failure::<pay::MsdkError>::from_json(br#"{"ret":-503,"msg":"frequency limit"}"#).unwrap().unwrap();
    line_carries(limited, serde_json::to_value(&failure).unwrap());

    let unknown = failures.iter().find(|line| line["error.type"] == "share_qq.Unknown").unwrap();
    assert_eq!(
        (&unknown["msdk.layer"], &unknown["msdk.code"], &unknown["msdk.msg"]),
        (&"share_qq".into(), &229999.into(), &"229999, share service upgraded".into())
    );
    assert_eq!(failures.iter().find(|line| line["error.type"] == "guild.GuildFull").unwrap()["level"], "INFO");

    let bad_body: Vec<&Value> = finals.iter().copied().filter(|line| line["error.type"] == "bad_body").collect();
    assert_eq!(bad_body.len(), 1);
    assert_eq!(
        (&bad_body[0]["msdk.api"], &bad_body[0]["level"]),
        (&"/relation/qqfriends_detail".into(), &"ERROR".into())
    );
    assert_eq!(bad_body[0]["msdk.attempts"], 4);

    // The metrics, over HTTP, once per call: the calls by API and outcome, the failures they ended
    // on by layer, name and action (an unknown code by the layer it was looked up in), the
    // latency histogram, the retries given up.
    let metrics = get(&http(), &format!("http://{}/metrics", running.game)).await.unwrap();
    let metrics = String::from_utf8(metrics.to_vec()).unwrap();
    for series in [
        r#"msdk_failures_total{layer="wechat_platform",name="ApiUnauthorized",action="fix_config"} 1"#,
        r#"msdk_failures_total{layer="oidb_pay_token",name="PayTokenExpired",action="reauthorize"} 1"#,
        r#"msdk_failures_total{layer="share_qq",name="Unknown",action="contact_support"} 1"#,
        r#"msdk_failures_total{layer="guild",name="GuildFull",action="user_limit"} 1"#,
        r#"msdk_requests_total{api="/relation/wxfriends_profile",outcome="success"} 8"#,
        r#"msdk_requests_total{api="/mpay/pay_m",outcome="success"} 1"#,
        r#"msdk_requests_total{api="/relation/qqfriends_detail",outcome="bad_body"} 1"#,
        r#"msdk_requests_total{api="/share/qq",outcome="failure"} 1"#,
        r#"msdk_request_duration_seconds_count{api="/relation/wxfriends_profile"} 8"#,
        r#"msdk_request_duration_seconds_bucket{api="/relation/wxfriends_profile",le="+Inf"} 8"#,
        r#"msdk_retries_given_up_total{api="/relation/qqfriends_detail"} 1"#,
        "msdk_token_refreshes_total 1",
    ] {
        assert!(metrics.lines().any(|line| line == series), "{series} in\n{metrics}");
    }
    // The attempts that were retried and then passed are not failures of a call.
    assert_eq!(metrics.lines().filter(|line| line.starts_with("msdk_failures_total{")).count(), 4);
    assert!(!metrics.contains("CredentialInvalid") && !metrics.contains("msdk_token_refresh_failures_total 1"));
    let printed = String::from_utf8(out).unwrap();
    assert!(printed.contains("\n  msdk_token_refreshes_total 1\n"), "{printed}");

    // An endpoint the game server does not have.
    let missing = get(&http(), &format!("http://{}/call/nope", running.game)).await.unwrap_err();
    assert_eq!(missing, "HTTP 404");

    // The frequency limit waits the second the MSDK FAQ gives: timed on a fresh pair of servers
    // (after the metrics above were read, as it counts in the same recorder).
    let running = start(metrics_recorder()).await.unwrap();
    let started = Instant::now();
    let body = get(&http(), &format!("http://{}/call/pay?player=zh", running.game)).await.unwrap();
    let answer: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!((&answer["decoded"], &answer["attempts"]), (&"ret 0: success".into(), &2.into()));
    assert!(started.elapsed() >= Duration::from_secs(1), "{:?}", started.elapsed());
    assert_eq!(running.stand_in.calls("/mpay/pay_m"), 2);
}

#[test]
fn cargo_run_prints_the_log_lines_and_the_metrics_and_exits_0() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_game-server")).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let log_lines = stdout.lines().filter(|line| line.starts_with('{') && line.contains(r#""error.type":"#)).count();
    assert_eq!(log_lines, 5, "four calls that ended on a failure and a bad body:\n{stdout}");
    assert!(stdout.contains(r#"msdk_requests_total{api="/relation/wxfriends_profile",outcome="success"} 8"#));
    assert!(stdout.contains("access token refreshes: 1 for 8 concurrent requests; alerts raised: 3"), "{stdout}");
    let unknown = std::process::Command::new(env!("CARGO_BIN_EXE_game-server")).arg("--nope").output().unwrap();
    assert_eq!(unknown.status.code(), Some(2));
}
