//! The plain model every other step works on: a catalog of layers, each a table of entries.
//!
//! `Locale`, `Action` and `Channel` are the runtime's own types, from msdk-codes-vocab, which the
//! generator and msdk-codes-core share.

pub use msdk_codes_vocab::{Action, Channel, Locale};

/// One text in each locale that has it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Texts {
    by_locale: [Option<String>; 4],
}

impl Texts {
    /// The text in `locale`, if the data gives it.
    pub fn get(&self, locale: Locale) -> Option<&str> {
        self.by_locale[locale.index()].as_deref()
    }

    /// Sets the text in `locale`.
    pub fn set(&mut self, locale: Locale, text: String) {
        self.by_locale[locale.index()] = Some(text);
    }

    /// Whether no locale has a text.
    pub fn is_empty(&self) -> bool {
        self.by_locale.iter().all(Option::is_none)
    }

    /// The locales that have a text, in `Locale::ALL` order.
    pub fn locales(&self) -> impl Iterator<Item = Locale> + '_ {
        Locale::ALL.into_iter().filter(|&locale| self.get(locale).is_some())
    }

    /// The text in `locale`, else the English one.
    pub fn get_or_en(&self, locale: Locale) -> Option<&str> {
        self.get(locale).or_else(|| self.get(Locale::En))
    }
}

/// Where an item was written: a file of the [`crate::source::Sources`] and a byte range in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The index of the file in its `Sources`.
    pub file: usize,
    /// The bytes of the item in that file.
    pub span: std::ops::Range<usize>,
}

/// The fields of an item whose value could not be read as written. Each was reported where it
/// was written, and stands in the model with a placeholder (no text, no code, `contact_support`)
/// so that the item is still generated; the later checks leave these fields alone, so that one
/// mistake is reported once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unread {
    fields: Vec<&'static str>,
}

impl Unread {
    /// The key of the field, or [`Unread::FILE`] for the whole file.
    pub fn mark(&mut self, field: &'static str) {
        if !self.fields.contains(&field) {
            self.fields.push(field);
        }
    }

    /// Whether `field`, or the whole file, could not be read.
    pub fn has(&self, field: &str) -> bool {
        self.fields.iter().any(|unread| *unread == field || *unread == Unread::FILE)
    }

    /// Whether every field was read.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// A file with TOML syntax errors: what could be recovered of it is generated, nothing of it
    /// is checked further.
    pub const FILE: &'static str = "<file>";
    /// A `[[code]]` or `[[range]]` of the layer was left out: its name or bounds were unreadable.
    pub const ITEMS: &'static str = "<items>";
}

/// One row of a table: a code (or several codes that the documents give one meaning).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The first is the code `code()` returns; empty only when `code` was unreadable (reported).
    pub codes: Vec<i32>,
    /// The UpperCamelCase name of the variant.
    pub name: String,
    /// What a caller should do about the code.
    pub action: Action,
    /// What the code means.
    pub message: Texts,
    /// How to fix it, when the documents say.
    pub advice: Texts,
    /// What the FAQ says about the code, and why the action departs from the advice where it does.
    pub note: Texts,
    /// The locales whose texts this project wrote because no document has them.
    pub translated: Vec<Locale>,
    /// `msg_contains`: texts of the server's `msg` that pick this entry over another table's
    /// entry of the same code in the same channel; empty when the data gives none.
    pub msg_contains: Vec<String>,
    /// `decode_in_only = true`: the entry is meant to be reached only by `decode_in` (or
    /// `DecodeLayer::via`) with its layer, because a table that plain decoding searches first has
    /// its code (see `validate::plain_decoding_reaches`).
    pub decode_in_only: bool,
    /// The `[[code]]` table.
    pub location: Location,
    /// The `code` value (the table when it has none).
    pub code_location: Location,
    /// The `name` value.
    pub name_location: Location,
    /// The fields that could not be read (reported).
    pub unread: Unread,
}

impl Entry {
    /// The first code; 0 for an entry whose `code` was unreadable (reported).
    pub fn code(&self) -> i32 {
        self.codes.first().copied().unwrap_or(0)
    }
}

/// A documented numeric range ("-100 to -999 belong to system-class errors").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeRange {
    /// The lower bound, inclusive.
    pub low: i32,
    /// The upper bound, inclusive.
    pub high: i32,
    /// The name of the range, for the generated docs.
    pub name: String,
    /// What the codes of the range mean.
    pub message: Texts,
    /// The locales whose message is a translation of the English one.
    pub translated: Vec<Locale>,
    /// The `[[range]]` table.
    pub location: Location,
    /// The `name` value.
    pub name_location: Location,
    /// The fields that could not be read (reported).
    pub unread: Unread,
}

