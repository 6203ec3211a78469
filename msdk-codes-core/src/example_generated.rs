//! What [`msdk_errors!`](crate::msdk_errors) generates, shown on a small subset: this module holds
//! the expansion of
//!
//! ```ignore
//! msdk_codes_core::msdk_errors!(locale = "en", layers = [access, apple_login]);
//! ```
//!
//! written by the macro itself, so each page here is the one your own expansion has: the
//! [`Layer`] enum, one code enum per layer ([`AccessError`], [`AppleLoginError`]), [`MsdkError`]
//! and the [`Handler`] trait. An expansion of other layers, locales or handling has the same items
//! with other variants and methods.
//!
//! Two parts of the expansion follow msdk-codes-core's features: `from_json` and `from_json_in`
//! need `json`, and `Serialize` for `MsdkError` and `Layer` needs `serde`.
//!
//! This module exists only in the documentation: it is not part of the crate's API.

crate::msdk_errors!(crate = "crate", locale = "en", layers = [access, apple_login]);
