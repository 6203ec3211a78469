//! Typed, localized Tencent MSDK backend error codes.
//!
//! This crate holds the runtime types and re-exports the two macros that generate a team's code
//! enums at compile time from the MSDK code catalog (bundled, or the team's own TOML files):
//!
//! ```
//! msdk_codes_core::msdk_errors!(locale = "en", layers = [access, logical, qq_platform]);
//!
//! let err = AccessError::from_code(-503).unwrap();
//! assert_eq!(err, AccessError::FrequencyLimit);
//! assert_eq!(err.action(), msdk_codes_core::Action::Backoff);
//! assert_eq!(err.to_string(), "Frequency exceeds the limit");
//! ```
//!
//! See the repository's README for the macro arguments and the generated API.

mod action;
mod code;
mod locale;
mod response;
mod route;
mod unknown;

pub use action::{Action, ErrType, UnknownAction};
pub use code::{Channel, Code, CodeNotFound, CodeRange, UnknownLayer};
pub use locale::{Locale, UnknownLocale};
#[cfg(feature = "json")]
pub use response::DecodeError;
pub use response::Response;
pub use unknown::UnknownCode;

/// Generates the code enums, `Layer`, `MsdkError` and `Handler` for a subset of the catalog.
///
/// `msdk_errors!()` uses the bundled catalog; `msdk_errors!("data/*.toml", locale = "ja",
/// layers = [access])` reads the crate's own files. See the README for every argument.
pub use msdk_codes_macros::msdk_errors;

/// The attribute form of [`msdk_errors!`]: fills an inline module with the generated items.
///
/// ```
/// #[msdk_codes_core::msdk_codes(locale = "zh", layers = [logical])]
/// pub mod team_pay {}
///
/// assert_eq!(team_pay::LogicalError::from_code(-1011).unwrap().to_string(), "输入参数为空");
/// ```
pub use msdk_codes_macros::msdk_codes;

/// Items the generated code uses; not a public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::route::{Route, Table};
}
