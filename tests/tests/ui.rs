//! Compile errors as a user sees them: one case per file in tests/ui, with its `.stderr`.
//! Regenerate with `TRYBUILD=overwrite cargo test -p msdk-codes-tests --test ui`, then review.

use std::path::{Path, PathBuf};
use std::process::Command;

#[test]
fn ui() {
    install_ui_data();
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*.rs");
    cases.pass("ui/pass/*.rs");
}

/// trybuild compiles the cases in a crate of its own, `tests/trybuild/<this package>` under the
/// target directory that `cargo metadata` reports from here, and the macro reads data relative to
/// the compiling crate: the data files go there, as `ui-data/`, and `ui/data-outside` beside that
/// crate, as `msdk-codes-ui-outside/` (reached as `"../msdk-codes-ui-outside/*.toml"`, a folder
/// outside the crate). Asking cargo as trybuild does keeps them in the same place whatever the
/// target directory (`CARGO_TARGET_DIR`, relative or not, `build.target-dir`) and wherever cargo
/// was started.
fn install_ui_data() {
    let trybuild = target_directory().join("tests").join("trybuild");
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui");
    for (source, destination) in [
        (ui.join("data"), trybuild.join(env!("CARGO_PKG_NAME")).join("ui-data")),
        (ui.join("data-outside"), trybuild.join("msdk-codes-ui-outside")),
    ] {
        let _ = std::fs::remove_dir_all(&destination);
        copy_dir(&source, &destination);
    }
}

fn target_directory() -> PathBuf {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output =
        Command::new(cargo).args(["metadata", "--no-deps", "--format-version=1"]).output().expect("run cargo metadata");
    assert!(output.status.success(), "cargo metadata failed: {}", String::from_utf8_lossy(&output.stderr));
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON");
    let target = metadata["target_directory"].as_str().expect("cargo metadata names the target directory");
    PathBuf::from(target)
}

fn copy_dir(from: &Path, to: &PathBuf) {
    std::fs::create_dir_all(to).expect("create ui-data");
    for entry in std::fs::read_dir(from).expect("read tests/ui/data") {
        let entry = entry.expect("directory entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy ui data file");
        }
    }
}
