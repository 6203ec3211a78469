//! The rules of a data file, one function per rule.

use std::collections::BTreeMap;

use super::DRAFT_MARKER;
use crate::diagnostics::DataProblems;
use crate::model::{Catalog, Layer, Locale, Texts, Unread, snake_case};

/// Every rule that holds whatever subset or locales the user asks for.
pub fn validate(catalog: &Catalog, problems: &mut DataProblems) {
    validate_changed(catalog, &|_| true, problems);
}

/// [`validate`], the rules of one layer only for the layers `changed` picks (`extend`: the
/// bundled layers a team file left alone are valid already, as tests/bundled.rs checks).
pub fn validate_changed(catalog: &Catalog, changed: &dyn Fn(&Layer) -> bool, problems: &mut DataProblems) {
    unique_layer_ids(catalog, problems);
    // A file with syntax errors was reported as such; the rest of it is not checked further.
    for layer in catalog.layers.iter().filter(|layer| changed(layer) && !layer.unread.has(Unread::FILE)) {
        layer_id_is_snake_case(layer, problems);
        layer_has_codes(layer, problems);
        english_is_present(layer, problems);
        names_are_upper_camel_case(layer, problems);
        names_are_unique(layer, problems);
        codes_are_unique(layer, problems);
        texts_are_one_line(layer, problems);
        entries_fit_the_index(layer, problems);
        no_draft_markers(layer, problems);
        success_is_no_code(layer, problems);
        msg_contains_is_one_line(layer, problems);
    }
}

fn unique_layer_ids(catalog: &Catalog, problems: &mut DataProblems) {
    let mut first_seen: BTreeMap<&str, &Layer> = BTreeMap::new();
    for layer in &catalog.layers {
        if first_seen.insert(&layer.id, layer).is_some() {
            problems.push(
                layer.location.clone(),
                format!("layer id `{}` is defined by two files; each layer lives in one file", layer.id),
            );
        }
    }
}

fn layer_id_is_snake_case(layer: &Layer, problems: &mut DataProblems) {
    let mut chars = layer.id.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !layer.id.contains("__")
        && !layer.id.ends_with('_');
    if !valid {
        problems.push(
            layer.location.clone(),
            format!("layer id `{}` must be lowercase snake_case, such as `wechat_platform`", layer.id),
        );
    }
}

fn layer_has_codes(layer: &Layer, problems: &mut DataProblems) {
    if layer.entries.is_empty() && !layer.unread.has(Unread::ITEMS) {
        problems.push(layer.location.clone(), format!("layer `{}` has no [[code]] entries", layer.id));
    }
}

fn english_is_present(layer: &Layer, problems: &mut DataProblems) {
    let needs_en = |texts: &Texts| texts.get(Locale::En).is_none();
    if needs_en(&layer.title) && !layer.unread.has("title") {
        problems.push(layer.location.clone(), format!("layer `{}` has no `title.en`; English is required", layer.id));
    }
    for range in layer.ranges.iter().filter(|r| needs_en(&r.message) && !r.unread.has("message")) {
        problems
            .push(range.location.clone(), format!("range `{}` has no `message.en`; English is required", range.name));
    }
    for entry in layer.entries.iter().filter(|e| needs_en(&e.message) && !e.unread.has("message")) {
        problems
            .push(entry.location.clone(), format!("code `{}` has no `message.en`; English is required", entry.name));
    }
    for entry in &layer.entries {
        let has_other_advice = Locale::ALL.iter().any(|&l| entry.advice.get(l).is_some());
        if has_other_advice && entry.advice.get(Locale::En).is_none() && !entry.unread.has("advice") {
            problems.push(entry.location.clone(), format!("code `{}` has advice but no `advice.en`", entry.name));
        }
    }
}

/// Names become enum variants and, in snake_case, handler methods.
fn is_upper_camel_case(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase()) && chars.all(|c| c.is_ascii_alphanumeric()) && name != "Self"
}

fn names_are_upper_camel_case(layer: &Layer, problems: &mut DataProblems) {
    let names = layer
        .entries
        .iter()
        .map(|e| (&e.name, &e.name_location))
        .chain(layer.ranges.iter().map(|r| (&r.name, &r.name_location)));
    for (name, location) in names {
        if !is_upper_camel_case(name) {
            problems.push(
                location.clone(),
                format!(
                    "name `{name}` is not an UpperCamelCase identifier: start with an uppercase letter and \
                     use only ASCII letters and digits, such as `AppidNoPermission`"
                ),
            );
        }
    }
}

fn names_are_unique(layer: &Layer, problems: &mut DataProblems) {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for entry in &layer.entries {
        let method = snake_case(&entry.name);
        if let Some(first) = seen.insert(method, &entry.name) {
            let message = if first == entry.name {
                format!("duplicate name `{}` in layer `{}`; names must be unique in a layer", entry.name, layer.id)
            } else {
                format!(
                    "name `{}` and `{first}` in layer `{}` give the same handler method `{}_{}`; rename one",
                    entry.name,
                    layer.id,
                    layer.id,
                    snake_case(&entry.name)
                )
            };
            problems.push(entry.name_location.clone(), message);
        }
    }
    let mut range_names: BTreeMap<&str, ()> = BTreeMap::new();
    for range in &layer.ranges {
        if range_names.insert(&range.name, ()).is_some() {
            problems.push(
                range.name_location.clone(),
                format!("duplicate range name `{}` in layer `{}`", range.name, layer.id),
            );
        }
    }
}

