// Generated names are checked over the combined catalog: `share` + `QqDailyShareLimit` gives the
// handler method of `share_qq` + `DailyShareLimit`.
msdk_codes_core::msdk_errors!(extend = "ui-data/extend-name-clash/*.toml", locales = ["en"]);

fn main() {}
