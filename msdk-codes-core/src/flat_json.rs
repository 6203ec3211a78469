//! The fast path of `Response::from_json`: MSDK bodies are almost always a flat object of a few
//! numbers and plain strings, `{"ret":-10000,"msg":"-73,the user modify password wrong"}`, which
//! one pass over the bytes reads faster than serde's visitors (benches/README.md, "Run time").
//!
//! The rule that keeps it safe: it accepts a body only when serde_json would read it to the same
//! `Response`, and answers `None` for anything else (escapes, raw control characters, nested
//! values, fractions, duplicate fields, every kind of error), which `from_json` then hands to
//! serde_json. Differential tests and the fuzz target hold the two paths to the same answers.

use crate::Response;

/// The response in `body` when it is a flat object that serde_json would read the same way.
#[inline]
pub(crate) fn read(body: &[u8]) -> Option<Response> {
    read_in_place(body).map(|parts| Response { ret: parts.ret, msg: parts.msg.to_owned(), err_type: parts.err_type })
}

/// A response read in place: `msg` borrows the body, since it holds no escape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResponseParts<'a> {
    ret: i32,
    msg: &'a str,
    err_type: Option<i32>,
}

impl crate::route::Source for ResponseParts<'_> {
    #[inline]
    fn ret(&self) -> i32 {
        self.ret
    }
    #[inline]
    fn msg(&self) -> &str {
        self.msg
    }
    fn into_kept(self) -> (String, Option<i32>) {
        (self.msg.to_owned(), self.err_type)
    }
}

/// `read`, borrowing `msg` from the body.
#[inline]
pub(crate) fn read_in_place(body: &[u8]) -> Option<ResponseParts<'_>> {
    // Whether invalid UTF-8 is an error depends on where it is: serde's to decide.
    let text = core::str::from_utf8(body).ok()?;
    let mut reader = Reader { text, body, at: 0 };
    let mut ret = None;
    let mut msg: Option<Option<&str>> = None;
    let mut err_type: Option<Option<i32>> = None;
    reader.skip_whitespace();
    reader.expect(b'{')?;
    // An empty object has no `ret`: serde's error to report, like every other.
    loop {
        reader.skip_whitespace();
        let key = reader.plain_string()?;
        reader.skip_whitespace();
        reader.expect(b':')?;
        reader.skip_whitespace();
        let value = reader.value()?;
        match key {
            // A field twice is serde's error to report.
            "ret" if ret.is_some() => return None,
            "ret" => ret = Some(value.ret()?),
            "msg" if msg.is_some() => return None,
            "msg" => msg = Some(value.msg()?),
            "err_type" if err_type.is_some() => return None,
            "err_type" => err_type = Some(value.err_type()?),
            _ => {}
        }
        reader.skip_whitespace();
        match reader.next()? {
            b',' => {}
            b'}' => break,
            _ => return None,
        }
    }
    reader.skip_whitespace();
    if reader.at != body.len() {
        return None;
    }
    Some(ResponseParts { ret: ret?, msg: msg.flatten().unwrap_or_default(), err_type: err_type.flatten() })
}

/// A JSON value the fast path reads whole.
enum Value<'a> {
    /// A string with no escape and no control character.
    Text(&'a str),
    /// An integer of at most 18 digits, written without fraction or exponent, and not `-0`
    /// (which serde_json reads as a float).
    Integer(i64),
    /// Any other number: serde_json reads it as a float (or rejects it as out of range).
    Float,
    Bool,
    Null,
}

impl<'a> Value<'a> {
    /// `ret` as `IntegerVisitor` reads it; `None` where serde reports an error.
    fn ret(&self) -> Option<i32> {
        match self {
            Value::Integer(value) => i32::try_from(*value).ok(),
            Value::Text(text) => crate::response::code_in_text::<i64>(text).and_then(|code| i32::try_from(code).ok()),
            Value::Float | Value::Bool | Value::Null => None,
        }
    }

    /// `msg` as `TextVisitor` reads it (`Some(None)` for `null`); `None` where serde reports an
    /// error.
    fn msg(&self) -> Option<Option<&'a str>> {
        match self {
            Value::Text(text) => Some(Some(*text)),
            Value::Null => Some(None),
            Value::Integer(_) | Value::Float | Value::Bool => None,
        }
    }

    /// `err_type` as `LenientVisitor` reads it. Floats are left to serde, which rejects some
    /// (`1e400`) as out of range.
    fn err_type(&self) -> Option<Option<i32>> {
        match self {
            Value::Integer(value) => Some(i32::try_from(*value).ok()),
            Value::Text(text) => Some(crate::response::code_in_text(text)),
            Value::Bool | Value::Null => Some(None),
            Value::Float => None,
        }
    }
}

