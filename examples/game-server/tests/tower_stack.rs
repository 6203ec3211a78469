//! A tower stack over MSDK: tower's `Retry` above the runtime's `DecodeLayer`, tower's `Timeout`
//! and `ConcurrencyLimit` below it. The retry policy asks `CallError::retry`, waits
//! `Retry::delay`, and spends tower's retry budget; a call that timed out is retried only when it
//! is idempotent.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use msdk_codes_core::tower::DecodeLayer;
use msdk_codes_core::{CallError, Idempotence};
use tower::retry::Policy;
use tower::retry::budget::{Budget, TpsBudget};
use tower::{BoxError, ServiceBuilder, ServiceExt};

msdk_codes_core::msdk_errors!(layers = [access, wechat_platform]);

type Failed = CallError<BoxError, MsdkError>;

/// Retries as the failure says, within a budget; records each wait instead of sleeping it.
#[derive(Clone)]
struct ByAction {
    call: Idempotence,
    budget: Arc<TpsBudget>,
    proposals: Vec<Duration>,
    waits: Arc<Mutex<Vec<Duration>>>,
}

impl ByAction {
    fn new(call: Idempotence, budget: TpsBudget) -> ByAction {
        let proposals = vec![Duration::from_millis(200), Duration::from_millis(100), Duration::from_millis(50)];
        ByAction { call, budget: Arc::new(budget), proposals, waits: Arc::default() }
    }
}

impl<Request: Clone, Body> Policy<Request, Body, Failed> for ByAction {
    type Future = Pin<Box<dyn Future<Output = ()> + Send>>;

    fn retry(&mut self, _: &mut Request, result: &mut Result<Body, Failed>) -> Option<Self::Future> {
        let Err(err) = result else {
            self.budget.deposit();
            return None;
        };
        let wait = err.retry(self.call).delay(self.proposals.pop()?)?;
        if !self.budget.withdraw() {
            return None;
        }
        self.waits.lock().unwrap().push(wait);
        Some(Box::pin(std::future::ready(()))) // tokio::time::sleep(wait) in a server
    }

    fn clone_request(&mut self, request: &Request) -> Option<Request> {
        Some(request.clone())
    }
}

