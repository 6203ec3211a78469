//! The items an attributed module already holds, so that a clash with a generated item is one
//! error at the user's item rather than rustc's errors from inside the expansion.

use proc_macro2::{Delimiter, Ident, TokenStream, TokenTree};

use crate::diagnostics::MacroError;

/// The module's own items that have the name of a generated item (`generated`: each name with
/// what it is): an error at each, and the names, which the expansion then does not re-export.
pub fn clashes(own_items: &[Ident], generated: &[(String, String)]) -> Vec<(String, MacroError)> {
    own_items
        .iter()
        .filter_map(|item| {
            let (name, what) = generated.iter().find(|(name, _)| item == name)?;
            let message = format!(
                "`{item}` is also the name of {what}, which #[msdk_codes] adds to this module: rename your item, \
                 or move it out of the module"
            );
            Some((name.clone(), MacroError::new(item.span(), message)))
        })
        .collect()
}

/// What the attribute form says when its module holds another expansion.
pub const ONE_PER_MODULE: &str = "a module holds one expansion of msdk-codes, and this module has another: each would \
     define `Layer`, `MsdkError` and `Handler` in it; give each subset a module of its own";

/// Another expansion in an attributed module, which would define the generated items a second
/// time: a second `#[msdk_codes]` among the module's outer attributes (`attributes`, the tokens
/// before `mod`; the one being expanded is no longer among them), or an `msdk_errors!` call among
/// the items of its `body`. The tokens of the first found, for the error.
pub fn other_expansion(attributes: &[TokenTree], body: &TokenStream) -> Option<TokenStream> {
    let attribute = attributes.windows(2).find_map(|pair| match pair {
        [TokenTree::Punct(pound), TokenTree::Group(group)]
            if pound.as_char() == '#'
                && group.delimiter() == Delimiter::Bracket
                && names_msdk_codes(&group.stream()) =>
        {
            Some(pair.iter().cloned().collect())
        }
        _ => None,
    });
    attribute.or_else(|| {
        let trees: Vec<TokenTree> = body.clone().into_iter().collect();
        let call = trees.windows(3).position(|triple| match triple {
            [TokenTree::Ident(name), TokenTree::Punct(bang), TokenTree::Group(_)] => {
                name == "msdk_errors" && bang.as_char() == '!'
            }
            _ => false,
        })?;
        // From the start of the macro's path (`msdk_codes_core::msdk_errors`) to its arguments.
        let mut start = call;
        while start >= 2
            && matches!(&trees[start - 1], TokenTree::Punct(colon) if colon.as_char() == ':')
            && matches!(&trees[start - 2], TokenTree::Punct(colon) if colon.as_char() == ':')
        {
            start -= 2;
            if start >= 1 && matches!(&trees[start - 1], TokenTree::Ident(_)) {
                start -= 1;
            }
        }
        Some(trees[start..call + 3].iter().cloned().collect())
    })
}

/// `attribute` (the inside of `#[...]`) is a path that ends in `msdk_codes`, with or without
/// arguments.
fn names_msdk_codes(attribute: &TokenStream) -> bool {
    let last = attribute.clone().into_iter().take_while(|tree| !matches!(tree, TokenTree::Group(_))).last();
    matches!(last, Some(TokenTree::Ident(name)) if name == "msdk_codes")
}

