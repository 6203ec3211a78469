//! `msdk_errors!` in an edition-2024 crate.

#![deny(warnings)]

include!("../../hygiene.rs");