fn codes_are_unique(layer: &Layer, problems: &mut DataProblems) {
    let mut owner: BTreeMap<i32, &str> = BTreeMap::new();
    for entry in &layer.entries {
        for &code in &entry.codes {
            if let Some(first) = owner.insert(code, &entry.name) {
                let message = if first == entry.name {
                    format!("code {code} is listed twice in `{}`", entry.name)
                } else {
                    format!(
                        "duplicate code {code} in layer `{}`: `{}` and `{first}` both claim it; merge the rows \
                         or move one to another layer",
                        layer.id, entry.name
                    )
                };
                problems.push(entry.code_location.clone(), message);
            }
        }
    }
}

/// A text is one line: the expansion writes each column of strings as one text, a line an entry.
fn texts_are_one_line(layer: &Layer, problems: &mut DataProblems) {
    let has_break =
        |texts: &Texts| Locale::ALL.into_iter().find(|&l| texts.get(l).is_some_and(|t| t.contains(['\n', '\r'])));
    if let Some(locale) = has_break(&layer.title) {
        problems.push(layer.location.clone(), format!("`title.{locale}` holds a line break; write it on one line"));
    }
    for range in &layer.ranges {
        if let Some(locale) = has_break(&range.message) {
            problems.push(
                range.location.clone(),
                format!("range `{}` `message.{locale}` holds a line break; write it on one line", range.name),
            );
        }
    }
    for entry in &layer.entries {
        for (field, texts) in [("message", &entry.message), ("advice", &entry.advice), ("note", &entry.note)] {
            if let Some(locale) = has_break(texts) {
                problems.push(
                    entry.location.clone(),
                    format!("code `{}` `{field}.{locale}` holds a line break; write it on one line", entry.name),
                );
            }
        }
    }
}

/// The `from_code` index numbers entries with 16 bits.
fn entries_fit_the_index(layer: &Layer, problems: &mut DataProblems) {
    if layer.entries.len() > usize::from(u16::MAX) {
        problems.push(
            layer.location.clone(),
            format!(
                "layer `{}` has {} entries, more than 65,535; split it into several layers",
                layer.id,
                layer.entries.len()
            ),
        );
    }
}

fn no_draft_markers(layer: &Layer, problems: &mut DataProblems) {
    let hint = "a draft's marker: write the text, or remove the key";
    let marked = |texts: &Texts| -> Vec<Locale> {
        Locale::ALL.into_iter().filter(|&l| texts.get(l).is_some_and(|t| t.starts_with(DRAFT_MARKER))).collect()
    };
    for locale in marked(&layer.title) {
        problems.push(layer.location.clone(), format!("layer `{}` `title.{locale}` is {hint}", layer.id));
    }
    for range in &layer.ranges {
        for locale in marked(&range.message) {
            problems.push(range.location.clone(), format!("range `{}` `message.{locale}` is {hint}", range.name));
        }
    }
    for entry in &layer.entries {
        if entry.name.starts_with(DRAFT_MARKER) {
            problems.push(
                entry.name_location.clone(),
                format!(
                    "code {} is named `{}`, a draft's marker: name it in UpperCamelCase, the subject first, \
                     such as `AppidNoPermission`",
                    entry.code(),
                    entry.name
                ),
            );
        }
        for (field, texts) in [("message", &entry.message), ("advice", &entry.advice), ("note", &entry.note)] {
            for locale in marked(texts) {
                problems.push(entry.location.clone(), format!("code {} `{field}.{locale}` is {hint}", entry.code()));
            }
        }
    }
}

/// Code 0 is success: decoding answers `None` for it, so an entry for it would be an error value
/// that no response produces.
fn success_is_no_code(layer: &Layer, problems: &mut DataProblems) {
    for entry in layer.entries.iter().filter(|entry| entry.codes.contains(&0)) {
        problems.push(
            entry.code_location.clone(),
            format!(
                "code 0 in `{}` `{}` is success, not an error: decoding answers `None` for it; remove the code",
                layer.id, entry.name
            ),
        );
    }
}

/// Each text of `msg_contains` is one line: the bundled catalog stores each as a line.
fn msg_contains_is_one_line(layer: &Layer, problems: &mut DataProblems) {
    for entry in &layer.entries {
        if let Some(text) = entry.msg_contains.iter().find(|text| text.contains(['\n', '\r', '\t'])) {
            problems.push(
                entry.location.clone(),
                format!(
                    "code `{}` `msg_contains` text {text:?} holds a line break or a tab; write it on one line",
                    entry.name
                ),
            );
        }
    }
}
