//! The MSDK response body: `{"ret":-10000,"msg":"-73,the user modify password wrong"}`.

/// The parts of an MSDK response body that carry its outcome.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Response {
    /// 0 on success, else an error code (see `MsdkError::decode`).
    pub ret: i32,
    /// The server's description; for pass-through errors it starts with the platform code.
    pub msg: String,
    /// The access layer's classification, when the server sent one (0, 1, 2, 3 or 5).
    pub err_type: Option<i32>,
}

impl Response {
    /// A response with this `ret` and `msg`, and no `err_type`.
    pub fn new(ret: i32, msg: impl Into<String>) -> Response {
        Response { ret, msg: msg.into(), err_type: None }
    }

    /// Parses a JSON body leniently: `ret` as a number or a numeric string, `msg` and
    /// `err_type` optional, other fields ignored, and raw control characters (such as the tab
    /// in the FAQ's /share/qq sample) accepted inside strings. Never panics, whatever the bytes.
    #[cfg(feature = "json")]
    pub fn from_json(body: &[u8]) -> Result<Response, DecodeError> {
        serde_json::from_slice(body).or_else(|source| {
            // Strict JSON forbids raw control characters in strings, but MSDK relays platform
            // text that has them; only on that failure is the body copied with them escaped.
            match escape_raw_control_characters(body) {
                Some(escaped) if source.is_syntax() => {
                    serde_json::from_slice(&escaped).map_err(|source| DecodeError { source })
                }
                _ => Err(DecodeError { source }),
            }
        })
    }
}

/// The body with each raw control character inside a string written as `\u00XX`; `None` when
/// there is none.
#[cfg(feature = "json")]
fn escape_raw_control_characters(body: &[u8]) -> Option<Vec<u8>> {
    let mut in_string = false;
    let mut escaped = false;
    let mut out: Option<Vec<u8>> = None;
    for (at, &byte) in body.iter().enumerate() {
        let raw_control = in_string && byte < 0x20;
        if raw_control && out.is_none() {
            out = Some(body[..at].to_vec());
        }
        if let Some(out) = out.as_mut() {
            if raw_control {
                out.extend_from_slice(format!("\\u{byte:04x}").as_bytes());
            } else {
                out.push(byte);
            }
        }
        if in_string && !escaped && byte == b'"' {
            in_string = false;
        } else if !in_string && byte == b'"' {
            in_string = true;
        }
        escaped = in_string && !escaped && byte == b'\\';
    }
    out
}

/// Why a body is not an MSDK response.
#[cfg(feature = "json")]
#[derive(Debug)]
pub struct DecodeError {
    source: serde_json::Error,
}

#[cfg(feature = "json")]
impl DecodeError {
    /// The 1-based line of the body where the problem is (0 when it is not about a position).
    pub fn line(&self) -> usize {
        self.source.line()
    }

    /// The 1-based column of the problem.
    pub fn column(&self) -> usize {
        self.source.column()
    }
}

#[cfg(feature = "json")]
impl core::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "not an MSDK response: {}", self.source)
    }
}

#[cfg(feature = "json")]
impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

#[cfg(feature = "json")]
mod json {
    use core::fmt;

