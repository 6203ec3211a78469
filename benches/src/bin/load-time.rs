//! How the data-file path grows with its input: the time of a check (`msdk_codes_catalog::load`
//! and its messages, as `msdk-lookup check` and the macro run it) and of the expansion's source
//! text (`msdk_codes_gen::expand_loaded`, as the macro writes it) against the size of
//! the files, for synthetic catalogs and for inputs that are not catalogs at all.
//!
//! ```text
//! cargo run --release -p msdk-codes-benches --bin load-time [-- --quick]
//! ```
//!
//! The inputs, made in memory:
//! - `scale Nx`: N copies of every bundled file, their layer ids suffixed (`access_s7`), read as
//!   a team's own catalog: what `benches/scripts/scale.sh` compiles;
//! - `scattered N`: one layer of N codes spread across the whole `i32` range;
//! - `= lines`: a file of lines holding `=` alone (a syntax error each);
//! - `empty [[code]]`: a file of empty `[[code]]` tables (four problems each), beside the
//!   bundled `access.toml`;
//! - `msg_contains words`: one entry whose `msg_contains` lists N distinct words.
//!
//! Each kind comes in sizes ten times apart (four times for the scattered codes): time per KiB
//! that stays put is linear growth. `--quick` runs the smaller sizes only, once.

use std::fmt::Write;
use std::path::Path;
use std::time::Instant;

use msdk_codes_benches::{PROFILE, median, ms};
use msdk_codes_catalog::model::Locale;
use msdk_codes_catalog::source::Sources;
use msdk_codes_catalog::validate::Missing;
use msdk_codes_catalog::{Checks, Loaded, Source};

struct Input {
    kind: &'static str,
    size: String,
    files: Vec<(String, String)>,
}

fn main() {
    let quick = std::env::args().any(|arg| arg == "--quick");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    let bundled = read_bundled(&data);
    let mut inputs = Vec::new();
    for scale in if quick { &[1, 10][..] } else { &[1, 10, 100][..] } {
        inputs.push(Input { kind: "scale", size: format!("{scale}x"), files: scaled(&bundled, *scale) });
    }
    for codes in if quick { &[4_000][..] } else { &[4_000, 16_000][..] } {
        inputs.push(Input { kind: "scattered codes", size: codes.to_string(), files: vec![scattered(*codes)] });
    }
    for bytes in if quick { &[3_200][..] } else { &[3_200, 32_000][..] } {
        let text = "=\n".repeat(bytes / 2);
        inputs.push(Input { kind: "`=` lines", size: kib(*bytes), files: vec![("data/junk.toml".to_owned(), text)] });
    }
    let access = bundled.iter().find(|(name, _)| name == "access.toml").map(|(_, text)| text.clone());
    for bytes in if quick { &[57_800][..] } else { &[57_800, 578_000][..] } {
        let junk = "[[code]]\n".repeat(bytes / 9);
        let mut files = vec![("data/junk.toml".to_owned(), junk)];
        files.extend(access.clone().map(|text| ("data/access.toml".to_owned(), text)));
        inputs.push(Input { kind: "empty `[[code]]` + access.toml", size: kib(*bytes), files });
    }
    for words in if quick { &[10_000][..] } else { &[10_000, 100_000, 400_000][..] } {
        inputs.push(Input { kind: "`msg_contains` words", size: words.to_string(), files: vec![words_file(*words)] });
    }

    println!("load-time - {PROFILE}; median of the runs given; check = load + messages, expand = plan + source text");
    println!();
    println!("| input | size | KiB | problems listed | check ms | check µs/KiB | expand ms | expansion KiB | runs |");
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for input in &inputs {
        let bytes: usize = input.files.iter().map(|(_, text)| text.len()).sum();
        let runs = if quick { 1 } else { (2_000_000 / bytes.max(1)).clamp(3, 21) };
        let (mut checks, mut expansions) = (Vec::new(), Vec::new());
        let (mut listed, mut expansion) = (0, 0);
        for _ in 0..runs {
            let start = Instant::now();
            let loaded = msdk_codes_catalog::load(Source::Replacing(sources(&input.files)), &checks_of(input));
            listed = loaded.messages().len();
            checks.push(start.elapsed());
            let start = Instant::now();
            expansion = expand_text(&loaded, input.kind == "scale").len();
            expansions.push(start.elapsed());
        }
        let (check, expand) = (median(&mut checks), median(&mut expansions));
        let per_kib = check.as_secs_f64() * 1e6 / (bytes as f64 / 1024.0);
        println!(
            "| {} | {} | {} | {listed} | {:.2} | {per_kib:.1} | {:.2} | {} | {runs} |",
            input.kind,
            input.size,
            bytes / 1024,
            ms(check),
            ms(expand),
            expansion / 1024
        );
    }
}

