// A module holds one expansion; a second is one error naming the rule, pointing at both calls
// (and one for each item the second re-exports).
mod team {
    msdk_codes_core::msdk_errors!(layers = [access], locales = ["en"]);
    msdk_codes_core::msdk_errors!(layers = [logical], locales = ["en"]);
}

fn main() {}