struct Reader<'a> {
    text: &'a str,
    /// `text` as bytes.
    body: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.body.get(self.at).copied()
    }

    #[inline]
    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.at += 1;
        Some(byte)
    }

    #[inline]
    fn expect(&mut self, wanted: u8) -> Option<()> {
        (self.next()? == wanted).then_some(())
    }

    /// JSON's whitespace, exactly: space, tab, newline and carriage return.
    #[inline]
    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    #[inline]
    fn value(&mut self) -> Option<Value<'a>> {
        match self.peek()? {
            b'"' => self.plain_string().map(Value::Text),
            b'-' | b'0'..=b'9' => self.number(),
            b't' => self.literal(b"true", Value::Bool),
            b'f' => self.literal(b"false", Value::Bool),
            b'n' => self.literal(b"null", Value::Null),
            _ => None,
        }
    }

    fn literal(&mut self, word: &[u8], value: Value<'a>) -> Option<Value<'a>> {
        let end = self.at + word.len();
        (self.body.get(self.at..end)? == word).then(|| {
            self.at = end;
            value
        })
    }

    /// A string without escapes or control characters.
    #[inline]
    fn plain_string(&mut self) -> Option<&'a str> {
        self.expect(b'"')?;
        let start = self.at;
        self.at += plain_prefix(&self.body[start..]);
        let end = self.at;
        self.expect(b'"')?;
        self.text.get(start..end)
    }

    /// A number by JSON's grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    #[inline]
    fn number(&mut self) -> Option<Value<'a>> {
        let negative = self.peek() == Some(b'-');
        self.at += usize::from(negative);
        let digits_start = self.at;
        let mut magnitude: i64 = 0;
        match self.next()? {
            b'0' => {}
            first @ b'1'..=b'9' => {
                magnitude = i64::from(first - b'0');
                while let Some(digit @ b'0'..=b'9') = self.peek() {
                    // Wraps only past 18 digits, which are not kept below.
                    magnitude = magnitude.wrapping_mul(10).wrapping_add(i64::from(digit - b'0'));
                    self.at += 1;
                }
            }
            _ => return None,
        }
        let digit_count = self.at - digits_start;
        let mut integer = true;
        if self.peek() == Some(b'.') {
            self.at += 1;
            self.expect_digits()?;
            integer = false;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            self.expect_digits()?;
            integer = false;
        }
        if !integer || (negative && magnitude == 0) {
            return Some(Value::Float);
        }
        // At most 18 digits always fit an i64 with either sign; longer ones go to serde.
        if digit_count > 18 {
            return None;
        }
        Some(Value::Integer(if negative { -magnitude } else { magnitude }))
    }

    #[inline]
    fn skip_digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
    }

    fn expect_digits(&mut self) -> Option<()> {
        let start = self.at;
        self.skip_digits();
        (self.at > start).then_some(())
    }
}

