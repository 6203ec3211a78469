//! The docs are tests: every command example of README.md and every `--help` text
//! (tests/cmd/help.md) is run and its output compared. After a deliberate change,
//! `TRYCMD=overwrite cargo test -p msdk-lookup --test docs` rewrites them; read the diff.

#[test]
fn readme_examples_and_help_texts_hold() {
    // The examples are in English unless one of them sets a locale, whatever this machine's is.
    // trycmd lets a test set a variable for every example but not leave it to one, so the two are
    // removed from this process, whose only test this is.
    // SAFETY: no other thread of this test binary reads or writes the environment.
    unsafe {
        std::env::remove_var("LC_ALL");
        std::env::remove_var("LANG");
    }
    trycmd::TestCases::new()
        .register_bin("msdk-lookup", std::path::Path::new(env!("CARGO_BIN_EXE_msdk-lookup")))
        .case("README.md")
        .case("tests/cmd/*.md");
}
