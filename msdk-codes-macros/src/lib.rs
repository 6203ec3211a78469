//! The entry points of `msdk_errors!` and `#[msdk_codes]`; everything else lives in
//! `msdk-codes-gen`. Use them through `msdk-codes-core`, which re-exports both.

use proc_macro::TokenStream;

/// Generates the code enums, `Layer`, `MsdkError` and `Handler`; see `msdk_codes_core`.
#[proc_macro]
pub fn msdk_errors(input: TokenStream) -> TokenStream {
    msdk_codes_gen::msdk_errors(input.into()).into()
}

/// Fills an inline module with the items of `msdk_errors!`; see `msdk_codes_core`.
#[proc_macro_attribute]
pub fn msdk_codes(args: TokenStream, item: TokenStream) -> TokenStream {
    msdk_codes_gen::msdk_codes(args.into(), item.into()).into()
}
