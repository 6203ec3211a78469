//! Rules that look across entries, one function per rule. Shared by the macro and the catalog
//! tests, so a data file the tests accept is one the macro accepts. The rules of a data file are
//! in `rules`, which only a build that reads data files (the `toml` feature) has: the bundled
//! catalog is held to them by its tests.

use crate::diagnostics::DataProblems;
use crate::model::{Layer, Locale};

#[cfg(feature = "toml")]
mod reach;
#[cfg(feature = "toml")]
mod rules;

#[cfg(feature = "toml")]
pub use reach::plain_decoding_reaches;
#[cfg(feature = "toml")]
pub use rules::{validate, validate_changed};

/// What a missing translation of a compiled-in locale is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missing {
    /// A compile error naming the entry (the default: a shipped string should not silently be
    /// English).
    Error,
    /// The English text stands in.
    FallbackEn,
}

/// Every message, advice and title exists in each of `locales`. Run on every layer read, selected
/// or not, so that a data file compiles in one expansion exactly when it compiles in another
/// with the same locales.
pub fn translations_are_complete<'l>(
    layers: impl IntoIterator<Item = &'l Layer>,
    locales: &[Locale],
    missing: Missing,
    problems: &mut DataProblems,
) {
    if missing == Missing::FallbackEn {
        return;
    }
    let hint = "add it, leave the locale out of `locales`, or pass `missing = \"fallback_en\"`";
    for layer in layers {
        // A missing English text is the data rule "English is required", reported once: no
        // argument stands in for it.
        for &locale in locales.iter().filter(|&&locale| locale != Locale::En) {
            if layer.title.get(locale).is_none() && !layer.unread.has("title") {
                problems.push(layer.location.clone(), format!("layer `{}` has no `title.{locale}`; {hint}", layer.id));
            }
            for range in &layer.ranges {
                if range.message.get(locale).is_none() && !range.unread.has("message") {
                    problems.push(
                        range.location.clone(),
                        format!("range `{}` of layer `{}` has no `message.{locale}`; {hint}", range.name, layer.id),
                    );
                }
            }
            for entry in &layer.entries {
                let mut absent = Vec::new();
                if entry.message.get(locale).is_none() && !entry.unread.has("message") {
                    absent.push("message");
                }
                if entry.advice.get(Locale::En).is_some()
                    && entry.advice.get(locale).is_none()
                    && !entry.unread.has("advice")
                {
                    absent.push("advice");
                }
                for field in absent {
                    problems.push(
                        entry.location.clone(),
                        format!(
                            "`{}` code {} `{}` has no `{field}.{locale}`; {hint}",
                            layer.id,
                            entry.code(),
                            entry.name
                        ),
                    );
                }
            }
        }
    }
}

/// What a draft file (`msdk-lookup unknowns --draft`) writes in each field a person must fill:
/// a name, a title or a text that starts with it is refused, so no draft is used unread. (An
/// action that starts with it is refused when the file is read, with the list of actions.)
pub const DRAFT_MARKER: &str = "TODO";
