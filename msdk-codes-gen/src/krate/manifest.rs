//! Reading a manifest (`toml` feature): the name a crate's Cargo.toml, or its workspace's, gives
//! msdk-codes-core.

use std::path::Path;

use toml::de::{DeTable, DeValue};

use super::PACKAGE;

/// The sections of a manifest that list dependencies, in the order a name is looked for.
const SECTIONS: [&str; 3] = ["dependencies", "dev-dependencies", "build-dependencies"];

/// The name the crate in `dir` gives msdk-codes-core.
pub(super) fn name_in(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join("Cargo.toml")).ok()?;
    match written_in(&text)? {
        Written::Name(name) => Some(name),
        // Only the workspace's manifest can tell: cargo says where it is, a process that
        // reading the crate's own manifest spares the usual case on every build.
        Written::Inherited(keys) => {
            let workspace = std::fs::read_to_string(workspace_manifest(dir)?).ok()?;
            inherited_name(&workspace, &keys)
        }
    }
}

/// What a manifest says of msdk-codes-core.
#[derive(Debug, PartialEq, Eq)]
enum Written {
    /// A dependency `msdk-codes-core` (`"0.1"`, `{ git = ... }`, `.workspace = true`), or one
    /// with `package = "msdk-codes-core"`: the name to use.
    Name(String),
    /// None of that, but these dependencies come from the workspace (`msdk.workspace = true`),
    /// where one of them may be msdk-codes-core renamed.
    Inherited(Vec<String>),
}

/// What the manifest `text` says of msdk-codes-core; `None` when it cannot tell.
fn written_in(text: &str) -> Option<Written> {
    let document = DeTable::parse(text).ok()?;
    let top = document.get_ref();
    let mut sections: Vec<&DeTable<'_>> = SECTIONS.iter().filter_map(|section| child(top, section)).collect();
    if let Some(targets) = child(top, "target") {
        for (_, target) in targets.iter() {
            if let DeValue::Table(target) = target.get_ref() {
                sections.extend(SECTIONS.iter().filter_map(|section| child(target, section)));
            }
        }
    }
    let mut inherited = Vec::new();
    for dependencies in sections {
        for (key, value) in dependencies.iter() {
            let spec = match value.get_ref() {
                DeValue::Table(spec) => Some(spec),
                _ => None,
            };
            let package = spec.and_then(|spec| field(spec, "package")).and_then(|package| package.as_str());
            if package.unwrap_or(key.get_ref()) == PACKAGE {
                return Some(Written::Name(key.get_ref().replace('-', "_")));
            }
            if spec.and_then(|spec| field(spec, "workspace")).and_then(DeValue::as_bool) == Some(true) {
                inherited.push(key.get_ref().to_string());
            }
        }
    }
    (!inherited.is_empty()).then_some(Written::Inherited(inherited))
}

/// The name, among the inherited dependencies `keys`, that the workspace manifest `text` gives
/// msdk-codes-core in `[workspace.dependencies]`.
fn inherited_name(text: &str, keys: &[String]) -> Option<String> {
    let document = DeTable::parse(text).ok()?;
    let dependencies = child(child(document.get_ref(), "workspace")?, "dependencies")?;
    dependencies.iter().find_map(|(key, value)| {
        let key = key.get_ref();
        let package = match value.get_ref() {
            DeValue::Table(spec) => field(spec, "package").and_then(DeValue::as_str),
            _ => None,
        };
        (keys.iter().any(|inherited| inherited == key) && package.unwrap_or(key) == PACKAGE)
            .then(|| key.replace('-', "_"))
    })
}

/// The manifest of the workspace of the crate in `dir`, as cargo finds it.
fn workspace_manifest(dir: &Path) -> Option<std::path::PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = std::process::Command::new(cargo)
        .args(["locate-project", "--workspace", "--message-format=plain", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .output()
        .ok()
        .filter(|output| output.status.success())?;
    let path = String::from_utf8(output.stdout).ok()?;
    Some(path.trim().into())
}

fn field<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a DeValue<'i>> {
    table.iter().find(|(k, _)| k.get_ref() == key).map(|(_, value)| value.get_ref())
}

fn child<'a, 'i>(parent: &'a DeTable<'i>, key: &str) -> Option<&'a DeTable<'i>> {
    match field(parent, key)? {
        DeValue::Table(table) => Some(table),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name_in(manifest: &str) -> Option<String> {
        match written_in(manifest)? {
            Written::Name(name) => Some(name),
            Written::Inherited(_) => None,
        }
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
    fn a_dependency_renamed_in_the_workspace_is_found_there() {
        let dir = std::env::temp_dir().join(format!("msdk-codes-krate-{}", std::process::id()));
        let member = dir.join("member");
        std::fs::create_dir_all(member.join("src")).unwrap();
        std::fs::write(
            dir.join("Cargo.toml"),
            "[workspace]\nmembers = [\"member\"]\n\n[workspace.dependencies]\n\
             serde = \"1\"\nmsdk = { package = \"msdk-codes-core\", version = \"0.1\" }\n",
        )
        .unwrap();
        std::fs::write(
            member.join("Cargo.toml"),
            "[package]\nname = \"member\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
             [dependencies]\nserde.workspace = true\nmsdk.workspace = true\n",
        )
        .unwrap();
        std::fs::write(member.join("src/lib.rs"), "").unwrap();
        let found = super::name_in(&member);
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(found.as_deref(), Some("msdk"));
    }

    #[test]
    fn a_manifest_without_it_falls_back_to_the_published_name() {
        // msdk-codes-gen's own manifest does not depend on msdk-codes-core.
        assert_eq!(crate::krate::from_manifest().to_string(), ":: msdk_codes_core");
    }
}