/// The names a module's own items bind in the type namespace, where the generated enums and
/// trait live: `struct`, `enum`, `union`, `trait`, `type` and `mod` items, and what `use` imports
/// by name. Items in nested blocks are not the module's and are not read.
pub fn type_names(body: &TokenStream) -> Vec<Ident> {
    let trees: Vec<TokenTree> = body.clone().into_iter().collect();
    let mut names = Vec::new();
    let mut at = 0;
    while at < trees.len() {
        if let TokenTree::Ident(keyword) = &trees[at] {
            let keyword = keyword.to_string();
            match (keyword.as_str(), trees.get(at + 1)) {
                ("struct" | "enum" | "union" | "trait" | "type" | "mod", Some(TokenTree::Ident(name))) => {
                    names.push(name.clone());
                    at += 2;
                    continue;
                }
                ("use", _) => {
                    let end = trees[at..]
                        .iter()
                        .position(|tree| matches!(tree, TokenTree::Punct(p) if p.as_char() == ';'))
                        .map_or(trees.len(), |offset| at + offset);
                    use_tree(&trees[at + 1..end], None, &mut names);
                    at = end + 1;
                    continue;
                }
                _ => {}
            }
        }
        at += 1;
    }
    names
}

/// The names a `use` tree binds: the last segment of each path, or its `as` name; `self` in braces
/// binds the path before them; globs and `as _` bind nothing that could be named.
fn use_tree(trees: &[TokenTree], parent: Option<&Ident>, names: &mut Vec<Ident>) {
    let mut last: Option<&Ident> = None;
    let mut at = 0;
    while at < trees.len() {
        match &trees[at] {
            TokenTree::Ident(ident) if ident == "as" => {
                match trees.get(at + 1) {
                    Some(TokenTree::Ident(alias)) if alias != "_" => names.push(alias.clone()),
                    _ => {}
                }
                return;
            }
            TokenTree::Ident(ident) => last = Some(ident),
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                let inner: Vec<TokenTree> = group.stream().into_iter().collect();
                for part in inner.split(|tree| matches!(tree, TokenTree::Punct(p) if p.as_char() == ',')) {
                    use_tree(part, last, names);
                }
                return;
            }
            TokenTree::Punct(p) if p.as_char() == '*' => return,
            _ => {}
        }
        at += 1;
    }
    match last {
        Some(ident) if ident == "self" => names.extend(parent.cloned()),
        Some(ident) if ident != "crate" && ident != "super" => names.push(ident.clone()),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn names(body: TokenStream) -> Vec<String> {
        type_names(&body).iter().map(Ident::to_string).collect()
    }

    fn other(attributes: TokenStream, body: TokenStream) -> Option<String> {
        let attributes: Vec<TokenTree> = attributes.into_iter().collect();
        other_expansion(&attributes, &body).map(|tokens| tokens.to_string())
    }

    #[test]
    fn finds_another_expansion_among_the_attributes_and_the_items() {
        let second = other(quote! { #[doc = "x"] #[codes::msdk_codes(layers = [logical])] pub mod team }, quote! {});
        assert_eq!(second.as_deref(), Some("# [codes :: msdk_codes (layers = [logical])]"));
        let call = other(quote! { mod team }, quote! { const A: u8 = 0; ::msdk_codes_core::msdk_errors!(); });
        assert_eq!(call.as_deref(), Some(":: msdk_codes_core :: msdk_errors ! ()"));
        // A nested module or a block holds its own expansion; a macro of another name is none.
        let nested =
            quote! { mod inner { msdk_errors!(); } fn f() { msdk_errors!(); } macro_rules! msdk_errors { () => {} } };
        assert_eq!(other(quote! { #[derive(Debug)] mod team }, nested), None);
    }

    #[test]
    fn reads_the_names_a_module_binds_in_the_type_namespace() {
        let body = quote! {
            #[derive(Debug)]
            pub struct Layer;
            pub(crate) enum MsdkError { A }
            trait Handler {}
            type Alias = u8;
            mod inner { pub struct Hidden; }
            union U { a: u8 }
            fn union() {}
            const Const: u8 = 0;
            use std::fmt::{self, Display as Shown, Write as _, *};
            use crate::other::AccessError;
            pub use super::*;
            impl Handler for Layer { type Output = (); }
        };
        assert_eq!(
            names(body),
            ["Layer", "MsdkError", "Handler", "Alias", "inner", "U", "fmt", "Shown", "AccessError"]
        );
    }
}
