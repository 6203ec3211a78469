//! The MSDK codes each team works with: one module per team, generated at compile time from the
//! bundled catalog (for `social`, with the team's own files on top). `locale` is the team's own
//! language (what `Display` speaks); the player's language is chosen per call, and the
//! operators' (logs and alerts) once, at start-up (`LOG_LOCALE`, see `main.rs`).

/// The payment team: MSDK access and logical codes. `every_code`: the team decides each code by
/// hand, so a code added to the catalog does not compile until someone has decided it.
#[msdk_codes_core::msdk_codes(locale = "zh", layers = [access, logical], handling = "every_code")]
pub mod pay {}

/// The payment team's pay-token checks (OIDB command 0x73a), handled by action.
#[msdk_codes_core::msdk_codes(locale = "zh", layers = [oidb_pay_token, oidb])]
pub mod pay_token {}

/// The social team: QQ and WeChat logins, QQ sharing, WeChat groups and the game's own guild
/// service, handled by action. `extend` adds the team's files in `data/` to the bundled catalog:
/// the guild service's table (`data/guild.toml`, a layer of its own) and the text players read
/// when QQ sharing hits its daily limit (`data/share_qq.toml`, an override of `share_qq` 30). Its
/// policy treats two codes as a frequency limit where the catalog says otherwise.
#[msdk_codes_core::msdk_codes(
    extend = "data/*.toml",
    locale = "ja",
    layers = [qq_platform, share_qq, wechat_platform, wechat_group, guild],
    policy = { wechat_platform::SystemError = backoff, share_qq::MessageFrequencyLimit = backoff }
)]
pub mod social {}
