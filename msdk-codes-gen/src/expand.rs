//! Code generation: one data entry drives its variant, doc line, lookup arm, string slots and
//! handler method. Strings live in one static table per layer and locale, so code size grows
//! with entries + locales, not entries x locales.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use crate::args::Handling;
use crate::model::{Action, Layer, Locale, Texts, snake_case, upper_camel};
use crate::select::Plan;

/// Every generated item of one expansion.
pub fn expand(plan: &Plan<'_>) -> TokenStream {
    let layer_enum = layer_enum(plan);
    let code_enums = plan.layers.iter().enumerate().map(|(l, layer)| code_enum(plan, l, layer));
    let msdk_error = msdk_error(plan);
    let decoding = decoding(plan);
    let handler = handler(plan);
    quote! {
        #layer_enum
        #(#code_enums)*
        #msdk_error
        #decoding
        #handler
    }
}

fn layer_variant(layer: &Layer) -> Ident {
    format_ident!("{}", upper_camel(&layer.id))
}

fn enum_ident(layer: &Layer) -> Ident {
    format_ident!("{}Error", upper_camel(&layer.id))
}

fn locale_path(plan: &Plan<'_>, locale: Locale) -> TokenStream {
    let krate = &plan.krate;
    let variant = format_ident!("{}", locale.variant());
    quote!(#krate::Locale::#variant)
}

fn action_path(plan: &Plan<'_>, action: Action) -> TokenStream {
    let krate = &plan.krate;
    let variant = format_ident!("{}", action.variant());
    quote!(#krate::Action::#variant)
}

/// The text that goes into the `locale` table: the locale's own, or English where the user
/// allowed the fallback (with `missing = "error"` a gap was already reported, and English stands
/// in so that expansion can go on).
fn text(texts: &Texts, locale: Locale) -> &str {
    texts.get_or_en(locale).unwrap_or("")
}

fn table_ident(prefix: &str, locale: Locale) -> Ident {
    format_ident!("{}_{}", prefix, locale.tag().to_ascii_uppercase())
}

/// `match locale { Locale::En => &TABLE_EN, ..., _ => &TABLE_<display> }` over the compiled locales.
fn locale_match(plan: &Plan<'_>, prefix: &str) -> TokenStream {
    let arms = plan.locales.iter().map(|&locale| {
        let path = locale_path(plan, locale);
        let table = table_ident(prefix, locale);
        quote!(#path => &#table,)
    });
    let fallback = (plan.locales.len() < Locale::ALL.len()).then(|| {
        let table = table_ident(prefix, plan.display);
        quote!(_ => &#table,)
    });
    quote!(match locale { #(#arms)* #fallback })
}

fn layer_enum(plan: &Plan<'_>) -> TokenStream {
    let krate = &plan.krate;
    let variants: Vec<Ident> = plan.layers.iter().map(|layer| layer_variant(layer)).collect();
    let count = plan.layers.len();
    let docs = plan.layers.iter().map(|layer| {
        let title = layer.title.get(Locale::En).unwrap_or("");
        format!(" `{}`: {title}", layer.id)
    });
    let ids = plan.layers.iter().map(|layer| Literal::string(&layer.id));
    let channels = plan.layers.iter().map(|layer| {
        let channel = format_ident!("{}", layer.channel.variant());
        quote!(#krate::Channel::#channel)
    });
    let title_tables = plan.locales.iter().map(|&locale| {
        let ident = table_ident("TITLES", locale);
        let titles = plan.layers.iter().map(|layer| text(&layer.title, locale));
        quote!(static #ident: [&str; #count] = [#(#titles),*];)
    });
    let title_match = locale_match(plan, "TITLES");
    let display_titles = table_ident("TITLES", plan.display);
    let id_list = plan.layers.iter().map(|layer| Literal::string(&layer.id));
    quote! {
        /// The tables of MSDK codes this expansion was generated for.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[allow(dead_code)]
        pub enum Layer {
            #(#[doc = #docs] #variants,)*
        }

        #[allow(dead_code)]
        const _: () = {
            static IDS: [&str; #count] = [#(#ids),*];
            static CHANNELS: [#krate::Channel; #count] = [#(#channels),*];
            #(#title_tables)*

            impl Layer {
                /// Every layer of this expansion, in the data's order.
                pub const ALL: &'static [Layer] = &[#(Layer::#variants),*];
                /// The ids of `ALL`, as written in `layers = [...]` and in data files.
                pub const IDS: &'static [&'static str] = &[#(#id_list),*];

                /// The layer id, such as `"access"`.
                pub fn id(self) -> &'static str {
                    IDS[self as usize]
                }

                /// The layer's title in `locale`.
                pub fn title(self, locale: #krate::Locale) -> &'static str {
                    let table: &[&str; #count] = #title_match;
                    table[self as usize]
                }

                /// How responses carry this layer's codes.
                pub fn channel(self) -> #krate::Channel {
                    CHANNELS[self as usize]
                }

                /// The layer with this id.
                pub fn from_id(id: &str) -> ::core::option::Option<Layer> {
                    IDS.iter().position(|known| *known == id).map(|index| Layer::ALL[index])
                }
            }

            #[automatically_derived]
            impl ::core::fmt::Display for Layer {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(#display_titles[*self as usize])
                }
            }

            #[automatically_derived]
            impl ::core::str::FromStr for Layer {
                type Err = #krate::UnknownLayer;
                fn from_str(id: &str) -> ::core::result::Result<Layer, #krate::UnknownLayer> {
                    Layer::from_id(id).ok_or_else(|| #krate::UnknownLayer::new(id, Layer::IDS))
                }
            }
        };
    }
}

fn code_enum(plan: &Plan<'_>, l: usize, layer: &Layer) -> TokenStream {
    let krate = &plan.krate;
    let name = enum_ident(layer);
    let layer_variant = layer_variant(layer);
    let count = layer.entries.len();
    let variants: Vec<Ident> = layer.entries.iter().map(|entry| format_ident!("{}", entry.name)).collect();
    let variant_docs = layer.entries.iter().map(|entry| {
        let codes = entry.codes.iter().map(|code| format!("`{code}`")).collect::<Vec<_>>().join(", ");
        format!(" {codes}: {}", entry.message.get(Locale::En).unwrap_or(""))
    });
    let enum_doc = format!(" Codes of the `{}` layer: {}.", layer.id, layer.title.get(Locale::En).unwrap_or(&layer.id));
    let codes: Vec<i32> = layer.entries.iter().map(|entry| entry.code()).collect();
    let lookup_arms = layer.entries.iter().zip(&variants).map(|(entry, variant)| {
        let codes = &entry.codes;
        quote!(#(#codes)|* => ::core::option::Option::Some(#name::#variant),)
    });
    let code_lists = layer.entries.iter().map(|entry| {
        let codes = &entry.codes;
        quote!(&[#(#codes),*])
    });
    let names = layer.entries.iter().map(|entry| Literal::string(&entry.name));
    let actions = plan.actions[l].iter().map(|&action| action_path(plan, action));

    let message_tables = plan.locales.iter().map(|&locale| {
        let ident = table_ident("MESSAGES", locale);
        let texts = layer.entries.iter().map(|entry| text(&entry.message, locale));
        quote!(static #ident: [&str; #count] = [#(#texts),*];)
    });
    let message_match = locale_match(plan, "MESSAGES");
    let display_messages = table_ident("MESSAGES", plan.display);

    let optional_table = |prefix: &str, pick: fn(&crate::model::Entry) -> &Texts| -> (TokenStream, TokenStream) {
        if layer.entries.iter().all(|entry| pick(entry).is_empty()) {
            return (TokenStream::new(), quote!(::core::option::Option::None));
        }
        let tables = plan.locales.iter().map(|&locale| {
            let ident = table_ident(prefix, locale);
            let slots = layer.entries.iter().map(|entry| match pick(entry).get_or_en(locale) {
                Some(text) => quote!(::core::option::Option::Some(#text)),
                None => quote!(::core::option::Option::None),
            });
            quote!(static #ident: [::core::option::Option<&str>; #count] = [#(#slots),*];)
        });
        let lookup = locale_match(plan, prefix);
        (
            quote!(#(#tables)*),
            quote!({
                let table: &[::core::option::Option<&str>; #count] = #lookup;
                table[self as usize]
            }),
        )
    };
    let (advice_tables, advice_lookup) = optional_table("ADVICE", |entry| &entry.advice);
    let (note_tables, note_lookup) = optional_table("NOTES", |entry| &entry.note);
    let layer_id = &layer.id;

    quote! {
        #[doc = #enum_doc]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[allow(dead_code)]
        pub enum #name {
            #(#[doc = #variant_docs] #variants,)*
        }

        #[allow(dead_code)]
        const _: () = {
            const CODES: [i32; #count] = [#(#codes),*];
            static CODE_LISTS: [&[i32]; #count] = [#(#code_lists),*];
            static NAMES: [&str; #count] = [#(#names),*];
            static ACTIONS: [#krate::Action; #count] = [#(#actions),*];
            #(#message_tables)*
            #advice_tables
            #note_tables

            impl #name {
                /// Every code of the layer, in the data's order.
                pub const ALL: &'static [#name] = &[#(#name::#variants),*];
                /// The layer these codes belong to.
                pub const LAYER: Layer = Layer::#layer_variant;

                /// The code (the first, when the documents give one meaning to several codes).
                pub const fn code(self) -> i32 {
                    CODES[self as usize]
                }

                /// Every code of the entry, `code()` first: the documents give some rows several
                /// codes (`-500003~-500009`, OIDB's signed and unsigned forms).
                pub fn codes(self) -> &'static [i32] {
                    CODE_LISTS[self as usize]
                }

                /// The entry that `code` belongs to, if this layer has it.
                pub const fn from_code(code: i32) -> ::core::option::Option<#name> {
                    match code {
                        #(#lookup_arms)*
                        _ => ::core::option::Option::None,
                    }
                }

                /// The variant name, such as `"AppidNoPermission"`.
                pub fn name(self) -> &'static str {
                    NAMES[self as usize]
                }

                /// What to do about this code (after this expansion's `policy`).
                pub fn action(self) -> #krate::Action {
                    ACTIONS[self as usize]
                }

                /// The err_type the MSDK access layer would report for this action.
                pub fn err_type(self) -> #krate::ErrType {
                    self.action().err_type()
                }

                /// The documents' description of the code, in `locale`.
                pub fn message(self, locale: #krate::Locale) -> &'static str {
                    let table: &[&str; #count] = #message_match;
                    table[self as usize]
                }

                /// The documents' recommended handling, in `locale`, where they give one.
                pub fn advice(self, locale: #krate::Locale) -> ::core::option::Option<&'static str> {
                    #advice_lookup
                }

                /// What the MSDK FAQ says about this code, where it says something.
                pub fn note(self, locale: #krate::Locale) -> ::core::option::Option<&'static str> {
                    #note_lookup
                }
            }

            #[automatically_derived]
            impl ::core::fmt::Display for #name {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(#display_messages[*self as usize])
                }
            }

            #[automatically_derived]
            impl ::core::error::Error for #name {}

            #[automatically_derived]
            impl ::core::convert::TryFrom<i32> for #name {
                type Error = #krate::CodeNotFound;
                fn try_from(code: i32) -> ::core::result::Result<#name, #krate::CodeNotFound> {
                    #name::from_code(code).ok_or(#krate::CodeNotFound::new(code, #layer_id))
                }
            }

            #[automatically_derived]
            impl #krate::Code for #name {
                const ALL: &'static [#name] = #name::ALL;
                const LAYER_ID: &'static str = #layer_id;
                fn code(self) -> i32 { #name::code(self) }
                fn codes(self) -> &'static [i32] { #name::codes(self) }
                fn from_code(code: i32) -> ::core::option::Option<#name> { #name::from_code(code) }
                fn name(self) -> &'static str { #name::name(self) }
                fn action(self) -> #krate::Action { #name::action(self) }
                fn message(self, locale: #krate::Locale) -> &'static str { #name::message(self, locale) }
                fn advice(self, locale: #krate::Locale) -> ::core::option::Option<&'static str> {
                    #name::advice(self, locale)
                }
            }

            #[automatically_derived]
            impl ::core::convert::From<#name> for MsdkError {
                fn from(code: #name) -> MsdkError {
                    MsdkError::#layer_variant(code)
                }
            }
        };
    }
}

fn msdk_error(plan: &Plan<'_>) -> TokenStream {
    let krate = &plan.krate;
    let variants: Vec<Ident> = plan.layers.iter().map(|layer| layer_variant(layer)).collect();
    let enums: Vec<Ident> = plan.layers.iter().map(|layer| enum_ident(layer)).collect();
    let variant_docs = plan.layers.iter().map(|layer| format!(" A code of the `{}` layer.", layer.id));
    quote! {
        /// Any MSDK code of this expansion's layers, or an unknown one kept whole.
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[allow(dead_code)]
        pub enum MsdkError {
            #(#[doc = #variant_docs] #variants(#enums),)*
            /// A code that no selected layer knows, with everything the server sent.
            Unknown(#krate::UnknownCode),
        }

        #[allow(dead_code)]
        const _: () = {
            impl MsdkError {
                /// The layer of a known code; `None` for `Unknown`.
                pub fn layer(&self) -> ::core::option::Option<Layer> {
                    match self {
                        #(MsdkError::#variants(_) => ::core::option::Option::Some(Layer::#variants),)*
                        MsdkError::Unknown(_) => ::core::option::Option::None,
                    }
                }

                /// The code: the entry's, or for `Unknown` the platform code if the server sent one,
                /// else `ret`.
                pub fn code(&self) -> i32 {
                    match self {
                        #(MsdkError::#variants(code) => code.code(),)*
                        MsdkError::Unknown(unknown) => unknown.code(),
                    }
                }

                /// The entry's name, such as `"AppidNoPermission"`; `"Unknown"` for an unknown code.
                pub fn name(&self) -> &'static str {
                    match self {
                        #(MsdkError::#variants(code) => code.name(),)*
                        MsdkError::Unknown(_) => "Unknown",
                    }
                }

                /// What to do; an unknown code asks for `ContactSupport`.
                pub fn action(&self) -> #krate::Action {
                    match self {
                        #(MsdkError::#variants(code) => code.action(),)*
                        MsdkError::Unknown(_) => #krate::Action::ContactSupport,
                    }
                }

                /// The err_type of the action; for `Unknown`, the one the server sent, if any.
                pub fn err_type(&self) -> #krate::ErrType {
                    match self {
                        #(MsdkError::#variants(code) => code.err_type(),)*
                        MsdkError::Unknown(unknown) => unknown.err_type(),
                    }
                }

                /// The description in `locale`; for `Unknown`, the server's own `msg`.
                pub fn message(&self, locale: #krate::Locale) -> &str {
                    match self {
                        #(MsdkError::#variants(code) => code.message(locale),)*
                        MsdkError::Unknown(unknown) => unknown.msg(),
                    }
                }

                /// The recommended handling in `locale`, where the documents give one.
                pub fn advice(&self, locale: #krate::Locale) -> ::core::option::Option<&'static str> {
                    match self {
                        #(MsdkError::#variants(code) => code.advice(locale),)*
                        MsdkError::Unknown(_) => ::core::option::Option::None,
                    }
                }

                /// What the MSDK FAQ says about the code, where it says something.
                pub fn note(&self, locale: #krate::Locale) -> ::core::option::Option<&'static str> {
                    match self {
                        #(MsdkError::#variants(code) => code.note(locale),)*
                        MsdkError::Unknown(_) => ::core::option::Option::None,
                    }
                }

                /// The known code `code` of `layer`.
                pub fn from_code(layer: Layer, code: i32) -> ::core::option::Option<MsdkError> {
                    match layer {
                        #(Layer::#variants => #enums::from_code(code).map(MsdkError::#variants),)*
                    }
                }
            }

            #[automatically_derived]
            impl ::core::fmt::Display for MsdkError {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    match self {
                        #(MsdkError::#variants(code) => {
                            ::core::write!(f, "{} {}: {}", Layer::#variants, code.code(), code)
                        })*
                        MsdkError::Unknown(unknown) => ::core::fmt::Display::fmt(unknown, f),
                    }
                }
            }

            #[automatically_derived]
            impl ::core::error::Error for MsdkError {}
        };
    }
}

fn decoding(plan: &Plan<'_>) -> TokenStream {
    let krate = &plan.krate;
    let ranges: Vec<TokenStream> = plan
        .layers
        .iter()
        .flat_map(|layer| layer.ranges.iter().map(move |range| (layer, range)))
        .map(|(layer, range)| {
            let (id, name, low, high) = (&layer.id, &range.name, range.low, range.high);
            let message = text(&range.message, plan.display);
            quote!(#krate::CodeRange { layer: #id, name: #name, low: #low, high: #high, message: #message })
        })
        .collect();
    quote! {
        #[allow(dead_code)]
        const _: () = {
            static RANGES: &[#krate::CodeRange] = &[#(#ranges),*];

            fn decode_route(
                response: &#krate::Response,
                via: ::core::option::Option<Layer>,
            ) -> ::core::option::Option<MsdkError> {
                let route = #krate::__private::Route::new(response, via.map(|layer| (layer.id(), layer.channel())))?;
                for (table, code) in route.attempts() {
                    let found = Layer::from_id(table)
                        .zip(i32::try_from(code).ok())
                        .and_then(|(layer, code)| MsdkError::from_code(layer, code));
                    if found.is_some() {
                        return found;
                    }
                }
                let selected = |table: &str| Layer::from_id(table).is_some();
                ::core::option::Option::Some(MsdkError::Unknown(route.unknown(response, RANGES, selected)))
            }

            impl MsdkError {
                /// Decodes a response: `None` when `ret` is 0 (success). Platform codes passed
                /// through with ret -10000 / -20000 are looked up in `qq_platform` /
                /// `wechat_platform`, OIDB codes by the command `msg` names, others in `access`
                /// then `logical`; a code no selected layer knows is `Unknown`, kept whole.
                pub fn decode(response: &#krate::Response) -> ::core::option::Option<MsdkError> {
                    decode_route(response, ::core::option::Option::None)
                }

                /// Like [`MsdkError::decode`], for a response of the API whose platform codes
                /// belong to `via` (`share_qq` for /share/qq, `qq_group` for the group APIs, ...).
                pub fn decode_in(response: &#krate::Response, via: Layer) -> ::core::option::Option<MsdkError> {
                    decode_route(response, ::core::option::Option::Some(via))
                }

                /// The documented ranges (such as logical's "-100 to -999: system errors") of the
                /// selected layers.
                pub fn ranges() -> &'static [#krate::CodeRange] {
                    RANGES
                }
            }
        };
    }
}

fn handler(plan: &Plan<'_>) -> TokenStream {
    let by_action = plan.handling == Handling::ByAction;
    let action_methods = plan.actions_present().into_iter().filter(|_| by_action).map(|action| {
        let method = format_ident!("{}", action.id());
        let doc =
            format!(" Handles every code whose action is `{}`, unless its own method is overridden.", action.id());
        quote!(#[doc = #doc] fn #method(&mut self, err: &MsdkError) -> Self::Output;)
    });
    let mut code_methods = Vec::new();
    let mut layer_arms = Vec::new();
    for (l, layer) in plan.layers.iter().enumerate() {
        let enum_name = enum_ident(layer);
        let variant = layer_variant(layer);
        let mut arms = Vec::new();
        for (e, entry) in layer.entries.iter().enumerate() {
            let method = format_ident!("{}_{}", layer.id, snake_case(&entry.name));
            let entry_variant = format_ident!("{}", entry.name);
            let action = plan.actions[l][e];
            let doc = format!(
                " `{}` {} `{}` ({}): {}",
                layer.id,
                entry.code(),
                entry.name,
                action.id(),
                entry.message.get(Locale::En).unwrap_or("")
            );
            let body = if by_action {
                let action_method = format_ident!("{}", action.id());
                quote!({ self.#action_method(err) })
            } else {
                quote!(;)
            };
            code_methods.push(quote!(#[doc = #doc] fn #method(&mut self, err: &MsdkError) -> Self::Output #body));
            arms.push(quote!(#enum_name::#entry_variant => handler.#method(self),));
        }
        layer_arms.push(quote!(MsdkError::#variant(code) => match code { #(#arms)* },));
    }
    let mode = if by_action {
        " Mode `by_action`: implement `unknown` and one method per action; override a code's own method to treat it specially."
    } else {
        " Mode `every_code`: implement `unknown` and every code's method; a code added to the data is a compile error until handled."
    };
    quote! {
        /// Handles every [`MsdkError`] of this expansion; call it with [`MsdkError::handle`].
        ///
        #[doc = #mode]
        #[allow(dead_code)]
        pub trait Handler {
            /// What handling an error produces.
            type Output;
            /// Handles a code that no selected layer knows.
            fn unknown(&mut self, err: &MsdkError) -> Self::Output;
            #(#action_methods)*
            #(#code_methods)*
        }

        #[allow(dead_code)]
        const _: () = {
            impl MsdkError {
                /// Calls the handler method for this error's code: one exhaustive `match`, no
                /// allocation, no lookup.
                pub fn handle<H: Handler + ?::core::marker::Sized>(&self, handler: &mut H) -> H::Output {
                    match self {
                        #(#layer_arms)*
                        MsdkError::Unknown(_) => handler.unknown(self),
                    }
                }
            }
        };
    }
}
