//! The game server under the faults production brings, driven over HTTP against the stand-in:
//! one token refresh per generation, shared by every waiting request and finished even when the
//! request that started it is gone; a refresh timeout and a cool-down after a failure; a token
//! refused right after its refresh ends the session; a timeout on each attempt and a deadline per
//! call; the status of each outcome; no access token in any response, log line or metric; one
//! final log event per call.

use std::time::Duration;

use game_server::client::Limits;
use game_server::standin::{EXPIRED_TOKEN, INVALID_CREDENTIAL};
use game_server::{ENDPOINTS, Endpoint, Running, metrics_recorder, start_limited};
use msdk_codes_core::Locale;
use msdk_codes_testing::{REFRESH_PATH, Reply, Script, StandIn, get};
use serde_json::Value;
use tokio::task::JoinSet;

const FRIENDS: &str = "/relation/wxfriends_profile";

/// The tests run one at a time: with a subscriber of its own per test thread, events went missing
/// from a test's capture while other tests ran on parallel threads (tracing caches whether a call
/// site is enabled for the whole process).
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

#[path = "common/logs.rs"]
mod logs;
use logs::Logs;

/// The lines of the game server's own events (target `msdk`).
fn msdk(logs: &Logs) -> Vec<Value> {
    logs.lines().into_iter().filter(|line| line["target"] == "msdk").collect()
}

/// The final events of calls: neither a retried attempt nor a refresh's own event.
fn finals(logs: &Logs) -> Vec<Value> {
    let is_final = |line: &Value| line.get("msdk.attempt").is_none() && line.get("msdk.generation").is_none();
    msdk(logs).into_iter().filter(is_final).collect()
}

/// The value of a series of the rendered metrics, 0 when absent.
fn metric(rendered: &str, series: &str) -> f64 {
    rendered.lines().find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.parse().ok()).unwrap_or(0.0)
}

fn endpoint(name: &str) -> &'static Endpoint {
    ENDPOINTS.iter().find(|endpoint| endpoint.name == name).unwrap()
}

/// The stand-in with the game server's starting token expired on every API.
async fn expired_stand_in() -> StandIn {
    let stand_in = StandIn::start().await.unwrap();
    stand_in.script_token(EXPIRED_TOKEN, Reply::json(INVALID_CREDENTIAL));
    stand_in
}

async fn start(stand_in: StandIn, limits: Limits) -> Running {
    start_limited(stand_in, metrics_recorder(), limits).await.unwrap()
}

/// A player's request to `endpoint`: the status and the JSON answer.
async fn call(game: std::net::SocketAddr, endpoint: &str) -> (u16, Value) {
    let fetched = get(&format!("http://{game}/call/{endpoint}?player=en"), Duration::from_secs(20)).await.unwrap();
    (fetched.status, serde_json::from_slice(&fetched.body).unwrap())
}

/// `n` requests to `endpoint` at once.
async fn concurrently(game: std::net::SocketAddr, endpoint: &'static str, n: usize) -> Vec<(u16, Value)> {
    let mut requests = JoinSet::new();
    for _ in 0..n {
        requests.spawn(call(game, endpoint));
    }
    requests.join_all().await
}

/// A player's request that finds the token expired and starts the refresh, then leaves: it is
/// cancelled as soon as the stand-in sees the refresh.
async fn start_a_refresh_and_leave(running: &Running) {
    let app = running.app.clone();
    let starter = tokio::spawn(async move { app.handle(endpoint("wechat-friends"), Locale::En).await });
    while running.stand_in.refreshes() == 0 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    starter.abort();
    assert!(starter.await.unwrap_err().is_cancelled(), "the player left before the refresh ended");
}

