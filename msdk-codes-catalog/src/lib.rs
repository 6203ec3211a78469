//! The catalog of msdk-codes as data: its model, the bundled catalog compiled in, and the one
//! pipeline that reads data files, validates them, merges a team's files into the bundled
//! catalog and checks the names generated from them. The macro, the tools and the benchmarks
//! all call [`load`], so the same files give the same problems everywhere. Not a public API:
//! use `msdk-codes-core`.

#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod bundled;
pub mod diagnostics;
#[cfg(feature = "toml")]
pub mod extend;
#[cfg(feature = "toml")]
pub mod fallback;
pub mod model;
pub mod names;
#[cfg(feature = "toml")]
pub mod parse;
pub mod source;
pub mod validate;

use crate::diagnostics::DataProblems;
use crate::model::{Catalog, Layer, Locale};
use crate::source::{Positions, Sources};
use crate::validate::Missing;

/// Where a catalog comes from: the three ways the macro can be given data.
#[derive(Clone, Debug)]
pub enum Source {
    /// The catalog bundled with msdk-codes (`msdk_errors!()`): precompiled, checked by its tests.
    Bundled,
    /// A team's files instead of it (`msdk_errors!("data/*.toml")`). Files are read in the
    /// order given, which locations and messages follow: the macro sorts a glob's files by path
    /// ([`Sources::read_glob`]), and so should a tool that checks files for it ([`Sources::sort`]).
    #[cfg(feature = "toml")]
    Replacing(Sources),
    /// A team's files extending it (`msdk_errors!(extend = "data/*.toml")`).
    #[cfg(feature = "toml")]
    Extending(Sources),
}

/// What the catalog is held to besides its own rules: the translations of the locales compiled
/// in, in the layers that are generated.
#[derive(Clone, Debug)]
pub struct Checks {
    /// The locales whose strings are compiled in.
    pub locales: Vec<Locale>,
    /// What a missing translation of one of them is.
    pub missing: Missing,
    /// The ids of the layers generated (`layers = [...]`); `None`: every layer. Ids of no layer
    /// are ignored here (the macro reports them at its argument).
    pub layers: Option<Vec<String>>,
}

impl Default for Checks {
    /// The macro's defaults: all four locales, a missing translation an error, every layer.
    fn default() -> Checks {
        Checks { locales: Locale::ALL.to_vec(), missing: Missing::Error, layers: None }
    }
}

/// A catalog as read, with every problem found in it.
#[derive(Debug)]
pub struct Loaded {
    /// What can be generated: when there are problems, the layers, entries and ranges that
    /// still make valid Rust, so that code naming them compiles once the problems are fixed.
    pub catalog: Catalog,
    /// The files read, in the order locations refer to them (the bundled files first with
    /// `extend`).
    pub sources: Sources,
    /// Every problem, located in `sources`.
    pub problems: DataProblems,
    /// The ids of the layers read that cannot be generated (their problems are in `problems`):
    /// `layers = [...]` may name them without a second error.
    pub unusable: Vec<String>,
    /// The index in `sources` of the first file of a team: 0 for a team's own catalog, past
    /// the bundled files with `extend`, past the end for the bundled catalog.
    first_team_file: usize,
    /// The lines of `sources`, indexed once for every location described.
    positions: Positions,
}

impl Loaded {
    /// No catalog at all: what a build that cannot read the team's files has.
    pub fn empty() -> Loaded {
        Loaded {
            catalog: Catalog::default(),
            sources: Sources::default(),
            problems: DataProblems::default(),
            unusable: Vec::new(),
            first_team_file: 0,
            positions: Positions::default(),
        }
    }

    /// Every problem as a `path:line:column: message` line, in file and position order, the
    /// first [`diagnostics::SHOWN_PROBLEMS`] and then a line that counts the rest; empty when
    /// the files are accepted.
    pub fn messages(&self) -> Vec<String> {
        self.problems.render_with(&self.sources, &self.positions)
    }

    /// `path:line:column` of a location in `sources` (see [`Sources::describe`]), the files'
    /// lines indexed once for every call.
    pub fn describe(&self, location: &model::Location) -> String {
        self.positions.describe(&self.sources, location)
    }

    /// Whether a layer is a team's own or holds an item of a team's file (every layer of a
    /// team's own catalog; none of the bundled one).
    pub fn is_team_layer(&self, layer: &Layer) -> bool {
        changed_by_team(self.first_team_file, layer)
    }

    /// Whether an item located at `location` was written in a team's file.
    pub fn is_team_item(&self, location: &model::Location) -> bool {
        location.file >= self.first_team_file
    }
}

