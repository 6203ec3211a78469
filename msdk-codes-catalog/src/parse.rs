//! Reading one data file into the model: every key checked, every problem located.
//!
//! Only shape is checked here (keys, types, known locales and actions); rules that look at
//! several entries at once live in `validate`.

use std::collections::HashSet;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use crate::diagnostics::{DataProblems, did_you_mean, quoted_list};
use crate::model::{
    Action, Addition, Catalog, Channel, CodeRange, Entry, Extension, Layer, Locale, Location, Override, Texts, Unread,
};
use crate::source::Sources;

type Value<'i> = Spanned<DeValue<'i>>;

const TOP_KEYS: &[&str] = &["layer", "range", "code"];
const LAYER_KEYS: &[&str] = &["id", "title", "channel"];
const RANGE_KEYS: &[&str] = &["start", "end", "name", "message", "translated"];
const CODE_KEYS: &[&str] = &[
    "code",
    "name",
    "action",
    "message",
    "advice",
    "note",
    "translated",
    "msg_contains",
    "decode_in_only",
    "override",
];
/// An `override = true` entry gives new values for an existing entry, found by its code.
const OVERRIDE_KEYS: &[&str] = &["code", "override", "name", "action", "message", "advice", "note", "msg_contains"];

/// Parses every file. A layer whose `[layer] id` could be read is kept whatever else is wrong
/// in its file, with every entry whose name could be read: a mistake is reported where it was
/// written, and the rest of the expansion still names the layer and its codes.
pub fn load(sources: &Sources, problems: &mut DataProblems) -> Catalog {
    let layers = (0..sources.files.len())
        .filter_map(|file| match load_file(sources, file, Mode::Replace, problems) {
            Some(Addition::Layer(layer)) => Some(layer),
            _ => None,
        })
        .collect();
    Catalog { layers }
}

/// `extend`: parses the team files `files` of `sources`, each a new layer or an extension of a
/// layer of `base` (the bundled catalog), kept whatever else is wrong in them, as in [`load`].
pub fn load_additions(
    sources: &Sources,
    files: std::ops::Range<usize>,
    base: &Catalog,
    problems: &mut DataProblems,
) -> Vec<Addition> {
    files.filter_map(|file| load_file(sources, file, Mode::Extend(base), problems)).collect()
}

/// How the files of one expansion are read.
#[derive(Clone, Copy)]
enum Mode<'b> {
    /// A data path given first: each file is a whole layer, and there is nothing to override.
    Replace,
    /// `extend`: a file whose id is a layer of this catalog extends that layer.
    Extend(&'b Catalog),
}

fn load_file(sources: &Sources, file: usize, mode: Mode<'_>, problems: &mut DataProblems) -> Option<Addition> {
    let text = &sources.files[file].text;
    let (document, syntax_errors) = DeTable::parse_recoverable(text);
    if !syntax_errors.is_empty() {
        let mut deep_keys: Option<std::vec::IntoIter<std::ops::Range<usize>>> = None;
        for error in syntax_errors {
            let span = error.span().unwrap_or_else(|| {
                deep_keys.get_or_insert_with(|| deep_keys_of(text).into_iter()).next().unwrap_or(0..0)
            });
            problems.push(Location { file, span }, format!("TOML syntax error: {}", error.message().trim()));
        }
        // What the parser recovered is still generated, so that code naming the layer compiles
        // once the syntax is fixed; what it lacks would only repeat the syntax errors.
        let mut unchecked = DataProblems::default();
        let mut addition = read_document(document.get_ref(), file, mode, &mut unchecked);
        match addition.as_mut() {
            Some(Addition::Layer(layer)) => layer.unread.mark(Unread::FILE),
            Some(Addition::Extension(_)) | None => return None,
        }
        return addition;
    }
    read_document(document.get_ref(), file, mode, problems)
}

/// Where the syntax errors the parser gives no position for most likely are, in order. The one
/// such error is its limit on the parts of a dotted key (`a.b.c...`, 80 parts): the lines that
/// hold a key or a table header of that many, each from its first character. Errors past the
/// last such line are put at the start of the file.
fn deep_keys_of(text: &str) -> Vec<std::ops::Range<usize>> {
    const KEY_PARTS: usize = 80;
    let mut found = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        if line.split('=').any(|key| key.matches('.').count() + 1 >= KEY_PARTS) {
            let indent = line.len() - line.trim_start().len();
            found.push(start + indent..start + line.trim_end().len());
        }
        start += line.len();
    }
    found
}

