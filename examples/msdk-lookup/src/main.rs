//! `msdk-lookup`: explain an MSDK `ret`/`msg` from a log, list the catalog, export it, in English,
//! Chinese, Japanese or Korean; check a team's data files as the macro would; draft catalog
//! entries from the unknown codes of a production log; serve all of it as a web page. Built on the whole bundled catalog through
//! `msdk_errors!()`.

use std::borrow::Cow;
use std::io::{self, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::StyledStr;
use clap::error::ContextValue;
use clap::{Arg, ArgAction, ArgMatches, Command};
use msdk_codes_core::{Action, CodeRange, Locale, Response};
use serde_json::{Value, json};

use catalog::{Layer, MsdkError};

mod catalog {
    msdk_codes_core::msdk_errors!();
}
mod check;
mod explain;
mod serve;
mod unknowns;

/// What a command prints and its exit status: 0, 1 when `check` finds problems, 2 on bad input.
struct Report {
    out: String,
    err: String,
    status: u8,
}

impl Report {
    fn ok(out: String) -> Report {
        Report { out, err: String::new(), status: 0 }
    }

    /// Input that cannot be used (a file that cannot be read): said on stderr, exit status 2.
    fn bad_input(message: String) -> Report {
        Report { out: String::new(), err: format!("error: {message}\n"), status: 2 }
    }
}

fn main() -> ExitCode {
    let matches = match cli().try_get_matches() {
        Ok(matches) => matches,
        // Usage and value errors exit 2, --help and --version 0.
        Err(err) => cut_echoes(err).exit(),
    };
    // `--locale` belongs to the commands whose output is in a language; given before the
    // command, it is that command's unless the command gives its own.
    let before = matches.get_one::<Locale>("locale").copied();
    let locale = |args: &ArgMatches| args.get_one::<Locale>("locale").copied().or(before).unwrap_or_else(env_locale);
    let report = match matches.subcommand() {
        Some(("explain", args)) => explain::run(args, locale(args)),
        Some(("list", args)) => Report::ok(list(args, locale(args))),
        Some(("export", args)) => Report::ok(export(args, locale(args))),
        Some(("check", args)) => check::run(args),
        Some(("unknowns", args)) => unknowns::run(args),
        Some(("serve", args)) => serve::run(args, locale(args)),
        _ => unreachable_subcommand(),
    };
    eprint!("{}", report.err);
    let mut stdout = io::stdout().lock();
    match stdout.write_all(report.out.as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::from(report.status),
        // `msdk-lookup list | head`: the reader has all it wants.
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(report.status),
        Err(err) => {
            eprintln!("msdk-lookup: cannot write the output: {err}");
            ExitCode::FAILURE
        }
    }
}

/// `subcommand_required` makes this impossible; answer like clap would rather than panic.
fn unreachable_subcommand() -> ! {
    cli()
        .error(
            clap::error::ErrorKind::MissingSubcommand,
            "expected a subcommand: explain, list, export, check, unknowns or serve",
        )
        .exit()
}

// ---------------------------------------------------------------------------------------------
// Command line

fn cli() -> Command {
    let locale = Arg::new("locale")
        .long("locale")
        .value_name("L")
        .value_parser(parse_locale)
        .help("en, zh, ja or ko (zh_CN.UTF-8 works too); default from LC_ALL, then LANG, else en");
    let via = Arg::new("via")
        .long("via")
        .value_name("LAYER")
        .value_parser(parse_layer)
        .help("The layer of the API that answered, such as share_qq for /share/qq or qq_group");
    Command::new("msdk-lookup")
        .about(
            "Look MSDK backend error codes up: explain a ret/msg from a log, list the catalog, export it, \
             check a team's data files, draft entries from the unknown codes of a log, serve a web page",
        )
        .subcommand_required(true)
        .arg_required_else_help(true)
        // Help as written, never wrapped at the terminal's width: the same text on every terminal
        // and with every feature set of clap the workspace builds (the README shows it).
        .term_width(0)
        .arg(locale.clone().help(
            "For explain, list, export and serve: en, zh, ja or ko; default from LC_ALL, then LANG, else en",
        ))
        .subcommand(
            Command::new("explain")
                .about("Decode a ret (and msg) as a response carrying them would be decoded")
                .allow_negative_numbers(true)
                .override_usage(
                    "msdk-lookup explain <RET> [MSG] [--via LAYER] [--locale L] [--json] [--extend FILES...]\n       \
                     msdk-lookup explain --response <JSON> [--via LAYER] [--locale L] [--json] [--extend FILES...]",
                )
                .arg(
                    Arg::new("ret")
                        .value_name("RET")
                        .value_parser(parse_ret)
                        .required_unless_present("response")
                        .conflicts_with("response")
                        .help("The response's ret, such as -303 or -10000"),
                )
                .arg(
                    Arg::new("msg")
                        .value_name("MSG")
                        .allow_hyphen_values(true)
                        .conflicts_with("response")
                        .help("The response's msg, such as \"-73,the user modify password wrong\""),
                )
                .arg(
                    Arg::new("response")
                        .long("response")
                        .value_name("JSON")
                        .value_parser(parse_response)
                        .help(r#"The whole response body, such as '{"ret":-10000,"msg":"-73,..."}'"#),
                )
                .arg(via)
                .arg(locale.clone())
                .arg(Arg::new("json").long("json").action(ArgAction::SetTrue).help("Print one JSON object"))
                .arg(
                    Arg::new("extend")
                        .long("extend")
                        .value_name("FILES")
                        .num_args(1..)
                        .value_parser(clap::value_parser!(PathBuf))
                        .help("A team's data files (or folders of them), decoded as msdk_errors!(extend = \"...\") decodes"),
                ),
        )
        .subcommand(
            Command::new("list")
                .about("Print the codes as an aligned table")
                .arg(Arg::new("layer").long("layer").value_name("ID").value_parser(parse_layer).help("Only this layer"))
                .arg(
                    Arg::new("action")
                        .long("action")
                        .value_name("A")
                        .value_parser(parse_action)
                        .help("Only codes with this action, such as retry or fix_config"),
                )
                .arg(locale.clone()),
        )
        .subcommand(
            Command::new("export")
                .about("Print the whole catalog as Markdown tables or JSON")
                .arg(
                    Arg::new("format")
                        .long("format")
                        .value_name("FORMAT")
                        .default_value("markdown")
                        .value_parser(["markdown", "json"])
                        .help("markdown: one table per layer; json: everything, for other tools"),
                )
                .arg(locale.clone()),
        )
        .subcommand(
            Command::new("check")
                .about("Check data files with the macro's own rules and messages: exit 1 on a problem, else 0")
                .override_usage("msdk-lookup check [--extend] [--locales L,L] [--missing fallback_en] <FILES>...")
                .arg(
                    Arg::new("files")
                        .value_name("FILES")
                        .required(true)
                        .num_args(1..)
                        .value_parser(clap::value_parser!(PathBuf))
                        .help("Data files, folders whose .toml files to check, or globs as the macro takes them"),
                )
                .arg(
                    Arg::new("extend")
                        .long("extend")
                        .action(ArgAction::SetTrue)
                        .help("The files extend the bundled catalog, as in msdk_errors!(extend = \"...\")"),
                )
                .arg(
                    Arg::new("locales")
                        .long("locales")
                        .value_name("L,L")
                        .value_delimiter(',')
                        .value_parser(parse_locale)
                        .help("The locales compiled in, as the macro's `locales`; default all four"),
                )
                .arg(
                    Arg::new("missing")
                        .long("missing")
                        .value_name("POLICY")
                        .value_parser(["error", "fallback_en"])
                        .help("A missing translation, as the macro's `missing`: error (default) or fallback_en"),
                ),
        )
        .subcommand(
            Command::new("unknowns")
                .about("Count the unknown codes of JSON log lines; --draft writes catalog entries for them")
                .override_usage("msdk-lookup unknowns [--draft LAYER] <LOGS>...")
                .arg(
                    Arg::new("logs")
                        .value_name("LOGS")
                        .required(true)
                        .num_args(1..)
                        .value_parser(clap::value_parser!(PathBuf))
                        .help("Files of JSON log lines (- for the standard input); other lines are skipped"),
                )
                .arg(
                    Arg::new("draft").long("draft").value_name("LAYER").value_parser(parse_layer).help(
                        "Print a team file for the unknown codes of LAYER, with TODO where a person must fill it",
                    ),
                ),
        )
        .subcommand(
            Command::new("serve")
                .about("Serve a web page to search codes, decode a pasted response and share a page per code")
                .override_usage(
                    "msdk-lookup serve [--addr 127.0.0.1:PORT] [--extend FILES...] [--locale L] [--max-connections N] [--timeout SECONDS]",
                )
                .arg(
                    Arg::new("addr")
                        .long("addr")
                        .value_name("ADDR")
                        .default_value("127.0.0.1:8080")
                        .value_parser(clap::value_parser!(SocketAddr))
                        .help("The address to listen on; port 0 picks a free one. Keep a loopback address unless others must reach it"),
                )
                .arg(
                    Arg::new("extend")
                        .long("extend")
                        .value_name("FILES")
                        .num_args(1..)
                        .value_parser(clap::value_parser!(PathBuf))
                        .help("A team's data files (or folders of them), shown beside the bundled catalog and marked as the team's"),
                )
                .arg(locale.clone().help(
                    "The page's language for a browser that asks for none of en, zh, ja, ko; default from LC_ALL, then LANG, else en",
                ))
                .arg(
                    Arg::new("max-connections")
                        .long("max-connections")
                        .value_name("N")
                        .default_value("256")
                        .value_parser(clap::value_parser!(u32).range(1..))
                        .help("The most connections served at once, the next ones waiting their turn; keep it below the open files limit (ulimit -n)"),
                )
                .arg(
                    Arg::new("timeout")
                        .long("timeout")
                        .value_name("SECONDS")
                        .default_value("10")
                        .value_parser(clap::value_parser!(u64).range(1..))
                        .help("How long a client may take to send a request's headers, or stay silent, before its connection is closed"),
                ),
        )
}

/// The most characters of an argument that an error message repeats.
const ECHO_CHARS: usize = 80;

/// `text` as an error message repeats it: whole when short, else its first [`ECHO_CHARS`]
/// characters and its length, as in `{"ret":-1,"msg":"aaaa… (100012 bytes)`.
fn excerpt(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(ECHO_CHARS) {
        None => Cow::Borrowed(text),
        Some((end, _)) => Cow::Owned(format!("{}… ({} bytes)", &text[..end], text.len())),
    }
}

fn is_long(text: &str) -> bool {
    text.chars().nth(ECHO_CHARS).is_some()
}

/// A message from a parser with every piece it quotes (between `"` or backticks) cut to an
/// [`excerpt`]: the name in "unknown layer", the string in serde's `invalid type: string "…"`.
fn cut_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(1024));
    let mut rest = message;
    while let Some(open) = rest.find(['"', '`']) {
        let quote = rest[open..].chars().next().unwrap_or('"');
        let body = &rest[open + 1..];
        let Some(close) = closing_quote(body, quote) else { break };
        out.push_str(&rest[..=open]);
        out.push_str(&excerpt(&body[..close]));
        out.push(quote);
        rest = &body[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The offset of the quote that closes a piece opened by `quote`, skipping `\"` in `"` pieces.
fn closing_quote(body: &str, quote: char) -> Option<usize> {
    let mut escaped = false;
    for (at, c) in body.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quote == '"' => escaped = true,
            _ if c == quote => return Some(at),
            _ => {}
        }
    }
    None
}

/// A command-line error with the input it repeats (the value or argument in question, and any
/// tip that quotes it) cut to an [`excerpt`]; clap would print a 100 KB argument in full.
fn cut_echoes(mut err: clap::Error) -> clap::Error {
    let long_args: Vec<String> =
        std::env::args_os().skip(1).map(|arg| arg.to_string_lossy().into_owned()).filter(|arg| is_long(arg)).collect();
    let cut_args = |text: String| {
        long_args.iter().fold(text, |text, arg| {
            if text.contains(arg.as_str()) { text.replace(arg.as_str(), &excerpt(arg)) } else { text }
        })
    };
    let changes: Vec<_> = err
        .context()
        .filter_map(|(kind, value)| {
            let cut = match value {
                ContextValue::String(text) if is_long(text) => ContextValue::String(excerpt(text).into_owned()),
                ContextValue::Strings(texts) if texts.iter().any(|text| is_long(text)) => {
                    ContextValue::Strings(texts.iter().map(|text| excerpt(text).into_owned()).collect())
                }
                ContextValue::StyledStr(text)
                    if long_args.iter().any(|arg| text.to_string().contains(arg.as_str())) =>
                {
                    ContextValue::StyledStr(StyledStr::from(cut_args(text.to_string())))
                }
                ContextValue::StyledStrs(texts)
                    if texts.iter().any(|text| long_args.iter().any(|arg| text.to_string().contains(arg.as_str()))) =>
                {
                    ContextValue::StyledStrs(
                        texts.iter().map(|text| StyledStr::from(cut_args(text.to_string()))).collect(),
                    )
                }
                _ => return None,
            };
            Some((kind, cut))
        })
        .collect();
    for (kind, value) in changes {
        err.insert(kind, value);
    }
    err
}

fn parse_ret(text: &str) -> Result<i32, String> {
    text.trim().parse().map_err(|_| "expected an integer ret that fits 32 bits, such as -303 or -10000".to_owned())
}

fn parse_layer(text: &str) -> Result<Layer, String> {
    text.parse::<Layer>().map_err(|err| cut_quoted(&err.to_string()))
}

fn parse_locale(text: &str) -> Result<Locale, String> {
    text.parse::<Locale>().map_err(|err| cut_quoted(&err.to_string()))
}

fn parse_action(text: &str) -> Result<Action, String> {
    text.parse::<Action>().map_err(|err| cut_quoted(&err.to_string()))
}

fn parse_response(text: &str) -> Result<Response, String> {
    Response::from_json(text.as_bytes()).map_err(|err| {
        format!(r#"{}; expected a JSON object such as {{"ret":-10000,"msg":"-73,..."}}"#, cut_quoted(&err.to_string()))
    })
}

/// The locale of the environment: `LC_ALL`, then `LANG` (the first that is set and not empty);
/// `C`, `POSIX` or a language the catalog does not have is English.
fn env_locale() -> Locale {
    for name in ["LC_ALL", "LANG"] {
        if let Some(value) = std::env::var_os(name).filter(|value| !value.is_empty()) {
            return value.to_str().and_then(|value| value.parse().ok()).unwrap_or(Locale::En);
        }
    }
    Locale::En
}

// ---------------------------------------------------------------------------------------------
// The catalog, layer by layer

/// One catalog entry with all its codes, the first one first.
struct Entry {
    err: MsdkError,
    codes: &'static [i32],
}

/// Every entry of `layer`, in the data's order.
fn entries(layer: Layer) -> Vec<Entry> {
    MsdkError::all().filter(|err| err.layer() == Some(layer)).map(|err| Entry { codes: err.codes(), err }).collect()
}

/// The codes of one entry as the documents write them: runs of three or more consecutive codes
/// as `first~last` ("-500003~-500009"), the rest separated by ", ".
fn join_codes(codes: &[i32]) -> String {
    let mut parts = Vec::new();
    let mut start = 0;
    while start < codes.len() {
        let step = codes.get(start + 1).map(|&next| i64::from(next) - i64::from(codes[start]));
        let mut end = start;
        if let Some(step @ (1 | -1)) = step {
            while end + 1 < codes.len() && i64::from(codes[end + 1]) - i64::from(codes[end]) == step {
                end += 1;
            }
        }
        if end - start >= 2 {
            parts.push(format!("{}~{}", codes[start], codes[end]));
        } else {
            end = start;
            parts.push(codes[start].to_string());
        }
        start = end + 1;
    }
    parts.join(", ")
}

fn ranges_of(layer: Layer) -> impl Iterator<Item = &'static CodeRange> {
    MsdkError::ranges().iter().filter(move |range| range.layer == layer.id())
}

fn range_json(range: &CodeRange) -> Value {
    json!({
        "layer": range.layer,
        "name": range.name,
        "low": range.low,
        "high": range.high,
        "message": range.message,
    })
}

// ---------------------------------------------------------------------------------------------
// list

fn list(args: &ArgMatches, locale: Locale) -> String {
    let action = args.get_one::<Action>("action").copied();
    let (layers, with_layer): (Vec<Layer>, bool) = match args.get_one::<Layer>("layer") {
        Some(&layer) => (vec![layer], false),
        None => (Layer::ALL.to_vec(), true),
    };
    let mut rows: Vec<Vec<String>> = Vec::new();
    for layer in layers {
        for entry in entries(layer) {
            if action.is_some_and(|action| entry.err.action() != action) {
                continue;
            }
            let mut row = Vec::with_capacity(5);
            if with_layer {
                row.push(layer.id().to_owned());
            }
            row.push(join_codes(entry.codes));
            row.push(entry.err.name().to_owned());
            row.push(entry.err.action().id().to_owned());
            row.push(entry.err.message(locale).to_owned());
            rows.push(row);
        }
    }
    if rows.is_empty() {
        return String::new();
    }
    let header: &[&str] = if with_layer {
        &["LAYER", "CODE", "NAME", "ACTION", "MESSAGE"]
    } else {
        &["CODE", "NAME", "ACTION", "MESSAGE"]
    };
    rows.insert(0, header.iter().map(|&cell| cell.to_owned()).collect());
    table(&rows)
}

/// Rows as columns two spaces apart, aligned by display width; the last column is not padded.
fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|column| rows.iter().filter_map(|row| row.get(column)).map(|cell| display_width(cell)).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in rows {
        for (column, cell) in row.iter().enumerate() {
            out.push_str(cell);
            if column + 1 < row.len() {
                out.extend(std::iter::repeat_n(' ', widths[column] - display_width(cell) + 2));
            }
        }
        out.push('\n');
    }
    out
}