#[tokio::test(flavor = "current_thread")]
async fn one_refresh_for_every_waiting_request_that_outlives_the_request_that_started_it() {
    let _one = ONE_AT_A_TIME.lock().await;
    let stand_in = expired_stand_in().await;
    stand_in.script(REFRESH_PATH, Reply::NewToken.after(Duration::from_millis(500)));
    let running = start(stand_in, Limits::DEFAULT).await;

    // The first request finds the token expired and starts the refresh, then its player leaves.
    start_a_refresh_and_leave(&running).await;

    // Twenty more find it expired while the refresh runs: they wait for the same one.
    let answers = concurrently(running.game, "wechat-friends", 20).await;
    assert!(answers.iter().all(|(status, answer)| *status == 200 && answer["attempts"] == 2), "{answers:?}");
    assert_eq!((running.stand_in.refreshes(), running.app.msdk.refreshes()), (1, 1));
    assert_eq!(running.stand_in.tokens_issued(), 1);
}

#[tokio::test(flavor = "current_thread")]
async fn a_refresh_that_nobody_waits_for_still_stores_its_token() {
    let _one = ONE_AT_A_TIME.lock().await;
    let stand_in = expired_stand_in().await;
    stand_in.script(REFRESH_PATH, Reply::NewToken.after(Duration::from_millis(200)));
    let running = start(stand_in, Limits::DEFAULT).await;
    start_a_refresh_and_leave(&running).await;
    while running.app.msdk.refreshes() == 0 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // The next request uses the new token at once.
    let (status, answer) = call(running.game, "wechat-friends").await;
    assert_eq!((status, &answer["attempts"]), (200, &1.into()), "{answer}");
    assert_eq!(running.stand_in.refreshes(), 1);
}

