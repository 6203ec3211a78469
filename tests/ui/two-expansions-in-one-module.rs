// A module holds one expansion. The function form cannot see the module around it: a second call
// there defines the expansion's hidden first item again (rustc's error names the rule) and its
// items are one error that says what to do, whatever layers either selects.
mod team {
    msdk_codes_core::msdk_errors!(layers = [access], locales = ["en"]);
    msdk_codes_core::msdk_errors!(layers = [logical], locales = ["en"]);
}

// Calls without arguments too.
mod everything {
    msdk_codes_core::msdk_errors!();
    msdk_codes_core::msdk_errors!();
}

// The same in a block.
fn main() {
    msdk_codes_core::msdk_errors!(layers = [access], locales = ["en"]);
    msdk_codes_core::msdk_errors!(layers = [access], locales = ["en"]);
}
