//! Where a response's code lives, by the rules of the MSDK documents (001 overview, section 9,
//! and the FAQ): which tables to search, with which code, most specific first.

use crate::{Channel, CodeRange, Response, Table, UnknownCode};

const QQ_PASS_THROUGH: i32 = -10000;
const WECHAT_PASS_THROUGH: i32 = -20000;
const OIDB_RETS: core::ops::RangeInclusive<i32> = -19999..=-15000;

/// The lookups to try for one response, in order; the first table that knows its code wins.
#[derive(Clone, Copy, Debug)]
pub struct Route {
    ret: i32,
    /// The code written in `msg`, when there is one that fits an `i64`.
    platform_code: Option<i64>,
    /// The tables of the attempts, `len` of them.
    tables: [Table; 4],
    /// Bit i set: attempt i looks up `platform_code`, else `ret`. (Kept this small, the route
    /// is built and read in registers and a few bytes of stack.)
    in_msg: u8,
    len: u8,
    first_table: Option<Table>,
}

/// Which of a response's codes an attempt looks up.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Searched {
    Ret,
    /// The code written in `msg`.
    Msg,
}

impl Route {
    /// `None` when `ret` is 0 (success). `via` is the channel of the layer whose table holds the
    /// platform codes of the API that was called (`decode_in`).
    #[inline(always)]
    pub fn new(ret: i32, msg: &str, via: Option<Channel>) -> Option<Route> {
        if ret == 0 {
            return None;
        }
        let mut route =
            Route { ret, platform_code: None, tables: [Table::Via; 4], in_msg: 0, len: 0, first_table: None };
        let via_on = |channel: Channel| (via == Some(channel)).then_some(Table::Via);

        let oidb_ret = OIDB_RETS.contains(&ret);
        if oidb_ret || OIDB.starts(msg.as_bytes()).next().is_some() {
            let written = last_ret_code(msg);
            if written.is_some() || oidb_ret {
                let code = written.flatten();
                let specific = if PAY_TOKEN_COMMAND.starts(msg.as_bytes()).next().is_some() {
                    Some(Table::OidbPayToken)
                } else if ACCESS_TOKEN_COMMAND.starts(msg.as_bytes()).next().is_some() {
                    Some(Table::OidbAccessToken)
                } else {
                    via_on(Channel::Oidb)
                };
                route.platform_code = code;
                route.first_table = Some(specific.unwrap_or(Table::Oidb));
                if code.is_some() {
                    if let Some(table) = specific {
                        route.push(table, Searched::Msg);
                    }
                    route.push(Table::Oidb, Searched::Msg);
                }
                // The outer ret may itself be a known code (the documents' example carries
                // "ret:-103 ... ret:17"): it is the less specific answer, unless the inner code
                // was too large to read, which makes the whole response an unknown code.
                if written != Some(None) {
                    route.push(Table::Access, Searched::Ret);
                    route.push(Table::Logical, Searched::Ret);
                }
                return Some(route);
            }
        }

        let platform = match ret {
            QQ_PASS_THROUGH => Some((Channel::Qq, Table::QqPlatform)),
            WECHAT_PASS_THROUGH => Some((Channel::Wechat, Table::WechatPlatform)),
            _ => None,
        };
        if let Some((channel, general)) = platform {
            let table = via_on(channel).unwrap_or(general);
            let written = leading_code(msg);
            route.platform_code = written.flatten();
            route.first_table = Some(table);
            match written {
                // The API's own table first, then the platform's general one (token errors
                // reach every API of a platform).
                Some(Some(_)) => {
                    route.push(table, Searched::Msg);
                    route.push(general, Searched::Msg);
                }
                // Too large to be any table's code: unknown, with msg kept.
                Some(None) => {}
                // No code in msg: all there is to say is the logical layer's "see msg".
                None => route.push(Table::Logical, Searched::Ret),
            }
            return Some(route);
        }

        if let Some(table) = via_on(Channel::Ret) {
            route.push(table, Searched::Ret);
        }
        route.push(Table::Access, Searched::Ret);
        route.push(Table::Logical, Searched::Ret);
        route.first_table = Some(route.tables[0]);
        Some(route)
    }

