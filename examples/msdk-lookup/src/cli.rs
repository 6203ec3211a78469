//! The command line as clap's derive reads it: the commands, their arguments and their help.
//! Usage and value errors are clap's own messages (exit status 2); a value parser's reason,
//! after clap's `invalid value`, is ours.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};
use msdk_codes_catalog::validate::Missing;
use msdk_codes_core::{Action, Locale, Response};

use crate::catalog::Layer;
use crate::cut_quoted;

/// Look MSDK backend error codes up: explain a ret/msg from a log, list the catalog, export it,
/// check a team's data files, draft entries from the unknown codes of a log, serve a web page
#[derive(Parser)]
// Help as written, never wrapped at the terminal's width: the same text on every terminal and
// with every feature set of clap the workspace builds (the README shows it).
#[command(term_width = 0)]
pub struct Cli {
    /// For explain, list, export and serve: en, zh, ja or ko; default from LC_ALL, then LANG,
    /// else en
    #[arg(long, value_name = "L", value_parser = parse_locale)]
    pub locale: Option<Locale>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Decode a ret (and msg) as a response carrying them would be decoded
    #[command(
        allow_negative_numbers = true,
        override_usage = "msdk-lookup explain <RET> [MSG] [--via LAYER] [--locale L] [--json] [--extend FILES...]\n       \
                          msdk-lookup explain --response <JSON> [--via LAYER] [--locale L] [--json] [--extend FILES...]"
    )]
    Explain(Explain),
    /// Print the codes as an aligned table
    List(List),
    /// Print the whole catalog as Markdown tables or JSON
    Export(Export),
    /// Check data files with the macro's own rules and messages: exit 1 on a problem, else 0
    #[command(override_usage = "msdk-lookup check [--extend] [--locales L,L] [--missing fallback_en] <FILES>...")]
    Check(Check),
    /// Count the unknown codes of JSON log lines; --draft writes catalog entries for them
    #[command(override_usage = "msdk-lookup unknowns [--draft LAYER] <LOGS>...")]
    Unknowns(Unknowns),
    /// Serve a web page to search codes, decode a pasted response and share a page per code
    #[command(override_usage = SERVE_USAGE)]
    Serve(Serve),
}

const SERVE_USAGE: &str = "msdk-lookup serve [--addr 127.0.0.1:PORT] [--extend FILES...] [--locale L] \
                           [--max-connections N] [--timeout SECONDS]";

#[derive(Args)]
pub struct Explain {
    /// The response's ret, such as -303 or -10000
    #[arg(
        value_name = "RET",
        value_parser = parse_ret,
        required_unless_present = "response",
        conflicts_with = "response"
    )]
    pub ret: Option<i32>,
    /// The response's msg, such as "-73,the user modify password wrong"
    #[arg(value_name = "MSG", allow_hyphen_values = true, conflicts_with = "response")]
    pub msg: Option<String>,
    /// The whole response body, such as '{"ret":-10000,"msg":"-73,..."}'
    #[arg(long, value_name = "JSON", value_parser = parse_response)]
    pub response: Option<Response>,
    /// The layer of the API that answered, such as share_qq for /share/qq or qq_group
    #[arg(long, value_name = "LAYER", value_parser = parse_layer)]
    pub via: Option<Layer>,
    /// en, zh, ja or ko (zh_CN.UTF-8 works too); default from LC_ALL, then LANG, else en
    #[arg(long, value_name = "L", value_parser = parse_locale)]
    pub locale: Option<Locale>,
    /// Print one JSON object
    #[arg(long)]
    pub json: bool,
    /// A team's data files (or folders of them), decoded as msdk_errors!(extend = "...") decodes
    #[arg(long, value_name = "FILES", num_args = 1.., action = ArgAction::Set)]
    pub extend: Option<Vec<PathBuf>>,
}

#[derive(Args)]
pub struct List {
    /// Only this layer
    #[arg(long, value_name = "ID", value_parser = parse_layer)]
    pub layer: Option<Layer>,
    /// Only codes with this action, such as retry or fix_config
    #[arg(long, value_name = "A", value_parser = parse_action)]
    pub action: Option<Action>,
    /// en, zh, ja or ko (zh_CN.UTF-8 works too); default from LC_ALL, then LANG, else en
    #[arg(long, value_name = "L", value_parser = parse_locale)]
    pub locale: Option<Locale>,
}

#[derive(Args)]
pub struct Export {
    /// markdown: one table per layer; json: everything, for other tools
    #[arg(long, value_name = "FORMAT", value_enum, default_value = "markdown")]
    pub format: Format,
    /// en, zh, ja or ko (zh_CN.UTF-8 works too); default from LC_ALL, then LANG, else en
    #[arg(long, value_name = "L", value_parser = parse_locale)]
    pub locale: Option<Locale>,
}

/// What `export` writes.
#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    // The values' meanings are in `--format`'s help, so that its help stays one line.
    Markdown,
    Json,
}

#[derive(Args)]
pub struct Check {
    /// Data files, folders whose .toml files to check, or globs as the macro takes them
    #[arg(value_name = "FILES", required = true, num_args = 1..)]
    pub files: Vec<PathBuf>,
    /// The files extend the bundled catalog, as in msdk_errors!(extend = "...")
    #[arg(long)]
    pub extend: bool,
    /// The locales compiled in, as the macro's `locales`; default all four
    #[arg(long, value_name = "L,L", value_delimiter = ',', value_parser = parse_locale, action = ArgAction::Set)]
    pub locales: Option<Vec<Locale>>,
    /// A missing translation, as the macro's `missing`: error (default) or fallback_en
    #[arg(long, value_name = "POLICY", value_enum)]
    pub missing: Option<MissingText>,
}

/// The macro's `missing`, under the names the macro takes.
#[derive(Clone, Copy, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum MissingText {
    Error,
    FallbackEn,
}

impl From<MissingText> for Missing {
    fn from(missing: MissingText) -> Missing {
        match missing {
            MissingText::Error => Missing::Error,
            MissingText::FallbackEn => Missing::FallbackEn,
        }
    }
}

#[derive(Args)]
pub struct Unknowns {
    /// Files of JSON log lines (- for the standard input); other lines are skipped
    #[arg(value_name = "LOGS", required = true, num_args = 1..)]
    pub logs: Vec<PathBuf>,
    /// Print a team file for the unknown codes of LAYER, with TODO where a person must fill it
    #[arg(long, value_name = "LAYER", value_parser = parse_layer)]
    pub draft: Option<Layer>,
}

#[derive(Args)]
pub struct Serve {
    /// The address to listen on; port 0 picks a free one. Keep a loopback address unless others
    /// must reach it
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// A team's data files (or folders of them), shown beside the bundled catalog and marked as
    /// the team's
    #[arg(long, value_name = "FILES", num_args = 1.., action = ArgAction::Set)]
    pub extend: Option<Vec<PathBuf>>,
    /// The page's language for a browser that asks for none of en, zh, ja, ko; default from
    /// LC_ALL, then LANG, else en
    #[arg(long, value_name = "L", value_parser = parse_locale)]
    pub locale: Option<Locale>,
    /// The most connections served at once, the next ones waiting their turn; keep it below the
    /// open files limit (ulimit -n)
    #[arg(long, value_name = "N", default_value = "256", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: u32,
    /// How long a client may take to send a request's headers, or stay silent, before its
    /// connection is closed
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout: u64,
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

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
