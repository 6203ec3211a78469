//! `extend = "data/*.toml"`: the team's files merged into the bundled catalog, one function per
//! rule. Every problem is collected, at the team file's line and column, and the merge goes on
//! without the addition that caused it.

use std::collections::BTreeMap;

use crate::diagnostics::{DataProblems, did_you_mean};
use crate::model::{Addition, Catalog, Entry, Extension, Layer, Location, Override, Texts};

/// `base` (the bundled catalog) with `additions`: new layers after the bundled ones, in file
/// order; a bundled layer's new codes after its own, its overrides applied in place.
pub fn merge(
    mut base: Catalog,
    additions: Vec<Addition>,
    describe: &dyn Fn(&Location) -> String,
    problems: &mut DataProblems,
) -> Catalog {
    let mut extended_by: BTreeMap<String, Location> = BTreeMap::new();
    let mut new_layers = Vec::new();
    for addition in additions {
        match addition {
            // Two team files with one new id are reported by `validate` on the combined catalog.
            Addition::Layer(layer) => new_layers.push(layer),
            Addition::Extension(extension) => {
                if !one_file_per_layer(&mut extended_by, &extension, describe, problems) {
                    continue;
                }
                if !adds_something(&extension, problems) {
                    continue;
                }
                let Some(layer) = base.layers.iter_mut().find(|layer| layer.id == extension.id) else { continue };
                let bundled = layer.entries.len();
                let Extension { entries, ranges, overrides, .. } = extension;
                for entry in entries {
                    if code_is_new(&layer.entries[..bundled], &layer.id, &entry, problems) {
                        layer.entries.push(entry);
                    }
                }
                layer.ranges.extend(ranges);
                let mut overridden: BTreeMap<usize, Location> = BTreeMap::new();
                for change in overrides {
                    apply_override(layer, bundled, &change, &mut overridden, describe, problems);
                }
            }
        }
    }
    base.layers.extend(new_layers);
    base
}

/// A bundled layer is extended by one file, as each layer lives in one file.
fn one_file_per_layer(
    extended_by: &mut BTreeMap<String, Location>,
    extension: &Extension,
    describe: &dyn Fn(&Location) -> String,
    problems: &mut DataProblems,
) -> bool {
    if let Some(first) = extended_by.get(&extension.id) {
        problems.push(
            extension.id_location.clone(),
            format!(
                "layer `{}` is already extended by {}; each layer's additions live in one file: move these \
                 entries there",
                extension.id,
                describe(first)
            ),
        );
        return false;
    }
    extended_by.insert(extension.id.clone(), extension.id_location.clone());
    true
}

/// A file that extends a bundled layer adds codes, ranges or overrides.
fn adds_something(extension: &Extension, problems: &mut DataProblems) -> bool {
    let empty = extension.entries.is_empty() && extension.ranges.is_empty() && extension.overrides.is_empty();
    if empty {
        problems.push(
            extension.location.clone(),
            format!(
                "this file extends the bundled layer `{}` but adds nothing: give [[code]] entries, new codes or \
                 `override = true` ones",
                extension.id
            ),
        );
    }
    !empty
}

/// A new entry of a bundled layer has codes the layer does not have.
fn code_is_new(bundled: &[Entry], layer: &str, entry: &Entry, problems: &mut DataProblems) -> bool {
    let mut new = true;
    for &code in &entry.codes {
        if let Some(existing) = bundled.iter().find(|existing| existing.codes.contains(&code)) {
            problems.push(
                entry.location.clone(),
                format!(
                    "code {code} is already `{layer}` `{}` in the bundled catalog; to change its text or action, \
                     write `override = true` in this [[code]] and keep only the fields that change (`name`, if \
                     given, stays `{}`); to add a code of your own, give it a number the layer does not use",
                    existing.name, existing.name
                ),
            );
            new = false;
        }
    }
    new
}

