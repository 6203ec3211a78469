// A `crate = "..."` path that does not resolve is rustc's error at the attribute, and the
// expansion's items are left out instead of each failing on its own.
#[msdk_codes_core::msdk_codes(crate = "no_such_crate", layers = [access], locales = ["en"])]
mod team {}

fn main() {}
