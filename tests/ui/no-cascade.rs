// Each mistake of the team file is reported once, at its line and column; the layer and every
// entry that can be generated still are, so the code that names them reports nothing more.
msdk_codes_core::msdk_errors!(extend = "ui-data/no-cascade/*.toml", layers = [access, guild], locales = ["en"]);

fn main() {
    assert_eq!(Layer::ALL.len(), 2);
    let _ = [GuildError::GuildFull, GuildError::GuildClosed, GuildError::GuildBusy, GuildError::GuildGone];
    let _ = AccessError::from_code(-503);
}
