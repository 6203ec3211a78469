//! Code generation: the expansion holds the data and nothing else. One data entry drives its
//! variant, its doc line, its row in the layer's table (codes, name, action, strings per locale)
//! and its handler method; everything the generated types do is the generic code of
//! msdk-codes-core (`__private::table` and the macros of `glue.rs`), which the expansion calls.
//!
//! The expansion is written as Rust source text and lexed once, rather than built token by token:
//! each `Literal::string` walks Unicode tables to escape the Chinese, Japanese and Korean text
//! (measured in benches/README.md, "Tricks that stay").
//!
//! Every path goes through the runtime crate (`{krate}::...`, by default `::msdk_codes_core`),
//! never `::core` or `::std`, so the expansion reads the same in every edition and under
//! `#![no_implicit_prelude]`; every local and private item starts with `__`.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use msdk_codes_vocab::{CodeIndex, Table};

use crate::args::Handling;
use crate::select::Plan;
use msdk_codes_catalog::bundled;
use msdk_codes_catalog::model::{Action, Channel, Entry, Layer, Locale, Texts};
use msdk_codes_catalog::names;

/// The text being written, the path of msdk-codes-core in the user's crate, and which of the
/// plan's layers are a team's own (none of the bundled catalog's): plain decoding searches those
/// after the tables the documents name.
struct Out {
    text: String,
    krate: String,
    team: Vec<bool>,
    /// Each entry's handler method, by layer: named in three places, worked out once.
    methods: Vec<Vec<String>>,
}

/// `write!` into an `Out`; writing to a `String` cannot fail.
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out.text, $($arg)*);
    }};
}

/// The name of the expansion's first item, a hidden module that holds the macro its items go
/// through (msdk-codes-core's `__one_per_module!`): a second `msdk_errors!` in the same module
/// defines this name again, and its items meet the first expansion's macro, which turns them into
/// one error. Where the module's own items clash with generated ones (reported by
/// `#[msdk_codes]`), the generated items live in a module of this name instead (see
/// [`expand_source`]); msdk-codes-core's `__reexport!` names it too.
pub const EXPANSION_MODULE: &str = "one_msdk_expansion_per_module";

/// The items the expansion adds to the user's module, each with what it is, for messages.
pub fn public_names(plan: &Plan<'_>) -> Vec<(String, String)> {
    let mut out = vec![
        (names::LAYER.to_owned(), "the expansion's layer enum".to_owned()),
        (names::MSDK_ERROR.to_owned(), "the expansion's error enum".to_owned()),
        (names::HANDLER.to_owned(), "the expansion's handler trait".to_owned()),
    ];
    for layer in &plan.layers {
        out.push((names::code_enum(layer), format!("the code enum of layer `{}`", layer.id)));
    }
    out
}

/// The expansion as Rust source text: the items, defined where the macro is called, so that rustc
/// and rustdoc name them by the caller's module (`pay::MsdkError`).
///
/// Where the attribute form found items of its module with the names of generated ones (each
/// reported already), the generated items go into a private module of their own instead and are
/// re-exported from it, with a check that `Layer`, `MsdkError` and `Handler` resolve to them
/// (the user's items of those names left out of the check): there they see only each other, so
/// that the one error at the user's item is the only one.
pub fn expand_source(plan: &Plan<'_>) -> String {
    let krate = crate::krate::as_text(&plan.krate, plan.dollar_crate);
    let bundled: Vec<&str> = bundled::layer_ids().collect();
    let team = plan.layers.iter().map(|layer| !bundled.contains(&layer.id.as_str())).collect();
    let nested = !plan.own_items.is_empty();
    // Inside, paths reach the crate through one name, so that `$crate` (which does not lex from
    // text) is restored near the top of the tokens only (see `krate::restore_dollar_crate`).
    let alias = crate::krate::ALIAS;
    let inside = match (nested, plan.dollar_crate) {
        (true, true) => alias.to_owned(),
        (true, false) => path_from_child(&krate),
        (false, true) => format!("{EXPANSION_MODULE}::{alias}"),
        (false, false) => krate.clone(),
    };
    let methods = plan
        .layers
        .iter()
        .map(|layer| layer.entries.iter().map(|entry| names::handler_method(layer, entry)).collect())
        .collect();
    let mut out = Out { text: String::with_capacity(128 * 1024), krate: inside, team, methods };
    if nested {
        w!(out, "#[doc(hidden)]\n#[allow(dead_code)]\nmod {EXPANSION_MODULE} {{\n");
        if plan.dollar_crate {
            w!(out, "use {krate} as {alias};\n");
        }
    } else {
        // See `__one_per_module!`: the items go through the macro of the module's first
        // expansion, whose module also imports the crate as `ALIAS`.
        let site = &plan.site;
        w!(out, "{krate}::__one_per_module! {{ $ {site} }}\n{EXPANSION_MODULE}::__items! {{ {site};\n");
    }
    layer_enum(&mut out, plan);
    let holders = Holders::of(plan);
    for (l, layer) in plan.layers.iter().enumerate() {
        code_enum(&mut out, plan, &holders, l, layer);
    }
    msdk_error(&mut out, plan);
    handler(&mut out, plan);
    tables(&mut out, plan);
    if nested {
        reexport(&mut out, plan, &krate);
    } else {
        out.text.push_str("}\n");
    }
    out.text
}

