//! The game server under load and faults: `cargo run -p game-server --release --example load [--
//! a b c d e]`. Each scenario starts a fresh MSDK stand-in (msdk-codes-testing) and game server on
//! 127.0.0.1, drives a bounded number of requests through them over HTTP, and prints what it
//! measured and whether the scenario's claim held. Everything runs on one current-thread runtime,
//! so that the figures leave the machine's other cores alone; the whole run takes about a minute.
//! Exits 1 when a claim did not hold.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use game_server::client::Limits;
use game_server::standin::{EXPIRED_TOKEN, INVALID_CREDENTIAL};
use game_server::{Running, metrics_recorder, start_limited};
use msdk_codes_testing::{REFRESH_PATH, Reply, Script, StandIn, get};
use serde_json::Value;
use tokio::task::JoinSet;

#[path = "../tests/common/logs.rs"]
mod logs;
use logs::Logs;

/// One player's request: when it was sent (from the scenario's start), its status (`None`: the
/// player gave up at the deadline), how long it took, the body.
#[derive(Debug)]
struct Sample {
    sent: Duration,
    status: Option<u16>,
    latency: Duration,
    body: String,
}

async fn request(game: SocketAddr, endpoint: &'static str, deadline: Duration, start: Instant) -> Sample {
    let sent = start.elapsed();
    let began = Instant::now();
    let fetched = get(&format!("http://{game}/call/{endpoint}?player=en"), deadline).await;
    let latency = began.elapsed();
    match fetched {
        Ok(fetched) => Sample { sent, status: Some(fetched.status), latency, body: fetched.text() },
        Err(err) => Sample { sent, status: None, latency, body: err.to_string() },
    }
}

/// `n` requests at once.
async fn at_once(game: SocketAddr, endpoint: &'static str, n: usize, deadline: Duration) -> Vec<Sample> {
    let start = Instant::now();
    let mut requests = JoinSet::new();
    for _ in 0..n {
        requests.spawn(request(game, endpoint, deadline, start));
    }
    requests.join_all().await
}

/// `per_second` requests a second for `lasting`, each with its own `deadline`.
async fn steady(
    game: SocketAddr,
    endpoint: &'static str,
    per_second: u32,
    lasting: Duration,
    deadline: Duration,
) -> (Instant, Vec<Sample>) {
    let start = Instant::now();
    let mut ticks = tokio::time::interval(Duration::from_secs(1) / per_second);
    let mut requests = JoinSet::new();
    while start.elapsed() < lasting {
        ticks.tick().await;
        requests.spawn(request(game, endpoint, deadline, start));
    }
    (start, requests.join_all().await)
}

/// The statuses of `samples`, counted: `200×1999 503×1 gave-up×0`.
fn statuses(samples: &[Sample]) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for sample in samples {
        let status = sample.status.map_or("gave up".to_owned(), |status| status.to_string());
        match counts.iter_mut().find(|(seen, _)| *seen == status) {
            Some((_, count)) => *count += 1,
            None => counts.push((status, 1)),
        }
    }
    counts.sort();
    counts.iter().map(|(status, count)| format!("{status}×{count}")).collect::<Vec<_>>().join(" ")
}

/// p50, p99 and the longest latency of `samples`.
fn latencies(samples: &[Sample]) -> String {
    let mut all: Vec<Duration> = samples.iter().map(|sample| sample.latency).collect();
    if all.is_empty() {
        return "no requests".to_owned();
    }
    all.sort();
    let at = |share: f64| all[((all.len() - 1) as f64 * share).round() as usize];
    format!("p50 {:.1?}, p99 {:.1?}, max {:.1?}", at(0.5), at(0.99), all[all.len() - 1])
}

/// The value of the series `series` (name and labels, as rendered), 0 when absent.
fn metric(rendered: &str, series: &str) -> f64 {
    rendered.lines().find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.parse().ok()).unwrap_or(0.0)
}

/// The stand-in, with the game server's starting token expired on every API.
async fn expired() -> StandIn {
    let stand_in = StandIn::start().await.expect("a loopback port");
    stand_in.script_token(EXPIRED_TOKEN, Reply::json(INVALID_CREDENTIAL));
    stand_in
}

struct Bench {
    logs: Logs,
    metrics: metrics_exporter_prometheus::PrometheusHandle,
    held: Vec<(&'static str, bool)>,
}

impl Bench {
    async fn start(&self, stand_in: StandIn, limits: Limits) -> Running {
        self.logs.take();
        start_limited(stand_in, self.metrics.clone(), limits).await.expect("loopback ports")
    }

    fn claim(&mut self, scenario: &'static str, claim: &str, held: bool) {
        println!("  claim: {claim}: {}", if held { "HELD" } else { "DID NOT HOLD" });
        self.held.push((scenario, held));
    }

