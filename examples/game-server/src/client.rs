//! The game server's MSDK client: calls an API over HTTP with a timeout on each attempt and a
//! deadline on the whole call, decodes the answer into a team's types, retries by action with
//! backon within a retry budget, and refreshes the WeChat access token once per generation in a
//! task of its own whose result every waiting request shares. Each call ends with one log event
//! and is counted once ([`CallMetrics`]); no access token reaches an error text, a log line or a
//! metric.

use std::fmt;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use backon::{ExponentialBuilder, Retryable};
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use msdk_codes_core::{
    CallMetrics, DecodeError, Failure, Idempotence, LogPolicy, MsdkErrorEnum, Outcome, Response, Retry, RetryBudget,
};
use tokio::sync::watch;

/// The counter of access token refreshes that succeeded (the failed ones are
/// [`CallMetrics::refresh_failures`]).
pub const REFRESHES: &str = "msdk_token_refreshes_total";

/// The metrics of MSDK calls: requests by API and outcome, latency, failures, transport errors,
/// retries given up, failed refreshes.
pub const METRICS: CallMetrics = CallMetrics::DEFAULT;

/// The time limits and the retry allowance of the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The longest one MSDK attempt may take, answer read.
    pub attempt_timeout: Duration,
    /// The longest a whole call may take: its attempts, the waits between them and a token
    /// refresh. A retry whose wait would end past it is not made.
    pub deadline: Duration,
    /// The longest a token refresh may take.
    pub refresh_timeout: Duration,
    /// After a failed refresh, how long requests that find the token expired are answered at once
    /// (HTTP 503) instead of refreshing again; the same after a refreshed token was refused.
    pub refresh_cool_down: Duration,
    /// Retries after the first attempt, at most.
    pub retries: usize,
    /// The retry budget: retries per hundred calls of the last ten seconds ...
    pub budget_percent: u32,
    /// ... plus this many a second.
    pub budget_per_second: u32,
}

impl Limits {
    /// What the game server runs with: a player waits at most 5 seconds.
    pub const DEFAULT: Limits = Limits {
        attempt_timeout: Duration::from_secs(2),
        deadline: Duration::from_secs(5),
        refresh_timeout: Duration::from_secs(3),
        refresh_cool_down: Duration::from_secs(5),
        retries: 3,
        budget_percent: 20,
        budget_per_second: 50,
    };
}

impl Default for Limits {
    fn default() -> Limits {
        Limits::DEFAULT
    }
}

/// Why a call failed, after its retries.
#[derive(Debug)]
pub enum CallError<E> {
    /// MSDK answered with an error code.
    Failure(Failure<E>),
    /// The access token was refused again right after a refresh (or while such a refusal is
    /// recent): refreshing does not help, the player has to log in again.
    TokenRejected(Failure<E>),
    /// The access token had expired and could not be refreshed: the refresh failed, or one failed
    /// a moment ago and the cool-down has not passed.
    Refresh { failure: Failure<E>, error: RefreshError },
    /// The body is not an MSDK response (a proxy's error page, a body cut short); `status` is
    /// the HTTP status it came with.
    BadBody { status: u16, error: DecodeError },
    /// No answer to the attempt.
    NoAnswer(NoAnswer),
    /// The call's deadline passed.
    Deadline(Duration),
}

/// Why an attempt got no answer. The texts never hold the request's URL (its query carries the
/// access token) and pass through the [`LogPolicy`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoAnswer {
    /// Nothing within the attempt's timeout.
    Timeout(Duration),
    /// The connection failed or closed.
    Connection(String),
}

impl fmt::Display for NoAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoAnswer::Timeout(after) => write!(f, "no answer within {after:?}"),
            NoAnswer::Connection(why) => write!(f, "connection failed: {why}"),
        }
    }
}

/// Why the access token could not be refreshed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefreshError {
    /// The refresh took longer than [`Limits::refresh_timeout`].
    Timeout(Duration),
    /// MSDK did not give a new token: no answer, an error page, an error code.
    Failed(String),
    /// A refresh failed a moment ago: no new one until the cool-down is over, in this long.
    CoolingDown(Duration),
}

impl fmt::Display for RefreshError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RefreshError::Timeout(after) => write!(f, "access token refresh: no answer within {after:?}"),
            RefreshError::Failed(why) => write!(f, "access token refresh failed: {why}"),
            RefreshError::CoolingDown(_) => f.write_str("access token refresh failed a moment ago"),
        }
    }
}

