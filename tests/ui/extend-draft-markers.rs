// A draft written by `msdk-lookup unknowns --draft` is refused until every TODO is filled: each
// code's name, action and messages, all reported in one build.
msdk_codes_core::msdk_errors!(extend = "ui-data/extend-draft-markers/*.toml");

fn main() {}