fn read_document(top: &DeTable<'_>, file: usize, mode: Mode<'_>, problems: &mut DataProblems) -> Option<Addition> {
    let mut reader = Reader { file, problems, suggested: Vec::new() };
    let document_location = reader.at(0..0);
    reader.check_keys(top, TOP_KEYS, "the file");

    let layer_value = find(top, "layer");
    let written_id = layer_value.and_then(|v| v.get_ref().as_table()).and_then(|t| find(t, "id"));
    let extended = match mode {
        Mode::Extend(base) => written_id.and_then(|id| id.get_ref().as_str()).and_then(|id| base.layer(id)),
        Mode::Replace => None,
    };
    // Whether a `[[range]]` or `[[code]]` written in the file is left out of the layer (its
    // problem reported): the layer is then not "without codes".
    let mut left_out = false;
    let range_tables = reader.items(find(top, "range"), "range", &mut left_out);
    let mut ranges = Vec::new();
    for table in range_tables {
        match reader.range(table) {
            Some(range) => ranges.push(range),
            None => left_out = true,
        }
    }
    let code_tables = reader.items(find(top, "code"), "code", &mut left_out);

    if let (Some(bundled), Some(value)) = (extended, layer_value) {
        let (id_location, location) = reader.extension_header(value, bundled)?;
        let mut entries = Vec::new();
        let mut overrides = Vec::new();
        for table in code_tables {
            match reader.override_flag(table) {
                Some(true) => overrides.extend(reader.override_entry(table)),
                Some(false) => entries.extend(reader.entry(table)),
                None => {}
            }
        }
        return Some(Addition::Extension(Extension {
            id: bundled.id.clone(),
            entries,
            ranges,
            overrides,
            location,
            id_location,
        }));
    }

    let mut layer = match layer_value {
        Some(value) => reader.layer(value),
        None => {
            let what = match mode {
                Mode::Replace => "missing [layer] table (with id, title and channel)",
                Mode::Extend(_) => {
                    "missing [layer] table: with id, title and channel for a new layer, or only the id of \
                     the bundled layer this file extends"
                }
            };
            reader.problem(document_location.clone(), what);
            None
        }
    };
    let mut entries = Vec::new();
    for table in code_tables {
        match reader.override_flag(table) {
            Some(true) => {
                reader.misplaced_override(table, layer.as_ref().map(|l| l.id.as_str()), mode);
                left_out = true;
            }
            Some(false) => match reader.entry(table) {
                Some(entry) => entries.push(entry),
                None => left_out = true,
            },
            None => left_out = true,
        }
    }
    if let Some(layer) = layer.as_mut() {
        layer.ranges = ranges;
        layer.entries = entries;
        if left_out {
            layer.unread.mark(Unread::ITEMS);
        }
    }
    layer.map(Addition::Layer)
}

fn find<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a Value<'i>> {
    table.iter().find(|(k, _)| k.get_ref() == key).map(|(_, v)| v)
}

struct Reader<'p> {
    file: usize,
    problems: &'p mut DataProblems,
    /// The keys that the last table's misspelled keys were reported as close to: such a key, if
    /// required, is not reported missing too, since the misspelling is the one mistake.
    suggested: Vec<&'static str>,
}