impl<E: MsdkErrorEnum> CallError<E> {
    /// What a retry loop does about it, for a call that is `call`: a failure's own [`Retry`]; a
    /// call with no answer or a bad body may have been carried out, so only an idempotent call is
    /// made again; `None` when nothing is retried (a refused token, a failed refresh, the deadline).
    pub fn retry(&self, call: Idempotence) -> Option<Retry> {
        match self {
            CallError::Failure(failure) => Some(failure.retry()),
            CallError::BadBody { .. } | CallError::NoAnswer(_) => Some(Retry::outcome_unknown(call)),
            CallError::TokenRejected(_) | CallError::Refresh { .. } | CallError::Deadline(_) => None,
        }
    }

    fn is_retryable(&self, call: Idempotence) -> bool {
        self.retry(call).is_some_and(Retry::is_retryable)
    }

    /// The outcome label of the call.
    pub fn outcome(&self) -> Outcome {
        match self {
            CallError::Failure(_) | CallError::TokenRejected(_) | CallError::Refresh { .. } => Outcome::Failure,
            CallError::BadBody { .. } => Outcome::BadBody,
            CallError::NoAnswer(_) | CallError::Deadline(_) => Outcome::Transport,
        }
    }

    /// MSDK's failure the call ended on, if MSDK answered.
    pub fn failure(&self) -> Option<&Failure<E>> {
        match self {
            CallError::Failure(failure) | CallError::TokenRejected(failure) | CallError::Refresh { failure, .. } => {
                Some(failure)
            }
            _ => None,
        }
    }
}

/// For operators: what happened, with no secret (the texts went through the [`LogPolicy`]).
impl<E: MsdkErrorEnum> fmt::Display for CallError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let policy = LogPolicy::current();
        match self {
            CallError::Failure(failure) => f.write_str(failure.log_message(&policy)),
            CallError::TokenRejected(failure) => {
                write!(f, "{}: refused again after a refresh", failure.log_message(&policy))
            }
            CallError::Refresh { error, .. } => write!(f, "{error}"),
            CallError::BadBody { status, error } => write!(f, "{error} (HTTP {status})"),
            CallError::NoAnswer(no_answer) => write!(f, "no answer from MSDK: {no_answer}"),
            CallError::Deadline(deadline) => write!(f, "no answer from MSDK within the call's deadline ({deadline:?})"),
        }
    }
}

/// A call's result and how many attempts it took.
#[derive(Debug)]
pub struct Called<E> {
    pub result: Result<Response, CallError<E>>,
    pub attempts: u32,
}

/// The WeChat access token, and how many times it was replaced.
#[derive(Clone, Debug)]
struct Token {
    value: String,
    generation: u64,
}

/// No generation.
const NONE: u64 = u64::MAX;

/// What a refresh gave the requests waiting for it: the new generation, or why there is none.
type Refreshed = Option<Result<u64, RefreshError>>;

/// The token and its refresh, shared by every request.
struct TokenState {
    current: Token,
    /// The refresh in flight, if any: a receiver of its result.
    flight: Option<watch::Receiver<Refreshed>>,
    /// The generation whose refresh failed, and when its cool-down ends.
    failed: Option<(u64, Instant)>,
    /// A refreshed generation that MSDK refused, and when the refusal stops counting.
    rejected: Option<(u64, Instant)>,
}

/// What the client and its refresh task share.
struct Shared {
    base: String,
    http: Client<HttpConnector, Empty<Bytes>>,
    token: Mutex<TokenState>,
    refreshes: AtomicU32,
    limits: Limits,
}

/// The MSDK client: one per game server, shared by every request.
pub struct Msdk {
    shared: Arc<Shared>,
    backoff: ExponentialBuilder,
    budget: RetryBudget,
}

impl Msdk {
    /// A client of the MSDK at `base` (`http://127.0.0.1:port`), starting with `token`, with
    /// [`Limits::DEFAULT`].
    pub fn new(base: String, token: &str) -> Msdk {
        Msdk::with_limits(base, token, Limits::DEFAULT)
    }

