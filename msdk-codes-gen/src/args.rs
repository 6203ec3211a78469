//! The macro's arguments: `"data/*.toml", locale = "ja", layers = [access], ...`.
//!
//! Arguments are split at top-level commas and each is read on its own, so one bad argument
//! yields one error and the others still count. The grammar is small enough to read straight
//! from the token trees, which spares every user's cold build a compile of syn.

use proc_macro2::{Delimiter, Group, Ident, Literal, Span, TokenStream, TokenTree};

use crate::diagnostics::{MacroError, did_you_mean, quoted_list};
use msdk_codes_catalog::model::Locale;
use msdk_codes_catalog::validate::Missing;

/// How the generated `Handler` trait asks to be implemented.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Handling {
    /// Action methods required, per-code methods provided (calling their action's method).
    ByAction,
    /// Every per-code method required: the compiler lists each code a team has not handled.
    EveryCode,
}

/// `layer::Name = action`: this expansion treats the code `Name` of `layer` as `action`.
#[derive(Clone, Debug)]
pub struct PolicyRule {
    pub layer: Ident,
    pub name: Ident,
    pub action: Ident,
}

/// A string argument: its value and where it was written.
#[derive(Clone, Debug)]
pub struct Spanned {
    pub value: String,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Args {
    /// The glob of the user's data files; `None`: the bundled catalog.
    pub data: Option<Spanned>,
    /// `extend = "data/*.toml"`: the team's files, on top of the bundled catalog.
    pub extend: Option<Spanned>,
    pub locale: Locale,
    /// `None`: all four.
    pub locales: Option<Vec<Locale>>,
    /// `None`: every layer in the data; the idents keep their spans for errors.
    pub layers: Option<Vec<Ident>>,
    pub missing: Missing,
    pub handling: Handling,
    /// `crate = "..."`: the path of msdk-codes-core in the user's crate; `None`: the name the
    /// crate's Cargo.toml gives it.
    pub krate: Option<TokenStream>,
    /// `krate` is the `$crate` that msdk-codes-core's `msdk_errors!` passed.
    pub dollar_crate: bool,
    pub policy: Vec<PolicyRule>,
    /// Where the macro is called (line, column), which the macro crate reads from the compiler;
    /// `(0, 0)` where no compiler tells (tests, benchmarks).
    pub site: (usize, usize),
}

impl Default for Args {
    fn default() -> Args {
        Args {
            data: None,
            extend: None,
            locale: Locale::En,
            locales: None,
            layers: None,
            missing: Missing::Error,
            handling: Handling::ByAction,
            krate: None,
            dollar_crate: false,
            policy: Vec::new(),
            site: (0, 0),
        }
    }
}

const KNOWN: &[&str] = &["extend", "locale", "locales", "layers", "missing", "handling", "policy", "crate"];

/// Reads every argument; returns the arguments as far as they could be read, defaults standing
/// in for bad ones, and an error for each bad one.
pub fn parse(input: TokenStream) -> (Args, Vec<MacroError>) {
    let mut args = Args::default();
    let mut errors = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (index, piece) in split_at_commas(input).into_iter().enumerate() {
        if piece.is_empty() {
            continue;
        }
        if let Some(TokenTree::Literal(_)) = piece.clone().into_iter().next() {
            match string(&piece, "\"data/*.toml\"") {
                Ok(path) if index == 0 => args.data = Some(path),
                Ok(path) => errors.push(MacroError::new(
                    path.span,
                    "the data path must be the first argument: msdk_errors!(\"data/*.toml\", locale = \"en\")",
                )),
                Err(_) => errors.push(MacroError::spanned(
                    &piece,
                    "expected the data path as a string, such as \"data/*.toml\", or `name = value`",
                )),
            }
            continue;
        }
        if let Err(error) = parse_named(piece, &mut args, &mut seen) {
            errors.push(error);
        }
    }
    if let (Some(data), Some(extend)) = (&args.data, &args.extend) {
        // The positional glob keeps its meaning; `extend` is dropped so the expansion goes on.
        errors.push(MacroError::new(
            extend.span,
            format!(
                "`extend` builds on the bundled catalog, but the data path {:?} replaces it: give one of them, \
                 `msdk_errors!(extend = {:?})` for the bundled catalog plus your files, or \
                 `msdk_errors!({:?})` for your files alone",
                data.value, extend.value, data.value
            ),
        ));
        args.extend = None;
    }
    if let Some(locales) = args.locales.as_mut() {
        // `Display` speaks the `locale` language, so its strings are always compiled in.
        if !locales.contains(&args.locale) {
            locales.push(args.locale);
        }
        locales.sort();
    }
    (args, errors)
}

fn split_at_commas(input: TokenStream) -> Vec<TokenStream> {
    let mut pieces = vec![TokenStream::new()];
    for tree in input {
        match &tree {
            TokenTree::Punct(p) if p.as_char() == ',' => pieces.push(TokenStream::new()),
            _ => pieces.last_mut().expect("never empty").extend([tree]),
        }
    }
    pieces
}

/// `name = value`.
fn parse_named(piece: TokenStream, args: &mut Args, seen: &mut Vec<String>) -> Result<(), MacroError> {
    let mut trees = piece.clone().into_iter();
    let key = match trees.next() {
        Some(TokenTree::Ident(key)) => key,
        _ => return Err(MacroError::spanned(&piece, "expected an argument such as `locale = \"en\"`")),
    };
    let name = key.to_string();
    if !KNOWN.contains(&name.as_str()) {
        let hint = match did_you_mean(&name, KNOWN.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("expected one of {}", quoted_list(KNOWN.iter().copied())),
        };
        return Err(MacroError::new(key.span(), format!("unknown argument `{name}`; {hint}")));
    }
    if seen.contains(&name) {
        return Err(MacroError::new(key.span(), format!("argument `{name}` is given twice")));
    }
    seen.push(name.clone());
    match trees.next() {
        Some(TokenTree::Punct(eq)) if eq.as_char() == '=' => {}
        _ => return Err(MacroError::new(key.span(), format!("expected `{name} = ...`"))),
    }
    let value: TokenStream = trees.collect();
    if value.is_empty() {
        return Err(MacroError::new(key.span(), format!("`{name} =` needs a value")));
    }
    apply(&name, &value, args)
}

fn apply(name: &str, value: &TokenStream, args: &mut Args) -> Result<(), MacroError> {
    match name {
        "extend" => args.extend = Some(string(value, "extend = \"data/*.toml\"")?),
        "locale" => args.locale = locale(&string(value, "locale = \"en\"")?)?,
        "locales" => {
            let list = bracketed(value, "locales = [\"en\", \"ja\"]")?;
            let mut locales = Vec::new();
            for item in split_at_commas(list.stream()).into_iter().filter(|p| !p.is_empty()) {
                let parsed = locale(&string(&item, "locales = [\"en\", \"ja\"]")?)?;
                if !locales.contains(&parsed) {
                    locales.push(parsed);
                }
            }
            if locales.is_empty() {
                return Err(MacroError::new(list.span(), "`locales` is empty; name at least one, such as [\"en\"]"));
            }
            args.locales = Some(locales);
        }
        "layers" => {
            let list = bracketed(value, "layers = [access, logical]")?;
            let mut layers = Vec::new();
            for item in split_at_commas(list.stream()).into_iter().filter(|p| !p.is_empty()) {
                let mut trees = item.clone().into_iter();
                match (trees.next(), trees.next()) {
                    (Some(TokenTree::Ident(ident)), None) => layers.push(ident),
                    _ => {
                        return Err(MacroError::spanned(
                            &item,
                            "expected a layer id such as `access` (an identifier, not a string)",
                        ));
                    }
                }
            }
            if layers.is_empty() {
                return Err(MacroError::new(
                    list.span(),
                    "`layers` is empty: the subset must name at least one layer, such as [access]",
                ));
            }
            args.layers = Some(layers);
        }
        "missing" => {
            let text = string(value, "missing = \"error\"")?;
            args.missing = match text.value.as_str() {
                "error" => Missing::Error,
                "fallback_en" => Missing::FallbackEn,
                other => {
                    return Err(MacroError::new(
                        text.span,
                        format!("unknown `missing` policy {other:?}; expected \"error\" or \"fallback_en\""),
                    ));
                }
            };
        }
        "handling" => {
            let text = string(value, "handling = \"by_action\"")?;
            args.handling = match text.value.as_str() {
                "by_action" => Handling::ByAction,
                "every_code" => Handling::EveryCode,
                other => {
                    return Err(MacroError::new(
                        text.span,
                        format!("unknown `handling` mode {other:?}; expected \"by_action\" or \"every_code\""),
                    ));
                }
            };
        }
        "crate" => {
            let text = string(value, "crate = \"my_renamed_core\"")?;
            args.krate = Some(path(&text.value).ok_or_else(|| {
                MacroError::new(text.span, "`crate` must be a path, such as \"::msdk_codes_core\" or \"my_codes\"")
            })?);
        }
        "policy" => args.policy = policy(value)?,
        _ => unreachable!("checked against KNOWN"),
    }
    Ok(())
}

/// A string literal, alone.
fn string(value: &TokenStream, example: &str) -> Result<Spanned, MacroError> {
    let mut trees = value.clone().into_iter();
    match (trees.next(), trees.next()) {
        (Some(TokenTree::Literal(literal)), None) => match string_value(&literal) {
            Some(text) => Ok(Spanned { value: text, span: literal.span() }),
            None => Err(MacroError::new(literal.span(), format!("expected a string here, as in `{example}`"))),
        },
        _ => Err(MacroError::spanned(value, format!("expected a string here, as in `{example}`"))),
    }
}

/// The value of a string literal token (`"..."` with escapes, or raw `r#"..."#`), as rustc reads
/// it; `None` for any other literal (numbers, chars, byte strings, suffixed strings).
pub fn string_value(literal: &Literal) -> Option<String> {
    let literal = litrs::StringLit::parse(literal.to_string()).ok()?;
    literal.suffix().is_empty().then(|| literal.into_value())
}

/// `::a::b` or `a::b`: a path of plain identifiers, as tokens.
fn path(text: &str) -> Option<TokenStream> {
    let tokens: TokenStream = text.parse().ok()?;
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let mut at = 0;
    let is_colon = |tree: Option<&TokenTree>| matches!(tree, Some(TokenTree::Punct(p)) if p.as_char() == ':');
    if is_colon(trees.first()) {
        if !is_colon(trees.get(1)) {
            return None;
        }
        at = 2;
    }
    loop {
        match trees.get(at) {
            Some(TokenTree::Ident(_)) => at += 1,
            _ => return None,
        }
        if at == trees.len() {
            return Some(tokens);
        }
        if !(is_colon(trees.get(at)) && is_colon(trees.get(at + 1))) {
            return None;
        }
        at += 2;
    }
}

fn bracketed(value: &TokenStream, example: &str) -> Result<Group, MacroError> {
    let mut trees = value.clone().into_iter();
    match (trees.next(), trees.next()) {
        (Some(TokenTree::Group(group)), None) if group.delimiter() == Delimiter::Bracket => Ok(group),
        _ => Err(MacroError::spanned(value, format!("expected a list in brackets, as in `{example}`"))),
    }
}

fn locale(text: &Spanned) -> Result<Locale, MacroError> {
    Locale::from_tag(&text.value).ok_or_else(|| {
        MacroError::new(
            text.span,
            format!("unknown locale {:?}; expected one of \"en\", \"zh\", \"ja\", \"ko\"", text.value),
        )
    })
}

/// `policy = { access::FrequencyLimit = retry, ... }`; a bad rule is an error of its own.
fn policy(value: &TokenStream) -> Result<Vec<PolicyRule>, MacroError> {
    let example = "policy = { access::FrequencyLimit = retry }";
    let mut trees = value.clone().into_iter();
    let group = match (trees.next(), trees.next()) {
        (Some(TokenTree::Group(group)), None) if group.delimiter() == Delimiter::Brace => group,
        _ => return Err(MacroError::spanned(value, format!("expected rules in braces, as in `{example}`"))),
    };
    let mut rules = Vec::new();
    for item in split_at_commas(group.stream()).into_iter().filter(|p| !p.is_empty()) {
        let trees: Vec<TokenTree> = item.clone().into_iter().collect();
        let punct = |at: usize, c: char| matches!(trees.get(at), Some(TokenTree::Punct(p)) if p.as_char() == c);
        match trees.as_slice() {
            [TokenTree::Ident(layer), _, _, TokenTree::Ident(name), _, TokenTree::Ident(action)]
                if punct(1, ':') && punct(2, ':') && punct(4, '=') =>
            {
                rules.push(PolicyRule { layer: layer.clone(), name: name.clone(), action: action.clone() });
            }
            _ => {
                return Err(MacroError::spanned(
                    &item,
                    format!("expected `layer::CodeName = action`, as in `{example}`"),
                ));
            }
        }
    }
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn reads_every_argument() {
        let (args, errors) = parse(quote!(
            "data/*.toml",
            locale = "ja",
            locales = ["en"],
            layers = [access, logical],
            missing = "fallback_en",
            handling = "every_code",
            crate = "codes",
            policy = { access::FrequencyLimit = retry }
        ));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(args.data.unwrap().value, "data/*.toml");
        assert_eq!(args.locale, Locale::Ja);
        assert_eq!(args.locales, Some(vec![Locale::En, Locale::Ja]));
        assert_eq!(args.layers.unwrap().len(), 2);
        assert_eq!(args.missing, Missing::FallbackEn);
        assert_eq!(args.handling, Handling::EveryCode);
        assert_eq!(args.krate.unwrap().to_string(), "codes");
        assert_eq!(args.policy[0].name, "FrequencyLimit");
    }

    #[test]
    fn extend_is_a_glob_and_excludes_the_data_path() {
        let (args, errors) = parse(quote!(extend = "data/*.toml", layers = [access]));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(args.extend.unwrap().value, "data/*.toml");
        assert!(args.data.is_none());

        let (args, errors) = parse(quote!("own/*.toml", extend = "data/*.toml"));
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0]
                .message()
                .starts_with("`extend` builds on the bundled catalog, but the data path \"own/*.toml\" replaces it")
        );
        assert_eq!(args.data.unwrap().value, "own/*.toml");
        assert!(args.extend.is_none());
    }

    #[test]
    fn collects_every_bad_argument() {
        let (args, errors) = parse(quote!(locale = "fr", layer = [access], handling = 3));
        let messages: Vec<&str> = errors.iter().map(MacroError::message).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("unknown locale \"fr\""));
        assert!(messages[1].contains("did you mean `layers`?"));
        assert!(messages[2].contains("expected a string"));
        assert_eq!(args.locale, Locale::En);
    }

    #[test]
    fn string_literals_are_read_as_rust_reads_them() {
        let value = |source: &str| string_value(&source.parse::<Literal>().unwrap());
        assert_eq!(value(r#""data/*.toml""#).as_deref(), Some("data/*.toml"));
        assert_eq!(value(r#""a\"b\\c\n\t\x41\u{4e2d}""#).as_deref(), Some("a\"b\\c\n\tA中"));
        assert_eq!(value(r##"r#"raw "quoted" \n"#"##).as_deref(), Some(r#"raw "quoted" \n"#));
        assert_eq!(value("\"line \\\n    continued\"").as_deref(), Some("line continued"));
        assert_eq!(value("3"), None);
        assert_eq!(value("b\"bytes\""), None);
        assert_eq!(value("'c'"), None);
        assert_eq!(value("\"suffixed\"_x"), None);
        assert_eq!(value("r\"raw\"_x"), None);
    }

    #[test]
    fn crate_paths_are_plain_paths() {
        assert_eq!(path("::msdk_codes_core").map(|p| p.to_string()).as_deref(), Some(":: msdk_codes_core"));
        assert!(path("my_codes").is_some());
        assert!(path("a::b::c").is_some());
        for bad in ["", "not a path!", "a::", "::", "a:b", "a::b<c>", "1abc"] {
            assert!(path(bad).is_none(), "{bad:?}");
        }
    }
}
