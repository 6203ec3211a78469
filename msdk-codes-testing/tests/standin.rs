//! The stand-in over real HTTP on loopback: each kind of script, each fault, the record of
//! requests.

use std::time::{Duration, Instant};

use msdk_codes_core::{Failure, Response};
use msdk_codes_testing::{FetchError, Fetched, REFRESH_PATH, Reply, Script, StandIn, body_of, get, post_json};
use tokio::task::JoinSet;

msdk_codes_core::msdk_errors!(layers = [access, qq_platform, share_qq, wechat_platform]);

/// Long enough for any answer on loopback; the tests of deadlines set their own.
const DEADLINE: Duration = Duration::from_secs(10);

async fn fetch(stand_in: &StandIn, path_and_query: &str) -> Result<Fetched, FetchError> {
    get(&format!("{}{path_and_query}", stand_in.url()), DEADLINE).await
}

/// What a team's code makes of the body of `path`, decoded in `via`.
async fn decoded(stand_in: &StandIn, path_and_query: &str, via: Layer) -> Option<MsdkError> {
    let fetched = fetch(stand_in, path_and_query).await.unwrap();
    assert_eq!(fetched.status, 200);
    MsdkError::from_json_in(&fetched.body, via).unwrap()
}

fn credential_invalid() -> MsdkError {
    WechatPlatformError::CredentialInvalid.into()
}

#[tokio::test(flavor = "current_thread")]
async fn a_value_on_a_path() {
    let stand_in = StandIn::start().await.unwrap();
    let heart = MsdkError::from(ShareQqError::HeartRecipientNotFriend);
    stand_in.script("/share/qq", Reply::error(&heart));
    for _ in 0..2 {
        assert_eq!(decoded(&stand_in, "/share/qq", Layer::ShareQq).await, Some(heart.clone()));
    }
    // Another path answers success.
    assert_eq!(decoded(&stand_in, "/share/wx", Layer::ShareQq).await, None);
    assert_eq!((stand_in.calls("/share/qq"), stand_in.calls("/share/wx")), (2, 1));
}

#[tokio::test(flavor = "current_thread")]
async fn a_sequence_then_success() {
    let stand_in = StandIn::start().await.unwrap();
    stand_in.script("/auth/check_token", Script::times(2, Reply::error(&credential_invalid())));
    let mut got = Vec::new();
    for _ in 0..3 {
        got.push(decoded(&stand_in, "/auth/check_token", Layer::WechatPlatform).await);
    }
    assert_eq!(got, [Some(credential_invalid()), Some(credential_invalid()), None]);
    // A sequence can end on any reply.
    let limited = MsdkError::from(AccessError::FrequencyLimit);
    stand_in.script("/mpay/pay_m", Script::sequence([Reply::success()]).then(Reply::error(&limited)));
    assert_eq!(decoded(&stand_in, "/mpay/pay_m", Layer::Access).await, None);
    assert_eq!(decoded(&stand_in, "/mpay/pay_m", Layer::Access).await, Some(limited.clone()));
    assert_eq!(decoded(&stand_in, "/mpay/pay_m", Layer::Access).await, Some(limited));
}

