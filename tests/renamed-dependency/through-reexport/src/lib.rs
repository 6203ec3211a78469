//! A crate whose Cargo.toml does not name msdk-codes-core at all: it reaches it through
//! `msdk_codes_renamed_dependency::msdk`, a re-export. The function-like form needs no
//! `crate = ...` (it knows its own crate's path); the attribute form is given one.

#![deny(warnings)]

/// The function-like form, through the re-export.
pub mod access {
    msdk_codes_renamed_dependency::msdk::msdk_errors!(layers = [access], locales = ["en"]);
}

/// The attribute form, which names the path.
#[msdk_codes_renamed_dependency::msdk::msdk_codes(layers = [apple_login], locales = ["en"], crate = "::msdk_codes_renamed_dependency::msdk")]
pub mod apple {}

#[cfg(test)]
mod tests {
    use super::{access, apple};
    use msdk_codes_renamed_dependency::msdk::{Action, Response};

    #[test]
    fn the_function_like_form_finds_the_crate_through_a_re_export() {
        let err = access::MsdkError::decode(&Response::new(-503, "")).expect("-503 is an access code");
        assert_eq!(err.action(), Action::Backoff);
        assert_eq!(err.to_string(), "MSDK access layer -503: Frequency exceeds the limit");
        assert_eq!(apple::Layer::ALL, [apple::Layer::AppleLogin]);
    }
}
