//! Decoding the body the kit writes for an error gives back that error: for every code of the
//! bundled catalog, of each layer alone, and of a team's extension; and whatever the server's
//! lenient JSON looks like (a property test).

use msdk_codes_core::{Channel, MsdkErrorEnum, Response};
use msdk_codes_testing::{Case, OIDB_FAILURE, QQ_PASS_THROUGH, WECHAT_PASS_THROUGH, bodies, bodies_of, body_of};
use proptest::prelude::*;

/// The whole bundled catalog.
mod catalog {
    msdk_codes_core::msdk_errors!();
}

/// The bundled catalog and a team's own layer (`guild`, channel `ret`, with a code that the
/// access layer also has).
mod team {
    msdk_codes_core::msdk_errors!(extend = "tests/data/*.toml");
}

/// A team's own files alone, instead of the bundled catalog.
mod own {
    msdk_codes_core::msdk_errors!("tests/data/guild.toml");
}

/// Every case of `E` decodes back to its error, the way `Case::decode` says and with `decode_in`
/// and its own layer; the body is where its channel puts it. Gives the number of cases.
fn round_trip<E: MsdkErrorEnum + PartialEq>() -> usize {
    let cases: Vec<Case<E>> = bodies::<E>().collect();
    let codes: usize = E::entries().map(|entry| entry.codes().len()).sum();
    assert_eq!(cases.len(), codes, "a case per code of every entry");
    for case in &cases {
        let entry = case.entry().unwrap();
        assert_eq!(case.decode().unwrap().as_ref(), Some(case.error()), "{case:?}");
        let in_layer = Response::from_json(case.body().as_bytes()).map(|response| {
            msdk_codes_core::Failure::<E>::from_response_in(response, entry.layer()).map(|failure| failure.into_error())
        });
        assert_eq!(in_layer.unwrap().as_ref(), Some(case.error()), "decode_in its own layer: {case:?}");
        let response = case.response();
        let expected_ret = match entry.channel() {
            Channel::Qq => QQ_PASS_THROUGH,
            Channel::Wechat => WECHAT_PASS_THROUGH,
            Channel::Oidb => OIDB_FAILURE,
            _ => case.code(),
        };
        assert_eq!(response.ret, expected_ret, "{case:?}");
        assert_eq!(response.err_type, Some(entry.action().err_type().code()), "{case:?}");
        let said = response.said();
        match entry.channel() {
            Channel::Qq | Channel::Wechat => assert_eq!(said.code(), Some(i64::from(case.code())), "{case:?}"),
            Channel::Oidb => assert!(response.msg.ends_with(&format!("ret:{}", case.code())), "{case:?}"),
            _ => assert_eq!(said.code(), None, "no code leads the msg of a ret code: {case:?}"),
        }
        if entry.channel() == Channel::Wechat {
            assert!(said.rid().is_some() && said.hint().is_some(), "WeChat's rid and hint: {case:?}");
        }
        for words in entry.msg_contains() {
            assert!(response.msg.contains(words), "{case:?}");
        }
        // Plain decoding gives it back unless the case says which layer to decode with.
        let plain = msdk_codes_core::Failure::<E>::from_response(response).map(|failure| failure.into_error());
        assert_eq!(plain.as_ref() == Some(case.error()), case.via().is_none(), "{case:?}");
    }
    cases.len()
}

