//! Files that are not catalogs, or catalogs far larger than the bundled one: what a check lists
//! for them, and where. A file of one mistake per line lists the first mistakes, each at its own
//! line, and then how many more there are, however long the file.

use msdk_codes_catalog::diagnostics::SHOWN_PROBLEMS;
use msdk_codes_catalog::model::Locale;
use msdk_codes_catalog::source::Sources;
use msdk_codes_catalog::validate::Missing;
use msdk_codes_catalog::{Checks, Loaded, Source};

fn files(files: &[(&str, String)]) -> Sources {
    Sources::in_memory(files.iter().map(|(path, text)| (*path, text.as_str())))
}

fn english() -> Checks {
    Checks { locales: vec![Locale::En], missing: Missing::FallbackEn, layers: None }
}

fn replacing(sources: Sources) -> Loaded {
    msdk_codes_catalog::load(Source::Replacing(sources), &english())
}

const LAYER: &str = "[layer]\nid = \"team\"\ntitle.en = \"Team\"\nchannel = \"ret\"\n";

/// The listed problems are the first [`SHOWN_PROBLEMS`], and the last line counts the rest.
fn assert_capped(loaded: &Loaded) -> Vec<String> {
    let messages = loaded.messages();
    let total = loaded.problems.len();
    assert!(total > SHOWN_PROBLEMS, "{total} problems");
    assert_eq!(messages.len(), SHOWN_PROBLEMS + 1, "{messages:#?}");
    assert_eq!(
        messages[SHOWN_PROBLEMS],
        format!(
            "{} more problems in the data files not shown (the first {SHOWN_PROBLEMS} are above): fix those and \
             build again to see the rest",
            total - SHOWN_PROBLEMS
        )
    );
    messages
}

/// `path:line:column` of a listed problem.
fn position(message: &str) -> (usize, usize) {
    let mut parts = message.splitn(4, ':');
    let _path = parts.next();
    let line = parts.next().and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("no line: {message}"));
    let column = parts.next().and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("no column: {message}"));
    (line, column)
}

#[test]
fn a_file_of_syntax_errors_lists_the_first_ones_at_their_lines_and_counts_the_rest() {
    let loaded = replacing(files(&[("data/junk.toml", "=\n".repeat(16_000))]));
    let messages = assert_capped(&loaded);
    assert!(loaded.problems.len() >= 16_000, "one problem a line at least: {}", loaded.problems.len());
    let lines: Vec<usize> = messages[..SHOWN_PROBLEMS].iter().map(|message| position(message).0).collect();
    assert_eq!(lines.first(), Some(&1), "{messages:#?}");
    assert!(lines.windows(2).all(|pair| pair[0] <= pair[1]), "in order of position: {lines:?}");
    assert!(lines.iter().all(|&line| line <= SHOWN_PROBLEMS), "the first lines' problems: {lines:?}");
    for message in &messages[..SHOWN_PROBLEMS] {
        assert!(message.starts_with("data/junk.toml:"), "{message}");
        assert!(message.contains("TOML syntax error"), "{message}");
    }
}

#[test]
fn empty_code_tables_beside_a_valid_file_are_capped() {
    let access = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/access.toml")).unwrap();
    let junk = "[[code]]\n".repeat(64_000);
    let loaded = replacing(files(&[("data/access.toml", access), ("data/junk.toml", junk)]));
    let messages = assert_capped(&loaded);
    assert!(loaded.problems.len() >= 64_000, "{}", loaded.problems.len());
    // The junk file's first tables, each reported at its own line.
    let (line, column) = position(&messages[1]);
    assert!(messages[0].starts_with("data/junk.toml:1:1: "), "{messages:#?}");
    assert!(line <= 2 && column == 1, "{messages:#?}");
    assert!(messages[..SHOWN_PROBLEMS].iter().all(|message| message.starts_with("data/junk.toml:")), "{messages:#?}");
}

#[test]
fn a_problem_far_down_a_long_file_points_at_its_own_line_and_column() {
    // Table k holds an unknown key `colour<k>` (where `mistaken(k)`) on a line of its own, after a
    // line of Chinese text that the column count must count in characters, not bytes. Returns
    // the text and each mistake's key and line.
    let file = |mistaken: &dyn Fn(usize) -> bool| {
        let mut text = format!("{LAYER}\n");
        let mut mistakes = Vec::new();
        for k in 0..2_000 {
            text.push_str(&format!(
                "[[code]]\ncode = {}\nname = \"Code{k}\"\naction = \"retry\"\nmessage.en = \"中文 {k}\"\n",
                -1 - k as i64
            ));
            if mistaken(k) {
                // The line after the layer's 5 and the 5 of each table so far.
                mistakes.push((format!("colour{k}"), 5 + 5 * (k + 1) + mistakes.len() + 1));
                text.push_str(&format!("  colour{k} = 1\n"));
            }
        }
        (text, mistakes)
    };
    let (text, mistakes) = file(&|_| true);
    let loaded = replacing(files(&[("data/team.toml", text)]));
    let messages = assert_capped(&loaded);
    for (message, (key, line)) in messages[..SHOWN_PROBLEMS].iter().zip(&mistakes) {
        assert!(message.contains(&format!("unknown key `{key}`")), "{message}");
        assert_eq!(position(message), (*line, 3), "{message}");
    }

    // The last table's mistake alone, far down the file.
    let (text, mistakes) = file(&|k| k == 1_999);
    let messages = replacing(files(&[("data/team.toml", text)])).messages();
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert!(messages[0].contains("unknown key `colour1999`"), "{messages:#?}");
    assert_eq!(position(&messages[0]), (mistakes[0].1, 3));
}

