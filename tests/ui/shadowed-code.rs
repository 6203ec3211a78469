// A team's codes that plain decoding always finds in a table it searches first: one error each,
// unless the entry says `decode_in_only = true` or has words of its own (`msg_contains`).
msdk_codes_core::msdk_errors!(extend = "ui-data/shadowed-code/*.toml", locales = ["en"]);

fn main() {}
