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
/// where the expansion writes them: at its top level and at the top level of a group there (the
/// module's `use` of [`ALIAS`]). Deeper groups, most of the expansion's tokens, are left as they
/// are: walking every token of a large expansion through the compiler's bridge is a noticeable
/// part of an unoptimized macro's time (benches/README.md).
pub fn restore_dollar_crate(tokens: TokenStream, dollar_crate: &TokenStream) -> TokenStream {
    restore_to_depth(tokens, dollar_crate, 1)
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
