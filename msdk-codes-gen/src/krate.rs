//! The path of msdk-codes-core in the user's crate, when `crate = "..."` does not give it: the
//! name the crate's Cargo.toml gives the dependency, so that a renamed dependency
//! (`msdk = { package = "msdk-codes-core", ... }`) works as it is.

use proc_macro2::TokenStream;
use proc_macro_crate::{FoundCrate, crate_name};

/// The published name of the runtime crate.
const PACKAGE: &str = "msdk-codes-core";

/// `::<name>` of msdk-codes-core in the Cargo.toml of the crate being compiled
/// (`CARGO_MANIFEST_DIR`); `::msdk_codes_core` when that manifest does not name it: msdk-codes-core
/// itself (its doctests are compiled with its manifest) or a crate that reaches it some other way
/// (which then gives `crate = "..."`).
pub fn from_manifest() -> TokenStream {
    let name = match crate_name(PACKAGE) {
        Ok(FoundCrate::Name(name)) => name,
        Ok(FoundCrate::Itself) | Err(_) => PACKAGE.replace('-', "_"),
    };
    format!("::{name}").parse().unwrap_or_default()
}
