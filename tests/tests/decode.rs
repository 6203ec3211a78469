//! Decoding MSDK responses: the real samples of the FAQ and the documents, the routing rules,
//! unknown codes kept whole, err_type, overflow, WeChat's suffixes, `Display` and
//! `Response::from_json`.

use msdk_codes_core::{Action, ErrType, KnownIn, Locale, Response, UnknownCode};
use msdk_codes_tests::full::{
    AccessError, AppleLoginError, Layer, LogicalError, MsdkError, OidbAccessTokenError, OidbError, OidbPayTokenError,
    QqPlatformError, ShareQqError, WechatPlatformError,
};

const FAQ: &str = include_str!("../sources/000-faq-en.txt");
const DOCS_EN: &str = include_str!("../sources/001-error-codes-en.txt");

/// The example of the documents' OIDB section ("ret:-103 msg:oidb decode0x73a failed, ret:17").
const OIDB_EXAMPLE: &str = "ret:-103 msg:oidb decode0x73a failed, ret:17";

fn decode(ret: i32, msg: &str) -> Option<MsdkError> {
    MsdkError::decode(&Response::new(ret, msg))
}

fn decode_in(ret: i32, msg: &str, via: Layer) -> Option<MsdkError> {
    MsdkError::decode_in(&Response::new(ret, msg), via)
}

#[track_caller]
fn as_unknown(err: Option<MsdkError>) -> UnknownCode {
    match err {
        Some(MsdkError::Unknown(unknown)) => unknown,
        other => panic!("expected an unknown code, got {other:?}"),
    }
}

/// A JSON body quoted verbatim from the FAQ, so that the tests use the real samples.
#[track_caller]
fn faq_body(body: &'static str) -> Response {
    assert!(FAQ.contains(body), "not a sample of the FAQ: {body}");
    Response::from_json(body.as_bytes()).unwrap_or_else(|e| panic!("FAQ sample {body}: {e}"))
}

// --- The FAQ's samples -------------------------------------------------------------------------

#[test]
fn faq_minus_73_is_the_qq_platform_password_change() {
    assert!(FAQ.contains("\"-73, internal error\""));
    for msg in ["-73, internal error", "-73,the user modify password wrong"] {
        let err = decode(-10000, msg).unwrap();
        assert_eq!(err, MsdkError::QqPlatform(QqPlatformError::AccessTokenPasswordChanged));
        assert_eq!((err.layer(), err.code()), (Some(Layer::QqPlatform), -73));
        assert_eq!(err.action(), Action::Reauthorize);
    }
}

#[test]
fn faq_100030_is_told_apart_by_what_the_server_said() {
    // From /share/qq: the heart-sending message went to a user who is not a friend. share_qq's
    // entry has `msg_contains = ["is_friend is 0"]`: it wins without `via`, and whatever `via` says.
    let body = r#"{"msg": "100030, is_friend is 0", "ret": -10000}"#;
    let response = faq_body(body);
    let heart = MsdkError::ShareQq(ShareQqError::HeartRecipientNotFriend);
    assert_eq!(MsdkError::from_json(body.as_bytes()).unwrap(), Some(heart.clone()));
    assert_eq!(MsdkError::decode(&response), Some(heart.clone()));
    for via in [Layer::ShareQq, Layer::QqPlatform, Layer::QqGroup] {
        assert_eq!(MsdkError::decode_in(&response, via), Some(heart.clone()), "via {via:?}");
    }
    assert_eq!((heart.layer(), heart.code()), (Some(Layer::ShareQq), 100030));
    // Not a logout: the player is fine, the recipient is not a friend.
    assert_eq!(heart.action(), Action::UserLimit);
    assert!(heart.note(Locale::En).is_some_and(|note| note.contains("is_friend is 0")));

    // The FAQ's other meaning, from a Mobile QQ login API: "this api without user authorization".
    assert!(FAQ.contains("\"100030, this api without user authorization\""));
    let msg = "100030, this api without user authorization";
    let err = decode(-10000, msg).unwrap();
    assert_eq!(err, MsdkError::QqPlatform(QqPlatformError::UserAuthorizationMissing));
    assert_eq!(err.action(), Action::Reauthorize);
    assert_eq!(decode_in(-10000, msg, Layer::QqPlatform), Some(err));
    // `via` names the API's table first: /share/qq's own 100030.
    assert_eq!(decode_in(-10000, msg, Layer::ShareQq), Some(heart));
}

#[test]
fn faq_100030_in_a_subset_without_share_qq_is_unknown_not_a_logout() {
    let body = br#"{"msg": "100030, is_friend is 0", "ret": -10000}"#;
    let expected = "unknown code: ret -10000, code 100030 (not in `qq_platform`; `share_qq` knows it: add `share_qq` \
                    to `layers`): 100030, is_friend is 0";
    let err = msdk_codes_tests::login::MsdkError::from_json(body).unwrap().unwrap();
    assert_eq!((err.name(), err.action()), ("Unknown", Action::ContactSupport));
    assert_eq!(err.to_string(), expected);
    let err = msdk_codes_tests::login_fn::MsdkError::from_json(body).unwrap().unwrap();
    assert_eq!((err.name(), err.action()), ("Unknown", Action::ContactSupport));
    assert_eq!(err.to_string(), expected);
    // The other meaning is qq_platform's, which the subset has.
    let other = br#"{"msg": "100030, this api without user authorization", "ret": -10000}"#;
    let err = msdk_codes_tests::login::MsdkError::from_json(other).unwrap().unwrap();
    assert_eq!((err.name(), err.action()), ("UserAuthorizationMissing", Action::Reauthorize));
}

