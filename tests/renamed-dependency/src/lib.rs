//! A crate that depends on msdk-codes-core as `msdk` (`msdk = { package = "msdk-codes-core", ... }`)
//! and calls both macros without `crate = ...`: with the `toml` feature, the expansion finds the
//! name in this crate's Cargo.toml; the function-like form needs no feature, since
//! msdk-codes-core's `msdk_errors!` passes its own path to the macro.

#![deny(warnings)]

/// Re-exported for `through-reexport`, a crate that reaches msdk-codes-core only through here.
pub use msdk;

/// The function-like form.
pub mod access {
    msdk::msdk_errors!(layers = [access], locales = ["en"]);
}

/// The attribute form.
#[msdk::msdk_codes(layers = [share_qq], locales = ["en", "zh"], locale = "zh")]
pub mod share {}

#[cfg(test)]
mod tests {
    use super::{access, share};
    use msdk::{Action, Locale, Response};

    #[test]
    fn the_expansions_work_through_the_renamed_dependency() {
        let err = access::MsdkError::decode(&Response::new(-503, "")).expect("-503 is an access code");
        assert_eq!(err.action(), Action::Backoff);
        assert_eq!(err.message(Locale::En), "Frequency exceeds the limit");
        assert_eq!(access::Layer::ALL, [access::Layer::Access]);

        let limit = share::ShareQqError::from_code(30).expect("30 is a share_qq code");
        assert_eq!(limit.action(), Action::UserLimit);
        // `locale = "zh"`: Display speaks Chinese.
        assert_eq!(limit.to_string(), limit.message(Locale::Zh));
        assert_ne!(limit.message(Locale::Zh), limit.message(Locale::En));
        assert_eq!(share::Layer::ALL, [share::Layer::ShareQq]);
        // Every text of the expansion follows its `Display` locale, an unknown code's included.
        let unknown = share::MsdkError::decode(&Response::new(-999_999, "new")).expect("a failure");
        assert!(unknown.to_string().starts_with("未知错误码：ret -999999"), "{unknown}");
    }
}