/// The end of the generated items' own module, and their re-export into the caller's module:
/// through the runtime's macro, whose path reads the same in every edition (see `__reexport!`).
fn reexport(out: &mut Out, plan: &Plan<'_>, krate: &str) {
    w!(out, "}}\n{krate}::__reexport! {{ types: [");
    let unless_own = |names: &[&'static str]| {
        names.iter().filter(|name| !plan.own_items.iter().any(|own| own == *name)).copied().collect::<Vec<_>>()
    };
    w!(
        out,
        "{}], traits: [{}]",
        unless_own(&[names::LAYER, names::MSDK_ERROR]).join(", "),
        unless_own(&[names::HANDLER]).join(", ")
    );
    out.text.push_str("}\n");
}

/// `path`, a path in the user's module, as the expansion's module (a child of it) reaches it.
fn path_from_child(path: &str) -> String {
    if path.starts_with("::") || path == "crate" || path.starts_with("crate::") {
        path.to_owned()
    } else if let Some(rest) = path.strip_prefix("self::") {
        format!("super::{rest}")
    } else {
        format!("super::{path}")
    }
}

impl Out {
    fn str_literal(&mut self, text: &str) {
        push_str_literal(&mut self.text, text);
    }

    /// `b"\x..\x.."`: one literal token however many bytes, which keeps binary data out of the
    /// token count.
    fn byte_literal(&mut self, bytes: &[u8]) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut escaped = vec![0; bytes.len() * 4];
        for (i, &byte) in bytes.iter().enumerate() {
            escaped[4 * i] = b'\\';
            escaped[4 * i + 1] = b'x';
            escaped[4 * i + 2] = HEX[(byte >> 4) as usize];
            escaped[4 * i + 3] = HEX[(byte & 0xf) as usize];
        }
        self.text.push_str("b\"");
        self.text.push_str(std::str::from_utf8(&escaped).unwrap_or_default());
        self.text.push('"');
    }

    /// `"a","b",` for the items, as the body of an array literal.
    fn str_list<'t>(&mut self, items: impl IntoIterator<Item = &'t str>) {
        for item in items {
            self.str_literal(item);
            self.text.push(',');
        }
    }

    fn doc(&mut self, text: &str) {
        self.text.push_str("#[doc = ");
        self.str_literal(text);
        self.text.push_str("]\n");
    }
}

/// A Rust string literal of `text`, escaping only what a literal cannot hold as is (quotes,
/// backslashes, control characters, and the bidirectional controls rustc's
/// `text_direction_codepoint_in_literal` lint refuses).
pub(crate) fn push_str_literal(out: &mut String, text: &str) {
    out.push('"');
    push_escaped(out, text, &LITERAL_ESCAPES, |_| false);
    out.push('"');
}

/// [`markdown_text`] of `text`, inside a string literal: both escapes in one pass.
fn push_markdown_literal_chars(out: &mut String, text: &str) {
    push_escaped(out, text, &MARKDOWN_LITERAL_ESCAPES, is_markdown_special);
}

/// For each byte, whether it is, or may start, a character that [`push_literal_char`] escapes:
/// the controls, the quote, the backslash, and 0xE2, the lead byte of every bidirectional control
/// it escapes.
const LITERAL_ESCAPES: [bool; 256] = escape_table(b"\"\\\x7f\xe2");
/// [`LITERAL_ESCAPES`], and the characters [`is_markdown_special`] escapes.
const MARKDOWN_LITERAL_ESCAPES: [bool; 256] = escape_table(b"\"\\\x7f\xe2[]<>`*_");

const fn escape_table(escaped: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = true;
        byte += 1;
    }
    let mut i = 0;
    while i < escaped.len() {
        table[escaped[i] as usize] = true;
        i += 1;
    }
    table
}

