//! Compile errors as a user sees them: one case per file in tests/ui, with its `.stderr`.
//! Regenerate with `TRYBUILD=overwrite cargo test -p msdk-codes-tests --test ui`, then review.

use std::path::{Path, PathBuf};

#[test]
fn ui() {
    install_ui_data();
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*.rs");
    cases.pass("ui/pass/*.rs");
}

/// trybuild compiles the cases in a crate of its own under target/tests/trybuild, and the macro
/// reads data relative to the compiling crate: the data files go there, as `ui-data/`.
fn install_ui_data() {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().expect("target/tmp has a parent").to_path_buf();
    let destination = target.join("tests").join("trybuild").join(env!("CARGO_PKG_NAME")).join("ui-data");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui").join("data");
    let _ = std::fs::remove_dir_all(&destination);
    copy_dir(&source, &destination);
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