#[test]
fn faq_minus_306_is_a_wechat_platform_timeout_in_the_access_layer() {
    assert!(FAQ.contains("ret = -306"));
    let err = decode(-306, "").unwrap();
    assert_eq!(err, MsdkError::Access(AccessError::WechatPlatformTimeout));
    assert_eq!(err.action(), Action::Retry);
    // The same in a layer whose table does not have it: ret is the access layer's.
    assert_eq!(decode_in(-306, "", Layer::ShareQq), Some(MsdkError::Access(AccessError::WechatPlatformTimeout)));
}

#[test]
fn faq_minus_69_is_the_app_outside_the_qq_permission_system() {
    assert!(FAQ.contains("\"-69, internal error\""));
    let err = decode(-10000, "-69, internal error").unwrap();
    assert_eq!(err, MsdkError::QqPlatform(QqPlatformError::AppNotInPermissionSystem));
    assert_eq!((err.layer(), err.code()), (Some(Layer::QqPlatform), -69));
    assert_eq!(err.action(), Action::FixConfig);
}

#[test]
fn an_unknown_platform_code_is_kept_whole() {
    let response = Response::new(-10000, "100099, not in any table");
    let err = MsdkError::decode_in(&response, Layer::ShareQq).unwrap();
    assert_eq!((err.layer(), err.name(), err.code()), (None, "Unknown", 100099));
    assert_eq!(err.action(), Action::ContactSupport);
    assert_eq!(err.message(Locale::En), "100099, not in any table");
    assert_eq!(err.advice(Locale::En), None);

    let unknown = as_unknown(Some(err));
    assert_eq!(unknown.ret(), -10000);
    assert_eq!(unknown.platform_code(), Some(100099));
    assert_eq!(unknown.code(), 100099);
    assert_eq!(unknown.layer(), Some("share_qq"));
    let range = unknown.range().expect("-10000 is in a documented range");
    assert_eq!((range.layer, range.name, range.low, range.high), ("logical", "QqPlatform", -14999, -10000));
    assert_eq!(unknown.msg(), "100099, not in any table");
    assert_eq!(unknown.description(), "not in any table");
    assert_eq!((unknown.err_type_sent(), unknown.err_type()), (None, ErrType::Unknown));

    // Without `via` the code is looked up in qq_platform, which does not have it either.
    assert_eq!(unknown_layer(decode(-10000, "100099, not in any table")), Some("qq_platform"));
}

fn unknown_layer(err: Option<MsdkError>) -> Option<&'static str> {
    as_unknown(err).layer()
}

#[test]
fn faq_share_qq_samples_decode_in_share_qq() {
    // Sample B has a raw tab inside its msg, which strict JSON does not allow; it is kept.
    let b = faq_body(
        r#"{"msg":"30,null ServiceError: :workid=yaaf_mpqq_msgsendsvr cmdid=1 com.tencent.jungle.api.APIException: 	30,response errorCode error 30","ret":-10000}"#,
    );
    assert!(b.msg.contains(": \t30,response"));
    let err = MsdkError::decode_in(&b, Layer::ShareQq).unwrap();
    assert_eq!(err, MsdkError::ShareQq(ShareQqError::DailyShareLimit));
    assert_eq!(err.action(), Action::UserLimit);

    let d = faq_body(
        r#"{"msg": "32, null ServiceError:: workid = yaaf_mpqq_msgsendsvr cmdid = 1 com.tencent.jungle.api.APIException: 32, response errorCode error 32", "ret": -10000}"#,
    );
    assert_eq!(
        MsdkError::decode_in(&d, Layer::ShareQq),
        Some(MsdkError::ShareQq(ShareQqError::TargetNotFriendOrNotFollowing))
    );

    // 103: "title can not exceed 45 bytes" (the FAQ's sample; no table of the documents has it).
    let c = faq_body(
        r#"{"msg": "103, directed share (mobile terminal) friends ServiceError:: workid = qconnshare cmdid = 11 com.tencent.jungle.api.APIException: 103, response errorCode error 103", "ret": -10000 }"#,
    );
    let err = MsdkError::decode_in(&c, Layer::ShareQq).unwrap();
    assert_eq!(err, MsdkError::ShareQq(ShareQqError::TitleTooLong));
    assert_eq!((err.code(), err.action()), (103, Action::FixRequest));
}

#[test]
fn faq_40001_is_the_wechat_invalid_credential() {
    assert!(FAQ.contains("\"40001, invalid credential\""));
    for msg in ["40001, invalid credential", "40001,invalid credential, hint: [Bq0Xya0297ge13] rid: 64b8f1e0-2b1c"] {
        let err = decode(-20000, msg).unwrap();
        assert_eq!(err, MsdkError::WechatPlatform(WechatPlatformError::CredentialInvalid));
        assert_eq!(err.action(), Action::RefreshToken);
        assert_eq!(err.err_type(), ErrType::RefreshToken);
    }
}

#[test]
fn faq_100015_is_the_revoked_qq_token() {
    assert!(FAQ.contains("\"100015, access token is revoked\""));
    let err = decode(-10000, "100015, access token is revoked").unwrap();
    assert_eq!(err, MsdkError::QqPlatform(QqPlatformError::AccessTokenRevoked100015));
    assert_eq!(err.action(), Action::Reauthorize);
}

