//! The repository checks out the same on every system: no symbolic links (a Windows checkout
//! without the right to create them turns each into a text file holding a path), and the copies
//! that stand in for them (each published crate's license files) equal their original.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is one level down").to_owned()
}

/// Every symbolic link under `dir`, skipping build output and version control.
fn symlinks(dir: &Path, found: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|err| panic!("cannot list {}: {err}", dir.display()));
    for entry in entries {
        let entry = entry.expect("a directory entry");
        let name = entry.file_name();
        if name == ".git" || name == "target" {
            continue;
        }
        let path = entry.path();
        let kind = entry.file_type().expect("a file type");
        if kind.is_symlink() {
            found.push(path);
        } else if kind.is_dir() {
            symlinks(&path, found);
        }
    }
}

#[test]
fn the_repository_holds_no_symbolic_links() {
    let mut found = Vec::new();
    symlinks(&root(), &mut found);
    assert!(
        found.is_empty(),
        "symbolic links break checkouts on Windows; use a copy held equal by a test, `include!` or a path \
         instead:\n{}",
        found.iter().map(|path| path.display().to_string()).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn every_published_crate_carries_the_workspace_license_files() {
    let root = root();
    let mut crates = 0;
    for entry in std::fs::read_dir(&root).expect("the workspace root") {
        let dir = entry.expect("a directory entry").path();
        let manifest = dir.join("Cargo.toml");
        let Ok(text) = std::fs::read_to_string(&manifest) else { continue };
        if text.contains("publish = false") {
            continue;
        }
        crates += 1;
        for license in ["LICENSE-MIT", "LICENSE-APACHE"] {
            let original = std::fs::read(root.join(license)).expect("the workspace's license file");
            let copy = std::fs::read(dir.join(license))
                .unwrap_or_else(|err| panic!("{}: cannot read {license}: {err}", dir.display()));
            assert!(copy == original, "{}/{license} differs from the workspace's; copy it again", dir.display());
        }
    }
    assert!(crates >= 5, "only {crates} published crates found at the workspace root");
}
