//! The scripted scenario of `cargo run -p game-server`: players' requests to the game server, over
//! HTTP, that meet every kind of MSDK answer; then the metrics the game server exposes.

use std::io::{self, Write};
use std::net::SocketAddr;

use http_body_util::Empty;
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;
use tokio::task::JoinSet;

use crate::client::{fetch, get};

/// How many players load their WeChat friends at once while the access token has expired.
pub const CONCURRENT: usize = 8;

/// The requests after the concurrent ones: endpoint and the player's language.
pub const REQUESTS: &[(&str, &str)] = &[
    ("wechat-profile", "ja"),
    ("pay", "zh"),
    ("balance", "zh"),
    ("share-qq", "ja"),
    ("qq-friends", "en"),
    ("guild-join", "ko"),
];

/// What the scenario saw: each answer of the game server (JSON, with its HTTP `status`), and its
/// metrics.
#[derive(Debug)]
pub struct Report {
    pub answers: Vec<Value>,
    pub metrics: String,
}

/// Drives the game server at `game`: [`CONCURRENT`] requests for WeChat friends at once, then
/// [`REQUESTS`] one by one; prints each answer and the `msdk_` metrics to `out`.
pub async fn scenario(game: SocketAddr, out: &mut impl Write) -> io::Result<Report> {
    let http: Client<HttpConnector, Empty<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let call = |endpoint: &str, player: &str| {
        let (http, url) = (http.clone(), format!("http://{game}/call/{endpoint}?player={player}"));
        async move {
            let (status, body) = fetch(&http, &url).await.map_err(io::Error::other)?;
            let mut answer = serde_json::from_slice::<Value>(&body).map_err(io::Error::other)?;
            answer["status"] = status.into();
            Ok::<Value, io::Error>(answer)
        }
    };

    writeln!(out, "{CONCURRENT} players load their WeChat friends at once; the access token has expired")?;
    out.flush()?;
    let mut concurrent = JoinSet::new();
    for _ in 0..CONCURRENT {
        concurrent.spawn(call("wechat-friends", "ja"));
    }
    let mut answers = Vec::new();
    for answer in concurrent.join_all().await {
        answers.push(answer?);
    }
    // The concurrent answers, alike but for their attempts: printed once, with the attempts of each,
    // fewest first (which request met which answer of the stand-in is up to the scheduler).
    answers.sort_by_key(|answer| answer["attempts"].as_u64());
    let attempts: Vec<String> = answers.iter().map(|answer| answer["attempts"].to_string()).collect();
    let mut distinct: Vec<&Value> = Vec::new();
    for answer in &answers {
        let same = |seen: &&Value| ["decoded", "decision", "player_sees"].iter().all(|key| seen[key] == answer[key]);
        if !distinct.iter().any(same) {
            distinct.push(answer);
        }
    }
    for answer in distinct {
        print_answer(out, answer)?;
    }
    writeln!(out, "    attempts of the {CONCURRENT} requests: {}", attempts.join(", "))?;
    for (endpoint, player) in REQUESTS {
        writeln!(out, "\n{endpoint} [{player}]")?;
        out.flush()?;
        let answer = call(endpoint, player).await?;
        print_answer(out, &answer)?;
        answers.push(answer);
    }

    let metrics =
        String::from_utf8_lossy(&get(&http, &format!("http://{game}/metrics")).await.map_err(io::Error::other)?)
            .into_owned();
    writeln!(out, "\nGET /metrics (the msdk_ series, without the latencies: their buckets and sums):")?;
    let latency = |line: &str| line.contains("_bucket{") || line.contains("_sum{");
    let mut series: Vec<&str> = metrics.lines().filter(|line| line.starts_with("msdk_") && !latency(line)).collect();
    series.sort_unstable();
    for line in series {
        writeln!(out, "  {line}")?;
    }
    Ok(Report { answers, metrics })
}

fn print_answer(out: &mut impl Write, answer: &Value) -> io::Result<()> {
    let text = |key: &str| answer[key].as_str().unwrap_or("-").to_owned();
    let attempts = match answer["attempts"].as_u64() {
        Some(1) => "1 attempt".to_owned(),
        Some(n) => format!("{n} attempts"),
        None => "attempts unknown".to_owned(),
    };
    writeln!(out, "  {}  {}  ({attempts}, HTTP {})", text("endpoint"), text("decoded"), answer["status"])?;
    writeln!(out, "    server  {}", text("decision"))?;
    writeln!(out, "    player  {}", text("player_sees"))
}
