msdk_codes_core::msdk_errors!(layers = [access], localle = "ja");

fn main() {}
