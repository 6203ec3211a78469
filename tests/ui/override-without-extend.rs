// With the data path given first there is no bundled catalog to override.
msdk_codes_core::msdk_errors!("ui-data/override-without-extend/*.toml", locales = ["en"]);

fn main() {}
