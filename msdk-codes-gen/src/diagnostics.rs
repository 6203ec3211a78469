//! Problems are collected, never thrown one at a time: the user sees every one in one build.

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

use crate::model::Location;
use crate::source::Sources;

/// A problem in a data file, reported as `path:line:column: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataProblem {
    pub location: Location,
    pub message: String,
}

/// Every data problem of one expansion.
#[derive(Debug, Default)]
pub struct DataProblems {
    problems: Vec<DataProblem>,
}

impl DataProblems {
    pub fn push(&mut self, location: Location, message: impl Into<String>) {
        self.problems.push(DataProblem { location, message: message.into() });
    }

    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    pub fn len(&self) -> usize {
        self.problems.len()
    }

    /// `path:line:column: message` lines, in file and position order.
    pub fn render(&self, sources: &Sources) -> Vec<String> {
        let mut sorted: Vec<&DataProblem> = self.problems.iter().collect();
        sorted.sort_by_key(|p| (p.location.file, p.location.span.start));
        sorted.into_iter().map(|p| format!("{}: {}", sources.describe(&p.location), p.message)).collect()
    }
}

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
    pub fn to_compile_error(&self, krate: &TokenStream) -> TokenStream {
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
            tree.set_span(self.start);
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

impl std::fmt::Display for MacroError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// The closest candidate to `name` by edit distance, when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(&name.to_lowercase(), &candidate.to_lowercase()), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, candidate)| (*distance, *candidate))
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous_diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous_diagonal + usize::from(ca != *cb);
            previous_diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

/// `a`, `b` and `c` -> "`a`, `b`, `c`".
pub fn quoted_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items.into_iter().map(|item| format!("`{item}`")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_find_near_names() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(did_you_mean("acess", ["access", "logical"]), Some("access"));
        assert_eq!(did_you_mean("zzzzzz", ["access", "logical"]), None);
        assert_eq!(did_you_mean("FrequencyLimt", ["FrequencyLimit", "Success"]), Some("FrequencyLimit"));
    }
}
