//! A user crate of msdk-codes: it expands the macros the way a team would, under
//! `#![deny(warnings)]`, so any warning in generated code fails the build. The integration tests
//! in `tests/` exercise what it generates.
#![deny(warnings)]
#![warn(missing_docs)]

/// The whole bundled catalog, all locales, English `Display`.
pub mod full {
    msdk_codes_core::msdk_errors!();
}

/// A team's own data file (tests/fixtures/data), Japanese `Display`, every code handled by hand.
pub mod own_data {
    msdk_codes_core::msdk_errors!("fixtures/data/*.toml", locale = "ja", handling = "every_code");
}

/// The bundled catalog plus a team's files (tests/fixtures/extend): its own `team_guild` layer, a
/// code added to `share_qq`, and overrides of `share_qq` 30 and `access` -503.
pub mod extended {
    msdk_codes_core::msdk_errors!(extend = "fixtures/extend/*.toml");
}

/// The same files as an attribute, with a subset of the combined catalog and a policy on the
/// team's own code.
#[msdk_codes_core::msdk_codes(
    extend = "fixtures/extend/*.toml",
    locale = "zh",
    locales = ["en", "zh"],
    layers = [share_qq, team_guild],
    policy = { team_guild::GuildServiceBusy = backoff }
)]
pub mod extended_social {}

/// A team's own layer alone, its file given first: the expansion has no bundled layer.
pub mod guild_only {
    msdk_codes_core::msdk_errors!("fixtures/extend/team_guild.toml");
}

/// The same file as an attribute.
#[msdk_codes_core::msdk_codes("fixtures/extend/team_guild.toml", locale = "ko")]
pub mod guild_only_attr {}

/// The login tables only, as an attribute: the catalog's other layers are left out, and an
/// unknown code says which of them knows it.
#[msdk_codes_core::msdk_codes(layers = [wechat_platform, qq_platform, access])]
pub mod login {}

/// The same subset, function-like.
pub mod login_fn {
    msdk_codes_core::msdk_errors!(layers = [wechat_platform, qq_platform, access]);
}

/// Two subsets side by side in one crate.
#[msdk_codes_core::msdk_codes(locale = "zh", layers = [logical], policy = { logical::InputParameterEmpty = retry })]
pub mod team_pay {
    /// Items the module already has are kept.
    pub const TEAM: &str = "pay";
}

/// The WeChat layers only, English and Korean compiled in.
#[msdk_codes_core::msdk_codes(locales = ["en", "ko"], layers = [wechat_platform, wechat_group])]
pub mod team_social {}

/// A subset without `qq_platform`, `oidb_pay_token` and `oidb_access_token`: codes of layers that
/// were not selected decode as `Unknown` or as the less specific layers that were.
pub mod no_qq_platform {
    msdk_codes_core::msdk_errors!(layers = [access, logical, oidb, share_qq]);
}

/// The README's Rust examples, compiled and run as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
mod readme {}