impl Reader<'_> {
    fn at(&self, span: std::ops::Range<usize>) -> Location {
        Location { file: self.file, span }
    }

    fn problem(&mut self, location: Location, message: impl Into<String>) {
        self.problems.push(location, message);
    }

    fn check_keys(&mut self, table: &DeTable<'_>, allowed: &[&'static str], context: &str) {
        self.suggested.clear();
        for (key, _) in table.iter() {
            let name: &str = key.get_ref();
            if !allowed.contains(&name) {
                let hint = match did_you_mean(name, allowed.iter().copied()) {
                    Some(near) => {
                        if let Some(known) = allowed.iter().find(|known| **known == near) {
                            self.suggested.push(known);
                        }
                        format!("did you mean `{near}`?")
                    }
                    None => format!("expected one of {}", quoted_list(allowed.iter().copied())),
                };
                self.problem(self.at(key.span()), format!("unknown key `{name}` in {context}; {hint}"));
            }
        }
    }

    fn table<'a, 'i>(&mut self, value: &'a Value<'i>, what: &str) -> Option<&'a DeTable<'i>> {
        match value.get_ref() {
            DeValue::Table(table) => Some(table),
            other => {
                let found = other.type_str();
                self.problem(self.at(value.span()), format!("`{what}` must be a table, found {found}"));
                None
            }
        }
    }

    /// The tables of `[[what]]`, if the file has any; `left_out` is set when some could not be
    /// read as tables (reported).
    fn items<'a, 'i>(&mut self, value: Option<&'a Value<'i>>, what: &str, left_out: &mut bool) -> Vec<&'a Value<'i>> {
        let Some(value) = value else { return Vec::new() };
        let written = value.get_ref().as_array().map_or(1, |array| array.len());
        let tables = self.array_of_tables(value, what).unwrap_or_default();
        if tables.len() != written {
            *left_out = true;
        }
        tables
    }

    fn array_of_tables<'a, 'i>(&mut self, value: &'a Value<'i>, what: &str) -> Option<Vec<&'a Value<'i>>> {
        let array: &DeArray<'i> = match value.get_ref() {
            DeValue::Array(array) => array,
            _ => {
                self.problem(self.at(value.span()), format!("`{what}` must be written as [[{what}]] tables"));
                return None;
            }
        };
        let mut tables = Vec::new();
        for item in array.iter() {
            if item.get_ref().is_table() {
                tables.push(item);
            } else {
                self.problem(self.at(item.span()), format!("each `{what}` must be a [[{what}]] table"));
            }
        }
        Some(tables)
    }

    fn string(&mut self, value: &Value<'_>, what: &str) -> Option<String> {
        match value.get_ref().as_str() {
            Some(text) => Some(text.to_owned()),
            None => {
                let found = value.get_ref().type_str();
                self.problem(self.at(value.span()), format!("`{what}` must be a string, found {found}"));
                None
            }
        }
    }

    /// A `true` or `false`; anything else is a problem, read as `false`.
    fn boolean(&mut self, value: &Value<'_>, what: &str) -> bool {
        match value.get_ref() {
            DeValue::Boolean(flag) => *flag,
            other => {
                let found = other.type_str();
                self.problem(self.at(value.span()), format!("`{what}` must be true or false, found {found}"));
                false
            }
        }
    }

    fn required<'a, 'i>(&mut self, table: &'a Value<'i>, key: &str, context: &str) -> Option<&'a Value<'i>> {
        let found = table.get_ref().as_table().and_then(|t| find(t, key));
        if found.is_none() && !self.suggested.contains(&key) {
            self.problem(self.at(table.span()), format!("{context} is missing `{key}`"));
        }
        found
    }

    fn integer(&mut self, value: &Value<'_>, what: &str) -> Option<i32> {
        let Some(integer) = value.get_ref().as_integer() else {
            let found = value.get_ref().type_str();
            self.problem(self.at(value.span()), format!("`{what}` must be an integer, found {found}"));
            return None;
        };
        let parsed =
            i64::from_str_radix(integer.as_str(), integer.radix()).ok().and_then(|wide| i32::try_from(wide).ok());
        if parsed.is_none() {
            self.problem(
                self.at(value.span()),
                format!("`{what}` {integer} does not fit a 32-bit signed integer (i32), as MSDK codes do"),
            );
        }
        parsed
    }

    fn codes(&mut self, value: &Value<'_>) -> Option<Vec<i32>> {
        match value.get_ref() {
            DeValue::Integer(_) => self.integer(value, "code").map(|code| vec![code]),
            DeValue::Array(array) => {
                if array.is_empty() {
                    self.problem(self.at(value.span()), "`code` lists no code; give at least one");
                    return None;
                }
                let codes: Vec<Option<i32>> = array.iter().map(|item| self.integer(item, "code")).collect();
                codes.into_iter().collect()
            }
            other => {
                let found = other.type_str();
                self.problem(
                    self.at(value.span()),
                    format!("`code` must be an integer or a list of integers, found {found}"),
                );
                None
            }
        }
    }

    fn locale_key(&mut self, key: &Spanned<std::borrow::Cow<'_, str>>, what: &str) -> Option<Locale> {
        let tag: &str = key.get_ref();
        let locale = Locale::from_tag(tag);
        if locale.is_none() {
            self.problem(
                self.at(key.span()),
                format!("unknown locale `{tag}` in `{what}`; expected one of `en`, `zh`, `ja`, `ko`"),
            );
        }
        locale
    }

    /// `message.en = "..."` and friends: a table from locale tag to non-empty text.
    fn texts(&mut self, value: &Value<'_>, what: &str) -> Texts {
        let mut texts = Texts::default();
        let Some(table) = self.table(value, what) else {
            return texts;
        };
        for (key, text) in table.iter() {
            let Some(locale) = self.locale_key(key, what) else { continue };
            let Some(string) = self.string(text, &format!("{what}.{}", locale.tag())) else { continue };
            let trimmed = string.trim();
            if trimmed.is_empty() {
                self.problem(
                    self.at(text.span()),
                    format!("`{what}.{locale}` is empty; write the text or remove the key"),
                );
                continue;
            }
            texts.set(locale, trimmed.to_owned());
        }
        texts
    }

    fn translated(&mut self, value: Option<&Value<'_>>) -> Vec<Locale> {
        let Some(value) = value else { return Vec::new() };
        let DeValue::Array(array) = value.get_ref() else {
            self.problem(self.at(value.span()), "`translated` must be a list of locales, such as [\"ja\", \"ko\"]");
            return Vec::new();
        };
        let mut locales = Vec::new();
        for item in array.iter() {
            let Some(tag) = self.string(item, "translated") else { continue };
            match Locale::from_tag(&tag) {
                Some(locale) if !locales.contains(&locale) => locales.push(locale),
                Some(_) => {
                    self.problem(self.at(item.span()), format!("locale `{tag}` is listed twice in `translated`"))
                }
                None => self.problem(
                    self.at(item.span()),
                    format!("unknown locale `{tag}` in `translated`; expected one of `en`, `zh`, `ja`, `ko`"),
                ),
            }
        }
        locales
    }

    /// `msg_contains = ["is_friend is 0"]`: a non-empty list of non-empty texts, each once.
    fn msg_contains(&mut self, value: &Value<'_>) -> Vec<String> {
        let DeValue::Array(array) = value.get_ref() else {
            self.problem(
                self.at(value.span()),
                "`msg_contains` must be a list of texts of the server's msg, such as [\"is_friend is 0\"]",
            );
            return Vec::new();
        };
        if array.is_empty() {
            self.problem(self.at(value.span()), "`msg_contains` lists no text; give at least one, or remove the key");
        }
        let mut texts: Vec<String> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        for item in array.iter() {
            let Some(text) = self.string(item, "msg_contains") else { continue };
            if text.trim().is_empty() {
                self.problem(
                    self.at(item.span()),
                    "`msg_contains` holds an empty text, which every msg contains; write the words to look for",
                );
            } else if !seen.insert(text.clone()) {
                self.problem(self.at(item.span()), format!("`{text}` is listed twice in `msg_contains`"));
            } else {
                texts.push(text);
            }
        }
        texts
    }

    /// The `[layer]` table: `None` only when its `id` cannot be read, the one field without
    /// which nothing of the layer can be generated.
    fn layer(&mut self, value: &Value<'_>) -> Option<Layer> {
        let table = self.table(value, "layer")?;
        self.check_keys(table, LAYER_KEYS, "[layer]");
        let mut unread = Unread::default();
        let id_value = self.required(value, "id", "[layer]");
        let id = id_value.and_then(|v| self.string(v, "id"));
        let title = self.texts_field(Some(value), "title", "[layer]", &mut unread);
        let channel = self.required(value, "channel", "[layer]").and_then(|v| {
            let name = self.string(v, "channel")?;
            let channel = Channel::from_id(&name);
            if channel.is_none() {
                self.problem(
                    self.at(v.span()),
                    format!(
                        "unknown channel `{name}`; expected one of {}",
                        quoted_list(Channel::ALL.iter().map(|c| c.id()))
                    ),
                );
            }
            channel
        });
        if channel.is_none() {
            unread.mark("channel");
        }
        Some(Layer {
            id: id?,
            title,
            channel: channel.unwrap_or(Channel::Ret),
            ranges: Vec::new(),
            entries: Vec::new(),
            location: self.at(value.span()),
            id_location: self.at(id_value?.span()),
            unread,
        })
    }

    /// A table of texts, `required` in `context` or optional (`context` empty): marked unread
    /// when it is missing or any of it was reported.
    fn texts_field(
        &mut self,
        table: Option<&Value<'_>>,
        key: &'static str,
        context: &str,
        unread: &mut Unread,
    ) -> Texts {
        let before = self.problems.len();
        let value = match (table, context) {
            (Some(table), "") => table.get_ref().as_table().and_then(|t| find(t, key)),
            (Some(table), _) => self.required(table, key, context),
            (None, _) => None,
        };
        let texts = value.map(|v| self.texts(v, key)).unwrap_or_default();
        // A required table that is absent was reported, here or as the misspelled key it is.
        if self.problems.len() != before || (value.is_none() && !context.is_empty()) {
            unread.mark(key);
        }
        texts
    }

    fn action(&mut self, value: &Value<'_>) -> Option<Action> {
        let id = self.string(value, "action")?;
        let action = Action::from_id(&id);
        if action.is_none() && id.starts_with(crate::validate::DRAFT_MARKER) {
            let ids = quoted_list(Action::ALL.iter().map(|a| a.id()));
            self.problem(self.at(value.span()), format!("`action` is a draft's marker: choose one of {ids}"));
            // Read on with a stand-in, so that the entry's other markers are reported in this build.
            return Some(Action::ContactSupport);
        }
        if action.is_none() {
            let ids = Action::ALL.iter().map(|a| a.id());
            let hint = match did_you_mean(&id, ids.clone()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("expected one of {}", quoted_list(ids)),
            };
            self.problem(self.at(value.span()), format!("unknown action `{id}`; {hint}"));
        }
        action
    }

    /// The `[layer]` of a file that extends the bundled layer `bundled`: only its `id`.
    /// Returns the locations of the id and of the table.
    fn extension_header(&mut self, value: &Value<'_>, bundled: &Layer) -> Option<(Location, Location)> {
        let table = self.table(value, "layer")?;
        self.check_keys(table, LAYER_KEYS, "[layer]");
        for (key, _) in table.iter() {
            let name: &str = key.get_ref();
            if name == "title" || name == "channel" {
                self.problem(
                    self.at(key.span()),
                    format!(
                        "layer `{}` is a bundled layer, whose `{name}` is the catalog's: a file that extends it \
                         gives only `[layer] id`; remove `{name}`",
                        bundled.id
                    ),
                );
            }
        }
        let id = find(table, "id")?;
        Some((self.at(id.span()), self.at(value.span())))
    }

    /// `override = ...` of a `[[code]]`: `false` when absent; `None` when it is not a boolean.
    fn override_flag(&mut self, value: &Value<'_>) -> Option<bool> {
        let Some(flag) = value.get_ref().as_table().and_then(|t| find(t, "override")) else { return Some(false) };
        match flag.get_ref() {
            DeValue::Boolean(flag) => Some(*flag),
            other => {
                let found = other.type_str();
                self.problem(self.at(flag.span()), format!("`override` must be true or false, found {found}"));
                None
            }
        }
    }

    /// `override = true` where there is nothing to override: a data path given first (no bundled
    /// catalog), or a layer the bundled catalog does not have.
    fn misplaced_override(&mut self, value: &Value<'_>, layer: Option<&str>, mode: Mode<'_>) {
        let flag = value.get_ref().as_table().and_then(|t| find(t, "override")).map_or(0..0, |v| v.span());
        let message = match (mode, layer) {
            (Mode::Replace, _) => "`override = true` needs `extend = \"...\"`: with the data path given first, \
                                   these files replace the bundled catalog and there is nothing to override; \
                                   pass the glob as `extend = \"...\"`, or remove `override = true`"
                .to_owned(),
            (Mode::Extend(base), Some(id)) => {
                let hint = did_you_mean(id, base.layers.iter().map(|l| l.id.as_str()))
                    .map(|near| format!(" (did you mean `[layer] id = \"{near}\"`?)"))
                    .unwrap_or_default();
                format!(
                    "`override = true` in layer `{id}`, which is not a bundled layer{hint}: there is nothing to \
                     override; remove `override = true` to add the code to `{id}`"
                )
            }
            (Mode::Extend(_), None) => {
                "`override = true` needs the `[layer] id` of the bundled layer whose code it overrides".to_owned()
            }
        };
        self.problem(self.at(flag), message);
    }

    /// An `override = true` entry: `code`, and the fields that change.
    fn override_entry(&mut self, value: &Value<'_>) -> Option<Override> {
        let table = value.get_ref().as_table()?;
        self.check_keys(table, OVERRIDE_KEYS, "an `override = true` [[code]]");
        let code_value = self.required(value, "code", "an `override = true` [[code]]");
        let codes = code_value.and_then(|v| self.codes(v));
        let name = find(table, "name").and_then(|v| Some((self.string(v, "name")?, self.at(v.span()))));
        let action = find(table, "action").and_then(|v| self.action(v));
        let message = find(table, "message").map(|v| self.texts(v, "message")).unwrap_or_default();
        let advice = find(table, "advice").map(|v| self.texts(v, "advice")).unwrap_or_default();
        let note = find(table, "note").map(|v| self.texts(v, "note")).unwrap_or_default();
        let msg_contains = find(table, "msg_contains").map(|v| self.msg_contains(v));
        Some(Override {
            codes: codes?,
            name,
            action,
            message,
            advice,
            note,
            msg_contains,
            location: self.at(value.span()),
            code_location: self.at(code_value?.span()),
        })
    }

    /// A `[[range]]`: `None` when its bounds or name cannot be read.
    fn range(&mut self, value: &Value<'_>) -> Option<CodeRange> {
        let table = value.get_ref().as_table()?;
        self.check_keys(table, RANGE_KEYS, "[[range]]");
        let mut unread = Unread::default();
        let start = self.required(value, "start", "[[range]]").and_then(|v| self.integer(v, "start"));
        let end = self.required(value, "end", "[[range]]").and_then(|v| self.integer(v, "end"));
        let name_value = self.required(value, "name", "[[range]]");
        let name = name_value.and_then(|v| self.string(v, "name"));
        let message = self.texts_field(Some(value), "message", "[[range]]", &mut unread);
        let translated = self.translated(find(table, "translated"));
        let (start, end) = (start?, end?);
        Some(CodeRange {
            low: start.min(end),
            high: start.max(end),
            name: name?,
            message,
            translated,
            location: self.at(value.span()),
            name_location: self.at(name_value?.span()),
            unread,
        })
    }

    /// A `[[code]]`: `None` only when its name cannot be read, the one field without which it
    /// cannot be generated; any other unreadable field stands in with a placeholder.
    fn entry(&mut self, value: &Value<'_>) -> Option<Entry> {
        let table = value.get_ref().as_table()?;
        self.check_keys(table, CODE_KEYS, "[[code]]");
        let mut unread = Unread::default();
        let code_value = self.required(value, "code", "[[code]]");
        let codes = code_value.and_then(|v| self.codes(v));
        if codes.is_none() {
            unread.mark("code");
        }
        let name_value = self.required(value, "name", "[[code]]");
        let name = name_value.and_then(|v| self.string(v, "name"));
        let action = self.required(value, "action", "[[code]]").and_then(|v| self.action(v));
        if action.is_none() {
            unread.mark("action");
        }
        let message = self.texts_field(Some(value), "message", "[[code]]", &mut unread);
        let advice = self.texts_field(Some(value), "advice", "", &mut unread);
        let note = self.texts_field(Some(value), "note", "", &mut unread);
        let translated = self.translated(find(table, "translated"));
        let msg_contains = find(table, "msg_contains").map(|v| self.msg_contains(v)).unwrap_or_default();
        let decode_in_only = find(table, "decode_in_only").is_some_and(|v| self.boolean(v, "decode_in_only"));
        Some(Entry {
            codes: codes.unwrap_or_default(),
            name: name?,
            action: action.unwrap_or(Action::ContactSupport),
            message,
            advice,
            note,
            translated,
            msg_contains,
            decode_in_only,
            location: self.at(value.span()),
            code_location: self.at(code_value.unwrap_or(value).span()),
            name_location: self.at(name_value?.span()),
            unread,
        })
    }
}