/// Copies `text` into a literal: the runs of bytes that `escapes` passes whole, the characters
/// at the others one by one, with a Markdown backslash first where `markdown` says. The macro runs
/// unoptimized in a dev build, where a table lookup per byte costs a fraction of a call per
/// character.
fn push_escaped(out: &mut String, text: &str, escapes: &[bool; 256], markdown: fn(char) -> bool) {
    let bytes = text.as_bytes();
    let (mut copied, mut at) = (0, 0);
    while at < bytes.len() {
        // `as`, not `usize::from`: unoptimized, a call per byte.
        if !escapes[bytes[at] as usize] {
            at += 1;
            continue;
        }
        out.push_str(&text[copied..at]);
        let Some(c) = text[at..].chars().next() else { break };
        if markdown(c) {
            out.push_str("\\\\");
        }
        push_literal_char(out, c);
        at += c.len_utf8();
        copied = at;
    }
    out.push_str(&text[copied..]);
}

/// One character inside a string literal.
fn push_literal_char(out: &mut String, c: char) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        '\u{0}'..='\u{1f}' | '\u{7f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
        _ => out.push(c),
    }
}

fn is_markdown_special(c: char) -> bool {
    matches!(c, '\\' | '[' | ']' | '<' | '>' | '`' | '*' | '_')
}

/// A catalog text inside a doc comment, as plain text: the characters rustdoc would read as a
/// link, an HTML tag or code are escaped, so that a team's wording renders as written.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_markdown_special(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The text that goes into the `locale` table: the locale's own, or English where the user
/// allowed the fallback (with `missing = "error"` a gap was already reported, and English stands
/// in so that expansion can go on).
fn text(texts: &Texts, locale: Locale) -> &str {
    texts.get_or_en(locale).unwrap_or("")
}

fn layer_enum(out: &mut Out, plan: &Plan<'_>) {
    w!(out, "{}::__layer_enum! {{\n/// The tables of MSDK codes this expansion was generated for.\n", out.krate);
    w!(out, "pub enum {} {{\n", names::LAYER);
    for layer in &plan.layers {
        out.doc(&format!(" `{}`: {}", layer.id, markdown_text(layer.title.get(Locale::En).unwrap_or(""))));
        w!(out, "{},\n", names::layer_variant(layer));
    }
    out.text.push_str("}\n}\n");
}

fn code_enum(out: &mut Out, plan: &Plan<'_>, holders: &Holders, l: usize, layer: &Layer) {
    let name = names::code_enum(layer);
    w!(
        out,
        "{}::__code_enum! {{\n{}::{}, {},\n",
        out.krate,
        names::LAYER,
        names::layer_variant(layer),
        names::MSDK_ERROR
    );
    out.doc(&format!(
        " Codes of the `{}` layer: {}.",
        layer.id,
        markdown_text(layer.title.get(Locale::En).unwrap_or(&layer.id))
    ));
    w!(out, "pub enum {name} {{\n");
    for entry in &layer.entries {
        let codes = entry.codes.iter().map(|code| format!("`{code}`")).collect::<Vec<_>>().join(", ");
        let mut doc = format!(" {codes}: {}", markdown_text(entry.message.get(Locale::En).unwrap_or("")));
        decoding_note(&mut doc, plan, holders, out.team[l], layer, entry);
        out.doc(&doc);
        w!(out, "{},\n", entry.name);
    }
    out.text.push_str("}\n}\n");
}

/// For each code of each channel, the first entry of each selected layer that holds it, in the
/// plan's order: what [`shared_code`] looks up instead of reading every other entry for each.
struct Holders {
    by_code: HashMap<(Channel, i32), Vec<(usize, usize)>>,
}

impl Holders {
    fn of(plan: &Plan<'_>) -> Holders {
        let mut by_code: HashMap<(Channel, i32), Vec<(usize, usize)>> = HashMap::new();
        for (l, layer) in plan.layers.iter().enumerate() {
            for (e, entry) in layer.entries.iter().enumerate() {
                for &code in &entry.codes {
                    let holders = by_code.entry((layer.channel, code)).or_default();
                    if holders.last().is_none_or(|&(last, _)| last != l) {
                        holders.push((l, e));
                    }
                }
            }
        }
        Holders { by_code }
    }
}

/// The first entry of another selected layer of `layer`'s channel that holds one of `entry`'s
/// codes, among the layers `candidates` picks: the first such layer, its first such entry, and
/// that entry's first code that `entry` has.
fn shared_code<'p>(
    plan: &'p Plan<'_>,
    holders: &Holders,
    layer: &Layer,
    entry: &Entry,
    candidates: impl Fn(&Layer) -> bool,
) -> Option<(&'p Layer, &'p Entry, i32)> {
    let (l, e) = entry
        .codes
        .iter()
        .filter_map(|&code| holders.by_code.get(&(layer.channel, code)))
        .filter_map(|held| {
            held.iter().copied().find(|&(l, _)| plan.layers[l].id != layer.id && candidates(plan.layers[l]))
        })
        .min()?;
    let (other, found) = (plan.layers[l], &plan.layers[l].entries[e]);
    let codes: HashSet<i32> = entry.codes.iter().copied().collect();
    found.codes.iter().find(|code| codes.contains(code)).map(|&code| (other, found, code))
}

