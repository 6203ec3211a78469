//! Code generation: one data entry drives its variant, doc line, lookup arm, string slots and
//! handler method. Strings live in one static table per layer and locale, so code size grows
//! with entries + locales, not entries x locales.
//!
//! The expansion is written as Rust source text and lexed once: for a catalog of thousands of
//! strings that is several times faster than building it token by token (each
//! `Literal::string` walks Unicode tables to escape the Chinese, Japanese and Korean text), and
//! the macro crate itself compiles faster without `quote!`.

use std::fmt::Write;

use crate::args::Handling;
use crate::model::{Entry, Layer, Locale, Texts, snake_case, upper_camel};
use crate::select::Plan;

/// The expansion as Rust source text.
pub fn expand_source(plan: &Plan<'_>) -> String {
    let mut out = Out { text: String::with_capacity(256 * 1024), krate: plan.krate.to_string() };
    layer_enum(&mut out, plan);
    for (l, layer) in plan.layers.iter().enumerate() {
        code_enum(&mut out, plan, l, layer);
    }
    msdk_error(&mut out, plan);
    decoding(&mut out, plan);
    handler(&mut out, plan);
    out.text
}

/// The text being written, and the path of msdk-codes-core in the user's crate.
struct Out {
    text: String,
    krate: String,
}

/// `write!` into an `Out`; writing to a `String` cannot fail.
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out.text, $($arg)*);
    }};
}

impl Out {
    fn str_literal(&mut self, text: &str) {
        push_str_literal(&mut self.text, text);
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
        self.text.push(']');
    }
}

/// A Rust string literal of `text`, escaping only what a literal cannot hold as is (quotes,
/// backslashes, control characters, and the bidirectional controls rustc's
/// `text_direction_codepoint_in_literal` lint refuses).
pub(crate) fn push_str_literal(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
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
    out.push('"');
}

fn layer_variant(layer: &Layer) -> String {
    upper_camel(&layer.id)
}

fn enum_name(layer: &Layer) -> String {
    format!("{}Error", upper_camel(&layer.id))
}

/// The text that goes into the `locale` table: the locale's own, or English where the user
/// allowed the fallback (with `missing = "error"` a gap was already reported, and English stands
/// in so that expansion can go on).
fn text(texts: &Texts, locale: Locale) -> &str {
    texts.get_or_en(locale).unwrap_or("")
}

fn table_name(prefix: &str, locale: Locale) -> String {
    format!("{}_{}", prefix, locale.tag().to_ascii_uppercase())
}

/// `static PREFIX_XX: [&str; count] = [...];` for each compiled locale, `pick` giving each slot.
fn string_tables<T>(out: &mut Out, plan: &Plan<'_>, prefix: &str, rows: &[T], pick: impl Fn(&T, Locale) -> &str) {
    for &locale in &plan.locales {
        w!(out, "static {}: [&str; {}] = [", table_name(prefix, locale), rows.len());
        out.str_list(rows.iter().map(|row| pick(row, locale)));
        out.text.push_str("];\n");
    }
}

/// `match locale { Locale::En => &PREFIX_EN, ..., _ => &PREFIX_<display> }` over the compiled
/// locales; the `_` arm only when a locale is left out.
fn locale_match(out: &mut Out, plan: &Plan<'_>, prefix: &str) {
    out.text.push_str("match locale {");
    for &locale in &plan.locales {
        w!(out, "{}::Locale::{} => &{},", out.krate, locale.variant(), table_name(prefix, locale));
    }
    if plan.locales.len() < Locale::ALL.len() {
        w!(out, "_ => &{},", table_name(prefix, plan.display));
    }
    out.text.push('}');
}

