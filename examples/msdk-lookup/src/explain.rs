//! `explain`: a `ret`/`msg` decoded as `MsdkError::decode` (or `decode_in`) decodes it, with what
//! an on-call engineer needs beside it: the server's own words and WeChat's `rid` and `hint`, the
//! other meanings the code has in the tables of its channel, and, for a code no table has, the
//! nearest codes that a table does have, each with the command that finds it.

use std::path::PathBuf;

use msdk_codes_core::{Action, Channel, ErrType, KnownIn, Locale, Response, UnknownCode};
use serde_json::{Value, json};

use crate::catalog::{Layer, MsdkError};
use crate::serve::index::{Decoded, Found as Entry, Index, text};
use crate::{Report, cli, entries, join_codes, range_json, table};

/// The most suggestions shown for a code no table has.
pub(crate) const MAX_SUGGESTIONS: usize = 6;

/// `explain`, with `--extend`: the bundled catalog extended by a team's files, read by the
/// macro's pipeline and decoded by the runtime's search, as `MsdkError::from_json` decodes in a
/// crate that extends the catalog with them.
pub fn run(args: &cli::Explain, locale: Locale) -> Report {
    let Some(paths) = &args.extend else {
        return Report::ok(explain(args, locale, None));
    };
    let paths: Vec<&PathBuf> = paths.iter().collect();
    let team = match crate::check::read(&paths) {
        Ok(team) => team,
        Err(message) => return Report::bad_input(message),
    };
    match Index::extended(team) {
        Ok(index) => Report::ok(explain(args, locale, Some(&index))),
        Err(problems) => {
            let mut err: String = problems.iter().map(|problem| format!("{problem}\n")).collect();
            err.push_str("error: the team's files have problems (see `msdk-lookup check --extend`)\n");
            Report { out: String::new(), err, status: 2 }
        }
    }
}

fn explain(args: &cli::Explain, locale: Locale, extended: Option<&Index>) -> String {
    let response = match &args.response {
        Some(response) => response.clone(),
        None => Response::new(args.ret.unwrap_or_default(), args.msg.clone().unwrap_or_default()),
    };
    let via = args.via;
    let (mut decoded, found) = find(&response, via);
    if let Some(index) = extended {
        match index.decode(&response, via.map(Layer::id)) {
            Decoded::Known(entry) if index.is_team_entry(entry.entry) => {
                return team_entry(&response, index, entry, locale, args.json);
            }
            Decoded::Unknown(unknown) => decoded = Some(MsdkError::Unknown(unknown)),
            Decoded::Success | Decoded::Known(_) => {}
        }
    }
    if args.json {
        let value = explain_json(&response, decoded.as_ref(), &found, locale);
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_else(|_| value.to_string());
        text.push('\n');
        text
    } else {
        explain_text(&response, decoded.as_ref(), &found, locale)
    }
}