/// What a variant's doc adds about decoding where its code is another table's too: the texts of
/// `msg_contains` that pick it, or, for a team's own entry, the table the documents name that
/// plain decoding searches first and the call that reaches the entry.
fn decoding_note(doc: &mut String, plan: &Plan<'_>, holders: &Holders, team: bool, layer: &Layer, entry: &Entry) {
    if !entry.msg_contains.is_empty() {
        let texts: Vec<String> = entry.msg_contains.iter().map(|text| format!("\"{}\"", markdown_text(text))).collect();
        let _ = write!(
            doc,
            "\n\n Decoding picks this entry first, before any table, when `msg` contains {}",
            texts.join(" or ")
        );
        if let Some((other, e, code)) = shared_code(plan, holders, layer, entry, |_| true) {
            let _ = write!(doc, "; else {code} may be `{}` `{}`", other.id, e.name);
        }
        doc.push('.');
    } else if team {
        let named = |other: &Layer| Table::NAMED.iter().any(|table| table.id() == Some(other.id.as_str()));
        if let Some((other, e, code)) = shared_code(plan, holders, layer, entry, named) {
            let _ = write!(
                doc,
                "\n\n `{}` has {code} too (`{}`), and plain decoding searches it first: \
                 `decode_in(.., {}::{})` reaches this entry.",
                other.id,
                e.name,
                names::LAYER,
                names::layer_variant(layer)
            );
        }
    }
}

fn msdk_error(out: &mut Out, plan: &Plan<'_>) {
    w!(out, "{}::__msdk_error! {{\n{},\n", out.krate, names::LAYER);
    out.text.push_str("/// Any MSDK code of this expansion's layers, or an unknown one kept whole.\n");
    w!(out, "pub enum {} {{\n", names::MSDK_ERROR);
    for layer in &plan.layers {
        out.doc(&format!(" A code of the `{}` layer.", layer.id));
        w!(out, "{}({}),\n", names::layer_variant(layer), names::code_enum(layer));
    }
    out.text.push_str("/// A code that no selected layer knows, with everything the server sent.\n");
    w!(out, "{}({}::UnknownCode),\n}}\n}}\n", names::UNKNOWN_VARIANT, out.krate,);
}

fn handler(out: &mut Out, plan: &Plan<'_>) {
    let (error, handler) = (names::MSDK_ERROR, names::HANDLER);
    let by_action = plan.handling == Handling::ByAction;
    let mode = if by_action {
        " Mode `by_action`: implement `unknown` and one method per action; override a code's own method to treat it specially."
    } else {
        " Mode `every_code`: implement `unknown` and every code's method; a code added to the data is a compile error until handled."
    };
    w!(
        out,
        "/// Handles every [`{error}`] of this expansion; call it with [`{error}::handle`].\n///\n\
         /// The method `<layer id>_<code name in snake_case>` handles one code, such as\n\
         /// `access_appid_no_permission` for `AccessError::AppidNoPermission`, whose doc says what\n\
         /// the code means.\n///\n"
    );
    out.doc(mode);
    handler_method_list(out, plan);
    w!(
        out,
        "#[allow(dead_code)]\n\
         #[allow(missing_docs)]\n\
         pub trait {handler} {{\n\
         /// What handling an error produces.\n\
         type Output;\n\
         /// Handles a code that no selected layer knows.\n\
         fn {}(&mut self, __err: &{error}) -> Self::Output;\n",
        names::UNKNOWN_METHOD
    );
    if by_action {
        let present = plan.actions_present();
        for action in present.iter().copied() {
            w!(
                out,
                "/// Handles every code whose action is `{id}`, unless its own method is overridden.\n\
                 fn {id}(&mut self, __err: &{error}) -> Self::Output;\n",
                id = names::action_method(action)
            );
        }
        // A layer that `layers = [...]` names but the catalog lacks (reported) may have had any
        // action: each one is declared, so that the handler written for it reports nothing more.
        if !plan.dropped.is_empty() {
            for action in Action::ALL.into_iter().filter(|action| !present.contains(action)) {
                w!(
                    out,
                    "/// No code of this expansion has this action.\n\
                     fn {id}(&mut self, __err: &{error}) -> Self::Output {{ self.{unknown}(__err) }}\n",
                    id = names::action_method(action),
                    unknown = names::UNKNOWN_METHOD,
                );
            }
        }
    }
    for (l, layer) in plan.layers.iter().enumerate() {
        let code_enum = names::code_enum(layer);
        for (e, entry) in layer.entries.iter().enumerate() {
            let action = plan.actions[l][e];
            handler_method_doc(out, plan, &code_enum, layer, entry, action);
            w!(out, "fn {}(&mut self, __err: &{error}) -> Self::Output", out.methods[l][e]);
            if by_action {
                w!(out, " {{ self.{}(__err) }}\n", names::action_method(action));
            } else {
                out.text.push_str(";\n");
            }
        }
    }
    out.text.push_str("}\n");
}

