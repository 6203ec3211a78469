//! Properties of decoding, over arbitrary input: `Response::from_json` never panics; `decode` and
//! `decode_in` never panic, give `None` exactly for ret 0, keep an unknown response whole, find a
//! known code only where the response's channel puts it, pick the entry the server's words mark,
//! and an unknown code that names a layer to pass as `via` is known through it.

use msdk_codes_core::{Channel, KnownIn, Response};
use msdk_codes_tests::full::{Layer, MsdkError};
use proptest::prelude::*;

#[path = "../oracles/plain_serde.rs"]
mod oracle;
use oracle::plain_serde;

// --- An oracle for where codes are, written independently of route.rs ----------------------------

/// The integer that leads `msg` and is followed by a comma (ASCII or full-width) or nothing.
fn leading_code(msg: &str) -> Option<i64> {
    let text = msg.trim_start();
    let sign = usize::from(text.starts_with(['-', '+']));
    let end = sign + text[sign..].find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len() - sign);
    let code = text[..end].parse().ok()?;
    let rest = text[end..].trim_start();
    (rest.is_empty() || rest.starts_with([',', '，'])).then_some(code)
}

/// The N of the last `ret:N` (any case) in `msg`.
fn last_ret_code(msg: &str) -> Option<i64> {
    let at = msg.to_ascii_lowercase().rfind("ret:")?;
    let text = msg[at + 4..].trim_start();
    let sign = usize::from(text.starts_with(['-', '+']));
    let end = sign + text[sign..].find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len() - sign);
    text[..end].parse().ok()
}

fn found_with(err: &MsdkError, code: Option<i64>) -> bool {
    let layer = err.layer().expect("a known code has a layer");
    code.and_then(|code| i32::try_from(code).ok()).and_then(|code| MsdkError::from_code(layer, code)).as_ref()
        == Some(err)
}

/// An entry with `msg_contains`: its layer, codes and texts.
type Marked = (Layer, Vec<i32>, Vec<String>);

/// The entries of the bundled catalog with `msg_contains`. All are of the QQ or WeChat channel,
/// whose code leads `msg`.
fn marked() -> &'static [Marked] {
    static MARKED: std::sync::OnceLock<Vec<Marked>> = std::sync::OnceLock::new();
    MARKED.get_or_init(|| {
        let catalog = msdk_codes_catalog::bundled::catalog();
        let marked: Vec<_> = catalog
            .layers
            .iter()
            .flat_map(|layer| layer.entries.iter().map(move |entry| (layer, entry)))
            .filter(|(_, entry)| !entry.msg_contains.is_empty())
            .map(|(layer, entry)| (Layer::from_id(&layer.id).unwrap(), entry.codes.clone(), entry.msg_contains.clone()))
            .collect();
        assert!(!marked.is_empty(), "the FAQ's heart sample is marked");
        assert!(marked.iter().all(|(layer, ..)| matches!(layer.channel(), Channel::Qq | Channel::Wechat)));
        marked
    })
}

/// The marked entry a pass-through response picks, by the oracle: its ret is the layer's
/// channel's, its leading code is the entry's (whatever words follow) and it holds a text.
fn picked(ret: i32, msg: &str) -> Option<MsdkError> {
    let code = leading_code(msg).and_then(|code| i32::try_from(code).ok())?;
    marked().iter().find_map(|(layer, codes, texts)| {
        let channel_ret = if layer.channel() == Channel::Qq { -10000 } else { -20000 };
        let chosen =
            ret == channel_ret && codes.contains(&code) && texts.iter().any(|text| msg.contains(text.as_str()));
        chosen.then(|| MsdkError::from_code(*layer, code)).flatten()
    })
}