/// Reads, validates and checks the names of a catalog: the whole data pipeline, in one call.
/// Never panics on bad input: every problem is collected in [`Loaded::problems`].
pub fn load(source: Source, checks: &Checks) -> Loaded {
    let mut problems = DataProblems::default();
    let (sources, kind) = files(source);
    let first_team_file = match kind {
        Kind::Bundled => sources.files.len(),
        #[cfg(feature = "toml")]
        Kind::Replacing => 0,
        #[cfg(feature = "toml")]
        Kind::Extending => Sources::bundled_count(),
    };
    let positions = sources.positions();
    let describe = |location: &model::Location| positions.describe(&sources, location);
    let catalog = read(&sources, kind, &describe, &mut problems);
    #[cfg(feature = "toml")]
    let (catalog, unusable) = if first_team_file < sources.files.len() {
        generable(catalog, &describe, &mut problems)
    } else {
        (catalog, Vec::new())
    };
    #[cfg(not(feature = "toml"))]
    let unusable = Vec::new();
    // Every layer generated is held to the locales, and so is every layer a team wrote, selected
    // or not: a data file compiles in one expansion exactly when it compiles in another with the
    // same locales. The bundled layers a team file left alone are complete, as tests/bundled.rs
    // checks.
    let held = catalog.layers.iter().filter(|layer| {
        changed_by_team(first_team_file, layer) || checks.layers.as_ref().is_none_or(|ids| ids.contains(&layer.id))
    });
    validate::translations_are_complete(held, &checks.locales, checks.missing, &mut problems);
    #[cfg(feature = "toml")]
    if first_team_file < sources.files.len() {
        // Which layer decoding finds a code in first depends on the layers generated.
        let generated: Vec<&Layer> = catalog
            .layers
            .iter()
            .filter(|layer| checks.layers.as_ref().is_none_or(|ids| ids.contains(&layer.id)))
            .collect();
        let written_by_team = |entry: &model::Entry| entry.location.file >= first_team_file;
        validate::plain_decoding_reaches(&generated, &written_by_team, &mut problems);
    }
    Loaded { catalog, sources, problems, unusable, first_team_file, positions }
}

/// Which of the [`Source`]s the files are.
#[derive(Clone, Copy)]
enum Kind {
    Bundled,
    #[cfg(feature = "toml")]
    Replacing,
    #[cfg(feature = "toml")]
    Extending,
}

/// The files of a source: the bundled files first with `extend`.
fn files(source: Source) -> (Sources, Kind) {
    match source {
        Source::Bundled => (Sources::bundled(), Kind::Bundled),
        #[cfg(feature = "toml")]
        Source::Replacing(files) => (files, Kind::Replacing),
        #[cfg(feature = "toml")]
        Source::Extending(files) => (Sources::bundled_and(files), Kind::Extending),
    }
}

/// The catalog the files make, validated.
#[cfg_attr(not(feature = "toml"), allow(unused_variables))]
fn read(
    sources: &Sources,
    kind: Kind,
    describe: &dyn Fn(&model::Location) -> String,
    problems: &mut DataProblems,
) -> Catalog {
    match kind {
        // Held to every rule by tests/bundled.rs: nothing to parse, no problems, and its
        // generated names checked too.
        Kind::Bundled => bundled::catalog(),
        #[cfg(feature = "toml")]
        Kind::Replacing => {
            let catalog = parse::load(sources, problems);
            validate::validate(&catalog, problems);
            catalog
        }
        #[cfg(feature = "toml")]
        Kind::Extending => {
            let base = bundled::catalog();
            let first = Sources::bundled_count();
            let additions = parse::load_additions(sources, first..sources.files.len(), &base, problems);
            let catalog = extend::merge(base, additions, describe, problems);
            validate::validate_changed(&catalog, &|layer| changed_by_team(first, layer), problems);
            catalog
        }
    }
}

/// What of a team's catalog can be generated: with problems, what still makes valid Rust; and
/// only names that clash with none. Returns the ids of the layers left out.
#[cfg(feature = "toml")]
fn generable(
    catalog: Catalog,
    describe: &dyn Fn(&model::Location) -> String,
    problems: &mut DataProblems,
) -> (Catalog, Vec<String>) {
    let (catalog, mut unusable) = if problems.is_empty() { (catalog, Vec::new()) } else { fallback::sanitize(catalog) };
    let dropped = names::check(&catalog, describe, problems);
    let (catalog, dropped_layers) = names::without(catalog, &dropped);
    unusable.extend(dropped_layers);
    (catalog, unusable)
}

/// Whether a layer is new or holds an item of a team file: a bundled layer is untouched when
/// every item of it is still located in its bundled file.
fn changed_by_team(first_team_file: usize, layer: &Layer) -> bool {
    layer.location.file >= first_team_file
        || layer.entries.iter().any(|entry| entry.location.file != layer.location.file)
        || layer.ranges.iter().any(|range| range.location.file != layer.location.file)
}

