//! The implementation of `msdk_errors!` and `#[msdk_codes]`, as plain Rust over `proc_macro2`
//! so it can be unit-tested and benchmarked: parse the arguments, load the catalog (with
//! msdk-codes-catalog's one pipeline), plan the subset, expand. Not a public API: use
//! `msdk-codes-core`.

#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod args;
pub mod diagnostics;
pub mod expand;
pub mod krate;
pub mod module;
pub mod select;

#[cfg(feature = "toml")]
use std::path::PathBuf;

use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};

use msdk_codes_catalog::model::Locale;
use msdk_codes_catalog::source::Sources;
use msdk_codes_catalog::{Checks, Loaded, Source};

use crate::args::Args;
use crate::diagnostics::MacroError;

/// Turns the expansion's source text into tokens. The macro crate passes the compiler's own
/// lexer; tests and benchmarks use [`lex_with_proc_macro2`].
pub type Lexer<'l> = &'l dyn Fn(&str) -> Option<TokenStream>;

/// proc_macro2's lexer: outside a macro its own, inside one it checks the text with its own
/// lexer first (slow in an unoptimized macro) and then asks the compiler.
pub fn lex_with_proc_macro2(source: &str) -> Option<TokenStream> {
    source.parse().ok()
}

/// Where a macro is called in the user's source: (line, column), from the compiler.
pub type Site = (usize, usize);

/// `msdk_errors!(...)`: the items, generated from the arguments; `site` is where its arguments
/// start.
pub fn msdk_errors(input: TokenStream, lex: Lexer<'_>, site: Site) -> TokenStream {
    expansion(input, lex, &[], site)
}

/// `#[msdk_codes(...)] mod team {}`: the module, with the generated items appended to what it
/// already holds; `site` is where the attribute is.
pub fn msdk_codes(args: TokenStream, item: TokenStream, lex: Lexer<'_>, site: Site) -> TokenStream {
    let mut trees: Vec<TokenTree> = item.clone().into_iter().collect();
    let is_mod = trees.iter().any(|tree| matches!(tree, TokenTree::Ident(ident) if ident == "mod"));
    match trees.last() {
        Some(TokenTree::Group(body)) if is_mod && body.delimiter() == Delimiter::Brace => {
            let attributes = &trees[..trees.len() - 1];
            if let Some(other) = module::other_expansion(attributes, &body.stream()) {
                // The module is left as it is, for the other expansion to fill alone.
                let mut out = error_before(args, &other, module::ONE_PER_MODULE);
                out.extend(item);
                return out;
            }
            #[cfg(not(feature = "toml"))]
            if let Some(out) = renamed_without_toml(&args, &item) {
                return out;
            }
            let mut contents = body.stream();
            let own_items = module::type_names(&contents);
            contents.extend(expansion(args, lex, &own_items, site));
            let mut filled = Group::new(Delimiter::Brace, contents);
            filled.set_span(body.span());
            trees.pop();
            trees.push(TokenTree::Group(filled));
            trees.into_iter().collect()
        }
        _ => {
            let message = "#[msdk_codes(...)] goes on an inline module, such as `pub mod team_pay {}`";
            let mut out = error_before(args, &item, message);
            out.extend(item);
            out
        }
    }
}

/// Without the `toml` feature, in a crate whose Cargo.toml renames msdk-codes-core and an
/// attribute without `crate = "..."`: one error at the attribute that names both ways to give
/// the name, and the module as it is. Expanded through `::msdk_codes_core`, which that crate
/// does not have, every path of the expansion would be an error of its own.
#[cfg(not(feature = "toml"))]
fn renamed_without_toml(args: &TokenStream, item: &TokenStream) -> Option<TokenStream> {
    if args::parse(args.clone()).0.krate.is_some() {
        return None;
    }
    let name = krate::renamed_in_manifest()?;
    let shown = name.as_deref().unwrap_or("its name");
    let message = format!(
        "this crate's Cargo.toml renames msdk-codes-core (`package = \"msdk-codes-core\"`), and #[msdk_codes] \
         cannot read the new name without msdk-codes-core's `toml` feature: give it, `crate = \"{shown}\"`, \
         or turn on the feature, `features = [\"toml\"]`"
    );
    let mut out = MacroError::new(Span::call_site(), message).to_prelude_compile_error();
    out.extend(item.clone());
    Some(out)
}

