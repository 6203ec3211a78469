use core::fmt;
use core::hash::Hash;

use crate::{Action, Locale};

/// Implemented by every generated layer enum (`AccessError`, `QqPlatformError`, ...), so generic
/// code can take any of them.
pub trait Code: Copy + Eq + Hash + fmt::Debug + fmt::Display + 'static {
    /// Every code of the layer, in the data's order.
    const ALL: &'static [Self];
    /// The layer id, such as `"access"`.
    const LAYER_ID: &'static str;
    /// The code (the first, when several codes share one meaning).
    fn code(self) -> i32;
    /// Every code of the entry, `code()` first.
    fn codes(self) -> &'static [i32];
    /// The entry `code` belongs to, if the layer has it.
    fn from_code(code: i32) -> Option<Self>;
    /// The variant name, such as `"AppidNoPermission"`.
    fn name(self) -> &'static str;
    /// What to do about the code.
    fn action(self) -> Action;
    /// The description in `locale`.
    fn message(self, locale: Locale) -> &'static str;
    /// The recommended handling in `locale`, where the documents give one.
    fn advice(self, locale: Locale) -> Option<&'static str>;
}

/// How a response carries a layer's codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Channel {
    /// The response's top-level `ret`.
    Ret,
    /// `ret` -10000; the Mobile QQ platform code leads `msg`.
    Qq,
    /// `ret` -20000; the WeChat platform code leads `msg`.
    Wechat,
    /// The `ret:N` inside `msg` of an OIDB failure.
    Oidb,
}

impl Channel {
    /// The id used in data files: `"ret"`, `"qq"`, `"wechat"` or `"oidb"`.
    pub const fn id(self) -> &'static str {
        match self {
            Channel::Ret => "ret",
            Channel::Qq => "qq",
            Channel::Wechat => "wechat",
            Channel::Oidb => "oidb",
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A documented range of codes, such as the logical layer's "-100 to -999: system errors".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CodeRange {
    /// The id of the layer that documents it.
    pub layer: &'static str,
    /// Its name in the data, such as `"System"`.
    pub name: &'static str,
    /// The lower bound, inclusive.
    pub low: i32,
    /// The upper bound, inclusive.
    pub high: i32,
    /// The documents' description, in the expansion's `Display` locale.
    pub message: &'static str,
}

impl CodeRange {
    /// Whether `code` falls in the range.
    pub const fn contains(&self, code: i32) -> bool {
        self.low <= code && code <= self.high
    }
}

/// `TryFrom<i32>` of a layer enum: the layer has no such code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CodeNotFound {
    code: i32,
    layer: &'static str,
}

impl CodeNotFound {
    #[doc(hidden)]
    pub const fn new(code: i32, layer: &'static str) -> CodeNotFound {
        CodeNotFound { code, layer }
    }

    /// The code that was looked up.
    pub const fn code(&self) -> i32 {
        self.code
    }

    /// The layer it was looked up in.
    pub const fn layer(&self) -> &'static str {
        self.layer
    }
}

impl fmt::Display for CodeNotFound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "code {} is not in the `{}` layer", self.code, self.layer)
    }
}

impl std::error::Error for CodeNotFound {}

/// `Layer::from_str` of an id that the expansion does not have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownLayer {
    given: String,
    known: &'static [&'static str],
}

impl UnknownLayer {
    #[doc(hidden)]
    pub fn new(given: &str, known: &'static [&'static str]) -> UnknownLayer {
        UnknownLayer { given: given.to_owned(), known }
    }

    /// The ids that would have been accepted.
    pub fn known(&self) -> &'static [&'static str] {
        self.known
    }
}

impl fmt::Display for UnknownLayer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown layer `{}`; expected one of {}", self.given, self.known.join(", "))
    }
}

impl std::error::Error for UnknownLayer {}