/// An entry of the team's files that a response decodes to.
fn team_entry(response: &Response, index: &Index, found: Entry<'_>, locale: Locale, json: bool) -> String {
    let (layer, entry) = (found.layer, found.entry);
    let optional = |texts| Some(text(texts, locale)).filter(|text| !text.is_empty());
    let err_type = action_err_type_text(entry.action);
    if json {
        let value = json!({
            "ret": response.ret,
            "msg": response.msg,
            "err_type_sent": response.err_type,
            "locale": locale.tag(),
            "success": false,
            "known": true,
            "layer": layer.id,
            "layer_title": text(&layer.title, locale),
            "code": entry.code(),
            "codes": entry.codes,
            "name": entry.name,
            "action": entry.action.id(),
            "err_type": entry.action.err_type().code(),
            "message": text(&entry.message, locale),
            "advice": optional(&entry.advice),
            "note": optional(&entry.note),
            "team_file": index.team_location(entry),
        });
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_else(|_| value.to_string());
        text.push('\n');
        return text;
    }
    let mut rows: Vec<(&'static str, String)> = vec![("ret", response.ret.to_string())];
    if !response.msg.is_empty() {
        rows.push(("msg", response.msg.clone()));
    }
    rows.push(("layer", format!("{} ({})", layer.id, text(&layer.title, locale))));
    rows.push(("code", join_codes(&entry.codes)));
    rows.push(("name", entry.name.clone()));
    rows.push(("action", entry.action.id().to_owned()));
    rows.push(("err_type", err_type));
    rows.push(("message", text(&entry.message, locale).to_owned()));
    for (label, texts) in [("advice", &entry.advice), ("note", &entry.note)] {
        if let Some(text) = optional(texts) {
            rows.push((label, text.to_owned()));
        }
    }
    if let Some(location) = index.team_location(entry) {
        rows.push(("team file", location));
    }
    said_rows(response, true, &mut rows);
    render_rows(&rows)
}

/// The response decoded as the library decodes it (`decode_in` when `via` names the layer of the
/// API that answered), with its other meanings and, for an unknown code, the nearest known ones:
/// what `explain` prints and the web page shows.
pub(crate) fn find(response: &Response, via: Option<Layer>) -> (Option<MsdkError>, Found) {
    let decoded = decode(response, via);
    let found = Found {
        meanings: decoded.as_ref().map(|err| meanings(response, err)).unwrap_or_default(),
        suggestions: match &decoded {
            Some(MsdkError::Unknown(unknown)) => suggestions(response, unknown, via),
            _ => Vec::new(),
        },
    };
    (decoded, found)
}

fn decode(response: &Response, via: Option<Layer>) -> Option<MsdkError> {
    match via {
        Some(layer) => MsdkError::decode_in(response, layer),
        None => MsdkError::decode(response),
    }
}

/// One reading of a response: the command-line input that gives it and what it decodes to.
pub(crate) struct Reading {
    pub(crate) response: Response,
    pub(crate) via: Option<Layer>,
    pub(crate) err: MsdkError,
}

impl Reading {
    pub(crate) fn layer(&self) -> Layer {
        self.err.layer().unwrap_or(Layer::ALL[0])
    }

    /// The arguments of `msdk-lookup explain` that give this reading.
    fn command(&self) -> String {
        let mut command = format!("msdk-lookup explain {}", self.response.ret);
        if !self.response.msg.is_empty() {
            command.push(' ');
            command.push_str(&shell_quote(&self.response.msg));
        }
        if let Some(via) = self.via {
            command.push_str(" --via ");
            command.push_str(via.id());
        }
        command
    }
}

/// What `explain` finds beside the decoded error.
#[derive(Default)]
pub(crate) struct Found {
    /// Every meaning of a known code in the tables of its channel, when it has more than one.
    pub(crate) meanings: Vec<Reading>,
    /// For a code no table has: the tables that have it, or it with the other sign.
    pub(crate) suggestions: Vec<Reading>,
}

/// The meanings of the response in each table of the decoded code's channel, each as `--via`
/// selects it; empty when the code means one thing only.
fn meanings(response: &Response, err: &MsdkError) -> Vec<Reading> {
    let Some(layer) = err.layer() else { return Vec::new() };
    let readings: Vec<Reading> = Layer::ALL
        .iter()
        .filter(|other| other.channel() == layer.channel())
        .filter_map(|&other| {
            let reached = |response: &Response| {
                let err = MsdkError::decode_in(response, other)?;
                (err.layer() == Some(other)).then(|| Reading { response: response.clone(), via: Some(other), err })
            };
            // An entry whose `msg_contains` words this msg holds wins whatever `--via` says: the
            // other tables' meanings are read from the code alone.
            reached(response).or_else(|| reached(&Response::new(response.ret, err.code().to_string())))
        })
        .collect();
    if readings.len() > 1 { readings } else { Vec::new() }
}

/// Readings of the nearest responses that a table knows: the same input with `--via` a table
/// that has the code, then the code (and the code with the other sign) as each table that has it
/// receives its codes. Every one is checked by decoding it.
fn suggestions(response: &Response, unknown: &UnknownCode, via: Option<Layer>) -> Vec<Reading> {
    let code = unknown.platform_code().unwrap_or_else(|| i64::from(unknown.ret()));
    let mut readings: Vec<Reading> = Vec::new();
    let push = |reading: Reading, readings: &mut Vec<Reading>| {
        let same_input = reading.response == *response && reading.via == via;
        let seen = readings.iter().any(|r| r.err == reading.err);
        if !same_input && !seen && !matches!(reading.err, MsdkError::Unknown(_)) {
            readings.push(reading);
        }
    };
    for &layer in Layer::ALL {
        if let Some(err) = MsdkError::decode_in(response, layer).filter(|err| err.layer() == Some(layer)) {
            push(Reading { response: response.clone(), via: Some(layer), err }, &mut readings);
        }
    }
    for candidate in [code, -code] {
        let Ok(candidate) = i32::try_from(candidate) else { continue };
        for &layer in Layer::ALL {
            if MsdkError::from_code(layer, candidate).is_none() {
                continue;
            }
            if let Some(reading) = reading_in(layer, candidate, response) {
                push(reading, &mut readings);
            }
        }
    }
    readings
}

/// `code` as `layer` receives it, with the server's description of `original`: as `ret`, or in
/// the `msg` of a -10000 or -20000 response; without `--via` when plain decoding finds it.
fn reading_in(layer: Layer, code: i32, original: &Response) -> Option<Reading> {
    let detail = original.said().detail();
    let in_msg = |code: i32| if detail.is_empty() { code.to_string() } else { format!("{code},{detail}") };
    let response = match layer.channel() {
        Channel::Ret => {
            Response::new(code, if original.said().code().is_some() { String::new() } else { original.msg.clone() })
        }
        Channel::Qq => Response::new(-10000, in_msg(code)),
        Channel::Wechat => Response::new(-20000, in_msg(code)),
        // An OIDB code is read from the `ret:N` of an OIDB failure's text: only `--via` on the
        // input as given (above) can be suggested.
        _ => return None,
    };
    [None, Some(layer)].into_iter().find_map(|via| {
        let err = decode(&response, via).filter(|err| err.layer() == Some(layer))?;
        Some(Reading { response: response.clone(), via, err })
    })
}

/// `text` as one shell word: as is when it is plain, else in single quotes.
fn shell_quote(text: &str) -> String {
    let plain = !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || "-_.,:/=+".contains(c));
    if plain { text.to_owned() } else { format!("'{}'", text.replace('\'', r"'\''")) }
}

