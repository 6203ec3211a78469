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
    #[must_use]
    pub fn new(ret: i32, msg: impl Into<String>) -> Response {
        Response { ret, msg: msg.into(), err_type: None }
    }

    /// Parses a JSON body leniently: `ret` as a number or a numeric string, `msg` and
    /// `err_type` optional, other fields ignored, and raw control characters (such as the tab
    /// in the FAQ's /share/qq sample) accepted inside strings. Never panics, whatever the bytes.
    #[cfg(feature = "json")]
    pub fn from_json(body: &[u8]) -> Result<Response, DecodeError> {
        match ResponseParts::read(body) {
            Ok(parts) => Ok(parts.into()),
            Err(strict) => Response::from_json_again(body, &strict),
        }
    }

    /// Strict JSON forbids raw control characters in strings, but MSDK relays platform text
    /// that has them: only after a failure is the body copied with them escaped and read again.
    #[cfg(feature = "json")]
    #[cold]
    #[inline(never)]
    pub(crate) fn from_json_again(body: &[u8], strict: &serde_json::Error) -> Result<Response, DecodeError> {
        let Some(escaped) = escape_raw_control_characters(body).filter(|_| strict.is_syntax()) else {
            return Err(DecodeError::new(strict, body, body));
        };
        match ResponseParts::read(&escaped) {
            Ok(parts) => Ok(parts.into()),
            Err(error) => Err(DecodeError::new(&error, &escaped, body)),
        }
    }
}

/// A response read from a JSON body in place: `msg` borrows the body unless it holds an escape,
/// so reading a body allocates nothing and only an unknown code, which keeps `msg`, copies it.
#[cfg(feature = "json")]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResponseParts<'a> {
    pub(crate) ret: i32,
    pub(crate) msg: std::borrow::Cow<'a, str>,
    pub(crate) err_type: Option<i32>,
}

#[cfg(feature = "json")]
impl<'a> ResponseParts<'a> {
    /// serde_json's reading of `body` as sent, with the lenient rules of `Response::from_json`
    /// except the one for raw control characters in strings, which `from_json_again` applies.
    ///
    /// A body that is UTF-8 throughout (every body MSDK sends) is checked once, in one fast pass,
    /// and read as text, which spares serde_json checking each string on its own; any other body
    /// is read as bytes, which gives the same answer or error.
    #[inline]
    pub(crate) fn read(body: &'a [u8]) -> Result<ResponseParts<'a>, serde_json::Error> {
        match core::str::from_utf8(body) {
            Ok(text) => serde_json::from_str(text),
            Err(_) => serde_json::from_slice(body),
        }
    }
}

#[cfg(feature = "json")]
impl From<ResponseParts<'_>> for Response {
    #[inline]
    fn from(parts: ResponseParts<'_>) -> Response {
        Response { ret: parts.ret, msg: parts.msg.into_owned(), err_type: parts.err_type }
    }
}

/// A code written as a string (`ret` or `err_type`): `"-10000"`, spaces around it allowed.
#[cfg(feature = "json")]
fn code_in_text<T: core::str::FromStr>(text: &str) -> Option<T> {
    text.trim().parse().ok()
}

/// The body with each raw control character inside a string written as `\u00XX`; `None` when
/// there is none, or when one follows a backslash (an invalid escape, which stays an error rather
/// than becoming text the server never sent).
#[cfg(feature = "json")]
fn escape_raw_control_characters(body: &[u8]) -> Option<Vec<u8>> {
    let mut in_string = false;
    let mut after_backslash = false;
    let mut out: Option<Vec<u8>> = None;
    for (at, &byte) in body.iter().enumerate() {
        let raw_control = in_string && byte < 0x20;
        if raw_control && after_backslash {
            return None;
        }
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
        if byte == b'"' && !after_backslash {
            in_string = !in_string;
        }
        after_backslash = in_string && !after_backslash && byte == b'\\';
    }
    out
}

/// serde_json's 1-based (line, column) of byte `offset`: a newline starts a new line at column 0.
#[cfg(feature = "json")]
fn line_column(text: &[u8], offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let column = before.iter().rev().take_while(|&&b| b != b'\n').count();
    (line, column)
}

/// The byte offset of serde_json's (line, column) in `text`.
#[cfg(feature = "json")]
fn offset_of(text: &[u8], line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.iter().enumerate().filter(|(_, b)| **b == b'\n').nth(line - 2).map_or(text.len(), |(at, _)| at + 1)
    };
    (line_start + column).min(text.len())
}