    #[inline]
    fn push(&mut self, table: Table, code: Searched) {
        let bit = u8::from(code == Searched::Msg);
        let len = usize::from(self.len);
        let already = (0..len).any(|i| self.tables[i] == table && (self.in_msg >> i) & 1 == bit);
        if !already && len < self.tables.len() {
            self.tables[len] = table;
            self.in_msg |= bit << len;
            self.len += 1;
        }
    }

    /// The (table, code) lookups, most specific first.
    #[inline]
    pub fn attempts(&self) -> impl Iterator<Item = (Table, i64)> + '_ {
        (0..usize::from(self.len)).map(|i| {
            let code = match (self.in_msg >> i) & 1 {
                1 => self.platform_code.unwrap_or_default(),
                _ => i64::from(self.ret),
            };
            (self.tables[i], code)
        })
    }

    /// The unknown code for a response none of the attempts found: keeps `ret`, the code from
    /// `msg`, the first table searched that the expansion has (`layer_id` gives its id, or
    /// `None` when it is not selected), the documented range of `ret`, `msg` and `err_type`.
    pub fn unknown(
        &self,
        response: impl Source,
        ranges: &'static [CodeRange],
        layer_id: impl Fn(Table) -> Option<&'static str>,
    ) -> UnknownCode {
        let ret = response.ret();
        let range = ranges.iter().find(|range| range.contains(ret));
        let layer = self.first_table.into_iter().chain(self.attempts().map(|(table, _)| table)).find_map(layer_id);
        let (msg, err_type) = response.into_kept();
        UnknownCode::new(ret, self.platform_code, layer, range, msg, err_type)
    }
}

/// A response to decode: a `Response`, borrowed or owned, or the parts of a JSON body read in
/// place. Only an unknown code needs `msg` as a `String`, so only it pays for one.
pub trait Source {
    fn ret(&self) -> i32;
    fn msg(&self) -> &str;
    /// The `msg` and `err_type` an unknown code keeps.
    fn into_kept(self) -> (String, Option<i32>);
}

impl Source for &Response {
    #[inline]
    fn ret(&self) -> i32 {
        self.ret
    }
    #[inline]
    fn msg(&self) -> &str {
        &self.msg
    }
    fn into_kept(self) -> (String, Option<i32>) {
        (self.msg.clone(), self.err_type)
    }
}

impl Source for Response {
    #[inline]
    fn ret(&self) -> i32 {
        self.ret
    }
    #[inline]
    fn msg(&self) -> &str {
        &self.msg
    }
    fn into_kept(self) -> (String, Option<i32>) {
        (self.msg, self.err_type)
    }
}

/// A code written in `msg`: `None` when there is none, `Some(None)` when there is one too large
/// for an `i64` (an unknown code, never a wrapped one).
pub type CodeInMsg = Option<Option<i64>>;

/// The integer that starts `msg` ("-73,the user modify password wrong"): spaces allowed around
/// it, ended by an ASCII or full-width comma or the end.
#[inline]
pub fn leading_code(msg: &str) -> CodeInMsg {
    let (code, rest) = integer_prefix(trim_start(msg))?;
    let rest = trim_start(rest);
    (rest.is_empty() || rest.starts_with(',') || rest.starts_with('，')).then_some(code)
}

/// The N of the last `ret:N` in `msg`.
pub fn last_ret_code(msg: &str) -> CodeInMsg {
    let at = RET.starts(msg.as_bytes()).last()?;
    integer_prefix(trim_start(&msg[at + 4..])).map(|(code, _)| code)
}

/// The description part of a pass-through `msg`: after the leading code and comma, without
/// WeChat's `hint: [...]` and `rid: ...` suffixes.
pub fn description(msg: &str) -> &str {
    let mut text = msg.trim();
    if leading_code(text).is_some() {
        text = match text.find([',', '，']) {
            Some(at) => &text[at + text[at..].chars().next().map_or(1, char::len_utf8)..],
            None => "",
        };
    }
    for marker in ["hint: [", "rid: "] {
        if let Some(at) = find_word(text, marker) {
            text = &text[..at];
        }
    }
    text.trim().trim_end_matches([',', '，', ';']).trim_end()
}