fn layer_enum(out: &mut Out, plan: &Plan<'_>) {
    let krate = out.krate.clone();
    let count = plan.layers.len();
    out.text.push_str("/// The tables of MSDK codes this expansion was generated for.\n");
    out.text.push_str("#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]\n#[allow(dead_code)]\n");
    out.text.push_str("pub enum Layer {\n");
    for layer in &plan.layers {
        out.doc(&format!(" `{}`: {}", layer.id, layer.title.get(Locale::En).unwrap_or("")));
        w!(out, " {},\n", layer_variant(layer));
    }
    out.text.push_str("}\n#[allow(dead_code)]\nconst _: () = {\n");
    w!(out, "static IDS: [&str; {count}] = [");
    out.str_list(plan.layers.iter().map(|layer| layer.id.as_str()));
    w!(out, "];\nstatic CHANNELS: [{krate}::Channel; {count}] = [");
    for layer in &plan.layers {
        w!(out, "{krate}::Channel::{},", layer.channel.variant());
    }
    out.text.push_str("];\n");
    string_tables(out, plan, "TITLES", &plan.layers, |layer, locale| text(&layer.title, locale));
    out.text.push_str(
        "impl Layer {\n\
         /// Every layer of this expansion, in the data's order.\n\
         pub const ALL: &'static [Layer] = &[",
    );
    for layer in &plan.layers {
        w!(out, "Layer::{},", layer_variant(layer));
    }
    out.text.push_str(
        "];\n\
         /// The ids of `ALL`, as written in `layers = [...]` and in data files.\n\
         pub const IDS: &'static [&'static str] = &IDS;\n\
         /// The layer id, such as `\"access\"`.\n\
         pub fn id(self) -> &'static str { IDS[self as usize] }\n\
         /// The layer's title in `locale`.\n",
    );
    w!(out, "pub fn title(self, locale: {krate}::Locale) -> &'static str {{ let table: &[&str; {count}] = ");
    locale_match(out, plan, "TITLES");
    w!(
        out,
        "; table[self as usize] }}\n\
         /// How responses carry this layer's codes.\n\
         pub fn channel(self) -> {krate}::Channel {{ CHANNELS[self as usize] }}\n\
         /// The layer with this id.\n\
         pub fn from_id(id: &str) -> ::core::option::Option<Layer> {{\n\
             IDS.iter().position(|known| *known == id).map(|index| Layer::ALL[index])\n\
         }}\n\
         }}\n\
         #[automatically_derived]\n\
         impl ::core::fmt::Display for Layer {{\n\
             fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {{\n\
                 f.write_str({}[*self as usize])\n\
             }}\n\
         }}\n\
         #[automatically_derived]\n\
         impl ::core::str::FromStr for Layer {{\n\
             type Err = {krate}::UnknownLayer;\n\
             fn from_str(id: &str) -> ::core::result::Result<Layer, {krate}::UnknownLayer> {{\n\
                 Layer::from_id(id).ok_or_else(|| {krate}::UnknownLayer::new(id, Layer::IDS))\n\
             }}\n\
         }}\n\
         }};\n",
        table_name("TITLES", plan.display)
    );
}

