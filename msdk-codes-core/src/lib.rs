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
//! Decoding a real response body (the README's first example):
//!
//! ```
//! # #[cfg(feature = "json")] {
//! msdk_codes_core::msdk_errors!();
//!
//! use msdk_codes_core::{Action, Locale, Response};
//!
//! fn on_response(body: &[u8]) -> String {
//!     let response = Response::from_json(body).expect("an MSDK response");
//!     match MsdkError::decode(&response) {
//!         None => "success".to_owned(),
//!         Some(MsdkError::Access(AccessError::FrequencyLimit)) => "slow down".to_owned(),
//!         Some(err) if err.action() == Action::Reauthorize => {
//!             format!("please log in again: {}", err.message(Locale::Zh))
//!         }
//!         Some(err) => err.to_string(),
//!     }
//! }
//!
//! assert_eq!(on_response(br#"{"ret":0,"msg":"ok"}"#), "success");
//! assert_eq!(on_response(br#"{"ret":-503,"msg":""}"#), "slow down");
//! assert_eq!(
//!     on_response(br#"{"ret":-10000,"msg":"-73,the user modify password wrong"}"#),
//!     "please log in again: 0x47 access token改密失效"
//! );
//! assert_eq!(on_response(br#"{"ret":-303,"msg":""}"#), "MSDK access layer -303: This appid has no permissions in msdk");
//! # }
//! ```
//!
//! See the repository's README for the macro arguments and the generated API.

mod action;
mod code;
#[cfg(feature = "json")]
mod flat_json;
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

    /// `Response::from_json` without its fast path, for the fuzz target to compare.
    #[cfg(feature = "json")]
    pub fn from_json_by_serde(body: &[u8]) -> Result<crate::Response, crate::DecodeError> {
        crate::Response::from_json_by_serde(body)
    }
}
