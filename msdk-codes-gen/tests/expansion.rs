//! Properties of the expansion itself: deterministic, absolute paths, no panics on bad input.

use std::path::{Path, PathBuf};

use msdk_codes_gen::diagnostics::DataProblems;
use msdk_codes_gen::source::Sources;
use proc_macro2::TokenStream;

fn generate(args: &str) -> String {
    msdk_codes_gen::generate(args.parse::<TokenStream>().expect("valid tokens")).to_string()
}

#[test]
fn expansion_is_byte_identical_across_runs() {
    assert_eq!(generate(""), generate(""));
    assert_eq!(
        generate(r#"locale = "ja", layers = [qq_group, access]"#),
        generate(r#"locale = "ja", layers = [qq_group, access]"#)
    );
}

#[test]
fn the_bundled_catalog_expands_without_errors() {
    let expansion = generate("");
    assert!(!expansion.contains("compile_error"), "{}", &expansion[..expansion.len().min(2000)]);
    assert!(expansion.contains("pub enum AccessError"));
    assert!(expansion.contains("pub trait Handler"));
}

#[test]
fn extend_expands_the_team_files_and_rebuilds_when_they_change() {
    let args = r#"extend = "tests/extend/*.toml", locales = ["en"]"#;
    let expansion = generate(args);
    assert!(!expansion.contains("compile_error"), "{}", &expansion[..expansion.len().min(2000)]);
    assert_eq!(expansion, generate(args));
    assert!(expansion.contains("HeartLimitReached"));
    assert!(expansion.contains("You have shared enough for today"));
    assert!(!expansion.contains("Exceed a user's allowable daily sharing times"), "the overridden English message");
    // `include_bytes!` of the team file (by its absolute path), none of the bundled files.
    let team = std::fs::canonicalize(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/extend/share_qq.toml")).unwrap();
    let triggers: Vec<&str> = expansion.match_indices("include_bytes !").map(|(at, _)| &expansion[at..]).collect();
    assert_eq!(triggers.len(), 1, "one file read");
    let literal = format!("{:?}", team.to_str().unwrap());
    assert!(triggers[0].starts_with(&format!("include_bytes ! ({literal})")), "{}", &triggers[0][..200]);
    // Without `extend`, nothing to rebuild on.
    assert!(!generate("").contains("include_bytes"));
}

#[test]
fn generated_code_names_std_items_by_absolute_path() {
    let expansion = generate("");
    for item in ["Option", "Result", "Display", "Formatter", "TryFrom", "From <", "Error for", "FromStr"] {
        let bare = expansion
            .match_indices(item)
            .filter(|(at, _)| {
                let before = &expansion[..*at];
                let inside_longer_name = before.chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_');
                !before.ends_with(":: ") && !inside_longer_name
            })
            .count();
        assert_eq!(bare, 0, "`{item}` appears without a path");
    }
    assert!(!expansion.contains(" Locale ::") || expansion.contains(":: msdk_codes_core :: Locale"));
    assert!(!expansion.contains("\nuse "), "no imports that could clash with the user's");
}

#[test]
fn the_crate_argument_redirects_runtime_paths() {
    let expansion = generate(r#"layers = [access], crate = "my_codes""#);
    assert!(!expansion.contains("msdk_codes_core"));
    assert!(expansion.contains("my_codes :: Locale"));
}

#[test]
fn pruned_locales_leave_no_strings_behind() {
    let expansion = generate(r#"layers = [access], locales = ["en"]"#);
    assert!(!expansion.contains("该appid在msdk没有权限"), "Chinese text of access");
    assert!(!expansion.contains("invalid credential"), "a WeChat message");
    assert!(expansion.contains("This appid has no permissions in msdk"));
}

#[test]
fn files_are_read_in_path_order_whatever_the_disk_order() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let names = ["share_qq.toml", "access.toml", "oidb.toml"];
    let forward = copy_into("forward", &fixture, &names);
    let mut reversed_names = names;
    reversed_names.reverse();
    let backward = copy_into("backward", &fixture, &reversed_names);
    let paths = |sources: &Sources| sources.files.iter().map(|f| f.display_path.clone()).collect::<Vec<_>>();
    let a = Sources::read_glob(&forward, "data/*.toml").unwrap();
    let b = Sources::read_glob(&backward, "data/*.toml").unwrap();
    assert_eq!(paths(&a), ["data/access.toml", "data/oidb.toml", "data/share_qq.toml"]);
    assert_eq!(paths(&a), paths(&b));
    let (mut pa, mut pb) = (DataProblems::default(), DataProblems::default());
    let (ca, cb) = (msdk_codes_gen::load_catalog(&a, &mut pa), msdk_codes_gen::load_catalog(&b, &mut pb));
    assert!(pa.is_empty() && pb.is_empty());
    let ids = |c: &msdk_codes_gen::model::Catalog| c.layers.iter().map(|l| l.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&ca), ids(&cb));
}

fn copy_into(name: &str, from: &Path, files: &[&str]) -> PathBuf {
    let root = std::env::temp_dir().join(format!("msdk-codes-gen-order-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("data")).unwrap();
    for file in files {
        std::fs::copy(from.join(file), root.join("data").join(file)).unwrap();
    }
    root
}

#[test]
fn bad_arguments_never_panic() {
    let inputs = [
        "",
        ",,,",
        "=",
        "locale",
        "locale =",
        "locale = 3",
        "locales = [1, 2]",
        "locales = []",
        "layers = [\"access\"]",
        "layers = [access,,]",
        "policy = [access]",
        "policy = { access = retry }",
        "policy = { access::FrequencyLimit }",
        "crate = \"not a path!\"",
        "\"\"",
        "\"data/*.toml\", \"again\"",
        "missing = \"maybe\"",
        "handling = \"sometimes\"",
        "r#locale = \"en\"",
        "layers = [access] layers = [access]",
        "42",
        "extend = 3",
        "extend = \"\"",
        "extend = \"no-such-dir/*.toml\"",
        "\"tests/extend/*.toml\", extend = \"tests/extend/*.toml\"",
        "extend = \"tests/extend/*.toml\", extend = \"tests/extend/*.toml\"",
    ];
    for input in inputs {
        let result = std::panic::catch_unwind(|| generate(input));
        assert!(result.is_ok(), "panicked on {input:?}");
    }
    assert!(generate("locales = []").contains("compile_error"));
}
