#[msdk_codes_core::msdk_codes("ui-data/name-clashes-at-once/*.toml", locales = ["en"])]
mod team {}

fn main() {}
