//! How a game server uses msdk-codes: two teams' code modules side by side with their handlers,
//! inside an async HTTP service that calls MSDK over HTTP. `cargo run -p game-server` starts the
//! game server and an MSDK stand-in on loopback and drives [`scenario`] through them.

pub mod client;
pub mod handlers;
pub mod policy;
pub mod scenario;
pub mod service;
pub mod standin;
pub mod teams;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use msdk_codes_core::Idempotence;
use msdk_codes_testing::StandIn;

use metrics_exporter_prometheus::{Matcher, PrometheusHandle};
use tokio::net::TcpListener;

use crate::client::{Limits, Msdk};
use crate::policy::{Alerts, Session};
use crate::service::App;
use crate::standin::EXPIRED_TOKEN;
use crate::teams::{pay, pay_token, social};

pub use scenario::scenario;

/// Which team's codes an API answers with, and the layer that holds its platform codes.
#[derive(Clone, Copy, Debug)]
pub enum Via {
    Pay(pay::Layer),
    PayToken(pay_token::Layer),
    Social(social::Layer),
}

/// An endpoint of the game server and the MSDK API it calls.
#[derive(Clone, Copy, Debug)]
pub struct Endpoint {
    pub name: &'static str,
    pub msdk_api: &'static str,
    pub via: Via,
    /// Whether calling the API twice does it twice: a call that got no answer is made again only
    /// when it is idempotent.
    pub call: Idempotence,
}

const fn endpoint(name: &'static str, msdk_api: &'static str, via: Via) -> Endpoint {
    Endpoint { name, msdk_api, via, call: Idempotence::Idempotent }
}

/// An endpoint whose API pays, gives or posts: not called again after no answer.
const fn not_idempotent(endpoint: Endpoint) -> Endpoint {
    Endpoint { call: Idempotence::NotIdempotent, ..endpoint }
}

/// The game server's endpoints (`GET /call/{name}`).
pub const ENDPOINTS: &[Endpoint] = &[
    endpoint("wechat-friends", "/relation/wxfriends_profile", Via::Social(social::Layer::WechatPlatform)),
    endpoint("wechat-profile", "/relation/wxuserinfo", Via::Social(social::Layer::WechatPlatform)),
    not_idempotent(endpoint("pay", "/mpay/pay_m", Via::Pay(pay::Layer::Access))),
    not_idempotent(endpoint("present", "/mpay/present_m", Via::Pay(pay::Layer::Logical))),
    endpoint("balance", "/mpay/get_balance_m", Via::PayToken(pay_token::Layer::OidbPayToken)),
    endpoint("articles", "/group/oidb/articles/show", Via::PayToken(pay_token::Layer::Oidb)),
    not_idempotent(endpoint("share-qq", "/share/qq", Via::Social(social::Layer::ShareQq))),
    endpoint("qq-friends", "/relation/qqfriends_detail", Via::Social(social::Layer::QqPlatform)),
    not_idempotent(endpoint("wechat-group", "/group/wx/bind", Via::Social(social::Layer::WechatGroup))),
    not_idempotent(endpoint("guild-join", "/guild/join", Via::Social(social::Layer::Guild))),
];

/// The server's state that outlives one call.
#[derive(Debug, Default)]
pub struct Server {
    pub alerts: Alerts,
    pub session: Session,
}

/// The game server and the MSDK stand-in, listening on loopback.
pub struct Running {
    /// The game server's address.
    pub game: SocketAddr,
    /// The stand-in's address.
    pub msdk: SocketAddr,
    pub stand_in: StandIn,
    pub app: Arc<App>,
}

/// Starts the MSDK stand-in, scripted for the scenario, and the game server on `127.0.0.1`, each
/// on a free port, as tasks of the current runtime. `metrics` renders the recorder the failures
/// are counted in.
pub async fn start(metrics: PrometheusHandle) -> std::io::Result<Running> {
    start_with(standin::start().await?, metrics).await
}

/// Starts the game server on a free loopback port, calling `stand_in` as its MSDK.
pub async fn start_with(stand_in: StandIn, metrics: PrometheusHandle) -> std::io::Result<Running> {
    start_limited(stand_in, metrics, Limits::DEFAULT).await
}

/// Starts the game server on a free loopback port, calling `stand_in` as its MSDK with `limits`.
pub async fn start_limited(stand_in: StandIn, metrics: PrometheusHandle, limits: Limits) -> std::io::Result<Running> {
    let msdk = stand_in.addr();
    let app = Arc::new(App {
        msdk: Msdk::with_limits(format!("http://{msdk}"), EXPIRED_TOKEN, limits),
        server: Mutex::new(Server::default()),
        metrics,
    });
    let game = serve_on(listen_on_loopback()?, service::router(app.clone()))?;
    Ok(Running { game, msdk, stand_in, app })
}

/// A listener on a free loopback port whose queue of connections not yet accepted holds a burst
/// of players (the system's own limit, `somaxconn`, caps it): with a short queue, connections of a
/// burst are dropped and wait for the client's retransmission, seconds later.
pub fn listen_on_loopback() -> std::io::Result<TcpListener> {
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.bind((std::net::Ipv4Addr::LOCALHOST, 0).into())?;
    socket.listen(4096)
}

/// Serves `router` on `listener`, in a task.
fn serve_on(listener: TcpListener, router: axum::Router) -> std::io::Result<SocketAddr> {
    let addr = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, router).await });
    Ok(addr)
}

/// The buckets of the latency histogram, in seconds: a call takes milliseconds, its retries up to
/// the deadline.
pub const LATENCY_BUCKETS: &[f64] = &[0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

/// The Prometheus recorder the failures are counted in, installed as the global recorder on the
/// first call; later calls give the same one.
pub fn metrics_recorder() -> PrometheusHandle {
    static HANDLE: std::sync::OnceLock<PrometheusHandle> = std::sync::OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let handle = metrics_exporter_prometheus::PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Full(client::METRICS.duration.to_owned()), LATENCY_BUCKETS)
                .expect("buckets given")
                .install_recorder()
                .expect("no other metrics recorder is installed");
            client::METRICS.describe();
            handle
        })
        .clone()
}

/// A subscriber that writes each event as one JSON line to `writer`, its fields at the top level
/// beside `timestamp`, `level`, `target` and `message`: a failure's line has the keys of its
/// `serde` object.
pub fn json_logs<W>(writer: W) -> impl tracing::Subscriber + Send + Sync
where
    W: for<'w> tracing_subscriber::fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    json_logs_at(writer, tracing::Level::INFO)
}

/// [`json_logs`] down to `level`: at `DEBUG`, each retried attempt and each call that succeeded
/// too.
pub fn json_logs_at<W>(writer: W, level: tracing::Level) -> impl tracing::Subscriber + Send + Sync
where
    W: for<'w> tracing_subscriber::fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    tracing_subscriber::fmt()
        .with_max_level(level)
        .json()
        .flatten_event(true)
        .with_current_span(false)
        .with_span_list(false)
        .with_writer(writer)
        .finish()
}
