//! The macro's arguments: `"data/*.toml", locale = "ja", layers = [access], ...`.
//!
//! Arguments are split at top-level commas and each is parsed on its own, so one bad argument
//! yields one error and the others still count.

use proc_macro2::{Delimiter, Ident, Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::parse::{ParseStream, Parser};
use syn::{LitStr, Token};

use crate::diagnostics::{did_you_mean, quoted_list};
use crate::model::Locale;
use crate::validate::Missing;

/// How the generated `Handler` trait asks to be implemented.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Handling {
    /// Action methods required, per-code methods provided (calling their action's method).
    ByAction,
    /// Every per-code method required: the compiler lists each code a team has not handled.
    EveryCode,
}

/// `layer::Name = action`: this expansion treats the code `Name` of `layer` as `action`.
#[derive(Clone)]
pub struct PolicyRule {
    pub layer: Ident,
    pub name: Ident,
    pub action: Ident,
}

#[derive(Clone)]
pub struct Args {
    /// The glob of the user's data files; `None`: the bundled catalog.
    pub data: Option<LitStr>,
    pub locale: Locale,
    /// `None`: all four.
    pub locales: Option<Vec<Locale>>,
    /// `None`: every layer in the data; the idents keep their spans for errors.
    pub layers: Option<Vec<Ident>>,
    pub layers_span: Span,
    pub missing: Missing,
    pub handling: Handling,
    /// The path of msdk-codes-core in the user's crate.
    pub krate: TokenStream,
    pub policy: Vec<PolicyRule>,
}

impl Default for Args {
    fn default() -> Args {
        Args {
            data: None,
            locale: Locale::En,
            locales: None,
            layers: None,
            layers_span: Span::call_site(),
            missing: Missing::Error,
            handling: Handling::ByAction,
            krate: quote::quote!(::msdk_codes_core),
            policy: Vec::new(),
        }
    }
}

const KNOWN: &[&str] = &["locale", "locales", "layers", "missing", "handling", "policy", "crate"];

