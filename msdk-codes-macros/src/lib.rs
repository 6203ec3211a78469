//! The entry points of `msdk_errors!` and `#[msdk_codes]`; everything else lives in
//! `msdk-codes-gen`. Use them through `msdk-codes-core`, which re-exports both.

#![forbid(unsafe_code)]

use proc_macro::TokenStream;

/// Generates the code enums, `Layer`, `MsdkError` and `Handler`; see `msdk_codes_core`.
#[proc_macro]
pub fn msdk_errors(input: TokenStream) -> TokenStream {
    msdk_codes_gen::msdk_errors(input.into(), &compiler_lexer).into()
}

/// Fills an inline module with the items of `msdk_errors!`; see `msdk_codes_core`.
#[proc_macro_attribute]
pub fn msdk_codes(args: TokenStream, item: TokenStream) -> TokenStream {
    msdk_codes_gen::msdk_codes(args.into(), item.into(), &compiler_lexer).into()
}

/// The compiler lexes the generated source directly. proc_macro2's `from_str` would first run
/// its own lexer over the text to guard against input the compiler cannot recover from; the
/// text is ours, valid by construction and by test, and that check is most of an unoptimized
/// macro's time.
fn compiler_lexer(source: &str) -> Option<proc_macro2::TokenStream> {
    source.parse::<TokenStream>().ok().map(Into::into)
}