#[test]
fn a_byte_order_mark_is_not_counted_as_a_column() {
    let text = format!(
        "\u{feff}colour = 1\n{LAYER}\n[[code]]\ncode = -1\nname = \"A\"\naction = \"retry\"\nmessage.en = \"a\"\n"
    );
    let messages = replacing(files(&[("data/team.toml", text)])).messages();
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert!(messages[0].starts_with("data/team.toml:1:1: unknown key `colour` in the file"), "{messages:#?}");
}

#[test]
fn an_invalid_range_name_is_reported_at_the_name() {
    let text = format!(
        "{LAYER}\n[[range]]\nstart = -1\nend = -9\nname = \"not-a-name\"\nmessage.en = \"r\"\n\n[[range]]\nstart = -10\n\
         end = -19\n  name = \"Twice\"\nmessage.en = \"r\"\n\n[[range]]\nstart = -20\nend = -29\nname = \"Twice\"\n\
         message.en = \"r\"\n\n[[code]]\ncode = -1\nname = \"A\"\naction = \"retry\"\nmessage.en = \"a\"\n"
    );
    let messages = replacing(files(&[("data/team.toml", text)])).messages();
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert!(messages[0].starts_with("data/team.toml:9:8: name `not-a-name` is not an UpperCamelCase"), "{messages:#?}");
    assert!(messages[1].starts_with("data/team.toml:21:8: duplicate range name `Twice`"), "{messages:#?}");
}

#[test]
fn nesting_past_the_parsers_limit_is_reported_where_it_is() {
    let deep = format!("{LAYER}\nx = {}1{}\n", "[".repeat(100), "]".repeat(100));
    let messages = replacing(files(&[("data/team.toml", deep)])).messages();
    assert!(!messages.is_empty());
    let (line, column) = position(&messages[0]);
    assert!(messages[0].contains("recurse") || messages[0].contains("recursion"), "{messages:#?}");
    assert_eq!(line, 6, "{messages:#?}");
    assert!(column > 5, "at the bracket past the limit, not the line's start: {messages:#?}");

    let dotted = format!("{LAYER}\n{} = 1\n", vec!["a"; 100].join("."));
    let messages = replacing(files(&[("data/team.toml", dotted)])).messages();
    assert!(!messages.is_empty());
    assert!(messages[0].starts_with("data/team.toml:6:1: "), "{messages:#?}");
}

#[test]
fn msg_contains_of_many_words_is_read_and_its_repeats_listed_and_capped() {
    let words: Vec<String> = (0..100_000).map(|i| format!("\"word {i}\"")).collect();
    let entry = |list: &str| {
        format!(
            "{LAYER}\n[[code]]\ncode = -1\nname = \"A\"\naction = \"retry\"\nmessage.en = \"a\"\nmsg_contains = [{list}]\n"
        )
    };
    let loaded = replacing(files(&[("data/team.toml", entry(&words.join(",")))]));
    assert_eq!(loaded.messages(), Vec::<String>::new());
    assert_eq!(loaded.catalog.layers[0].entries[0].msg_contains.len(), 100_000);

    let twice = format!("{},{}", words.join(","), words.join(","));
    let loaded = replacing(files(&[("data/team.toml", entry(&twice))]));
    let messages = assert_capped(&loaded);
    assert_eq!(loaded.problems.len(), 100_000);
    assert!(messages[0].contains("`word 0` is listed twice in `msg_contains`"), "{messages:#?}");
}

#[test]
fn a_layer_past_the_most_entries_an_index_numbers_is_reported_and_generated_without_the_rest() {
    let mut text = format!("{LAYER}\n");
    for k in 0..65_600 {
        text.push_str(&format!("[[code]]\ncode={}\nname=\"C{k}\"\naction=\"retry\"\nmessage.en=\"c\"\n", -1 - k));
    }
    let loaded = replacing(files(&[("data/team.toml", text)]));
    let messages = loaded.messages();
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert!(messages[0].contains("has 65600 entries, more than 65,535"), "{messages:#?}");
    assert_eq!(loaded.catalog.layers[0].entries.len(), 65_535);
}
