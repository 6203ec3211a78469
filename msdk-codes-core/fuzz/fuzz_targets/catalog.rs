//! Feeds arbitrary data files to the catalog's one pipeline (`msdk_codes_catalog::load`) and to
//! the expansion the macro writes from what it loaded, as the macro does: one file or a pair, a
//! team's catalog replacing the bundled one or extending it. Checks that nothing panics, that at
//! most `SHOWN_PROBLEMS` problems are listed (and a line counting the rest), that every
//! position is inside its file, and that the expansion lexes as Rust.
//!
//! An input is a mode byte, then the text of one file, or of two separated by a NUL byte (which
//! no TOML file holds). The mode's low bits: 1, the files extend the bundled catalog (else they
//! replace it); 2, English only with `missing = "fallback_en"` (else the four locales, a missing
//! translation an error); 4, only the team's layers are expanded (always so with 1, so that an
//! input is not dominated by the expansion of the whole bundled catalog). Seeds whose mode byte
//! is an ASCII digit stay readable: `make-catalog-seeds.sh` writes them from `data/` and
//! `tests/ui/data/`. The slowest input so far is written to `slowest-input` in the current
//! directory.
#![no_main]

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use libfuzzer_sys::fuzz_target;
use msdk_codes_catalog::diagnostics::SHOWN_PROBLEMS;
use msdk_codes_catalog::model::Locale;
use msdk_codes_catalog::source::Sources;
use msdk_codes_catalog::validate::Missing;
use msdk_codes_catalog::{Checks, Loaded, Source};

const EXTEND: u8 = 1;
const ENGLISH_ONLY: u8 = 2;
const TEAM_LAYERS_ONLY: u8 = 4;

/// The slowest input so far, in microseconds: printed when it grows, for the figures in the
/// README.
static SLOWEST_MICROS: AtomicU64 = AtomicU64::new(0);

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let start = Instant::now();
    let texts: Vec<String> =
        rest.splitn(2, |&byte| byte == 0).map(|text| String::from_utf8_lossy(text).into_owned()).collect();
    let sources = Sources::in_memory(["data/a.toml", "data/b.toml"].into_iter().zip(texts.iter().map(String::as_str)));
    let extend = mode & EXTEND != 0;
    let english_only = mode & ENGLISH_ONLY != 0;
    let (locales, missing) =
        if english_only { (vec![Locale::En], Missing::FallbackEn) } else { (Locale::ALL.to_vec(), Missing::Error) };
    let source = if extend { Source::Extending(sources) } else { Source::Replacing(sources) };
    let loaded = msdk_codes_catalog::load(source, &Checks { locales, missing, layers: None });
    check_messages(&loaded, &texts);
    expand_loaded(&loaded, extend || mode & TEAM_LAYERS_ONLY != 0, english_only);

    let micros = u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX);
    if micros > SLOWEST_MICROS.fetch_max(micros, Ordering::Relaxed) {
        eprintln!("slowest input so far: {} bytes, mode {mode}, {:.3} ms", data.len(), micros as f64 / 1e3);
        // Kept to replay: `catalog slowest-input`.
        let _ = std::fs::write("slowest-input", data);
    }
});

/// At most `SHOWN_PROBLEMS` located problems and one line that counts the rest; every
/// `path:line:column` inside its file (a column may be one past the line's last character).
fn check_messages(loaded: &Loaded, texts: &[String]) {
    let messages = loaded.messages();
    assert!(messages.len() <= SHOWN_PROBLEMS + 1, "{} messages listed", messages.len());
    if messages.len() == SHOWN_PROBLEMS + 1 {
        assert!(messages[SHOWN_PROBLEMS].contains("more problem"), "{}", messages[SHOWN_PROBLEMS]);
    }
    for message in messages.iter().take(SHOWN_PROBLEMS) {
        let Some((file, rest)) = ["data/a.toml:", "data/b.toml:"]
            .iter()
            .enumerate()
            .find_map(|(file, prefix)| message.strip_prefix(prefix).map(|rest| (file, rest)))
        else {
            assert!(message.starts_with("<bundled catalog>/data/"), "a problem with no position: {message}");
            continue;
        };
        let mut parts = rest.splitn(3, ':');
        let line: usize = parts.next().and_then(|n| n.parse().ok()).expect("a line number");
        let column: usize = parts.next().and_then(|n| n.parse().ok()).expect("a column number");
        let text = texts[file].strip_prefix('\u{feff}').unwrap_or(&texts[file]);
        let line_text =
            text.split('\n').nth(line - 1).unwrap_or_else(|| panic!("line {line} is past the file: {message}"));
        assert!(line >= 1 && column >= 1, "{message}");
        assert!(column <= line_text.chars().count() + 1, "column {column} is past line {line}: {message}");
    }
}

/// The expansion of what was loaded, as the macro writes it, lexed as Rust.
fn expand_loaded(loaded: &Loaded, team_layers_only: bool, english_only: bool) {
    let mut arguments = String::from("extend = \"data/*.toml\", crate = \"::msdk_codes_core\"");
    if english_only {
        arguments.push_str(", locales = [\"en\"], missing = \"fallback_en\"");
    }
    if team_layers_only {
        let ids: Vec<&str> = loaded
            .catalog
            .layers
            .iter()
            .filter(|layer| loaded.is_team_layer(layer))
            .map(|layer| layer.id.as_str())
            .filter(|id| id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'))
            .filter(|id| id.starts_with(|c: char| c.is_ascii_lowercase()))
            .take(2)
            .collect();
        let ids = if ids.is_empty() { vec!["apple_login"] } else { ids };
        arguments.push_str(&format!(", layers = [{}]", ids.join(", ")));
    }
    let Ok(tokens) = arguments.parse() else { return };
    let (source, _) = msdk_codes_gen::expand_loaded(loaded, tokens);
    assert!(msdk_codes_gen::lex_with_proc_macro2(&source).is_some(), "the expansion does not lex");
}