/// Checks one decoding of `response` (through `via`, if any) against the rules.
fn check(response: &Response, via: Option<Layer>) -> Result<(), TestCaseError> {
    let decoded = match via {
        Some(via) => MsdkError::decode_in(response, via),
        None => MsdkError::decode(response),
    };
    let taken = match via {
        Some(via) => MsdkError::from_response_in(response.clone(), via),
        None => MsdkError::from_response(response.clone()),
    };
    prop_assert_eq!(&taken, &decoded, "from_response decodes as decode does");
    let Some(err) = decoded else {
        prop_assert_eq!(response.ret, 0, "only ret 0 decodes as success");
        return Ok(());
    };
    prop_assert_ne!(response.ret, 0);
    let (ret, msg) = (response.ret, response.msg.as_str());
    if let Some(picked) = picked(ret, msg) {
        prop_assert_eq!(&err, &picked, "the entry msg_contains marks wins, via {:?}", via);
    }
    match &err {
        MsdkError::Unknown(unknown) => {
            prop_assert_eq!(unknown.ret(), ret);
            prop_assert_eq!(unknown.msg(), msg);
            prop_assert_eq!(unknown.err_type_sent(), response.err_type);
            prop_assert_eq!(err.message(msdk_codes_core::Locale::En), msg);
            if let Some(code) = unknown.platform_code() {
                prop_assert!(Some(code) == leading_code(msg) || Some(code) == last_ret_code(msg), "{code} not in msg");
            }
            let expected_code = unknown.platform_code().and_then(|code| i32::try_from(code).ok()).unwrap_or(ret);
            prop_assert_eq!(unknown.code(), expected_code);
            let (shown, prefix) = (err.to_string(), format!("unknown code: ret {ret}"));
            prop_assert!(shown.starts_with(&prefix), "{}", shown);
            // The whole catalog leaves nothing out; a layer it names as `via` knows the code.
            match unknown.known_in() {
                None => {}
                Some(KnownIn::Via(id)) => {
                    let layer = Layer::from_id(id).expect("a layer of the expansion");
                    prop_assert!(Some(layer) != via, "{id} was the via");
                    let through = MsdkError::decode_in(response, layer);
                    prop_assert!(
                        through.as_ref().is_some_and(|err| err.layer().is_some()),
                        "known in {}, but decode_in gives {:?}",
                        id,
                        through
                    );
                }
                // The code is another channel's: that layer has it, not on this route.
                Some(KnownIn::OtherChannel(id, channel)) => {
                    let layer = Layer::from_id(id).expect("a layer of the expansion");
                    prop_assert_eq!(layer.channel(), channel);
                    let codes = [Some(i64::from(ret)), unknown.platform_code()];
                    prop_assert!(
                        codes
                            .into_iter()
                            .flatten()
                            .any(|code| i32::try_from(code)
                                .is_ok_and(|code| MsdkError::from_code(layer, code).is_some())),
                        "{} has none of {:?}",
                        id,
                        codes
                    );
                }
                Some(other) => prop_assert!(false, "the whole catalog left {other:?} out"),
            }
        }
        known => {
            let layer = known.layer().expect("a known code has a layer");
            match layer.channel() {
                Channel::Ret => prop_assert!(found_with(known, Some(i64::from(ret))), "{known:?} is not ret {ret}"),
                Channel::Qq => {
                    prop_assert_eq!(ret, -10000);
                    prop_assert!(found_with(known, leading_code(msg)), "{:?} does not lead {:?}", known, msg);
                }
                Channel::Wechat => {
                    prop_assert_eq!(ret, -20000);
                    prop_assert!(found_with(known, leading_code(msg)), "{:?} does not lead {:?}", known, msg);
                }
                Channel::Oidb => {
                    prop_assert!(found_with(known, last_ret_code(msg)), "{:?} not ret:N of {:?}", known, msg)
                }
                other => prop_assert!(false, "no rule for the channel {other}"),
            }
            // A table is searched only when it is the default for its channel or the `via`, or
            // the server's words picked one of its entries.
            let defaults = [
                Layer::Access,
                Layer::Logical,
                Layer::QqPlatform,
                Layer::WechatPlatform,
                Layer::Oidb,
                Layer::OidbPayToken,
                Layer::OidbAccessToken,
            ];
            prop_assert!(
                defaults.contains(&layer) || Some(layer) == via || picked(ret, msg).as_ref() == Some(known),
                "{layer:?} searched via {via:?}"
            );
            // Through a platform API's own table, the platform's general table answers only for
            // codes the API's table does not have (unless the server's words picked it).
            let msg_code = leading_code(msg).and_then(|code| i32::try_from(code).ok());
            for (channel, general) in [(Channel::Qq, Layer::QqPlatform), (Channel::Wechat, Layer::WechatPlatform)] {
                if let (Some(via), Some(code)) = (via.filter(|v| v.channel() == channel && *v != general), msg_code)
                    && layer == general
                    && picked(ret, msg).is_none()
                {
                    prop_assert!(
                        MsdkError::from_code(via, code).is_none(),
                        "{:?} knows {} but {:?} answered",
                        via,
                        code,
                        general
                    );
                }
            }
            let (shown, prefix) = (err.to_string(), format!("{} {}: ", layer, known.code()));
            prop_assert!(shown.starts_with(&prefix), "{}", shown);
        }
    }
    Ok(())
}

