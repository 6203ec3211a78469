//! The README's sample output is what `cargo run -p game-server` prints, all of it, once the parts
//! that differ from run to run (the ports, the timestamps, a call's milliseconds) are written as the
//! README writes them.
//! After a deliberate change, `UPDATE_EXPECT=1 cargo test -p game-server --test readme` rewrites
//! the README's block; review its diff before committing.

use std::path::Path;
use std::process::Command;

use game_server::teams::social;
use msdk_codes_core::Locale;

/// The line before the README's block, which names this test.
const MARK: &str = "<!-- the output of `cargo run -p game-server`, held by tests/readme.rs -->\n```text\n";

fn readme_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")
}

/// The program's stdout with `LOG_LOCALE` set to `log_locale` (unset for `None`).
fn run(log_locale: Option<&str>) -> (Option<i32>, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_game-server"));
    command.env_remove("LOG_LOCALE");
    if let Some(tag) = log_locale {
        command.env("LOG_LOCALE", tag);
    }
    let output = command.output().expect("the game-server binary runs");
    (output.status.code(), String::from_utf8(output.stdout).expect("stdout is UTF-8"))
}

/// `text` with each occurrence of `prefix` followed by what `part` accepts written `with`.
fn replace_after(text: &str, prefix: &str, part: impl Fn(char) -> bool, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(prefix) {
        out.push_str(&rest[..at + prefix.len()]);
        out.push_str(with);
        rest = rest[at + prefix.len()..].trim_start_matches(&part);
    }
    out.push_str(rest);
    out
}

/// The output as the README shows it: `127.0.0.1:PORT`, `"timestamp":"…"`, `"msdk.elapsed_ms":…`.
fn as_shown(stdout: &str) -> String {
    let ports = replace_after(stdout, "http://127.0.0.1:", |c| c.is_ascii_digit(), "PORT");
    let times = replace_after(&ports, r#""timestamp":""#, |c| c != '"', "…");
    replace_after(&times, r#""msdk.elapsed_ms":"#, |c| c.is_ascii_digit(), "…")
}

#[test]
fn the_readme_shows_the_programs_output() {
    let (status, stdout) = run(None);
    assert_eq!(status, Some(0), "{stdout}");
    let shown = as_shown(&stdout);
    let readme = std::fs::read_to_string(readme_path()).expect("read the README");
    let start = readme.find(MARK).expect("the README marks the output's block") + MARK.len();
    let end = start + readme[start..].find("```\n").expect("the block ends");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        let updated = format!("{}{shown}{}", &readme[..start], &readme[end..]);
        std::fs::write(readme_path(), updated).expect("rewrite the README");
        return;
    }
    assert_eq!(
        readme[start..end],
        shown,
        "the README's output differs from the program's; after a deliberate change, rewrite it with \
         `UPDATE_EXPECT=1 cargo test -p game-server --test readme`"
    );
    assert!(
        stdout.trim_end().ends_with("What this showed, and why: examples/game-server/README.md, \"Run it\""),
        "the run ends by saying where to read about it"
    );
}

#[test]
fn the_operators_choose_the_language_of_the_logs_and_each_player_keeps_theirs() {
    let (status, stdout) = run(Some("zh"));
    assert_eq!(status, Some(0), "{stdout}");
    // The log line of the WeChat failure a Japanese player met: its message in Chinese.
    let message = social::WechatPlatformError::ApiUnauthorized.message(Locale::Zh);
    let line = stdout.lines().find(|line| line.contains(r#""msdk.code":48001"#)).expect("the 48001 log line");
    assert!(line.contains(&format!(r#""message":"{message}""#)), "{line}");
    let line = stdout.lines().find(|line| line.contains(r#""msdk.code":229999"#)).expect("the unknown code's line");
    assert!(line.contains(r#""message":"未知错误码""#), "{line}");
    // An unknown code, as the operators read it; the player's answer in the player's language.
    assert!(stdout.contains("  share-qq  未知错误码：ret -10000，code 229999"), "{stdout}");
    assert!(stdout.contains("    player  問題が発生しました。"), "{stdout}");
    assert!(stdout.contains("    player  길드 인원이 가득 찼습니다"), "{stdout}");

    let (status, stdout) = run(Some("fr"));
    assert_eq!((status, stdout.as_str()), (Some(2), ""));
}
