//! The runtime of msdk-codes: the types that `msdk_errors!` and `#[msdk_codes]` generate code
//! against, and the decoding of MSDK responses.
//!
//! Do not depend on this crate: depend on
//! [`msdk-codes-core`](https://docs.rs/msdk-codes-core), which re-exports everything here beside
//! the two macros, and documents them. The runtime is a crate of its own so that it compiles
//! while the macros do, instead of after them: a crate that re-exports a procedural macro
//! waits for the macro crate to be built whole.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod built;
mod call;
mod code;
#[cfg(feature = "miette")]
mod diagnostic;
mod entry;
mod failure;
mod glue;
mod log;
#[cfg(feature = "metrics")]
mod metric;
mod msg;
mod response;
mod retry;
mod route;
mod scan;
mod search;
#[cfg(feature = "serde")]
mod serialize;
mod storage;
mod table;
#[cfg(feature = "tower")]
pub mod tower;
#[cfg(feature = "tracing")]
mod trace;
mod unknown;

#[cfg(feature = "json")]
pub use call::CallError;
pub use call::Outcome;
pub use code::{Code, CodeNotFound, CodeRange, UnknownLayer};
pub use entry::Entry;
pub use failure::{ErrorType, Failure, MsdkErrorEnum};
pub use log::{LogPolicy, SECRET_KEYS, mask_secrets};
#[cfg(feature = "metrics")]
pub use metric::CallMetrics;
pub use msdk_codes_vocab::{Action, Channel, ErrType, Locale, Table, UnknownAction, UnknownLocale};
pub use msg::Said;
#[cfg(feature = "json")]
pub use response::DecodeError;
pub use response::Response;
pub use retry::{Idempotence, Retry, RetryBudget};
pub use unknown::{KnownIn, UnknownCode};

/// Items the generated code uses; not a public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::built::{PlainEntry, PlainLayer, PlainRange, layer_table};
    #[cfg(feature = "json")]
    pub use crate::response::ResponseParts;
    pub use crate::route::{Route, Source};
    #[cfg(feature = "serde")]
    pub use crate::serialize::{serialize_error, serialize_layer};
    pub use crate::storage::*;
    pub use crate::table::*;
    pub use crate::{Action, Channel, Code, CodeRange, KnownIn, Locale, UnknownCode};
    #[cfg(feature = "serde")]
    pub use serde;
    // The derives and bounds the expansion names, so that it needs no prelude and no `::core`
    // path (which a 2015-edition crate cannot resolve).
    pub use core::clone::Clone;
    pub use core::cmp::{Eq, Ord, PartialEq, PartialOrd};
    pub use core::fmt::Debug;
    pub use core::hash::Hash;
    pub use core::marker::{Copy, Sized};
    pub use core::{compile_error, include_bytes};

    /// An expansion's `Layer` and `MsdkError`. `__reexport!` checks that the caller's scope
    /// resolves these names to them, not to an item of the caller's or of another glob.
    #[diagnostic::on_unimplemented(
        message = "a name that `#[msdk_codes]` adds to this module is already `{Self}`",
        label = "the generated item of that name is hidden here by `{Self}`, an item of the module or of a glob import",
        note = "rename your item, drop the glob import, or give the expansion a module of its own"
    )]
    pub trait Generated {}

    /// What `include_bytes!` gives: the expansion reads each data file so that editing it
    /// rebuilds the crate.
    pub type Bytes = [u8];

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