    /// A client with these limits.
    pub fn with_limits(base: String, token: &str, limits: Limits) -> Msdk {
        let mut http = Client::builder(TokioExecutor::new());
        http.pool_idle_timeout(Duration::from_secs(30));
        Msdk {
            shared: Arc::new(Shared {
                base,
                http: http.build_http(),
                token: Mutex::new(TokenState {
                    current: Token { value: token.to_owned(), generation: 0 },
                    flight: None,
                    failed: None,
                    rejected: None,
                }),
                refreshes: AtomicU32::new(0),
                limits,
            }),
            // Short waits for transient failures; a failure's least wait is added to them.
            backoff: ExponentialBuilder::default()
                .with_min_delay(Duration::from_millis(50))
                .with_max_delay(Duration::from_secs(1))
                .with_max_times(limits.retries),
            budget: RetryBudget::new(limits.budget_percent, limits.budget_per_second),
        }
    }

    /// The client's limits.
    pub fn limits(&self) -> Limits {
        self.shared.limits
    }

    /// How many times this client refreshed the access token.
    pub fn refreshes(&self) -> u32 {
        self.shared.refreshes.load(Ordering::SeqCst)
    }

    /// Calls `api` and decodes the answer into `E`'s layers (`via`: the layer of the API's
    /// platform codes), retrying as each failure's action says (a call with no answer only when it
    /// is idempotent), within the retry budget and the call's deadline. Writes the call's one
    /// final log event (each retried attempt at `DEBUG`) and counts it once.
    pub async fn call<E>(&self, api: &'static str, via: E::Layer, call: Idempotence) -> Called<E>
    where
        E: MsdkErrorEnum,
        E::Layer: Send + Sync,
    {
        let started = Instant::now();
        let limits = self.shared.limits;
        let deadline = started + limits.deadline;
        self.budget.deposit();
        let attempts = AtomicU32::new(0);
        // The generation this call got from a refresh (`NONE` before one): a refusal of that one
        // escalates.
        let refreshed_to = AtomicU64::new(NONE);
        let retried = (|| {
            attempts.fetch_add(1, Ordering::SeqCst);
            self.attempt::<E>(api, via, &refreshed_to)
        })
        .retry(self.backoff)
        .sleep(tokio::time::sleep)
        .when(|err: &CallError<E>| err.is_retryable(call))
        .adjust(|err, proposed| {
            let wait = err.retry(call)?.delay(proposed?)?;
            // A wait that ends past the deadline would be cut short: give up now. A retry the
            // budget cannot pay is not made either; but the one retry with a refreshed token
            // spends none (a call makes at most one: a second refusal ends the session), so that
            // a token expiry met by every request at once does not empty the budget.
            let fits = Instant::now() + wait < deadline;
            (fits && (err.retry(call)?.refresh_token_first() || self.budget.withdraw())).then_some(wait)
        })
        .notify(|err, _wait| trace_attempt(api, err, attempts.load(Ordering::SeqCst)));
        let result = match tokio::time::timeout_at(deadline.into(), retried).await {
            Ok(result) => result,
            Err(_) => Err(CallError::Deadline(limits.deadline)),
        };
        let attempts = attempts.into_inner();
        finish(api, &result, call, attempts, started.elapsed());
        Called { result, attempts }
    }

    /// One attempt: an expired token is refreshed before the error goes back to the retry loop;
    /// a token refused right after its refresh is not refreshed again.
    async fn attempt<E>(
        &self,
        api: &'static str,
        via: E::Layer,
        refreshed_to: &AtomicU64,
    ) -> Result<Response, CallError<E>>
    where
        E: MsdkErrorEnum,
        E::Layer: Send + Sync,
    {
        let token = self.shared.lock().current.clone();
        let url = format!("{}{api}?access_token={}", self.shared.base, token.value);
        let fetched = tokio::time::timeout(self.shared.limits.attempt_timeout, fetch(&self.shared.http, &url)).await;
        let (status, body) = match fetched {
            Ok(Ok(fetched)) => fetched,
            Ok(Err(why)) => return Err(no_answer(api, NoAnswer::Connection(why))),
            Err(_) => return Err(no_answer(api, NoAnswer::Timeout(self.shared.limits.attempt_timeout))),
        };
        let response = Response::from_json(&body).map_err(|error| CallError::BadBody { status, error })?;
        let Some(failure) = Failure::<E>::decode_in(&response, via) else {
            return Ok(response);
        };
        if !failure.retry().refresh_token_first() {
            return Err(CallError::Failure(failure));
        }
        if refreshed_to.load(Ordering::SeqCst) == token.generation || self.shared.is_rejected(token.generation) {
            self.shared.reject(token.generation);
            return Err(CallError::TokenRejected(failure));
        }
        match self.refresh(token.generation).await {
            Ok(generation) => {
                refreshed_to.store(generation, Ordering::SeqCst);
                Err(CallError::Failure(failure))
            }
            Err(error) => Err(CallError::Refresh { failure, error }),
        }
    }

    /// Refreshes the token of generation `seen`, unless it was already replaced: one refresh per
    /// generation, in a task of its own, so that it finishes even when every request that waits
    /// for it is cancelled; every waiting request gets its result, success or failure. After a
    /// failure, requests are answered at once until the cool-down is over.
    async fn refresh(&self, seen: u64) -> Result<u64, RefreshError> {
        let mut flight = {
            let mut state = self.shared.lock();
            if state.current.generation != seen {
                return Ok(state.current.generation);
            }
            let now = Instant::now();
            if let Some((generation, until)) = state.failed
                && generation == seen
                && now < until
            {
                return Err(RefreshError::CoolingDown(until - now));
            }
            match &state.flight {
                Some(flight) => flight.clone(),
                None => {
                    let (sender, flight) = watch::channel(None);
                    state.flight = Some(flight.clone());
                    tokio::spawn(run_refresh(self.shared.clone(), seen, sender));
                    flight
                }
            }
        };
        match flight.wait_for(Option::is_some).await {
            Ok(refreshed) => refreshed.clone().expect("waited for a result"),
            Err(_) => Err(RefreshError::Failed("the refresh task ended without a result".to_owned())),
        }
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, TokenState> {
        self.token.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Whether the token of `generation` came from a refresh and was refused a moment ago.
    fn is_rejected(&self, generation: u64) -> bool {
        self.lock().rejected.is_some_and(|(rejected, until)| rejected == generation && Instant::now() < until)
    }

    /// Records that the refreshed token of `generation` was refused: for the cool-down, requests
    /// that meet it end the session instead of refreshing again. Logged once per generation.
    fn reject(&self, generation: u64) {
        let first = {
            let mut state = self.lock();
            let first = state.rejected.is_none_or(|(rejected, _)| rejected != generation);
            state.rejected = Some((generation, Instant::now() + self.limits.refresh_cool_down));
            first
        };
        if first {
            tracing::event!(
                target: "msdk", tracing::Level::WARN,
                "error.type" = "token_rejected",
                msdk.generation = generation,
                "the refreshed access token was refused: the player has to log in again"
            );
        }
    }

    /// The refresh itself: a new token from MSDK, or why not.
    async fn fetch_token(&self) -> Result<String, RefreshError> {
        let url = format!("{}{}", self.base, msdk_codes_testing::REFRESH_PATH);
        let (status, body) = fetch(&self.http, &url).await.map_err(RefreshError::Failed)?;
        let answer: serde_json::Value = serde_json::from_slice(&body)
            .map_err(|_| RefreshError::Failed(format!("HTTP {status}, not an MSDK response")))?;
        if answer["ret"] != 0 {
            let ret = &answer["ret"];
            let msg = answer["msg"].as_str().unwrap_or_default();
            return Err(RefreshError::Failed(LogPolicy::current().text(&format!("ret {ret}: {msg}")).into_owned()));
        }
        match answer["access_token"].as_str() {
            Some(token) if !token.is_empty() => Ok(token.to_owned()),
            _ => Err(RefreshError::Failed("no access_token in the answer".to_owned())),
        }
    }
}

/// The refresh task: the refresh within its timeout, the new token or the start of a cool-down,
/// its log event and metric, then the result to every waiting request.
async fn run_refresh(shared: Arc<Shared>, seen: u64, sender: watch::Sender<Refreshed>) {
    let limits = shared.limits;
    let fetched = match tokio::time::timeout(limits.refresh_timeout, shared.fetch_token()).await {
        Ok(fetched) => fetched,
        Err(_) => Err(RefreshError::Timeout(limits.refresh_timeout)),
    };
    let result = {
        let mut state = shared.lock();
        state.flight = None;
        match fetched {
            Ok(value) => {
                state.current = Token { value, generation: seen + 1 };
                state.failed = None;
                Ok(seen + 1)
            }
            Err(error) => {
                state.failed = Some((seen, Instant::now() + limits.refresh_cool_down));
                Err(error)
            }
        }
    };
    match &result {
        Ok(generation) => {
            shared.refreshes.fetch_add(1, Ordering::SeqCst);
            metrics::counter!(REFRESHES).increment(1);
            tracing::event!(target: "msdk", tracing::Level::INFO, msdk.generation = generation, "access token refreshed");
        }
        Err(error) => {
            METRICS.refresh_failed();
            tracing::event!(
                target: "msdk", tracing::Level::WARN,
                "error.type" = "token_refresh",
                msdk.generation = seen,
                msdk.cool_down_ms = limits.refresh_cool_down.as_millis() as u64,
                "{error}"
            );
        }
    }
    // No receiver left (every waiting request was cancelled) is fine: the token is stored.
    let _ = sender.send(Some(result));
}

/// An attempt that got no answer, counted.
fn no_answer<E>(api: &'static str, no_answer: NoAnswer) -> CallError<E> {
    METRICS.transport_error(api);
    CallError::NoAnswer(no_answer)
}

/// The `DEBUG` event of an attempt that is retried.
fn trace_attempt<E: MsdkErrorEnum>(api: &'static str, err: &CallError<E>, attempt: u32) {
    match err {
        CallError::Failure(failure) => failure.trace_attempt(attempt),
        other => tracing::event!(
            target: "msdk", tracing::Level::DEBUG,
            "error.type" = other.outcome().label(),
            msdk.api = api,
            msdk.attempt = attempt,
            "{other}"
        ),
    }
}

/// The one log event and the metrics of a call that ended.
fn finish<E: MsdkErrorEnum>(
    api: &'static str,
    result: &Result<Response, CallError<E>>,
    call: Idempotence,
    attempts: u32,
    elapsed: Duration,
) {
    let outcome = match result {
        Ok(_) => Outcome::Success,
        Err(err) => err.outcome(),
    };
    METRICS.request(api, outcome, elapsed);
    let elapsed_ms = elapsed.as_millis() as u64;
    let err = match result {
        Ok(_) => {
            tracing::event!(target: "msdk", tracing::Level::DEBUG, msdk.api = api, msdk.attempts = attempts, msdk.elapsed_ms = elapsed_ms, "MSDK call succeeded");
            return;
        }
        Err(err) => err,
    };
    if let Some(failure) = err.failure() {
        METRICS.failure(failure);
    }
    if err.is_retryable(call) {
        METRICS.retries_given_up(api);
    }
    match err {
        CallError::Failure(failure) | CallError::TokenRejected(failure) => failure.trace(),
        CallError::Refresh { .. } | CallError::NoAnswer(_) | CallError::Deadline(_) => tracing::event!(
            target: "msdk", tracing::Level::WARN,
            "error.type" = outcome.label(),
            msdk.api = api,
            msdk.attempts = attempts,
            msdk.elapsed_ms = elapsed_ms,
            "{err}"
        ),
        CallError::BadBody { .. } => tracing::event!(
            target: "msdk", tracing::Level::ERROR,
            "error.type" = outcome.label(),
            msdk.api = api,
            msdk.attempts = attempts,
            msdk.elapsed_ms = elapsed_ms,
            "{err}"
        ),
    }
}

/// GETs `url` with `http` and reads the whole body: the status and the body, or why there is
/// none, in a text without the URL (its query holds the access token), masked by the
/// [`LogPolicy`] for what a library error might quote.
pub async fn fetch(http: &Client<HttpConnector, Empty<Bytes>>, url: &str) -> Result<(u16, Bytes), String> {
    let uri: hyper::Uri = url.parse().map_err(|_| "not a valid URL".to_owned())?;
    let response = http.get(uri).await.map_err(|err| error_text(&err))?;
    let status = response.status().as_u16();
    let body = response.into_body().collect().await.map_err(|err| error_text(&err))?;
    Ok((status, body.to_bytes()))
}

/// An error and its sources, masked.
fn error_text(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(next) = source {
        text.push_str(": ");
        text.push_str(&next.to_string());
        source = next.source();
    }
    LogPolicy::current().text(&text).into_owned()
}

/// GETs `url` with `http` and reads the whole body; a status other than 200 is an error. For the
/// scenario's requests to the game server.
pub async fn get(http: &Client<HttpConnector, Empty<Bytes>>, url: &str) -> Result<Bytes, String> {
    let (status, body) = fetch(http, url).await?;
    if status != 200 {
        return Err(format!("HTTP {status}"));
    }
    Ok(body)
}
