//! The response bodies the benchmarks and the allocation tests decode.

/// Real response bodies, as the MSDK documents and FAQ quote them (spacing kept), one per route
/// that `MsdkError::decode` takes.
pub const BODIES: &[(&str, &str)] = &[
    ("success", r#"{"ret":0,"msg":"success"}"#),
    ("access", r#"{"ret":-503,"msg":"Frequency exceeds the limit","err_type":1}"#),
    ("qq_platform", r#"{"ret":-10000,"msg":"-73,the user modify password wrong"}"#),
    // The FAQ's /share/qq body with a platform code no table has (100031): decoded as `Unknown`.
    ("qq_unknown", r#"{"msg": "100031, is_friend is 0", "ret": -10000}"#),
    ("wechat", r#"{"ret":-20000,"msg":"40001,invalid credential"}"#),
    ("oidb", r#"{"ret":-103,"msg":"oidb decode0x73a failed, ret:17"}"#),
    ("unknown", r#"{"ret":-12345,"msg":"something new","err_type":5}"#),
];