    /// (a) 2000 concurrent requests with an expired token: one refresh, all succeed.
    async fn expired_token(&mut self) {
        println!("(a) 2000 concurrent requests, the access token expired, a refresh of 200 ms");
        let stand_in = expired().await;
        stand_in.script(REFRESH_PATH, Reply::NewToken.after(Duration::from_millis(200)));
        let running = self.start(stand_in, Limits::DEFAULT).await;
        let started = Instant::now();
        let samples = at_once(running.game, "wechat-friends", 2000, Duration::from_secs(30)).await;
        println!(
            "  {:.2?} for all; statuses {}; latency {}",
            started.elapsed(),
            statuses(&samples),
            latencies(&samples)
        );
        let refreshes = running.stand_in.refreshes();
        println!("  refresh calls to MSDK: {refreshes}; MSDK requests: {}", running.stand_in.request_count());
        let all_ok = samples.iter().all(|sample| sample.status == Some(200));
        self.claim("a", "1 refresh, all 2000 succeed", refreshes == 1 && all_ok);
    }

    /// (b) A 1 s refresh, players who give up after 500 ms, 100 requests a second for 5 s.
    async fn slow_refresh(&mut self) {
        println!("(b) a 1 s refresh; players give up after 500 ms; 100 requests/s for 5 s");
        let stand_in = expired().await;
        stand_in.script(REFRESH_PATH, Reply::NewToken.after(Duration::from_secs(1)));
        let running = self.start(stand_in, Limits::DEFAULT).await;
        // When the refresh completed, seen from the client's count.
        let app = running.app.clone();
        let done = tokio::spawn(async move {
            let start = Instant::now();
            while app.msdk.refreshes() == 0 && start.elapsed() < Duration::from_secs(10) {
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
            Instant::now()
        });
        let (start, samples) =
            steady(running.game, "wechat-friends", 100, Duration::from_secs(5), Duration::from_millis(500)).await;
        let done = done.await.expect("the watcher").duration_since(start);
        let later: Vec<&Sample> = samples.iter().filter(|sample| sample.sent >= done).collect();
        let later_ok = later.iter().filter(|sample| sample.status == Some(200)).count();
        let (calls, completed) = (running.stand_in.refreshes(), running.app.msdk.refreshes());
        println!("  {} requests; statuses {}; latency {}", samples.len(), statuses(&samples), latencies(&samples));
        println!("  refresh calls to MSDK: {calls}, completed: {completed}, at {done:.2?}");
        println!("  requests sent after it: {}, succeeded: {later_ok}", later.len());
        let held = calls == 1 && completed == 1 && later_ok == later.len() && !later.is_empty();
        self.claim("b", "the refresh completes once, the requests after it succeed", held);
    }

    /// (c) The refresh fails for 20 s: one refresh per cool-down, 503 at once, each failure logged
    /// and counted.
    async fn failing_refresh(&mut self) {
        let limits = Limits::DEFAULT;
        println!(
            "(c) the refresh answers an HTML 502 for 20 s; 10 requests/s; cool-down {:?}",
            limits.refresh_cool_down
        );
        let stand_in = expired().await;
        stand_in.script(REFRESH_PATH, Reply::BadGateway);
        let running = self.start(stand_in, limits).await;
        let failures_before = metric(&self.metrics.render(), "msdk_token_refresh_failures_total");
        let (_, samples) =
            steady(running.game, "wechat-friends", 10, Duration::from_secs(20), Duration::from_secs(10)).await;
        let calls = running.stand_in.refreshes();
        let counted = metric(&self.metrics.render(), "msdk_token_refresh_failures_total") - failures_before;
        let lines = self.logs.take();
        let logged = lines.iter().filter(|line| line["error.type"] == "token_refresh").count();
        let finals = lines.iter().filter(|line| line["msdk.api"] == "/relation/wxfriends_profile").count();
        let at_most = (20.0 / limits.refresh_cool_down.as_secs_f64()).ceil() as usize + 1;
        println!("  {} requests; statuses {}; latency {}", samples.len(), statuses(&samples), latencies(&samples));
        println!("  refresh calls to MSDK: {calls} (one per cool-down: at most {at_most})");
        println!("  failed refreshes logged: {logged}, counted (msdk_token_refresh_failures_total): {counted}");
        println!("  final log events of the requests: {finals}");
        let all_503 = samples.iter().all(|sample| sample.status == Some(503));
        let prompt = samples.iter().all(|sample| sample.latency < Duration::from_millis(500));
        self.claim("c", "at most one refresh per cool-down", calls <= at_most);
        self.claim("c", "every request answered 503 within 500 ms", all_503 && prompt);
        self.claim(
            "c",
            "each failed refresh logged and counted, each request one final event",
            logged == calls && counted as usize == calls && finals == samples.len(),
        );
    }

    /// (d) MSDK takes 500 requests a second and answers -503 to the rest; 1000 requests at once.
    async fn frequency_limit(&mut self) {
        let limits = Limits::DEFAULT;
        println!(
            "(d) -503 above 500 requests/s; 1000 payments at once; the game server's retry budget, {}% + {}/s",
            limits.budget_percent, limits.budget_per_second
        );
        let stand_in = StandIn::start().await.expect("a loopback port");
        let limited = Reply::json(r#"{"ret":-503,"msg":"frequency limit"}"#);
        stand_in.script("/mpay/pay_m", Script::always(Reply::success()).capacity(500, Duration::from_secs(1), limited));
        let running = self.start(stand_in, limits).await;
        let samples = at_once(running.game, "pay", 1000, Duration::from_secs(30)).await;
        let arrivals: Vec<Instant> =
            running.stand_in.requests().iter().filter(|request| request.path == "/mpay/pay_m").map(|r| r.at).collect();
        let first = arrivals.iter().min().copied().expect("requests");
        // A retry comes at least the documented second after its failure: what arrives a second or
        // more after the first request is (nearly all) retries.
        let mut bins = std::collections::BTreeMap::<u128, usize>::new();
        for at in &arrivals {
            let since = at.duration_since(first);
            if since >= Duration::from_secs(1) {
                *bins.entry(since.as_millis() / 10).or_default() += 1;
            }
        }
        let later: usize = bins.values().sum();
        let busiest = bins.values().max().copied().unwrap_or(0);
        let spread = bins.keys().next_back().zip(bins.keys().next()).map_or(0, |(last, first)| (last - first + 1) * 10);
        let ok = samples.iter().filter(|sample| sample.status == Some(200)).count();
        println!("  statuses {}; latency {}; MSDK calls {}", statuses(&samples), latencies(&samples), arrivals.len());
        println!(
            "  calls a second or more after the first: {later}, over {spread} ms in 10 ms bins: at most {busiest} in one bin ({} bins hold some)",
            bins.len()
        );
        self.claim("d", "all 1000 succeed", ok == 1000);
        // In one synchronized wave every retry would land in the same 10 ms.
        self.claim("d", "no retry wave: no 10 ms bin holds a tenth of the retries", busiest * 10 < later.max(1));
    }

    /// (e) An HTML 502 from a proxy: logged, counted, answered 502, no token anywhere.
    async fn bad_gateway(&mut self) {
        println!("(e) a proxy answers an HTML 502 to every friends list; 100 requests at once");
        let stand_in = StandIn::start().await.expect("a loopback port");
        stand_in.script("/relation/wxfriends_profile", Reply::BadGateway);
        let running = self.start(stand_in, Limits::DEFAULT).await;
        let series = r#"msdk_requests_total{api="/relation/wxfriends_profile",outcome="bad_body"}"#;
        let before = metric(&self.metrics.render(), series);
        let samples = at_once(running.game, "wechat-friends", 100, Duration::from_secs(30)).await;
        let rendered = self.metrics.render();
        let counted = metric(&rendered, series) - before;
        let lines = self.logs.take();
        let logged = lines.iter().filter(|line| line["error.type"] == "bad_body" && line["level"] == "ERROR").count();
        let bodies: String = samples.iter().map(|sample| sample.body.as_str()).collect();
        let logs: String = lines.iter().map(Value::to_string).collect();
        let tokens: Vec<String> = running.stand_in.requests().into_iter().filter_map(|request| request.token).collect();
        let leaks = |text: &str| {
            tokens.iter().filter(|token| text.contains(token.as_str())).count()
                + text.matches("access_token=").filter(|_| !text.contains("access_token=***")).count()
        };
        let (in_bodies, in_logs, in_metrics) = (leaks(&bodies), leaks(&logs), leaks(&rendered));
        println!(
            "  statuses {}; latency {}; MSDK calls {}",
            statuses(&samples),
            latencies(&samples),
            running.stand_in.request_count()
        );
        println!("  logged (ERROR, bad_body): {logged}; counted ({series}): {counted}");
        println!(
            "  the access token ({} distinct) in the responses: {in_bodies}, in the logs: {in_logs}, in the metrics: {in_metrics}",
            {
                let mut distinct = tokens.clone();
                distinct.sort();
                distinct.dedup();
                distinct.len()
            }
        );
        let all_502 = samples.iter().all(|sample| sample.status == Some(502));
        self.claim(
            "e",
            "answered 502, logged and counted once per request",
            all_502 && logged == 100 && counted == 100.0,
        );
        self.claim("e", "no token in any output", in_bodies + in_logs + in_metrics == 0);
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let logs = Logs::default();
    tracing::subscriber::set_global_default(logs.subscriber(tracing::Level::INFO)).expect("the first subscriber");
    let chosen: Vec<String> = std::env::args().skip(1).collect();
    let runs = |scenario: &str| chosen.is_empty() || chosen.iter().any(|name| name == scenario);
    let mut bench = Bench { logs, metrics: metrics_recorder(), held: Vec::new() };
    let started = Instant::now();
    if runs("a") {
        bench.expired_token().await;
    }
    if runs("b") {
        bench.slow_refresh().await;
    }
    if runs("c") {
        bench.failing_refresh().await;
    }
    if runs("d") {
        bench.frequency_limit().await;
    }
    if runs("e") {
        bench.bad_gateway().await;
    }
    let failed: Vec<&str> = bench.held.iter().filter(|(_, held)| !held).map(|(scenario, _)| *scenario).collect();
    println!("whole run: {:.1?}; claims that did not hold: {failed:?}", started.elapsed());
    if !failed.is_empty() {
        std::process::exit(1);
    }
}