/// Parses every argument; returns the arguments as far as they could be read, defaults standing
/// in for bad ones, and the combined error of every bad one.
pub fn parse(input: TokenStream) -> (Args, Option<syn::Error>) {
    let mut args = Args::default();
    let mut errors: Option<syn::Error> = None;
    let mut push = |error: syn::Error| match errors.as_mut() {
        Some(all) => all.combine(error),
        None => errors = Some(error),
    };
    let mut seen: Vec<String> = Vec::new();
    for (index, piece) in split_at_commas(input).into_iter().enumerate() {
        if piece.is_empty() {
            continue;
        }
        if let Some(TokenTree::Literal(_)) = piece.clone().into_iter().next() {
            match syn::parse2::<LitStr>(piece.clone()) {
                Ok(lit) if index == 0 => args.data = Some(lit),
                Ok(lit) => push(syn::Error::new(
                    lit.span(),
                    "the data path must be the first argument: msdk_errors!(\"data/*.toml\", locale = \"en\")",
                )),
                Err(_) => push(syn::Error::new_spanned(
                    &piece,
                    "expected the data path as a string, such as \"data/*.toml\", or `name = value`",
                )),
            }
            continue;
        }
        match parse_named(piece, &mut args, &mut seen) {
            Ok(()) => {}
            Err(error) => push(error),
        }
    }
    if let (Some(locales), locale) = (args.locales.as_mut(), args.locale)
        && !locales.contains(&locale)
    {
        // `Display` speaks the `locale` language, so its strings are always compiled in.
        locales.push(locale);
    }
    if let Some(locales) = args.locales.as_mut() {
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

fn parse_named(piece: TokenStream, args: &mut Args, seen: &mut Vec<String>) -> syn::Result<()> {
    let parser = |input: ParseStream| {
        let key: Ident = input.call(syn::ext::IdentExt::parse_any)?;
        let name = key.to_string();
        if !KNOWN.contains(&name.as_str()) {
            let hint = match did_you_mean(&name, KNOWN.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("expected one of {}", quoted_list(KNOWN.iter().copied())),
            };
            return Err(syn::Error::new(key.span(), format!("unknown argument `{name}`; {hint}")));
        }
        if seen.contains(&name) {
            return Err(syn::Error::new(key.span(), format!("argument `{name}` is given twice")));
        }
        seen.push(name.clone());
        if !input.peek(Token![=]) {
            return Err(syn::Error::new(key.span(), format!("expected `{name} = ...`")));
        }
        input.parse::<Token![=]>()?;
        let value: TokenStream = input.parse()?;
        if value.is_empty() {
            return Err(syn::Error::new(key.span(), format!("`{name} =` needs a value")));
        }
        apply(&name, value, args)
    };
    parser.parse2(piece)
}

fn apply(name: &str, value: TokenStream, args: &mut Args) -> syn::Result<()> {
    match name {
        "locale" => args.locale = locale(&string(value, "locale = \"en\"")?)?,
        "locales" => {
            let list = bracketed(value, "locales = [\"en\", \"ja\"]")?;
            let items = split_at_commas(list.stream()).into_iter().filter(|p| !p.is_empty());
            let mut locales = Vec::new();
            for item in items {
                let parsed = locale(&string(item, "locales = [\"en\", \"ja\"]")?)?;
                if !locales.contains(&parsed) {
                    locales.push(parsed);
                }
            }
            if locales.is_empty() {
                return Err(syn::Error::new(list.span(), "`locales` is empty; name at least one, such as [\"en\"]"));
            }
            args.locales = Some(locales);
        }
        "layers" => {
            let list = bracketed(value, "layers = [access, logical]")?;
            let mut layers = Vec::new();
            for item in split_at_commas(list.stream()).into_iter().filter(|p| !p.is_empty()) {
                let ident: Ident = syn::parse2(item.clone()).map_err(|_| {
                    syn::Error::new_spanned(&item, "expected a layer id such as `access` (an identifier, not a string)")
                })?;
                layers.push(ident);
            }
            if layers.is_empty() {
                return Err(syn::Error::new(
                    list.span(),
                    "`layers` is empty: the subset must name at least one layer, such as [access]",
                ));
            }
            args.layers_span = list.span();
            args.layers = Some(layers);
        }
        "missing" => {
            let lit = string(value, "missing = \"error\"")?;
            args.missing = match lit.value().as_str() {
                "error" => Missing::Error,
                "fallback_en" => Missing::FallbackEn,
                other => {
                    return Err(syn::Error::new(
                        lit.span(),
                        format!("unknown `missing` policy {other:?}; expected \"error\" or \"fallback_en\""),
                    ));
                }
            };
        }
        "handling" => {
            let lit = string(value, "handling = \"by_action\"")?;
            args.handling = match lit.value().as_str() {
                "by_action" => Handling::ByAction,
                "every_code" => Handling::EveryCode,
                other => {
                    return Err(syn::Error::new(
                        lit.span(),
                        format!("unknown `handling` mode {other:?}; expected \"by_action\" or \"every_code\""),
                    ));
                }
            };
        }
        "crate" => {
            let lit = string(value, "crate = \"my_renamed_core\"")?;
            let path: syn::Path = lit.parse().map_err(|_| {
                syn::Error::new(lit.span(), "`crate` must be a path, such as \"::msdk_codes_core\" or \"my_codes\"")
            })?;
            args.krate = path.to_token_stream();
        }
        "policy" => args.policy = policy(value)?,
        _ => unreachable!("checked against KNOWN"),
    }
    Ok(())
}

fn string(value: TokenStream, example: &str) -> syn::Result<LitStr> {
    syn::parse2::<LitStr>(value.clone())
        .map_err(|_| syn::Error::new_spanned(&value, format!("expected a string here, as in `{example}`")))
}

fn bracketed(value: TokenStream, example: &str) -> syn::Result<proc_macro2::Group> {
    let mut trees = value.clone().into_iter();
    match (trees.next(), trees.next()) {
        (Some(TokenTree::Group(group)), None) if group.delimiter() == Delimiter::Bracket => Ok(group),
        _ => Err(syn::Error::new_spanned(&value, format!("expected a list in brackets, as in `{example}`"))),
    }
}

fn locale(lit: &LitStr) -> syn::Result<Locale> {
    Locale::from_tag(&lit.value()).ok_or_else(|| {
        syn::Error::new(
            lit.span(),
            format!("unknown locale {:?}; expected one of \"en\", \"zh\", \"ja\", \"ko\"", lit.value()),
        )
    })
}

/// `policy = { access::FrequencyLimit = retry, ... }`
fn policy(value: TokenStream) -> syn::Result<Vec<PolicyRule>> {
    let example = "policy = { access::FrequencyLimit = retry }";
    let mut trees = value.clone().into_iter();
    let group = match (trees.next(), trees.next()) {
        (Some(TokenTree::Group(group)), None) if group.delimiter() == Delimiter::Brace => group,
        _ => return Err(syn::Error::new_spanned(&value, format!("expected rules in braces, as in `{example}`"))),
    };
    let mut rules = Vec::new();
    let mut errors: Option<syn::Error> = None;
    for item in split_at_commas(group.stream()).into_iter().filter(|p| !p.is_empty()) {
        let parsed = (|input: ParseStream| {
            let layer: Ident = input.call(syn::ext::IdentExt::parse_any)?;
            input.parse::<Token![::]>()?;
            let name: Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            let action: Ident = input.call(syn::ext::IdentExt::parse_any)?;
            Ok(PolicyRule { layer, name, action })
        })
        .parse2(item.clone())
        .map_err(|_| syn::Error::new_spanned(&item, format!("expected `layer::CodeName = action`, as in `{example}`")));
        match parsed {
            Ok(rule) => rules.push(rule),
            Err(error) => match errors.as_mut() {
                Some(all) => all.combine(error),
                None => errors = Some(error),
            },
        }
    }
    match errors {
        Some(error) => Err(error),
        None => Ok(rules),
    }
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
        assert!(errors.is_none());
        assert_eq!(args.data.unwrap().value(), "data/*.toml");
        assert_eq!(args.locale, Locale::Ja);
        assert_eq!(args.locales, Some(vec![Locale::En, Locale::Ja]));
        assert_eq!(args.layers.unwrap().len(), 2);
        assert_eq!(args.missing, Missing::FallbackEn);
        assert_eq!(args.handling, Handling::EveryCode);
        assert_eq!(args.krate.to_string(), "codes");
        assert_eq!(args.policy[0].name, "FrequencyLimit");
    }

    #[test]
    fn collects_every_bad_argument() {
        let (args, errors) = parse(quote!(locale = "fr", layer = [access], handling = 3));
        let messages: Vec<String> = errors.unwrap().into_iter().map(|e| e.to_string()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("unknown locale \"fr\""));
        assert!(messages[1].contains("did you mean `layers`?"));
        assert!(messages[2].contains("expected a string"));
        assert_eq!(args.locale, Locale::En);
    }
}
