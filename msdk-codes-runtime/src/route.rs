//! Where a response's code lives, by the rules of the MSDK documents (001 overview, section 9,
//! and the FAQ): which tables to search, with which code, most specific first.

use crate::scan::{contains_ignoring_ascii_case, last_ret_code, leading_code};
use crate::{Channel, Response, Table};

const QQ_PASS_THROUGH: i32 = -10000;
const WECHAT_PASS_THROUGH: i32 = -20000;
const OIDB_RETS: core::ops::RangeInclusive<i32> = -19999..=-15000;

/// The lookups to try for one response, in order; the first table that knows its code wins.
#[derive(Clone, Copy, Debug)]
pub struct Route {
    ret: i32,
    /// The code written in `msg`, when there is one that fits an `i64`.
    platform_code: Option<i64>,
    /// The attempts, `len` of them, in order.
    attempts: [Attempt; MAX_ATTEMPTS],
    len: u8,
    first_table: Option<Table>,
    /// The channel whose code `platform_code` is, when an attempt looks it up.
    msg_channel: Option<Channel>,
    /// Whether an attempt looks up `ret`.
    ret_searched: bool,
    /// The channel of a `via` layer that this route searches, whether or not one was given.
    via_channel: Option<Channel>,
}

/// The most attempts a route has (a `via` or command table, the platform's or OIDB's, access,
/// logical).
const MAX_ATTEMPTS: usize = 4;

/// One lookup of a route: a table, and which of the response's codes it looks up.
#[derive(Clone, Copy, Debug)]
struct Attempt {
    table: Table,
    code: Searched,
}

/// Which of a response's codes an attempt looks up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Searched {
    Ret,
    /// The code written in `msg`.
    Msg,
}

impl Route {
    /// `None` when `ret` is 0 (success). `via` is the channel of the layer whose table holds the
    /// platform codes of the API that was called (the layer `via` of `decode_in`).
    #[inline]
    pub fn new(ret: i32, msg: &str, via: Option<Channel>) -> Option<Route> {
        if ret == 0 {
            return None;
        }
        let mut route = Route::without_attempts(ret);
        route.plan(msg, via);
        Some(route)
    }

    /// The route of a response that is not success, before [`Route::plan`] gives it its attempts.
    #[inline]
    pub(crate) fn without_attempts(ret: i32) -> Route {
        Route {
            ret,
            platform_code: None,
            attempts: [Attempt { table: Table::Via, code: Searched::Ret }; MAX_ATTEMPTS],
            len: 0,
            first_table: None,
            msg_channel: None,
            ret_searched: false,
            via_channel: None,
        }
    }

    /// Gives a route of [`Route::without_attempts`] its attempts for `msg` and `via`, once, where
    /// it is: decoding builds its route where it stays, since a route moved once built costs a
    /// copy that stalls on the narrow stores that just wrote it (benches/README.md).
    #[inline]
    pub(crate) fn plan(&mut self, msg: &str, via: Option<Channel>) {
        let ret = self.ret;
        let via_on = |channel: Channel| (via == Some(channel)).then_some(Table::Via);

        let platform = match ret {
            QQ_PASS_THROUGH => Some((Channel::Qq, Table::QqPlatform)),
            WECHAT_PASS_THROUGH => Some((Channel::Wechat, Table::WechatPlatform)),
            _ => None,
        };
        // A pass-through's leading code is the platform's, whatever words follow it.
        let leading = if platform.is_some() { leading_code(msg) } else { None };

        let oidb_ret = OIDB_RETS.contains(&ret);
        if leading.is_none() && (oidb_ret || contains_ignoring_ascii_case(msg, b"oidb")) {
            let written = last_ret_code(msg);
            if written.is_some() || oidb_ret {
                let code = written.flatten();
                let specific = if contains_ignoring_ascii_case(msg, b"0x73a") {
                    Some(Table::OidbPayToken)
                } else if contains_ignoring_ascii_case(msg, b"0x711") {
                    Some(Table::OidbAccessToken)
                } else {
                    self.via_channel = code.map(|_| Channel::Oidb);
                    via_on(Channel::Oidb)
                };
                self.platform_code = code;
                self.first_table = Some(specific.unwrap_or(Table::Oidb));
                if code.is_some() {
                    if let Some(table) = specific {
                        self.push(table, Searched::Msg);
                    }
                    self.push(Table::Oidb, Searched::Msg);
                }
                // The outer ret may itself be a known code (the documents' example carries
                // "ret:-103 ... ret:17"): it is the less specific answer, unless the inner code
                // was too large to read, which makes the whole response an unknown code.
                if written != Some(None) {
                    self.push(Table::Access, Searched::Ret);
                    self.push(Table::Logical, Searched::Ret);
                }
                return;
            }
        }

        if let Some((channel, general)) = platform {
            let table = via_on(channel).unwrap_or(general);
            let written = leading;
            self.platform_code = written.flatten();
            self.first_table = Some(table);
            match written {
                // The API's own table first, then the platform's general one (token errors
                // reach every API of a platform).
                Some(Some(_)) => {
                    self.via_channel = Some(channel);
                    self.push(table, Searched::Msg);
                    if table != general {
                        self.push(general, Searched::Msg);
                    }
                }
                // Too large to be any table's code: unknown, with msg kept.
                Some(None) => {}
                // No code in msg: all there is to say is the logical layer's "see msg".
                None => self.push(Table::Logical, Searched::Ret),
            }
            return;
        }

        self.via_channel = Some(Channel::Ret);
        let via = via_on(Channel::Ret);
        if let Some(table) = via {
            self.push(table, Searched::Ret);
        }
        self.push(Table::Access, Searched::Ret);
        self.push(Table::Logical, Searched::Ret);
        self.first_table = Some(via.unwrap_or(Table::Access));
    }