// --- Strategies -----------------------------------------------------------------------------------

fn rets() -> impl Strategy<Value = i32> {
    prop_oneof![
        3 => Just(-10000),
        3 => Just(-20000),
        2 => -19999..=-15000,
        1 => Just(0),
        2 => -4000..=10,
        2 => any::<i32>(),
        1 => prop::sample::select(vec![i32::MIN, i32::MAX, -14999, -15000, -19999, -20001, -9999, 1]),
    ]
}

/// Every code of the bundled catalog (all spellings of entries with several), so that generated
/// responses hit known codes of every layer, not only unknown ones.
fn catalog_codes() -> Vec<i64> {
    static CODES: std::sync::OnceLock<Vec<i64>> = std::sync::OnceLock::new();
    CODES.get_or_init(load_catalog_codes).clone()
}

fn load_catalog_codes() -> Vec<i64> {
    let catalog = msdk_codes_catalog::bundled::from_toml().unwrap_or_else(|problems| panic!("{problems:#?}"));
    let mut codes: Vec<i64> = catalog
        .layers
        .iter()
        .flat_map(|layer| &layer.entries)
        .flat_map(|entry| &entry.codes)
        .map(|&code| i64::from(code))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// Integers as they may appear in msg: codes of the catalog, small ones, near the i32 and i64
/// limits, and far beyond.
fn integers() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(catalog_codes()).prop_map(|n| n.to_string()),
        4 => (-300i64..300).prop_map(|n| n.to_string()),
        2 => prop::sample::select(vec![-73i64, 100015, 100030, 100030, 40001, 30, 32, 103, 17, 0x41, 153, 221005, -10006])
            .prop_map(|n| n.to_string()),
        2 => any::<i32>().prop_map(|n| n.to_string()),
        2 => any::<i64>().prop_map(|n| n.to_string()),
        1 => prop::sample::select(vec![
            i64::from(i32::MAX) + 1,
            i64::from(i32::MIN) - 1,
            i64::MAX,
            i64::MIN,
        ])
        .prop_map(|n| n.to_string()),
        1 => "[-+]?[0-9]{19,40}",
        1 => "[-+]?0[0-9]{0,5}",
    ]
}

fn texts() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z ,:.\\[\\]_-]{0,30}",
        1 => " hint: \\[[a-zA-Z0-9]{0,12}\\]( rid: [0-9a-f-]{0,12})?",
        1 => ".{0,20}",
        1 => "(oidb|OIDB|0x73a|0x711|ret:|RET:|rid: |hint: \\[|，|,| |is_friend is 0){0,6}",
    ]
}

fn msgs() -> impl Strategy<Value = String> {
    let separators = prop::sample::select(vec![",", "，", " , ", " ", ""]);
    prop_oneof![
        3 => (integers(), separators.clone(), texts()).prop_map(|(n, sep, text)| format!("{n}{sep}{text}")),
        2 => integers().prop_map(|n| format!("ret:{n}")),
        2 => (prop::sample::select(vec!["0x73a", "0x711", "0x5e5", ""]), integers())
            .prop_map(|(command, n)| format!("oidb {command} ret:{n}")),
        2 => (integers(), prop::sample::select(vec!["0x73a", "0X711", "0x5e5"]), integers())
            .prop_map(|(outer, command, n)| format!("ret:{outer} msg:oidb decode{command} failed, ret:{n}")),
        1 => (texts(), integers(), texts()).prop_map(|(a, n, b)| format!("{a}ret:{n}{b}")),
        2 => texts(),
        1 => any::<String>(),
    ]
}

