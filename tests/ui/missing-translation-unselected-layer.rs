// Every file read is checked, selected or not: `team` lacks Japanese although only `shop` is
// generated, so the same files compile or fail whatever `layers` picks.
msdk_codes_core::msdk_errors!("ui-data/unselected-layer/*.toml", layers = [shop], locales = ["en", "ja"]);

fn main() {}