/// An error over `tokens` of the attributed item, through the crate path the arguments give.
fn error_before(args: TokenStream, tokens: &TokenStream, message: &str) -> TokenStream {
    let krate = args::parse(args).0.krate.unwrap_or_else(krate::from_manifest);
    MacroError::spanned(tokens, message).to_compile_error(&krate, false)
}

/// The whole pipeline. Never panics on bad input: every problem becomes a `compile_error!`
/// at the argument that caused it, and the expansion goes on with what is valid.
pub fn generate(input: TokenStream) -> TokenStream {
    generate_with(input, &lex_with_proc_macro2)
}

/// [`generate`], with the expansion's source text lexed by `lex`.
pub fn generate_with(input: TokenStream, lex: Lexer<'_>) -> TokenStream {
    expansion(input, lex, &[], (0, 0))
}

/// The expansion into a module whose own items of the type namespace are `own_items` (those of
/// an attributed module; none for `msdk_errors!`, which cannot see its neighbours).
fn expansion(input: TokenStream, lex: Lexer<'_>, own_items: &[Ident], site: Site) -> TokenStream {
    let (dollar_crate, input) = krate::split_dollar_crate(input);
    let (mut args, mut errors) = args::parse(input);
    args.site = site;
    if let (None, Some(ident)) = (&args.krate, dollar_crate) {
        args.krate = Some(TokenTree::Ident(ident).into());
        args.dollar_crate = true;
    }
    let loaded = load(&args, &mut errors);
    let mut plan = select::plan(&loaded.catalog, &args, &loaded.unusable, &mut errors);
    let data_span = select::data_span(&args);
    errors.extend(loaded.messages().into_iter().map(|line| MacroError::new(data_span, line)));
    let clashes = module::clashes(own_items, &expand::public_names(&plan));
    for (item, error) in clashes {
        errors.push(error);
        plan.own_items.push(item);
    }
    let mut source = rebuild_triggers(&loaded.sources, &krate::as_text(&plan.krate, plan.dollar_crate));
    source.push_str(&expand::expand_source(&plan));
    let lexed = lex(&source).map(|items| match plan.dollar_crate {
        true => krate::restore_dollar_crate(items, &plan.krate, !plan.own_items.is_empty()),
        false => items,
    });
    let items = lexed.unwrap_or_else(|| {
        // Unreachable with validated input; said plainly rather than panicking if it ever is.
        let message = "msdk-codes generated code that does not lex; please report this with your arguments";
        MacroError::new(Span::call_site(), message).to_compile_error(&plan.krate, plan.dollar_crate)
    });
    let mut out: TokenStream =
        errors.iter().map(|error| error.to_compile_error(&plan.krate, plan.dollar_crate)).collect();
    out.extend(items);
    out
}

/// The expansion's source text of a catalog loaded already, for the macro's `arguments` (their
/// data glob is not read again), and the problems of the arguments: the selection and the writing
/// the macro does after loading, for the tools, tests and benchmarks that load the catalog
/// themselves.
pub fn expand_loaded(loaded: &Loaded, arguments: TokenStream) -> (String, Vec<MacroError>) {
    let (args, mut errors) = args::parse(arguments);
    let plan = select::plan(&loaded.catalog, &args, &loaded.unusable, &mut errors);
    (expand::expand_source(&plan), errors)
}

/// The catalog the arguments name, through msdk-codes-catalog's pipeline, held to the locales
/// and layers the arguments compile in. A glob that cannot be read is an error at the glob.
pub fn load(args: &Args, errors: &mut Vec<MacroError>) -> Loaded {
    let checks = Checks {
        locales: args.locales.clone().unwrap_or_else(|| Locale::ALL.to_vec()),
        missing: args.missing,
        layers: args.layers.as_ref().map(|ids| ids.iter().map(ToString::to_string).collect()),
    };
    match source(args, errors) {
        Some(source) => msdk_codes_catalog::load(source, &checks),
        None => Loaded::empty(),
    }
}