fn code_enum(out: &mut Out, plan: &Plan<'_>, l: usize, layer: &Layer) {
    let krate = out.krate.clone();
    let name = enum_name(layer);
    let variant = layer_variant(layer);
    let count = layer.entries.len();
    let layer_id = &layer.id;

    out.doc(&format!(" Codes of the `{}` layer: {}.", layer.id, layer.title.get(Locale::En).unwrap_or(&layer.id)));
    out.text.push_str("\n#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]\n#[allow(dead_code)]\n");
    w!(out, "pub enum {name} {{\n");
    for entry in &layer.entries {
        let codes = entry.codes.iter().map(|code| format!("`{code}`")).collect::<Vec<_>>().join(", ");
        out.doc(&format!(" {codes}: {}", entry.message.get(Locale::En).unwrap_or("")));
        w!(out, " {},\n", entry.name);
    }
    out.text.push_str("}\n#[allow(dead_code)]\nconst _: () = {\n");

    w!(out, "const CODES: [i32; {count}] = [");
    for entry in &layer.entries {
        w!(out, "{},", entry.code());
    }
    w!(out, "];\nstatic CODE_LISTS: [&[i32]; {count}] = [");
    for entry in &layer.entries {
        out.text.push_str("&[");
        for code in &entry.codes {
            w!(out, "{code},");
        }
        out.text.push_str("],");
    }
    w!(out, "];\nstatic NAMES: [&str; {count}] = [");
    out.str_list(layer.entries.iter().map(|entry| entry.name.as_str()));
    w!(out, "];\nstatic ACTIONS: [{krate}::Action; {count}] = [");
    for action in &plan.actions[l] {
        w!(out, "{krate}::Action::{},", action.variant());
    }
    out.text.push_str("];\n");
    string_tables(out, plan, "MESSAGES", &layer.entries, |entry, locale| text(&entry.message, locale));
    let has = |pick: fn(&Entry) -> &Texts| layer.entries.iter().any(|entry| !pick(entry).is_empty());
    let (has_advice, has_notes) = (has(|entry| &entry.advice), has(|entry| &entry.note));
    // An empty slot is "no text": messages are never empty, so "" is free to mean `None`.
    if has_advice {
        string_tables(out, plan, "ADVICE", &layer.entries, |entry, locale| {
            entry.advice.get_or_en(locale).unwrap_or("")
        });
    }
    if has_notes {
        string_tables(out, plan, "NOTES", &layer.entries, |entry, locale| entry.note.get_or_en(locale).unwrap_or(""));
    }

    w!(
        out,
        "impl {name} {{\n\
         /// Every code of the layer, in the data's order.\n\
         pub const ALL: &'static [{name}] = &["
    );
    for entry in &layer.entries {
        w!(out, "{name}::{},", entry.name);
    }
    w!(
        out,
        "];\n\
         /// The layer these codes belong to.\n\
         pub const LAYER: Layer = Layer::{variant};\n\
         /// The code (the first, when the documents give one meaning to several codes).\n\
         pub const fn code(self) -> i32 {{ CODES[self as usize] }}\n\
         /// Every code of the entry, `code()` first: the documents give some rows several\n\
         /// codes (`-500003~-500009`, OIDB's signed and unsigned forms).\n\
         pub fn codes(self) -> &'static [i32] {{ CODE_LISTS[self as usize] }}\n\
         /// The entry that `code` belongs to, if this layer has it.\n\
         pub const fn from_code(code: i32) -> ::core::option::Option<{name}> {{\n\
         ::core::option::Option::Some(match code {{\n"
    );
    for entry in &layer.entries {
        for (i, code) in entry.codes.iter().enumerate() {
            w!(out, "{}{code}", if i == 0 { "" } else { " | " });
        }
        w!(out, " => {name}::{},\n", entry.name);
    }
    w!(
        out,
        "_ => return ::core::option::Option::None,\n\
         }})\n\
         }}\n\
         /// The variant name, such as `\"AppidNoPermission\"`.\n\
         pub fn name(self) -> &'static str {{ NAMES[self as usize] }}\n\
         /// What to do about this code (after this expansion's `policy`).\n\
         pub fn action(self) -> {krate}::Action {{ ACTIONS[self as usize] }}\n\
         /// The err_type the MSDK access layer would report for this action.\n\
         pub fn err_type(self) -> {krate}::ErrType {{ self.action().err_type() }}\n\
         /// The documents' description of the code, in `locale`.\n\
         pub fn message(self, locale: {krate}::Locale) -> &'static str {{\n\
         let table: &[&str; {count}] = "
    );
    locale_match(out, plan, "MESSAGES");
    w!(
        out,
        "; table[self as usize] }}\n\
         /// The documents' recommended handling, in `locale`, where they give one.\n"
    );
    optional_lookup(out, plan, "advice", has_advice.then_some("ADVICE"), count);
    out.text.push_str("/// What the MSDK FAQ says about this code, where it says something.\n");
    optional_lookup(out, plan, "note", has_notes.then_some("NOTES"), count);
    w!(
        out,
        "}}\n\
         #[automatically_derived]\n\
         impl ::core::fmt::Display for {name} {{\n\
             fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {{\n\
                 f.write_str({display}[*self as usize])\n\
             }}\n\
         }}\n\
         #[automatically_derived]\n\
         impl ::core::error::Error for {name} {{}}\n\
         #[automatically_derived]\n\
         impl ::core::convert::TryFrom<i32> for {name} {{\n\
             type Error = {krate}::CodeNotFound;\n\
             fn try_from(code: i32) -> ::core::result::Result<{name}, {krate}::CodeNotFound> {{\n\
                 {name}::from_code(code).ok_or({krate}::CodeNotFound::new(code, ",
        display = table_name("MESSAGES", plan.display)
    );
    out.str_literal(layer_id);
    w!(
        out,
        "))\n\
             }}\n\
         }}\n\
         #[automatically_derived]\n\
         impl {krate}::Code for {name} {{\n\
             const ALL: &'static [{name}] = {name}::ALL;\n\
             const LAYER_ID: &'static str = "
    );
    out.str_literal(layer_id);
    w!(
        out,
        ";\n\
             fn code(self) -> i32 {{ {name}::code(self) }}\n\
             fn codes(self) -> &'static [i32] {{ {name}::codes(self) }}\n\
             fn from_code(code: i32) -> ::core::option::Option<{name}> {{ {name}::from_code(code) }}\n\
             fn name(self) -> &'static str {{ {name}::name(self) }}\n\
             fn action(self) -> {krate}::Action {{ {name}::action(self) }}\n\
             fn message(self, locale: {krate}::Locale) -> &'static str {{ {name}::message(self, locale) }}\n\
             fn advice(self, locale: {krate}::Locale) -> ::core::option::Option<&'static str> {{ {name}::advice(self, locale) }}\n\
         }}\n\
         #[automatically_derived]\n\
         impl ::core::convert::From<{name}> for MsdkError {{\n\
             fn from(code: {name}) -> MsdkError {{ MsdkError::{variant}(code) }}\n\
         }}\n\
         }};\n"
    );
}