fn responses() -> impl Strategy<Value = Response> {
    let codes = || prop::sample::select(catalog_codes());
    // Responses as servers send them: a pass-through ret with a platform code leading msg, an
    // OIDB failure, a catalog code as ret; and anything else.
    let pass_through = (prop::sample::select(vec![-10000, -20000]), codes(), texts())
        .prop_map(|(ret, code, text)| (ret, format!("{code},{text}")));
    let oidb =
        (prop_oneof![-19999..=-15000, Just(-103)], prop::sample::select(vec!["0x73a", "0x711", "0x5e5"]), codes())
            .prop_map(|(ret, command, code)| (ret, format!("ret:{ret} msg:oidb decode{command} failed, ret:{code}")));
    let plain = (codes().prop_filter_map("fits i32", |code| i32::try_from(code).ok()), texts());
    let ret_and_msg = prop_oneof![2 => pass_through, 1 => oidb, 1 => plain, 4 => (rets(), msgs())];
    (ret_and_msg, prop::option::of(prop_oneof![0..=6, any::<i32>()])).prop_map(|((ret, msg), err_type)| Response {
        ret,
        msg,
        err_type,
    })
}

/// Bodies shaped like MSDK responses, with fields and values that are almost right.
fn json_bodies() -> impl Strategy<Value = Vec<u8>> {
    let value = prop_oneof![
        integers(),
        integers().prop_map(|n| format!("\"{n}\"")),
        Just("null".to_owned()),
        Just("1.5".to_owned()),
        Just("[1,{}]".to_owned()),
        ".{0,12}".prop_map(|s| format!("{s:?}")),
        msgs().prop_map(|s| format!("{s:?}")),
    ];
    let field = (prop::sample::select(vec!["ret", "msg", "err_type", "other", "RET", ""]), value);
    prop::collection::vec(field, 0..5).prop_flat_map(|fields| {
        let body = format!(
            "{{{}}}",
            fields.iter().map(|(key, value)| format!("\"{key}\":{value}")).collect::<Vec<_>>().join(",")
        );
        // Sometimes cut the body short or damage one byte.
        let len = body.len();
        (Just(body.into_bytes()), 0..=len, any::<u8>(), 0..4).prop_map(|(mut bytes, at, byte, mode)| {
            match mode {
                2 if at < bytes.len() => bytes[at] = byte,
                3 => bytes.truncate(at),
                _ => {}
            }
            bytes
        })
    })
}

