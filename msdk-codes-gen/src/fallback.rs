//! What to emit when the input is bad: the errors, plus as much of the real expansion as the
//! valid part of the data allows, so the user sees the cause instead of a cascade of "cannot
//! find type `AccessError`" errors.

use std::collections::BTreeSet;

use crate::model::{Catalog, Layer};

/// Keeps only what expands to valid Rust: well-formed names, the first of any duplicate, and
/// layers that still have entries. Only called after problems were reported.
pub fn sanitize(mut catalog: Catalog) -> Catalog {
    let mut layer_ids = BTreeSet::new();
    catalog.layers.retain(|layer| is_snake_case(&layer.id) && layer_ids.insert(layer.id.clone()));
    for layer in &mut catalog.layers {
        sanitize_layer(layer);
    }
    catalog.layers.retain(|layer| !layer.entries.is_empty());
    catalog
}

fn sanitize_layer(layer: &mut Layer) {
    let mut names = BTreeSet::new();
    let mut codes = BTreeSet::new();
    layer.entries.retain(|entry| {
        let valid_name = entry.name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && entry.name.chars().all(|c| c.is_ascii_alphanumeric())
            && entry.name != "Self";
        let fresh =
            names.insert(crate::model::snake_case(&entry.name)) && entry.codes.iter().all(|code| codes.insert(*code));
        valid_name && fresh
    });
    let mut range_names = BTreeSet::new();
    layer.ranges.retain(|range| range_names.insert(range.name.clone()));
}

fn is_snake_case(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The items user code names, as source text, for when no layer could be read at all.
pub fn stub_source(krate: &str) -> String {
    format!(
        "/// No layer could be read; see the errors above.\n\
         #[derive({krate}::__private::Clone, {krate}::__private::Copy, {krate}::__private::Debug)]\n\
         #[allow(dead_code)]\n\
         pub enum Layer {{}}\n\
         /// No layer could be read; see the errors above.\n\
         #[derive({krate}::__private::Clone, {krate}::__private::Debug)]\n\
         #[allow(dead_code)]\n\
         pub enum MsdkError {{\n\
             /// A code that no selected layer knows.\n\
             Unknown({krate}::UnknownCode),\n\
         }}\n\
         /// No layer could be read; see the errors above.\n\
         #[allow(dead_code)]\n\
         pub trait Handler {{\n\
             /// What handling an error produces.\n\
             type Output;\n\
             /// Handles a code that no selected layer knows.\n\
             fn unknown(&mut self, __err: &MsdkError) -> Self::Output;\n\
         }}\n"
    )
}
