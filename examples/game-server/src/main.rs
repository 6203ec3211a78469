//! `cargo run -p game-server [-- --serve]`: starts the game server and an MSDK stand-in on
//! loopback, drives the scripted scenario through them (one JSON log line per call that failed on
//! stdout, then the metrics), says where to read what it showed, and exits; with `--serve`, keeps
//! serving. The logs and alerts are in the operators' language, `LOG_LOCALE` (`en`, `zh`, `ja`,
//! `ko`; English when unset), whatever each team's module and each player speak.

use std::io::Write;

use msdk_codes_core::{Locale, LogPolicy};

/// Where the README that explains the scenario is, from the repository's root.
const README: &str = "examples/game-server/README.md";

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
    let operators = match std::env::var("LOG_LOCALE") {
        Err(_) => Locale::En,
        Ok(tag) => Locale::from_tag(&tag).unwrap_or_else(|| {
            eprintln!("LOG_LOCALE={tag:?} is no locale; use en, zh, ja or ko");
            std::process::exit(2);
        }),
    };
    // Before the first log line: every text about a failure is then in the operators' language.
    let _ = LogPolicy::new().locale(operators).install();
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
    writeln!(out, "\nWhat this showed, and why: {README}, \"Run it\"")?;
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
