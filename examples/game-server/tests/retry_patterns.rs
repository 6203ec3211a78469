//! Retrying MSDK calls by action with the retry libraries a Rust server uses: backon's
//! `when`/`adjust`, and tower's `retry::Policy`; refresh-then-retry with one refresh however many
//! requests found the token expired. The MSDK here is an in-memory stand-in; the game server's
//! client (`src/client.rs`) does the same over HTTP.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use backon::{ExponentialBuilder, Retryable};
use msdk_codes_core::{Action, CallError, Failure, Idempotence, Response, RetryBudget};
use tokio::task::JoinSet;
use tower::ServiceExt;
use tower::retry::{Policy, Retry};

msdk_codes_core::msdk_errors!(layers = [access, wechat_platform]);

/// A backoff that proposes 100 ms, then 200 ms, ... up to five retries.
fn backoff() -> ExponentialBuilder {
    ExponentialBuilder::default().with_min_delay(Duration::from_millis(100)).with_max_times(5)
}

/// Answers `bodies` in turn, as `Failure`s; records each wait instead of sleeping it.
async fn call_with_backon(
    bodies: &[&'static str],
    max_wait: Duration,
) -> (Result<Response, Failure<MsdkError>>, Vec<Duration>) {
    let bodies = Mutex::new(bodies.iter().copied().collect::<VecDeque<_>>());
    let slept = Arc::new(Mutex::new(Vec::new()));
    let sleeps = slept.clone();
    let result = (|| async {
        let body = bodies.lock().unwrap().pop_front().expect("an answer left");
        let response = Response::from_json(body.as_bytes()).unwrap();
        match Failure::<MsdkError>::decode(&response) {
            None => Ok(response),
            Some(failure) => Err(failure),
        }
    })
    .retry(backoff())
    .sleep(move |wait| {
        sleeps.lock().unwrap().push(wait);
        std::future::ready(())
    })
    // The action says whether; the failure's documented wait lengthens backon's proposal; a wait
    // longer than the caller can afford ends the retries.
    .when(|failure: &Failure<MsdkError>| failure.retry().is_retryable())
    .adjust(move |failure, next| next.and_then(|wait| failure.retry().delay(wait)).filter(|wait| *wait <= max_wait))
    .await;
    let slept = slept.lock().unwrap().clone();
    (result, slept)
}

#[tokio::test(flavor = "current_thread")]
async fn backon_retries_a_frequency_limit_no_sooner_than_the_faq_says() {
    let limited = r#"{"ret":-503,"msg":"frequency limit"}"#;
    let (result, slept) =
        call_with_backon(&[limited, limited, r#"{"ret":0,"msg":"ok"}"#], Duration::from_secs(5)).await;
    assert_eq!(result.unwrap().ret, 0);
    // backon proposed 100 ms and 200 ms; the MSDK back end takes one request a second: each wait
    // is that second, a random share of another, and the proposal.
    let second = Duration::from_secs(1);
    assert_eq!(slept.len(), 2);
    for (wait, proposed) in slept.iter().zip([100, 200].map(Duration::from_millis)) {
        assert!((second + proposed..2 * second + proposed).contains(wait), "{wait:?}");
    }
}

#[tokio::test(flavor = "current_thread")]
async fn callers_limited_together_come_back_spread_over_the_documented_wait() {
    let limited = r#"{"ret":-503,"msg":"frequency limit"}"#;
    let mut first_waits = Vec::new();
    for _ in 0..200 {
        let (_, slept) = call_with_backon(&[limited, r#"{"ret":0}"#], Duration::from_secs(5)).await;
        first_waits.push(slept[0]);
    }
    // Counted in 10 ms slots, as a server sees arrivals: no slot holds a wave.
    let mut slots = std::collections::HashMap::<u128, u32>::new();
    for wait in &first_waits {
        *slots.entry(wait.as_millis() / 10).or_default() += 1;
    }
    assert!(slots.len() > 60, "spread over many slots: {}", slots.len());
    assert!(slots.values().all(|&n| n <= 12), "no wave: {:?}", slots.values().max());
    assert!(first_waits.iter().all(|wait| *wait >= Duration::from_millis(1100)), "none before the second");
}

#[tokio::test(flavor = "current_thread")]
async fn backon_retries_a_transient_failure_on_its_own_schedule() {
    let timeout = r#"{"ret":-309,"msg":"wechat platform timeout"}"#;
    let (result, slept) = call_with_backon(&[timeout, timeout, r#"{"ret":0}"#], Duration::from_secs(5)).await;
    assert!(result.is_ok());
    let millis: Vec<u128> = slept.iter().map(Duration::as_millis).collect();
    assert_eq!(millis, [100, 200]);
}

#[tokio::test(flavor = "current_thread")]
async fn backon_does_not_retry_what_fails_the_same_way() {
    let (result, slept) =
        call_with_backon(&[r#"{"ret":-107,"msg":"ip not in whitelist"}"#], Duration::from_secs(5)).await;
    let failure = result.unwrap_err();
    assert_eq!((failure.action(), slept.len()), (Action::FixConfig, 0));
}

#[tokio::test(flavor = "current_thread")]
async fn backon_gives_up_when_the_minute_quota_asks_for_longer_than_the_caller_waits() {
    let quota = r#"{"ret":-20000,"msg":"45011,api minute-quota reach limit  mustslower  retry next minute"}"#;
    let (result, slept) = call_with_backon(&[quota], Duration::from_secs(5)).await;
    let failure = result.unwrap_err();
    assert_eq!(failure.retry().after(), Some(Duration::from_secs(60)));
    assert!(slept.is_empty(), "a minute is longer than this caller waits");
    // A caller that can wait a minute and its spread waits them.
    let (result, slept) = call_with_backon(&[quota, r#"{"ret":0}"#], Duration::from_secs(180)).await;
    assert!(result.is_ok());
    assert_eq!(slept.len(), 1);
    assert!((Duration::from_millis(60_100)..Duration::from_millis(120_100)).contains(&slept[0]), "{slept:?}");
}

/// The WeChat side: accepts one access token; a refresh issues a new one, slowly.
#[derive(Default)]
struct Wechat {
    token: Mutex<String>,
    refreshes: AtomicU32,
    calls: AtomicU32,
}

impl Wechat {
    fn answer(&self, token: &str) -> Response {
        self.calls.fetch_add(1, Ordering::SeqCst);
        if *self.token.lock().unwrap() == token {
            Response::new(0, "ok")
        } else {
            Response::new(-20000, "40001,invalid credential rid: 6631a5d9")
        }
    }

    async fn refresh(&self) -> String {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let n = self.refreshes.fetch_add(1, Ordering::SeqCst) + 1;
        let token = format!("token-{n}");
        *self.token.lock().unwrap() = token.clone();
        token
    }
}

/// The access token the requests share with its generation (how many times it was replaced), and
/// the lock that lets one request at a time refresh it. Reading the token does not wait for a
/// refresh: requests keep going with the token they have until it is replaced.
struct Tokens {
    current: Mutex<(String, u64)>,
    refreshing: tokio::sync::Mutex<()>,
    wechat: Arc<Wechat>,
}

impl Tokens {
    fn new(wechat: Arc<Wechat>) -> Arc<Tokens> {
        let current = Mutex::new(("expired".to_owned(), 0));
        Arc::new(Tokens { current, refreshing: tokio::sync::Mutex::new(()), wechat })
    }

    fn current(&self) -> (String, u64) {
        self.current.lock().unwrap().clone()
    }

    /// Replaces token generation `seen`, unless another request already did: whoever waited on
    /// the lock finds the new generation and calls nobody.
    async fn refresh_after(&self, seen: u64) {
        let _one_at_a_time = self.refreshing.lock().await;
        if self.current().1 == seen {
            let token = self.wechat.refresh().await;
            *self.current.lock().unwrap() = (token, seen + 1);
        }
    }
}

/// A call that failed with the token of generation `token_generation`.
#[derive(Debug)]
struct Rejected {
    failure: Failure<MsdkError>,
    token_generation: u64,
}

/// One call to WeChat with the current token.
async fn call_wechat(tokens: Arc<Tokens>) -> Result<Response, Rejected> {
    let (token, token_generation) = tokens.current();
    let response = tokens.wechat.answer(&token);
    match Failure::<MsdkError>::decode(&response) {
        None => Ok(response),
        Some(failure) => Err(Rejected { failure, token_generation }),
    }
}

#[tokio::test(flavor = "current_thread")]
async fn backon_refreshes_once_for_many_requests_then_retries() {
    let wechat = Arc::new(Wechat::default());
    let tokens = Tokens::new(wechat.clone());
    let mut requests = JoinSet::new();
    for _ in 0..10 {
        let tokens = tokens.clone();
        requests.spawn(async move {
            (|| async {
                let rejected = call_wechat(tokens.clone()).await;
                if let Err(Rejected { failure, token_generation }) = &rejected
                    && failure.retry().refresh_token_first()
                {
                    tokens.refresh_after(*token_generation).await;
                }
                rejected
            })
            .retry(backoff())
            .sleep(tokio::time::sleep)
            .when(|rejected: &Rejected| rejected.failure.retry().is_retryable())
            .adjust(|rejected, next| next.and_then(|wait| rejected.failure.retry().delay(wait)))
            .await
        });
    }
    for result in requests.join_all().await {
        assert_eq!(result.unwrap().ret, 0);
    }
    assert_eq!(wechat.refreshes.load(Ordering::SeqCst), 1);
    assert_eq!(wechat.calls.load(Ordering::SeqCst), 20, "each request: one rejected call, one accepted");
}

/// tower's retry policy by action: refresh first for `refresh_token` (one refresh for every request
/// that found the same token expired), wait for the others that can pass, stop for the rest.
#[derive(Clone)]
struct RetryByAction {
    tokens: Arc<Tokens>,
    retries_left: u32,
}

impl<Req: Clone, Res> Policy<Req, Res, Rejected> for RetryByAction {
    type Future = Pin<Box<dyn Future<Output = ()> + Send>>;

    fn retry(&mut self, _: &mut Req, result: &mut Result<Res, Rejected>) -> Option<Self::Future> {
        let Err(rejected) = result else { return None };
        let retry = rejected.failure.retry();
        let wait = retry.delay(Duration::from_millis(50))?;
        self.retries_left = self.retries_left.checked_sub(1)?;
        if retry.refresh_token_first() {
            let (tokens, seen) = (self.tokens.clone(), rejected.token_generation);
            return Some(Box::pin(async move { tokens.refresh_after(seen).await }));
        }
        Some(Box::pin(tokio::time::sleep(wait)))
    }

    fn clone_request(&mut self, request: &Req) -> Option<Req> {
        Some(request.clone())
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_tower_retry_policy_refreshes_once_for_many_requests_then_retries() {
    let wechat = Arc::new(Wechat::default());
    let tokens = Tokens::new(wechat.clone());
    let call = tower::service_fn({
        let tokens = tokens.clone();
        move |_api: &'static str| call_wechat(tokens.clone())
    });
    let service = Retry::new(RetryByAction { tokens: tokens.clone(), retries_left: 3 }, call);
    let mut requests = JoinSet::new();
    for _ in 0..10 {
        requests.spawn(service.clone().oneshot("/relation/wxfriends_profile"));
    }
    for result in requests.join_all().await {
        assert_eq!(result.unwrap().ret, 0);
    }
    assert_eq!(wechat.refreshes.load(Ordering::SeqCst), 1);
    assert_eq!(wechat.calls.load(Ordering::SeqCst), 20);
}

#[tokio::test(flavor = "current_thread")]
async fn a_tower_retry_policy_stops_where_the_action_says() {
    let wechat = Arc::new(Wechat::default());
    let tokens = Tokens::new(wechat.clone());
    let calls = Arc::new(AtomicU32::new(0));
    let call = tower::service_fn({
        let calls = calls.clone();
        move |_api: &'static str| {
            calls.fetch_add(1, Ordering::SeqCst);
            let failure = Failure::<MsdkError>::decode(&Response::new(-20000, "48001,api unauthorized")).unwrap();
            std::future::ready(Err::<Response, _>(Rejected { failure, token_generation: 0 }))
        }
    });
    let rejected =
        Retry::new(RetryByAction { tokens, retries_left: 3 }, call).oneshot("/relation/wxuserinfo").await.unwrap_err();
    assert_eq!((rejected.failure.action(), calls.load(Ordering::SeqCst)), (Action::FixConfig, 1));
    assert_eq!(wechat.refreshes.load(Ordering::SeqCst), 0);
}

#[tokio::test(flavor = "current_thread")]
async fn backon_does_not_call_a_payment_again_after_no_answer() {
    let calls = AtomicU32::new(0);
    let result = (|| async {
        calls.fetch_add(1, Ordering::SeqCst);
        Err::<Response, _>(CallError::<&str, MsdkError>::Transport("/mpay/pay_m: timed out"))
    })
    .retry(backoff())
    .sleep(|_| std::future::ready(()))
    .when(|err: &CallError<&str, MsdkError>| err.retry(Idempotence::NotIdempotent).is_retryable())
    .await;
    let err = result.unwrap_err();
    assert!(err.retry(Idempotence::NotIdempotent).is_outcome_unknown(), "look the order up before paying again");
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[tokio::test(flavor = "current_thread")]
async fn backon_retries_within_a_budget_when_msdk_fails_for_everyone() {
    // Retries at most 10% of the calls, plus 1 a second: 10 in the budget's ten seconds.
    let budget = RetryBudget::new(10, 1);
    let calls = AtomicU32::new(0);
    for _ in 0..100 {
        budget.deposit();
        let _ = (|| async {
            calls.fetch_add(1, Ordering::SeqCst);
            Err::<Response, _>(Failure::<MsdkError>::decode(&Response::new(-309, "wechat platform timeout")).unwrap())
        })
        .retry(backoff())
        .sleep(|_| std::future::ready(()))
        .when(|failure: &Failure<MsdkError>| failure.retry().is_retryable())
        // Withdrawn where a retry is sure to follow: backon asks `when` also after its last attempt.
        .adjust(|_, next| next.filter(|_| budget.withdraw()))
        .await;
    }
    // Without the budget, 100 calls and 5 retries each: 600. With it, the reserve's 10 and a
    // tenth of the calls.
    assert_eq!(calls.load(Ordering::SeqCst), 100 + 10 + 10);
}

#[test]
fn a_blocking_loop_honours_the_documented_wait() {
    use backon::BackoffBuilder;
    let mut answers = [r#"{"ret":-503,"msg":"frequency limit"}"#, r#"{"ret":0}"#].into_iter();
    let mut slept = Vec::new();
    // backon's blocking retry has no `adjust`: its backoff, as an iterator, in a plain loop.
    let mut proposals = backoff().build();
    let result = loop {
        let response = Response::from_json(answers.next().unwrap().as_bytes()).unwrap();
        let Some(failure) = Failure::<MsdkError>::decode(&response) else { break Ok(response) };
        match proposals.next().and_then(|proposed| failure.retry().delay(proposed)) {
            Some(wait) => slept.push(wait), // std::thread::sleep(wait)
            None => break Err(failure),
        }
    };
    assert_eq!(result.unwrap().ret, 0);
    assert!(slept.len() == 1 && slept[0] >= Duration::from_millis(1100), "{slept:?}");
}