#[test]
fn every_code_of_the_bundled_catalog() {
    let cases = round_trip::<catalog::MsdkError>();
    assert_eq!(cases, catalog::MsdkError::all().map(|err| err.codes().len()).sum::<usize>());
    // Codes of one API's table need its layer: share_qq's 30 is not qq_platform's.
    let cases: Vec<_> = bodies::<catalog::MsdkError>().collect();
    let daily = cases.iter().find(|case| case.error() == &catalog::ShareQqError::DailyShareLimit.into()).unwrap();
    assert_eq!(daily.via(), Some(catalog::Layer::ShareQq));
    // The tables the documents name for plain decoding (access, logical, the QQ and WeChat
    // platforms, OIDB and its two commands) need no `via`, but where two of them share a code: a
    // logical code that the access layer also has.
    let named: Vec<&str> = msdk_codes_core::Table::NAMED.iter().filter_map(|table| table.id()).collect();
    for case in cases.iter().filter(|case| named.contains(&case.entry().unwrap().layer_id())) {
        let shared =
            case.entry().unwrap().layer_id() == "logical" && catalog::AccessError::from_code(case.code()).is_some();
        assert_eq!(case.via().is_some(), shared, "{case:?}");
    }
    // The words that pick an entry pick it without `via`.
    let heart = cases.iter().find(|case| case.name() == "HeartRecipientNotFriend").unwrap();
    assert_eq!((heart.via(), heart.body()), (None, r#"{"ret":-10000,"msg":"100030, is_friend is 0","err_type":0}"#));
}

/// A module per layer of the bundled catalog, holding that layer alone, and a test of each.
macro_rules! each_layer_alone {
    ($($layer:ident)+) => {
        mod alone {
            $(pub mod $layer {
                msdk_codes_core::msdk_errors!(layers = [$layer]);
            })+
        }

        #[test]
        fn every_code_of_each_layer_alone() {
            let mut total = 0;
            $(
                let cases = round_trip::<alone::$layer::MsdkError>();
                assert!(cases > 0, stringify!($layer));
                total += cases;
            )+
            assert_eq!(total, bodies::<catalog::MsdkError>().count(), "the layers make up the catalog");
        }
    };
}

each_layer_alone!(
    access logical qq_platform wechat_platform wechat_group qq_group game_center share_qzone share_qq
    share_qq_ark blue_diamond oidb oidb_pay_token oidb_access_token xinyue_super_r xinyue_wechat apple_login
);

#[test]
fn every_code_of_a_teams_extension() {
    round_trip::<team::MsdkError>();
    round_trip::<own::MsdkError>();
    let guild: Vec<_> =
        bodies::<team::MsdkError>().filter(|case| case.entry().unwrap().layer_id() == "guild").collect();
    assert_eq!(guild.len(), 3);
    let full = &guild[0];
    assert_eq!(full.body(), r#"{"ret":-9101,"msg":"The guild is full","err_type":0}"#);
    assert_eq!(full.via(), None, "plain decoding searches a team's own layers");
}

#[test]
fn an_unknown_code_is_the_response_it_keeps() {
    let mut response = Response::new(QQ_PASS_THROUGH, "100031, is_friend is 0");
    response.err_type = Some(0);
    let unknown = catalog::MsdkError::decode(&response).unwrap();
    assert_eq!(unknown.name(), "Unknown");
    let case = body_of(&unknown);
    assert_eq!(case.response(), response);
    assert_eq!((case.code(), case.decode().unwrap()), (100031, Some(unknown.clone())));
    assert_eq!(bodies_of(&unknown).len(), 1);
}

#[test]
fn an_entry_with_several_codes_has_a_body_for_each() {
    let several = catalog::MsdkError::all().find(|err| err.codes().len() > 1).expect("the catalog has one");
    let cases = bodies_of(&several);
    let codes: Vec<i32> = cases.iter().map(Case::code).collect();
    assert_eq!(codes, several.codes());
    assert!(cases.iter().all(|case| case.decode().unwrap() == Some(several.clone())));
}

/// A body as a lenient server may write it: fields in another order, `ret` and `err_type` as
/// strings, a field of data beside them, spaces.
fn rewrite(body: &str, ret_as_text: bool, err_type_as_text: bool, data_first: bool, spaced: bool) -> String {
    let value: serde_json::Value = serde_json::from_str(body).unwrap();
    let mut fields: Vec<(String, serde_json::Value)> = value.as_object().unwrap().clone().into_iter().collect();
    for (name, value) in &mut fields {
        let as_text = (name == "ret" && ret_as_text) || (name == "err_type" && err_type_as_text);
        if as_text {
            *value = serde_json::Value::String(value.to_string());
        }
    }
    let data = ("data".to_owned(), serde_json::json!({ "lists": [1, 2], "ret": "not this one" }));
    if data_first {
        fields.insert(0, data);
    } else {
        fields.push(data);
    }
    let separator = if spaced { ", " } else { "," };
    let fields: Vec<String> =
        fields.iter().map(|(name, value)| format!("{}:{}", serde_json::Value::from(name.as_str()), value)).collect();
    format!("{{{}}}", fields.join(separator))
}

proptest! {
    /// Any code of the bundled catalog or of the team's extension, in any lenient writing of its
    /// body, decodes back to its error.
    #[test]
    fn any_code_in_any_lenient_writing_decodes_back(
        pick in any::<prop::sample::Index>(),
        in_team in any::<bool>(),
        ret_as_text in any::<bool>(),
        err_type_as_text in any::<bool>(),
        data_first in any::<bool>(),
        spaced in any::<bool>(),
    ) {
        fn check<E: MsdkErrorEnum + PartialEq>(pick: prop::sample::Index, rewrite: impl Fn(&str) -> String) -> Result<(), TestCaseError> {
            let cases: Vec<Case<E>> = bodies::<E>().collect();
            let case = pick.get(&cases);
            let body = rewrite(case.body());
            let response = Response::from_json(body.as_bytes()).unwrap();
            let decoded = match case.via() {
                Some(via) => msdk_codes_core::Failure::<E>::from_response_in(response, via),
                None => msdk_codes_core::Failure::<E>::from_response(response),
            };
            let decoded = decoded.map(|failure| failure.into_error());
            prop_assert_eq!(decoded.as_ref(), Some(case.error()), "{}", body);
            Ok(())
        }
        let rewrite = |body: &str| rewrite(body, ret_as_text, err_type_as_text, data_first, spaced);
        if in_team {
            check::<team::MsdkError>(pick, rewrite)?;
        } else {
            check::<catalog::MsdkError>(pick, rewrite)?;
        }
    }
}
