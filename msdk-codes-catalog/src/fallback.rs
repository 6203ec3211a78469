//! What to generate when the data has problems: every layer and entry that can still be written
//! as valid Rust, so that the user sees the problems themselves instead of a cascade of "cannot
//! find type `AccessError`" errors from the code that names them.

use std::collections::BTreeSet;

use crate::model::{Catalog, Layer};

/// Keeps what expands to valid Rust: layers with a well-formed id (the first of any duplicate),
/// entries and ranges with a well-formed name (the first of any duplicate). A layer is kept even
/// when none of its entries is. Only called after problems were reported; returns the ids of the
/// layers left out, which `layers = [...]` may still name without a second error.
pub fn sanitize(mut catalog: Catalog) -> (Catalog, Vec<String>) {
    let mut layer_ids = BTreeSet::new();
    let mut left_out = Vec::new();
    catalog.layers.retain(|layer| {
        let keep = is_snake_case(&layer.id) && layer_ids.insert(layer.id.clone());
        if !keep {
            left_out.push(layer.id.clone());
        }
        keep
    });
    for layer in &mut catalog.layers {
        sanitize_layer(layer);
    }
    (catalog, left_out)
}

/// Codes listed twice stay: the `from_code` index keeps the first entry of a code, as a `match`
/// would, and the duplicate was reported. Entries past the most the index numbers (reported) are
/// left out.
fn sanitize_layer(layer: &mut Layer) {
    layer.entries.truncate(usize::from(u16::MAX));
    let mut names = BTreeSet::new();
    layer.entries.retain(|entry| {
        let valid_name = entry.name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && entry.name.chars().all(|c| c.is_ascii_alphanumeric())
            && entry.name != "Self";
        valid_name && names.insert(crate::model::snake_case(&entry.name))
    });
    let mut range_names = BTreeSet::new();
    layer.ranges.retain(|range| range_names.insert(range.name.clone()));
}

fn is_snake_case(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}
