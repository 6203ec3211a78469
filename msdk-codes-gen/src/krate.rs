//! The path of msdk-codes-core in the user's crate, when `crate = "..."` does not give it: the
//! name the crate's Cargo.toml gives the dependency, so that a renamed dependency
//! (`msdk = { package = "msdk-codes-core", ... }`) works as it is.

use proc_macro2::TokenStream;

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