/// An MSDK stand-in: answers `script` in turn (the last one again and again), each after its delay.
#[derive(Clone)]
struct StandIn {
    script: Arc<Vec<(Duration, &'static str)>>,
    calls: Arc<AtomicU32>,
}

impl StandIn {
    fn new(script: &[(u64, &'static str)]) -> StandIn {
        let script = script.iter().map(|&(millis, body)| (Duration::from_millis(millis), body)).collect();
        StandIn { script: Arc::new(script), calls: Arc::default() }
    }

    fn calls(&self) -> u32 {
        self.calls.load(Ordering::SeqCst)
    }

    /// The service: the request is the API, the answer the body's bytes.
    fn service(
        &self,
    ) -> impl tower::Service<&'static str, Response = Vec<u8>, Error = BoxError, Future: Send> + Clone + Send + use<>
    {
        let stand_in = self.clone();
        tower::service_fn(move |_api: &'static str| {
            let n = stand_in.calls.fetch_add(1, Ordering::SeqCst) as usize;
            let (delay, body) = stand_in.script[n.min(stand_in.script.len() - 1)];
            async move {
                tokio::time::sleep(delay).await;
                Ok::<_, BoxError>(body.as_bytes().to_vec())
            }
        })
    }
}

/// The stack: retry by action, decode, a 100 ms timeout per attempt, at most 8 calls at once.
async fn call(stand_in: &StandIn, policy: ByAction, api: &'static str) -> Result<Vec<u8>, Failed> {
    ServiceBuilder::new()
        .retry(policy)
        .layer(DecodeLayer::<MsdkError>::new())
        .timeout(Duration::from_millis(100))
        .concurrency_limit(8)
        .service(stand_in.service())
        .oneshot(api)
        .await
}

fn budget() -> TpsBudget {
    TpsBudget::new(Duration::from_secs(10), 10, 0.1)
}

#[tokio::test(flavor = "current_thread")]
async fn a_frequency_limit_is_retried_after_the_documented_second() {
    let stand_in = StandIn::new(&[(0, r#"{"ret":-503,"msg":"frequency limit"}"#), (0, r#"{"ret":0,"msg":"ok"}"#)]);
    let policy = ByAction::new(Idempotence::NotIdempotent, budget());
    let body = call(&stand_in, policy.clone(), "/mpay/pay_m").await.unwrap();
    assert_eq!(body, br#"{"ret":0,"msg":"ok"}"#);
    assert_eq!(stand_in.calls(), 2);
    let waits = policy.waits.lock().unwrap().clone();
    assert!(waits.len() == 1 && waits[0] >= Duration::from_millis(1050), "{waits:?}");
}

#[tokio::test(flavor = "current_thread")]
async fn a_payment_that_timed_out_is_not_retried() {
    let stand_in = StandIn::new(&[(300, r#"{"ret":0,"msg":"paid"}"#)]);
    let err = call(&stand_in, ByAction::new(Idempotence::NotIdempotent, budget()), "/mpay/pay_m").await.unwrap_err();
    let CallError::Transport(elapsed) = &err else { panic!("{err}") };
    assert!(elapsed.is::<tower::timeout::error::Elapsed>(), "{elapsed}");
    assert!(err.retry(Idempotence::NotIdempotent).is_outcome_unknown());
    assert_eq!(stand_in.calls(), 1, "it may have been paid");
}

#[tokio::test(flavor = "current_thread")]
async fn a_read_that_timed_out_is_retried() {
    let stand_in = StandIn::new(&[(300, r#"{"ret":0}"#), (0, r#"{"ret":0,"lists":[]}"#)]);
    let policy = ByAction::new(Idempotence::Idempotent, budget());
    let body = call(&stand_in, policy, "/relation/wxfriends_profile").await.unwrap();
    assert_eq!(body, br#"{"ret":0,"lists":[]}"#);
    assert_eq!(stand_in.calls(), 2);
}

#[tokio::test(flavor = "current_thread")]
async fn a_proxy_error_page_is_a_bad_body_and_what_fails_the_same_way_is_not_retried() {
    let page = StandIn::new(&[(0, "<html><body>502 Bad Gateway</body></html>")]);
    let err = call(&page, ByAction::new(Idempotence::NotIdempotent, budget()), "/mpay/pay_m").await.unwrap_err();
    assert!(matches!(err, CallError::BadBody(_)), "{err}");
    assert_eq!(page.calls(), 1);
    let config = StandIn::new(&[(0, r#"{"ret":-20000,"msg":"48001,api unauthorized"}"#)]);
    let err =
        call(&config, ByAction::new(Idempotence::Idempotent, budget()), "/relation/wxuserinfo").await.unwrap_err();
    assert_eq!(err.failure().unwrap().name(), "ApiUnauthorized");
    assert_eq!(config.calls(), 1);
}

#[tokio::test(flavor = "current_thread")]
async fn retries_stay_within_the_budget_when_msdk_fails_for_everyone() {
    let stand_in = StandIn::new(&[(0, r#"{"ret":-20000,"msg":"-1,system error"}"#)]);
    let policy = ByAction::new(Idempotence::Idempotent, budget());
    for _ in 0..200 {
        call(&stand_in, policy.clone(), "/relation/wxfriends_profile").await.unwrap_err();
    }
    // Without the budget: 200 calls and 3 retries each, 800. With it: the 10 a second it allows
    // for 10 seconds, and 10% of the calls.
    let calls = stand_in.calls();
    assert!((201..=200 + 100 + 20 + 1).contains(&calls), "{calls}");
}