/// The offset in `sent` of `offset` in `parsed`, which is `sent` with raw control characters in
/// strings widened to six-byte escapes.
#[cfg(feature = "json")]
fn offset_as_sent(parsed: &[u8], sent: &[u8], offset: usize) -> usize {
    if parsed.len() == sent.len() {
        return offset;
    }
    let mut in_parsed = 0;
    let mut in_string = false;
    let mut after_backslash = false;
    for (at, &byte) in sent.iter().enumerate() {
        let width = if in_string && byte < 0x20 { 6 } else { 1 };
        if in_parsed + width > offset {
            return at;
        }
        in_parsed += width;
        if byte == b'"' && !after_backslash {
            in_string = !in_string;
        }
        after_backslash = in_string && !after_backslash && byte == b'\\';
    }
    sent.len()
}

/// Why a body is not an MSDK response.
#[cfg(feature = "json")]
#[derive(Debug)]
pub struct DecodeError {
    source: serde_json::Error,
    line: usize,
    column: usize,
    /// When the body is not JSON at all (an HTML error page, a proxy's plain text): its start,
    /// which says more than the parser's first complaint.
    not_json: Option<String>,
}

/// How much of a body that is not JSON a `DecodeError` shows, in characters.
#[cfg(feature = "json")]
const SHOWN_START: usize = 60;

#[cfg(feature = "json")]
impl DecodeError {
    /// `error` came from parsing `parsed`; its position is reported in `sent`, the body as sent.
    fn new(error: &serde_json::Error, parsed: &[u8], sent: &[u8]) -> DecodeError {
        let (line, column) = if error.line() == 0 {
            (0, 0)
        } else {
            let offset = offset_as_sent(parsed, sent, offset_of(parsed, error.line(), error.column()));
            line_column(sent, offset)
        };
        let text = sent.trim_ascii_start();
        let not_json = (error.is_syntax() || error.is_eof()) && !text.starts_with(b"{") && !text.starts_with(b"[");
        let not_json = not_json.then(|| {
            let text = String::from_utf8_lossy(text);
            let mut start: String = text.chars().take(SHOWN_START).collect();
            if text.chars().nth(SHOWN_START).is_some() {
                start.push_str("...");
            }
            start
        });
        DecodeError { source: clone_error(error), line, column, not_json }
    }

    /// Whether the body is not JSON at all, such as an HTML error page from a proxy, rather than
    /// JSON that is not an MSDK response.
    pub fn is_not_json(&self) -> bool {
        self.not_json.is_some()
    }

    /// The 1-based line of the body where the problem is (0 when it is not about a position).
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column of the problem in that line, counted in bytes as serde_json does.
    pub fn column(&self) -> usize {
        self.column
    }

    /// Whether to call again after this body: [`Retry::outcome_unknown`](crate::Retry::outcome_unknown)
    /// for a call that is `call`, as for a call that got no answer. A body that is not an MSDK
    /// response (a proxy's HTML 502 page, a body cut short) is not MSDK's answer, so whether MSDK
    /// carried the call out is unknown: a read is called again, a payment is not (look its order
    /// up first). The same answer as [`CallError::retry`](crate::CallError::retry) for
    /// [`CallError::BadBody`](crate::CallError::BadBody).
    ///
    /// ```
    /// use msdk_codes_core::{Idempotence, Response};
    ///
    /// let proxy_page = b"<html><body><h1>502 Bad Gateway</h1></body></html>";
    /// let err = Response::from_json(proxy_page).unwrap_err();
    /// assert!(err.is_not_json());
    /// assert!(err.retry(Idempotence::Idempotent).is_retryable(), "a friends list is read again");
    /// let payment = err.retry(Idempotence::NotIdempotent);
    /// assert!(!payment.is_retryable() && payment.is_outcome_unknown(), "a payment is looked up first");
    /// ```
    pub fn retry(&self, call: crate::Idempotence) -> crate::Retry {
        crate::Retry::outcome_unknown(call)
    }
}

/// serde_json errors are not `Clone`; the message is what there is to keep.
#[cfg(feature = "json")]
fn clone_error(error: &serde_json::Error) -> serde_json::Error {
    <serde_json::Error as serde::de::Error>::custom(error_message(error))
}

/// serde_json's message without its " at line L column C" suffix.
#[cfg(feature = "json")]
fn error_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) if error.line() > 0 => text[..at].to_owned(),
        _ => text,
    }
}

