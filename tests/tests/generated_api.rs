//! The generated API as a user crate relies on it, on the bundled catalog and on a team's own data.

use msdk_codes_core::{Action, Code, ErrType, Locale};
use msdk_codes_tests::{full, own_data, team_pay, team_social};

/// Every code of every layer of the full expansion.
fn every_error() -> Vec<full::MsdkError> {
    full::MsdkError::all().collect()
}

#[test]
fn all_walks_every_layer_in_the_data_order() {
    fn all<C: Code + Into<full::MsdkError>>() -> impl Iterator<Item = full::MsdkError> {
        C::ALL.iter().map(|&code| code.into())
    }
    let by_hand: Vec<full::MsdkError> = all::<full::AccessError>()
        .chain(all::<full::LogicalError>())
        .chain(all::<full::QqPlatformError>())
        .chain(all::<full::WechatPlatformError>())
        .chain(all::<full::WechatGroupError>())
        .chain(all::<full::QqGroupError>())
        .chain(all::<full::GameCenterError>())
        .chain(all::<full::ShareQzoneError>())
        .chain(all::<full::ShareQqError>())
        .chain(all::<full::ShareQqArkError>())
        .chain(all::<full::BlueDiamondError>())
        .chain(all::<full::OidbError>())
        .chain(all::<full::OidbPayTokenError>())
        .chain(all::<full::OidbAccessTokenError>())
        .chain(all::<full::XinyueSuperRError>())
        .chain(all::<full::XinyueWechatError>())
        .chain(all::<full::AppleLoginError>())
        .collect();
    assert_eq!(every_error(), by_hand);
    assert_eq!(team_pay::MsdkError::all().count(), team_pay::LogicalError::ALL.len());
    for err in every_error() {
        assert_eq!(err.codes().first(), Some(&err.code()), "{err}");
    }
}

#[test]
fn layers_are_the_public_ids_in_catalog_order() {
    let ids: Vec<&str> = full::Layer::ALL.iter().map(|layer| layer.id()).collect();
    assert_eq!(
        ids,
        [
            "access",
            "logical",
            "qq_platform",
            "wechat_platform",
            "wechat_group",
            "qq_group",
            "game_center",
            "share_qzone",
            "share_qq",
            "share_qq_ark",
            "blue_diamond",
            "oidb",
            "oidb_pay_token",
            "oidb_access_token",
            "xinyue_super_r",
            "xinyue_wechat",
            "apple_login"
        ]
    );
    assert_eq!(full::Layer::IDS, ids.as_slice());
    for &layer in full::Layer::ALL {
        assert_eq!(full::Layer::from_id(layer.id()), Some(layer));
        assert_eq!(layer.id().parse::<full::Layer>(), Ok(layer));
        for locale in Locale::ALL {
            assert!(!layer.title(locale).is_empty(), "{layer:?} has no {locale} title");
        }
    }
    assert_eq!(full::Layer::Access.title(Locale::En), "MSDK access layer");
    assert_eq!(full::Layer::QqPlatform.channel(), msdk_codes_core::Channel::Qq);
    let err = "acess".parse::<full::Layer>().unwrap_err();
    assert!(
        err.to_string().starts_with("unknown layer `acess`; expected one of access, logical, qq_platform"),
        "{err}"
    );
}

#[test]
fn every_code_round_trips_through_from_code() {
    let errors = every_error();
    assert!(errors.len() > 400, "the full catalog has {} entries", errors.len());
    for err in &errors {
        let layer = err.layer().expect("a known code has a layer");
        assert_eq!(full::MsdkError::from_code(layer, err.code()).as_ref(), Some(err), "{err}");
        for locale in Locale::ALL {
            assert!(!err.message(locale).is_empty(), "{} {} has no {locale} message", layer.id(), err.name());
        }
        assert_eq!(err.err_type(), err.action().err_type());
    }
}

#[test]
fn a_code_enum_is_a_typed_table_row() {
    use full::AccessError;
    let err = AccessError::from_code(-303).unwrap();
    assert_eq!(err, AccessError::AppidNoPermission);
    assert_eq!(err.code(), -303);
    assert_eq!(err.name(), "AppidNoPermission");
    assert_eq!(err.action(), Action::FixConfig);
    assert_eq!(err.err_type(), ErrType::Unknown);
    assert_eq!(err.message(Locale::En), "This appid has no permissions in msdk");
    assert_eq!(err.message(Locale::Zh), "该appid在msdk没有权限");
    assert!(err.advice(Locale::Ja).is_some());
    assert_eq!(err.to_string(), "This appid has no permissions in msdk");
    assert_eq!(AccessError::LAYER, full::Layer::Access);
    assert_eq!(AccessError::try_from(-303), Ok(err));
    let missing = AccessError::try_from(12345).unwrap_err();
    assert_eq!(missing.to_string(), "code 12345 is not in the `access` layer");
    const CODE: i32 = AccessError::FrequencyLimit.code();
    assert_eq!(CODE, -503);
    assert_eq!(AccessError::FrequencyLimit.action(), Action::Backoff);
}