// --- OIDB ----------------------------------------------------------------------------------------

#[test]
fn the_documents_oidb_example_is_a_pay_token_code() {
    assert!(DOCS_EN.contains(OIDB_EXAMPLE));
    // The documents give the example with the outer ret:-103; any ret of the OIDB range works too.
    for ret in [-103, -15000, -15001, -19999] {
        let err = decode(ret, OIDB_EXAMPLE).unwrap();
        assert_eq!(err, MsdkError::OidbPayToken(OidbPayTokenError::PayTokenExpired), "ret {ret}");
        assert_eq!((err.layer(), err.code()), (Some(Layer::OidbPayToken), 0x11));
    }
    // Case does not matter in "oidb", "0x73a" and "ret:".
    assert_eq!(
        decode(-103, "RET:-103 MSG:OIDB DECODE0X73A FAILED, RET:17"),
        Some(MsdkError::OidbPayToken(OidbPayTokenError::PayTokenExpired))
    );
}

#[test]
fn command_0x711_is_an_access_token_code() {
    let err = decode(-103, "ret:-103 msg:oidb decode0x711 failed, ret:65").unwrap();
    assert_eq!(err, MsdkError::OidbAccessToken(OidbAccessTokenError::AccessTokenExpired));
    assert_eq!(err.code(), 0x41);
    // Entries with several codes: 0x11 belongs to AppidInvalid, whose code() is 0x10.
    let err = decode(-15002, "oidb decode0x711 failed, ret:17").unwrap();
    assert_eq!(err, MsdkError::OidbAccessToken(OidbAccessTokenError::AppidInvalid));
    assert_eq!(err.code(), 0x10);
}

#[test]
fn other_commands_use_the_generic_oidb_table() {
    // 153 = 0x99, the unsigned spelling of -103 (frequency limit).
    for msg in ["ret:-103 msg:oidb decode0x5e5 failed, ret:153", "oidb decode0x5e5 failed, ret:-103"] {
        let err = decode(-103, msg).unwrap();
        assert_eq!(err, MsdkError::Oidb(OidbError::FrequencyLimit), "{msg}");
        assert_eq!(err.code(), -103);
        assert_eq!(err.action(), Action::Backoff);
    }
    // The last ret:N counts, not the first.
    assert_eq!(decode(-15001, "ret:-103 oidb ret:5"), Some(MsdkError::Oidb(OidbError::CommandNotConfigured)));
    // A command-specific code the specific table lacks is tried in the generic table.
    assert_eq!(
        decode(-15001, "oidb decode0x73a failed, ret:-140"),
        Some(MsdkError::Oidb(OidbError::AccessTokenInvalid))
    );
}

#[test]
fn via_an_oidb_layer_names_the_table_when_msg_does_not() {
    let err = decode_in(-15001, "oidb failed, ret:65", Layer::OidbAccessToken).unwrap();
    assert_eq!(err, MsdkError::OidbAccessToken(OidbAccessTokenError::AccessTokenExpired));
    // Without it, 65 is not a generic OIDB code: unknown, kept.
    let unknown = as_unknown(decode(-15001, "oidb failed, ret:65"));
    assert_eq!((unknown.ret(), unknown.platform_code(), unknown.layer()), (-15001, Some(65), Some("oidb")));
}

#[test]
fn an_oidb_ret_without_a_code_is_unknown_in_the_oidb_range() {
    for msg in ["", "oidb failed", "ret:", "ret:abc"] {
        let unknown = as_unknown(decode(-15000, msg));
        assert_eq!((unknown.ret(), unknown.platform_code(), unknown.code()), (-15000, None, -15000), "{msg:?}");
        assert_eq!(unknown.layer(), Some("oidb"));
        assert_eq!(unknown.range().map(|range| range.name), Some("Oidb"));
        assert_eq!(unknown.msg(), msg);
    }
}

#[test]
fn an_oidb_failure_with_a_known_outer_ret_falls_back_to_it() {
    // 0x7ff is not a code of any OIDB table; the outer -103 is the logical layer's.
    assert_eq!(
        decode(-103, "ret:-103 msg:oidb decode0x73a failed, ret:2047"),
        Some(MsdkError::Logical(LogicalError::InternalError103))
    );
}

// --- ret 0, access, logical, `via` ----------------------------------------------------------------

#[test]
fn ret_zero_is_success_whatever_msg_says() {
    for msg in ["", "ok", "-73,the user modify password wrong", OIDB_EXAMPLE, "40001,invalid credential"] {
        assert_eq!(decode(0, msg), None, "{msg:?}");
        for &layer in Layer::ALL {
            assert_eq!(decode_in(0, msg, layer), None, "{msg:?} via {layer:?}");
        }
    }
    let response = Response { ret: 0, msg: "ok".into(), err_type: Some(5) };
    assert_eq!(MsdkError::decode(&response), None);
}

