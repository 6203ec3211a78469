//! Feeds arbitrary bytes to `Response::from_json` (which must read every body that serde_json
//! reads into a plain struct, and read it the same way) and to `MsdkError::from_json` (which must
//! answer as `Response::from_json` then `MsdkError::from_response` do), and, whether or not they
//! parse, decodes a response through every layer of the bundled catalog, checking what decoding
//! promises.
#![no_main]

use libfuzzer_sys::fuzz_target;
use msdk_codes_core::{Locale, Response};

msdk_codes_core::msdk_errors!();

// The oracle the property tests share: serde_json's strict reading of the three fields.
#[path = "../../../tests/oracles/plain_serde.rs"]
mod oracle;
use oracle::plain_serde;

fuzz_target!(|data: &[u8]| {
    let parsed = Response::from_json(data);
    if let Some(expected) = plain_serde(data) {
        assert_eq!(parsed.as_ref().ok(), Some(&expected), "from_json reads a plain body otherwise than serde_json");
    }
    let two_steps = parsed.as_ref().map(|response| MsdkError::from_response(response.clone()));
    assert_eq!(
        MsdkError::from_json(data).map_err(|error| error.to_string()),
        two_steps.map_err(|error| error.to_string()),
        "MsdkError::from_json answers otherwise than its two steps"
    );
    match parsed {
        Ok(response) => decode_everywhere(&response),
        Err(error) => {
            let _ = (error.to_string(), error.line(), error.column());
        }
    }
    // Most inputs are not JSON: also read them as 4 bytes of ret and a msg, so that decoding
    // sees every shape of msg the fuzzer comes up with.
    if let Some((ret, msg)) = data.split_first_chunk::<4>() {
        let err_type = msg.first().map(|&byte| i32::from(byte) - 2);
        let response =
            Response { ret: i32::from_le_bytes(*ret), msg: String::from_utf8_lossy(msg).into_owned(), err_type };
        decode_everywhere(&response);
        decode_everywhere(&Response { ret: [-10000, -20000, -15001, -103][usize::from(ret[0] & 3)], ..response });
    }
});

fn decode_everywhere(response: &Response) {
    check(response, MsdkError::decode(response));
    for &layer in Layer::ALL {
        check(response, MsdkError::decode_in(response, layer));
    }
}

/// An unknown code that names a layer to decode through is known through it; the whole catalog
/// leaves no layer out.
fn check_known_in(response: &Response, unknown: &msdk_codes_core::UnknownCode) {
    match unknown.known_in() {
        None => {}
        Some(msdk_codes_core::KnownIn::Via(id)) => {
            let layer = Layer::from_id(id).expect("a layer of the expansion");
            let through = MsdkError::decode_in(response, layer);
            assert!(through.is_some_and(|err| err.layer().is_some()), "known in {id}, but not through it");
        }
        Some(other) => panic!("the whole catalog left {other:?} out"),
    }
}

fn check(response: &Response, decoded: Option<MsdkError>) {
    let Some(err) = decoded else {
        assert_eq!(response.ret, 0, "only ret 0 is success");
        return;
    };
    assert_ne!(response.ret, 0, "ret 0 is success");
    let _ = (err.to_string(), err.code(), err.name(), err.action(), err.err_type(), err.advice(Locale::Zh));
    match &err {
        MsdkError::Unknown(unknown) => {
            assert_eq!(unknown.ret(), response.ret);
            assert_eq!(unknown.msg(), response.msg);
            assert_eq!(unknown.err_type_sent(), response.err_type);
            assert!(response.msg.contains(unknown.description()));
            check_known_in(response, unknown);
        }
        known => {
            let layer = known.layer().expect("a known code has a layer");
            assert_eq!(MsdkError::from_code(layer, known.code()).as_ref(), Some(known));
        }
    }
}
