//! `cargo run -p game-server [-- --serve]`: starts the game server and an MSDK stand-in on
//! loopback, drives the scripted scenario through them (one JSON log line per call that failed on
//! stdout, then the metrics), and exits; with `--serve`, keeps serving.

use std::io::Write;

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    let serve = match std::env::args().nth(1).as_deref() {
        None => false,
        Some("--serve") => true,
        Some(other) => {
            eprintln!("unknown argument {other:?}; usage: game-server [--serve]");
            std::process::exit(2);
        }
    };
    tracing::subscriber::set_global_default(game_server::json_logs(std::io::stdout)).map_err(std::io::Error::other)?;
    let running = game_server::start(game_server::metrics_recorder()).await?;
    let mut out = std::io::stdout();
    writeln!(out, "game server on http://{}, MSDK stand-in on http://{}\n", running.game, running.msdk)?;
    game_server::scenario(running.game, &mut out).await?;
    let (refreshes, alerts) = (running.stand_in.refreshes(), running.app.server.lock().unwrap().alerts.raised().len());
    writeln!(
        out,
        "\naccess token refreshes: {refreshes} for {} concurrent requests; alerts raised: {alerts}",
        game_server::scenario::CONCURRENT
    )?;
    if serve {
        writeln!(
            out,
            "\nserving: GET http://{}/call/{{endpoint}}?player=ja, GET http://{}/metrics (Ctrl-C stops)",
            running.game, running.game
        )?;
        out.flush()?;
        // Until the process is stopped (Ctrl-C).
        std::future::pending::<()>().await;
    }
    Ok(())
}
