#![doc = include_str!("docs/crate.md")]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

// This crate holds no code of its own. The runtime is msdk-codes-runtime and the macros are
// msdk-codes-macros: a crate that re-exports a procedural macro can only start compiling once the
// macro crate is built whole, so the runtime, kept apart, compiles beside the macros instead of
// after them.
pub use msdk_codes_runtime::*;

#[doc = include_str!("docs/msdk_errors.md")]
#[macro_export]
macro_rules! msdk_errors {
    // `$crate` is this crate's path in the caller's crate under any name the caller gives it.
    ($($arguments:tt)*) => { $crate::__msdk_errors! { $crate; $($arguments)* } };
}

#[doc(hidden)]
pub use msdk_codes_macros::msdk_errors as __msdk_errors;

#[doc = include_str!("docs/msdk_codes.md")]
pub use msdk_codes_macros::msdk_codes;

// The documentation's example expansion: rustdoc builds it, the library never does.
#[cfg(doc)]
pub mod example_generated;