    /// Adds an attempt; `plan` never pushes the same one twice, nor more than four.
    #[inline]
    fn push(&mut self, table: Table, code: Searched) {
        match code {
            Searched::Ret => self.ret_searched = true,
            Searched::Msg => self.msg_channel = table.channel().or(self.msg_channel),
        }
        if let Some(slot) = self.attempts.get_mut(usize::from(self.len)) {
            *slot = Attempt { table, code };
            self.len += 1;
        }
    }

    /// The (table, code) lookups, most specific first.
    #[inline]
    pub fn attempts(&self) -> impl Iterator<Item = (Table, i64)> + '_ {
        self.attempts[..usize::from(self.len)].iter().map(|attempt| {
            let code = match attempt.code {
                Searched::Ret => i64::from(self.ret),
                Searched::Msg => self.platform_code.unwrap_or_default(),
            };
            (attempt.table, code)
        })
    }

    /// The code that a table of `channel` is searched with: `ret` for the `ret` channel when an
    /// attempt looks it up, the code from `msg` for the channel that carries it, else `None`.
    #[inline]
    pub fn code_in(&self, channel: Channel) -> Option<i64> {
        if channel == Channel::Ret {
            self.ret_searched.then_some(i64::from(self.ret))
        } else if self.msg_channel == Some(channel) {
            self.platform_code
        } else {
            None
        }
    }

    /// The code that a `via` layer of `channel` would be searched with on this route: `None`
    /// when this route searches no `via` layer of that channel.
    #[inline]
    pub fn via_code(&self, channel: Channel) -> Option<i64> {
        if self.via_channel == Some(channel) { self.code_in(channel) } else { None }
    }

    /// The code written in `msg`, when there is one that fits an `i64`.
    pub fn platform_code(&self) -> Option<i64> {
        self.platform_code
    }

    /// The id of the first table of the route that the expansion has (`layer_id` gives it, or
    /// `None` when the table is not selected).
    pub fn first_layer<T>(&self, layer_id: impl Fn(Table) -> Option<T>) -> Option<T> {
        self.first_table.into_iter().chain(self.attempts().map(|(table, _)| table)).find_map(layer_id)
    }
}

