//! A code no searched table knows, kept whole with everything the server sent, and what it can
//! say when asked: where it was searched, which layer knows it, and its documented range.

use core::fmt;
use core::hash::{Hash, Hasher};

use crate::route::Route;
use crate::storage::LayerTable;
use crate::{Channel, CodeRange, ErrType, Locale};

/// A code that no searched table knows, with everything the server said.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct UnknownCode {
    ret: i32,
    platform_code: Option<i64>,
    msg: String,
    err_type: Option<i32>,
    origin: Origin,
}

/// The expansion and the `via` an unknown code was decoded with: enough to work out, when asked,
/// where it was searched and who knows it, so that decoding does nothing more for it.
#[derive(Clone, Copy)]
pub(crate) struct Origin {
    pub(crate) layers: &'static LayerTable,
    pub(crate) via: Option<u16>,
}

impl PartialEq for Origin {
    fn eq(&self, other: &Origin) -> bool {
        core::ptr::eq(self.layers, other.layers) && self.via == other.via
    }
}

impl Eq for Origin {}

impl Hash for Origin {
    fn hash<H: Hasher>(&self, state: &mut H) {
        core::ptr::hash(self.layers, state);
        self.via.hash(state);
    }
}

impl UnknownCode {
    /// An unknown code with these parts; decoding builds them from responses.
    pub(crate) fn new(
        ret: i32,
        platform_code: Option<i64>,
        msg: String,
        err_type: Option<i32>,
        origin: Origin,
    ) -> UnknownCode {
        UnknownCode { ret, platform_code, msg, err_type, origin }
    }

    /// The route the response took, again (a response that is not success has one).
    fn route(&self) -> Option<(Route, Option<usize>)> {
        let Origin { layers, via } = self.origin;
        let via = via.map(usize::from);
        let channel = via.and_then(|via| layers.channels.get(via).copied());
        Route::new(self.ret, &self.msg, channel).map(|route| (route, via))
    }

    /// The response's top-level `ret`.
    pub fn ret(&self) -> i32 {
        self.ret
    }

    /// The code inside `msg` (a platform or OIDB code), when there was one. Kept as `i64` so
    /// that a code too large for `i32` is kept, not wrapped.
    pub fn platform_code(&self) -> Option<i64> {
        self.platform_code
    }

    /// The code to report: the platform code when it fits an `i32`, else `ret`.
    pub fn code(&self) -> i32 {
        self.platform_code.and_then(|code| i32::try_from(code).ok()).unwrap_or(self.ret)
    }

    /// The id of the layer the code was looked up in first.
    pub fn layer(&self) -> Option<&'static str> {
        let (route, via) = self.route()?;
        self.origin.layers.first_searched(&route, via)
    }

    /// A layer that knows the code although decoding did not search it: a layer of the
    /// expansion that only `decode_in` reaches, or one that `layers = [...]` left out.
    pub fn known_in(&self) -> Option<KnownIn> {
        let (route, via) = self.route()?;
        self.origin.layers.known_in(&route, &self.msg, via)
    }

    /// The documented range `ret` falls in, among the selected layers' ranges.
    pub fn range(&self) -> Option<&'static CodeRange> {
        self.origin.layers.ranges.iter().find(|range| range.contains(self.ret))
    }

    /// The response's `msg`, exactly as sent.
    pub fn msg(&self) -> &str {
        &self.msg
    }

    /// The server's description: `msg` without the leading platform code and without WeChat's
    /// `hint: [...]` and `rid: ...` suffixes.
    pub fn description(&self) -> &str {
        self.said().detail()
    }

    /// `msg`, read for its parts: WeChat's `rid` and `hint`, the platform's description.
    pub fn said(&self) -> crate::Said<'_> {
        crate::Said::new(&self.msg)
    }

    /// The response's `err_type`, as sent.
    pub fn err_type_sent(&self) -> Option<i32> {
        self.err_type
    }

    /// The err_type the server sent when it is a documented one, else `Unknown`.
    pub fn err_type(&self) -> ErrType {
        self.err_type.and_then(ErrType::from_code).unwrap_or(ErrType::Unknown)
    }
}

/// Every part, with the layer searched first and who knows the code.
impl fmt::Debug for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnknownCode")
            .field("ret", &self.ret)
            .field("platform_code", &self.platform_code)
            .field("layer", &self.layer())
            .field("known_in", &self.known_in())
            .field("range", &self.range())
            .field("msg", &self.msg)
            .field("err_type", &self.err_type)
            .finish()
    }
}

