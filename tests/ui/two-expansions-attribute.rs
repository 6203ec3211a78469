// A module holds one expansion. The attribute form sees its module: a second `#[msdk_codes]` on
// it, or an `msdk_errors!` among its items, is one error there, and the other expansion fills
// the module alone.
#[msdk_codes_core::msdk_codes(layers = [access], locales = ["en"])]
#[msdk_codes_core::msdk_codes(layers = [logical], locales = ["en"])]
mod twice {}

#[msdk_codes_core::msdk_codes(layers = [access], locales = ["en"])]
mod with_call {
    msdk_codes_core::msdk_errors!(layers = [logical], locales = ["en"]);
}

fn main() {
    let _ = twice::LogicalError::from_code(-1);
    let _ = with_call::LogicalError::from_code(-1);
}