/// The length of the longest prefix of `bytes` without `"`, `\\` or control characters, found
/// eight bytes at a time.
#[inline]
fn plain_prefix(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // The high bit of each byte that is zero (exact for the first such byte, which is all
    // that is used).
    let zero_bytes = |word: u64| word.wrapping_sub(ONES) & !word & HIGH;
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let special = zero_bytes(word ^ (ONES * u64::from(b'"')))
            | zero_bytes(word ^ (ONES * u64::from(b'\\')))
            | (word.wrapping_sub(ONES * 0x20) & !word & HIGH);
        if special != 0 {
            break;
        }
        at += 8;
    }
    at + bytes[at..].iter().position(|&byte| byte == b'"' || byte == b'\\' || byte < 0x20).unwrap_or(bytes.len() - at)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;

    use super::read;
    use crate::Response;

    /// The fast path's answer must be serde's, whenever it gives one.
    fn agrees(body: &[u8]) -> Result<(), TestCaseError> {
        if let Some(fast) = read(body) {
            let by_serde = Response::from_json_by_serde(body);
            prop_assert!(
                matches!(&by_serde, Ok(response) if *response == fast),
                "fast path {fast:?}, serde {by_serde:?}, body {:?}",
                String::from_utf8_lossy(body)
            );
        }
        Ok(())
    }

    #[test]
    fn reads_the_usual_bodies() {
        let read_as = |body: &str| read(body.as_bytes());
        assert_eq!(
            read_as(r#"{"ret":-10000,"msg":"-73,the user modify password wrong"}"#),
            Some(Response::new(-10000, "-73,the user modify password wrong"))
        );
        assert_eq!(
            read_as(
                " {\"msg\": \"100030, is_friend is 0\",\r\n \"ret\": \"-10000\", \"err_type\": 2, \"x\": 1.5e3} \n"
            ),
            Some(Response { err_type: Some(2), ..Response::new(-10000, "100030, is_friend is 0") })
        );
        assert_eq!(read_as(r#"{"ret":0}"#), Some(Response::new(0, "")));
        assert_eq!(read_as(r#"{"ret":-1,"msg":null,"err_type":"5"}"#).and_then(|r| r.err_type), Some(5));
        assert_eq!(read_as(r#"{"ret":-1,"err_type":true,"a":false,"b":null,"c":""}"#), Some(Response::new(-1, "")));
        assert_eq!(read_as(r#"{"ret":1,"msg":"无效的 credential"}"#), Some(Response::new(1, "无效的 credential")));
        assert_eq!(read_as(r#"{"ret":-303,"err_type":99999999999}"#).map(|r| r.err_type), Some(None));
    }

    #[test]
    fn leaves_everything_else_to_serde() {
        for body in [
            r#"{"ret":-10000,"msg":"30,error \"30\""}"#,
            "{\"ret\":-10000,\"msg\":\"30,x: \t30\"}",
            r#"{"ret":-1,"x":[1]}"#,
            r#"{"ret":-1,"x":{}}"#,
            r#"{"ret":-1,"ret":-2}"#,
            r#"{"ret":-1,}"#,
            r#"{"ret":-0}"#,
            r#"{"ret":1.0}"#,
            r#"{"ret":01}"#,
            r#"{"ret":99999999999}"#,
            r#"{"ret":-1,"err_type":1e400}"#,
            r#"{"ret":-1,"x":1234567890123456789}"#,
            r#"{"ret":"abc"}"#,
            r#"{"msg":"x"}"#,
            r#"{"ret":-1} x"#,
            r#"{"ret":-1"#,
            r#"{"ret" -1}"#,
            r#"{"r\u0065t":-1}"#,
            r#"[1]"#,
            "{}",
            "",
            "\u{feff}{\"ret\":1}",
        ] {
            assert_eq!(read(body.as_bytes()), None, "{body}");
        }
        assert_eq!(read(b"{\"ret\":1,\"msg\":\"\xff\"}"), None, "invalid UTF-8");
    }

    /// Bodies made of the pieces that matter to either reader: the three fields and others,
    /// every kind of value and number, escapes, raw control characters, odd whitespace, and
    /// broken syntax.
    fn body() -> impl Strategy<Value = Vec<u8>> {
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
            let text =
                |(a, k, b, colon, c, v): (&str, &str, &str, &str, &str, String)| format!("{a}{k}{b}{colon}{c}{v}");
            let members: Vec<String> = before
                .into_iter()
                .map(text)
                .chain((!ret.is_empty()).then_some(ret))
                .chain(after.into_iter().map(text))
                .collect();
            format!("{lead}{{{}{ending}", members.join(comma)).into_bytes()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn agrees_with_serde_on_generated_bodies(body in body()) {
            agrees(&body)?;
        }

        #[test]
        fn agrees_with_serde_on_arbitrary_bytes(body in prop::collection::vec(any::<u8>(), 0..40)) {
            agrees(&body)?;
        }
    }

    #[test]
    fn the_generator_reaches_the_fast_path() {
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let strategy = body();
        let bodies: Vec<Vec<u8>> =
            (0..2_000).map(|_| strategy.new_tree(&mut runner).expect("a body").current()).collect();
        let fast = bodies.iter().filter(|body| read(body).is_some()).count();
        let serde = bodies.iter().filter(|body| Response::from_json_by_serde(body).is_ok()).count();
        assert!(fast >= 200, "only {fast} of 2000 generated bodies took the fast path");
        assert!(serde > fast, "serde reads more ({serde}) than the fast path ({fast})");
    }
}
