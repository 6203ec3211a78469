//! Every identifier the expansion writes is built here, and `check` proves, before any code is
//! written, that no two of them clash and none is a keyword (`check` is in `clashes`, which only
//! a build that reads data files has: the tests check the bundled catalog's names). A clash is a
//! data problem at the data file's line and column, naming both sides: never a rustc error inside
//! the expansion.

use crate::model::{Action, Entry, Layer, snake_case, upper_camel};

#[cfg(feature = "toml")]
mod clashes;

#[cfg(feature = "toml")]
pub use clashes::{check, without};

/// The expansion's `Layer` enum.
pub const LAYER: &str = "Layer";
/// The expansion's error enum.
pub const MSDK_ERROR: &str = "MsdkError";
/// The expansion's handler trait.
pub const HANDLER: &str = "Handler";
/// The variant of `MsdkError` for codes no layer knows.
pub const UNKNOWN_VARIANT: &str = "Unknown";
/// The handler method for codes no layer knows.
pub const UNKNOWN_METHOD: &str = "unknown";
/// The associated items of a code enum, which a variant of the same name would hide.
pub const CODE_ENUM_ITEMS: &[&str] = &["ALL", "LAYER"];
/// The associated items of `Layer`, which a variant of the same name would hide.
pub const LAYER_ENUM_ITEMS: &[&str] = &["ALL", "IDS"];

/// `access` -> `Access`: the layer's variant in `Layer` and `MsdkError`.
pub fn layer_variant(layer: &Layer) -> String {
    upper_camel(&layer.id)
}

/// `access` -> `AccessError`: the layer's code enum.
pub fn code_enum(layer: &Layer) -> String {
    format!("{}Error", upper_camel(&layer.id))
}

/// `<layer id>_<snake_case name>`, such as `access_appid_no_permission`.
pub fn handler_method(layer: &Layer, entry: &Entry) -> String {
    format!("{}_{}", layer.id, snake_case(&entry.name))
}

/// The handler method of every code whose action is `action`, such as `refresh_token`.
pub fn action_method(action: Action) -> &'static str {
    action.id()
}

/// A variant name of the runtime's `Locale`, `Action` or `Channel`.
pub fn runtime_variant(value: impl std::fmt::Debug) -> String {
    format!("{value:?}")
}

/// The static that holds a layer's table, inside the expansion's private block. Layer ids hold no
/// `__`, so the `__` after the id keeps every layer's statics apart from every other's.
pub fn code_table(layer: &Layer) -> String {
    format!("__LAYER_{}", layer.id.to_ascii_uppercase())
}

/// The static of one column of a layer's table (`NAMES`, `MESSAGES_EN`, ...).
pub fn column(layer: &Layer, column: &str) -> String {
    format!("{}__{column}", code_table(layer))
}

/// The static of the expansion's `Layer` table.
pub const LAYER_TABLE: &str = "__ALL_LAYERS";

/// The statics of the layers' titles, a column per locale.
pub const TITLES: &str = "__ALL_TITLES";
