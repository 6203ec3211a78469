//! The game server: each endpoint calls an MSDK API through [`Msdk`], and the team that owns the
//! API decides what to do about the failure that remains after the retries.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use metrics_exporter_prometheus::PrometheusHandle;
use msdk_codes_core::{Failure, Locale, LogPolicy, MsdkErrorEnum};
use serde_json::json;

use crate::client::{CallError, Called, Msdk, RefreshError};
use crate::handlers::{Desk, PayTeam, SocialTeam};
use crate::policy::{AlertKind, Decision, log_in_again, operator_text};
use crate::teams::{pay, pay_token, social};
use crate::{ENDPOINTS, Endpoint, Server, Via};

/// What the game server shares between requests.
pub struct App {
    pub msdk: Msdk,
    pub server: Mutex<Server>,
    pub metrics: PrometheusHandle,
}

/// The game server's routes: `GET /call/{endpoint}?player=<locale>` and `GET /metrics`.
pub fn router(app: Arc<App>) -> Router {
    Router::new().route("/call/{endpoint}", get(call)).route("/metrics", get(metrics)).with_state(app)
}

async fn metrics(State(app): State<Arc<App>>) -> String {
    app.metrics.render()
}

/// What the game server made of one call: what MSDK answered, the decision, what the player sees,
/// and the HTTP status the player gets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub decoded: String,
    pub decision: Decision,
    pub attempts: u32,
    pub status: StatusCode,
    /// When to try again, for a 429 or a 503 (`Retry-After`).
    pub retry_after: Option<Duration>,
}