/// The trait's methods, listed where a user looks first: in `by_action`, the action methods this
/// subset has (a method of an action no code has is no member) and the codes each one handles.
fn handler_method_list(out: &mut Out, plan: &Plan<'_>) {
    let mut doc = String::from(" # Methods\n\n");
    if plan.handling == Handling::ByAction {
        doc.push_str(" Required: `unknown`, then one method per action that a code of this expansion has:\n\n");
        for action in plan.actions_present() {
            let method = names::action_method(action);
            let mut codes = Vec::new();
            for (actions, methods) in plan.actions.iter().zip(&out.methods) {
                for (_, code_method) in actions.iter().zip(methods).filter(|&(&code_action, _)| code_action == action) {
                    codes.push(format!("[`Self::{code_method}`]"));
                }
            }
            let _ = writeln!(doc, " - [`Self::{method}`], for {}", codes.join(", "));
        }
        doc.push_str("\n Each code's own method calls its action's method; override it to treat that code specially.");
    } else {
        doc.push_str(" Required: `unknown` and each code's method, `<layer id>_<code name in snake_case>`.");
    }
    out.doc(&doc);
}

/// What a per-code method handles, for rustdoc and an editor's hover: the layer, the code, the
/// message in the `Display` locale, and the action (the method it defaults to in `by_action`).
///
/// Written straight into the literal, the catalog text escaped for Markdown and for the literal in
/// one pass: one doc per code, so this is most of what the docs cost the macro.
fn handler_method_doc(out: &mut Out, plan: &Plan<'_>, code_enum: &str, layer: &Layer, entry: &Entry, action: Action) {
    // Layer ids, code enum and entry names are ASCII identifiers: nothing in them to escape.
    w!(out, "#[doc = \" Layer `{}`, code ", layer.id);
    for (i, code) in entry.codes.iter().enumerate() {
        let separator = if i == 0 { "" } else { ", " };
        w!(out, "{separator}`{code}`");
    }
    w!(out, " ([`{code_enum}::{}`]): ", entry.name);
    push_markdown_literal_chars(&mut out.text, text(&entry.message, plan.display));
    let action = names::action_method(action);
    if plan.handling == Handling::ByAction {
        w!(out, "\\n\\n Defaults to [`Self::{action}`], the method of its action.\"]\n");
    } else {
        w!(out, "\\n\\n Its action is `{action}`.\"]\n");
    }
}

/// `[&__T_EN, &__T_ZH, ...]`: each locale's column, a left-out locale pointing at the `Display`
/// locale's.
fn locale_slots(out: &mut Out, plan: &Plan<'_>, prefix: &str) {
    out.text.push('[');
    for locale in Locale::ALL {
        let shown = if plan.locales.contains(&locale) { locale } else { plan.display };
        w!(out, "&{prefix}_{},", shown.tag().to_ascii_uppercase());
    }
    out.text.push(']');
}

/// `static NAME: __m::Lines = __m::Lines::new("one\ntwo", b"...");`: a column of strings, a line
/// each, and where each line starts (then the text's length + 1), four little-endian bytes each.
fn lines_static<'t>(out: &mut Out, name: &str, lines: impl Iterator<Item = &'t str>) {
    w!(out, "static {name}: __m::Lines = __m::Lines::new(\"");
    // A column's text stays far below 4 GiB: the whole expansion is a few MiB at most.
    let offset = |at: usize| u32::try_from(at).unwrap_or(u32::MAX).to_le_bytes();
    let mut starts = Vec::new();
    // The length of the lines written so far, joined by line breaks.
    let mut joined = 0;
    for (i, line) in lines.enumerate() {
        if i > 0 {
            out.text.push_str("\\n");
            joined += 1;
        }
        starts.extend_from_slice(&offset(joined));
        push_escaped(&mut out.text, line, &LITERAL_ESCAPES, |_| false);
        joined += line.len();
    }
    starts.extend_from_slice(&offset(joined + 1));
    out.text.push_str("\", ");
    out.byte_literal(&starts);
    out.text.push_str(");\n");
}

