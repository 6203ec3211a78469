//! The public face of one layer's codes: the `Code` trait every generated code enum implements,
//! the documented ranges of codes, and the errors of looking a code or a layer up.

use core::fmt;
use core::hash::Hash;

use crate::storage::CodeTable;
use crate::{Action, ErrType, Locale};

/// Implemented by every generated code enum (`AccessError`, `QqPlatformError`, ...), so generic
/// code can take any of them. The enums also have each method as an inherent one, so calling
/// them needs no import of this trait.
///
/// Only `msdk_errors!` implements it: the items marked hidden are the generator's.
pub trait Code: Copy + Eq + Hash + fmt::Debug + fmt::Display + 'static {
    /// Every code of the layer, in the data's order.
    const ALL: &'static [Self];
    /// The layer id, such as `"access"`.
    const LAYER_ID: &'static str = Self::__TABLE.id;
    #[doc(hidden)]
    const __TABLE: &'static CodeTable;
    #[doc(hidden)]
    fn __entry(self) -> usize;

    /// The code (the first, when several codes share one meaning).
    fn code(self) -> i32 {
        Self::__TABLE.code(self.__entry())
    }
    /// Every code of the entry, `code()` first.
    fn codes(self) -> &'static [i32] {
        Self::__TABLE.codes_of(self.__entry())
    }
    /// The entry `code` belongs to, if the layer has it.
    fn from_code(code: i32) -> Option<Self> {
        Self::__TABLE.entry_of(code).map(|entry| Self::ALL[entry])
    }
    /// The variant name, such as `"AppidNoPermission"`.
    fn name(self) -> &'static str {
        Self::__TABLE.name(self.__entry())
    }
    /// The entry whose variant name is `name`.
    fn from_name(name: &str) -> Option<Self> {
        Self::__TABLE.entry_named(name).map(|entry| Self::ALL[entry])
    }
    /// What to do about the code (after the expansion's `policy`).
    fn action(self) -> Action {
        Self::__TABLE.actions[self.__entry()]
    }
    /// The err_type the MSDK access layer would report for the action.
    fn err_type(self) -> ErrType {
        self.action().err_type()
    }
    /// The description in `locale`.
    fn message(self, locale: Locale) -> &'static str {
        Self::__TABLE.message(self.__entry(), locale)
    }
    /// The recommended handling in `locale`, where the documents give one.
    fn advice(self, locale: Locale) -> Option<&'static str> {
        Self::__TABLE.advice(self.__entry(), locale)
    }
    /// What the catalog notes about the code (the FAQ's word on it, or why its action departs
    /// from the documents' advice), where it notes something.
    fn note(self, locale: Locale) -> Option<&'static str> {
        Self::__TABLE.note(self.__entry(), locale)
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
    pub(crate) const fn new(code: i32, layer: &'static str) -> CodeNotFound {
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
    pub(crate) fn new(given: &str, known: &'static [&'static str]) -> UnknownLayer {
        UnknownLayer { given: given.to_owned(), known }
    }

    /// The id that was given.
    pub fn given(&self) -> &str {
        &self.given
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
