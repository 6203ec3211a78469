//! The macro's errors: each a `compile_error!` at the tokens of its input that caused it.

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

pub use msdk_codes_catalog::diagnostics::{did_you_mean, quoted_list};

/// A compile error at the tokens of the macro's input that caused it.
#[derive(Clone, Debug)]
pub struct MacroError {
    start: Span,
    end: Span,
    message: String,
}

impl MacroError {
    pub fn new(span: Span, message: impl Into<String>) -> MacroError {
        MacroError { start: span, end: span, message: message.into() }
    }

    /// An error over `tokens`, from their first to their last token.
    pub fn spanned(tokens: &TokenStream, message: impl Into<String>) -> MacroError {
        let mut trees = tokens.clone().into_iter();
        let start = trees.next().map_or_else(Span::call_site, |tree| tree.span());
        let end = trees.last().map_or(start, |tree| tree.span());
        MacroError { start, end, message: message.into() }
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    /// `<krate>::__private::compile_error! { "message" }`, the path spanned at the start of the
    /// offending tokens and the message at their end, so the compiler underlines all of them.
    /// `krate` is the runtime crate's path, through which every path of the expansion goes:
    /// `::core` does not resolve in a 2015-edition crate, nor a bare `compile_error!` under
    /// `#![no_implicit_prelude]`.
    pub fn to_compile_error(&self, krate: &TokenStream, dollar_crate: bool) -> TokenStream {
        let punct = |c, spacing| {
            let mut punct = Punct::new(c, spacing);
            punct.set_span(self.start);
            TokenTree::Punct(punct)
        };
        let ident = |name| TokenTree::Ident(Ident::new(name, self.start));
        let mut message = Literal::string(&self.message);
        message.set_span(self.end);
        let mut body = Group::new(Delimiter::Brace, TokenTree::Literal(message).into());
        body.set_span(self.end);
        let path = krate.clone().into_iter().map(|mut tree| {
            // `$crate` resolves by its span's context: it keeps that and takes only the place.
            let span = if dollar_crate { tree.span().located_at(self.start) } else { self.start };
            tree.set_span(span);
            tree
        });
        path.chain([
            punct(':', Spacing::Joint),
            punct(':', Spacing::Alone),
            ident("__private"),
            punct(':', Spacing::Joint),
            punct(':', Spacing::Alone),
            ident("compile_error"),
            punct('!', Spacing::Alone),
            TokenTree::Group(body),
        ])
        .collect()
    }
}

impl MacroError {
    /// `compile_error! { "message" }` through the prelude: for an error about the crate path
    /// itself, which a path through it could not report.
    pub fn to_prelude_compile_error(&self) -> TokenStream {
        let mut message = Literal::string(&self.message);
        message.set_span(self.end);
        let mut body = Group::new(Delimiter::Brace, TokenTree::Literal(message).into());
        body.set_span(self.end);
        let mut bang = Punct::new('!', Spacing::Alone);
        bang.set_span(self.start);
        [TokenTree::Ident(Ident::new("compile_error", self.start)), TokenTree::Punct(bang), TokenTree::Group(body)]
            .into_iter()
            .collect()
    }
}

impl std::fmt::Display for MacroError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}