#[cfg(feature = "json")]
impl core::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match &self.not_json {
            Some(start) if start.is_empty() => return f.write_str("not an MSDK response: the body is empty"),
            Some(start) => return write!(f, "not an MSDK response: the body is not JSON; it starts with {start:?}"),
            None => {}
        }
        write!(f, "not an MSDK response: {}", self.source)?;
        if self.line > 0 {
            write!(f, " at line {} column {}", self.line, self.column)?;
        }
        Ok(())
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
    use std::borrow::Cow;

    use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};

    use super::{Response, ResponseParts};

    impl<'de> serde::Deserialize<'de> for Response {
        #[inline]
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Response, D::Error> {
            ResponseParts::deserialize(deserializer).map(Response::from)
        }
    }

    impl<'de> serde::Deserialize<'de> for ResponseParts<'de> {
        #[inline]
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ResponseParts<'de>, D::Error> {
            deserializer.deserialize_map(PartsVisitor)
        }
    }

    struct PartsVisitor;

    impl<'de> Visitor<'de> for PartsVisitor {
        type Value = ResponseParts<'de>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(r#"an MSDK response object such as {"ret":0,"msg":"ok"}"#)
        }

        #[inline]
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ResponseParts<'de>, A::Error> {
            let mut ret = None;
            let mut msg = None;
            let mut err_type = None;
            while let Some(key) = map.next_key::<Key>()? {
                match key {
                    Key::Ret if ret.is_some() => return Err(de::Error::duplicate_field("ret")),
                    Key::Ret => ret = Some(map.next_value::<Integer>()?.0),
                    Key::Msg if msg.is_some() => return Err(de::Error::duplicate_field("msg")),
                    Key::Msg => msg = Some(map.next_value::<Text<'de>>()?.0),
                    Key::ErrType if err_type.is_some() => return Err(de::Error::duplicate_field("err_type")),
                    // err_type is advice, not the outcome: an unreadable one is dropped rather
                    // than losing the ret that came with it.
                    Key::ErrType => err_type = Some(map.next_value::<Lenient>()?.0),
                    Key::Other => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            let ret = ret.ok_or_else(|| de::Error::missing_field("ret"))?;
            Ok(ResponseParts { ret, msg: msg.unwrap_or(Cow::Borrowed("")), err_type: err_type.flatten() })
        }
    }

    enum Key {
        Ret,
        Msg,
        ErrType,
        Other,
    }

    impl<'de> serde::Deserialize<'de> for Key {
        #[inline]
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Key, D::Error> {
            struct KeyVisitor;
            impl Visitor<'_> for KeyVisitor {
                type Value = Key;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a field name")
                }
                #[inline]
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

    /// A string, or `null` for the empty one: borrowed from the body when it has no escape.
    struct Text<'a>(Cow<'a, str>);

    impl<'de> serde::Deserialize<'de> for Text<'de> {
        #[inline]
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text<'de>, D::Error> {
            deserializer.deserialize_any(TextVisitor)
        }
    }

    struct TextVisitor;

    impl<'de> Visitor<'de> for TextVisitor {
        type Value = Text<'de>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string or null")
        }
        #[inline]
        fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Text<'de>, E> {
            Ok(Text(Cow::Borrowed(text)))
        }
        #[inline]
        fn visit_str<E: de::Error>(self, text: &str) -> Result<Text<'de>, E> {
            Ok(Text(Cow::Owned(text.to_owned())))
        }
        #[inline]
        fn visit_string<E: de::Error>(self, text: String) -> Result<Text<'de>, E> {
            Ok(Text(Cow::Owned(text)))
        }
        #[inline]
        fn visit_unit<E: de::Error>(self) -> Result<Text<'de>, E> {
            Ok(Text(Cow::Borrowed("")))
        }
    }

    /// Any JSON value: an `i32` when it is one (as a number or a numeric string), else `None`.
    struct Lenient(Option<i32>);

    impl<'de> serde::Deserialize<'de> for Lenient {
        #[inline]
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Lenient, D::Error> {
            deserializer.deserialize_any(LenientVisitor)
        }
    }

    struct LenientVisitor;

    impl<'de> Visitor<'de> for LenientVisitor {
        type Value = Lenient;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("any value")
        }
        #[inline]
        fn visit_i64<E: de::Error>(self, value: i64) -> Result<Lenient, E> {
            Ok(Lenient(i32::try_from(value).ok()))
        }
        #[inline]
        fn visit_u64<E: de::Error>(self, value: u64) -> Result<Lenient, E> {
            Ok(Lenient(i32::try_from(value).ok()))
        }
        #[inline]
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Lenient, E> {
            Ok(Lenient(None))
        }
        #[inline]
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Lenient, E> {
            Ok(Lenient(None))
        }
        #[inline]
        fn visit_str<E: de::Error>(self, value: &str) -> Result<Lenient, E> {
            Ok(Lenient(super::code_in_text(value)))
        }
        #[inline]
        fn visit_unit<E: de::Error>(self) -> Result<Lenient, E> {
            Ok(Lenient(None))
        }
        #[inline]
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Lenient, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(Lenient(None))
        }
        #[inline]
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Lenient, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(Lenient(None))
        }
    }

    /// An `i32` written as a JSON number or a numeric string (`-10000` or `"-10000"`).
    struct Integer(i32);

    impl<'de> serde::Deserialize<'de> for Integer {
        #[inline]
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Integer, D::Error> {
            deserializer.deserialize_any(IntegerVisitor)
        }
    }

    struct IntegerVisitor;

    impl IntegerVisitor {
        #[inline]
        fn fit<E: de::Error>(value: i128, unexpected: de::Unexpected<'_>) -> Result<Integer, E> {
            i32::try_from(value).map(Integer).map_err(|_| E::invalid_value(unexpected, &"a 32-bit integer code"))
        }
    }

    impl Visitor<'_> for IntegerVisitor {
        type Value = Integer;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an integer code, as a number or a numeric string")
        }

        #[inline]
        fn visit_i64<E: de::Error>(self, value: i64) -> Result<Integer, E> {
            Self::fit(i128::from(value), de::Unexpected::Signed(value))
        }

        #[inline]
        fn visit_u64<E: de::Error>(self, value: u64) -> Result<Integer, E> {
            Self::fit(i128::from(value), de::Unexpected::Unsigned(value))
        }

        #[inline]
        fn visit_str<E: de::Error>(self, value: &str) -> Result<Integer, E> {
            let parsed =
                super::code_in_text::<i64>(value).ok_or_else(|| E::invalid_value(de::Unexpected::Str(value), &self))?;
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
        for odd in ["\"\"", "99999999999", "1.5", "true", "[1]", "{\"a\":1}"] {
            let body = format!("{{\"ret\":-303,\"err_type\":{odd}}}");
            let r = Response::from_json(body.as_bytes()).unwrap();
            assert_eq!((r.ret, r.err_type), (-303, None), "err_type {odd}");
        }
        let r = Response::from_json(b"{\"msg\":\"30,x: \t30,error \\\"30\\\"\",\"ret\":-10000}").unwrap();
        assert_eq!(r.msg, "30,x: \t30,error \"30\"", "a raw tab inside a string is kept");
    }

    #[test]
    fn msg_is_borrowed_from_the_body_unless_it_has_an_escape() {
        use std::borrow::Cow;
        fn msg(body: &[u8]) -> Cow<'_, str> {
            ResponseParts::read(body).unwrap().msg
        }
        assert!(matches!(
            msg(br#"{"ret":-1,"msg":"40001,invalid credential"}"#),
            Cow::Borrowed("40001,invalid credential")
        ));
        assert!(matches!(msg(br#"{"ret":-1,"msg":"\u4e2d"}"#), Cow::Owned(text) if text == "\u{4e2d}"));
        assert!(matches!(msg(br#"{"ret":-1}"#), Cow::Borrowed("")));
    }

    #[test]
    fn deserializes_with_serde_from_any_source() {
        let expected = Response { err_type: Some(2), ..Response::new(-10000, "100030, is_friend \"is\" 0") };
        let text = r#"{"msg": "100030, is_friend \"is\" 0", "ret": "-10000", "err_type": 2, "x": [1]}"#;
        // A reader lends nothing, a `Value` hands strings over, a slice lends what has no escape.
        let from_reader: Response = serde_json::from_reader(text.as_bytes()).unwrap();
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let from_value: Response = serde_json::from_value(value).unwrap();
        let from_slice: Response = serde_json::from_slice(br#"{"ret":-1,"msg":null,"err_type":"x"}"#).unwrap();
        assert_eq!((from_reader, from_value), (expected.clone(), expected));
        assert_eq!(from_slice, Response::new(-1, ""));
        let error = serde_json::from_str::<Response>(r#"{"ret":1,"msg":2}"#).unwrap_err().to_string();
        assert!(error.contains("expected a string or null"), "{error}");
    }

    #[test]
    fn says_what_is_wrong() {
        let message = |body: &[u8]| Response::from_json(body).unwrap_err().to_string();
        assert!(message(br#"{"msg":"x"}"#).contains("missing field `ret`"));
        assert!(message(br#"{"ret":"abc"}"#).contains("integer code"));
        assert!(message(br#"{"ret":99999999999}"#).contains("32-bit"));
        assert!(message(br#"[1,2]"#).contains("MSDK response object"));
        assert_eq!(message(b""), "not an MSDK response: the body is empty");
        assert!(message(b"<html>").contains("the body is not JSON; it starts with \"<html>\""));
        assert!(message(br#"{"ret":1.5}"#).contains("integer code"));
    }
}