/// The synthetic catalogs have every locale, as the bundled one; the other inputs are held to
/// English only.
fn checks_of(input: &Input) -> Checks {
    match input.kind {
        "scale" => Checks::default(),
        _ => Checks { locales: vec![Locale::En], missing: Missing::FallbackEn, layers: None },
    }
}

/// The expansion's source text of every layer loaded, as `msdk_errors!("data/*.toml")` writes it
/// (English only unless `every_locale`).
fn expand_text(loaded: &Loaded, every_locale: bool) -> String {
    let arguments = if every_locale {
        "\"data/*.toml\", crate = \"::msdk_codes_core\""
    } else {
        "\"data/*.toml\", crate = \"::msdk_codes_core\", locales = [\"en\"], missing = \"fallback_en\""
    };
    msdk_codes_gen::expand_loaded(loaded, arguments.parse().unwrap_or_default()).0
}

fn sources(files: &[(String, String)]) -> Sources {
    let mut sources = Sources::in_memory(files.iter().map(|(path, text)| (path.as_str(), text.as_str())));
    sources.sort();
    sources
}

fn kib(bytes: usize) -> String {
    format!("{} KB", bytes / 1000)
}

/// The bundled catalog's TOML files: name and text.
fn read_bundled(data: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(data)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", data.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .map(|path| {
            let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
            let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            (name, text)
        })
        .collect();
    files.sort();
    files
}

/// `scale` copies of every bundled file, each layer id suffixed `_s<k>` (`scale.sh`'s sed).
fn scaled(bundled: &[(String, String)], scale: usize) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for k in 1..=scale {
        for (name, text) in bundled {
            let mut renamed = String::with_capacity(text.len() + 8);
            for line in text.split_inclusive('\n') {
                match line.trim_end_matches('\n').strip_prefix("id = \"").and_then(|rest| rest.strip_suffix('"')) {
                    Some(id) => {
                        let _ = writeln!(renamed, "id = \"{id}_s{k}\"");
                    }
                    None => renamed.push_str(line),
                }
            }
            files.push((format!("data/{}_s{k}.toml", name.trim_end_matches(".toml")), renamed));
        }
    }
    files
}

/// One layer of `codes` codes spread evenly across the `i32` range (none is 0).
fn scattered(codes: usize) -> (String, String) {
    let mut text = String::from("[layer]\nid = \"scattered\"\ntitle.en = \"Scattered\"\nchannel = \"ret\"\n");
    let step = (u32::MAX / codes as u32) as i64;
    for i in 0..codes as i64 {
        let code = i32::MIN as i64 + 1 + i * step;
        let _ = write!(
            text,
            "\n[[code]]\ncode = {code}\nname = \"Code{i}\"\naction = \"retry\"\nmessage.en = \"Code {i}\"\n"
        );
    }
    ("data/scattered.toml".to_owned(), text)
}

/// One entry whose `msg_contains` lists `words` distinct words.
fn words_file(words: usize) -> (String, String) {
    let mut text = String::from(
        "[layer]\nid = \"words\"\ntitle.en = \"Words\"\nchannel = \"ret\"\n\n[[code]]\ncode = -1\nname = \"Worded\"\n\
         action = \"retry\"\nmessage.en = \"Worded\"\nmsg_contains = [",
    );
    for i in 0..words {
        let _ = write!(text, "\"w{i}\",");
    }
    text.push_str("]\n");
    ("data/words.toml".to_owned(), text)
}
