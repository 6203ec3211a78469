//! The path of msdk-codes-core in the user's crate, when `crate = "..."` does not give it: the
//! name the crate's Cargo.toml gives the dependency, so that a renamed dependency
//! (`msdk = { package = "msdk-codes-core", ... }`) works as it is.

use std::path::Path;

use proc_macro_crate::{FoundCrate, crate_name};
use proc_macro2::TokenStream;
use toml::de::{DeTable, DeValue};

/// The published name of the runtime crate.
const PACKAGE: &str = "msdk-codes-core";

/// The sections of a manifest that list dependencies, in the order a name is looked for.
const SECTIONS: [&str; 3] = ["dependencies", "dev-dependencies", "build-dependencies"];

/// `::<name>` of msdk-codes-core in the Cargo.toml of the crate being compiled
/// (`CARGO_MANIFEST_DIR`); `::msdk_codes_core` when that manifest does not name it: msdk-codes-core
/// itself (its doctests are compiled with its manifest) or a crate that reaches it some other way
/// (which then gives `crate = "..."`).
pub fn from_manifest() -> TokenStream {
    let dir = std::env::var_os("CARGO_MANIFEST_DIR");
    let name =
        dir.and_then(|dir| written_in(&Path::new(&dir).join("Cargo.toml"))).unwrap_or_else(|| {
            match crate_name(PACKAGE) {
                Ok(FoundCrate::Name(name)) => name,
                Ok(FoundCrate::Itself) | Err(_) => PACKAGE.replace('-', "_"),
            }
        });
    format!("::{name}").parse().unwrap_or_default()
}

/// The name a manifest gives msdk-codes-core when the manifest alone says it: a dependency
/// `msdk-codes-core` (`"0.1"`, `{ git = ... }`, `.workspace = true`), or one with
/// `package = "msdk-codes-core"`. `None` otherwise, when only the workspace's manifest can tell
/// (`msdk.workspace = true`, renamed there): proc-macro-crate then asks cargo where the workspace
/// is, a process this reading spares the usual case on every build.
fn written_in(manifest: &Path) -> Option<String> {
    let text = std::fs::read_to_string(manifest).ok()?;
    let document = DeTable::parse(&text).ok()?;
    let top = document.get_ref();
    let mut sections: Vec<&DeTable<'_>> = SECTIONS.iter().filter_map(|section| child(top, section)).collect();
    if let Some(targets) = child(top, "target") {
        for (_, target) in targets.iter() {
            if let DeValue::Table(target) = target.get_ref() {
                sections.extend(SECTIONS.iter().filter_map(|section| child(target, section)));
            }
        }
    }
    for dependencies in sections {
        for (key, value) in dependencies.iter() {
            let package = match value.get_ref() {
                DeValue::Table(spec) => spec
                    .iter()
                    .find(|(k, _)| k.get_ref() == "package")
                    .and_then(|(_, package)| package.get_ref().as_str().map(str::to_owned)),
                _ => None,
            };
            if package.as_deref().unwrap_or(key.get_ref()) == PACKAGE {
                return Some(key.get_ref().replace('-', "_"));
            }
        }
    }
    None
}

fn child<'a, 'i>(parent: &'a DeTable<'i>, key: &str) -> Option<&'a DeTable<'i>> {
    let (_, value) = parent.iter().find(|(k, _)| k.get_ref() == key)?;
    match value.get_ref() {
        DeValue::Table(table) => Some(table),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name_in(manifest: &str) -> Option<String> {
        let dir = std::env::temp_dir().join(format!("msdk-codes-krate-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{}.toml", manifest.len()));
        std::fs::write(&path, manifest).unwrap();
        let name = written_in(&path);
        let _ = std::fs::remove_file(&path);
        name
    }

    #[test]
    fn the_manifest_gives_the_name() {
        assert_eq!(name_in("[dependencies]\nmsdk-codes-core = \"0.1\"\n").as_deref(), Some("msdk_codes_core"));
        assert_eq!(name_in("[dependencies]\nmsdk-codes-core.workspace = true\n").as_deref(), Some("msdk_codes_core"));
        let renamed = "[dependencies]\nmsdk = { package = \"msdk-codes-core\", git = \"https://example.com/x\" }\n";
        assert_eq!(name_in(renamed).as_deref(), Some("msdk"));
        let dev = "[dev-dependencies.codes]\npackage = \"msdk-codes-core\"\npath = \"../core\"\n";
        assert_eq!(name_in(dev).as_deref(), Some("codes"));
        let target =
            "[target.'cfg(unix)'.dependencies]\nmy-codes = { package = \"msdk-codes-core\", version = \"0.1\" }\n";
        assert_eq!(name_in(target).as_deref(), Some("my_codes"));
        // Only the workspace's manifest can tell.
        assert_eq!(name_in("[dependencies]\nmsdk.workspace = true\nserde = \"1\"\n"), None);
    }

    #[test]
    fn a_manifest_without_it_falls_back_to_the_published_name() {
        // msdk-codes-gen's own manifest does not depend on msdk-codes-core.
        assert_eq!(from_manifest().to_string(), ":: msdk_codes_core");
    }
}
