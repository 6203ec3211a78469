//! The MSDK stand-in: a small local HTTP server that answers as the MSDK documents and FAQ show.
//! The WeChat APIs check the access token (an expired one gets `40001,invalid credential`, as the
//! FAQ says of `/auth/check_token` two hours after a login); some APIs fail once, then succeed.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::get;

/// The stand-in's state: the token it accepts and what it has been asked.
#[derive(Debug)]
pub struct StandIn {
    /// The WeChat access token it accepts.
    token: Mutex<String>,
    /// Calls of `/auth/refresh_token`.
    refreshes: AtomicU32,
    /// Calls per API, to answer the first one differently.
    calls: Mutex<HashMap<String, u32>>,
}

/// The token the game server starts with, which the stand-in no longer accepts: the first WeChat
/// calls have to refresh it.
pub const EXPIRED_TOKEN: &str = "wx-token-0";

impl StandIn {
    /// A stand-in that does not accept [`EXPIRED_TOKEN`].
    pub fn new() -> Arc<StandIn> {
        Arc::new(StandIn {
            token: Mutex::new("wx-token-issued-before".to_owned()),
            refreshes: AtomicU32::new(0),
            calls: Mutex::new(HashMap::new()),
        })
    }

    /// How many times the access token was refreshed.
    pub fn refreshes(&self) -> u32 {
        self.refreshes.load(Ordering::SeqCst)
    }

    /// How many times `api` was called.
    pub fn calls(&self, api: &str) -> u32 {
        self.calls.lock().unwrap().get(api).copied().unwrap_or(0)
    }

    /// The router: every API under `/`, as MSDK's host serves them.
    pub fn router(self: Arc<StandIn>) -> Router {
        Router::new().route("/{*api}", get(answer)).with_state(self)
    }

    /// Counts a call of `api` with a valid token and says whether it is the first one.
    fn first_valid_call(&self, api: &str) -> bool {
        let mut calls = self.calls.lock().unwrap();
        let count = calls.entry(api.to_owned()).or_insert(0);
        *count += 1;
        *count == 1
    }

    fn token_is_valid(&self, token: Option<&String>) -> bool {
        token.is_some_and(|token| *token == *self.token.lock().unwrap())
    }
}

/// A WeChat API's answer to an expired token.
const INVALID_CREDENTIAL: &str = r#"{"ret":-20000,"msg":"40001,invalid credential, access_token is invalid or not latest hint: [Wx5c0a3f21] rid: 6631a5d9-1f0e"}"#;

async fn answer(
    State(stand_in): State<Arc<StandIn>>,
    Path(api): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> String {
    let api = format!("/{api}");
    let token = query.get("access_token");
    let wechat = api.starts_with("/relation/wx") || api == "/auth/check_token";
    if api == "/auth/refresh_token" {
        // As slow as a real refresh, so that the requests which found the token expired at the
        // same time are all waiting for this one.
        tokio::time::sleep(Duration::from_millis(200)).await;
        let n = stand_in.refreshes.fetch_add(1, Ordering::SeqCst) + 1;
        let token = format!("wx-token-{n}");
        *stand_in.token.lock().unwrap() = token.clone();
        return format!(r#"{{"ret":0,"msg":"success","access_token":"{token}"}}"#);
    }
    if wechat && !stand_in.token_is_valid(token) {
        return INVALID_CREDENTIAL.to_owned();
    }
    let first = stand_in.first_valid_call(&api);
    let body = match api.as_str() {
        // The FAQ: "-1, system error" is WeChat's data processing failing; it passes.
        "/relation/wxfriends_profile" if first => r#"{"ret":-20000,"msg":"-1,system error"}"#,
        "/relation/wxfriends_profile" => r#"{"ret":0,"msg":"success","lists":[]}"#,
        // WeChat adds a hint and its request id to what it says.
        "/relation/wxuserinfo" => {
            r#"{"ret":-20000,"msg":"48001,api unauthorized, hint: [Bq0Xya0297ge13] rid: 64b8f1e0-2b1c"}"#
        }
        // The MSDK back end takes one request per second (the FAQ).
        "/mpay/pay_m" if first => r#"{"ret":-503,"msg":"frequency limit"}"#,
        "/mpay/pay_m" => r#"{"ret":0,"msg":"success","billno":"7f2c"}"#,
        // The documents' OIDB example: the pay token check (0x73a) failed with 17.
        "/mpay/get_balance_m" => r#"{"ret":-15001,"msg":"ret:-103 msg:oidb decode0x73a failed, ret:17","err_type":2}"#,
        // A code no table has.
        "/share/qq" => r#"{"ret":-10000,"msg":"229999, share service upgraded"}"#,
        // A body cut short.
        "/relation/qqfriends_detail" => r#"{"ret":-503,"msg":"frequ"#,
        // The game's own guild service answers in MSDK's format (data/guild.toml).
        "/guild/join" => r#"{"ret":-9101,"msg":"guild is full"}"#,
        _ => r#"{"ret":-505,"msg":"interface not exist"}"#,
    };
    body.to_owned()
}