#[test]
fn success_is_no_error_value() {
    for &layer in Layer::ALL {
        assert_eq!(MsdkError::from_code(layer, 0), None, "{layer:?}");
    }
    assert!(MsdkError::all().all(|err| !err.codes().contains(&0) && err.name() != "Success"));
    assert_eq!(AccessError::from_code(0), None);
    assert_eq!(LogicalError::from_name("Success"), None);
    assert_eq!(MsdkError::from_json(br#"{"ret":0,"msg":"ok"}"#).unwrap(), None);
    // A code 0 inside msg is no error of a platform table either.
    assert!(matches!(decode(-10000, "0, ok"), Some(MsdkError::Unknown(_))));
}

#[test]
fn other_rets_are_looked_up_in_access_then_logical() {
    assert_eq!(decode(-503, ""), Some(MsdkError::Access(AccessError::FrequencyLimit)));
    assert_eq!(decode(-303, "appid no permission"), Some(MsdkError::Access(AccessError::AppidNoPermission)));
    // -101 is in both tables: access, the outer layer, wins.
    assert_eq!(decode(-101, ""), Some(MsdkError::Access(AccessError::HttpParseFailed)));
    assert_eq!(decode(-1011, ""), Some(MsdkError::Logical(LogicalError::InputParameterEmpty)));
    assert_eq!(decode(-2003, "x"), Some(MsdkError::Logical(LogicalError::CommandNotExist)));
    assert_eq!(decode(1, ""), Some(MsdkError::Logical(LogicalError::QueryResultEmpty)));
    // Pass-through rets without a platform code in msg: the logical layer's "see msg".
    assert_eq!(decode(-10000, "no code here"), Some(MsdkError::Logical(LogicalError::QqPlatformFailure)));
    assert_eq!(decode(-20000, ""), Some(MsdkError::Logical(LogicalError::WechatPlatformFailure)));
    // A leading integer not followed by a comma is not a code.
    assert_eq!(decode(-10000, "12abc, x"), Some(MsdkError::Logical(LogicalError::QqPlatformFailure)));

    let unknown = as_unknown(decode(-99999, "whatever"));
    assert_eq!(
        (unknown.ret(), unknown.platform_code(), unknown.layer(), unknown.range()),
        (-99999, None, Some("access"), None)
    );
    assert_eq!(unknown.msg(), "whatever");
}

#[test]
fn decode_in_apple_login_looks_up_ret_there_first() {
    let err = decode_in(-3003, "", Layer::AppleLogin).unwrap();
    assert_eq!(err, MsdkError::AppleLogin(AppleLoginError::ClientSecretConfigError));
    assert_eq!(err.action(), Action::FixConfig);
    // Other codes still reach access and logical.
    assert_eq!(decode_in(-503, "", Layer::AppleLogin), Some(MsdkError::Access(AccessError::FrequencyLimit)));
    // Without `via`, Apple's codes are not looked up: unknown, in the server range, and it says
    // which layer knows it and how to reach it.
    let unknown = as_unknown(decode(-3003, ""));
    assert_eq!(unknown.layer(), Some("access"));
    assert_eq!(unknown.known_in(), Some(KnownIn::Via("apple_login")));
    assert_eq!(unknown.range().map(|range| range.name), Some("Server"));
    assert!(
        unknown.to_string().starts_with(
            "unknown code: ret -3003 (not in `access`; `apple_login` knows it: decode with \
             `decode_in(.., Layer::AppleLogin)`) [Server: "
        ),
        "{unknown}"
    );
    // A via of another channel does not change how a plain ret is looked up.
    assert_eq!(decode_in(-503, "", Layer::ShareQq), Some(MsdkError::Access(AccessError::FrequencyLimit)));
}

#[test]
fn decode_in_names_the_platform_table() {
    assert_eq!(
        decode_in(-10000, "30,null ServiceError", Layer::ShareQq),
        Some(MsdkError::ShareQq(ShareQqError::DailyShareLimit))
    );
    // The same code without via means qq_platform's table, where 30 is not a code; the unknown
    // code says that share_qq knows it.
    let unknown = as_unknown(decode(-10000, "30,null ServiceError"));
    assert_eq!((unknown.layer(), unknown.known_in()), (Some("qq_platform"), Some(KnownIn::Via("share_qq"))));
    // A via of the WeChat channel does not apply to a QQ pass-through.
    assert_eq!(
        decode_in(-10000, "-73,x", Layer::WechatGroup),
        Some(MsdkError::QqPlatform(QqPlatformError::AccessTokenPasswordChanged))
    );
}

// --- err_type ------------------------------------------------------------------------------------

#[test]
fn unknown_codes_keep_the_err_type_the_server_sent() {
    let sent = |err_type| Response { ret: -99999, msg: "new".into(), err_type };
    let err = MsdkError::decode(&sent(Some(2))).unwrap();
    assert_eq!(err.err_type(), ErrType::Reauthorize);
    let unknown = as_unknown(Some(err));
    assert_eq!((unknown.err_type_sent(), unknown.err_type()), (Some(2), ErrType::Reauthorize));
    // An undocumented err_type is kept as sent, and classified as unknown.
    let unknown = as_unknown(MsdkError::decode(&sent(Some(4))));
    assert_eq!((unknown.err_type_sent(), unknown.err_type()), (Some(4), ErrType::Unknown));
    let unknown = as_unknown(MsdkError::decode(&sent(None)));
    assert_eq!((unknown.err_type_sent(), unknown.err_type()), (None, ErrType::Unknown));
}

#[test]
fn known_codes_take_the_err_type_of_their_action() {
    // The server's err_type 5 does not override what the catalog knows about -503.
    let response = Response { ret: -503, msg: String::new(), err_type: Some(5) };
    let err = MsdkError::decode(&response).unwrap();
    assert_eq!(err, MsdkError::Access(AccessError::FrequencyLimit));
    assert_eq!(err.err_type(), Action::Backoff.err_type());
    assert_eq!(err.err_type(), ErrType::Network);
    let response = Response { ret: -20000, msg: "40001,invalid credential".into(), err_type: Some(1) };
    assert_eq!(MsdkError::decode(&response).unwrap().err_type(), ErrType::RefreshToken);
}

// --- Overflow: nothing is wrapped, nothing is lost -----------------------------------------------

#[test]
fn a_platform_code_beyond_i32_is_kept_as_i64() {
    let unknown = as_unknown(decode(-10000, "-2147483649,x"));
    assert_eq!(unknown.platform_code(), Some(-2_147_483_649));
    // code() does not wrap it: it reports ret instead.
    assert_eq!(unknown.code(), -10000);
    assert_eq!((unknown.ret(), unknown.layer(), unknown.msg()), (-10000, Some("qq_platform"), "-2147483649,x"));

    let unknown = as_unknown(decode(-20000, "2147483648，x"));
    assert_eq!((unknown.platform_code(), unknown.code()), (Some(2_147_483_648), -20000));
    assert_eq!(unknown.layer(), Some("wechat_platform"));

    // The i32 bounds themselves are codes.
    assert_eq!(unknown_code(decode(-10000, "-2147483648,x")), (Some(i64::from(i32::MIN)), i32::MIN));
}

fn unknown_code(err: Option<MsdkError>) -> (Option<i64>, i32) {
    let unknown = as_unknown(err);
    (unknown.platform_code(), unknown.code())
}

#[test]
fn an_oidb_code_beyond_i32_is_kept_as_i64() {
    for msg in ["ret:99999999999999", "oidb decode0x73a failed, ret:99999999999999"] {
        let unknown = as_unknown(decode(-15001, msg));
        assert_eq!(
            (unknown.ret(), unknown.platform_code(), unknown.code()),
            (-15001, Some(99_999_999_999_999), -15001)
        );
        assert_eq!(unknown.msg(), msg);
    }
}

#[test]
fn a_code_beyond_i64_in_the_oidb_range_is_unknown_with_msg_kept() {
    let msg = "oidb decode0x73a failed, ret:123456789012345678901234567890";
    let unknown = as_unknown(decode(-15001, msg));
    assert_eq!((unknown.ret(), unknown.platform_code(), unknown.msg()), (-15001, None, msg));
    assert_eq!(unknown.layer(), Some("oidb_pay_token"));
}

#[test]
fn a_code_beyond_i64_is_unknown_with_msg_kept() {
    for (ret, msg) in [
        (-10000, "123456789012345678901234567890,x"),
        (-20000, "-123456789012345678901234567890,x"),
        (-103, "ret:-103 msg:oidb decode0x73a failed, ret:123456789012345678901234567890"),
    ] {
        let unknown = as_unknown(decode(ret, msg));
        assert_eq!((unknown.ret(), unknown.msg()), (ret, msg));
    }
}

// --- Full-width commas, WeChat suffixes ----------------------------------------------------------

#[test]
fn full_width_commas_end_the_code() {
    assert_eq!(
        decode(-20000, "40001，invalid credential"),
        Some(MsdkError::WechatPlatform(WechatPlatformError::CredentialInvalid))
    );
    assert_eq!(
        decode(-10000, " -73 ，用户修改了密码"),
        Some(MsdkError::QqPlatform(QqPlatformError::AccessTokenPasswordChanged))
    );
    let unknown = as_unknown(decode(-20000, "40999，新的错误"));
    assert_eq!((unknown.platform_code(), unknown.description()), (Some(40999), "新的错误"));
}

#[test]
fn description_drops_the_code_and_wechat_suffixes() {
    let unknown = as_unknown(decode(-20000, "40999,some new error, hint: [Bq0Xya0297ge13] rid: 64b8f1e0-2b1c"));
    assert_eq!(unknown.description(), "some new error");
    assert_eq!(unknown.msg(), "40999,some new error, hint: [Bq0Xya0297ge13] rid: 64b8f1e0-2b1c");
    let unknown = as_unknown(decode(-20000, "40999,more details at https://mmbizurl.cn/s/x rid: 6631a5d9"));
    assert_eq!(unknown.description(), "more details at https://mmbizurl.cn/s/x");
    assert_eq!(unknown.description(), unknown_description(-20000, "40999, more details at https://mmbizurl.cn/s/x"));
    assert_eq!(unknown_description(-99999, "no code, hint: [x]"), "no code");
    assert_eq!(unknown_description(-20000, "40999"), "");
}

fn unknown_description(ret: i32, msg: &str) -> String {
    as_unknown(decode(ret, msg)).description().to_owned()
}

#[test]
fn description_keeps_words_that_end_in_rid() {
    assert_eq!(unknown_description(-20000, "40999,invalid userid: 5"), "invalid userid: 5");
    assert_eq!(unknown_description(-20000, "40999,bad grid: 5 hint: [x] rid: 1"), "bad grid: 5");
}

// --- Display -------------------------------------------------------------------------------------

#[test]
fn known_errors_display_layer_code_and_message() {
    assert_eq!(decode(-503, "").unwrap().to_string(), "MSDK access layer -503: Frequency exceeds the limit");
    let err = decode(-20000, "40001,invalid credential").unwrap();
    assert_eq!(err.to_string(), format!("{} 40001: invalid credential", Layer::WechatPlatform));
    // A code found by another spelling displays the entry's code.
    let err = decode(-103, "oidb decode0x5e5 failed, ret:153").unwrap();
    assert!(err.to_string().starts_with(&format!("{} -103: ", Layer::Oidb)), "{err}");
    // An expansion with another display locale.
    use msdk_codes_tests::team_pay;
    let err = team_pay::MsdkError::decode(&Response::new(-1011, "")).unwrap();
    assert_eq!(err.to_string(), "MSDK逻辑层 -1011: 输入参数为空");
}

#[test]
fn unknown_errors_display_everything_the_server_said() {
    let err = decode_in(-10000, "100099, not in any table", Layer::ShareQq).unwrap();
    let shown = err.to_string();
    assert!(shown.starts_with("unknown code: ret -10000, code 100099 (not in `share_qq`) [QqPlatform: "), "{shown}");
    assert!(shown.ends_with("]: 100099, not in any table"), "{shown}");
    assert_eq!(decode(-99999, "").unwrap().to_string(), "unknown code: ret -99999 (not in `access`)");
    assert_eq!(
        decode(-99999, "new error").unwrap().to_string(),
        "unknown code: ret -99999 (not in `access`): new error"
    );
    let shown = decode(-15001, "oidb ret:99999999999999").unwrap().to_string();
    assert!(shown.starts_with("unknown code: ret -15001, code 99999999999999 (not in `oidb`) [Oidb: "), "{shown}");
}

// --- Subsets -------------------------------------------------------------------------------------

#[test]
fn codes_of_layers_not_selected_are_unknown() {
    use msdk_codes_tests::no_qq_platform::{LogicalError, MsdkError};
    let unknown = unknown_of(MsdkError::decode(&Response::new(-10000, "-73,the user modify password wrong")));
    // qq_platform is not in this expansion: no table was searched; the left-out layer knows -73.
    assert_eq!((unknown.platform_code(), unknown.layer()), (Some(-73), None));
    assert_eq!(unknown.known_in(), Some(KnownIn::LeftOut("qq_platform")));
    assert_eq!(
        unknown.to_string(),
        "unknown code: ret -10000, code -73 (`qq_platform` knows it: add `qq_platform` to `layers`) \
         [QqPlatform: -10000 and above belong to this service's error]: -73,the user modify password wrong"
    );
    assert_eq!(unknown.range().map(|range| range.name), Some("QqPlatform"));
    // Without oidb_pay_token, the documents' example falls back to the generic table, then to ret.
    assert_eq!(
        MsdkError::decode(&Response::new(-103, OIDB_EXAMPLE)),
        Some(MsdkError::Logical(LogicalError::InternalError103))
    );
    let unknown = unknown_of(MsdkError::decode(&Response::new(-15001, OIDB_EXAMPLE)));
    // oidb_pay_token is not selected; the generic oidb table was searched.
    assert_eq!((unknown.platform_code(), unknown.layer()), (Some(17), Some("oidb")));
    assert_eq!(unknown.known_in(), Some(KnownIn::LeftOut("oidb_pay_token")));

    fn unknown_of(err: Option<MsdkError>) -> UnknownCode {
        match err {
            Some(MsdkError::Unknown(unknown)) => unknown,
            other => panic!("expected an unknown code, got {other:?}"),
        }
    }
}

#[test]
fn a_wechat_only_expansion_decodes_wechat_codes() {
    use msdk_codes_tests::team_social::{Layer, MsdkError, WechatGroupError, WechatPlatformError};
    let decode = |ret, msg| MsdkError::decode(&Response::new(ret, msg));
    assert_eq!(
        decode(-20000, "40001,invalid credential"),
        Some(MsdkError::WechatPlatform(WechatPlatformError::CredentialInvalid))
    );
    assert_eq!(
        MsdkError::decode_in(&Response::new(-20000, "-10006,too many groups"), Layer::WechatGroup),
        Some(MsdkError::WechatGroup(WechatGroupError::CreateGroupLimitWeb))
    );
    // `layer()` names only a table this expansion has and searched.
    for (ret, msg, layer) in [(-10000, "-73,x", None), (-503, "", None), (-20000, "", Some("wechat_platform"))] {
        let Some(MsdkError::Unknown(unknown)) = decode(ret, msg) else { panic!("{ret} {msg:?} is not unknown") };
        assert_eq!((unknown.ret(), unknown.msg(), unknown.layer()), (ret, msg, layer));
        // No logical layer, no documented ranges.
        assert_eq!(unknown.range(), None);
    }
    assert!(MsdkError::ranges().is_empty());
}

#[test]
fn a_miss_names_the_layer_that_knows_the_code_in_every_composition() {
    // The whole catalog: a table of one API, which only `decode_in` searches.
    let body = br#"{"ret":-10000,"msg":"32, not friend"}"#;
    let unknown = as_unknown(MsdkError::from_json(body).unwrap());
    assert_eq!((unknown.layer(), unknown.known_in()), (Some("qq_platform"), Some(KnownIn::Via("share_qq"))));
    assert_eq!(
        unknown.to_string(),
        "unknown code: ret -10000, code 32 (not in `qq_platform`; `share_qq` knows it: decode with \
         `decode_in(.., Layer::ShareQq)`) [QqPlatform: -10000 and above belong to this service's error]: 32, not friend"
    );
    assert_eq!(
        MsdkError::from_json_in(body, Layer::ShareQq).unwrap(),
        Some(MsdkError::ShareQq(ShareQqError::TargetNotFriendOrNotFollowing))
    );

    // A subset, both macro forms: the layers it left out.
    let oidb = br#"{"ret":-103,"msg":"oidb decode0x73a failed, ret:17"}"#;
    let shown = "unknown code: ret -103, code 17 (not in `access`; `oidb_pay_token` knows it: add `oidb_pay_token` to \
                 `layers`): oidb decode0x73a failed, ret:17";
    let shared = "unknown code: ret -10000, code 32 (not in `qq_platform`; `share_qq` knows it: add `share_qq` to \
                  `layers`): 32, not friend";
    {
        use msdk_codes_tests::login::MsdkError;
        let Some(MsdkError::Unknown(unknown)) = MsdkError::from_json(oidb).unwrap() else { panic!("known") };
        assert_eq!(unknown.known_in(), Some(KnownIn::LeftOut("oidb_pay_token")));
        assert_eq!(unknown.known_in().map(KnownIn::layer), Some("oidb_pay_token"));
        assert_eq!(unknown.to_string(), shown);
        assert_eq!(MsdkError::from_json(body).unwrap().unwrap().to_string(), shared);
    }
    {
        use msdk_codes_tests::login_fn::MsdkError;
        assert_eq!(MsdkError::from_json(oidb).unwrap().unwrap().to_string(), shown);
        assert_eq!(MsdkError::from_json(body).unwrap().unwrap().to_string(), shared);
    }
    // Nobody knows it: nothing more to say.
    assert_eq!(as_unknown(decode(-10000, "100099, new")).known_in(), None);
}

// --- Response::from_json -------------------------------------------------------------------------

#[test]
fn from_json_is_lenient() {
    let parse = |body: &str| Response::from_json(body.as_bytes()).unwrap_or_else(|e| panic!("{body}: {e}"));
    assert_eq!(parse(r#"{"ret":-10000,"msg":"-73,x"}"#), Response::new(-10000, "-73,x"));
    // ret as a numeric string, with spaces or a sign.
    assert_eq!(parse(r#"{"ret":"-10000"}"#).ret, -10000);
    assert_eq!(parse(r#"{"ret":" -503 "}"#).ret, -503);
    assert_eq!(parse(r#"{"ret":"+1"}"#).ret, 1);
    // msg and err_type optional or null; err_type as a number or a string.
    assert_eq!(parse(r#"{"ret":0}"#), Response::new(0, ""));
    assert_eq!(parse(r#"{"ret":-1,"msg":null,"err_type":null}"#), Response::new(-1, ""));
    assert_eq!(parse(r#"{"ret":-1,"err_type":3}"#).err_type, Some(3));
    assert_eq!(parse(r#"{"ret":-1,"err_type":"2"}"#).err_type, Some(2));
    // Other fields of any shape are ignored, in any order; whitespace anywhere.
    let response = parse(
        "{\n  \"openid\": \"x\", \"list\": [1, {\"ret\": 5}], \"msg\": \"m\", \"ret\": -20000, \"extra\": null\n}\n",
    );
    assert_eq!(response, Response::new(-20000, "m"));
    // i32 bounds.
    assert_eq!(parse(r#"{"ret":-2147483648}"#).ret, i32::MIN);
    assert_eq!(parse(r#"{"ret":"2147483647"}"#).ret, i32::MAX);
    // Escapes and non-ASCII text in msg.
    assert_eq!(parse(r#"{"ret":-20000,"msg":"40001\uff0c\u65e0\u6548\t!"}"#).msg, "40001，无效\t!");
}

#[test]
fn from_json_says_what_is_wrong_and_where() {
    let error = |body: &str| Response::from_json(body.as_bytes()).expect_err(body);
    let shown = |body: &str| error(body).to_string();
    for (body, expected) in [
        (r#"{"msg":"x"}"#, "missing field `ret`"),
        (r#"{"ret":"abc"}"#, "integer code"),
        (r#"{"ret":"0x10"}"#, "integer code"),
        (r#"{"ret":1.5}"#, "integer code"),
        (r#"{"ret":null}"#, "integer code"),
        (r#"{"ret":true}"#, "integer code"),
        (r#"{"ret":2147483648}"#, "32-bit"),
        (r#"{"ret":"-2147483649"}"#, "32-bit"),
        (r#"{"ret":-1,"ret":-2}"#, "duplicate field `ret`"),
        (r#"{"ret":-1,"msg":"a","msg":"b"}"#, "duplicate field `msg`"),
        (r#"{"ret":-1,"msg":5}"#, "expected a string"),
        (r#"[-10000,"x"]"#, "MSDK response object"),
        (r#""ret""#, "MSDK response object"),
        ("", "the body is empty"),
        (r#"{"ret":0"#, "EOF"),
        (r#"{"ret":0} trailing"#, "trailing characters"),
    ] {
        let message = shown(body);
        assert!(message.starts_with("not an MSDK response: "), "{body}: {message}");
        assert!(message.contains(expected), "{body}: {message}");
    }
    let at = error("{\n  \"ret\": \"abc\"\n}");
    assert_eq!((at.line(), at.column()), (2, 14));
    assert!(std::error::Error::source(&at).is_some());
    assert!(!at.is_not_json());
}

#[test]
fn a_body_that_is_not_json_is_said_to_be_so_with_its_start() {
    let error = |body: &str| Response::from_json(body.as_bytes()).expect_err(body);
    let page = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>";
    let shown = error(page);
    assert!(shown.is_not_json());
    assert_eq!(
        shown.to_string(),
        r#"not an MSDK response: the body is not JSON; it starts with "<html><head><title>502 Bad Gateway</title></head><body><cent...""#
    );
    assert_eq!(
        error("\n nginx: upstream timed out").to_string(),
        r#"not an MSDK response: the body is not JSON; it starts with "nginx: upstream timed out""#
    );
    assert_eq!(error("  ").to_string(), "not an MSDK response: the body is empty");
}

#[test]
fn from_json_accepts_raw_control_characters_in_strings() {
    let parse = |body: &[u8]| Response::from_json(body).unwrap();
    assert_eq!(parse(b"{\"ret\":-1,\"msg\":\"a\tb\nc\rd\x01\"}").msg, "a\tb\nc\rd\x01");
    // Quotes and escapes around them are read as usual.
    assert_eq!(parse(b"{\"msg\":\"\\\"30\\\"\t\\\\\",\"ret\":\"-10000\"}").msg, "\"30\"\t\\");
    // Outside strings they are still errors.
    assert!(Response::from_json(b"{\"ret\":-1\x01}").is_err());
}

#[test]
fn from_json_error_positions_are_in_the_body_as_sent() {
    let at = |body: &[u8]| {
        let error = Response::from_json(body).unwrap_err();
        (error.line(), error.column())
    };
    // The trailing comma's position, with and without raw control characters before it.
    assert_eq!(at(b"{\"msg\":\"a\",\"ret\":-1,}"), (1, 21));
    assert_eq!(at(b"{\"msg\":\"a\tb\tc\",\"ret\":-1,}"), (1, 25));
    assert_eq!(at(b"{\"msg\":\"a\nb\nc\",\n\"ret\":-1,}"), (4, 10));
}

#[test]
fn from_json_never_invents_msg_text() {
    // Sent: a, backslash, raw tab, b. Either refuse it, or keep it as sent.
    let parsed = Response::from_json(b"{\"ret\":-1,\"msg\":\"a\\\tb\"}");
    assert!(parsed.as_ref().map_or(true, |response| response.msg == "a\\\tb"), "{parsed:?}");
}

#[test]
fn from_json_survives_deep_nesting_and_large_bodies() {
    // Deep nesting in an ignored field (and in err_type, which is dropped when unreadable) is
    // skipped without overflowing the stack; in msg, it is refused at once.
    let deep = |field: &str| format!(r#"{{"ret":-1,"{field}":{}{}}}"#, "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(Response::from_json(deep("x").as_bytes()).unwrap(), Response::new(-1, ""));
    assert!(Response::from_json(deep("msg").as_bytes()).is_err());
    assert_eq!(Response::from_json(deep("err_type").as_bytes()).unwrap(), Response::new(-1, ""));
    let unclosed = format!(r#"{{"ret":-1,"x":{}"#, "[{\"a\":".repeat(50_000));
    assert!(Response::from_json(unclosed.as_bytes()).is_err());
    // A megabyte of msg is kept whole.
    let msg = "x".repeat(1 << 20);
    let response = Response::from_json(format!(r#"{{"ret":-20000,"msg":"40999,{msg}"}}"#).as_bytes()).unwrap();
    assert_eq!(as_unknown(MsdkError::decode(&response)).description(), msg);
}

#[test]
fn from_json_then_decode() {
    let response =
        Response::from_json(br#"{"ret":-10000,"msg":"-73,the user modify password wrong","err_type":2}"#).unwrap();
    assert_eq!(MsdkError::decode(&response), Some(MsdkError::QqPlatform(QqPlatformError::AccessTokenPasswordChanged)));
    let response = Response::from_json(br#"{"ret":"0","msg":"ok"}"#).unwrap();
    assert_eq!(MsdkError::decode(&response), None);
}

#[test]
fn the_servers_err_type_wins_for_the_response_it_came_with() {
    let sent = Response::from_json(br#"{"ret":-503,"msg":"Frequency exceeds the limit","err_type":2}"#).unwrap();
    let err = MsdkError::decode(&sent).unwrap();
    assert_eq!(err.err_type(), ErrType::Network, "the action's (backoff)");
    assert_eq!(err.err_type_in(&sent), ErrType::Reauthorize, "the server's");
    let undocumented = Response { err_type: Some(4), ..sent.clone() };
    assert_eq!(err.err_type_in(&undocumented), ErrType::Network, "an undocumented value does not win");
    let absent = Response { err_type: None, ..sent };
    assert_eq!(err.err_type_in(&absent), ErrType::Network);
}

#[test]
fn a_code_that_a_table_of_another_channel_has_says_so() {
    // WeChat's 40001 comes as ret -20000 with 40001 leading msg; a top-level ret 40001 is not it.
    let unknown = as_unknown(decode(40001, "invalid credential"));
    assert_eq!(unknown.known_in(), Some(KnownIn::OtherChannel("wechat_platform", msdk_codes_core::Channel::Wechat)));
    assert_eq!(
        unknown.to_string(),
        "unknown code: ret 40001 (not in `access`; `wechat_platform` has this code leading `msg`, behind its \
         platform's `ret`, not as this response carries it): invalid credential"
    );
    // Where the layer is left out, the same.
    use msdk_codes_tests::no_qq_platform::MsdkError;
    let Some(MsdkError::Unknown(unknown)) = MsdkError::decode(&Response::new(-73, "")) else {
        panic!("a top-level -73 is no table's code")
    };
    assert_eq!(unknown.known_in().map(KnownIn::layer), Some("qq_platform"));
}
