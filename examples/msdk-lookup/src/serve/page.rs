//! The pages, rendered on the server as plain HTML: every text that comes from the catalog, a
//! team's file or the request is escaped; no script.

use std::fmt::Write as _;

use msdk_codes_core::{Action, Locale, Response};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::index::{Decoded, Found, Index, text};
use super::words::{Words, language_name, words};
use crate::catalog::{Layer, MsdkError};
use crate::explain::{self, Reading};
use crate::join_codes;

/// What a query value keeps unescaped in a link.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// `text` safe inside HTML text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A link to one of the server's own pages, in `locale`: the query's values encoded, the whole
/// escaped for an attribute.
pub fn link(path: &str, params: &[(&str, &str)], locale: Locale) -> String {
    let mut url = path.to_owned();
    let mut separator = '?';
    for (name, value) in params.iter().chain([("lang", locale.tag())].iter()) {
        url.push(separator);
        separator = '&';
        url.push_str(name);
        url.push('=');
        url.extend(utf8_percent_encode(value, QUERY_VALUE));
    }
    escape(&url)
}

/// A button that shows `path` again with `params` in `locale`, as a form posted to it: text a
/// visitor pasted travels in the request's body, never in an address (which browsers keep in
/// their history and send to proxies).
pub fn post_button(path: &str, params: &[(&str, &str)], locale: Locale, class: &str, label_html: &str) -> String {
    let mut out = format!("<form class=\"inline\" method=\"post\" action=\"{}\">", escape(path));
    for (name, value) in params.iter().chain([("lang", locale.tag())].iter()) {
        let _ = write!(out, "<input type=\"hidden\" name=\"{}\" value=\"{}\">", escape(name), escape(value));
    }
    let _ = write!(out, "<button type=\"submit\" class=\"{class}\">{label_html}</button></form>");
    out
}

/// The address of a code's page.
pub fn code_path(layer: &str, code: i32) -> String {
    format!("/code/{}/{code}", utf8_percent_encode(layer, QUERY_VALUE))
}

/// Where the page is, so that the language switch can show it again in another language.
pub struct Here<'a> {
    pub path: &'a str,
    pub params: Vec<(&'a str, String)>,
    /// The params hold pasted text: the switch posts them instead of linking to them.
    pub pasted: bool,
}

/// What the forms show again: the query searched, the response decoded.
#[derive(Default)]
pub struct Filled {
    pub query: String,
    pub body: String,
    pub ret: String,
    pub msg: String,
    pub via: String,
}