/// Bodies made of the pieces that matter to a JSON reader: the three fields and others, every
/// kind of value and number, escapes, raw control characters, odd whitespace, and broken syntax.
fn hostile_bodies() -> impl Strategy<Value = Vec<u8>> {
    let key = prop_oneof![
        3 => Just("\"ret\""),
        2 => Just("\"msg\""),
        2 => Just("\"err_type\""),
        2 => Just("\"other\""),
        1 => Just("\"\""),
        1 => Just("\"r\\u0065t\""),
        1 => Just("ret"),
    ];
    let odd_value = prop_oneof![
        Just("-0"),
        Just("0"),
        Just("01"),
        Just("1.5"),
        Just("-2e3"),
        Just("1e400"),
        Just("1."),
        Just("-"),
        Just("999999999999999999"),
        Just("-9999999999999999999"),
        Just("18446744073709551616"),
        Just("true"),
        Just("fals"),
        Just("null"),
        Just("[1,{\"a\":2}]"),
        Just("{}"),
        Just("\" -73 ,x\""),
        Just("\"-10000\""),
        Just("\"2147483648\""),
        Just("\"a\\\"b\""),
        Just("\"tab\there\""),
        Just("\"\\u4e2d\""),
        Just("\"中文，한국어\""),
    ];
    let value = prop_oneof![
        3 => (-3_000_000_000i64..3_000_000_000).prop_map(|n| n.to_string()),
        3 => "[ -~]{0,12}".prop_map(|text| format!("\"{}\"", text.replace(['"', '\\'], ""))),
        1 => odd_value.prop_map(str::to_owned),
    ];
    let space =
        prop_oneof![6 => Just(""), 2 => Just(" "), 2 => Just("\n\t\r "), 1 => Just("\u{a0}"), 1 => Just("\u{c}")];
    let colon = prop_oneof![9 => Just(":"), 1 => Just("")];
    let hostile = (space.clone(), key, space.clone(), colon, space.clone(), value.clone());
    let plain_space = prop_oneof![Just(""), Just(" "), Just("\r\n")];
    let plain_key = prop_oneof![Just("\"msg\""), Just("\"err_type\""), Just("\"other\"")];
    let clean = (plain_space.clone(), plain_key, plain_space.clone(), Just(":"), plain_space.clone(), value);
    let member = prop_oneof![3 => clean, 1 => hostile];
    let comma = prop_oneof![8 => Just(","), 2 => Just(" , "), 1 => Just(";")];
    let ending = prop_oneof![8 => Just("}"), 1 => Just(",}"), 1 => Just(""), 1 => Just("} x"), 1 => Just("}}"), 1 => Just("} \n")];
    // Most bodies get one well-formed `ret` among the other members, so that both readers
    // have something to agree on.
    let ret = prop_oneof![
        4 => (-3_000_000_000i64..3_000_000_000).prop_map(|n| format!("\"ret\":{n}")),
        1 => Just(String::new()),
    ];
    let members = prop::collection::vec(member, 0..3);
    (space, members.clone(), ret, members, comma, ending).prop_map(|(lead, before, ret, after, comma, ending)| {
        let text = |(a, k, b, colon, c, v): (&str, &str, &str, &str, &str, String)| format!("{a}{k}{b}{colon}{c}{v}");
        let members: Vec<String> = before
            .into_iter()
            .map(text)
            .chain((!ret.is_empty()).then_some(ret))
            .chain(after.into_iter().map(text))
            .collect();
        format!("{lead}{{{}{ending}", members.join(comma)).into_bytes()
    })
}

// --- Properties -----------------------------------------------------------------------------------