/// Terminal columns of `text` by Unicode's East Asian Width: CJK, kana, hangul and full-width
/// forms take two, combining marks and zero-width characters none, the rest one.
fn display_width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

// ---------------------------------------------------------------------------------------------
// export

fn export(args: &ArgMatches, locale: Locale) -> String {
    match args.get_one::<String>("format").map(String::as_str) {
        Some("json") => {
            let value = export_json(locale);
            let mut text = serde_json::to_string_pretty(&value).unwrap_or_else(|_| value.to_string());
            text.push('\n');
            text
        }
        _ => export_markdown(locale),
    }
}

fn export_markdown(locale: Locale) -> String {
    let header = match locale {
        Locale::Zh => "| 错误码 | 错误描述 | 推荐处理 |",
        Locale::Ja => "| エラーコード | エラー記述 | 推奨処理 |",
        Locale::Ko => "| 오류 코드 | 오류 설명 | 처리에 관한 권장사항 |",
        _ => "| code | description | recommended handling |",
    };
    let cell = |text: &str| text.replace('|', "\\|").replace(['\r', '\n'], " ");
    let mut out = String::new();
    for (index, &layer) in Layer::ALL.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        out.push_str(&format!("## {}\n\n{header}\n|---|---|---|\n", layer.title(locale)));
        for entry in entries(layer) {
            let advice = entry.err.advice(locale).unwrap_or("");
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                join_codes(entry.codes),
                cell(entry.err.message(locale)),
                cell(advice)
            ));
        }
    }
    out
}