/// An optionally signed decimal integer at the start of `text` (`None` inside: it overflows
/// `i64`), and the text after it.
#[inline]
fn integer_prefix(text: &str) -> Option<(Option<i64>, &str)> {
    let bytes = text.as_bytes();
    let (negative, start) = match bytes.first() {
        Some(b'-') => (true, 1),
        Some(b'+') => (false, 1),
        _ => (false, 0),
    };
    let mut end = start;
    let mut magnitude = 0i64;
    while let Some(digit @ b'0'..=b'9') = bytes.get(end).copied() {
        // Wraps only past 18 digits, which are read again below.
        magnitude = magnitude.wrapping_mul(10).wrapping_add(i64::from(digit - b'0'));
        end += 1;
    }
    let value = match end - start {
        0 => return None,
        // Eighteen digits always fit, either sign.
        1..=18 => Some(if negative { -magnitude } else { magnitude }),
        _ => bytes[start..end].iter().try_fold(0i64, |value, &digit| {
            let digit = i64::from(digit - b'0');
            let shifted = value.checked_mul(10)?;
            if negative { shifted.checked_sub(digit) } else { shifted.checked_add(digit) }
        }),
    };
    Some((value, &text[end..]))
}

/// `text.trim_start()`, without its Unicode machinery while the text is ASCII.
#[inline]
fn trim_start(text: &str) -> &str {
    let bytes = text.as_bytes();
    // The ASCII characters `char::is_whitespace` takes.
    let ascii_spaces = bytes.iter().take_while(|&&b| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')).count();
    let rest = &text[ascii_spaces..];
    if rest.as_bytes().first().is_some_and(|&b| b >= 0x80) { rest.trim_start() } else { rest }
}

/// The first `marker` in `text` that starts a word (at the start, or after a space or comma).
fn find_word(text: &str, marker: &str) -> Option<usize> {
    text.match_indices(marker)
        .map(|(at, _)| at)
        .find(|&at| text[..at].chars().next_back().is_none_or(|c| c.is_whitespace() || c == ',' || c == '，'))
}

/// A short lowercase ASCII word searched for in any ASCII case, compared eight bytes at a time:
/// a byte-by-byte case fold of every window was most of the cost of the OIDB rule.
#[derive(Clone, Copy)]
struct Needle {
    /// The word's bytes, little-endian.
    word: u64,
    /// Bit 0x20 of each letter: set on a window's bytes before comparing them.
    fold: u64,
    /// The bytes the word covers.
    mask: u64,
    len: usize,
}

impl Needle {
    const fn new(text: &str) -> Needle {
        let bytes = text.as_bytes();
        assert!(!bytes.is_empty() && bytes.len() <= 8, "a needle is one to eight bytes");
        let (mut word, mut fold, mut at) = (0u64, 0u64, 0);
        while at < bytes.len() {
            assert!(!bytes[at].is_ascii_uppercase(), "a needle is lowercase");
            word |= (bytes[at] as u64) << (8 * at);
            if bytes[at].is_ascii_lowercase() {
                fold |= 0x20 << (8 * at);
            }
            at += 1;
        }
        let mask = if bytes.len() == 8 { u64::MAX } else { (1 << (8 * bytes.len())) - 1 };
        Needle { word, fold, mask, len: bytes.len() }
    }

    #[inline]
    fn is_at(self, haystack: &[u8], at: usize) -> bool {
        at + self.len <= haystack.len() && (word_at(haystack, at) | self.fold) & self.mask == self.word
    }

    /// Where the word starts in `haystack`, first to last.
    #[inline]
    fn starts(self, haystack: &[u8]) -> impl Iterator<Item = usize> + '_ {
        FirstByteCandidates::new(haystack, self.word as u8).filter(move |&at| self.is_at(haystack, at))
    }
}

