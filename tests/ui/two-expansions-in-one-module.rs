// A module holds one expansion; a second is one error naming the rule, pointing at both calls,
// whatever layers either selects.
mod team {
    msdk_codes_core::msdk_errors!(layers = [access], locales = ["en"]);
    msdk_codes_core::msdk_errors!(layers = [logical], locales = ["en"]);
}

fn main() {}
