//! The macro reports exactly the problems of msdk-codes-catalog's pipeline, the one that
//! `msdk-lookup check` and `serve --extend` report too (examples/msdk-lookup/tests/same_problems.rs):
//! on every folder of data files under tests/, read as a catalog of its own and as an extension.

use std::path::{Path, PathBuf};

use msdk_codes_catalog::source::Sources;
use msdk_codes_catalog::{Checks, Source};
use proc_macro2::{TokenStream, TokenTree};

/// Every folder of data files under the workspace's tests/: the trybuild cases' and the fixtures'.
fn data_folders() -> Vec<PathBuf> {
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("tests");
    let mut folders = vec![tests.join("ui").join("data-outside"), tests.join("editions").join("data")];
    for parent in [tests.join("ui").join("data"), tests.join("fixtures")] {
        for entry in std::fs::read_dir(&parent).expect("read a folder of tests/") {
            let path = entry.expect("list a folder of tests/").path();
            if path.is_dir() {
                folders.push(path);
            }
        }
    }
    folders.sort();
    folders
}

/// The messages of the `compile_error!`s of an expansion.
fn compile_errors(expansion: TokenStream) -> Vec<String> {
    let trees: Vec<TokenTree> = expansion.into_iter().collect();
    let mut messages = Vec::new();
    for window in trees.windows(3) {
        if let [TokenTree::Ident(ident), TokenTree::Punct(bang), TokenTree::Group(body)] = window
            && ident == "compile_error"
            && bang.as_char() == '!'
        {
            let literal = body.stream().to_string();
            let message = literal.trim_matches('"').replace("\\\"", "\"").replace("\\\\", "\\");
            messages.push(message);
        }
    }
    messages
}

#[test]
fn the_macro_reports_the_pipelines_problems_on_every_data_folder_of_the_tests() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut refused = 0;
    for folder in data_folders() {
        let pattern = format!("{}/*.toml", folder.display());
        for extend in [false, true] {
            let argument = if extend { format!("extend = {pattern:?}") } else { format!("{pattern:?}") };
            let expansion = msdk_codes_gen::generate(argument.parse().expect("the argument lexes"));
            let files = Sources::read_glob(root, &pattern).expect("the folder has data files");
            let source = if extend { Source::Extending(files) } else { Source::Replacing(files) };
            let expected = msdk_codes_catalog::load(source, &Checks::default()).messages();
            let reported = compile_errors(expansion);
            assert_eq!(reported, expected, "msdk_errors!({argument})");
            refused += usize::from(!expected.is_empty());
        }
    }
    assert!(refused >= 20, "the tests' data folders hold refused files: {refused} refusals");
}
