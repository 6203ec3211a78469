//! `msdk-lookup`: explain an MSDK `ret`/`msg` from a log, list the catalog, export it, in English,
//! Chinese, Japanese or Korean; check a team's data files as the macro would; draft catalog
//! entries from the unknown codes of a production log; serve all of it as a web page. Built on
//! the whole bundled catalog through `msdk_errors!()`; the command line is in [`cli`].

use std::borrow::Cow;
use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use msdk_codes_core::{CodeRange, Locale};
use serde_json::{Value, json};

use catalog::{Layer, MsdkError};
use cli::{Cli, Command};

mod catalog {
    msdk_codes_core::msdk_errors!();
}
mod check;
mod cli;
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
    // Usage and value errors exit 2, --help 0, with clap's own messages.
    let cli = Cli::parse();
    // `--locale` belongs to the commands whose output is in a language; given before the
    // command, it is that command's unless the command gives its own.
    let locale = |own: Option<Locale>| own.or(cli.locale).unwrap_or_else(env_locale);
    let report = match &cli.command {
        Command::Explain(args) => explain::run(args, locale(args.locale)),
        Command::List(args) => Report::ok(list(args, locale(args.locale))),
        Command::Export(args) => Report::ok(export(args, locale(args.locale))),
        Command::Check(args) => check::run(args),
        Command::Unknowns(args) => unknowns::run(args),
        Command::Serve(args) => serve::run(args, locale(args.locale)),
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

// ---------------------------------------------------------------------------------------------
// The reasons of value errors

/// The most characters of an argument that a reason repeats.
const ECHO_CHARS: usize = 80;

/// `text` as a reason repeats it: whole when short, else its first [`ECHO_CHARS`] characters and
/// its length, as in `{"ret":-1,"msg":"aaaa… (100012 bytes)`.
fn excerpt(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(ECHO_CHARS) {
        None => Cow::Borrowed(text),
        Some((end, _)) => Cow::Owned(format!("{}… ({} bytes)", &text[..end], text.len())),
    }
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

fn list(args: &cli::List, locale: Locale) -> String {
    let action = args.action;
    let (layers, with_layer): (Vec<Layer>, bool) = match args.layer {
        Some(layer) => (vec![layer], false),
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

fn export(args: &cli::Export, locale: Locale) -> String {
    match args.format {
        cli::Format::Json => {
            let value = export_json(locale);
            let mut text = serde_json::to_string_pretty(&value).unwrap_or_else(|_| value.to_string());
            text.push('\n');
            text
        }
        cli::Format::Markdown => export_markdown(locale),
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