/// One table of codes, read from one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layer {
    /// The snake_case id, such as `access`.
    pub id: String,
    /// The layer's title in each locale.
    pub title: Texts,
    /// Where a response carries the layer's codes.
    pub channel: Channel,
    /// The documented ranges of codes.
    pub ranges: Vec<CodeRange>,
    /// The codes.
    pub entries: Vec<Entry>,
    /// The `[layer]` table.
    pub location: Location,
    /// The `id` value.
    pub id_location: Location,
    /// The fields that could not be read (reported).
    pub unread: Unread,
}

/// Every layer that was read, in a deterministic order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalog {
    /// The layers, in the order of the files (sorted by path; the bundled ones in the documents' order).
    pub layers: Vec<Layer>,
}

impl Catalog {
    /// The layer whose id is `id`.
    pub fn layer(&self, id: &str) -> Option<&Layer> {
        self.layers.iter().find(|layer| layer.id == id)
    }
}

/// One team file of `extend = "..."`, as read: what it adds to the bundled catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Addition {
    /// A file whose `[layer] id` the bundled catalog lacks: a whole new layer.
    Layer(Layer),
    /// A file whose `[layer] id` is a bundled layer's: more of that layer.
    Extension(Extension),
}

/// What a team file adds to a bundled layer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extension {
    /// The bundled layer's id.
    pub id: String,
    /// Codes the layer does not have yet, in the catalog's schema.
    pub entries: Vec<Entry>,
    /// Ranges to add to the layer's.
    pub ranges: Vec<CodeRange>,
    /// `override = true` entries: new values for fields of existing entries.
    pub overrides: Vec<Override>,
    /// The `[layer]` table.
    pub location: Location,
    /// The `id` value.
    pub id_location: Location,
}

/// An `override = true` entry: the fields it gives replace the catalog's, per locale for texts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Override {
    /// Codes of the entry it overrides; never empty.
    pub codes: Vec<i32>,
    /// `name`, when given: it must be the entry's.
    pub name: Option<(String, Location)>,
    /// `action`, when given.
    pub action: Option<Action>,
    /// The message in each locale given.
    pub message: Texts,
    /// The advice in each locale given.
    pub advice: Texts,
    /// The note in each locale given.
    pub note: Texts,
    /// `msg_contains`, when given: it replaces the entry's list.
    pub msg_contains: Option<Vec<String>>,
    /// The `[[code]]` table.
    pub location: Location,
    /// The `code` value.
    pub code_location: Location,
}

/// `access` -> `Access`, `oidb_pay_token` -> `OidbPayToken`.
pub fn upper_camel(id: &str) -> String {
    id.split('_')
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            first.into_iter().chain(chars).collect::<String>()
        })
        .collect()
}

/// `AppidNoPermission` -> `appid_no_permission`, `HTTPBodyNull` -> `http_body_null`; digits stay
/// with the word before them (`InternalError307` -> `internal_error307`), as heck does.
pub fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    let mut chars = name.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        if let Some(prev) = prev.filter(|_| c.is_ascii_uppercase()) {
            let next_is_lower = chars.peek().is_some_and(char::is_ascii_lowercase);
            if prev.is_ascii_lowercase() || prev.is_ascii_digit() || (prev.is_ascii_uppercase() && next_is_lower) {
                out.push('_');
            }
        }
        out.push(c.to_ascii_lowercase());
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_conversions() {
        assert_eq!(upper_camel("oidb_pay_token"), "OidbPayToken");
        assert_eq!(upper_camel("access"), "Access");
        assert_eq!(snake_case("AppidNoPermission"), "appid_no_permission");
        assert_eq!(snake_case("HTTPBodyNull"), "http_body_null");
        assert_eq!(snake_case("InternalError307"), "internal_error307");
        assert_eq!(snake_case("Success"), "success");
        assert_eq!(snake_case("Oauth2Token"), "oauth2_token");
        assert_eq!(snake_case("IDs"), "i_ds");
        assert_eq!(snake_case("A"), "a");
        assert_eq!(snake_case(""), "");
        assert_eq!(snake_case("ÉtéX"), "Étéx");
    }
}
