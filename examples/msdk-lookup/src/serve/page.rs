//! The pages, rendered on the server as plain HTML through maud's templates, which escape every
//! value they insert (the catalog's, a team's file's, the request's); no script.

use maud::{DOCTYPE, Markup, PreEscaped, html};
use msdk_codes_core::{Action, Locale, Response};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::index::{Decoded, Found, Index, text};
use super::words::{Words, language_name, words};
use crate::catalog::{Layer, MsdkError};
use crate::explain::{self, Reading};
use crate::join_codes;

/// What a query value keeps unescaped in a link.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// A link to one of the server's own pages, in `locale`, with the query's values encoded (the
/// template escapes the whole for its attribute).
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
    url
}

/// A button that shows `path` again with `params` in `locale`, as a form posted to it: text a
/// visitor pasted travels in the request's body, never in an address (which browsers keep in
/// their history and send to proxies).
pub fn post_button(path: &str, params: &[(&str, &str)], locale: Locale, class: &str, label: Markup) -> Markup {
    html! {
        form.inline method="post" action=(path) {
            @for (name, value) in params.iter().chain([("lang", locale.tag())].iter()) {
                input type="hidden" name=(name) value=(value);
            }
            button type="submit" class=(class) { (label) }
        }
    }
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

pub fn layout(locale: Locale, title: &str, here: &Here<'_>, filled: &Filled, index: &Index, main: Markup) -> String {
    let w = words(locale);
    let params: Vec<(&str, &str)> = here.params.iter().map(|(name, value)| (*name, value.as_str())).collect();
    html! {
        (DOCTYPE)
        html lang=(locale.tag()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · " (w.title) }
                // The page's own constant style sheet, no value in it.
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    a.home href=(link("/", &[], locale)) { (w.title) }
                    nav.langs {
                        @for other in Locale::ALL {
                            @if other == locale {
                                strong lang=(other.tag()) { (language_name(other)) }
                            } @else if here.pasted {
                                (post_button(here.path, &params, other, "link", html! {
                                    span lang=(other.tag()) { (language_name(other)) }
                                }))
                            } @else {
                                a lang=(other.tag()) hreflang=(other.tag()) href=(link(here.path, &params, other)) {
                                    (language_name(other))
                                }
                            }
                        }
                    }
                }
                main {
                    (search_form(w, locale, &filled.query))
                    (main)
                    (decode_form(w, locale, filled, index))
                }
            }
        }
    }
    .into_string()
}

fn search_form(w: &Words, locale: Locale, query: &str) -> Markup {
    html! {
        form.search action="/search" method="get" {
            label for="q" { (w.search_label) }
            input type="search" id="q" name="q" value=(query) placeholder=(w.search_placeholder);
            " "
            input type="hidden" name="lang" value=(locale.tag());
            button id="search" type="submit" { (w.search_button) }
        }
    }
}

fn decode_form(w: &Words, locale: Locale, filled: &Filled, index: &Index) -> Markup {
    html! {
        form.decode action=(link("/decode", &[], locale)) method="post" {
            h2 { (w.decode_heading) }
            p.hint { (w.decode_hint) }
            label for="body" { (w.body_label) }
            textarea id="body" name="body" rows="3" placeholder=r#"{"ret":-10000,"msg":"-73,..."}"# { (filled.body) }
            div.row {
                label { (w.ret_label) br; input id="ret" name="ret" size="10" value=(filled.ret); }
                label { (w.msg_label) br; input id="msg" name="msg" size="40" value=(filled.msg); }
                label {
                    (w.via_label) br;
                    select id="via" name="via" {
                        option value="" { (w.via_any) }
                        @for layer in index.layers() {
                            option value=(layer.id) selected[layer.id == filled.via] {
                                (layer.id) " · " (text(&layer.title, locale))
                            }
                        }
                    }
                }
                input type="hidden" name="lang" value=(locale.tag());
                button id="decode" type="submit" { (w.decode_button) }
            }
        }
    }
}

