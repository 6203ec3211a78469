//! Every identifier the expansion writes is built here, and [`check`] proves, before any code
//! is written, that no two of them clash and none is a keyword. A clash is a data problem at the
//! data file's line and column, naming both sides: never a rustc error inside the expansion.

#[cfg(feature = "toml")]
use std::collections::BTreeMap;

#[cfg(feature = "toml")]
use crate::diagnostics::DataProblems;
use crate::model::{Action, Entry, Layer, snake_case, upper_camel};
#[cfg(feature = "toml")]
use crate::model::{Catalog, Location};

/// The expansion's `Layer` enum.
pub const LAYER: &str = "Layer";
/// The expansion's error enum.
pub const MSDK_ERROR: &str = "MsdkError";
/// The expansion's handler trait.
pub const HANDLER: &str = "Handler";
/// The variant of `MsdkError` for codes no layer knows.
pub const UNKNOWN_VARIANT: &str = "Unknown";
/// The handler method for codes no layer knows.
pub const UNKNOWN_METHOD: &str = "unknown";
/// The associated items of a code enum, which a variant of the same name would hide.
pub const CODE_ENUM_ITEMS: &[&str] = &["ALL", "LAYER"];
/// The associated items of `Layer`, which a variant of the same name would hide.
pub const LAYER_ENUM_ITEMS: &[&str] = &["ALL", "IDS"];

/// `access` -> `Access`: the layer's variant in `Layer` and `MsdkError`.
pub fn layer_variant(layer: &Layer) -> String {
    upper_camel(&layer.id)
}

/// `access` -> `AccessError`: the layer's code enum.
pub fn code_enum(layer: &Layer) -> String {
    format!("{}Error", upper_camel(&layer.id))
}

/// `<layer id>_<snake_case name>`, such as `access_appid_no_permission`.
pub fn handler_method(layer: &Layer, entry: &Entry) -> String {
    format!("{}_{}", layer.id, snake_case(&entry.name))
}

/// The handler method of every code whose action is `action`, such as `refresh_token`.
pub fn action_method(action: Action) -> &'static str {
    action.id()
}

/// A variant name of the runtime's `Locale`, `Action` or `Channel`.
pub fn runtime_variant(value: impl std::fmt::Debug) -> String {
    format!("{value:?}")
}

/// The static that holds a layer's table, inside the expansion's private block. Layer ids hold no
/// `__`, so the `__` after the id keeps every layer's statics apart from every other's.
pub fn code_table(layer: &Layer) -> String {
    format!("__LAYER_{}", layer.id.to_ascii_uppercase())
}

/// The static of one column of a layer's table (`NAMES`, `MESSAGES_EN`, ...).
pub fn column(layer: &Layer, column: &str) -> String {
    format!("{}__{column}", code_table(layer))
}

/// The static of the expansion's `Layer` table.
pub const LAYER_TABLE: &str = "__ALL_LAYERS";

/// The statics of the layers' titles, a column per locale.
pub const TITLES: &str = "__ALL_TITLES";

/// Rust's keywords, strict, reserved and edition-dependent: none can be a layer id, which is
/// written as an identifier in `layers = [...]` and `policy`.
#[cfg(feature = "toml")]
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true",
    "try", "type", "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Who claimed a generated name first: an item every expansion has (no location), or an
/// item of the data.
#[cfg(feature = "toml")]
struct Claim {
    what: String,
    location: Option<Location>,
}

/// Every clash of generated names in `catalog`, each reported at the later of the two sides,
/// naming the earlier one with `describe`'s `file:line:column`. Returns the layers and entries to
/// leave out of the expansion, as `(layer, None)` or `(layer, Some(entry))` indices.
#[cfg(feature = "toml")]
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
#[cfg(feature = "toml")]
pub fn without(mut catalog: Catalog, dropped: &[(usize, Option<usize>)]) -> (Catalog, Vec<String>) {
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
