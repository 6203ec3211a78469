// A data path given first replaces the bundled catalog, `extend` builds on it: one or the other.
msdk_codes_core::msdk_errors!("ui-data/fine/*.toml", extend = "ui-data/fine/*.toml", missing = "fallback_en");

fn main() {}