const OIDB: Needle = Needle::new("oidb");
const PAY_TOKEN_COMMAND: Needle = Needle::new("0x73a");
const ACCESS_TOKEN_COMMAND: Needle = Needle::new("0x711");
const RET: Needle = Needle::new("ret:");

/// The eight bytes of `haystack` from `at`, little-endian, zeros past its end.
#[inline]
fn word_at(haystack: &[u8], at: usize) -> u64 {
    match haystack.get(at..at + 8) {
        Some(bytes) => u64::from_le_bytes(bytes.try_into().unwrap_or_default()),
        None => haystack.get(at..).unwrap_or_default().iter().rev().fold(0, |word, &byte| word << 8 | u64::from(byte)),
    }
}

/// The positions of the bytes equal to `first` once bit 0x20 is set on both: every place a
/// needle starting with `first` can start, in any case, and a few more.
struct FirstByteCandidates<'a> {
    haystack: &'a [u8],
    pattern: u64,
    /// Where the word of `pending` starts.
    at: usize,
    /// The high bit of each candidate byte of that word.
    pending: u64,
}

impl<'a> FirstByteCandidates<'a> {
    const FOLD: u64 = u64::from_ne_bytes([0x20; 8]);
    const LOW: u64 = u64::from_ne_bytes([0x7f; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);

    #[inline]
    fn new(haystack: &'a [u8], first: u8) -> Self {
        let pattern = u64::from_ne_bytes([first | 0x20; 8]);
        let mut candidates = FirstByteCandidates { haystack, pattern, at: 0, pending: 0 };
        candidates.pending = candidates.word_candidates();
        candidates
    }

    #[inline]
    fn word_candidates(&self) -> u64 {
        let differences = (word_at(self.haystack, self.at) | Self::FOLD) ^ self.pattern;
        // Exact per byte (no carry crosses a byte), unlike the shorter zero-byte test.
        let equal = !(((differences & Self::LOW) + Self::LOW) | differences) & Self::HIGH;
        let left = self.haystack.len() - self.at.min(self.haystack.len());
        if left >= 8 { equal } else { equal & ((1u64 << (left * 8)) - 1) }
    }
}

impl Iterator for FirstByteCandidates<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.pending == 0 {
            self.at += 8;
            if self.at >= self.haystack.len() {
                return None;
            }
            self.pending = self.word_candidates();
        }
        let byte = self.pending.trailing_zeros() as usize / 8;
        self.pending &= self.pending - 1;
        Some(self.at + byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The attempts as (layer id, code), `via` standing for the `via` layer.
    fn attempts(ret: i32, msg: &str, via: Option<(&'static str, Channel)>) -> Vec<(&'static str, i64)> {
        let route = Route::new(ret, msg, via.map(|(_, channel)| channel));
        let id = |table: Table| table.id().or(via.map(|(id, _)| id)).unwrap_or("via");
        route.map(|r| r.attempts().map(|(table, code)| (id(table), code)).collect()).unwrap_or_default()
    }

    #[test]
    fn leading_codes() {
        assert_eq!(leading_code("-73,the user modify password wrong"), Some(Some(-73)));
        assert_eq!(leading_code(" 100030 , is_friend is 0"), Some(Some(100030)));
        assert_eq!(leading_code("40001，invalid credential"), Some(Some(40001)));
        assert_eq!(leading_code("30,null ServiceError"), Some(Some(30)));
        assert_eq!(leading_code("-2147483649,x"), Some(Some(-2_147_483_649)));
        assert_eq!(leading_code("99999999999999999999999,x"), Some(None));
        assert_eq!(leading_code("invalid credential"), None);
        assert_eq!(leading_code("12abc,"), None);
        assert_eq!(leading_code(""), None);
    }

    #[test]
    fn trim_start_is_strs() {
        for text in ["", " ", "\t\n\x0b\x0c\r x", "\u{3000}1", " \u{a0}\u{2003}2,", "x ", "\u{4e2d}", "\x1c1"] {
            assert_eq!(trim_start(text), text.trim_start(), "{text:?}");
        }
    }

    #[test]
    fn oidb_codes_come_from_the_last_ret() {
        assert_eq!(last_ret_code("ret:-103 msg:oidb decode0x73a failed, ret:17"), Some(Some(17)));
        assert_eq!(last_ret_code("ret:99999999999999"), Some(Some(99_999_999_999_999)));
        assert_eq!(last_ret_code("ret:999999999999999999999999"), Some(None));
        assert_eq!(last_ret_code("no code"), None);
    }

    #[test]
    fn routes_follow_the_documents() {
        assert_eq!(attempts(0, "ok", None), vec![]);
        assert_eq!(attempts(-10000, "-73,the user modify password wrong", None), vec![("qq_platform", -73)]);
        assert_eq!(
            attempts(-10000, "100030, is_friend is 0", Some(("share_qq", Channel::Qq))),
            vec![("share_qq", 100030), ("qq_platform", 100030)]
        );
        assert_eq!(attempts(-10000, "123456789012345678901234567890,x", None), vec![]);
        assert_eq!(attempts(-103, "oidb decode0x73a failed, ret:123456789012345678901234567890", None), vec![]);
        assert_eq!(attempts(-20000, "40001,invalid credential", None), vec![("wechat_platform", 40001)]);
        assert_eq!(
            attempts(-15001, "ret:-103 msg:oidb decode0x73a failed, ret:17", None),
            vec![("oidb_pay_token", 17), ("oidb", 17), ("access", -15001), ("logical", -15001)]
        );
        assert_eq!(
            attempts(-103, "ret:-103 msg:oidb decode0x711 failed, ret:64", None),
            vec![("oidb_access_token", 64), ("oidb", 64), ("access", -103), ("logical", -103)]
        );
        assert_eq!(attempts(-303, "", None), vec![("access", -303), ("logical", -303)]);
        assert_eq!(
            attempts(-3003, "", Some(("apple_login", Channel::Ret))),
            vec![("apple_login", -3003), ("access", -3003), ("logical", -3003)]
        );
    }

    #[test]
    fn searches_ignore_ascii_case_at_every_offset() {
        let has = |text: &str, needle: Needle| needle.starts(text.as_bytes()).next().is_some();
        for padding in 0..20 {
            let text = format!("{}OiDb x ReT:1 ret:2", "-".repeat(padding));
            assert!(has(&text, OIDB), "{text}");
            assert_eq!(RET.starts(text.as_bytes()).collect::<Vec<_>>(), [padding + 7, padding + 13], "{text}");
            assert!(!has(&text, PAY_TOKEN_COMMAND), "{text}");
            // A byte that differs from a needle's only in bit 0x20 is no match, letter or not.
            assert!(!has(&format!("{text}\u{10}x73a"), PAY_TOKEN_COMMAND), "{text}");
            assert!(!has(&format!("{}ret\u{1a}", "-".repeat(padding)), RET), "{text}");
            assert!(has(&format!("{text}0X73A"), PAY_TOKEN_COMMAND), "{text}");
            assert!(!has(&format!("{text}0X73"), PAY_TOKEN_COMMAND), "{text}");
        }
        assert!(!has("", OIDB));
        assert!(!has("oid", OIDB));
        assert!(has("OIDB", OIDB));
        assert!(has("\u{4e2d}oidb\u{6587}", OIDB));
    }

    #[test]
    fn descriptions_drop_codes_and_wechat_suffixes() {
        assert_eq!(description("40001,invalid credential, hint: [abc] rid: 12"), "invalid credential");
        assert_eq!(description("-73,the user modify password wrong"), "the user modify password wrong");
        assert_eq!(description("plain text"), "plain text");
        assert_eq!(description("40001，无效"), "无效");
        assert_eq!(description("40999,invalid userid: 5"), "invalid userid: 5");
        assert_eq!(description("40999,bad grid: 5 hint: [x] rid: 1"), "bad grid: 5");
    }
}