async fn call(
    State(app): State<Arc<App>>,
    Path(name): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let Some(endpoint) = ENDPOINTS.iter().find(|endpoint| endpoint.name == name) else {
        let text = LogPolicy::current().text(&name).into_owned();
        return (StatusCode::NOT_FOUND, Json(json!({ "error": format!("no endpoint {text}") }))).into_response();
    };
    let player = query.get("player").and_then(|tag| tag.parse().ok()).unwrap_or(Locale::En);
    let outcome = app.handle(endpoint, player).await;
    let body = json!({
        "endpoint": endpoint.name,
        "msdk_api": endpoint.msdk_api,
        "decoded": outcome.decoded,
        "decision": outcome.decision.to_string(),
        "player_sees": outcome.decision.player_sees(),
        "attempts": outcome.attempts,
    });
    let mut response = (outcome.status, Json(body)).into_response();
    if let Some(after) = outcome.retry_after {
        // Whole seconds, rounded up: never sooner than the wait.
        let seconds = after.as_millis().div_ceil(1000).max(1) as u64;
        response.headers_mut().insert(RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

impl App {
    /// Calls the endpoint's MSDK API and lets the owning team decide.
    pub async fn handle(&self, endpoint: &Endpoint, player: Locale) -> Outcome {
        // The same steps for each team's types: call in the API's layer, then decide.
        macro_rules! call_and_decide {
            ($team:ident, $layer:expr, |$desk:ident, $session:ident| $handler:expr) => {{
                let called: Called<$team::MsdkError> = self.msdk.call(endpoint.msdk_api, $layer, endpoint.call).await;
                let mut server = self.server.lock().unwrap();
                let Server { alerts, session: $session } = &mut *server;
                let decide =
                    |$desk: Desk<'_>, failure: &Failure<$team::MsdkError>| failure.error().handle(&mut $handler);
                self.decide(called, player, alerts, decide)
            }};
        }
        match endpoint.via {
            Via::Pay(layer) => call_and_decide!(pay, layer, |desk, _session| PayTeam { desk }),
            Via::PayToken(layer) => call_and_decide!(pay_token, layer, |desk, _session| PayTeam { desk }),
            Via::Social(layer) => call_and_decide!(social, layer, |desk, session| SocialTeam { desk, session }),
        }
    }

    /// The outcome of a call: success; a failure the team decides about; a failure still
    /// retryable when the retries ran out (an alert; 429 for a frequency limit, else 503); a
    /// token refused again after its refresh (the player logs in again); a body that is not an
    /// MSDK response (502); no answer, a failed token refresh or the deadline (503).
    fn decide<E: MsdkErrorEnum>(
        &self,
        called: Called<E>,
        player: Locale,
        alerts: &mut crate::policy::Alerts,
        team_decides: impl FnOnce(Desk<'_>, &Failure<E>) -> Decision,
    ) -> Outcome {
        let attempts = called.attempts;
        let outcome = |decoded: String, decision: Decision, status: StatusCode, retry_after: Option<Duration>| {
            Outcome { decoded, decision, attempts, status, retry_after }
        };
        let err = match called.result {
            Ok(response) => {
                return outcome(format!("ret {}: success", response.ret), Decision::Proceed, StatusCode::OK, None);
            }
            Err(err) => err,
        };
        let decoded = match err.failure() {
            Some(failure) if !failure.is_unknown() && failure.layer_id().is_some() => {
                let layer = failure.layer_id().unwrap_or_default();
                format!("{layer} {} {} ({})", failure.code(), failure.name(), failure.action())
            }
            // In the operators' language, what the server said masked and bounded.
            Some(failure) => failure.to_string(),
            // A transport's error may quote the request, and its secrets.
            None => LogPolicy::current().text(&err.to_string()).into_owned(),
        };
        match err {
            CallError::Failure(failure) => {
                let retry = failure.retry();
                if retry.is_retryable() {
                    // Still failing after the retries, or asking for a longer wait than a
                    // player can: someone looks at it, and the player tries again later.
                    let detail = operator_text(failure.error());
                    let decision = alerts.raise(AlertKind::Support, &detail, Some(failure.said()), player);
                    let wait = retry.least_wait().max(Duration::from_secs(1));
                    let status = if retry.is_rate_limited() {
                        StatusCode::TOO_MANY_REQUESTS
                    } else {
                        StatusCode::SERVICE_UNAVAILABLE
                    };
                    return outcome(decoded, decision, status, Some(wait));
                }
                let decision = team_decides(Desk { player, alerts, said: Some(failure.said()) }, &failure);
                let status = status_of(&decision);
                outcome(decoded, decision, status, None)
            }
            CallError::TokenRejected(failure) => {
                let decision = Decision::Relogin { prompt: log_in_again(player, failure.message(player)) };
                outcome(format!("{decoded}, refused again after a refresh"), decision, StatusCode::UNAUTHORIZED, None)
            }
            CallError::Refresh { ref error, .. } => {
                let wait = match error {
                    RefreshError::CoolingDown(left) => *left,
                    _ => self.msdk.limits().refresh_cool_down,
                };
                let text = err.to_string();
                let decision =
                    alerts.raise(AlertKind::Support, &"the access token could not be refreshed", None, player);
                outcome(text, decision, StatusCode::SERVICE_UNAVAILABLE, Some(wait))
            }
            CallError::BadBody { .. } => {
                let decision = alerts.raise(AlertKind::BadBody, &decoded, None, player);
                outcome(decoded, decision, StatusCode::BAD_GATEWAY, None)
            }
            CallError::NoAnswer(_) | CallError::Deadline(_) => {
                let decision = alerts.raise(AlertKind::Support, &decoded, None, player);
                outcome(decoded, decision, StatusCode::SERVICE_UNAVAILABLE, Some(Duration::from_secs(1)))
            }
        }
    }
}

/// The status of a team's decision: the player has to log in again (401), is refused (403),
/// someone has to fix what MSDK refused (502), or all is well (200).
fn status_of(decision: &Decision) -> StatusCode {
    match decision {
        Decision::Proceed | Decision::TokenRefreshed => StatusCode::OK,
        Decision::Relogin { .. } => StatusCode::UNAUTHORIZED,
        Decision::Refuse { .. } | Decision::DisableToday { .. } => StatusCode::FORBIDDEN,
        Decision::Alerted { .. } => StatusCode::BAD_GATEWAY,
        Decision::Retry(_) => StatusCode::SERVICE_UNAVAILABLE,
    }
}
