//! `extend = "data/*.toml"`: the team's files merged into the bundled catalog, one function per
//! rule. Every problem is collected, at the team file's line and column, and the merge goes on
//! without the addition that caused it.

use std::collections::BTreeMap;

use crate::diagnostics::{DataProblems, did_you_mean, edit_distance};
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
                entry.code_location.clone(),
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
    if let Some((name, location)) = &change.name
        && *name != entry.name
    {
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
    if let Some(texts) = &change.msg_contains {
        entry.msg_contains.clone_from(texts);
    }
    // Problems of the entry as it now stands (a missing translation of new advice) are the
    // override's.
    entry.location = change.location.clone();
    entry.code_location = change.code_location.clone();
}

/// The bundled entry whose codes `change` names, or a problem suggesting the nearest one.
fn find_overridden(bundled: &[Entry], layer: &str, change: &Override, problems: &mut DataProblems) -> Option<usize> {
    let code = change.codes[0];
    let Some(e) = bundled.iter().position(|entry| entry.codes.contains(&code)) else {
        let add = format!("{code} as a new code, remove `override = true` and give `name`, `action` and `message`");
        let hint = match nearest(bundled, change) {
            Some(near) => format!("did you mean code {} (`{}`)? To add {add}", near.code(), near.name),
            None => format!("to add {add}"),
        };
        problems.push(
            change.code_location.clone(),
            format!("`override = true` on code {code}, which the bundled layer `{layer}` does not have; {hint}"),
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
    if let Some((name, _)) = &change.name
        && let Some(near) = did_you_mean(name, bundled.iter().map(|entry| entry.name.as_str()))
    {
        return bundled.iter().find(|entry| entry.name == near);
    }
    // A typo of the digits first (100031 for 100030, 10030 for 100030), then the closest number.
    let code = change.codes[0];
    let digits = code.to_string();
    let typo_limit = (digits.len() / 3).max(2);
    bundled
        .iter()
        .flat_map(|entry| entry.codes.iter().map(move |&c| (c, entry)))
        .min_by_key(|&(c, _)| {
            let typo = edit_distance(&digits, &c.to_string()).min(typo_limit + 1);
            (typo, i64::from(c).abs_diff(i64::from(code)))
        })
        .map(|(_, entry)| entry)
}

/// Whether applying `change` gives `entry` a different text or action.
fn changes_something(entry: &Entry, change: &Override) -> bool {
    let differs = |ours: &Texts, theirs: &Texts| theirs.locales().any(|locale| ours.get(locale) != theirs.get(locale));
    change.action.is_some_and(|action| action != entry.action)
        || differs(&entry.message, &change.message)
        || differs(&entry.advice, &change.advice)
        || differs(&entry.note, &change.note)
        || change.msg_contains.as_ref().is_some_and(|texts| *texts != entry.msg_contains)
}

fn replace_texts(texts: &mut Texts, with: &Texts) {
    for locale in with.locales() {
        if let Some(text) = with.get(locale) {
            texts.set(locale, text.to_owned());
        }
    }
}

#[cfg(all(test, feature = "toml"))]
mod tests {

    use crate::model::{Action, Locale};
    use crate::source::Sources;

    use super::*;

    /// The bundled catalog extended by `files` (path, text): the catalog and each problem as the
    /// macro reports it.
    fn extended(files: &[(&str, &str)]) -> (Catalog, Vec<String>) {
        let files = Sources::in_memory(files.iter().copied());
        let checks = crate::Checks { missing: crate::validate::Missing::FallbackEn, ..crate::Checks::default() };
        let loaded = crate::load(crate::Source::Extending(files), &checks);
        let messages = loaded.messages();
        (loaded.catalog, messages)
    }

    fn entry<'c>(catalog: &'c Catalog, layer: &str, code: i32) -> &'c Entry {
        let layer = catalog.layer(layer).expect("layer");
        layer.entries.iter().find(|entry| entry.codes.contains(&code)).expect("entry")
    }

    const NEW_LAYER: &str = r#"
[layer]
id = "team_shop"
title.en = "Team shop"
channel = "ret"

[[code]]
code = -9001
name = "OutOfStock"
action = "user_limit"
message.en = "The item is out of stock"
"#;

    #[test]
    fn a_new_layer_comes_after_the_bundled_ones() {
        let (catalog, problems) = extended(&[("data/team_shop.toml", NEW_LAYER)]);
        assert!(problems.is_empty(), "{problems:?}");
        let bundled = crate::bundled::catalog();
        assert_eq!(catalog.layers.len(), bundled.layers.len() + 1);
        assert_eq!(catalog.layers[..bundled.layers.len()], bundled.layers[..]);
        let shop = catalog.layers.last().unwrap();
        assert_eq!((shop.id.as_str(), shop.entries[0].name.as_str()), ("team_shop", "OutOfStock"));
    }

    #[test]
    fn a_new_code_of_a_bundled_layer_follows_its_codes_and_an_override_changes_only_what_it_gives() {
        let file = r#"
[layer]
id = "share_qq"

[[code]]
code = 100031
name = "HeartLimitReached"
action = "user_limit"
message.en = "The player sent every heart of the day"

[[code]]
code = 30
override = true
message.en = "You have shared enough for today"
action = "ignore"
"#;
        let (catalog, problems) = extended(&[("data/share_qq.toml", file)]);
        assert!(problems.is_empty(), "{problems:?}");
        let bundled = crate::bundled::catalog();
        let before = bundled.layer("share_qq").unwrap();
        let after = catalog.layer("share_qq").unwrap();
        assert_eq!(after.entries.len(), before.entries.len() + 1);
        assert_eq!(after.entries.last().unwrap().name, "HeartLimitReached");
        assert_eq!((after.channel, &after.title), (before.channel, &before.title));

        let was = entry(&bundled, "share_qq", 30);
        let now = entry(&catalog, "share_qq", 30);
        assert_eq!(now.name, "DailyShareLimit");
        assert_eq!(now.message.get(Locale::En), Some("You have shared enough for today"));
        assert_eq!(now.action, Action::Ignore);
        for locale in [Locale::Zh, Locale::Ja, Locale::Ko] {
            assert_eq!(now.message.get(locale), was.message.get(locale), "{locale}");
        }
        assert_eq!((&now.advice, &now.note, &now.codes), (&was.advice, &was.note, &was.codes));
        // Every other layer and entry is the bundled one.
        let untouched = |c: &Catalog| c.layers.iter().filter(|l| l.id != "share_qq").cloned().collect::<Vec<_>>();
        assert_eq!(untouched(&catalog), untouched(&bundled));
    }

    #[test]
    fn an_existing_code_without_override_names_the_bundled_entry() {
        let file = "[layer]\nid = \"share_qq\"\n\n[[code]]\ncode = 30\nname = \"MyLimit\"\naction = \"ignore\"\nmessage.en = \"x\"\n";
        let (catalog, problems) = extended(&[("data/share_qq.toml", file)]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with("data/share_qq.toml:5:8: code 30 is already `share_qq` `DailyShareLimit`"));
        assert!(problems[0].contains("write `override = true` in this [[code]]"), "{}", problems[0]);
        assert!(catalog.layer("share_qq").unwrap().entries.iter().all(|e| e.name != "MyLimit"));
    }

    #[test]
    fn an_override_of_a_code_the_layer_lacks_suggests_the_nearest() {
        let by_code = "[layer]\nid = \"share_qq\"\n[[code]]\ncode = 39\noverride = true\nmessage.en = \"x\"\n";
        let (_, problems) = extended(&[("data/share_qq.toml", by_code)]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with(
                "data/share_qq.toml:4:8: `override = true` on code 39, which the bundled layer `share_qq` does \
                 not have; did you mean code 38 (`"
            ),
            "{}",
            problems[0]
        );
        let digits = "[layer]\nid = \"share_qq\"\n[[code]]\ncode = 10030\noverride = true\nmessage.en = \"x\"\n";
        let (_, problems) = extended(&[("data/share_qq.toml", digits)]);
        assert!(problems[0].contains("did you mean code 100030 (`HeartRecipientNotFriend`)?"), "{}", problems[0]);
        let by_name = "[layer]\nid = \"share_qq\"\n[[code]]\ncode = 39\noverride = true\nname = \"DailyShareLimt\"\nmessage.en = \"x\"\n";
        let (_, problems) = extended(&[("data/share_qq.toml", by_name)]);
        assert!(problems[0].contains("did you mean code 30 (`DailyShareLimit`)?"), "{}", problems[0]);
    }

    #[test]
    fn an_override_keeps_the_name_and_must_change_something() {
        let renamed = "[layer]\nid = \"share_qq\"\n[[code]]\ncode = 30\noverride = true\nname = \"TooManyShares\"\naction = \"ignore\"\n";
        let (catalog, problems) = extended(&[("data/share_qq.toml", renamed)]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with("data/share_qq.toml:6:8: an override keeps the variant's name"),
            "{problems:?}"
        );
        assert!(problems[0].contains("write `name = \"DailyShareLimit\"`"), "{problems:?}");
        assert_eq!(entry(&catalog, "share_qq", 30).action, Action::UserLimit);

        let same_name = "[layer]\nid = \"share_qq\"\n[[code]]\ncode = 30\noverride = true\nname = \"DailyShareLimit\"\naction = \"ignore\"\n";
        let (catalog, problems) = extended(&[("data/share_qq.toml", same_name)]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(entry(&catalog, "share_qq", 30).action, Action::Ignore);

        let nothing = "[layer]\nid = \"share_qq\"\n[[code]]\ncode = 30\noverride = true\naction = \"user_limit\"\nmessage.zh = \"超出了用户当天分享的次数，明天再来\"\n";
        let (_, problems) = extended(&[("data/share_qq.toml", nothing)]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with(
                "data/share_qq.toml:3:1: this override of `share_qq` code 30 `DailyShareLimit` changes nothing"
            ),
            "{problems:?}"
        );
    }

    #[test]
    fn the_rules_of_the_catalog_hold_for_the_layers_a_file_extends() {
        let file = "[layer]\nid = \"share_qq\"\n[[code]]\ncode = 100031\nname = \"DailyShareLimit\"\naction = \"ignore\"\nmessage.en = \"x\"\n[[code]]\ncode = 30\noverride = true\nadvice.zh = \"只有中文\"\nadvice.en = \"\"\n";
        let (_, problems) = extended(&[("data/share_qq.toml", file)]);
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("data/share_qq.toml:5:8: duplicate name `DailyShareLimit` in layer `share_qq`")),
            "{problems:#?}"
        );
        assert!(
            problems.iter().any(|p| p.starts_with("data/share_qq.toml:12:13: `advice.en` is empty")),
            "{problems:#?}"
        );
        let access = "[layer]\nid = \"access\"\n[[code]]\ncode = -306\noverride = true\nadvice.zh = \"稍后重试\"\n";
        let (_, problems) = extended(&[("data/access.toml", access)]);
        assert_eq!(problems, ["data/access.toml:3:1: code `WechatPlatformTimeout` has advice but no `advice.en`"]);
    }

    #[test]
    fn every_problem_of_every_file_is_reported_at_once() {
        let extension = r#"[layer]
id = "share_qq"
title.en = "Mine"

[[code]]
code = 30
name = "Again"
action = "ignore"
message.en = "x"

[[code]]
code = 2
override = true
note.en = "first"

[[code]]
code = 2
override = true
note.en = "second"

[[code]]
code = [2, 7]
override = true
note.en = "two entries"
"#;
        let (_, problems) = extended(&[
            ("data/a.toml", extension),
            ("data/b.toml", "[layer]\nid = \"share_qq\"\n"),
            ("data/c.toml", NEW_LAYER.replace("-9001", "-9001\noverride = true").as_str()),
        ]);
        let at: Vec<&str> = problems.iter().map(|p| p.split(": ").next().unwrap()).collect();
        // title; code 30 without override; 2 overridden twice; [2, 7] spans two entries; b.toml
        // extends the layer a.toml extends; c.toml overrides in a new layer.
        assert_eq!(
            at,
            [
                "data/a.toml:3:1",
                "data/a.toml:6:8",
                "data/a.toml:16:1",
                "data/a.toml:22:8",
                "data/b.toml:2:6",
                "data/c.toml:9:12"
            ],
            "{problems:#?}"
        );
    }
}