/// [`lines_static`] for each compiled locale, `pick` giving each line.
fn localized_statics<T>(out: &mut Out, plan: &Plan<'_>, prefix: &str, rows: &[T], pick: impl Fn(&T, Locale) -> &str) {
    for &locale in &plan.locales {
        let name = format!("{prefix}_{}", locale.tag().to_ascii_uppercase());
        lines_static(out, &name, rows.iter().map(|row| pick(row, locale)));
    }
}

/// The private block: each layer's table and the trait impls that hand the tables to the
/// runtime.
fn tables(out: &mut Out, plan: &Plan<'_>) {
    w!(out, "#[allow(dead_code)]\nconst _: () = {{\n{k}::__table_imports!();\n", k = out.krate);
    for (l, layer) in plan.layers.iter().enumerate() {
        code_table(out, plan, layer, &plan.actions[l]);
    }
    layer_table(out, plan);
    error_enum_impl(out, plan);
    handle(out, plan);
    out.text.push_str("};\n");
}

/// A column an entry may lack: its field in `CodeTable`, its statics' suffix, and its texts.
type OptionalColumn = (&'static str, &'static str, fn(&Entry) -> &Texts);

/// The columns an entry may lack: empty lines where it does, and the runtime's empty column for
/// a layer where every entry does.
const OPTIONAL_COLUMNS: [OptionalColumn; 2] =
    [("advice", "ADVICE", |entry| &entry.advice), ("notes", "NOTES", |entry| &entry.note)];

/// A layer's `CodeTable` static, its columns, and the `Code` impl of its enum.
fn code_table(out: &mut Out, plan: &Plan<'_>, layer: &Layer, actions: &[Action]) {
    let (table, name) = (names::code_table(layer), names::code_enum(layer));
    lines_static(out, &names::column(layer, "NAMES"), layer.entries.iter().map(|entry| entry.name.as_str()));
    localized_statics(out, plan, &names::column(layer, "MESSAGES"), &layer.entries, |entry, locale| {
        text(&entry.message, locale)
    });
    let present = OPTIONAL_COLUMNS.map(|(_, _, pick)| layer.entries.iter().any(|entry| !pick(entry).is_empty()));
    for ((_, kind, pick), present) in OPTIONAL_COLUMNS.into_iter().zip(present) {
        if present {
            localized_statics(out, plan, &names::column(layer, kind), &layer.entries, |entry, locale| {
                pick(entry).get_or_en(locale).unwrap_or("")
            });
        }
    }

    w!(out, "static {table}: __m::CodeTable = __m::CodeTable {{\nid: ");
    out.str_literal(&layer.id);
    w!(out, ",\ndisplay: __m::Locale::{},\ncodes: &[", names::runtime_variant(plan.display));
    for entry in &layer.entries {
        w!(out, "{},", entry.code());
    }
    out.text.push_str("],\nseveral: &[");
    for (e, entry) in layer.entries.iter().enumerate().filter(|(_, entry)| entry.codes.len() > 1) {
        w!(out, "({e}, &[");
        for code in &entry.codes {
            w!(out, "{code},");
        }
        out.text.push_str("]),");
    }
    let codes: Vec<(i32, usize)> = layer
        .entries
        .iter()
        .enumerate()
        .flat_map(|(e, entry)| entry.codes.iter().map(move |&code| (code, e)))
        .collect();
    let index = CodeIndex::of(&codes);
    w!(out, "],\nindex: __m::CodeIndex {{ multiplier: {}, bits: {}, slots: ", index.multiplier, index.bits);
    out.byte_literal(&index.bytes);
    w!(out, " }},\nnames: &{},\nactions: &[", names::column(layer, "NAMES"));
    for action in actions {
        w!(out, "{},", names::runtime_variant(action));
    }
    out.text.push_str("],\nmessages: ");
    locale_slots(out, plan, &names::column(layer, "MESSAGES"));
    for ((field, kind, _), present) in OPTIONAL_COLUMNS.into_iter().zip(present) {
        w!(out, ",\n{field}: ");
        if present {
            locale_slots(out, plan, &names::column(layer, kind));
        } else {
            out.text.push_str("[&__m::NONE; 4]");
        }
    }

    w!(
        out,
        ",\n}};\n\
         #[automatically_derived]\n\
         impl __m::Code for {name} {{\n\
         const ALL: &'static [{name}] = &["
    );
    for entry in &layer.entries {
        w!(out, "Self::{},", entry.name);
    }
    w!(
        out,
        "];\n\
         const __TABLE: &'static __m::CodeTable = &{table};\n\
         #[inline]\n\
         fn __entry(self) -> __m::Index {{ self as __m::Index }}\n\
         }}\n"
    );
}