const STYLE: &str = "
:root { color-scheme: light; --ink: #1d2430; --muted: #5b6676; --line: #d9dee6; --accent: #1f5fbf; --team: #8a4b00; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'Noto Sans CJK SC',
  'Noto Sans CJK JP', 'Noto Sans CJK KR', sans-serif; color: var(--ink); background: #f6f7f9; }
header { display: flex; align-items: center; justify-content: space-between; gap: 1em; padding: .6em 1.2em;
  background: #fff; border-bottom: 1px solid var(--line); }
header .home { font-weight: 600; font-size: 1.15em; color: var(--ink); text-decoration: none; }
nav.langs a, nav.langs strong, nav.langs form { margin-left: .8em; }
form.inline { display: inline; }
button.link { background: none; border: 0; padding: 0; font: inherit; color: var(--accent);
  text-decoration: underline; cursor: pointer; }
main { max-width: 72em; margin: 0 auto; padding: 1em 1.2em 3em; }
a { color: var(--accent); }
h1 { font-size: 1.35em; margin: .6em 0; }
h2 { font-size: 1.1em; margin: 1.2em 0 .5em; }
form { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .8em 1em; margin: .8em 0; }
form label { display: block; font-weight: 600; margin-bottom: .3em; }
form .row { display: flex; gap: .8em; flex-wrap: wrap; align-items: end; margin-top: .5em; }
form .row label { font-weight: normal; }
input, textarea, select, button { font: inherit; padding: .35em .5em; border: 1px solid #b9c1cc; border-radius: 4px; }
input[type=search] { width: min(36em, 70%); }
textarea { width: 100%; font-family: ui-monospace, 'Noto Sans Mono', monospace; font-size: .9em; }
button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
.hint { color: var(--muted); margin: 0 0 .4em; }
.problem { background: #fdecea; border: 1px solid #f1b0a9; border-radius: 6px; padding: .6em 1em; }
table { border-collapse: collapse; background: #fff; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .35em .6em; border-bottom: 1px solid var(--line); }
table.fields th { width: 12em; color: var(--muted); font-weight: 600; }
table.results th { background: #eef1f5; }
table.said { width: auto; background: none; }
table.said th, table.said td { width: auto; border: 0; padding: 0 1em 0 0; }
code, .code { font-family: ui-monospace, 'Noto Sans Mono', monospace; font-size: .92em; }
.team { display: inline-block; margin-left: .4em; padding: 0 .45em; border-radius: 3px; font-size: .8em;
  color: #fff; background: var(--team); }
.count { color: var(--muted); }
";

pub fn layout(locale: Locale, title: &str, here: &Here<'_>, filled: &Filled, index: &Index, main: &str) -> String {
    let w = words(locale);
    let mut out = String::with_capacity(main.len() + 8192);
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"{tag}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · {site}</title><style>{STYLE}</style></head>\n<body>\n<header>\
         <a class=\"home\" href=\"{home}\">{site}</a><nav class=\"langs\">",
        tag = locale.tag(),
        title = escape(title),
        site = escape(w.title),
        home = link("/", &[], locale),
    );
    for other in Locale::ALL {
        if other == locale {
            let _ = write!(out, "<strong lang=\"{}\">{}</strong>", other.tag(), language_name(other));
        } else if here.pasted {
            let params: Vec<(&str, &str)> = here.params.iter().map(|(name, value)| (*name, value.as_str())).collect();
            let label = format!("<span lang=\"{}\">{}</span>", other.tag(), language_name(other));
            out.push_str(&post_button(here.path, &params, other, "link", &label));
        } else {
            let params: Vec<(&str, &str)> = here.params.iter().map(|(name, value)| (*name, value.as_str())).collect();
            let _ = write!(
                out,
                "<a lang=\"{}\" hreflang=\"{}\" href=\"{}\">{}</a>",
                other.tag(),
                other.tag(),
                link(here.path, &params, other),
                language_name(other)
            );
        }
    }
    out.push_str("</nav></header>\n<main>\n");
    out.push_str(&search_form(w, locale, &filled.query));
    out.push_str(main);
    out.push_str(&decode_form(w, locale, filled, index));
    out.push_str("</main>\n</body></html>\n");
    out
}

fn search_form(w: &Words, locale: Locale, query: &str) -> String {
    format!(
        "<form class=\"search\" action=\"/search\" method=\"get\"><label for=\"q\">{label}</label>\
         <input type=\"search\" id=\"q\" name=\"q\" value=\"{query}\" placeholder=\"{placeholder}\"> \
         <input type=\"hidden\" name=\"lang\" value=\"{tag}\"><button id=\"search\" type=\"submit\">{button}</button></form>\n",
        label = escape(w.search_label),
        query = escape(query),
        placeholder = escape(w.search_placeholder),
        tag = locale.tag(),
        button = escape(w.search_button),
    )
}

fn decode_form(w: &Words, locale: Locale, filled: &Filled, index: &Index) -> String {
    let mut options = format!("<option value=\"\">{}</option>", escape(w.via_any));
    for layer in index.layers() {
        let selected = if layer.id == filled.via { " selected" } else { "" };
        let _ = write!(
            options,
            "<option value=\"{id}\"{selected}>{id} · {title}</option>",
            id = escape(&layer.id),
            title = escape(text(&layer.title, locale))
        );
    }
    format!(
        "<form class=\"decode\" action=\"{action}\" method=\"post\"><h2>{heading}</h2><p class=\"hint\">{hint}</p>\
         <label for=\"body\">{body_label}</label><textarea id=\"body\" name=\"body\" rows=\"3\" \
         placeholder='{{\"ret\":-10000,\"msg\":\"-73,...\"}}'>{body}</textarea>\
         <div class=\"row\"><label>{ret_label}<br><input id=\"ret\" name=\"ret\" size=\"10\" value=\"{ret}\"></label>\
         <label>{msg_label}<br><input id=\"msg\" name=\"msg\" size=\"40\" value=\"{msg}\"></label>\
         <label>{via_label}<br><select id=\"via\" name=\"via\">{options}</select></label>\
         <input type=\"hidden\" name=\"lang\" value=\"{tag}\">\
         <button id=\"decode\" type=\"submit\">{button}</button></div></form>\n",
        action = link("/decode", &[], locale),
        heading = escape(w.decode_heading),
        hint = escape(w.decode_hint),
        body_label = escape(w.body_label),
        body = escape(&filled.body),
        ret_label = escape(w.ret_label),
        ret = escape(&filled.ret),
        msg_label = escape(w.msg_label),
        msg = escape(&filled.msg),
        via_label = escape(w.via_label),
        tag = locale.tag(),
        button = escape(w.decode_button),
    )
}

/// A problem with the request, said in the page's language.
pub fn problem(message: &str) -> String {
    format!("<p class=\"problem\" id=\"problem\" role=\"alert\">{}</p>\n", escape(message))
}

/// The home page's own part: what the catalog holds.
pub fn home(locale: Locale, index: &Index) -> String {
    let w = words(locale);
    let mut out = format!(
        "<p class=\"hint\">{}</p>\n<table class=\"results\" id=\"layers\"><tr><th colspan=\"2\">{}</th><th>{}</th></tr>\n",
        escape(w.tagline),
        escape(w.layer),
        escape(w.entries)
    );
    for layer in index.layers() {
        let team = if index.is_team_layer(layer) { team_badge(w) } else { String::new() };
        let _ = writeln!(
            out,
            "<tr><td><span class=\"code\">{id}</span>{team}</td><td>{title}</td><td class=\"count\">{count}</td></tr>",
            id = escape(&layer.id),
            title = escape(text(&layer.title, locale)),
            count = layer.entries.len(),
        );
    }
    out.push_str("</table>\n");
    out
}

fn team_badge(w: &Words) -> String {
    format!("<span class=\"team\">{}</span>", escape(w.team))
}

/// Search results as a table: layer, code, name, action, message.
pub fn results(locale: Locale, index: &Index, found: &[Found<'_>]) -> String {
    let w = words(locale);
    if found.is_empty() {
        return format!("<p id=\"no-results\">{}</p>\n", escape(w.no_results));
    }
    let mut out = format!("<p class=\"count\" id=\"count\">{} {}</p>\n", found.len(), escape(w.results));
    let _ = writeln!(
        out,
        "<table class=\"results\" id=\"results\"><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        escape(w.layer),
        escape(w.code),
        escape(w.name),
        escape(w.action),
        escape(w.message)
    );
    for &found in found {
        out.push_str(&summary_row(locale, index, found, None));
    }
    out.push_str("</table>\n");
    out
}

/// One entry as a row of a results table; `decode_link` replaces the code's link when the row
/// stands for a reading of a response.
fn summary_row(locale: Locale, index: &Index, found: Found<'_>, decode_button: Option<String>) -> String {
    let w = words(locale);
    let team = if index.is_team_entry(found.entry) { team_badge(w) } else { String::new() };
    let code_link = link(&code_path(&found.layer.id, found.entry.code()), &[], locale);
    let first = match decode_button {
        Some(button) => button,
        None => format!("<span class=\"code\">{}</span>", escape(&found.layer.id)),
    };
    format!(
        "<tr><td>{first}</td><td><a class=\"code\" href=\"{code_link}\">{codes}</a>{team}</td><td>{name}</td>\
         <td><span class=\"code\">{action}</span></td><td>{message}</td></tr>\n",
        codes = escape(&join_codes(&found.entry.codes)),
        name = escape(&found.entry.name),
        action = escape(found.entry.action.id()),
        message = escape(text(&found.entry.message, locale)),
    )
}

fn field(out: &mut String, id: &str, label: &str, value_html: &str) {
    let _ = writeln!(out, "<tr id=\"{id}\"><th>{}</th><td>{value_html}</td></tr>", escape(label));
}

fn action_html(w: &Words, action: Action) -> String {
    format!("<span class=\"code\">{}</span> — {}", escape(action.id()), escape(w.action_meaning(action)))
}

/// The fields every page of an entry shows in the page's language.
fn entry_fields(out: &mut String, locale: Locale, index: &Index, found: Found<'_>) {
    let w = words(locale);
    let layer_team = if index.is_team_layer(found.layer) { team_badge(w) } else { String::new() };
    field(
        out,
        "layer",
        w.layer,
        &format!(
            "<span class=\"code\">{}</span> ({}){layer_team}",
            escape(&found.layer.id),
            escape(text(&found.layer.title, locale))
        ),
    );
    let code_link = link(&code_path(&found.layer.id, found.entry.code()), &[], locale);
    field(
        out,
        "code",
        w.code,
        &format!("<a class=\"code\" href=\"{code_link}\">{}</a>", escape(&join_codes(&found.entry.codes))),
    );
    field(out, "name", w.name, &format!("<span class=\"code\">{}</span>", escape(&found.entry.name)));
    field(out, "action", w.action, &action_html(w, found.entry.action));
    for (id, label, texts) in [
        ("message", w.message, &found.entry.message),
        ("advice", w.advice, &found.entry.advice),
        ("note", w.note, &found.entry.note),
    ] {
        if !texts.is_empty() {
            field(out, id, label, &escape(text(texts, locale)));
        }
    }
    if let Some(location) = index.team_location(found.entry) {
        field(
            out,
            "team-file",
            w.team_file,
            &format!("<span class=\"code\">{}</span>{}", escape(&location), team_badge(w)),
        );
    }
}

/// The decoded entry of a response, with what the server said, its other meanings, or the nearest
/// known codes.
pub fn decoded(locale: Locale, index: &Index, response: &Response, via: Option<Layer>) -> String {
    let w = words(locale);
    let (decoded, found) = explain::find(response, via);
    let mut out = String::from("<section id=\"decoded\">\n<table class=\"fields\">\n");
    field(&mut out, "ret", "ret", &format!("<span class=\"code\">{}</span>", response.ret));
    if !response.msg.is_empty() {
        field(&mut out, "msg", "msg", &format!("<span class=\"code\">{}</span>", escape(&response.msg)));
    }
    let mut after = String::new();
    // The page's catalog (with a team's files under `--extend`) decodes by the runtime's search,
    // as the library would in a crate that extends the catalog with them: a team's entry is
    // shown as such, and an unknown code is the one that crate would get.
    let in_catalog = index.decode(response, via.map(Layer::id));
    if let Decoded::Known(entry) = in_catalog
        && index.is_team_entry(entry.entry)
    {
        entry_fields(&mut out, locale, index, entry);
        field(&mut out, "err_type", w.err_type, &escape(&explain::action_err_type_text(entry.entry.action)));
        said(&mut out, w, response, true);
        out.push_str("</table>\n</section>\n");
        return out;
    }
    let in_catalog = match in_catalog {
        Decoded::Unknown(unknown) => Some(unknown),
        Decoded::Success | Decoded::Known(_) => None,
    };
    match &decoded {
        None => field(&mut out, "result", "", &escape(w.success)),
        Some(MsdkError::Unknown(unknown)) => {
            let unknown = in_catalog.as_ref().unwrap_or(unknown);
            let result = if unknown.known_in().is_some() { w.unknown_elsewhere } else { w.unknown_nowhere };
            field(&mut out, "result", "", &format!("<strong>{}</strong>", escape(result)));
            if let Some(known) = unknown.known_in() {
                field(
                    &mut out,
                    "known-in",
                    w.known_in,
                    &format!("<span class=\"code\">{}</span>", escape(known.layer())),
                );
            }
            if let Some(code) = unknown.platform_code() {
                field(&mut out, "platform-code", w.platform_code, &format!("<span class=\"code\">{code}</span>"));
            }
            if let Some(id) = unknown.layer() {
                let title = index.layer(id).map(|layer| text(&layer.title, locale)).unwrap_or_default();
                field(
                    &mut out,
                    "layer-searched",
                    w.layer_searched,
                    &format!("<span class=\"code\">{}</span> ({})", escape(id), escape(title)),
                );
            }
            if let Some(range) = unknown.range() {
                let value = format!("{} {}~{}: {}", range.name, range.low, range.high, range.message);
                field(&mut out, "range", w.range, &escape(&value));
            }
            said(&mut out, w, response, false);
            field(&mut out, "action", w.action, &action_html(w, Action::ContactSupport));
            field(&mut out, "err_type", w.err_type, &escape(&unknown.err_type().to_string()));
            let code = unknown.platform_code().unwrap_or_else(|| i64::from(unknown.ret()));
            let team = index.team_entries(unknown.layer(), code);
            if !team.is_empty() {
                let _ = writeln!(after, "<h2 id=\"team-entries\">{}</h2>", escape(w.in_team_files));
                after.push_str(&results(locale, index, &team));
            }
            if !found.suggestions.is_empty() {
                let readings: Vec<&Reading> = found.suggestions.iter().take(explain::MAX_SUGGESTIONS).collect();
                after.push_str(&readings_table(locale, index, "suggestions", w.suggestions, &readings));
            }
        }
        Some(err) => {
            let layer = err.layer().map(Layer::id).unwrap_or_default();
            match index.entry(layer, i64::from(err.code())) {
                Some(entry) => entry_fields(&mut out, locale, index, entry),
                None => field(&mut out, "name", w.name, &escape(err.name())),
            }
            field(&mut out, "err_type", w.err_type, &escape(&explain::err_type_text(err)));
            said(&mut out, w, response, true);
            if !found.meanings.is_empty() {
                let readings: Vec<&Reading> = found.meanings.iter().collect();
                after.push_str(&readings_table(locale, index, "meanings", w.meanings, &readings));
            }
        }
    }
    out.push_str("</table>\n");
    out.push_str(&after);
    out.push_str("</section>\n");
    out
}

/// The server's own words, `rid` and `hint`, as `explain` shows them.
fn said(out: &mut String, w: &Words, response: &Response, known: bool) {
    let mut rows = Vec::new();
    explain::said_rows(response, known, &mut rows);
    if rows.is_empty() {
        return;
    }
    let mut value = String::from("<table class=\"said\">");
    for (label, text) in rows {
        let _ = write!(value, "<tr id=\"said-{label}\"><th>{label}</th><td class=\"code\">{}</td></tr>", escape(&text));
    }
    value.push_str("</table>");
    field(out, "said", w.said, &value);
}

/// Readings of a response (its meanings in other tables, or the nearest known codes), each
/// linked to its own decoding.
fn readings_table(locale: Locale, index: &Index, id: &str, heading: &str, readings: &[&Reading]) -> String {
    let w = words(locale);
    let mut out = format!(
        "<h2>{}</h2>\n<table class=\"results\" id=\"{id}\"><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
        escape(heading),
        escape(w.via_label),
        escape(w.code),
        escape(w.name),
        escape(w.action),
        escape(w.message)
    );
    for reading in readings {
        let layer = reading.layer().id();
        let Some(found) = index.entry(layer, i64::from(reading.err.code())) else { continue };
        let ret = reading.response.ret.to_string();
        let mut params = vec![("ret", ret.as_str()), ("msg", reading.response.msg.as_str())];
        if let Some(via) = reading.via {
            params.push(("via", via.id()));
        }

        let label = match reading.via {
            Some(via) => format!("{} ({})", via.id(), reading.response.ret),
            None => format!("{} ({})", layer, reading.response.ret),
        };
        let button = post_button("/decode", &params, locale, "link code", &escape(&label));
        out.push_str(&summary_row(locale, index, found, Some(button)));
    }
    out.push_str("</table>\n");
    out
}

/// A code's own page: its fields, the `Handler` method, and its texts in every language.
pub fn code_page(locale: Locale, index: &Index, found: Found<'_>) -> String {
    let w = words(locale);
    let team = if index.is_team_entry(found.entry) { team_badge(w) } else { String::new() };
    let mut out = format!(
        "<h1 id=\"title\"><span class=\"code\">{} {}</span> {}{team}</h1>\n<table class=\"fields\">\n",
        escape(&found.layer.id),
        found.entry.code(),
        escape(&found.entry.name)
    );
    entry_fields(&mut out, locale, index, found);
    field(&mut out, "err_type", w.err_type, &escape(&found.entry.action.err_type().to_string()));
    field(
        &mut out,
        "handler",
        w.handler,
        &format!(
            "<code>Handler::{}</code> ({} <code>Handler::{}</code>)",
            escape(&Index::handler_method(found)),
            escape(w.handler_default),
            escape(found.entry.action.id())
        ),
    );
    out.push_str("</table>\n");
    let _ = writeln!(
        out,
        "<h2>{}</h2>\n<table class=\"results\" id=\"languages\"><tr><th></th><th>{}</th><th>{}</th><th>{}</th></tr>",
        escape(w.in_every_language),
        escape(w.message),
        escape(w.advice),
        escape(w.note)
    );
    for other in Locale::ALL {
        let _ = write!(out, "<tr id=\"in-{tag}\" lang=\"{tag}\"><th>{}</th>", language_name(other), tag = other.tag());
        for texts in [&found.entry.message, &found.entry.advice, &found.entry.note] {
            match texts.get(other) {
                Some(text) => {
                    let _ = write!(out, "<td>{}</td>", escape(text));
                }
                None if texts.is_empty() => out.push_str("<td></td>"),
                None => {
                    let _ = write!(out, "<td class=\"count\">{}</td>", escape(w.missing_text));
                }
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(escape(r#"<b a='1'>"&"</b>"#), "&lt;b a=&#39;1&#39;&gt;&quot;&amp;&quot;&lt;/b&gt;");
    }

    #[test]
    fn links_encode_values_and_keep_the_language() {
        assert_eq!(link("/search", &[("q", "a&b 権")], Locale::Ja), "/search?q=a%26b%20%E6%A8%A9&amp;lang=ja");
        assert_eq!(link("/", &[], Locale::En), "/?lang=en");
    }
}
