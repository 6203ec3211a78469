//! The MSDK codes each team works with: one module per team, generated at compile time from the
//! bundled catalog. `locale` is the team's own language (what `Display` and alerts speak); the
//! player's language is chosen per call.

/// The payment team: MSDK access and logical codes. `every_code`: the team decides each code by
/// hand, so a code added to the catalog does not compile until someone has decided it.
#[msdk_codes_core::msdk_codes(locale = "zh", layers = [access, logical], handling = "every_code")]
pub mod pay {}

/// The payment team's pay-token checks (OIDB command 0x73a), handled by action.
#[msdk_codes_core::msdk_codes(locale = "zh", layers = [oidb_pay_token, oidb])]
pub mod pay_token {}

/// The social team: QQ and WeChat logins, QQ sharing and WeChat groups, handled by action. Its
/// policy treats two codes as a frequency limit where the catalog says otherwise.
#[msdk_codes_core::msdk_codes(
    locale = "ja",
    layers = [qq_platform, share_qq, wechat_platform, wechat_group],
    policy = { wechat_platform::SystemError = backoff, share_qq::MessageFrequencyLimit = backoff }
)]
pub mod social {}
