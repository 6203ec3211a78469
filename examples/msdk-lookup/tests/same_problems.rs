//! `msdk-lookup check` and `serve --extend` report exactly the problems of msdk-codes-catalog's
//! pipeline, the one the macro reports too (msdk-codes-gen/tests/same_problems.rs): on every
//! folder of data files under the workspace's tests/, read as a catalog of its own and as an
//! extension.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use msdk_codes_catalog::source::{SourceFile, Sources};
use msdk_codes_catalog::{Checks, Source};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("..")
}

/// Every folder of data files under tests/, relative to the workspace: the trybuild cases' and
/// the fixtures'.
fn data_folders() -> Vec<String> {
    let mut folders = vec!["tests/ui/data-outside".to_owned(), "tests/editions/data".to_owned()];
    for parent in ["tests/ui/data", "tests/fixtures"] {
        for entry in std::fs::read_dir(workspace().join(parent)).expect("read a folder of tests/") {
            let entry = entry.expect("list a folder of tests/");
            if entry.path().is_dir() {
                folders.push(format!("{parent}/{}", entry.file_name().to_string_lossy()));
            }
        }
    }
    folders.sort();
    folders
}

/// The `.toml` files of `folder`, named as a command line given the folder names them.
fn files(folder: &str) -> Sources {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(workspace().join(folder)).expect("read the folder") {
        let path = entry.expect("list the folder").path();
        if path.extension().is_some_and(|ext| ext == "toml") {
            let name = path.file_name().expect("a file name").to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).expect("read the file");
            let display_path = format!("{folder}/{name}");
            files.push(SourceFile { display_path, absolute_path: Some(path), text: Cow::Owned(text) });
        }
    }
    let mut sources = Sources { files };
    sources.sort();
    sources
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_msdk-lookup"))
        .args(args)
        .current_dir(workspace())
        .output()
        .expect("msdk-lookup runs")
}

fn lines(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes).lines().map(str::to_owned).collect()
}

#[test]
fn check_and_serve_report_the_pipelines_problems_on_every_data_folder_of_the_tests() {
    let mut refused = 0;
    for folder in data_folders() {
        for extend in [false, true] {
            let source = if extend { Source::Extending(files(&folder)) } else { Source::Replacing(files(&folder)) };
            let expected = msdk_codes_catalog::load(source, &Checks::default()).messages();

            let mut args = vec!["check"];
            args.extend(extend.then_some("--extend"));
            args.push(&folder);
            let checked = run(&args);
            let mut reported = lines(&checked.stdout);
            if expected.is_empty() {
                assert_eq!(checked.status.code(), Some(0), "check {folder}: {reported:?}");
            } else {
                assert_eq!(checked.status.code(), Some(1), "check {folder}");
                assert!(reported.pop().is_some_and(|summary| summary.contains("problem")), "check {folder}");
                refused += 1;
            }
            if !expected.is_empty() {
                assert_eq!(reported, expected, "msdk-lookup {}", args.join(" "));
            }

            if extend && !expected.is_empty() {
                let served = run(&["serve", "--addr", "127.0.0.1:0", "--extend", &folder]);
                assert_eq!(served.status.code(), Some(2), "serve --extend {folder}");
                let mut reported = lines(&served.stderr);
                assert!(reported.pop().is_some_and(|last| last.starts_with("error: ")), "serve --extend {folder}");
                assert_eq!(reported, expected, "msdk-lookup serve --extend {folder}");
            }
        }
    }
    assert!(refused >= 20, "the tests' data folders hold refused files: {refused} refusals");
}
