//! `msdk_errors!` in an edition-2021 crate.

#![deny(warnings)]

include!("../../hygiene.rs");