/// A problem with the request, said in the page's language.
pub fn problem(message: &str) -> Markup {
    html! { p.problem id="problem" role="alert" { (message) } }
}

/// The home page's own part: what the catalog holds.
pub fn home(locale: Locale, index: &Index) -> Markup {
    let w = words(locale);
    html! {
        p.hint { (w.tagline) }
        table.results id="layers" {
            tr { th colspan="2" { (w.layer) } th { (w.entries) } }
            @for layer in index.layers() {
                tr {
                    td {
                        span.code { (layer.id) }
                        @if index.is_team_layer(layer) { (team_badge(w)) }
                    }
                    td { (text(&layer.title, locale)) }
                    td.count { (layer.entries.len()) }
                }
            }
        }
    }
}

fn team_badge(w: &Words) -> Markup {
    html! { span.team { (w.team) } }
}

/// Search results as a table: layer, code, name, action, message.
pub fn results(locale: Locale, index: &Index, found: &[Found<'_>]) -> Markup {
    let w = words(locale);
    html! {
        @if found.is_empty() {
            p id="no-results" { (w.no_results) }
        } @else {
            p.count id="count" { (found.len()) " " (w.results) }
            table.results id="results" {
                tr { th { (w.layer) } th { (w.code) } th { (w.name) } th { (w.action) } th { (w.message) } }
                @for &found in found {
                    (summary_row(locale, index, found, None))
                }
            }
        }
    }
}

/// One entry as a row of a results table; `decode_button` takes the place of the layer when the
/// row stands for a reading of a response.
fn summary_row(locale: Locale, index: &Index, found: Found<'_>, decode_button: Option<Markup>) -> Markup {
    let w = words(locale);
    html! {
        tr {
            td {
                @match decode_button {
                    Some(button) => (button),
                    None => span.code { (found.layer.id) },
                }
            }
            td {
                a.code href=(link(&code_path(&found.layer.id, found.entry.code()), &[], locale)) {
                    (join_codes(&found.entry.codes))
                }
                @if index.is_team_entry(found.entry) { (team_badge(w)) }
            }
            td { (found.entry.name) }
            td { span.code { (found.entry.action.id()) } }
            td { (text(&found.entry.message, locale)) }
        }
    }
}

/// A row of a table of fields: its label and its value.
fn field(id: &str, label: &str, value: Markup) -> Markup {
    html! { tr id=(id) { th { (label) } td { (value) } } }
}

/// A value in code type.
fn code(value: impl maud::Render) -> Markup {
    html! { span.code { (value) } }
}

fn action_html(w: &Words, action: Action) -> Markup {
    html! { (code(action.id())) " — " (w.action_meaning(action)) }
}

/// The fields every page of an entry shows in the page's language.
fn entry_fields(locale: Locale, index: &Index, found: Found<'_>) -> Markup {
    let w = words(locale);
    let code_link = link(&code_path(&found.layer.id, found.entry.code()), &[], locale);
    html! {
        (field("layer", w.layer, html! {
            (code(&found.layer.id)) " (" (text(&found.layer.title, locale)) ")"
            @if index.is_team_layer(found.layer) { (team_badge(w)) }
        }))
        (field("code", w.code, html! { a.code href=(code_link) { (join_codes(&found.entry.codes)) } }))
        (field("name", w.name, code(&found.entry.name)))
        (field("action", w.action, action_html(w, found.entry.action)))
        @for (id, label, texts) in [
            ("message", w.message, &found.entry.message),
            ("advice", w.advice, &found.entry.advice),
            ("note", w.note, &found.entry.note),
        ] {
            @if !texts.is_empty() {
                (field(id, label, html! { (text(texts, locale)) }))
            }
        }
        @if let Some(location) = index.team_location(found.entry) {
            (field("team-file", w.team_file, html! { (code(location)) (team_badge(w)) }))
        }
    }
}

/// The decoded entry of a response, with what the server said, its other meanings, or the nearest
/// known codes.
pub fn decoded(locale: Locale, index: &Index, response: &Response, via: Option<Layer>) -> Markup {
    let w = words(locale);
    let (decoded, found) = explain::find(response, via);
    let ret_and_msg = html! {
        (field("ret", "ret", code(response.ret)))
        @if !response.msg.is_empty() {
            (field("msg", "msg", code(&response.msg)))
        }
    };
    // The page's catalog (with a team's files under `--extend`) decodes by the runtime's search,
    // as the library would in a crate that extends the catalog with them: a team's entry is
    // shown as such, and an unknown code is the one that crate would get.
    let in_catalog = index.decode(response, via.map(Layer::id));
    if let Decoded::Known(entry) = in_catalog
        && index.is_team_entry(entry.entry)
    {
        return html! {
            section id="decoded" {
                table.fields {
                    (ret_and_msg)
                    (entry_fields(locale, index, entry))
                    (field("err_type", w.err_type, html! { (explain::action_err_type_text(entry.entry.action)) }))
                    (said(w, response, true))
                }
            }
        };
    }
    let in_catalog = match in_catalog {
        Decoded::Unknown(unknown) => Some(unknown),
        Decoded::Success | Decoded::Known(_) => None,
    };
    let (fields, after) = match &decoded {
        None => (field("result", "", html! { (w.success) }), html! {}),
        Some(MsdkError::Unknown(unknown)) => {
            let unknown = in_catalog.as_ref().unwrap_or(unknown);
            let result = if unknown.known_in().is_some() { w.unknown_elsewhere } else { w.unknown_nowhere };
            let fields = html! {
                (field("result", "", html! { strong { (result) } }))
                @if let Some(known) = unknown.known_in() {
                    (field("known-in", w.known_in, code(known.layer())))
                }
                @if let Some(platform_code) = unknown.platform_code() {
                    (field("platform-code", w.platform_code, code(platform_code)))
                }
                @if let Some(id) = unknown.layer() {
                    (field("layer-searched", w.layer_searched, html! {
                        (code(id)) " (" (index.layer(id).map(|layer| text(&layer.title, locale)).unwrap_or_default()) ")"
                    }))
                }
                @if let Some(range) = unknown.range() {
                    (field("range", w.range, html! {
                        (range.name) " " (range.low) "~" (range.high) ": " (range.message)
                    }))
                }
                (said(w, response, false))
                (field("action", w.action, action_html(w, Action::ContactSupport)))
                (field("err_type", w.err_type, html! { (unknown.err_type().to_string()) }))
            };
            let code_searched = unknown.platform_code().unwrap_or_else(|| i64::from(unknown.ret()));
            let team = index.team_entries(unknown.layer(), code_searched);
            let suggestions: Vec<&Reading> = found.suggestions.iter().take(explain::MAX_SUGGESTIONS).collect();
            let after = html! {
                @if !team.is_empty() {
                    h2 id="team-entries" { (w.in_team_files) }
                    (results(locale, index, &team))
                }
                @if !suggestions.is_empty() {
                    (readings_table(locale, index, "suggestions", w.suggestions, &suggestions))
                }
            };
            (fields, after)
        }
        Some(err) => {
            let layer = err.layer().map(Layer::id).unwrap_or_default();
            let fields = html! {
                @match index.entry(layer, i64::from(err.code())) {
                    Some(entry) => (entry_fields(locale, index, entry)),
                    None => (field("name", w.name, html! { (err.name()) })),
                }
                (field("err_type", w.err_type, html! { (explain::err_type_text(err)) }))
                (said(w, response, true))
            };
            let meanings: Vec<&Reading> = found.meanings.iter().collect();
            let after = html! {
                @if !meanings.is_empty() {
                    (readings_table(locale, index, "meanings", w.meanings, &meanings))
                }
            };
            (fields, after)
        }
    };
    html! {
        section id="decoded" {
            table.fields {
                (ret_and_msg)
                (fields)
            }
            (after)
        }
    }
}

/// The server's own words, `rid` and `hint`, as `explain` shows them.
fn said(w: &Words, response: &Response, known: bool) -> Markup {
    let mut rows = Vec::new();
    explain::said_rows(response, known, &mut rows);
    html! {
        @if !rows.is_empty() {
            (field("said", w.said, html! {
                table.said {
                    @for (label, text) in &rows {
                        tr id={ "said-" (label) } { th { (label) } td.code { (text) } }
                    }
                }
            }))
        }
    }
}

/// Readings of a response (its meanings in other tables, or the nearest known codes), each with
/// a button that decodes it.
fn readings_table(locale: Locale, index: &Index, id: &str, heading: &str, readings: &[&Reading]) -> Markup {
    let w = words(locale);
    html! {
        h2 { (heading) }
        table.results id=(id) {
            tr { th { (w.via_label) } th { (w.code) } th { (w.name) } th { (w.action) } th { (w.message) } }
            @for reading in readings {
                @if let Some(found) = index.entry(reading.layer().id(), i64::from(reading.err.code())) {
                    (summary_row(locale, index, found, Some(reading_button(reading, locale))))
                }
            }
        }
    }
}

/// The button that decodes a reading of a response, named by the API's layer (else the code's)
/// and `ret`.
fn reading_button(reading: &Reading, locale: Locale) -> Markup {
    let ret = reading.response.ret.to_string();
    let mut params = vec![("ret", ret.as_str()), ("msg", reading.response.msg.as_str())];
    if let Some(via) = reading.via {
        params.push(("via", via.id()));
    }
    let layer = reading.via.unwrap_or_else(|| reading.layer());
    let label = format!("{} ({})", layer.id(), reading.response.ret);
    post_button("/decode", &params, locale, "link code", html! { (label) })
}

/// A code's own page: its fields, the `Handler` method, and its texts in every language.
pub fn code_page(locale: Locale, index: &Index, found: Found<'_>) -> Markup {
    let w = words(locale);
    html! {
        h1 id="title" {
            span.code { (found.layer.id) " " (found.entry.code()) }
            " " (found.entry.name)
            @if index.is_team_entry(found.entry) { (team_badge(w)) }
        }
        table.fields {
            (entry_fields(locale, index, found))
            (field("err_type", w.err_type, html! { (found.entry.action.err_type().to_string()) }))
            (field("handler", w.handler, html! {
                code { "Handler::" (Index::handler_method(found)) }
                " (" (w.handler_default) " " code { "Handler::" (found.entry.action.id()) } ")"
            }))
        }
        h2 { (w.in_every_language) }
        table.results id="languages" {
            tr { th {} th { (w.message) } th { (w.advice) } th { (w.note) } }
            @for other in Locale::ALL {
                tr id={ "in-" (other.tag()) } lang=(other.tag()) {
                    th { (language_name(other)) }
                    @for texts in [&found.entry.message, &found.entry.advice, &found.entry.note] {
                        @match texts.get(other) {
                            Some(text) => td { (text) },
                            None if texts.is_empty() => td {},
                            None => td.count { (w.missing_text) },
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped_in_text_and_attributes() {
        assert_eq!(
            problem(r#"<b a='1'>"&"</b>"#).into_string(),
            r#"<p class="problem" id="problem" role="alert">&lt;b a='1'&gt;&quot;&amp;&quot;&lt;/b&gt;</p>"#
        );
        let button = post_button("/decode", &[("msg", r#""><script>"#)], Locale::En, "link", html! { "<i>" });
        assert_eq!(
            button.into_string(),
            concat!(
                r#"<form class="inline" method="post" action="/decode">"#,
                r#"<input type="hidden" name="msg" value="&quot;&gt;&lt;script&gt;">"#,
                r#"<input type="hidden" name="lang" value="en">"#,
                r#"<button type="submit" class="link">&lt;i&gt;</button></form>"#
            )
        );
    }

    #[test]
    fn links_encode_values_and_keep_the_language() {
        assert_eq!(link("/search", &[("q", "a&b 権")], Locale::Ja), "/search?q=a%26b%20%E6%A8%A9&lang=ja");
        assert_eq!(link("/", &[], Locale::En), "/?lang=en");
    }
}
