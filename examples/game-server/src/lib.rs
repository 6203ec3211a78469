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

use msdk_codes_testing::StandIn;

use metrics_exporter_prometheus::PrometheusHandle;
use tokio::net::TcpListener;

use crate::client::Msdk;
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
}

const fn endpoint(name: &'static str, msdk_api: &'static str, via: Via) -> Endpoint {
    Endpoint { name, msdk_api, via }
}

/// The game server's endpoints (`GET /call/{name}`).
pub const ENDPOINTS: &[Endpoint] = &[
    endpoint("wechat-friends", "/relation/wxfriends_profile", Via::Social(social::Layer::WechatPlatform)),
    endpoint("wechat-profile", "/relation/wxuserinfo", Via::Social(social::Layer::WechatPlatform)),
    endpoint("pay", "/mpay/pay_m", Via::Pay(pay::Layer::Access)),
    endpoint("present", "/mpay/present_m", Via::Pay(pay::Layer::Logical)),
    endpoint("balance", "/mpay/get_balance_m", Via::PayToken(pay_token::Layer::OidbPayToken)),
    endpoint("articles", "/group/oidb/articles/show", Via::PayToken(pay_token::Layer::Oidb)),
    endpoint("share-qq", "/share/qq", Via::Social(social::Layer::ShareQq)),
    endpoint("qq-friends", "/relation/qqfriends_detail", Via::Social(social::Layer::QqPlatform)),
    endpoint("wechat-group", "/group/wx/bind", Via::Social(social::Layer::WechatGroup)),
    endpoint("guild-join", "/guild/join", Via::Social(social::Layer::Guild)),
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
    let msdk = stand_in.addr();
    let app = Arc::new(App {
        msdk: Msdk::new(format!("http://{msdk}"), EXPIRED_TOKEN),
        server: Mutex::new(Server::default()),
        metrics,
    });
    let game = serve(service::router(app.clone())).await?;
    Ok(Running { game, msdk, stand_in, app })
}

/// Serves `router` on a free loopback port, in a task.
async fn serve(router: axum::Router) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, 0)).await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, router).await });
    Ok(addr)
}

/// The Prometheus recorder the failures are counted in, installed as the global recorder on the
/// first call; later calls give the same one.
pub fn metrics_recorder() -> PrometheusHandle {
    static HANDLE: std::sync::OnceLock<PrometheusHandle> = std::sync::OnceLock::new();
    HANDLE
        .get_or_init(|| {
            metrics_exporter_prometheus::PrometheusBuilder::new()
                .install_recorder()
                .expect("no other metrics recorder is installed")
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
    tracing_subscriber::fmt()
        .json()
        .flatten_event(true)
        .with_current_span(false)
        .with_span_list(false)
        .with_writer(writer)
        .finish()
}