/// Replaces the fields `change` gives in the bundled entry it names, after checking that it
/// names one (by its codes and, if given, its name), once, and changes something.
fn apply_override(
    layer: &mut Layer,
    bundled: usize,
    change: &Override,
    overridden: &mut BTreeMap<usize, Location>,
    describe: &dyn Fn(&Location) -> String,
    problems: &mut DataProblems,
) {
    let Some(e) = find_overridden(&layer.entries[..bundled], &layer.id, change, problems) else { return };
    let entry = &mut layer.entries[e];
    let what = format!("`{}` code {} `{}`", layer.id, entry.code(), entry.name);
    if let Some((name, location)) = &change.name {
        if *name != entry.name {
            problems.push(
                location.clone(),
                format!(
                    "an override keeps the variant's name: {what} cannot be renamed `{name}`; remove `name`, or \
                     write `name = \"{}\"`",
                    entry.name
                ),
            );
            return;
        }
    }
    if let Some(first) = overridden.get(&e) {
        problems.push(
            change.location.clone(),
            format!("{what} is already overridden at {}; give every change in one [[code]]", describe(first)),
        );
        return;
    }
    overridden.insert(e, change.location.clone());
    if !changes_something(entry, change) {
        problems.push(
            change.location.clone(),
            format!(
                "this override of {what} changes nothing: each field it gives equals the bundled catalog's; give \
                 the `message.<locale>`, `advice.<locale>`, `note.<locale>` or `action` that differ, or remove \
                 this [[code]]"
            ),
        );
        return;
    }
    replace_texts(&mut entry.message, &change.message);
    replace_texts(&mut entry.advice, &change.advice);
    replace_texts(&mut entry.note, &change.note);
    if let Some(action) = change.action {
        entry.action = action;
    }
    // Problems of the entry as it now stands (a missing translation of new advice) are the
    // override's.
    entry.location = change.location.clone();
}

/// The bundled entry whose codes `change` names, or a problem suggesting the nearest one.
fn find_overridden(bundled: &[Entry], layer: &str, change: &Override, problems: &mut DataProblems) -> Option<usize> {
    let code = change.codes[0];
    let Some(e) = bundled.iter().position(|entry| entry.codes.contains(&code)) else {
        let hint = match nearest(bundled, change) {
            Some(near) => format!("did you mean code {} (`{}`)? ", near.code(), near.name),
            None => String::new(),
        };
        problems.push(
            change.code_location.clone(),
            format!(
                "`override = true` on code {code}, which the bundled layer `{layer}` does not have; {hint}to add \
                 {code} as a new code, remove `override = true` and give `name`, `action` and `message`"
            ),
        );
        return None;
    };
    let entry = &bundled[e];
    if let Some(other) = change.codes.iter().find(|code| !entry.codes.contains(code)) {
        let codes: Vec<String> = entry.codes.iter().map(i32::to_string).collect();
        problems.push(
            change.code_location.clone(),
            format!(
                "an override cannot change an entry's codes: {other} is not a code of `{layer}` `{}` (its codes: \
                 {}); write `code = {code}`",
                entry.name,
                codes.join(", ")
            ),
        );
        return None;
    }
    Some(e)
}

/// The entry an override most likely meant: by its name if it gives one, else by the digits of
/// its code, else the numerically closest code.
fn nearest<'e>(bundled: &'e [Entry], change: &Override) -> Option<&'e Entry> {
    if let Some((name, _)) = &change.name {
        if let Some(near) = did_you_mean(name, bundled.iter().map(|entry| entry.name.as_str())) {
            return bundled.iter().find(|entry| entry.name == near);
        }
    }
    let code = change.codes[0];
    let written: Vec<(String, &Entry)> =
        bundled.iter().flat_map(|entry| entry.codes.iter().map(move |c| (c.to_string(), entry))).collect();
    if let Some(near) = did_you_mean(&code.to_string(), written.iter().map(|(text, _)| text.as_str())) {
        return written.iter().find(|(text, _)| text == near).map(|(_, entry)| *entry);
    }
    bundled
        .iter()
        .flat_map(|entry| entry.codes.iter().map(move |&c| (i64::from(c).abs_diff(i64::from(code)), entry)))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, entry)| entry)
}

/// Whether applying `change` gives `entry` a different text or action.
fn changes_something(entry: &Entry, change: &Override) -> bool {
    let differs = |ours: &Texts, theirs: &Texts| theirs.locales().any(|locale| ours.get(locale) != theirs.get(locale));
    change.action.is_some_and(|action| action != entry.action)
        || differs(&entry.message, &change.message)
        || differs(&entry.advice, &change.advice)
        || differs(&entry.note, &change.note)
}

fn replace_texts(texts: &mut Texts, with: &Texts) {
    for locale in with.locales() {
        if let Some(text) = with.get(locale) {
            texts.set(locale, text.to_owned());
        }
    }
}
