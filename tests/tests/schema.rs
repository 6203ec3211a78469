//! `data/schema.json`, the JSON Schema of the data format that editors read (taplo, Even Better
//! TOML): every bundled file, every data file of the repository and every data file shown in the
//! docs passes it, a bad file fails it, and its lists are the vocabulary's.

use std::path::{Path, PathBuf};

use msdk_codes_catalog::source::Sources;
use msdk_codes_core::{Action, Channel, Locale};
use serde_json::Value;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is one level down")
}

fn schema() -> Value {
    let text = std::fs::read_to_string(repo().join("data").join("schema.json")).expect("read data/schema.json");
    serde_json::from_str(&text).expect("data/schema.json is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft7::new(&schema()).expect("data/schema.json is a valid draft-07 schema")
}

/// A TOML document as the JSON value a schema validates.
fn as_json(text: &str, what: &str) -> Value {
    toml::from_str(text).unwrap_or_else(|err| panic!("{what} is not TOML: {err}"))
}

/// Every problem the schema finds, as `path: message`.
fn schema_errors(validator: &jsonschema::Validator, text: &str, what: &str) -> Vec<String> {
    let value = as_json(text, what);
    validator.iter_errors(&value).map(|err| format!("{}: {err}", err.instance_path())).collect()
}

/// The files of `dir` (and its subfolders) whose name ends with `extension`.
fn files_under(dir: &Path, extension: &str, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !name.starts_with('.') && !NOT_EXAMPLES.contains(&name.as_str()) {
                files_under(&path, extension, found);
            }
        } else if name.ends_with(extension) {
            found.push(path);
        }
    }
}

/// Folders whose files are not examples: build output, and data that is bad on purpose (the ui
/// cases', msdk-lookup's examples of a refused file and of a draft not filled in yet).
const NOT_EXAMPLES: &[&str] = &["target", "ui", "broken", "drafts"];

fn is_data_file(text: &str) -> bool {
    text.lines().any(|line| line.trim() == "[layer]")
}

#[test]
fn every_data_file_of_the_repository_passes() {
    let validator = validator();
    let mut files = Vec::new();
    files_under(repo(), ".toml", &mut files);
    let mut checked = 0;
    let mut bundled = 0;
    for path in files {
        let text = std::fs::read_to_string(&path).expect("read a data file");
        if !is_data_file(&text) {
            continue;
        }
        let errors = schema_errors(&validator, &text, &path.display().to_string());
        assert!(errors.is_empty(), "{} fails data/schema.json:\n{}", path.display(), errors.join("\n"));
        checked += 1;
        bundled += usize::from(path.parent() == Some(&repo().join("data")));
    }
    assert_eq!(bundled, Sources::bundled_count(), "every bundled file is checked");
    assert!(checked > bundled, "the example files are checked too");
}

#[test]
fn every_data_file_shown_in_the_docs_passes() {
    let validator = validator();
    let mut docs = Vec::new();
    files_under(repo(), ".md", &mut docs);
    let mut blocks = 0;
    for doc in docs {
        let text = std::fs::read_to_string(&doc).expect("read a doc");
        let mut rest = text.as_str();
        while let Some(start) = rest.find("```toml\n") {
            let body = &rest[start + "```toml\n".len()..];
            let end = body.find("```").expect("a closed code block");
            let block = &body[..end];
            rest = &body[end + 3..];
            if !is_data_file(block) {
                continue;
            }
            let what = format!("a TOML example of {}", doc.display());
            let errors = schema_errors(&validator, block, &what);
            assert!(errors.is_empty(), "{what} fails data/schema.json:\n{}\n{block}", errors.join("\n"));
            blocks += 1;
        }
    }
    assert!(blocks >= 3, "only {blocks} data files found in the docs");
}

const GOOD: &str = r#"
[layer]
id = "team_shop"
title.en = "Team shop"
channel = "ret"

[[code]]
code = [-9001, 0x2333]
name = "OutOfStock"
action = "user_limit"
message.en = "The item is out of stock"
"#;

#[test]
fn a_bad_file_fails_at_the_field_that_is_wrong() {
    let validator = validator();
    assert_eq!(schema_errors(&validator, GOOD, "the good file"), Vec::<String>::new());
    let cases = [
        ("action = \"user_limit\"", "action = \"retyr\"", "/code/0/action"),
        ("channel = \"ret\"", "channel = \"carrier-pigeon\"", "/layer/channel"),
        ("channel = \"ret\"", "channel = \"ret\"\ncolour = \"red\"", "/layer"),
        ("name = \"OutOfStock\"", "name = \"out_of_stock\"", "/code/0/name"),
        ("name = \"OutOfStock\"", "name = \"TODONameMinus9001\"", "/code/0/name"),
        ("message.en = \"The item is out of stock\"", "message.en = \"TODO\"", "/code/0/message/en"),
        ("message.en = \"The item is out of stock\"", "message.en = \"two\\nlines\"", "/code/0/message/en"),
        ("message.en = \"The item is out of stock\"", "message.en = \" \"", "/code/0/message/en"),
        ("message.en = \"The item is out of stock\"", "message.fr = \"Rupture de stock\"", "/code/0"),
        ("code = [-9001, 0x2333]", "code = 3000000000", "/code/0/code"),
        ("code = [-9001, 0x2333]", "code = []", "/code/0/code"),
        ("title.en = \"Team shop\"\n", "", "/layer"),
        ("id = \"team_shop\"", "id = \"TeamShop\"", "/layer/id"),
    ];
    for (from, to, at) in cases {
        assert!(GOOD.contains(from), "{from}");
        let bad = GOOD.replacen(from, to, 1);
        let errors = schema_errors(&validator, &bad, "a bad file");
        assert!(!errors.is_empty(), "`{to}` passes the schema");
        assert!(errors.iter().any(|err| err.starts_with(at)), "`{to}`: no error at {at}: {errors:#?}");
    }
    let extension = "[layer]\nid = \"share_qq\"\n\n[[code]]\ncode = 30\noverride = true\naction = \"ignore\"\n";
    assert_eq!(schema_errors(&validator, extension, "an extension"), Vec::<String>::new());
    let renamed = extension.replace("id = \"share_qq\"", "id = \"share_weibo\"");
    assert!(!schema_errors(&validator, &renamed, "an extension of no bundled layer").is_empty());
    let translated = extension.replace("action = \"ignore\"", "translated = [\"ja\"]");
    assert!(!schema_errors(&validator, &translated, "an override with translated").is_empty());
}

fn strings(value: &Value) -> Vec<String> {
    value.as_array().expect("a list").iter().map(|item| item.as_str().expect("a string").to_owned()).collect()
}

#[test]
fn the_schemas_lists_are_the_vocabulary() {
    let schema = schema();
    let definitions = &schema["definitions"];
    let actions: Vec<String> = Action::ALL.iter().map(|action| action.id().to_owned()).collect();
    assert_eq!(strings(&definitions["action"]["enum"]), actions);
    let channels: Vec<String> = Channel::ALL.iter().map(|channel| channel.id().to_owned()).collect();
    assert_eq!(strings(&schema["properties"]["layer"]["properties"]["channel"]["enum"]), channels);
    let locales: Vec<String> = Locale::ALL.iter().map(|locale| locale.tag().to_owned()).collect();
    assert_eq!(strings(&definitions["locale"]["enum"]), locales);
    let bundled: Vec<String> = Sources::bundled_names().map(|name| name.trim_end_matches(".toml").to_owned()).collect();
    assert_eq!(strings(&definitions["bundledLayer"]["enum"]), bundled);
}
