//! The macros where msdk-codes-core is renamed and its `toml` feature is off, as a user's crate
//! sees them. Regenerate the `.stderr` files with
//! `TRYBUILD=overwrite cargo test -p msdk-codes-renamed-without-toml --test ui`, then review.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*.rs");
    cases.pass("ui/pass/*.rs");
}
