//! The compiled-in bundled catalog (src/bundled_catalog.tsv) is exactly what data/*.toml says.

use msdk_codes_catalog::bundled;
use msdk_codes_catalog::diagnostics::DataProblems;
use msdk_codes_catalog::model::{Catalog, Location};
use msdk_codes_catalog::source::Sources;

/// `src/bundled_catalog.tsv` is the rendering of data/*.toml. A difference shows as a diff;
/// `UPDATE_EXPECT=1 cargo test -p msdk-codes-catalog --test bundled` rewrites the file, to commit
/// with the TOML change.
#[test]
fn the_compiled_catalog_file_is_rendered_from_the_toml_files() {
    let from_toml = bundled::from_toml().unwrap_or_else(|problems| panic!("{problems:#?}"));
    expect_test::expect_file!["../src/bundled_catalog.tsv"].assert_eq(&bundled::render(&from_toml));
}

/// Where an item was written, reduced to its file: the compiled form points at the start of each
/// file, the TOML form at the item.
fn at_file_start(location: &mut Location) {
    location.span = 0..0;
}

/// The model the compiled catalog decodes to is the one the TOML files give, every field of
/// every layer, entry and range (the `msg_contains` words included), spans within a file aside.
#[test]
fn the_compiled_catalog_is_the_model_of_the_toml_files() {
    let mut from_toml = bundled::from_toml().unwrap_or_else(|problems| panic!("{problems:#?}"));
    let mut compiled = bundled::catalog();
    for catalog in [&mut from_toml, &mut compiled] {
        for layer in &mut catalog.layers {
            at_file_start(&mut layer.location);
            at_file_start(&mut layer.id_location);
            for entry in &mut layer.entries {
                at_file_start(&mut entry.location);
                at_file_start(&mut entry.code_location);
                at_file_start(&mut entry.name_location);
            }
            for range in &mut layer.ranges {
                at_file_start(&mut range.location);
                at_file_start(&mut range.name_location);
            }
        }
    }
    let ids = |catalog: &Catalog| catalog.layers.iter().map(|layer| layer.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&compiled), ids(&from_toml));
    // Item by item, so that a difference names the entry it is in.
    for (compiled, toml) in compiled.layers.iter_mut().zip(&mut from_toml.layers) {
        let (compiled_entries, toml_entries) =
            (std::mem::take(&mut compiled.entries), std::mem::take(&mut toml.entries));
        let (compiled_ranges, toml_ranges) = (std::mem::take(&mut compiled.ranges), std::mem::take(&mut toml.ranges));
        assert_eq!(compiled, toml, "layer {}", toml.id);
        assert_eq!(compiled_entries.len(), toml_entries.len(), "entries of layer {}", toml.id);
        for (compiled_entry, toml_entry) in compiled_entries.iter().zip(&toml_entries) {
            assert_eq!(compiled_entry, toml_entry, "layer {}", toml.id);
        }
        assert_eq!(compiled_ranges, toml_ranges, "ranges of layer {}", toml.id);
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
