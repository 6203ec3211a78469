//! The game server: each endpoint calls an MSDK API through [`Msdk`], and the team that owns the
//! API decides what to do about the failure that remains after the retries.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json};
use axum::routing::get;
use metrics_exporter_prometheus::PrometheusHandle;
use msdk_codes_core::{Failure, Locale, MsdkErrorEnum};
use serde_json::json;

use crate::client::{CallError, Called, Msdk};
use crate::handlers::{Desk, PayTeam, SocialTeam};
use crate::policy::{AlertKind, Decision};
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

/// What the game server made of one call: what MSDK answered, the decision, what the player sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub decoded: String,
    pub decision: Decision,
    pub attempts: u32,
}

async fn call(
    State(app): State<Arc<App>>,
    Path(name): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> impl IntoResponse {
    let Some(endpoint) = ENDPOINTS.iter().find(|endpoint| endpoint.name == name) else {
        return (StatusCode::NOT_FOUND, Json(json!({ "error": format!("no endpoint {name}") })));
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
    (StatusCode::OK, Json(body))
}

impl App {
    /// Calls the endpoint's MSDK API and lets the owning team decide.
    pub async fn handle(&self, endpoint: &Endpoint, player: Locale) -> Outcome {
        // The same steps for each team's types: call in the API's layer, then decide.
        macro_rules! call_and_decide {
            ($team:ident, $layer:expr, |$desk:ident, $session:ident| $handler:expr) => {{
                let called: Called<$team::MsdkError> = self.msdk.call(endpoint.msdk_api, $layer).await;
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
    /// retryable when the retries ran out (an alert); a body or a transport that failed.
    fn decide<E: MsdkErrorEnum>(
        &self,
        called: Called<E>,
        player: Locale,
        alerts: &mut crate::policy::Alerts,
        team_decides: impl FnOnce(Desk<'_>, &Failure<E>) -> Decision,
    ) -> Outcome {
        let attempts = called.attempts;
        let (decoded, decision) = match called.result {
            Ok(response) => (format!("ret {}: success", response.ret), Decision::Proceed),
            Err(CallError::Failure(failure)) => {
                let decoded = match failure.layer_id().filter(|_| !failure.is_unknown()) {
                    Some(layer) => format!("{layer} {} {} ({})", failure.code(), failure.name(), failure.action()),
                    None => failure.error().to_string(),
                };
                let decision = if failure.retry().is_retryable() {
                    // Still failing after the retries, or asking for a longer wait than a
                    // player can: someone looks at it.
                    alerts.raise(AlertKind::Support, failure.error(), Some(failure.said()), player)
                } else {
                    team_decides(Desk { player, alerts, said: Some(failure.said()) }, &failure)
                };
                (decoded, decision)
            }
            Err(CallError::BadBody(err)) => {
                let decision = alerts.raise(AlertKind::BadBody, &err, None, player);
                (err.to_string(), decision)
            }
            Err(CallError::Transport(err)) => {
                let decision = alerts.raise(AlertKind::Support, &err, None, player);
                (err, decision)
            }
        };
        Outcome { decoded, decision, attempts }
    }
}
