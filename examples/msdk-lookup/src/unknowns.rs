//! `unknowns`: the unknown codes of a production log, grouped by the layer they were looked up in,
//! counted, one sample `msg` kept per group; with `--draft`, a team file in the catalog's format
//! that `msdk_errors!(extend = "...")` reads, which the macro refuses until a person has filled
//! every field marked `TODO`.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use msdk_codes_catalog::validate::DRAFT_MARKER;
use msdk_codes_core::{Action, Locale};
use serde_json::{Map, Value};

use crate::catalog::{Layer, MsdkError};
use crate::{Report, cli, table};

/// One unknown code as a log line records it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Failure {
    /// The id of the layer it was looked up in (`null` when the expansion had none to search).
    layer: Option<String>,
    code: i64,
    ret: Option<i64>,
    msg: String,
}

/// The unknown codes of one layer and code.
#[derive(Debug)]
struct Group {
    count: usize,
    /// The first line's.
    ret: Option<i64>,
    msg: String,
}

type Groups = BTreeMap<(Option<String>, i64), Group>;

pub fn run(args: &cli::Unknowns) -> Report {
    let paths: Vec<&PathBuf> = args.logs.iter().collect();
    let mut groups = Groups::new();
    let mut lines = 0;
    let mut skipped = 0;
    let mut bodies = 0;
    for path in paths {
        let text = match read(path) {
            Ok(text) => text,
            Err(message) => return Report::bad_input(message),
        };
        for line in text.lines().filter(|line| !line.trim().is_empty()) {
            lines += 1;
            match serde_json::from_str::<Value>(line) {
                Ok(value) => {
                    let failure = match as_body(&value) {
                        Some(body) => {
                            bodies += 1;
                            body
                        }
                        None => find_unknown(&value),
                    };
                    if let Some(failure) = failure {
                        let group = groups.entry((failure.layer, failure.code)).or_insert(Group {
                            count: 0,
                            ret: failure.ret,
                            msg: failure.msg,
                        });
                        group.count += 1;
                    }
                }
                Err(_) => skipped += 1,
            }
        }
    }
    let mut err = String::new();
    if skipped > 0 {
        err.push_str(&format!("note: {skipped} of {lines} lines are not JSON and were skipped\n"));
    }
    let out = match args.draft {
        Some(layer) => match draft(layer, &groups) {
            Ok((text, warnings)) => {
                for warning in warnings {
                    err.push_str(&format!("warning: {warning}\n"));
                }
                text
            }
            Err(message) => return Report::bad_input(message),
        },
        None => summary(&groups, lines, bodies),
    };
    Report { out, err, status: 0 }
}

fn read(path: &Path) -> Result<String, String> {
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(|err| format!("cannot read the standard input: {err}"))?;
        return Ok(text);
    }
    std::fs::read_to_string(path).map_err(|err| format!("cannot read {}: {err}", path.display()))
}

/// The unknown code a log line records, wherever it sits in the line's object (a logger may nest
/// the failure in a field): the flat log line of a failure (`{"layer", "code", "name": "Unknown", "ret",
/// "msg", ...}`), an `MsdkError` as `Serialize` writes it (`{"name": "Unknown", "unknown": {...}}`),
/// or an `UnknownCode` alone (`{"ret", "code", "platform_code", "layer", "msg", ...}`). A known
/// code is none.
fn find_unknown(value: &Value) -> Option<Failure> {
    let Value::Object(object) = value else { return None };
    if let Some(Value::Object(unknown)) = object.get("unknown") {
        return as_unknown(unknown);
    }
    if is_failure(object) {
        // The library's `Failure` writes `"name": "Unknown"` for every unknown code; older lines
        // wrote `null`.
        let unknown = object.get("name").is_none_or(|name| name.is_null() || name == UNKNOWN_NAME);
        return if unknown { as_unknown(object) } else { None };
    }
    object.values().find_map(find_unknown)
}