/// `pub fn advice(self, locale) -> Option<&'static str>` over the tables `prefix`, or always
/// `None` when the layer has no such text at all.
fn optional_lookup(out: &mut Out, plan: &Plan<'_>, method: &str, prefix: Option<&str>, count: usize) {
    let krate = out.krate.clone();
    match prefix {
        None => w!(
            out,
            "pub fn {method}(self, _locale: {krate}::Locale) -> ::core::option::Option<&'static str> {{\n\
             ::core::option::Option::None\n\
             }}\n"
        ),
        Some(prefix) => {
            w!(
                out,
                "pub fn {method}(self, locale: {krate}::Locale) -> ::core::option::Option<&'static str> {{\n\
                 let table: &[&str; {count}] = "
            );
            locale_match(out, plan, prefix);
            out.text.push_str(
                ";\nlet text = table[self as usize];\n\
                 if text.is_empty() { ::core::option::Option::None } else { ::core::option::Option::Some(text) }\n\
                 }\n",
            );
        }
    }
}

/// `match self { MsdkError::Access(code) => <arm>, ..., MsdkError::Unknown<unknown_arm> }`;
/// `$layer` in `arm` stands for the layer's variant, and the code is bound as `code` when `arm`
/// uses it.
fn per_layer_match(out: &mut Out, plan: &Plan<'_>, arm: &str, unknown_arm: &str) {
    out.text.push_str("match self {\n");
    let binding = if arm.contains("code") { "code" } else { "_" };
    for layer in &plan.layers {
        let variant = layer_variant(layer);
        w!(out, "MsdkError::{variant}({binding}) => {},\n", arm.replace("$layer", &variant));
    }
    w!(out, "MsdkError::Unknown{unknown_arm}\n}}\n");
}

