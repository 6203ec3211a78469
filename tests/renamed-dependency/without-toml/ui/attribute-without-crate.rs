// The attribute form cannot know that this crate calls msdk-codes-core `msdk`: without the `toml`
// feature and without `crate = "..."`, one error at the attribute that names both.
#[msdk::msdk_codes(layers = [access], locales = ["en"])]
mod team {}

fn main() {}