/// A response body as MSDK sends it (`{"ret": 40001, "msg": "..."}`, no `code`), decoded with
/// the whole catalog as the library decodes it: `Some(None)` for a known code or success.
fn as_body(value: &Value) -> Option<Option<Failure>> {
    let Value::Object(object) = value else { return None };
    if object.contains_key("code") || object.contains_key("layer") {
        return None;
    }
    let ret = i32::try_from(object.get("ret")?.as_i64()?).ok()?;
    let msg = object.get("msg").and_then(Value::as_str).unwrap_or_default();
    let response = msdk_codes_core::Response::new(ret, msg);
    Some(match MsdkError::decode(&response) {
        Some(MsdkError::Unknown(unknown)) => Some(Failure {
            layer: unknown.layer().map(str::to_owned),
            code: unknown.platform_code().unwrap_or(i64::from(ret)),
            ret: Some(i64::from(ret)),
            msg: msg.to_owned(),
        }),
        _ => None,
    })
}

/// The `name` of an unknown code in a failure's log line.
const UNKNOWN_NAME: &str = "Unknown";

/// An object with a code and a `msg` or `message`: a failure, known or not.
fn is_failure(object: &Map<String, Value>) -> bool {
    object.get("code").is_some_and(Value::is_i64) && (object.contains_key("msg") || object.contains_key("message"))
}

fn as_unknown(object: &Map<String, Value>) -> Option<Failure> {
    let code = object.get("code").and_then(Value::as_i64)?;
    let text = |key: &str| object.get(key).and_then(Value::as_str).map(str::to_owned);
    Some(Failure {
        layer: text("layer"),
        code,
        ret: object.get("ret").and_then(Value::as_i64),
        msg: text("msg").or_else(|| text("message")).unwrap_or_default(),
    })
}

/// The groups, most frequent first.
fn sorted(groups: &Groups) -> Vec<(&(Option<String>, i64), &Group)> {
    let mut sorted: Vec<_> = groups.iter().collect();
    sorted.sort_by(|a, b| b.1.count.cmp(&a.1.count).then_with(|| a.0.cmp(b.0)));
    sorted
}

fn summary(groups: &Groups, lines: usize, bodies: usize) -> String {
    let total: usize = groups.values().map(|group| group.count).sum();
    // What was read: failures' log lines and response bodies, one JSON object a line.
    let read = match bodies {
        0 => format!("{lines} log lines"),
        _ if bodies == lines => format!("{lines} response bodies"),
        _ => format!("{lines} lines ({bodies} response bodies, {} log lines)", lines - bodies),
    };
    let head = format!("{total} of {read} are unknown codes, {} different\n", groups.len());
    if groups.is_empty() {
        return head;
    }
    let mut rows = vec![["LAYER", "CODE", "COUNT", "RET", "SAMPLE MSG"].map(str::to_owned).to_vec()];
    for ((layer, code), group) in sorted(groups) {
        rows.push(vec![
            layer.clone().unwrap_or_else(|| "-".to_owned()),
            code.to_string(),
            group.count.to_string(),
            group.ret.map_or_else(|| "-".to_owned(), |ret| ret.to_string()),
            crate::excerpt(&group.msg).into_owned(),
        ]);
    }
    format!("{head}\n{}", table(&rows))
}

