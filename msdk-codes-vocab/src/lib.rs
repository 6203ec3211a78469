//! The vocabulary of msdk-codes: the words its data files, its macro and its runtime share.
//!
//! [`Locale`], [`Action`], [`ErrType`], [`Channel`] and the decoding [`Table`]s are defined here
//! once. The macro (`msdk-codes-gen`) reads data files and arguments with them; the runtime
//! (`msdk-codes-core`) re-exports them, and that is where users name them. The crate has no
//! dependencies, so the macro's build does not wait for the runtime's.

#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(missing_docs)]

mod action;
mod channel;
mod index;
mod locale;
#[cfg(feature = "serde")]
mod serialize;

pub use action::{Action, ErrType, UnknownAction};
pub use channel::{Channel, Table};
pub use index::{CODE_RECORD, CodeIndex, SLOT, find_code};
pub use locale::{Locale, UnknownLocale};
