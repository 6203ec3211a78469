//! Checking data files outside a build (`msdk-lookup check`): the steps of the macro's data
//! pipeline in its order, with its rules, so that a file passes here exactly when the macro
//! accepts it, and fails with the macro's messages.

use crate::diagnostics::DataProblems;
use crate::model::Locale;
use crate::source::Sources;
use crate::validate::Missing;
use crate::{fallback, load_catalog, load_extended, names, validate};

/// How the files would be given to the macro.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Use {
    /// `msdk_errors!("data/*.toml")`: the files are the whole catalog.
    Replace,
    /// `msdk_errors!(extend = "data/*.toml")`: the bundled catalog plus the files.
    Extend,
}

/// Every problem the macro would report for `files` (read as it reads a glob's files, sorted by
/// their path) given as `used`, with the strings of `locales` compiled in and `missing` as its
/// policy for missing translations: `path:line:column: message` lines, in the macro's order.
/// Empty when the macro accepts the files.
pub fn check(mut files: Sources, used: Use, locales: &[Locale], missing: Missing) -> Vec<String> {
    files.files.sort_by(|a, b| a.display_path.cmp(&b.display_path));
    let mut problems = DataProblems::default();
    let (sources, catalog) = match used {
        Use::Replace => {
            let catalog = load_catalog(&files, &mut problems);
            (files, catalog)
        }
        Use::Extend => {
            let sources = Sources::bundled_and(files);
            let catalog = load_extended(&sources, &mut problems);
            (sources, catalog)
        }
    };
    let catalog = if problems.is_empty() { catalog } else { fallback::sanitize(catalog).0 };
    let dropped = names::check(&catalog, &|location| sources.describe(location), &mut problems);
    let (catalog, _) = names::without(catalog, &dropped);
    // Without `layers = [...]` every layer is selected: all are held to the locales.
    validate::translations_are_complete(catalog.layers.iter(), locales, missing, &mut problems);
    problems.render(&sources)
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::source::SourceFile;

    fn file(path: &str, text: &str) -> Sources {
        let file = SourceFile { display_path: path.to_owned(), absolute_path: None, text: Cow::Owned(text.to_owned()) };
        Sources { files: vec![file] }
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
    fn every_problem_is_located_and_missing_translations_follow_the_locales() {
        let bad = TEAM.replace("\"retry\"", "\"retyr\"").replace("code = -1", "code = -1\ncolour = 3");
        let problems = check(file("data/team.toml", &bad), Use::Replace, &[Locale::En], Missing::Error);
        assert_eq!(
            problems,
            [
                "data/team.toml:8:1: unknown key `colour` in [[code]]; expected one of `code`, `name`, `action`, \
                 `message`, `advice`, `note`, `translated`, `msg_contains`, `override`",
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
        assert!(problems[0].starts_with("access.toml:4:1: code -503 is already `access` `FrequencyLimit`"));
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
