//! The game server's MSDK client: calls an API over HTTP, decodes the answer into a team's types,
//! logs and counts each failure, retries by action with backon, and refreshes the WeChat access
//! token once for however many requests found it expired.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use backon::{ExponentialBuilder, Retryable};
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use msdk_codes_core::{DecodeError, Failure, MsdkErrorEnum, Response};
use tokio::sync::Mutex;

/// The counter of failures, labelled by layer, name and action.
pub const FAILURES: &str = "msdk_failures_total";
/// The counter of bodies that are not MSDK responses.
pub const BAD_BODIES: &str = "msdk_bad_bodies_total";
/// The counter of access token refreshes.
pub const REFRESHES: &str = "msdk_token_refreshes_total";

/// The longest wait the game server accepts before a retry: a player is waiting.
pub const MAX_WAIT: Duration = Duration::from_secs(5);

/// Why a call failed, after its retries.
#[derive(Debug)]
pub enum CallError<E> {
    /// MSDK answered with an error code.
    Failure(Failure<E>),
    /// The body is not an MSDK response.
    BadBody(DecodeError),
    /// No answer: connection, HTTP status.
    Transport(String),
}

impl<E: MsdkErrorEnum> CallError<E> {
    /// Whether another attempt can succeed: what the failure's action says; a transport error
    /// may pass; a body that is not a response will not.
    fn is_retryable(&self) -> bool {
        match self {
            CallError::Failure(failure) => failure.retry().is_retryable(),
            CallError::Transport(_) => true,
            CallError::BadBody(_) => false,
        }
    }

    /// The wait before the next attempt, from backon's proposal: at least the documented wait of
    /// the failure, and no retry when that is longer than a player can wait.
    fn wait(&self, proposed: Option<Duration>) -> Option<Duration> {
        let wait = match self {
            CallError::Failure(failure) => failure.retry().delay(proposed?)?,
            _ => proposed?,
        };
        (wait <= MAX_WAIT).then_some(wait)
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

/// The MSDK client: one per game server, shared by every request.
pub struct Msdk {
    base: String,
    http: Client<HttpConnector, Empty<Bytes>>,
    /// The token in use: reading it never waits for a refresh.
    token: std::sync::Mutex<Token>,
    /// Held by the one request that refreshes the token.
    refreshing: Mutex<()>,
    refreshes: AtomicU32,
    backoff: ExponentialBuilder,
}

impl Msdk {
    /// A client of the MSDK at `base` (`http://127.0.0.1:port`), starting with `token`.
    pub fn new(base: String, token: &str) -> Msdk {
        Msdk {
            base,
            http: Client::builder(TokioExecutor::new()).build_http(),
            token: std::sync::Mutex::new(Token { value: token.to_owned(), generation: 0 }),
            refreshing: Mutex::new(()),
            refreshes: AtomicU32::new(0),
            // Short waits for transient failures; a failure's documented wait lengthens one.
            backoff: ExponentialBuilder::default()
                .with_min_delay(Duration::from_millis(50))
                .with_max_delay(Duration::from_secs(2))
                .with_max_times(3),
        }
    }

    /// How many times this client refreshed the access token.
    pub fn refreshes(&self) -> u32 {
        self.refreshes.load(Ordering::SeqCst)
    }

    /// Calls `api` and decodes the answer into `E`'s layers (`via`: the layer of the API's
    /// platform codes), retrying as each failure's action says.
    pub async fn call<E>(&self, api: &str, via: E::Layer) -> Called<E>
    where
        E: MsdkErrorEnum,
        E::Layer: Send + Sync,
    {
        let attempts = AtomicU32::new(0);
        let result = (|| {
            attempts.fetch_add(1, Ordering::SeqCst);
            self.attempt::<E>(api, via)
        })
        .retry(self.backoff)
        .sleep(tokio::time::sleep)
        .when(CallError::is_retryable)
        .adjust(CallError::wait)
        .await;
        Called { result, attempts: attempts.into_inner() }
    }

    /// One attempt: each failure is logged (one JSON line) and counted; an expired token is
    /// refreshed before the error goes back to the retry loop.
    async fn attempt<E>(&self, api: &str, via: E::Layer) -> Result<Response, CallError<E>>
    where
        E: MsdkErrorEnum,
        E::Layer: Send + Sync,
    {
        let token = self.token.lock().unwrap().clone();
        let body = self.get(&format!("{api}?access_token={}", token.value)).await.map_err(CallError::Transport)?;
        let response = Response::from_json(&body).map_err(|err| {
            tracing::error!(target: "msdk", api, "error.type" = "bad_body", error = %err, "not an MSDK response");
            metrics::counter!(BAD_BODIES).increment(1);
            CallError::BadBody(err)
        })?;
        let Some(failure) = Failure::<E>::decode_in(&response, via) else {
            return Ok(response);
        };
        failure.trace();
        failure.count(FAILURES);
        if failure.retry().refresh_token_first() {
            self.refresh(token.generation).await.map_err(CallError::Transport)?;
        }
        Err(CallError::Failure(failure))
    }

    /// Refreshes the token of generation `seen`, unless another request already did: the
    /// requests that found it expired wait on the lock, and only the first one calls MSDK.
    async fn refresh(&self, seen: u64) -> Result<(), String> {
        let _one_at_a_time = self.refreshing.lock().await;
        if self.token.lock().unwrap().generation != seen {
            return Ok(());
        }
        let body = self.get("/auth/refresh_token").await?;
        let answer: serde_json::Value = serde_json::from_slice(&body).map_err(|err| err.to_string())?;
        let value = answer["access_token"].as_str().ok_or("no access_token in the refresh answer")?;
        *self.token.lock().unwrap() = Token { value: value.to_owned(), generation: seen + 1 };
        self.refreshes.fetch_add(1, Ordering::SeqCst);
        metrics::counter!(REFRESHES).increment(1);
        tracing::info!(target: "msdk", generation = seen + 1, "access token refreshed");
        Ok(())
    }

    /// GETs `path_and_query` and reads the whole body.
    pub async fn get(&self, path_and_query: &str) -> Result<Bytes, String> {
        get(&self.http, &format!("{}{path_and_query}", self.base)).await
    }
}

/// GETs `url` with `http` and reads the whole body; a status other than 200 is an error.
pub async fn get(http: &Client<HttpConnector, Empty<Bytes>>, url: &str) -> Result<Bytes, String> {
    let uri: hyper::Uri = url.parse().map_err(|err| format!("{url}: {err}"))?;
    let response = http.get(uri).await.map_err(|err| format!("{url}: {err}"))?;
    if !response.status().is_success() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    Ok(response.into_body().collect().await.map_err(|err| format!("{url}: {err}"))?.to_bytes())
}
