//! Every code of each team's subset, answered by the MSDK stand-in and run through the game server
//! over HTTP: each gets the status its outcome calls for (never a 500, never a 200 for a failure),
//! is decoded into the team's own value, retried as its action says, and decided as the team's
//! handler says.

use std::time::Duration;

use game_server::client::Limits;
use game_server::handlers::{Desk, PayTeam, SocialTeam};
use game_server::policy::{Alerts, Decision, Session, log_in_again};
use game_server::teams::{pay, pay_token, social};
use game_server::{ENDPOINTS, Endpoint, Via, metrics_recorder, start_limited};
use msdk_codes_core::{Action, Locale, MsdkErrorEnum};
use msdk_codes_testing::{Case, Report, StandIn, get};
use serde_json::Value;

/// The client's limits for the run: the game server's retries, a deadline that every retry
/// schedule but a minute's fits in, a budget that pays every retry of every code (each call
/// earns three), and no cool-down between token refreshes, so that each code meets the client
/// as the first one did.
const LIMITS: Limits = Limits {
    deadline: Duration::from_secs(30),
    refresh_cool_down: Duration::ZERO,
    budget_percent: 300,
    budget_per_second: 0,
    ..Limits::DEFAULT
};

/// The client's retries (`Limits::retries`), plus the first attempt.
const MOST_ATTEMPTS: usize = LIMITS.retries + 1;

/// What the game server answered for one code.
#[derive(Debug)]
struct Answer {
    status: u16,
    decoded: String,
    decision: String,
    player_sees: Option<String>,
    attempts: usize,
}

/// Calls `endpoint` of the game server at `game` for a player of `en`.
async fn call(game: std::net::SocketAddr, endpoint: &Endpoint) -> Answer {
    let url = format!("http://{game}/call/{}?player=en", endpoint.name);
    let fetched = get(&url, Duration::from_secs(20)).await.unwrap_or_else(|err| panic!("{url}: {err}"));
    let answer: Value = serde_json::from_slice(&fetched.body).unwrap_or(Value::Null);
    Answer {
        status: fetched.status,
        decoded: answer["decoded"].as_str().unwrap_or_default().to_owned(),
        decision: answer["decision"].as_str().unwrap_or_default().to_owned(),
        player_sees: answer["player_sees"].as_str().map(str::to_owned),
        attempts: answer["attempts"].as_u64().unwrap_or_default() as usize,
    }
}

/// A decision as the operators read it, without the alert's ticket number (which counts the
/// alerts of the whole run).
fn without_ticket(text: &str) -> String {
    let mut out = String::new();
    let mut after_hash = false;
    for c in text.chars() {
        if after_hash && c.is_ascii_digit() {
            continue;
        }
        after_hash = c == '#' || (after_hash && c.is_ascii_digit());
        out.push(c);
    }
    out
}

/// The game server's decision for each action, when the team decides by action.
fn by_action(action: Action) -> &'static str {
    match action {
        Action::Ignore => "carry on",
        // A token refused again after its refresh: refreshing does not help.
        Action::Reauthorize | Action::RefreshToken => "end the session, ask the player to log in again",
        Action::UserLimit => "refuse, tell the player why",
        Action::FixRequest => "raise alert # (bug)",
        Action::FixConfig => "raise alert # (config)",
        // What retries did not solve is for support, as is what only MSDK can fix.
        Action::Retry | Action::Backoff | Action::ContactSupport => "raise alert # (support)",
    }
}

