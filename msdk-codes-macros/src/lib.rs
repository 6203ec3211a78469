//! The procedural macros of msdk-codes, `msdk_errors!` and `#[msdk_codes]`: a thin shell over
//! `msdk-codes-gen`, which implements them.
//!
//! Do not depend on this crate: depend on
//! [`msdk-codes-core`](https://docs.rs/msdk-codes-core), which re-exports both macros, holds the
//! runtime types the generated code needs, and documents the arguments and the generated items.

#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

use std::sync::atomic::{AtomicUsize, Ordering};

use proc_macro::{Span, TokenStream, TokenTree};

/// The procedural macro of
/// [`msdk_codes_core::msdk_errors!`](https://docs.rs/msdk-codes-core/latest/msdk_codes_core/macro.msdk_errors.html):
/// use it through msdk-codes-core, whose documentation describes its arguments and the items it
/// generates.
#[proc_macro]
pub fn msdk_errors(input: TokenStream) -> TokenStream {
    // msdk-codes-core's `msdk_errors!` calls this macro with `$crate;` before the arguments, from
    // inside its own definition, where every call has the same place: the arguments keep the
    // user's.
    let mut arguments =
        input.clone().into_iter().skip_while(|tree| !matches!(tree, TokenTree::Punct(p) if p.as_char() == ';'));
    let site = match arguments.nth(1) {
        Some(first) => (first.span().line(), first.span().column()),
        None => call_without_arguments(),
    };
    msdk_codes_gen::msdk_errors(input.into(), &compiler_lexer, site).into()
}

/// The site of a call without arguments, which has no token of the user's to take a place from:
/// line 0 (no real line) and the call's number among this compilation's calls without arguments,
/// counted in the order the compiler expands them, so that two such calls in one module differ.
fn call_without_arguments() -> (usize, usize) {
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    (0, CALLS.fetch_add(1, Ordering::Relaxed))
}

/// The procedural macro of
/// [`#[msdk_codes_core::msdk_codes]`](https://docs.rs/msdk-codes-core/latest/msdk_codes_core/attr.msdk_codes.html):
/// use it through msdk-codes-core, whose documentation describes its arguments and the items it
/// generates.
#[proc_macro_attribute]
pub fn msdk_codes(args: TokenStream, item: TokenStream) -> TokenStream {
    let site = Span::call_site();
    msdk_codes_gen::msdk_codes(args.into(), item.into(), &compiler_lexer, (site.line(), site.column())).into()
}

/// The compiler lexes the generated source directly. proc_macro2's `from_str` would first run
/// its own lexer over the text to guard against input the compiler cannot recover from; the
/// text is ours, valid by construction and by test, and lexing it twice, once unoptimized, costs
/// every build (benches/README.md, "Tricks that stay").
fn compiler_lexer(source: &str) -> Option<proc_macro2::TokenStream> {
    source.parse::<TokenStream>().ok().map(Into::into)
}