/// The `LayerTable` static and the `LayerEnum` impl of `Layer`.
fn layer_table(out: &mut Out, plan: &Plan<'_>) {
    let layer_enum = names::LAYER;
    localized_statics(out, plan, names::TITLES, &plan.layers, |layer, locale| text(&layer.title, locale));
    w!(out, "static {}: __m::LayerTable = __m::LayerTable {{\nids: &[", names::LAYER_TABLE);
    out.str_list(plan.layers.iter().map(|layer| layer.id.as_str()));
    out.text.push_str("],\ntitles: ");
    locale_slots(out, plan, names::TITLES);
    w!(out, ",\ndisplay: __m::Locale::{},\nchannels: &[", names::runtime_variant(plan.display));
    for layer in &plan.layers {
        w!(out, "__m::Channel::{},", names::runtime_variant(layer.channel));
    }
    out.text.push_str("],\ncodes: &[");
    for layer in &plan.layers {
        w!(out, "&{},", names::code_table(layer));
    }
    // The layers the decoding rules name, resolved to this expansion's at compile time.
    out.text.push_str("],\nnamed: [");
    for table in Table::NAMED {
        match plan.layers.iter().position(|layer| Some(layer.id.as_str()) == table.id()) {
            Some(l) => w!(out, "{l},"),
            None => out.text.push_str("__m::ABSENT,"),
        }
    }
    out.text.push_str("],\nteam: &[");
    for (l, _) in out.team.iter().enumerate().filter(|(_, team)| **team) {
        w!(out, "{l},");
    }
    // The marked entries of the selected layers, then of the left-out ones (numbered on from the
    // selected layers).
    out.text.push_str("],\nmarked: &[");
    for (l, layer) in plan.layers.iter().chain(&plan.left_out).enumerate() {
        for entry in layer.entries.iter().filter(|entry| !entry.msg_contains.is_empty()) {
            w!(out, "__m::Marked {{ layer: {l}, channel: __m::Channel::{:?}, codes: &[", layer.channel);
            for code in &entry.codes {
                w!(out, "{code},");
            }
            out.text.push_str("], texts: &[");
            out.str_list(entry.msg_contains.iter().map(String::as_str));
            out.text.push_str("] },");
        }
    }
    out.text.push_str("],\nleft_out: &[");
    for layer in &plan.left_out {
        out.text.push_str("__m::LeftOut { id: ");
        out.str_literal(&layer.id);
        w!(out, ", channel: __m::Channel::{}, codes: ", names::runtime_variant(layer.channel));
        let mut codes: Vec<i32> = layer.entries.iter().flat_map(|entry| entry.codes.iter().copied()).collect();
        codes.sort_unstable();
        codes.dedup();
        let bytes: Vec<u8> = codes.iter().flat_map(|code| code.to_le_bytes()).collect();
        out.byte_literal(&bytes);
        out.text.push_str(" },");
    }
    out.text.push_str("],\nranges: &[");
    for layer in &plan.layers {
        for range in &layer.ranges {
            out.text.push_str("__m::CodeRange { layer: ");
            out.str_literal(&layer.id);
            out.text.push_str(", name: ");
            out.str_literal(&range.name);
            w!(out, ", low: {}, high: {}, message: ", range.low, range.high);
            out.str_literal(text(&range.message, plan.display));
            out.text.push_str(" },");
        }
    }
    w!(
        out,
        "],\n}};\n\
         #[automatically_derived]\n\
         impl __m::LayerEnum for {layer_enum} {{\n\
         const ALL: &'static [{layer_enum}] = &["
    );
    for layer in &plan.layers {
        w!(out, "{layer_enum}::{},", names::layer_variant(layer));
    }
    w!(
        out,
        "];\n\
         const TABLE: &'static __m::LayerTable = &{};\n\
         #[inline]\n\
         fn index(self) -> __m::Index {{ self as __m::Index }}\n\
         }}\n",
        names::LAYER_TABLE
    );
}

