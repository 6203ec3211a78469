//! The compiled-in bundled catalog (src/bundled_catalog.tsv) is exactly what data/*.toml says.

use msdk_codes_catalog::bundled;
use msdk_codes_catalog::diagnostics::DataProblems;
use msdk_codes_catalog::source::Sources;

#[test]
fn compiled_catalog_matches_the_toml_files() {
    let from_toml = bundled::from_toml().unwrap_or_else(|problems| panic!("{problems:#?}"));
    let expected = bundled::render(&from_toml);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join("bundled_catalog.tsv");
    if std::env::var_os("MSDK_CODES_BLESS").is_some() {
        std::fs::write(&path, &expected).expect("write src/bundled_catalog.tsv");
    }
    let committed = std::fs::read_to_string(&path).expect("read src/bundled_catalog.tsv");
    assert!(
        committed == expected,
        "src/bundled_catalog.tsv is out of date with data/*.toml: run \
         `MSDK_CODES_BLESS=1 cargo test -p msdk-codes-catalog --test bundled` and commit the result"
    );
    // Same model, locations aside (the compiled form points at the start of each file).
    let compiled = bundled::catalog();
    assert_eq!(compiled.layers.len(), from_toml.layers.len());
    for (a, b) in compiled.layers.iter().zip(&from_toml.layers) {
        assert_eq!((&a.id, &a.title, a.channel), (&b.id, &b.title, b.channel));
        assert_eq!(a.entries.len(), b.entries.len());
        for (x, y) in a.entries.iter().zip(&b.entries) {
            assert_eq!(
                (&x.codes, &x.name, x.action, &x.message, &x.advice, &x.note, &x.translated),
                (&y.codes, &y.name, y.action, &y.message, &y.advice, &y.note, &y.translated)
            );
        }
        for (x, y) in a.ranges.iter().zip(&b.ranges) {
            assert_eq!(
                (x.low, x.high, &x.name, &x.message, &x.translated),
                (y.low, y.high, &y.name, &y.message, &y.translated)
            );
        }
    }
}

#[test]
fn the_bundled_catalog_generates_no_clashing_names() {
    let sources = Sources::bundled();
    let mut problems = DataProblems::default();
    let dropped =
        msdk_codes_catalog::names::check(&bundled::catalog(), &|location| sources.describe(location), &mut problems);
    assert!(problems.is_empty(), "{:?}", problems.render(&sources));
    assert!(dropped.is_empty());
}
