//! `msdk_errors!` in an edition-2015 crate: as there, the crate is declared with `extern crate`.

#![deny(warnings)]

extern crate msdk_codes_core;

include!("../../hygiene.rs");