#[tokio::test(flavor = "current_thread")]
async fn every_path_can_be_scripted_at_once_and_a_paths_own_script_wins() {
    let stand_in = StandIn::start().await.unwrap();
    let system_error = MsdkError::from(WechatPlatformError::SystemError);
    stand_in.script_any(Reply::error(&system_error));
    stand_in.script("/relation/wxuserinfo", Reply::success());
    assert_eq!(decoded(&stand_in, "/relation/wxfriends_profile", Layer::WechatPlatform).await, Some(system_error));
    assert_eq!(decoded(&stand_in, "/relation/wxuserinfo", Layer::WechatPlatform).await, None);
    // The token refresh still issues tokens.
    let refreshed = fetch(&stand_in, REFRESH_PATH).await.unwrap().text();
    assert_eq!(refreshed, r#"{"ret":0,"msg":"success","access_token":"standin-token-1","expires_in":7200}"#);
    stand_in.clear_scripts();
    assert_eq!(decoded(&stand_in, "/relation/wxfriends_profile", Layer::WechatPlatform).await, None);
}

#[tokio::test(flavor = "current_thread")]
async fn a_token_script_stops_with_a_refreshed_token() {
    let stand_in = StandIn::start().await.unwrap();
    stand_in.script_token("expired", Reply::error(&credential_invalid()));
    // On one path only, for another token.
    stand_in.script_token_on("/share/qq", "qq-token", Reply::error(&MsdkError::from(ShareQqError::DailyShareLimit)));
    let friends = "/relation/wxfriends_profile?openid=o1&access_token=expired";
    assert_eq!(decoded(&stand_in, friends, Layer::WechatPlatform).await, Some(credential_invalid()));
    let body = r#"{"openid":"o1","access_token":"expired"}"#;
    let posted = post_json(&format!("{}/auth/check_token", stand_in.url()), body, DEADLINE).await.unwrap();
    assert_eq!(MsdkError::from_json(&posted.body).unwrap(), Some(credential_invalid()), "the token in a JSON body");
    // The refresh is not the expired token's to refuse, even when the client sends it along.
    let fresh = fetch(&stand_in, &format!("{REFRESH_PATH}?access_token=expired")).await.unwrap();
    let fresh: serde_json::Value = serde_json::from_slice(&fresh.body).unwrap();
    let token = fresh["access_token"].as_str().unwrap();
    let friends = format!("/relation/wxfriends_profile?openid=o1&access_token={token}");
    assert_eq!(decoded(&stand_in, &friends, Layer::WechatPlatform).await, None);
    assert_eq!(
        decoded(&stand_in, "/share/qq?access_token=qq-token", Layer::ShareQq).await.unwrap().name(),
        "DailyShareLimit"
    );
    assert_eq!(decoded(&stand_in, "/share/wx?access_token=qq-token", Layer::ShareQq).await, None);

    // The record: every request with its path, query, token and body.
    let requests = stand_in.requests();
    let seen: Vec<(&str, &str, Option<&str>)> =
        requests.iter().map(|r| (r.method.as_str(), r.path.as_str(), r.token.as_deref())).collect();
    assert_eq!(
        seen,
        [
            ("GET", "/relation/wxfriends_profile", Some("expired")),
            ("POST", "/auth/check_token", Some("expired")),
            ("GET", REFRESH_PATH, Some("expired")),
            ("GET", "/relation/wxfriends_profile", Some("standin-token-1")),
            ("GET", "/share/qq", Some("qq-token")),
            ("GET", "/share/wx", Some("qq-token")),
        ]
    );
    assert_eq!((requests[0].query.as_str(), requests[1].body.as_str()), ("openid=o1&access_token=expired", body));
    assert!(requests.windows(2).all(|pair| pair[0].at <= pair[1].at));
    assert_eq!((stand_in.refreshes(), stand_in.tokens_issued()), (1, 1));
}

/// A team's client, as small as one can be: calls `path` with its token, and when MSDK says the
/// token expired, refreshes it (one refresh for every request that found it expired) and calls
/// again.
struct TeamClient {
    base: String,
    token: tokio::sync::Mutex<(String, u32)>,
}

impl TeamClient {
    async fn call(&self, path: &str) -> Result<Response, String> {
        for _ in 0..3 {
            let (token, generation) = self.token.lock().await.clone();
            let fetched = get(&format!("{}{path}?access_token={token}", self.base), DEADLINE).await;
            let response =
                Response::from_json(&fetched.map_err(|err| err.to_string())?.body).map_err(|e| e.to_string())?;
            match Failure::<MsdkError>::decode(&response) {
                None => return Ok(response),
                Some(failure) if failure.retry().refresh_token_first() => {
                    let mut held = self.token.lock().await;
                    if held.1 == generation {
                        let url = format!("{}{REFRESH_PATH}", self.base);
                        let fresh = get(&url, DEADLINE).await.map_err(|err| err.to_string())?;
                        let fresh: serde_json::Value =
                            serde_json::from_slice(&fresh.body).map_err(|e| e.to_string())?;
                        *held = (fresh["access_token"].as_str().unwrap_or_default().to_owned(), generation + 1);
                    }
                }
                Some(failure) => return Err(failure.to_string()),
            }
        }
        Err("still failing".to_owned())
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_token_expiry_for_many_concurrent_requests_costs_one_refresh() {
    let stand_in = StandIn::start().await.unwrap();
    stand_in.script_token("expired", Reply::error(&credential_invalid()));
    // A refresh as slow as a real one: every request finds the token expired before it is done.
    stand_in.script(REFRESH_PATH, Reply::NewToken.after(Duration::from_millis(100)));
    let client = std::sync::Arc::new(TeamClient { base: stand_in.url(), token: ("expired".to_owned(), 0).into() });
    let mut calls = JoinSet::new();
    for _ in 0..32 {
        let client = client.clone();
        calls.spawn(async move { client.call("/relation/wxfriends_profile").await });
    }
    for result in calls.join_all().await {
        assert_eq!(result.unwrap().ret, 0);
    }
    assert_eq!(stand_in.refreshes(), 1);
    let expired = stand_in.requests().iter().filter(|r| r.token.as_deref() == Some("expired")).count();
    let fresh = stand_in.requests().iter().filter(|r| r.token.as_deref() == Some("standin-token-1")).count();
    assert_eq!((expired, fresh), (32, 32), "each request: once expired, once again with the new token");
}

#[tokio::test(flavor = "current_thread")]
async fn latency() {
    let stand_in = StandIn::start().await.unwrap();
    let latency = Duration::from_millis(300);
    stand_in.script("/share/qq", Reply::error(&MsdkError::from(ShareQqError::HeartRecipientNotFriend)).after(latency));
    let started = Instant::now();
    let fetched = fetch(&stand_in, "/share/qq").await.unwrap();
    assert!(started.elapsed() >= latency, "{:?}", started.elapsed());
    assert_eq!(MsdkError::from_json(&fetched.body).unwrap().unwrap().name(), "HeartRecipientNotFriend");
}

#[tokio::test(flavor = "current_thread")]
async fn an_html_502_from_a_proxy() {
    let stand_in = StandIn::start().await.unwrap();
    stand_in.script("/auth/check_token", Script::times(1, Reply::BadGateway));
    let fetched = fetch(&stand_in, "/auth/check_token").await.unwrap();
    assert_eq!(fetched.status, 502);
    assert!(fetched.text().contains("<title>502 Bad Gateway</title>"), "{}", fetched.text());
    let err = Response::from_json(&fetched.body).unwrap_err();
    assert!(err.is_not_json(), "{err}");
    assert_eq!(fetch(&stand_in, "/auth/check_token").await.unwrap().status, 200, "then success");
}

#[tokio::test(flavor = "current_thread")]
async fn a_truncated_body() {
    let stand_in = StandIn::start().await.unwrap();
    let body = body_of(&credential_invalid());
    stand_in.script("/relation/wxuserinfo", Reply::case(&body).truncated());
    let err = fetch(&stand_in, "/relation/wxuserinfo").await.unwrap_err();
    assert!(matches!(err, FetchError::Exchange(_)), "{err}");
    // A body cut short inside a whole HTTP answer, as a proxy may send: not an MSDK response.
    let half = &body.body()[..body.body().len() / 2];
    stand_in.script("/relation/wxuserinfo", Reply::json(half));
    let fetched = fetch(&stand_in, "/relation/wxuserinfo").await.unwrap();
    assert_eq!(fetched.body, half.as_bytes());
    assert!(Response::from_json(&fetched.body).unwrap_err().to_string().contains("EOF"));
}

#[tokio::test(flavor = "current_thread")]
async fn a_closed_connection() {
    let stand_in = StandIn::start().await.unwrap();
    stand_in.script("/mpay/pay_m", Script::times(1, Reply::Closed));
    let err = fetch(&stand_in, "/mpay/pay_m").await.unwrap_err();
    assert!(matches!(err, FetchError::Exchange(_)), "{err}");
    assert_eq!(fetch(&stand_in, "/mpay/pay_m").await.unwrap().status, 200);
    assert_eq!(stand_in.calls("/mpay/pay_m"), 2, "the closed one is recorded");
}

#[tokio::test(flavor = "current_thread")]
async fn a_hang_past_the_deadline() {
    let stand_in = StandIn::start().await.unwrap();
    stand_in.script("/mpay/get_balance_m", Script::times(1, Reply::Hang));
    let deadline = Duration::from_millis(300);
    let started = Instant::now();
    let err = get(&format!("{}/mpay/get_balance_m", stand_in.url()), deadline).await.unwrap_err();
    let waited = started.elapsed();
    assert_eq!(err, FetchError::Timeout(deadline));
    assert!(waited >= deadline && waited < DEADLINE, "{waited:?}");
    // The stand-in still answers the next request.
    assert_eq!(fetch(&stand_in, "/mpay/get_balance_m").await.unwrap().status, 200);
}

#[tokio::test(flavor = "current_thread")]
async fn a_stopped_stand_in_refuses_connections() {
    let stand_in = StandIn::start().await.unwrap();
    let url = stand_in.url();
    stand_in.stop().await;
    let err = get(&url, DEADLINE).await.unwrap_err();
    assert!(matches!(err, FetchError::Connect(_)), "{err}");
}
