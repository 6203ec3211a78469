//! `msdk_errors!` in an edition-2018 crate.

#![deny(warnings)]

include!("../../hygiene.rs");