/// A response to decode: a `Response`, borrowed or owned, or the parts of a JSON body read in
/// place. Only an unknown code needs `msg` as a `String`, so only it pays for one.
pub trait Source {
    /// The response's `ret`.
    fn ret(&self) -> i32;
    /// The response's `msg`, as sent.
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

#[cfg(feature = "json")]
impl Source for crate::response::ResponseParts<'_> {
    #[inline]
    fn ret(&self) -> i32 {
        self.ret
    }
    #[inline]
    fn msg(&self) -> &str {
        &self.msg
    }
    #[inline]
    fn into_kept(self) -> (String, Option<i32>) {
        (self.msg.into_owned(), self.err_type)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::*;

    /// The attempts as (layer id, code), `via` standing for the `via` layer.
    fn attempts(ret: i32, msg: &str, via: Option<(&'static str, Channel)>) -> Vec<(&'static str, i64)> {
        let route = Route::new(ret, msg, via.map(|(_, channel)| channel));
        let id = |table: Table| table.id().or(via.map(|(id, _)| id)).unwrap_or("via");
        route.map(|r| r.attempts().map(|(table, code)| (id(table), code)).collect()).unwrap_or_default()
    }

    #[test]
    fn integers_at_the_start() {
        for code in [0_i64, 7, -73, 100_031, 12_345_678, -123_456_789, 999_999_999_999_999_999, i64::MIN, i64::MAX] {
            for after in ["", ",", ", more words", "x"] {
                let text = format!("{code}{after}");
                let end = text.len() - after.len();
                assert_eq!(integer_prefix(text.as_bytes()), Some((Some(code), end)), "{text}");
            }
        }
        assert_eq!(integer_prefix(b"99999999999999999999,"), Some((None, 20)));
        assert_eq!(integer_prefix(b"-,12345678"), None);
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
        assert_eq!(leading_code("\u{3000}+7\u{3000}，x"), Some(Some(7)), "Unicode spaces around it");
        assert_eq!(leading_code("-999999999999999999,x"), Some(Some(-999_999_999_999_999_999)));
        assert_eq!(leading_code("0001000000000000000000"), Some(Some(1_000_000_000_000_000_000)));
        assert_eq!(leading_code("\u{b}-9223372036854775808,x"), Some(Some(i64::MIN)));
        assert_eq!(leading_code("-9223372036854775809,x"), Some(None));
        assert_eq!(leading_code("+9223372036854775807"), Some(Some(i64::MAX)));
        assert_eq!(leading_code("- 5,x"), None);
        assert_eq!(leading_code("9223372036854775807"), Some(Some(i64::MAX)));
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
        // A pass-through's leading code is the platform's, even beside OIDB words.
        assert_eq!(attempts(-10000, "1,oidb ret:0x73a", None), vec![("qq_platform", 1)]);
        assert_eq!(
            attempts(-10000, "ret:-103 msg:oidb decode0x73a failed, ret:17", None),
            vec![("oidb_pay_token", 17), ("oidb", 17), ("access", -10000), ("logical", -10000)]
        );
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
    fn each_channel_is_searched_with_its_code() {
        let codes = |ret, msg| {
            let route = Route::new(ret, msg, None).expect("not success");
            Channel::ALL.map(|channel| route.code_in(channel))
        };
        // [ret, qq, wechat, oidb]
        assert_eq!(codes(-10000, "100030, is_friend is 0"), [None, Some(100030), None, None]);
        assert_eq!(codes(-10000, "no code"), [Some(-10000), None, None, None]);
        assert_eq!(codes(-10000, "123456789012345678901234567890,x"), [None; 4]);
        assert_eq!(codes(-20000, "40001,x"), [None, None, Some(40001), None]);
        assert_eq!(codes(-103, "ret:-103 msg:oidb decode0x73a failed, ret:17"), [Some(-103), None, None, Some(17)]);
        assert_eq!(codes(-15001, "oidb failed"), [Some(-15001), None, None, None]);
        assert_eq!(codes(-303, ""), [Some(-303), None, None, None]);
    }

    #[test]
    fn a_via_layer_is_searched_with_the_code_of_its_channel() {
        let via_codes = |ret, msg| {
            let route = Route::new(ret, msg, None).expect("not success");
            Channel::ALL.map(|channel| route.via_code(channel))
        };
        // [ret, qq, wechat, oidb]
        assert_eq!(via_codes(-10000, "32, x"), [None, Some(32), None, None]);
        assert_eq!(via_codes(-10000, "no code"), [None; 4]);
        assert_eq!(via_codes(-20000, "40001,x"), [None, None, Some(40001), None]);
        assert_eq!(via_codes(-15001, "oidb failed, ret:65"), [None, None, None, Some(65)]);
        // A command named in msg names the table: no `via` then, nor for the outer ret.
        assert_eq!(via_codes(-3003, "oidb decode0x73a failed, ret:17"), [None; 4]);
        assert_eq!(via_codes(-3003, ""), [Some(-3003), None, None, None]);
    }

    #[test]
    fn oidb_words_match_in_any_ascii_case_at_every_offset() {
        let outer = [("access", -103), ("logical", -103)];
        let route = |first: &[(&'static str, i64)]| [first, &outer[..]].concat();
        // Offsets across the short and long haystacks that memchr handles differently.
        for padding in 0..70 {
            let pad = "-".repeat(padding);
            let text = format!("{pad}OiDb x ReT:1 rEt: 2");
            assert_eq!(attempts(-103, &text, None), route(&[("oidb", 2)]), "{text}");
            let text = format!("{pad}oidb 0X73A RET:+3");
            assert_eq!(attempts(-103, &text, None), route(&[("oidb_pay_token", 3), ("oidb", 3)]), "{text}");
            let text = format!("{pad}oidb 0x711 ret:4");
            assert_eq!(attempts(-103, &text, None), route(&[("oidb_access_token", 4), ("oidb", 4)]), "{text}");
            // A byte that differs from a word's only in bit 0x20 is no match, letter or not.
            let text = format!("{pad}oidb \u{10}x73a ret:5");
            assert_eq!(attempts(-103, &text, None), route(&[("oidb", 5)]), "{text}");
            let text = format!("{pad}oidb ret\u{1a}5");
            assert_eq!(attempts(-103, &text, None), outer, "{text}");
            let text = format!("{pad}oid ret:5");
            assert_eq!(attempts(-103, &text, None), outer, "{text}");
            assert_eq!(last_ret_code(&format!("{pad}\u{4e2d}RET:6\u{6587}")), Some(Some(6)));
        }
        assert_eq!(attempts(-103, "\u{4e2d}OIDB\u{6587} ret:7", None), route(&[("oidb", 7)]));
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