/// The entry `err` is, with all its codes.
pub(crate) fn entry_codes(err: &MsdkError) -> Vec<i32> {
    err.layer()
        .and_then(|layer| entries(layer).into_iter().find(|entry| entry.err == *err))
        .map_or_else(|| vec![err.code()], |entry| entry.codes.to_vec())
}

/// A known code's err_type as the class of its action: MSDK's class 5 reads "unknown", which a
/// known code is not.
pub(crate) fn err_type_text(err: &MsdkError) -> String {
    action_err_type_text(err.action())
}

/// The err_type of a known code whose action is `action`, as [`err_type_text`] shows it.
pub(crate) fn action_err_type_text(action: Action) -> String {
    let err_type = action.err_type();
    if err_type == ErrType::Unknown {
        format!("{} (the err_type of every {} code)", err_type.code(), action.id())
    } else {
        err_type.to_string()
    }
}

/// The `rid`, `hint` and detail of what the server said, as rows; the detail of a known code only
/// when it is not the whole `msg`, already shown.
pub(crate) fn said_rows(response: &Response, known: bool, rows: &mut Vec<(&'static str, String)>) {
    let said = response.said();
    let repeats_msg = known && said.detail() == said.as_str();
    if !said.detail().is_empty() && !repeats_msg {
        rows.push(("detail", said.detail().to_owned()));
    }
    if let Some(rid) = said.rid() {
        rows.push(("rid", rid.to_owned()));
    }
    if let Some(hint) = said.hint() {
        rows.push(("hint", hint.to_owned()));
    }
}

fn summary(err: &MsdkError, locale: Locale) -> Vec<String> {
    vec![
        err.layer().map(Layer::id).unwrap_or_default().to_owned(),
        join_codes(&entry_codes(err)),
        err.name().to_owned(),
        err.action().id().to_owned(),
        err.message(locale).to_owned(),
    ]
}

fn explain_text(response: &Response, decoded: Option<&MsdkError>, found: &Found, locale: Locale) -> String {
    let mut rows: Vec<(&'static str, String)> = vec![("ret", response.ret.to_string())];
    if !response.msg.is_empty() {
        rows.push(("msg", response.msg.clone()));
    }
    if let Some(sent) = response.err_type {
        rows.push(("err_type sent", sent.to_string()));
    }
    match decoded {
        None => rows.push(("result", "success (ret 0): nothing to handle".to_owned())),
        Some(MsdkError::Unknown(unknown)) => unknown_rows(response, unknown, found, locale, &mut rows),
        Some(err) => {
            let layer = err.layer().unwrap_or(Layer::ALL[0]);
            rows.push(("layer", format!("{} ({})", layer.id(), layer.title(locale))));
            rows.push(("code", join_codes(&entry_codes(err))));
            rows.push(("name", err.name().to_owned()));
            rows.push(("action", err.action().id().to_owned()));
            rows.push(("err_type", err_type_text(err)));
            rows.push(("message", err.message(locale).to_owned()));
            if let Some(advice) = err.advice(locale) {
                rows.push(("advice", advice.to_owned()));
            }
            if let Some(note) = err.note(locale) {
                rows.push(("note", note.to_owned()));
            }
            said_rows(response, true, &mut rows);
            if !found.meanings.is_empty() {
                let lines: Vec<Vec<String>> = found
                    .meanings
                    .iter()
                    .map(|reading| {
                        let mut line = summary(&reading.err, locale);
                        line[0] = format!("--via {}", reading.layer().id());
                        line
                    })
                    .collect();
                let head = format!(
                    "code {} means different things in the tables of the {} channel; the API that answered \
                     decides, and --via names it (words of msg that an entry lists in msg_contains decide \
                     first):",
                    err.code(),
                    layer.channel().id()
                );
                rows.push(("meanings", format!("{head}\n{}", table(&lines).trim_end())));
            }
        }
    }
    render_rows(&rows)
}

fn unknown_rows(
    response: &Response,
    unknown: &UnknownCode,
    found: &Found,
    locale: Locale,
    rows: &mut Vec<(&'static str, String)>,
) {
    match unknown.known_in() {
        None => rows.push(("result", "unknown code: no layer of the catalog has it".to_owned())),
        // The same code on another channel is another code: `did you mean` shows how it comes.
        Some(known @ KnownIn::OtherChannel(..)) => {
            rows.push(("result", format!("unknown code: {known}")));
            rows.push(("known in", format!("{} (as `did you mean` shows)", known.layer())));
        }
        Some(known) => {
            rows.push(("result", "unknown code: not in the tables this response's route searches".to_owned()));
            rows.push(("known in", format!("{} (explain it with --via {})", known.layer(), known.layer())));
        }
    }
    if let Some(code) = unknown.platform_code() {
        rows.push(("platform code", code.to_string()));
    }
    if let Some(id) = unknown.layer() {
        let title = Layer::from_id(id).map(|layer| layer.title(locale)).unwrap_or_default();
        rows.push(("layer searched", format!("{id} ({title})")));
    }
    if let Some(range) = unknown.range() {
        rows.push(("range", format!("{} {} {}~{}: {}", range.layer, range.name, range.low, range.high, range.message)));
    }
    said_rows(response, false, rows);
    rows.push(("action", Action::ContactSupport.id().to_owned()));
    rows.push(("err_type", unknown.err_type().to_string()));
    if !found.suggestions.is_empty() {
        let mut lines = Vec::new();
        for reading in found.suggestions.iter().take(MAX_SUGGESTIONS) {
            lines.push(summary(&reading.err, locale).join("  "));
            lines.push(format!("  {}", reading.command()));
        }
        if found.suggestions.len() > MAX_SUGGESTIONS {
            lines.push(format!("(and {} more: see `msdk-lookup list`)", found.suggestions.len() - MAX_SUGGESTIONS));
        }
        rows.push(("did you mean", lines.join("\n")));
    }
}

/// Rows as `label  value`, the values aligned; a value of several lines keeps its alignment.
fn render_rows(rows: &[(&str, String)]) -> String {
    let label_width = rows.iter().map(|(label, _)| label.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (label, value) in rows {
        for (index, line) in value.lines().enumerate() {
            let label = if index == 0 { *label } else { "" };
            out.push_str(format!("{label:<label_width$}  {line}").trim_end());
            out.push('\n');
        }
    }
    out
}

fn reading_json(reading: &Reading, locale: Locale) -> Value {
    json!({
        "command": reading.command(),
        "via": reading.via.map(Layer::id),
        "layer": reading.err.layer().map(Layer::id),
        "code": reading.err.code(),
        "name": reading.err.name(),
        "action": reading.err.action().id(),
        "message": reading.err.message(locale),
    })
}

fn explain_json(response: &Response, decoded: Option<&MsdkError>, found: &Found, locale: Locale) -> Value {
    let said = response.said();
    let mut value = json!({
        "ret": response.ret,
        "msg": response.msg,
        "err_type_sent": response.err_type,
        "locale": locale.tag(),
        "success": decoded.is_none(),
        "detail": said.detail(),
        "rid": said.rid(),
        "hint": said.hint(),
    });
    let fields = match decoded {
        None => json!({}),
        Some(MsdkError::Unknown(unknown)) => json!({
            "known": false,
            "code": unknown.code(),
            "platform_code": unknown.platform_code(),
            "layer_searched": unknown.layer(),
            "known_in": unknown.known_in().map(|known| known.layer()),
            "range": unknown.range().map(range_json),
            "description": unknown.description(),
            "name": "Unknown",
            "action": Action::ContactSupport.id(),
            "err_type": unknown.err_type().code(),
            "suggestions": found.suggestions.iter().map(|reading| reading_json(reading, locale)).collect::<Vec<_>>(),
        }),
        Some(err) => json!({
            "known": true,
            "layer": err.layer().map(Layer::id),
            "layer_title": err.layer().map(|layer| layer.title(locale)),
            "code": err.code(),
            "codes": entry_codes(err),
            "name": err.name(),
            "action": err.action().id(),
            "err_type": err.err_type().code(),
            "message": err.message(locale),
            "advice": err.advice(locale),
            "note": err.note(locale),
            "meanings": found.meanings.iter().map(|reading| reading_json(reading, locale)).collect::<Vec<_>>(),
        }),
    };
    if let (Value::Object(value), Value::Object(fields)) = (&mut value, fields) {
        value.extend(fields);
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_are_quoted_only_when_needed() {
        assert_eq!(shell_quote("-503"), "-503");
        assert_eq!(shell_quote("100030,is_friend"), "100030,is_friend");
        assert_eq!(shell_quote("100030, is_friend is 0"), "'100030, is_friend is 0'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
    }

    #[test]
    fn rows_of_several_lines_stay_aligned() {
        let rows = vec![("ret", "1".to_owned()), ("meanings", "head\n  a  b".to_owned())];
        assert_eq!(render_rows(&rows), "ret       1\nmeanings  head\n            a  b\n");
    }
}
