//! From the whole catalog and the arguments to the plan of one expansion: the chosen layers, the
//! locales compiled in, and each code's action after the team's policy.

use proc_macro2::{Span, TokenStream};

use crate::args::{Args, Handling};
use crate::diagnostics::{MacroError, did_you_mean, quoted_list};
use msdk_codes_catalog::model::{Action, Catalog, Layer, Locale};
use msdk_codes_catalog::validate::Missing;

/// Everything `expand` needs, already checked.
pub struct Plan<'c> {
    pub layers: Vec<&'c Layer>,
    /// The catalog's layers that `layers = [...]` left out: only their ids and codes are
    /// emitted, so that an unknown code can say which of them knows it.
    pub left_out: Vec<&'c Layer>,
    /// The ids of `layers = [...]` that name no layer and are close to none (each reported): the
    /// policy may name them and a handler implement their actions without a second error.
    pub dropped: Vec<String>,
    /// `actions[l][e]`: the action of entry `e` of `layers[l]`, policy applied.
    pub actions: Vec<Vec<Action>>,
    /// The locale of `Display`.
    pub display: Locale,
    /// The locales whose strings are compiled in, sorted; always holds `display`.
    pub locales: Vec<Locale>,
    pub missing: Missing,
    pub handling: Handling,
    pub krate: TokenStream,
    /// `krate` is msdk-codes-core's `$crate` (see [`crate::krate::split_dollar_crate`]).
    pub dollar_crate: bool,
    /// The names of the module's own items that generated items would clash with (each
    /// reported): those generated items are not re-exported into the module.
    pub own_items: Vec<String>,
    /// The expansion's place in the source, as an identifier (`at_12_5`): what tells its items
    /// from a second expansion's in the same module (see `__one_per_module!`).
    pub site: String,
}

/// Picks the layers and applies the policy; problems are argument errors, at the argument.
/// `unusable` are the ids of layers that were read but cannot be generated, their problems
/// reported already: `layers = [...]` may name them without a second error.
pub fn plan<'c>(catalog: &'c Catalog, args: &Args, unusable: &[String], errors: &mut Vec<MacroError>) -> Plan<'c> {
    let mut dropped = Vec::new();
    let layers = select_layers(catalog, args, unusable, &mut dropped, errors);
    let left_out = catalog.layers.iter().filter(|layer| !layers.iter().any(|chosen| chosen.id == layer.id)).collect();
    let actions = apply_policy(&layers, args, &dropped, errors);
    let locales = args.locales.clone().unwrap_or_else(|| Locale::ALL.to_vec());
    Plan {
        layers,
        left_out,
        dropped,
        actions,
        display: args.locale,
        locales,
        missing: args.missing,
        handling: args.handling,
        krate: args.krate.clone().unwrap_or_else(crate::krate::from_manifest),
        dollar_crate: args.dollar_crate,
        own_items: Vec::new(),
        site: site_name(args.site),
    }
}

/// The identifier of a place in the source (line, column).
pub fn site_name((line, column): (usize, usize)) -> String {
    format!("at_{line}_{column}")
}

fn select_layers<'c>(
    catalog: &'c Catalog,
    args: &Args,
    unusable: &[String],
    dropped: &mut Vec<String>,
    errors: &mut Vec<MacroError>,
) -> Vec<&'c Layer> {
    let Some(requested) = &args.layers else {
        return catalog.layers.iter().collect();
    };
    let known = || catalog.layers.iter().map(|layer| layer.id.as_str());
    let mut chosen: Vec<&Layer> = Vec::new();
    for ident in requested {
        let id = ident.to_string();
        match catalog.layer(&id) {
            Some(layer) if chosen.iter().any(|c| c.id == id) => {
                let _ = layer;
                errors.push(MacroError::new(ident.span(), format!("layer `{id}` is listed twice")));
            }
            Some(layer) => chosen.push(layer),
            None if catalog.layers.is_empty() || unusable.contains(&id) => {}
            None => {
                let near = did_you_mean(&id, known());
                let hint = near.map(|near| format!("did you mean `{near}`? ")).unwrap_or_default();
                errors.push(MacroError::new(
                    ident.span(),
                    format!("unknown layer `{id}`; {hint}the known layers are {}", quoted_list(known())),
                ));
                // The expansion goes on as the user meant, so that nothing naming the layer
                // reports the same mistake again.
                match near.and_then(|near| catalog.layer(near)) {
                    Some(layer) if !chosen.iter().any(|c| c.id == layer.id) => chosen.push(layer),
                    Some(_) => {}
                    None => dropped.push(id),
                }
            }
        }
    }
    // Keep the data's order, so `Layer::ALL` reads as the catalog does.
    catalog.layers.iter().filter(|layer| chosen.iter().any(|c| c.id == layer.id)).collect()
}

fn apply_policy(layers: &[&Layer], args: &Args, dropped: &[String], errors: &mut Vec<MacroError>) -> Vec<Vec<Action>> {
    let mut actions: Vec<Vec<Action>> =
        layers.iter().map(|layer| layer.entries.iter().map(|entry| entry.action).collect()).collect();
    for rule in &args.policy {
        let layer_id = rule.layer.to_string();
        if dropped.contains(&layer_id) {
            continue;
        }
        let Some(l) = layers.iter().position(|layer| layer.id == layer_id) else {
            let known = layers.iter().map(|layer| layer.id.as_str());
            let hint =
                did_you_mean(&layer_id, known.clone()).map(|n| format!("did you mean `{n}`? ")).unwrap_or_default();
            errors.push(MacroError::new(
                rule.layer.span(),
                format!(
                    "`policy` names layer `{layer_id}`, which is not selected; {hint}the selected layers are {}",
                    quoted_list(known)
                ),
            ));
            continue;
        };
        let name = rule.name.to_string();
        let entries = &layers[l].entries;
        let Some(e) = entries.iter().position(|entry| entry.name == name) else {
            let hint = match did_you_mean(&name, entries.iter().map(|entry| entry.name.as_str())) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "see the layer's data file for its names".to_owned(),
            };
            errors.push(MacroError::new(
                rule.name.span(),
                format!("layer `{layer_id}` has no code named `{name}`; {hint}"),
            ));
            continue;
        };
        let action_id = rule.action.to_string();
        match Action::from_id(&action_id) {
            Some(action) => actions[l][e] = action,
            None => {
                let ids = Action::ALL.iter().map(|a| a.id());
                let hint = match did_you_mean(&action_id, ids.clone()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("expected one of {}", quoted_list(ids)),
                };
                errors.push(MacroError::new(rule.action.span(), format!("unknown action `{action_id}`; {hint}")));
            }
        }
    }
    actions
}

impl Plan<'_> {
    /// The actions that occur in the subset, in the fixed order of `Action::ALL`.
    pub fn actions_present(&self) -> Vec<Action> {
        Action::ALL.into_iter().filter(|action| self.actions.iter().flatten().any(|a| a == action)).collect()
    }

    pub fn is_compiled(&self, locale: Locale) -> bool {
        self.locales.contains(&locale)
    }
}

/// The span data errors are reported at: the data path (or `extend`'s glob), or the macro call for
/// the bundled catalog.
pub fn data_span(args: &Args) -> Span {
    args.data.as_ref().or(args.extend.as_ref()).map_or_else(Span::call_site, |path| path.span)
}