// Case counts: the whole file runs in about 2 s in a debug build on one core.
proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn from_json_never_panics_on_bytes(body in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = Response::from_json(&body);
        check_from_json(&body)?;
    }

    #[test]
    fn decoding_follows_the_rules(response in responses()) {
        check(&response, None)?;
        for &via in Layer::ALL {
            check(&response, Some(via))?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn from_json_never_panics_on_almost_responses(body in json_bodies()) {
        if let Ok(response) = Response::from_json(&body) {
            // Whatever parses decodes, by every layer.
            check(&response, None)?;
            for &via in Layer::ALL {
                check(&response, Some(via))?;
            }
        }
    }

    /// `MsdkError::from_json` reads most bodies in place; its answers and errors are those of
    /// `Response::from_json` then `from_response`, by every layer.
    #[test]
    fn from_json_decodes_as_the_two_steps_do(body in json_bodies()) {
        check_from_json(&body)?;
    }

    #[test]
    fn json_round_trip_keeps_the_response(response in responses()) {
        let mut body = format!("{{\"msg\":{},\"ret\":{}", serde_json_string(&response.msg), response.ret);
        if let Some(err_type) = response.err_type {
            body.push_str(&format!(",\"err_type\":\"{err_type}\""));
        }
        body.push('}');
        prop_assert_eq!(Response::from_json(body.as_bytes()).map_err(|e| e.to_string()), Ok(response));
    }

    /// Raw control characters inside strings (which MSDK relays from platforms) are kept, in any
    /// mix with quotes and backslashes, in msg and in ignored fields.
    #[test]
    fn raw_control_characters_in_strings_are_kept(
        msg in "([\\x00-\\x1f\"\\\\]|[a-z0-9 ,:]){0,24}",
        other in "([\\x00-\\x1f\"\\\\]|[a-z]){0,8}",
        ret in rets(),
    ) {
        let body = format!("{{\"x\":{},\"msg\":{},\"ret\":{ret}}}", json_string(&other, false), json_string(&msg, false));
        let parsed = Response::from_json(body.as_bytes()).map_err(|e| e.to_string());
        prop_assert_eq!(parsed, Ok(Response::new(ret, msg)), "{:?}", body);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn from_json_reads_what_plain_serde_reads(body in hostile_bodies()) {
        agrees_with_plain_serde(&body)?;
        check_from_json(&body)?;
    }

    #[test]
    fn from_json_reads_what_plain_serde_reads_in_bytes(body in prop::collection::vec(any::<u8>(), 0..40)) {
        agrees_with_plain_serde(&body)?;
    }
}

/// The property above is only as good as the bodies it sees: many of them must be read by plain
/// serde_json, and some more only by the lenient rules.
#[test]
fn hostile_bodies_reach_both_readers() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = hostile_bodies();
    let bodies: Vec<Vec<u8>> = (0..2_000).map(|_| strategy.new_tree(&mut runner).expect("a body").current()).collect();
    let plain = bodies.iter().filter(|body| plain_serde(body).is_some()).count();
    let lenient = bodies.iter().filter(|body| Response::from_json(body).is_ok()).count();
    assert!(plain >= 150, "only {plain} of 2000 generated bodies are read by plain serde_json");
    assert!(lenient > plain, "the lenient reading ({lenient}) reads more than plain serde_json ({plain})");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// A platform code in msg is never dropped: the result is its table's entry or an unknown
    /// code that keeps msg, never the logical layer's "see msg" entry for the pass-through ret.
    #[test]
        fn a_leading_platform_code_is_never_dropped(
        ret in prop::sample::select(vec![-10000, -20000]),
        digits in "[-+]?[1-9][0-9]{0,39}",
        text in texts(),
    ) {
        let msg = format!("{digits},{text}");
        let err = MsdkError::decode(&Response::new(ret, msg.clone())).unwrap();
        prop_assert_ne!(err.layer(), Some(Layer::Logical), "{:?} dropped the code of {:?}", err, msg);
    }
}

/// Whenever serde_json reads `body` into the plain struct, `Response::from_json` reads it to the
/// same response (it reads more bodies than that: numeric strings, an odd `err_type`, raw control
/// characters).
fn agrees_with_plain_serde(body: &[u8]) -> Result<(), TestCaseError> {
    let Some(expected) = plain_serde(body) else {
        return Ok(());
    };
    let read = Response::from_json(body).map_err(|error| error.to_string());
    prop_assert_eq!(read, Ok(expected), "{:?}", String::from_utf8_lossy(body));
    Ok(())
}

/// `MsdkError::from_json(_in)` against `Response::from_json` then `from_response(_in)`.
fn check_from_json(body: &[u8]) -> Result<(), TestCaseError> {
    let two_steps = |via: Option<Layer>| {
        Response::from_json(body)
            .map(|response| match via {
                None => MsdkError::from_response(response),
                Some(via) => MsdkError::from_response_in(response, via),
            })
            .map_err(|error| error.to_string())
    };
    prop_assert_eq!(MsdkError::from_json(body).map_err(|error| error.to_string()), two_steps(None));
    for &via in Layer::ALL {
        prop_assert_eq!(MsdkError::from_json_in(body, via).map_err(|error| error.to_string()), two_steps(Some(via)));
    }
    Ok(())
}

/// `text` as a JSON string literal: only `"`, `\` and control characters need escapes.
fn serde_json_string(text: &str) -> String {
    json_string(text, true)
}

/// `text` as a JSON string literal, with control characters escaped or left raw.
fn json_string(text: &str, escape_controls: bool) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if escape_controls && u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[test]
fn the_oracle_reads_codes_like_the_documents() {
    assert_eq!(leading_code("-73,the user modify password wrong"), Some(-73));
    assert_eq!(leading_code(" 40001 ，invalid"), Some(40001));
    assert_eq!(leading_code("12abc,"), None);
    assert_eq!(last_ret_code("ret:-103 msg:oidb decode0x73a failed, ret:17"), Some(17));
    assert_eq!(last_ret_code("RET: 5"), Some(5));
    assert_eq!(last_ret_code("ret:x"), None);
}
