//! The path of msdk-codes-core in the user's crate, when `crate = "..."` does not give it: the
//! name the crate's Cargo.toml gives the dependency, so that a renamed dependency
//! (`msdk = { package = "msdk-codes-core", ... }`) works as it is.

use proc_macro2::{Group, Ident, TokenStream, TokenTree};

#[cfg(feature = "toml")]
mod manifest;

/// The published name of the runtime crate.
const PACKAGE: &str = "msdk-codes-core";

/// `::<name>` of msdk-codes-core in the Cargo.toml of the crate being compiled
/// (`CARGO_MANIFEST_DIR`), or in its workspace's for a dependency it inherits
/// (`msdk.workspace = true`); `::msdk_codes_core` when neither names it: msdk-codes-core itself
/// (its doctests are compiled with its manifest) or a crate that reaches it some other way
/// (which then gives `crate = "..."`).
///
/// Without the `toml` feature, `::msdk_codes_core` always: a renamed dependency then gives
/// `crate = "..."`.
pub fn from_manifest() -> TokenStream {
    let name = manifest_name().unwrap_or_else(|| PACKAGE.replace('-', "_"));
    format!("::{name}").parse().unwrap_or_default()
}

#[cfg(feature = "toml")]
fn manifest_name() -> Option<String> {
    std::env::var_os("CARGO_MANIFEST_DIR").and_then(|dir| manifest::name_in(std::path::Path::new(&dir)))
}

#[cfg(not(feature = "toml"))]
fn manifest_name() -> Option<String> {
    None
}

/// Without the `toml` feature, a renamed msdk-codes-core in the Cargo.toml of the crate being
/// compiled: `Some` with the name it is given there (`None` if the look below cannot tell it),
/// when a dependency section renames it (`package = "msdk-codes-core"`) and none names it as it
/// is. The attribute form then cannot reach the crate by its published name, and says how to
/// give the name instead of expanding into errors.
///
/// This is a look at the manifest's lines, not a reading of TOML: it only chooses which one error
/// a crate that cannot compile gets. The name the expansion uses comes from `crate = "..."` or,
/// with the feature, from a TOML parser.
#[cfg(not(feature = "toml"))]
pub fn renamed_in_manifest() -> Option<Option<String>> {
    let dir = std::env::var_os("CARGO_MANIFEST_DIR")?;
    let text = std::fs::read_to_string(std::path::Path::new(&dir).join("Cargo.toml")).ok()?;
    renamed_in(&text)
}

/// [`renamed_in_manifest`] of a manifest's text.
#[cfg_attr(feature = "toml", allow(dead_code))]
fn renamed_in(manifest: &str) -> Option<Option<String>> {
    const SECTIONS: [&str; 3] = ["dependencies", "dev-dependencies", "build-dependencies"];
    let unquoted = |key: &str| key.trim().trim_matches(|c| c == '"' || c == '\'').to_owned();
    let mut renamed: Option<Option<String>> = None;
    let mut as_published = false;
    // The dependency a `[dependencies.<name>]` header opens; `None` outside dependency sections.
    let mut section: Option<Option<String>> = None;
    for line in manifest.lines() {
        // What follows `#` is a comment (or part of a string, none of which matters here).
        let line = line.split('#').next().unwrap_or_default().trim();
        if let Some(header) = line.strip_prefix('[') {
            let header = header.trim_start_matches('[').trim_end_matches(']');
            let parts: Vec<&str> = header.split('.').map(str::trim).collect();
            section = match parts.iter().position(|part| SECTIONS.contains(part)) {
                // `[workspace.dependencies]` lists what members may inherit, not this crate's.
                Some(at) if parts[0] != "workspace" => {
                    Some((at + 1 < parts.len()).then(|| unquoted(&parts[at + 1..].join("."))))
                }
                _ => None,
            };
            continue;
        }
        let Some(dependency) = &section else { continue };
        let Some((key, value)) = line.split_once('=') else { continue };
        let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        let renames =
            compact.contains(&format!("package=\"{PACKAGE}\"")) || compact.contains(&format!("package='{PACKAGE}'"));
        match dependency {
            // `[dependencies.msdk]` then `package = "msdk-codes-core"`.
            Some(name) if renames && unquoted(key) == "package" => renamed = Some(Some(name.replace('-', "_"))),
            Some(name) if name == PACKAGE && unquoted(key) != "package" => as_published = true,
            Some(_) => {}
            // `msdk = { package = "msdk-codes-core", ... }`
            None if renames => {
                let name = unquoted(key.split('.').next().unwrap_or_default());
                renamed = Some((!name.is_empty()).then(|| name.replace('-', "_")));
            }
            // `msdk-codes-core = "0.1"`, `msdk-codes-core.workspace = true`
            None if unquoted(key.split('.').next().unwrap_or_default()) == PACKAGE && !value.contains("package") => {
                as_published = true
            }
            None => {}
        }
    }
    renamed.filter(|_| !as_published)
}

