//! The oracle of `Response::from_json`: what a team would read with serde_json alone, the three
//! fields of an object, read strictly. `Response::from_json` must read every body this reads, and
//! read it the same way. Shared by the property tests (`tests/tests/decode_props.rs`) and the
//! fuzz target (`msdk-codes-core/fuzz`), which include this file.

use msdk_codes_core::Response;

#[derive(serde::Deserialize)]
struct PlainResponse {
    ret: i32,
    msg: Option<String>,
    err_type: Option<i32>,
}

/// serde_json's reading of `body` into the plain struct, as a `Response`, when `body` is an object
/// (a derived struct also reads an array of its fields, which is no MSDK response).
pub fn plain_serde(body: &[u8]) -> Option<Response> {
    let first = body.iter().find(|byte| !matches!(byte, b' ' | b'\t' | b'\n' | b'\r'));
    if first != Some(&b'{') {
        return None;
    }
    let plain: PlainResponse = serde_json::from_slice(body).ok()?;
    Some(Response { ret: plain.ret, msg: plain.msg.unwrap_or_default(), err_type: plain.err_type })
}