#[test]
fn every_code_of_a_multi_code_row_maps_to_its_entry() {
    let first = full::QqGroupError::from_code(-500003).unwrap();
    for code in -500009..=-500003 {
        assert_eq!(full::QqGroupError::from_code(code), Some(first), "{code}");
    }
    assert_eq!(first.code(), -500003);
    // OIDB rows give the signed and the unsigned form of one byte.
    let signed = full::OidbError::from_code(-103).unwrap();
    assert_eq!(full::OidbError::from_code(0x99), Some(signed));
}

#[test]
fn the_same_number_means_different_things_in_different_layers() {
    let access = full::MsdkError::from_code(full::Layer::Logical, -10002).unwrap();
    let diamond = full::MsdkError::from_code(full::Layer::BlueDiamond, -10002).unwrap();
    assert_ne!(access, diamond);
    assert_ne!(access.message(Locale::En), diamond.message(Locale::En));
}

#[test]
fn msdk_error_displays_layer_code_and_message() {
    let err: full::MsdkError = full::AccessError::FrequencyLimit.into();
    assert_eq!(err.layer(), Some(full::Layer::Access));
    assert_eq!(err.to_string(), "MSDK access layer -503: Frequency exceeds the limit");
    let as_error: &dyn std::error::Error = &err;
    assert!(as_error.source().is_none());
}

#[test]
fn display_speaks_the_chosen_locale_and_policy_changes_actions() {
    let err = team_pay::LogicalError::from_code(-1011).unwrap();
    assert_eq!(err.to_string(), err.message(Locale::Zh));
    assert_eq!(err.action(), Action::Retry, "policy = {{ logical::InputParameterEmpty = retry }}");
    assert_eq!(full::LogicalError::InputParameterEmpty.action(), Action::FixRequest, "the data's own action");
    assert_eq!(team_pay::Layer::ALL, &[team_pay::Layer::Logical]);
    assert_eq!(team_pay::TEAM, "pay", "items the module already had are kept");
}

#[test]
fn locales_not_compiled_in_answer_in_the_display_locale() {
    // wechat_group -1: every locale has its own message and advice in the catalog.
    let err = team_social::WechatGroupError::from_code(-1).unwrap();
    assert_eq!(err.message(Locale::Ja), err.message(Locale::En));
    assert_eq!(err.message(Locale::Zh), err.message(Locale::En));
    assert_eq!(err.message(Locale::Ko), "시스템 오류");
    assert_eq!(err.advice(Locale::Ja), err.advice(Locale::En));
    assert_ne!(err.advice(Locale::Ko), err.advice(Locale::En));
    assert_eq!(team_social::Layer::ALL.len(), 2);
}

#[test]
fn a_team_file_generates_the_same_api() {
    use own_data::{Layer, TeamShopError};
    assert_eq!(Layer::ALL, &[Layer::TeamShop]);
    assert_eq!(Layer::TeamShop.title(Locale::Ko), "팀 상점 서비스");
    assert_eq!(TeamShopError::from_code(-9001), Some(TeamShopError::OutOfStock));
    assert_eq!(TeamShopError::from_code(0x2333), Some(TeamShopError::PriceChanged));
    assert_eq!(TeamShopError::PriceChanged.code(), -9002);
    assert_eq!(TeamShopError::OutOfStock.to_string(), "商品は在庫切れです");
    assert_eq!(TeamShopError::OutOfStock.advice(Locale::En), Some("Offer another item"));
    assert_eq!(TeamShopError::PriceChanged.advice(Locale::En), None);
    assert_eq!(
        TeamShopError::PriceChanged.note(Locale::Zh),
        Some("Happens during sales; the second code is the legacy one."),
        "notes fall back to English"
    );
    let ranges = own_data::MsdkError::ranges();
    assert_eq!(ranges.len(), 1);
    assert!(ranges[0].contains(-9050) && !ranges[0].contains(-9100));
    assert_eq!(ranges[0].message, "-9000から-9099はショップサービスのエラーです");
}

#[test]
fn faq_notes_travel_with_their_codes() {
    let note = full::QqPlatformError::from_code(-73).unwrap().note(Locale::En);
    assert!(note.is_some_and(|note| note.contains("password")), "{note:?}");
}