fn msdk_error(out: &mut Out, plan: &Plan<'_>) {
    let krate = out.krate.clone();
    out.text.push_str(
        "/// Any MSDK code of this expansion's layers, or an unknown one kept whole.\n\
         #[derive(Clone, Debug, PartialEq, Eq, Hash)]\n#[allow(dead_code)]\npub enum MsdkError {\n",
    );
    for layer in &plan.layers {
        out.doc(&format!(" A code of the `{}` layer.", layer.id));
        w!(out, " {}({}),\n", layer_variant(layer), enum_name(layer));
    }
    w!(
        out,
        "/// A code that no selected layer knows, with everything the server sent.\n\
         Unknown({krate}::UnknownCode),\n\
         }}\n\
         #[allow(dead_code)]\n\
         const _: () = {{\n\
         impl MsdkError {{\n\
         /// The layer of a known code; `None` for `Unknown`.\n\
         pub fn layer(&self) -> ::core::option::Option<Layer> {{\n"
    );
    per_layer_match(out, plan, "::core::option::Option::Some(Layer::$layer)", "(_) => ::core::option::Option::None,");
    out.text.push_str(
        "}\n\
         /// The code: the entry's, or for `Unknown` the platform code if the server sent one,\n\
         /// else `ret`.\n\
         pub fn code(&self) -> i32 {\n",
    );
    per_layer_match(out, plan, "code.code()", "(unknown) => unknown.code(),");
    out.text.push_str(
        "}\n\
         /// The entry's name, such as `\"AppidNoPermission\"`; `\"Unknown\"` for an unknown code.\n\
         pub fn name(&self) -> &'static str {\n",
    );
    per_layer_match(out, plan, "code.name()", "(_) => \"Unknown\",");
    w!(
        out,
        "}}\n/// What to do; an unknown code asks for `ContactSupport`.\npub fn action(&self) -> {krate}::Action {{\n"
    );
    per_layer_match(out, plan, "code.action()", &format!("(_) => {krate}::Action::ContactSupport,"));
    w!(
        out,
        "}}\n/// The err_type of the action; for `Unknown`, the one the server sent, if any.\n\
         pub fn err_type(&self) -> {krate}::ErrType {{\n"
    );
    per_layer_match(out, plan, "code.err_type()", "(unknown) => unknown.err_type(),");
    w!(
        out,
        "}}\n/// The err_type that applies to `response`, which this error was decoded from: the\n\
         /// server's, when it sent a documented one, wins over the one of the action.\n\
         pub fn err_type_in(&self, response: &{krate}::Response) -> {krate}::ErrType {{\n\
         response.err_type.and_then({krate}::ErrType::from_code).unwrap_or_else(|| self.err_type())\n"
    );
    w!(
        out,
        "}}\n/// The description in `locale`; for `Unknown`, the server's own `msg`.\n\
         pub fn message(&self, locale: {krate}::Locale) -> &str {{\n"
    );
    per_layer_match(out, plan, "code.message(locale)", "(unknown) => unknown.msg(),");
    w!(
        out,
        "}}\n/// The recommended handling in `locale`, where the documents give one.\n\
         pub fn advice(&self, locale: {krate}::Locale) -> ::core::option::Option<&'static str> {{\n"
    );
    per_layer_match(out, plan, "code.advice(locale)", "(_) => ::core::option::Option::None,");
    w!(
        out,
        "}}\n/// What the MSDK FAQ says about the code, where it says something.\n\
         pub fn note(&self, locale: {krate}::Locale) -> ::core::option::Option<&'static str> {{\n"
    );
    per_layer_match(out, plan, "code.note(locale)", "(_) => ::core::option::Option::None,");
    out.text.push_str(
        "}\n\
         /// The known code `code` of `layer`.\n\
         #[inline]\n\
         pub fn from_code(layer: Layer, code: i32) -> ::core::option::Option<MsdkError> {\n\
         match layer {\n",
    );
    for layer in &plan.layers {
        let variant = layer_variant(layer);
        w!(out, "Layer::{variant} => {}::from_code(code).map(MsdkError::{variant}),\n", enum_name(layer));
    }
    out.text.push_str(
        "}\n}\n}\n\
         #[automatically_derived]\n\
         impl ::core::fmt::Display for MsdkError {\n\
         fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {\n",
    );
    per_layer_match(
        out,
        plan,
        "::core::write!(f, \"{} {}: {}\", Layer::$layer, code.code(), code)",
        "(unknown) => ::core::fmt::Display::fmt(unknown, f),",
    );
    out.text.push_str(
        "}\n}\n\
         #[automatically_derived]\n\
         impl ::core::error::Error for MsdkError {}\n\
         };\n",
    );
}

