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
//! use msdk_codes_core::{Action, Locale};
//!
//! fn on_response(body: &[u8]) -> String {
//!     match MsdkError::from_json(body).expect("an MSDK response") {
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
    #[cfg(feature = "json")]
    pub use crate::response::ResponseParts;
    pub use crate::route::{Route, Source, Table};

    /// Decodes a JSON body read by serde_json: in place when it reads the body as sent (`msg`
    /// is borrowed unless it holds an escape, and copied only into an unknown code), else
    /// (raw control characters inside strings) through a `Response` read from an escaped copy.
    #[cfg(feature = "json")]
    #[inline]
    pub fn decode_json<E>(
        body: &[u8],
        in_place: impl FnOnce(crate::response::ResponseParts<'_>) -> Option<E>,
        read: impl FnOnce(crate::Response) -> Option<E>,
    ) -> Result<Option<E>, crate::DecodeError> {
        match crate::response::ResponseParts::read(body) {
            Ok(parts) => Ok(in_place(parts)),
            Err(strict) => crate::Response::from_json_again(body, &strict).map(read),
        }
    }
}

/// The generated `MsdkError::from_json` and `from_json_in`, which exist only when this crate has
/// its `json` feature: the expansion calls this macro, and its expansion follows the feature.
/// `MsdkError`, `Layer` and `decode_with` are the expansion's own, named where it is called.
#[cfg(feature = "json")]
#[doc(hidden)]
#[macro_export]
macro_rules! __json_entry_points {
    () => {
        impl MsdkError {
            /// Reads a JSON body and decodes it: `Response::from_json` then
            /// [`MsdkError::from_response`], with the same answers and errors, without building
            /// the `Response`: `msg` is borrowed from the body and copied only into an unknown
            /// code, so a known code allocates nothing.
            pub fn from_json(
                body: &[u8],
            ) -> ::core::result::Result<::core::option::Option<MsdkError>, $crate::DecodeError> {
                $crate::__private::decode_json(
                    body,
                    |parts| decode_with(parts, ::core::option::Option::None),
                    |response| decode_with(response, ::core::option::Option::None),
                )
            }

            /// [`MsdkError::from_json`] for a response of the API whose platform codes belong
            /// to `via`, as [`MsdkError::decode_in`].
            pub fn from_json_in(
                body: &[u8],
                via: Layer,
            ) -> ::core::result::Result<::core::option::Option<MsdkError>, $crate::DecodeError> {
                $crate::__private::decode_json(
                    body,
                    |parts| decode_with(parts, ::core::option::Option::Some(via)),
                    |response| decode_with(response, ::core::option::Option::Some(via)),
                )
            }
        }
    };
}

/// Without the `json` feature there is no JSON to read.
#[cfg(not(feature = "json"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __json_entry_points {
    () => {};
}