fn export_json(locale: Locale) -> Value {
    let layers: Vec<Value> = Layer::ALL
        .iter()
        .map(|&layer| {
            let entries: Vec<Value> = entries(layer)
                .iter()
                .map(|entry| {
                    json!({
                        "codes": entry.codes,
                        "name": entry.err.name(),
                        "action": entry.err.action().id(),
                        "err_type": entry.err.err_type().code(),
                        "message": entry.err.message(locale),
                        "advice": entry.err.advice(locale),
                        "note": entry.err.note(locale),
                    })
                })
                .collect();
            json!({
                "id": layer.id(),
                "title": layer.title(locale),
                "channel": layer.channel().id(),
                "ranges": ranges_of(layer).map(range_json).collect::<Vec<_>>(),
                "entries": entries,
            })
        })
        .collect();
    json!({ "locale": locale.tag(), "layers": layers })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_wide_characters_twice() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("成功"), 4);
        assert_eq!(display_width("成功です"), 8);
        assert_eq!(display_width("성공"), 4);
        assert_eq!(display_width("ＡＢ"), 4);
        assert_eq!(display_width("e\u{301}"), 1);
    }

    #[test]
    fn codes_join_like_the_documents() {
        assert_eq!(join_codes(&[-303]), "-303");
        assert_eq!(join_codes(&[-500003, -500004, -500005, -500006, -500007, -500008, -500009]), "-500003~-500009");
        assert_eq!(join_codes(&[50, 51, 52, 53, 54]), "50~54");
        assert_eq!(join_codes(&[16, 17]), "16, 17");
        assert_eq!(join_codes(&[-1, 255]), "-1, 255");
        assert_eq!(join_codes(&[1, 2, 3, 7, 9, 10, 11]), "1~3, 7, 9~11");
    }

    #[test]
    fn quoted_pieces_are_cut_past_the_limit_and_escaped_quotes_stay_inside() {
        let long = format!("{}\\\"{}", "x".repeat(79), "y".repeat(100));
        let message = format!(r#"invalid type: string "{long}", expected `i32` at line 1 column 9"#);
        let want = format!(
            r#"invalid type: string "{}\… ({} bytes)", expected `i32` at line 1 column 9"#,
            "x".repeat(79),
            long.len()
        );
        assert_eq!(cut_quoted(&message), want);
        assert_eq!(cut_quoted("unknown layer `acess`; a \"short\" one"), "unknown layer `acess`; a \"short\" one");
        assert_eq!(cut_quoted("an unclosed \"quote"), "an unclosed \"quote");
        assert_eq!(excerpt(&"é".repeat(81)), format!("{}… (162 bytes)", "é".repeat(80)));
        assert_eq!(excerpt(&"é".repeat(80)), "é".repeat(80));
    }

    #[test]
    fn tables_align_by_display_width() {
        let rows = vec![
            vec!["成功".to_owned(), "x".to_owned(), "end".to_owned()],
            vec!["ab".to_owned(), "错误码".to_owned(), "end".to_owned()],
        ];
        assert_eq!(table(&rows), "成功  x       end\nab    错误码  end\n");
    }
}