/// A team file for `layer` with one `[[code]]` per unknown code looked up in it.
fn draft(layer: Layer, groups: &Groups) -> Result<(String, Vec<String>), String> {
    let mut warnings = Vec::new();
    let mine: Vec<_> = sorted(groups).into_iter().filter(|((id, _), _)| id.as_deref() == Some(layer.id())).collect();
    if mine.is_empty() {
        let layers: Vec<&str> = {
            let mut ids: Vec<&str> = groups.keys().filter_map(|(id, _)| id.as_deref()).collect();
            ids.dedup();
            ids
        };
        let found = if layers.is_empty() { "none".to_owned() } else { layers.join(", ") };
        return Err(format!(
            "no unknown code of the logs was looked up in `{}`; the layers with unknown codes: {found}",
            layer.id()
        ));
    }
    let total: usize = mine.iter().map(|(_, group)| group.count).sum();
    let actions: Vec<&str> = Action::ALL.iter().map(|action| action.id()).collect();
    let mut out = format!(
        "# A draft of a team file for `msdk_errors!(extend = \"data/*.toml\")`, written by msdk-lookup\n\
         # unknowns from {total} log lines of {} unknown codes of `{id}`. The macro refuses it until\n\
         # every {DRAFT_MARKER} is replaced: each code's name, its action, and its message in each locale\n\
         # (English is the server's text: check it). See data/README.md for the format.\n\
         [layer]\n\
         id = \"{id}\"\n",
        mine.len(),
        id = layer.id(),
    );
    for ((_, code), group) in mine {
        let Ok(code) = i32::try_from(*code) else { continue };
        let times = if group.count == 1 { "once".to_owned() } else { format!("{} times", group.count) };
        let ret = group.ret.map(|ret| format!("ret {ret}, ")).unwrap_or_default();
        out.push_str(&format!("\n# Seen {times}; {ret}msg {}\n", toml_string(&group.msg)));
        // The code of another layer, on its own channel, is often a response decoded on the wrong
        // route rather than a code missing from this layer.
        for &other in Layer::ALL.iter().filter(|&&other| other != layer) {
            if let Some(known) = MsdkError::from_code(other, code) {
                let channel = other.channel().id();
                let note = format!(
                    "`{}` has {code} ({}, {} channel): check that the response is `{}`'s before adding it",
                    other.id(),
                    known.name(),
                    channel,
                    layer.id()
                );
                out.push_str(&format!("# {note}\n"));
                warnings.push(note);
            }
        }
        out.push_str(&format!("[[code]]\ncode = {code}\n"));
        out.push_str(&format!("name = \"{}\"\n", draft_name(code)));
        out.push_str(&format!("action = \"{DRAFT_MARKER}\"  # one of {}\n", actions.join(", ")));
        let said = msdk_codes_core::Response::new(0, group.msg.clone());
        let english = one_line(said.said().detail());
        let english = if english.is_empty() { DRAFT_MARKER.to_owned() } else { english };
        for locale in Locale::ALL {
            let text = if locale == Locale::En { english.as_str() } else { DRAFT_MARKER };
            out.push_str(&format!("message.{} = {}\n", locale.tag(), toml_string(text)));
        }
    }
    Ok((out, warnings))
}

/// The draft's name of `code`: the marker, then the code, so that names stay unique.
fn draft_name(code: i32) -> String {
    if code < 0 {
        format!("{DRAFT_MARKER}NameMinus{}", code.unsigned_abs())
    } else {
        format!("{DRAFT_MARKER}Name{code}")
    }
}

/// Runs of whitespace as one space, the ends trimmed: a catalog text is one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn every_shape_of_an_unknown_code_is_read_and_known_codes_are_not() {
        let flat = json!({"layer": "qq_platform", "code": -99999, "name": null, "action": "contact_support",
            "err_type": 5, "message": "something new", "ret": -10000, "rid": null, "hint": null,
            "msg": "-99999,something new"});
        let want = Failure {
            layer: Some("qq_platform".to_owned()),
            code: -99999,
            ret: Some(-10000),
            msg: "-99999,something new".to_owned(),
        };
        assert_eq!(find_unknown(&flat), Some(want.clone()));
        let serialized = json!({"layer": null, "code": -99999, "name": "Unknown", "action": "contact_support",
            "err_type": 5, "message": "-99999,something new", "unknown": {"ret": -10000, "code": -99999,
            "platform_code": -99999, "layer": "qq_platform", "range": null, "msg": "-99999,something new",
            "err_type": null}});
        assert_eq!(find_unknown(&serialized), Some(want.clone()));
        let nested = json!({"level": "WARN", "fields": {"error": serialized["unknown"].clone()}});
        assert_eq!(find_unknown(&nested), Some(want.clone()));
        // The log line the library writes for a failure.
        let logged = serde_json::to_value(
            msdk_codes_core::Failure::<crate::catalog::MsdkError>::from_json(
                br#"{"ret":-10000,"msg":"-99999,something new"}"#,
            )
            .expect("a JSON body")
            .expect("a failure"),
        )
        .expect("a failure serializes");
        assert_eq!(logged["name"], "Unknown", "{logged}");
        assert_eq!(find_unknown(&logged), Some(want.clone()));
        let known = json!({"layer": "access", "code": -303, "name": "AppidNoPermission", "msg": ""});
        assert_eq!(find_unknown(&known), None);
        assert_eq!(find_unknown(&json!({"level": "INFO", "message": "started"})), None);
    }

    #[test]
    fn toml_strings_escape_what_they_must() {
        assert_eq!(toml_string(r#"a "b" \ c"#), r#""a \"b\" \\ c""#);
        assert_eq!(toml_string("x\ty\u{1}"), r#""x\ty\u0001""#);
        assert_eq!(draft_name(-99999), "TODONameMinus99999");
        assert_eq!(draft_name(7), "TODOName7");
    }
}
