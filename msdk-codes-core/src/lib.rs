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

#![forbid(unsafe_code)]

mod code;
mod glue;
mod msg;
mod response;
mod route;
#[cfg(feature = "serde")]
mod serialize;
mod table;
mod unknown;

pub use code::{Code, CodeNotFound, CodeRange, UnknownLayer};
pub use msdk_codes_vocab::{Action, Channel, ErrType, Locale, Table, UnknownAction, UnknownLocale};
pub use msg::Said;
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
    pub use crate::route::{Route, Source};
    #[cfg(feature = "serde")]
    pub use crate::serialize::{serialize_error, serialize_layer};
    pub use crate::table::*;
    pub use crate::{Action, Channel, Code, CodeRange, Locale, UnknownCode};
    #[cfg(feature = "serde")]
    pub use serde;
    // The derives and bounds the expansion names, so that it needs no prelude and no `::core`
    // path (which a 2015-edition crate cannot resolve).
    pub use core::clone::Clone;
    pub use core::cmp::{Eq, Ord, PartialEq, PartialOrd};
    pub use core::fmt::Debug;
    pub use core::hash::Hash;
    pub use core::marker::{Copy, Sized};

    /// Decodes a JSON body read by serde_json: in place when it reads the body as sent (`msg`
    /// is borrowed unless it holds an escape, and copied only into an unknown code), else
    /// (raw control characters inside strings) through a `Response` read from an escaped copy.
    #[cfg(feature = "json")]
    #[inline]
    pub fn decode_json<E: ErrorEnum>(body: &[u8], via: Option<E::Layer>) -> Result<Option<E>, crate::DecodeError> {
        match crate::response::ResponseParts::read(body) {
            Ok(parts) => Ok(decode(parts, via)),
            Err(strict) => crate::Response::from_json_again(body, &strict).map(|response| decode(response, via)),
        }
    }

    /// `TryFrom<i32>` of a code enum.
    pub fn try_from_code<C: crate::Code>(code: i32) -> Result<C, crate::CodeNotFound> {
        C::from_code(code).ok_or(crate::CodeNotFound::new(code, C::LAYER_ID))
    }

    /// `FromStr` of a `Layer`.
    pub fn layer_from_id<L: LayerEnum>(id: &str) -> Result<L, crate::UnknownLayer> {
        L::TABLE.layer_named(id).map(|layer| L::ALL[layer]).ok_or_else(|| crate::UnknownLayer::new(id, L::TABLE.ids))
    }
}