/// The layer ids the decoding rules name (`msdk_codes_core::__private::Table`), which a user's
/// data may define too.
const DECODING_TABLES: &[(&str, &str)] = &[
    ("Access", "access"),
    ("Logical", "logical"),
    ("QqPlatform", "qq_platform"),
    ("WechatPlatform", "wechat_platform"),
    ("Oidb", "oidb"),
    ("OidbPayToken", "oidb_pay_token"),
    ("OidbAccessToken", "oidb_access_token"),
];

fn decoding(out: &mut Out, plan: &Plan<'_>) {
    let krate = out.krate.clone();
    out.text.push_str("#[allow(dead_code)]\nconst _: () = {\n");
    w!(out, "static RANGES: &[{krate}::CodeRange] = &[");
    for layer in &plan.layers {
        for range in &layer.ranges {
            w!(out, "{krate}::CodeRange {{ layer: ");
            out.str_literal(&layer.id);
            out.text.push_str(", name: ");
            out.str_literal(&range.name);
            w!(out, ", low: {}, high: {}, message: ", range.low, range.high);
            out.str_literal(text(&range.message, plan.display));
            out.text.push_str(" },");
        }
    }
    // The tables the decoding rules name, resolved to this expansion's layers at compile time.
    w!(
        out,
        "];\n\
         const fn table_layer(table: {krate}::__private::Table, via: ::core::option::Option<Layer>) -> ::core::option::Option<Layer> {{\n\
         match table {{\n\
         {krate}::__private::Table::Via => via,\n"
    );
    for (table, id) in DECODING_TABLES {
        match plan.layers.iter().find(|layer| layer.id == *id) {
            Some(layer) => w!(
                out,
                "{krate}::__private::Table::{table} => ::core::option::Option::Some(Layer::{}),\n",
                layer_variant(layer)
            ),
            None => w!(out, "{krate}::__private::Table::{table} => ::core::option::Option::None,\n"),
        }
    }
    w!(
        out,
        "}}\n}}\n\
         /// Decodes a response: a `Response`, borrowed or owned, or a JSON body's parts.\n\
         #[inline]\n\
         fn decode_with<S: {krate}::__private::Source>(response: S, via: ::core::option::Option<Layer>) -> ::core::option::Option<MsdkError> {{\n\
             let route = {krate}::__private::Route::new(response.ret(), response.msg(), via.map(Layer::channel))?;\n\
             for (table, code) in route.attempts() {{\n\
                 if let (::core::option::Option::Some(layer), ::core::result::Result::Ok(code)) = (table_layer(table, via), i32::try_from(code)) {{\n\
                     let found = MsdkError::from_code(layer, code);\n\
                     if found.is_some() {{\n\
                         return found;\n\
                     }}\n\
                 }}\n\
             }}\n\
             let layer_id = |table| table_layer(table, via).map(Layer::id);\n\
             ::core::option::Option::Some(MsdkError::Unknown(route.unknown(response, RANGES, layer_id)))\n\
         }}\n\
         {krate}::__json_entry_points!();\n\
         impl MsdkError {{\n\
             /// Decodes a response: `None` when `ret` is 0 (success). Platform codes passed\n\
             /// through with ret -10000 / -20000 are looked up in `qq_platform` /\n\
             /// `wechat_platform`, OIDB codes by the command `msg` names, others in `access`\n\
             /// then `logical`; a code no selected layer knows is `Unknown`, kept whole.\n\
             pub fn decode(response: &{krate}::Response) -> ::core::option::Option<MsdkError> {{\n\
                 decode_with(response, ::core::option::Option::None)\n\
             }}\n\
             /// Like [`MsdkError::decode`], for a response of the API whose platform codes\n\
             /// belong to `via` (`share_qq` for /share/qq, `qq_group` for the group APIs, ...),\n\
             /// searched before the platform's general table.\n\
             pub fn decode_in(response: &{krate}::Response, via: Layer) -> ::core::option::Option<MsdkError> {{\n\
                 decode_with(response, ::core::option::Option::Some(via))\n\
             }}\n\
             /// [`MsdkError::decode`] taking the response: an unknown code keeps its `msg`\n\
             /// without copying it.\n\
             pub fn from_response(response: {krate}::Response) -> ::core::option::Option<MsdkError> {{\n\
                 decode_with(response, ::core::option::Option::None)\n\
             }}\n\
             /// [`MsdkError::decode_in`] taking the response: an unknown code keeps its `msg`\n\
             /// without copying it.\n\
             pub fn from_response_in(response: {krate}::Response, via: Layer) -> ::core::option::Option<MsdkError> {{\n\
                 decode_with(response, ::core::option::Option::Some(via))\n\
             }}\n\
             /// The documented ranges (such as logical's \"-100 to -999: system errors\") of the\n\
             /// selected layers.\n\
             pub fn ranges() -> &'static [{krate}::CodeRange] {{\n\
                 RANGES\n\
             }}\n\
         }}\n\
         }};\n"
    );
}