/// Runs every code of `E` through the game server, each at the endpoint whose MSDK API has the
/// code's layer as its table, and checks each outcome: the status, the decoded value, the
/// attempts the stand-in saw and the token refreshes, and the decision (`decides`: the team's
/// handler, the expected decision where retries do not decide).
async fn cover<E: MsdkErrorEnum>(
    team: &str,
    endpoint_of: impl Fn(&Case<E>) -> Option<&'static Endpoint>,
    decides: impl Fn(&E) -> Decision,
) -> Report<E, Answer> {
    let running = start_limited(StandIn::start().await.unwrap(), metrics_recorder(), LIMITS).await.unwrap();
    let game = running.game;
    let report = running
        .stand_in
        .coverage()
        .every_code::<E, _, _, _>(|case| {
            let endpoint = endpoint_of(&case).unwrap_or_else(|| panic!("{team}: no endpoint for {case:?}"));
            async move { call(game, endpoint).await }
        })
        .await;
    assert!(!report.outcomes().is_empty());
    report.assert_all(&format!("{team}: every code answers the status of its outcome"), |outcome| {
        let failure = outcome.case.failure().unwrap();
        let retry = failure.retry();
        let status = if retry.refresh_token_first() {
            // Refused again after the refresh: the player logs in again.
            401
        } else if retry.is_retryable() {
            if retry.is_rate_limited() { 429 } else { 503 }
        } else {
            match decides(outcome.case.error()) {
                Decision::Proceed => 200,
                Decision::Relogin { .. } => 401,
                Decision::Refuse { .. } | Decision::DisableToday { .. } => 403,
                Decision::Alerted { .. } => 502,
                other => panic!("{other:?} after no retry"),
            }
        };
        outcome.result.as_ref().is_some_and(|answer| answer.status == status)
    });
    report.assert_all(&format!("{team}: the game server decodes the team's own value"), |outcome| {
        let entry = outcome.case.entry().unwrap();
        let mut decoded = format!("{} {} {} ({})", entry.layer_id(), entry.codes()[0], entry.name(), entry.action());
        if entry.action() == Action::RefreshToken {
            decoded.push_str(", refused again after a refresh");
        }
        outcome.result.as_ref().unwrap().decoded == decoded
    });
    report.assert_all(&format!("{team}: retried as the action says, each attempt seen by MSDK"), |outcome| {
        let answer = outcome.result.as_ref().unwrap();
        let retry = outcome.case.failure().unwrap().retry();
        // Retried unless the longest schedule of waits would pass the deadline (a minute's quota).
        let longest = retry.delay_with(Duration::from_secs(1), 1.0);
        let retried = longest.is_some_and(|wait| wait * MOST_ATTEMPTS as u32 <= LIMITS.deadline);
        // An expired token: refreshed once, and the new one refused the same way.
        let (attempts, refreshes) = match () {
            _ if retry.refresh_token_first() => (2, 1),
            _ if retried => (MOST_ATTEMPTS, 0),
            _ => (1, 0),
        };
        answer.attempts == attempts && outcome.requests == attempts && outcome.refreshes == refreshes
    });
    report.assert_all(&format!("{team}: decided by the team's handler, or alerted once retries ran out"), |outcome| {
        let answer = outcome.result.as_ref().unwrap();
        let error = outcome.case.error();
        let retry = outcome.case.failure().unwrap().retry();
        let expected = if retry.refresh_token_first() {
            by_action(Action::Reauthorize).to_owned()
        } else if retry.is_retryable() {
            by_action(Action::Retry).to_owned()
        } else {
            without_ticket(&decides(error).to_string())
        };
        let player_sees = answer.player_sees.as_deref().map(without_ticket);
        let handler_sees = match retry.refresh_token_first() {
            true => Some(log_in_again(Locale::En, outcome.case.failure().unwrap().message(Locale::En))),
            false => decides(error).player_sees().map(without_ticket),
        };
        without_ticket(&answer.decision) == expected && (expected.contains("alert") || player_sees == handler_sees)
    });
    report
}

/// The endpoint whose `via` the closure accepts.
fn endpoint(is_it: impl Fn(Via) -> bool) -> Option<&'static Endpoint> {
    ENDPOINTS.iter().find(|endpoint| is_it(endpoint.via))
}

/// The codes whose decision is not the one of their action: the team's own calls.
fn own_calls<E: MsdkErrorEnum, T>(report: &Report<E, T>, decision: impl Fn(&T) -> String) -> Vec<&'static str> {
    let mut own = Vec::new();
    for outcome in report.outcomes() {
        let expected = by_action(outcome.case.action());
        if outcome.result.as_ref().is_some_and(|result| without_ticket(&decision(result)) != expected) {
            own.push(outcome.case.name());
        }
    }
    own.sort_unstable();
    own
}

#[tokio::test(flavor = "current_thread")]
async fn every_code_of_each_team_through_the_game_server() {
    let pay = cover::<pay::MsdkError>(
        "pay",
        |case| endpoint(|via| matches!(via, Via::Pay(layer) if Some(layer) == case.layer())),
        |err| {
            let mut alerts = Alerts::default();
            err.handle(&mut PayTeam { desk: Desk { player: Locale::En, alerts: &mut alerts, said: None } })
        },
    );
    let pay_token = cover::<pay_token::MsdkError>(
        "pay_token",
        |case| endpoint(|via| matches!(via, Via::PayToken(layer) if Some(layer) == case.layer())),
        |err| {
            let mut alerts = Alerts::default();
            err.handle(&mut PayTeam { desk: Desk { player: Locale::En, alerts: &mut alerts, said: None } })
        },
    );
    let social = cover::<social::MsdkError>(
        "social",
        |case| endpoint(|via| matches!(via, Via::Social(layer) if Some(layer) == case.layer())),
        |err| {
            let (mut alerts, mut session) = (Alerts::default(), Session::default());
            let desk = Desk { player: Locale::En, alerts: &mut alerts, said: None };
            err.handle(&mut SocialTeam { desk, session: &mut session })
        },
    );
    let (pay, pay_token, social) = tokio::join!(pay, pay_token, social);

    // Every code that makes the player log in again ends the session, for each team.
    let relogin = by_action(Action::Reauthorize);
    pay_token.assert_all("pay_token: reauthorize ends the session", |outcome| {
        outcome.case.action() != Action::Reauthorize || outcome.result.as_ref().unwrap().decision == relogin
    });
    social.assert_all("social: reauthorize ends the session", |outcome| {
        outcome.case.action() != Action::Reauthorize || outcome.result.as_ref().unwrap().decision == relogin
    });
    // The teams decide by action but for their own calls: the payment team refuses guests, the
    // social team hides QQ sharing for the day at the daily limit and says nothing when a friend
    // refuses messages.
    let decision = |answer: &Answer| answer.decision.clone();
    assert_eq!(own_calls(&pay, decision), ["GuestModeNotAllowed"], "{pay}");
    assert_eq!(own_calls(&pay_token, decision), Vec::<&str>::new(), "{pay_token}");
    assert_eq!(own_calls(&social, decision), ["DailyShareLimit", "UserRejected"], "{social}");
}