/// The source of the catalog, the team's files read relative to the invoking crate.
#[cfg(feature = "toml")]
fn source(args: &Args, errors: &mut Vec<MacroError>) -> Option<Source> {
    let mut read = |pattern: &args::Spanned| {
        read_glob(&pattern.value).unwrap_or_else(|message| {
            errors.push(MacroError::new(pattern.span, message));
            Sources::default()
        })
    };
    Some(match (&args.data, &args.extend) {
        (None, None) => Source::Bundled,
        (Some(pattern), _) => Source::Replacing(read(pattern)),
        (None, Some(pattern)) => Source::Extending(read(pattern)),
    })
}

/// Without a TOML parser, a pattern is one error at the pattern, and the expansion goes on with
/// what it has: nothing for a catalog of the team's own, the bundled catalog for `extend`.
#[cfg(not(feature = "toml"))]
fn source(args: &Args, errors: &mut Vec<MacroError>) -> Option<Source> {
    match (&args.data, &args.extend) {
        (None, None) => Some(Source::Bundled),
        (Some(pattern), _) => {
            errors.push(MacroError::new(pattern.span, WITHOUT_TOML));
            None
        }
        (None, Some(pattern)) => {
            errors.push(MacroError::new(pattern.span, WITHOUT_TOML));
            Some(Source::Bundled)
        }
    }
}

/// The error for a data file read without the `toml` feature. Its dependency line is the one the
/// README gives, which resolves while the crates are not on crates.io.
pub const WITHOUT_TOML: &str = "reading data files needs the `toml` feature of msdk-codes-core: \
     `msdk-codes-core = { git = \"https://github.com/msdk-codes/msdk-codes\", features = [\"toml\"] }`; \
     without it the macros expand the bundled catalog only (`msdk_errors!()`, `layers = [...]`)";

/// The files of a glob in the invoking crate.
#[cfg(feature = "toml")]
fn read_glob(pattern: &str) -> Result<Sources, String> {
    manifest_dir().and_then(|root| Sources::read_glob(&root, pattern))
}

#[cfg(feature = "toml")]
fn manifest_dir() -> Result<PathBuf, String> {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .ok_or_else(|| "CARGO_MANIFEST_DIR is not set: build with cargo, or use the bundled catalog".to_owned())
}

/// `include_bytes!` of each file read, so that editing one rebuilds the crate that reads it.
/// The macro is reached through the runtime crate, as every path of the expansion is: `::core`
/// would not resolve in a 2015-edition crate.
fn rebuild_triggers(sources: &Sources, krate: &str) -> String {
    let mut out = String::new();
    for path in sources.files.iter().filter_map(|file| file.absolute_path.as_ref()).filter_map(|path| path.to_str()) {
        out.push_str("const _: &");
        out.push_str(krate);
        out.push_str("::__private::Bytes = ");
        out.push_str(krate);
        out.push_str("::__private::include_bytes!(");
        expand::push_str_literal(&mut out, path);
        out.push_str(");\n");
    }
    out
}

#[cfg(all(test, not(feature = "toml")))]
mod without_toml {
    use quote::quote;

    use super::{WITHOUT_TOML, generate};

    fn expand(input: proc_macro2::TokenStream) -> String {
        generate(input).to_string()
    }

    /// The error names the feature and says how to turn it on.
    fn says_how_to_turn_it_on(out: &str) {
        assert!(WITHOUT_TOML.contains("features = [\"toml\"]"));
        assert_eq!(out.matches("compile_error").count(), 1, "{out}");
        assert!(out.contains("reading data files needs the `toml` feature of msdk-codes-core"), "{out}");
    }

    #[test]
    fn a_team_catalog_is_one_error_at_its_path() {
        let out = expand(quote!("data/*.toml"));
        says_how_to_turn_it_on(&out);
    }

    #[test]
    fn extend_is_one_error_and_the_bundled_layers_still_expand() {
        let out = expand(quote!(extend = "team/*.toml", layers = [access]));
        says_how_to_turn_it_on(&out);
        assert!(out.contains("AccessError"), "{out}");
    }

    #[test]
    fn the_bundled_catalog_needs_no_toml() {
        let out = expand(quote!(layers = [access, wechat_platform], locales = ["en"]));
        assert!(!out.contains("compile_error"), "{out}");
        assert!(out.contains(":: msdk_codes_core"), "{out}");
    }
}