fn handler(out: &mut Out, plan: &Plan<'_>) {
    let by_action = plan.handling == Handling::ByAction;
    let mode = if by_action {
        " Mode `by_action`: implement `unknown` and one method per action; override a code's own method to treat it specially."
    } else {
        " Mode `every_code`: implement `unknown` and every code's method; a code added to the data is a compile error until handled."
    };
    out.text.push_str("/// Handles every [`MsdkError`] of this expansion; call it with [`MsdkError::handle`].\n///\n");
    out.doc(mode);
    out.text.push_str(
        "\n#[allow(dead_code)]\n\
         pub trait Handler {\n\
         /// What handling an error produces.\n\
         type Output;\n\
         /// Handles a code that no selected layer knows.\n\
         fn unknown(&mut self, err: &MsdkError) -> Self::Output;\n",
    );
    if by_action {
        for action in plan.actions_present() {
            w!(
                out,
                "/// Handles every code whose action is `{id}`, unless its own method is overridden.\n\
                 fn {id}(&mut self, err: &MsdkError) -> Self::Output;\n",
                id = action.id()
            );
        }
    }
    for (l, layer) in plan.layers.iter().enumerate() {
        for (e, entry) in layer.entries.iter().enumerate() {
            let action = plan.actions[l][e];
            out.doc(&format!(
                " `{}` {} `{}` ({}): {}",
                layer.id,
                entry.code(),
                entry.name,
                action.id(),
                entry.message.get(Locale::En).unwrap_or("")
            ));
            w!(out, "\nfn {}(&mut self, err: &MsdkError) -> Self::Output", handler_method(layer, entry));
            if by_action {
                w!(out, " {{ self.{}(err) }}\n", action.id());
            } else {
                out.text.push_str(";\n");
            }
        }
    }
    out.text.push_str(
        "}\n\
         #[allow(dead_code)]\n\
         const _: () = {\n\
         impl MsdkError {\n\
         /// Calls the handler method for this error's code: one exhaustive `match`, no\n\
         /// allocation, no lookup.\n\
         pub fn handle<H: Handler + ?::core::marker::Sized>(&self, handler: &mut H) -> H::Output {\n\
         match self {\n",
    );
    for layer in &plan.layers {
        let enum_name = enum_name(layer);
        w!(out, "MsdkError::{}(code) => match code {{\n", layer_variant(layer));
        for entry in &layer.entries {
            w!(out, "{enum_name}::{} => handler.{}(self),\n", entry.name, handler_method(layer, entry));
        }
        out.text.push_str("},\n");
    }
    out.text.push_str("MsdkError::Unknown(_) => handler.unknown(self),\n}\n}\n}\n};\n");
}

/// `<layer id>_<snake_case name>`, such as `access_appid_no_permission`.
fn handler_method(layer: &Layer, entry: &Entry) -> String {
    format!("{}_{}", layer.id, snake_case(&entry.name))
}
