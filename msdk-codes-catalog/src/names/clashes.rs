//! Whether the generated names of a team's data clash: [`check`], and [`without`] to leave the
//! clashing layers and entries out.

use std::collections::{BTreeMap, BTreeSet};

use super::{
    CODE_ENUM_ITEMS, HANDLER, LAYER, LAYER_ENUM_ITEMS, MSDK_ERROR, UNKNOWN_METHOD, UNKNOWN_VARIANT, action_method,
    code_enum, handler_method, layer_variant,
};
use crate::diagnostics::DataProblems;
use crate::model::{Action, Catalog, Location};

/// Rust's keywords, strict, reserved and edition-dependent: none can be a layer id, which is
/// written as an identifier in `layers = [...]` and `policy`.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true",
    "try", "type", "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Who claimed a generated name first: an item every expansion has (no location), or an
/// item of the data.
struct Claim {
    what: String,
    location: Option<Location>,
}

/// Every clash of generated names in `catalog`, each reported at the later of the two sides,
/// naming the earlier one with `describe`'s `file:line:column`. Returns the layers and entries to
/// leave out of the expansion, as `(layer, None)` or `(layer, Some(entry))` indices.
pub fn check(
    catalog: &Catalog,
    describe: &dyn Fn(&Location) -> String,
    problems: &mut DataProblems,
) -> Vec<(usize, Option<usize>)> {
    let mut dropped = Vec::new();
    let fixed = |role: String| Claim { what: role, location: None };
    let mut items: BTreeMap<String, Claim> = BTreeMap::new();
    items.insert(LAYER.to_owned(), fixed("the expansion's layer enum".to_owned()));
    items.insert(MSDK_ERROR.to_owned(), fixed("the expansion's error enum".to_owned()));
    items.insert(HANDLER.to_owned(), fixed("the expansion's handler trait".to_owned()));
    let mut layer_variants: BTreeMap<String, Claim> = BTreeMap::new();
    for name in LAYER_ENUM_ITEMS {
        layer_variants.insert((*name).to_owned(), fixed(format!("the associated item `{LAYER}::{name}`")));
    }
    layer_variants.insert(
        UNKNOWN_VARIANT.to_owned(),
        fixed(format!("the variant `{MSDK_ERROR}::{UNKNOWN_VARIANT}` of unknown codes")),
    );
    let mut methods: BTreeMap<String, Claim> = BTreeMap::new();
    methods.insert(UNKNOWN_METHOD.to_owned(), fixed("the handler method of unknown codes".to_owned()));
    for action in Action::ALL {
        methods.insert(
            action_method(action).to_owned(),
            fixed(format!("the handler method of the action `{}`", action.id())),
        );
    }

    // `what` gives the `kind` `name`: `None` when it is the first to, else the clash, naming
    // the first claimant.
    let claim =
        |table: &mut BTreeMap<String, Claim>, kind: &str, name: String, what: &str, location: &Location| match table
            .get(&name)
        {
            Some(Claim { what: first, location: None }) => {
                Some(format!("{what} gives the {kind} `{name}`, which is already {first}"))
            }
            Some(Claim { what: first, location: Some(at) }) => {
                Some(format!("{what} gives the {kind} `{name}`, which {first} ({}) also gives", describe(at)))
            }
            None => {
                table.insert(name, Claim { what: what.to_owned(), location: Some(location.clone()) });
                None
            }
        };

    for (l, layer) in catalog.layers.iter().enumerate() {
        let mut layer_problems = Vec::new();
        if KEYWORDS.contains(&layer.id.as_str()) {
            layer_problems.push(format!(
                "layer id `{}` is a Rust keyword, which `layers = [...]` and `policy` cannot name; rename the layer",
                layer.id
            ));
        }
        let what = format!("layer `{}`", layer.id);
        let variant = layer_variant(layer);
        if let Some(clash) = claim(&mut items, "code enum", code_enum(layer), &what, &layer.id_location) {
            layer_problems.push(format!("{clash}; rename the layer"));
        }
        let kind = format!("`{LAYER}` and `{MSDK_ERROR}` variant");
        if let Some(clash) = claim(&mut layer_variants, &kind, variant, &what, &layer.id_location) {
            layer_problems.push(format!("{clash}; rename the layer"));
        }
        if !layer_problems.is_empty() {
            for problem in layer_problems {
                problems.push(layer.id_location.clone(), problem);
            }
            dropped.push((l, None));
            continue;
        }
        for (e, entry) in layer.entries.iter().enumerate() {
            let what = format!("layer `{}` code `{}`", layer.id, entry.name);
            let mut entry_problems = Vec::new();
            if CODE_ENUM_ITEMS.contains(&entry.name.as_str()) {
                entry_problems.push(format!(
                    "{what} would hide the associated item `{}::{}`; rename the code",
                    code_enum(layer),
                    entry.name
                ));
            }
            if let Some(clash) =
                claim(&mut methods, "handler method", handler_method(layer, entry), &what, &entry.name_location)
            {
                entry_problems.push(format!("{clash}; rename the code or its layer"));
            }
            if !entry_problems.is_empty() {
                for problem in entry_problems {
                    problems.push(entry.name_location.clone(), problem);
                }
                dropped.push((l, Some(e)));
            }
        }
    }
    dropped
}

/// `catalog` without what [`check`] asked to leave out, so the expansion goes on with the rest;
/// and the ids of the layers left out.
pub fn without(mut catalog: Catalog, dropped: &[(usize, Option<usize>)]) -> (Catalog, Vec<String>) {
    let dropped: BTreeSet<(usize, Option<usize>)> = dropped.iter().copied().collect();
    for (l, layer) in catalog.layers.iter_mut().enumerate() {
        let mut e = 0;
        layer.entries.retain(|_| {
            let keep = !dropped.contains(&(l, Some(e)));
            e += 1;
            keep
        });
    }
    let mut l = 0;
    let mut left_out = Vec::new();
    catalog.layers.retain(|layer| {
        let keep = !dropped.contains(&(l, None));
        if !keep {
            left_out.push(layer.id.clone());
        }
        l += 1;
        keep
    });
    (catalog, left_out)
}