#[tokio::test(flavor = "current_thread")]
async fn a_failed_refresh_is_shared_by_its_waiters_then_cools_down() {
    let _one = ONE_AT_A_TIME.lock().await;
    let (logs, _guard) = Logs::capture();
    let stand_in = expired_stand_in().await;
    stand_in.script(REFRESH_PATH, Reply::BadGateway.after(Duration::from_millis(200)));
    let limits = Limits { refresh_cool_down: Duration::from_millis(800), ..Limits::DEFAULT };
    let running = start(stand_in, limits).await;

    let answers = concurrently(running.game, "wechat-friends", 10).await;
    assert!(answers.iter().all(|(status, _)| *status == 503), "{answers:?}");
    assert_eq!(answers[0].1["decoded"], "access token refresh failed: HTTP 502, not an MSDK response");
    assert_eq!(running.stand_in.refreshes(), 1, "one refresh, its failure shared");

    // Within the cool-down: answered at once, no refresh, a Retry-After of the time left.
    let outcome = running.app.handle(endpoint("wechat-friends"), Locale::En).await;
    assert_eq!((outcome.status.as_u16(), outcome.attempts), (503, 1));
    assert!(outcome.retry_after.is_some_and(|after| after <= limits.refresh_cool_down), "{outcome:?}");
    assert_eq!(running.stand_in.refreshes(), 1);

    // After it, the next request refreshes again, and MSDK gives a token now.
    tokio::time::sleep(limits.refresh_cool_down).await;
    running.stand_in.script(REFRESH_PATH, Reply::NewToken);
    let (status, answer) = call(running.game, "wechat-friends").await;
    assert_eq!((status, &answer["attempts"]), (200, &2.into()), "{answer}");
    assert_eq!(running.stand_in.refreshes(), 2);

    // Counted (the recorder is the test binary's: at least this test's).
    let metrics = running.app.metrics.render();
    assert!(metric(&metrics, "msdk_token_refresh_failures_total") >= 1.0, "{metrics}");
    assert!(metric(&metrics, r#"msdk_requests_total{api="/relation/wxfriends_profile",outcome="failure"}"#) >= 11.0);

    // The failed refresh: one WARN event of its own; each of the 11 calls that met it: one final
    // event.
    let lines = msdk(&logs);
    let refresh_failures: Vec<&Value> = lines.iter().filter(|line| line["error.type"] == "token_refresh").collect();
    assert_eq!(refresh_failures.len(), 1, "{refresh_failures:?}");
    assert_eq!(refresh_failures[0]["level"], "WARN");
    let finals = finals(&logs);
    assert_eq!(finals.len(), 12, "{finals:#?}");
    assert_eq!(finals.iter().filter(|line| line["level"] == "WARN").count(), 11);
    assert_eq!(finals.iter().filter(|line| line["message"] == "MSDK call succeeded").count(), 1);
}

#[tokio::test(flavor = "current_thread")]
async fn a_refresh_that_does_not_answer_times_out() {
    let _one = ONE_AT_A_TIME.lock().await;
    let stand_in = expired_stand_in().await;
    stand_in.script(REFRESH_PATH, Reply::Hang);
    let limits = Limits { refresh_timeout: Duration::from_millis(200), ..Limits::DEFAULT };
    let running = start(stand_in, limits).await;
    let answers = concurrently(running.game, "wechat-friends", 5).await;
    for (status, answer) in &answers {
        assert_eq!((*status, &answer["decoded"]), (503, &"access token refresh: no answer within 200ms".into()));
    }
    assert_eq!(running.stand_in.refreshes(), 1);
}

#[tokio::test(flavor = "current_thread")]
async fn a_token_refused_right_after_its_refresh_ends_the_session() {
    let _one = ONE_AT_A_TIME.lock().await;
    let (logs, _guard) = Logs::capture();
    let stand_in = expired_stand_in().await;
    // Every token is refused: the refresh token behind them is gone.
    stand_in.script(FRIENDS, Reply::json(INVALID_CREDENTIAL));
    let running = start(stand_in, Limits::DEFAULT).await;
    let (status, answer) = call(running.game, "wechat-friends").await;
    assert_eq!((status, &answer["attempts"]), (401, &2.into()), "{answer}");
    assert_eq!(answer["decision"], "end the session, ask the player to log in again");
    assert_eq!(answer["player_sees"], "Please log in again (invalid credential)");
    assert_eq!(running.stand_in.refreshes(), 1);
    // Within the cool-down, the same token is not refreshed again.
    for _ in 0..5 {
        let (status, answer) = call(running.game, "wechat-friends").await;
        assert_eq!((status, &answer["attempts"]), (401, &1.into()), "{answer}");
    }
    assert_eq!(running.stand_in.refreshes(), 1);
    let rejected = msdk(&logs).into_iter().filter(|line| line["error.type"] == "token_rejected").count();
    assert_eq!(rejected, 1, "logged once");
}

#[tokio::test(flavor = "current_thread")]
async fn each_attempt_has_a_timeout_and_each_call_a_deadline() {
    let _one = ONE_AT_A_TIME.lock().await;
    let stand_in = StandIn::start().await.unwrap();
    stand_in.script(FRIENDS, Reply::Hang);
    stand_in.script("/mpay/pay_m", Reply::Hang);
    let limits = Limits {
        attempt_timeout: Duration::from_millis(100),
        deadline: Duration::from_millis(1000),
        ..Limits::DEFAULT
    };
    let running = start(stand_in, limits).await;
    // A read: tried again after no answer, as long as the retries fit in the deadline.
    let (status, answer) = call(running.game, "wechat-friends").await;
    assert_eq!((status, &answer["decoded"]), (503, &"no answer from MSDK: no answer within 100ms".into()));
    assert_eq!(answer["attempts"], 4);
    // A payment that got no answer may have been paid: not called again.
    let (status, answer) = call(running.game, "pay").await;
    assert_eq!((status, &answer["attempts"]), (503, &1.into()), "{answer}");
    assert_eq!(running.stand_in.calls("/mpay/pay_m"), 1);

    // A refresh slower than the call's deadline: the call ends at its deadline.
    let stand_in = expired_stand_in().await;
    stand_in.script(REFRESH_PATH, Reply::NewToken.after(Duration::from_millis(600)));
    let limits = Limits { deadline: Duration::from_millis(300), ..Limits::DEFAULT };
    let running = start(stand_in, limits).await;
    let (status, answer) = call(running.game, "wechat-friends").await;
    assert_eq!(status, 503);
    assert_eq!(answer["decoded"], "no answer from MSDK within the call's deadline (300ms)");
}

#[tokio::test(flavor = "current_thread")]
async fn what_retries_did_not_solve_is_429_or_503_with_retry_after() {
    let _one = ONE_AT_A_TIME.lock().await;
    let stand_in = StandIn::start().await.unwrap();
    let limited = Reply::json(r#"{"ret":-503,"msg":"frequency limit"}"#);
    stand_in.script("/mpay/pay_m", Script::always(limited));
    // A deadline that leaves room for one retry after the frequency limit's second, at most: each
    // wait is at least that second, so two retries would end past it.
    let limits = Limits { deadline: Duration::from_millis(1900), ..Limits::DEFAULT };
    let running = start(stand_in, limits).await;
    let outcome = running.app.handle(endpoint("pay"), Locale::En).await;
    assert_eq!(outcome.status.as_u16(), 429, "{outcome:?}");
    assert_eq!(outcome.retry_after, Some(Duration::from_secs(1)));
    assert!((1..=2).contains(&outcome.attempts), "{outcome:?}");
    // MSDK's internal error, still there after three retries.
    running.stand_in.script("/mpay/pay_m", Script::always(Reply::json(r#"{"ret":-307,"msg":"internal error"}"#)));
    let (status, answer) = call(running.game, "pay").await;
    assert_eq!((status, &answer["attempts"]), (503, &4.into()), "{answer}");
    assert_eq!(answer["decision"], "raise alert #2 (support)");
}

#[tokio::test(flavor = "current_thread")]
async fn no_access_token_in_a_response_a_log_line_or_a_metric() {
    let _one = ONE_AT_A_TIME.lock().await;
    let (logs, _guard) = Logs::capture();
    let stand_in = expired_stand_in().await;
    let running = start(stand_in, Limits { attempt_timeout: Duration::from_millis(100), ..Limits::DEFAULT }).await;
    let mut bodies = String::new();
    // Each fault of the network and of a proxy, on a read (retried) and a payment (not), before
    // and after a token refresh.
    for reply in [
        Reply::BadGateway,
        Reply::Closed,
        Reply::Hang,
        Reply::json(r#"{"ret":0,"msg":"success","lists":[]}"#).truncated(),
        Reply::json(r#"{"ret":-20000,"msg":"48001,api unauthorized, access_token=standin-token-1 openid=o9Rz"}"#),
    ] {
        running.stand_in.script_any(reply.clone());
        running.stand_in.script(FRIENDS, reply);
        for endpoint in ["wechat-friends", "pay", "wechat-friends"] {
            let fetched = get(&format!("http://{}/call/{endpoint}?player=en", running.game), Duration::from_secs(20))
                .await
                .unwrap();
            assert!([502, 503].contains(&fetched.status), "{endpoint}: {}", fetched.text());
            bodies.push_str(&fetched.text());
        }
    }
    assert!(running.stand_in.tokens_issued() >= 1, "a refreshed token was used too");
    let metrics = get(&format!("http://{}/metrics", running.game), Duration::from_secs(5)).await.unwrap().text();
    // Each attempt with no answer counted, and each call by its outcome.
    let friends_no_answer = metric(&metrics, r#"msdk_transport_errors_total{api="/relation/wxfriends_profile"}"#);
    assert!(friends_no_answer >= 16.0, "two faults, two reads, four attempts each:\n{metrics}");
    assert!(metric(&metrics, r#"msdk_requests_total{api="/mpay/pay_m",outcome="transport"}"#) >= 2.0);
    assert!(metric(&metrics, r#"msdk_requests_total{api="/mpay/pay_m",outcome="bad_body"}"#) >= 1.0);
    let tokens: Vec<String> = running.stand_in.requests().into_iter().filter_map(|request| request.token).collect();
    assert!(tokens.iter().any(|token| token == EXPIRED_TOKEN) && tokens.iter().any(|token| token != EXPIRED_TOKEN));
    let logs = logs.text();
    assert!(logs.contains("no answer within 100ms") && logs.contains("HTTP 502"), "the faults were logged");
    for (output, text) in [("responses", &bodies), ("logs", &logs), ("metrics", &metrics)] {
        for token in &tokens {
            assert!(!text.contains(token.as_str()), "{token} in the {output}:\n{text}");
        }
        assert!(!text.contains("o9Rz"), "the openid in the {output}");
    }
    // What the server said stays, masked.
    assert!(bodies.contains("access_token=***") || logs.contains("access_token=***"));
}