/// The `$crate` that msdk-codes-core's `msdk_errors!` puts before the arguments
/// (`$crate; layers = [...]`), and the arguments after it. A `macro_rules!` macro knows the path
/// of its own crate whatever the user's crate calls it: the function-like form needs neither the
/// manifest nor `crate = "..."`.
pub fn split_dollar_crate(input: TokenStream) -> (Option<Ident>, TokenStream) {
    let mut trees = input.clone().into_iter();
    match (trees.next(), trees.next()) {
        // Matched by shape: rustc may print `$crate` as the crate's name. An argument list
        // cannot start with `name;`.
        (Some(TokenTree::Ident(ident)), Some(TokenTree::Punct(semicolon))) if semicolon.as_char() == ';' => {
            (Some(ident), trees.collect())
        }
        _ => (None, input),
    }
}

/// What the expansion's source text writes for the crate's path: `$crate` does not lex from
/// text, so the text holds this absolute path and [`restore_dollar_crate`] puts `$crate` back.
const PLACEHOLDER: &str = "__msdk_codes_dollar_crate";

/// The name under which the expansion's module imports `$crate` (`use $crate as ...;`) and
/// reaches it everywhere inside, so that `$crate` is restored in a few places near the top of
/// the tokens rather than in every path of the expansion.
pub const ALIAS: &str = "__msdk_codes_core";

/// The crate's path as the expansion's source text writes it.
pub fn as_text(krate: &TokenStream, dollar_crate: bool) -> String {
    if dollar_crate { format!("::{PLACEHOLDER}") } else { krate.to_string().replace(' ', "") }
}

/// `tokens` with each `::__msdk_codes_dollar_crate` of [`as_text`] replaced by `dollar_crate`,
/// where the expansion writes them: at its top level (the call of `__one_per_module!`, whose
/// module imports the crate as [`ALIAS`], or of `__reexport!`), and, when the generated items
/// are `nested` in a module of their own, at the top level of that module (its `use` of
/// [`ALIAS`]). Every other token is left as it is: walking the tokens of a large expansion
/// through the compiler's bridge is a noticeable part of an unoptimized macro's time
/// (benches/README.md).
pub fn restore_dollar_crate(tokens: TokenStream, dollar_crate: &TokenStream, nested: bool) -> TokenStream {
    restore_to_depth(tokens, dollar_crate, usize::from(nested))
}

fn restore_to_depth(tokens: TokenStream, dollar_crate: &TokenStream, depth: usize) -> TokenStream {
    let mut out: Vec<TokenTree> = Vec::new();
    for tree in tokens {
        match tree {
            TokenTree::Ident(ident) if ident == PLACEHOLDER => {
                // Drop the `::` written before it.
                for _ in 0..2 {
                    if matches!(out.last(), Some(TokenTree::Punct(colon)) if colon.as_char() == ':') {
                        out.pop();
                    }
                }
                out.extend(dollar_crate.clone());
            }
            TokenTree::Group(group) if depth > 0 => {
                let mut restored =
                    Group::new(group.delimiter(), restore_to_depth(group.stream(), dollar_crate, depth - 1));
                restored.set_span(group.span());
                out.push(TokenTree::Group(restored));
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::renamed_in;

    #[test]
    fn a_rename_in_the_manifest_is_seen_with_its_name() {
        let inline = "[package]\nname = \"x\"\n\n[dependencies]\nmsdk = { package = \"msdk-codes-core\", git = \"https://example.com/x\" } # ours\n";
        assert_eq!(renamed_in(inline), Some(Some("msdk".to_owned())));
        let table = "[dev-dependencies.my-codes]\npackage = 'msdk-codes-core'\npath = \"../core\"\n";
        assert_eq!(renamed_in(table), Some(Some("my_codes".to_owned())));
        let target = "[target.'cfg(unix)'.dependencies]\ncodes = {package=\"msdk-codes-core\",version=\"0.1\"}\n";
        assert_eq!(renamed_in(target), Some(Some("codes".to_owned())));
    }

    #[test]
    fn the_published_name_or_no_rename_is_no_rename() {
        assert_eq!(renamed_in("[dependencies]\nmsdk-codes-core = \"0.1\"\n"), None);
        assert_eq!(renamed_in("[dependencies]\nserde = \"1\"\n# msdk = { package = \"msdk-codes-core\" }\n"), None);
        // Beside the published name, `::msdk_codes_core` resolves.
        let both =
            "[dependencies]\nmsdk-codes-core = \"0.1\"\n[dev-dependencies]\nmsdk = { package = \"msdk-codes-core\" }\n";
        assert_eq!(renamed_in(both), None);
        let both_tables =
            "[dependencies.msdk-codes-core]\nversion = \"0.1\"\n[dependencies.msdk]\npackage = \"msdk-codes-core\"\n";
        assert_eq!(renamed_in(both_tables), None);
        // What the workspace offers its members is not this crate's dependency.
        assert_eq!(renamed_in("[workspace.dependencies]\nmsdk = { package = \"msdk-codes-core\" }\n"), None);
    }
}