/// The `ErrorEnum` impl of `MsdkError`: what each variant is, and back. `from_known` and
/// `from_unknown` are inlined into decoding, always: called, they return the error through memory,
/// which cost the decoding of a response a tenth of its time.
fn error_enum_impl(out: &mut Out, plan: &Plan<'_>) {
    let (layer_enum, error, unknown) = (names::LAYER, names::MSDK_ERROR, names::UNKNOWN_VARIANT);
    w!(
        out,
        "#[automatically_derived]\n\
         impl __m::ErrorEnum for {error} {{\n\
         type Layer = {layer_enum};\n\
         #[inline]\n\
         fn parts(&self) -> __m::Parts<'_, {layer_enum}> {{\n\
         match self {{\n"
    );
    for layer in &plan.layers {
        w!(
            out,
            "{error}::{v}(__code) => __m::Parts::Known({layer_enum}::{v}, *__code as __m::Index),\n",
            v = names::layer_variant(layer)
        );
    }
    w!(
        out,
        "{error}::{unknown}(__unknown) => __m::Parts::Unknown(__unknown),\n}}\n}}\n\
         #[inline(always)]\n\
         fn from_known(__layer: {layer_enum}, __entry: __m::Index) -> {error} {{\n\
         match __layer {{\n"
    );
    for layer in &plan.layers {
        w!(
            out,
            "{layer_enum}::{v} => {error}::{v}(<{name} as __m::Code>::ALL[__entry]),\n",
            v = names::layer_variant(layer),
            name = names::code_enum(layer)
        );
    }
    w!(
        out,
        "}}\n}}\n\
         #[inline(always)]\n\
         fn from_unknown(__unknown: __m::UnknownCode) -> {error} {{ {error}::{unknown}(__unknown) }}\n\
         }}\n"
    );
}

/// `MsdkError::handle`: one exhaustive `match`, an arm per entry calling its handler method.
fn handle(out: &mut Out, plan: &Plan<'_>) {
    let (error, handler) = (names::MSDK_ERROR, names::HANDLER);
    w!(
        out,
        "impl {error} {{\n\
         /// Calls the handler method for this error's code: one exhaustive `match`, no\n\
         /// allocation, no lookup.\n\
         pub fn handle<__H: {handler} + ?__m::Sized>(&self, __handler: &mut __H) -> __H::Output {{\n\
         match self {{\n"
    );
    for (l, layer) in plan.layers.iter().enumerate() {
        // `*__code`: a layer whose entries all had problems is an empty enum, which only a
        // match on the value accepts with no arm.
        w!(out, "{error}::{}(__code) => match *__code {{\n", names::layer_variant(layer),);
        let enum_name = names::code_enum(layer);
        for (entry, method) in layer.entries.iter().zip(&out.methods[l]) {
            w!(out, "{enum_name}::{} => __handler.{method}(self),\n", entry.name);
        }
        out.text.push_str("},\n");
    }
    w!(out, "{error}::{}(_) => __handler.{}(self),\n}}\n}}\n}}\n", names::UNKNOWN_VARIANT, names::UNKNOWN_METHOD);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_text_is_escaped_for_markdown_and_the_literal_in_one_pass() {
        for text in ["see [name] and <b>x</b>", "`a` *b* c_d \\ \"q\"", "无需处理\u{202e}"] {
            let mut one_pass = String::from("\"");
            push_markdown_literal_chars(&mut one_pass, text);
            one_pass.push('"');
            let mut two_passes = String::new();
            push_str_literal(&mut two_passes, &markdown_text(text));
            assert_eq!(one_pass, two_passes);
        }
    }

    /// Copying the runs with nothing to escape gives what escaping each character does, whatever
    /// the text: quotes, controls, bidirectional controls and other characters that share their
    /// lead byte.
    #[test]
    fn literals_copy_runs_as_escaping_each_character_would() {
        let texts = [
            "",
            "plain",
            "ends with \\",
            "\"quoted\"\n\ttab\r\u{0}\u{7f}",
            "无需处理…“引号”—\u{202e}rtl\u{2066}x\u{2069}",
            "\u{2026}\u{202a}\u{2069}\u{206a}",
            "한국어 日本語 [link] <b> `c` *e* a_b",
        ];
        for text in texts {
            let mut each_char = String::from("\"");
            for c in text.chars() {
                push_literal_char(&mut each_char, c);
            }
            each_char.push('"');
            let mut runs = String::new();
            push_str_literal(&mut runs, text);
            assert_eq!(runs, each_char, "{text:?}");
            assert!(!runs.contains('\u{202e}') && !runs.contains('\u{2066}'), "{runs}");

            let mut markdown_each_char = String::from("\"");
            for c in text.chars() {
                if is_markdown_special(c) {
                    markdown_each_char.push_str("\\\\");
                }
                push_literal_char(&mut markdown_each_char, c);
            }
            markdown_each_char.push('"');
            let mut markdown_runs = String::from("\"");
            push_markdown_literal_chars(&mut markdown_runs, text);
            markdown_runs.push('"');
            assert_eq!(markdown_runs, markdown_each_char, "{text:?}");
        }
    }

    #[test]
    fn catalog_text_in_docs_is_plain_text() {
        assert_eq!(markdown_text("see [name] and <b>x</b>"), "see \\[name\\] and \\<b\\>x\\</b\\>");
        assert_eq!(markdown_text("`a` *b* c_d \\"), "\\`a\\` \\*b\\* c\\_d \\\\");
        assert_eq!(markdown_text("无需处理"), "无需处理");
    }
}