/// In the expansion's `Display` locale, as every other text of the expansion.
impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fmt_in(f, self.origin.layers.display)
    }
}

impl UnknownCode {
    /// The text of `Display` in `locale` instead of the expansion's `Display` locale: for an
    /// operator's log, whose language is the [`LogPolicy`](crate::LogPolicy)'s. A documented
    /// range's name and message stay in the `Display` locale, the only one the expansion keeps
    /// them in.
    ///
    /// ```
    /// msdk_codes_core::msdk_errors!(layers = [share_qq], locale = "ja");
    ///
    /// use msdk_codes_core::{Locale, Response};
    ///
    /// let response = Response::new(-10000, "229999, share service upgraded");
    /// let Some(MsdkError::Unknown(unknown)) = MsdkError::decode_in(&response, Layer::ShareQq) else {
    ///     panic!("229999 is no share_qq code")
    /// };
    /// assert_eq!(
    ///     unknown.to_string(),
    ///     "不明なコード：ret -10000、code 229999（`share_qq` にありません）: 229999, share service upgraded"
    /// );
    /// assert_eq!(
    ///     unknown.display_in(Locale::En).to_string(),
    ///     "unknown code: ret -10000, code 229999 (not in `share_qq`): 229999, share service upgraded"
    /// );
    /// ```
    pub fn display_in(&self, locale: Locale) -> impl fmt::Display + '_ {
        struct In<'u>(&'u UnknownCode, Locale);
        impl fmt::Display for In<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt_in(f, self.1)
            }
        }
        In(self, locale)
    }

    fn fmt_in(&self, f: &mut fmt::Formatter<'_>, locale: Locale) -> fmt::Result {
        let words = Words::of(locale);
        write!(f, "{}{}", words.unknown, self.ret)?;
        if let Some(code) = self.platform_code {
            write!(f, "{}{code}", words.code)?;
        }
        let (open, separator, close) = words.brackets;
        match (self.layer(), self.known_in()) {
            (Some(layer), Some(known)) => {
                write!(f, "{open}")?;
                (words.not_in)(f, layer)?;
                write!(f, "{separator}")?;
                known.fmt_in(f, locale)?;
                write!(f, "{close}")?;
            }
            (Some(layer), None) => {
                write!(f, "{open}")?;
                (words.not_in)(f, layer)?;
                write!(f, "{close}")?;
            }
            (None, Some(known)) => {
                write!(f, "{open}")?;
                known.fmt_in(f, locale)?;
                write!(f, "{close}")?;
            }
            (None, None) => {}
        }
        if let Some(range) = self.range() {
            write!(f, " [{}: {}]", range.name, range.message)?;
        }
        if !self.msg.is_empty() {
            write!(f, ": {}", self.msg)?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownCode {}

/// "unknown code" in `locale`: the message of an unknown code's log line.
pub(crate) fn unknown_code_words(locale: Locale) -> &'static str {
    match locale {
        Locale::Zh => "未知错误码",
        Locale::Ja => "不明なコード",
        Locale::Ko => "알 수 없는 코드",
        _ => "unknown code",
    }
}

/// The words of an unknown code's `Display`, per locale.
struct Words {
    unknown: &'static str,
    code: &'static str,
    not_in: fn(&mut fmt::Formatter<'_>, &str) -> fmt::Result,
    /// Open, separator, close of the parenthesis that says where the code was looked up.
    brackets: (&'static str, &'static str, &'static str),
}

impl Words {
    fn of(locale: Locale) -> Words {
        match locale {
            Locale::Zh => Words {
                unknown: "未知错误码：ret ",
                code: "，code ",
                not_in: |f, layer| write!(f, "不在 `{layer}` 中"),
                brackets: ("（", "；", "）"),
            },
            Locale::Ja => Words {
                unknown: "不明なコード：ret ",
                code: "、code ",
                not_in: |f, layer| write!(f, "`{layer}` にありません"),
                brackets: ("（", "。", "）"),
            },
            Locale::Ko => Words {
                unknown: "알 수 없는 코드: ret ",
                code: ", code ",
                not_in: |f, layer| write!(f, "`{layer}`에 없음"),
                brackets: (" (", "; ", ")"),
            },
            _ => Words {
                unknown: "unknown code: ret ",
                code: ", code ",
                not_in: |f, layer| write!(f, "not in `{layer}`"),
                brackets: (" (", "; ", ")"),
            },
        }
    }
}

/// Where a code that decoding did not find is known, and how to reach it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KnownIn {
    /// A layer of the expansion that plain decoding does not search (the table of one API, such
    /// as `share_qq` or `apple_login`): `decode_in` with that layer finds the code.
    Via(&'static str),
    /// A layer of the catalog that the expansion's `layers = [...]` left out: add it to find the
    /// code. Only its id and its codes are in the binary.
    LeftOut(&'static str),
    /// A layer (of the expansion or left out) that has the code on another channel: the response
    /// carried it as `ret` and the layer's codes come inside `msg` (or the other way round), so
    /// the code is not that layer's. Said so that the unknown code is not taken for a missing
    /// entry of the layer searched.
    OtherChannel(&'static str, Channel),
}

impl KnownIn {
    /// The layer's id.
    pub fn layer(self) -> &'static str {
        match self {
            KnownIn::Via(id) | KnownIn::LeftOut(id) | KnownIn::OtherChannel(id, _) => id,
        }
    }
}

/// "`share_qq` knows it: decode with `decode_in(.., Layer::ShareQq)`", "`oidb_pay_token` knows
/// it: add it to `layers`".
impl fmt::Display for KnownIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fmt_in(f, Locale::En)
    }
}

impl KnownIn {
    /// What [`Display`](fmt::Display) writes, in `locale`: an unknown code's `Display` speaks
    /// its expansion's locale.
    fn fmt_in(&self, f: &mut fmt::Formatter<'_>, locale: Locale) -> fmt::Result {
        match (*self, locale) {
            (KnownIn::Via(id), Locale::Zh) => {
                write!(f, "`{id}` 有此码：用 `decode_in(.., Layer::{})` 解码", Variant(id))
            }
            (KnownIn::Via(id), Locale::Ja) => {
                write!(f, "`{id}` のコードです：`decode_in(.., Layer::{})` でデコードしてください", Variant(id))
            }
            (KnownIn::Via(id), Locale::Ko) => {
                write!(f, "`{id}`의 코드입니다: `decode_in(.., Layer::{})`로 디코딩하세요", Variant(id))
            }
            (KnownIn::LeftOut(id), Locale::Zh) => write!(f, "`{id}` 有此码：把 `{id}` 加入 `layers`"),
            (KnownIn::LeftOut(id), Locale::Ja) => write!(f, "`{id}` のコードです：`layers` に `{id}` を加えてください"),
            (KnownIn::LeftOut(id), Locale::Ko) => write!(f, "`{id}`의 코드입니다: `layers`에 `{id}`를 추가하세요"),
            (KnownIn::OtherChannel(id, channel), Locale::Zh) => {
                write!(f, "`{id}` 有此码，但属于 `{}` 通道，与本响应携带它的方式不同", channel.id())
            }
            (KnownIn::OtherChannel(id, channel), Locale::Ja) => {
                write!(f, "`{id}` にもこのコードがありますが、`{}` チャネルのコードです", channel.id())
            }
            (KnownIn::OtherChannel(id, channel), Locale::Ko) => {
                write!(f, "`{id}`에도 이 코드가 있지만 `{}` 채널의 코드입니다", channel.id())
            }
            (KnownIn::Via(id), _) => write!(f, "`{id}` knows it: decode with `decode_in(.., Layer::{})`", Variant(id)),
            (KnownIn::LeftOut(id), _) => write!(f, "`{id}` knows it: add `{id}` to `layers`"),
            (KnownIn::OtherChannel(id, channel), _) => {
                let carried = match channel {
                    Channel::Ret => "as the top-level `ret`",
                    Channel::Oidb => "as the `ret:N` inside `msg` of an OIDB failure",
                    _ => "leading `msg`, behind its platform's `ret`",
                };
                write!(f, "`{id}` has this code {carried}, not as this response carries it")
            }
        }
    }
}

/// The generated `Layer` variant of a layer id: the id in UpperCamelCase.
struct Variant(&'static str);

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for word in self.0.split('_').filter(|word| !word.is_empty()) {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                write!(f, "{}{}", first.to_ascii_uppercase(), chars.as_str())?;
            }
        }
        Ok(())
    }
}