    use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};

    use super::Response;

    impl<'de> serde::Deserialize<'de> for Response {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Response, D::Error> {
            deserializer.deserialize_map(ResponseVisitor)
        }
    }

    struct ResponseVisitor;

    impl<'de> Visitor<'de> for ResponseVisitor {
        type Value = Response;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(r#"an MSDK response object such as {"ret":0,"msg":"ok"}"#)
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Response, A::Error> {
            let mut ret = None;
            let mut msg = None;
            let mut err_type = None;
            while let Some(key) = map.next_key::<Key>()? {
                match key {
                    Key::Ret if ret.is_some() => return Err(de::Error::duplicate_field("ret")),
                    Key::Ret => ret = Some(map.next_value::<Integer>()?.0),
                    Key::Msg if msg.is_some() => return Err(de::Error::duplicate_field("msg")),
                    Key::Msg => msg = Some(map.next_value::<Option<String>>()?.unwrap_or_default()),
                    Key::ErrType if err_type.is_some() => return Err(de::Error::duplicate_field("err_type")),
                    Key::ErrType => err_type = Some(map.next_value::<Option<Integer>>()?.map(|i| i.0)),
                    Key::Other => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            let ret = ret.ok_or_else(|| de::Error::missing_field("ret"))?;
            Ok(Response { ret, msg: msg.unwrap_or_default(), err_type: err_type.flatten() })
        }
    }

    enum Key {
        Ret,
        Msg,
        ErrType,
        Other,
    }

    impl<'de> serde::Deserialize<'de> for Key {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Key, D::Error> {
            struct KeyVisitor;
            impl Visitor<'_> for KeyVisitor {
                type Value = Key;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a field name")
                }
                fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
                    Ok(match key {
                        "ret" => Key::Ret,
                        "msg" => Key::Msg,
                        "err_type" => Key::ErrType,
                        _ => Key::Other,
                    })
                }
            }
            deserializer.deserialize_identifier(KeyVisitor)
        }
    }

    /// An `i32` written as a JSON number or a numeric string (`-10000` or `"-10000"`).
    struct Integer(i32);

    impl<'de> serde::Deserialize<'de> for Integer {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Integer, D::Error> {
            deserializer.deserialize_any(IntegerVisitor)
        }
    }

    struct IntegerVisitor;

    impl IntegerVisitor {
        fn fit<E: de::Error>(value: i128, unexpected: de::Unexpected<'_>) -> Result<Integer, E> {
            i32::try_from(value).map(Integer).map_err(|_| E::invalid_value(unexpected, &"a 32-bit integer code"))
        }
    }

    impl Visitor<'_> for IntegerVisitor {
        type Value = Integer;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an integer code, as a number or a numeric string")
        }

        fn visit_i64<E: de::Error>(self, value: i64) -> Result<Integer, E> {
            Self::fit(i128::from(value), de::Unexpected::Signed(value))
        }

        fn visit_u64<E: de::Error>(self, value: u64) -> Result<Integer, E> {
            Self::fit(i128::from(value), de::Unexpected::Unsigned(value))
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<Integer, E> {
            let parsed: i64 = value.trim().parse().map_err(|_| E::invalid_value(de::Unexpected::Str(value), &self))?;
            Self::fit(i128::from(parsed), de::Unexpected::Str(value))
        }
    }
}

#[cfg(all(test, feature = "json"))]
mod tests {
    use super::*;

    #[test]
    fn parses_leniently() {
        let r = Response::from_json(br#"{"ret":-10000,"msg":"-73,the user modify password wrong"}"#).unwrap();
        assert_eq!(r, Response::new(-10000, "-73,the user modify password wrong"));
        let r = Response::from_json(br#"{"msg": "100030, is_friend is 0", "ret": "-10000", "err_type": 2, "x": [1]}"#)
            .unwrap();
        assert_eq!((r.ret, r.err_type), (-10000, Some(2)));
        let r = Response::from_json(br#"{"ret":0}"#).unwrap();
        assert_eq!(r, Response::new(0, ""));
        let r = Response::from_json(br#"{"ret":-1,"msg":null,"err_type":"5"}"#).unwrap();
        assert_eq!(r.err_type, Some(5));
        let r = Response::from_json(b"{\"msg\":\"30,x: \t30,error \\\"30\\\"\",\"ret\":-10000}").unwrap();
        assert_eq!(r.msg, "30,x: \t30,error \"30\"", "a raw tab inside a string is kept");
    }

    #[test]
    fn says_what_is_wrong() {
        let message = |body: &[u8]| Response::from_json(body).unwrap_err().to_string();
        assert!(message(br#"{"msg":"x"}"#).contains("missing field `ret`"));
        assert!(message(br#"{"ret":"abc"}"#).contains("integer code"));
        assert!(message(br#"{"ret":99999999999}"#).contains("32-bit"));
        assert!(message(br#"[1,2]"#).contains("MSDK response object"));
        assert!(message(b"").contains("EOF"));
        assert!(message(br#"{"ret":1.5}"#).contains("integer code"));
    }
}