#[cfg(all(test, feature = "toml"))]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> Sources {
        Sources::in_memory([(path, text)])
    }

    /// How the files would be given to the macro.
    #[derive(Clone, Copy)]
    enum Use {
        Replace,
        Extend,
    }

    /// The problems of `files` given as `used`, with the strings of `locales` compiled in.
    fn check(files: Sources, used: Use, locales: &[Locale], missing: Missing) -> Vec<String> {
        let source = match used {
            Use::Replace => Source::Replacing(files),
            Use::Extend => Source::Extending(files),
        };
        load(source, &Checks { locales: locales.to_vec(), missing, layers: None }).messages()
    }

    const TEAM: &str = "[layer]\nid = \"team\"\ntitle.en = \"Team\"\nchannel = \"ret\"\n\n\
                        [[code]]\ncode = -1\nname = \"Failed\"\naction = \"retry\"\nmessage.en = \"Failed\"\n";

    #[test]
    fn a_valid_file_has_no_problems_with_the_locales_it_has() {
        assert_eq!(check(file("team.toml", TEAM), Use::Replace, &[Locale::En], Missing::Error), Vec::<String>::new());
        assert_eq!(
            check(file("team.toml", TEAM), Use::Extend, &Locale::ALL, Missing::FallbackEn),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_misspelled_required_key_is_one_problem_at_the_key() {
        let bad = TEAM.replace("message.en", "mesage.en");
        let problems = check(file("team.toml", &bad), Use::Replace, &[Locale::En], Missing::Error);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("unknown key `mesage` in [[code]]; did you mean `message`?"), "{problems:?}");
    }

    #[test]
    fn every_problem_is_located_and_missing_translations_follow_the_locales() {
        let bad = TEAM.replace("\"retry\"", "\"retyr\"").replace("code = -1", "code = -1\ncolour = 3");
        let problems = check(file("data/team.toml", &bad), Use::Replace, &[Locale::En], Missing::Error);
        assert_eq!(
            problems,
            [
                "data/team.toml:8:1: unknown key `colour` in [[code]]; expected one of `code`, `name`, `action`, \
                 `message`, `advice`, `note`, `translated`, `msg_contains`, `decode_in_only`, `override`",
                "data/team.toml:10:10: unknown action `retyr`; did you mean `retry`?",
            ]
        );
        let untranslated = check(file("team.toml", TEAM), Use::Replace, &[Locale::En, Locale::Ja], Missing::Error);
        assert_eq!(untranslated.len(), 2, "{untranslated:?}");
        assert!(untranslated[0].starts_with("team.toml:1:1: layer `team` has no `title.ja`"), "{untranslated:?}");
    }

    #[test]
    fn extending_checks_against_the_bundled_catalog() {
        let text = "[layer]\nid = \"access\"\n\n[[code]]\ncode = -503\nname = \"Again\"\naction = \"retry\"\n\
                    message.en = \"Again\"\n";
        let problems = check(file("access.toml", text), Use::Extend, &[Locale::En], Missing::Error);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with("access.toml:5:8: code -503 is already `access` `FrequencyLimit`"));
    }

    #[test]
    fn a_draft_is_refused_until_every_marker_is_filled() {
        let draft = "[layer]\nid = \"qq_platform\"\n\n[[code]]\ncode = -99999\nname = \"TODONameMinus99999\"\n\
                     action = \"TODO\"\nmessage.en = \"something new\"\nmessage.zh = \"TODO\"\n";
        let problems = check(file("qq_platform.toml", draft), Use::Extend, &[Locale::En, Locale::Zh], Missing::Error);
        assert_eq!(
            problems,
            [
                "qq_platform.toml:4:1: code -99999 `message.zh` is a draft's marker: write the text, or remove the key",
                "qq_platform.toml:6:8: code -99999 is named `TODONameMinus99999`, a draft's marker: name it in \
                 UpperCamelCase, the subject first, such as `AppidNoPermission`",
                "qq_platform.toml:7:10: `action` is a draft's marker: choose one of `ignore`, `retry`, `backoff`, \
                 `reauthorize`, `refresh_token`, `fix_request`, `fix_config`, `user_limit`, `contact_support`",
            ]
        );
        let filled = draft
            .replace("TODONameMinus99999", "NewThing")
            .replace("action = \"TODO\"", "action = \"retry\"")
            .replace("\"TODO\"", "\"新情况\"");
        assert_eq!(
            check(file("qq_platform.toml", &filled), Use::Extend, &[Locale::En, Locale::Zh], Missing::Error),
            Vec::<String>::new()
        );
    }
}
