//! The tables an expansion hands to this crate, and everything the generated types do with them.
//!
//! `msdk_errors!` emits data only: one [`CodeTable`] per layer (codes, names, actions, strings per
//! locale), one [`LayerTable`] for its `Layer` enum, and small trait impls that point at them.
//! Every behaviour (lookups, `Display`, `FromStr`, decoding) is the generic code of this module
//! and of `route`, written and tested once here.
//!
//! Not a public API: the types are reached through `msdk_codes_core::__private`, and their shape
//! changes with the generator.

use core::fmt;

use crate::route::{Route, Source};
use crate::{Action, Channel, CodeRange, ErrType, Locale, Response, Table, UnknownCode};

/// An entry's or a layer's position in its table: the discriminant of its variant.
pub type Index = usize;

/// A string per entry (or per layer), in one locale.
pub type Strs<const N: usize> = [&'static str; N];

/// In [`LayerTable::named`]: the expansion does not have that layer.
pub const ABSENT: u16 = u16::MAX;

/// One string per entry in each locale, indexed by [`Locale::index`]. A locale the expansion
/// left out points at the strings of its `Display` locale; a layer without any advice (or notes)
/// has empty slices.
pub type Strings = [&'static [&'static str]; 4];

/// The data of one generated code enum: entry `i` is the variant whose discriminant is `i`.
#[derive(Debug)]
pub struct CodeTable {
    /// The layer id, such as `"access"`.
    pub id: &'static str,
    /// The locale of `Display`.
    pub display: Locale,
    /// Every code of each entry, the one `code()` returns first.
    pub codes: &'static [&'static [i32]],
    /// Every code of the layer, ascending, for the binary search of `from_code`.
    pub sorted_codes: &'static [i32],
    /// The entry of each code of `sorted_codes`.
    pub sorted_entries: &'static [u16],
    /// The variant names.
    pub names: &'static [&'static str],
    /// The actions, after the expansion's policy.
    pub actions: &'static [Action],
    /// The messages: never empty.
    pub messages: Strings,
    /// The documents' advice: `""` where an entry has none.
    pub advice: Strings,
    /// Notes: `""` where an entry has none.
    pub notes: Strings,
}

impl CodeTable {
    /// The code `code()` returns for entry `entry`.
    #[inline]
    pub const fn code(&self, entry: usize) -> i32 {
        self.codes[entry][0]
    }

    /// The entry that holds `code`.
    #[inline]
    pub const fn entry_of(&self, code: i32) -> Option<usize> {
        let (mut low, mut high) = (0, self.sorted_codes.len());
        while low < high {
            let middle = low + (high - low) / 2;
            let found = self.sorted_codes[middle];
            if found == code {
                return Some(self.sorted_entries[middle] as usize);
            } else if found < code {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        None
    }

    /// The entry named `name`.
    pub fn entry_named(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|known| *known == name)
    }

    /// The message of entry `entry` in `locale`.
    #[inline]
    pub fn message(&self, entry: usize, locale: Locale) -> &'static str {
        self.messages[locale.index()][entry]
    }

    /// The message of entry `entry` in the `Display` locale.
    #[inline]
    pub fn display(&self, entry: usize) -> &'static str {
        self.message(entry, self.display)
    }

    /// The advice of entry `entry` in `locale`, if it has one.
    #[inline]
    pub fn advice(&self, entry: usize, locale: Locale) -> Option<&'static str> {
        optional(self.advice[locale.index()], entry)
    }

    /// The note of entry `entry` in `locale`, if it has one.
    #[inline]
    pub fn note(&self, entry: usize, locale: Locale) -> Option<&'static str> {
        optional(self.notes[locale.index()], entry)
    }
}

fn optional(strings: &'static [&'static str], entry: usize) -> Option<&'static str> {
    strings.get(entry).copied().filter(|text| !text.is_empty())
}

/// The data of a generated `Layer` enum: layer `i` is the variant whose discriminant is `i`.
#[derive(Debug)]
pub struct LayerTable {
    /// The layer ids.
    pub ids: &'static [&'static str],
    /// The titles.
    pub titles: Strings,
    /// The locale of `Display`.
    pub display: Locale,
    /// How responses carry each layer's codes.
    pub channels: &'static [Channel],
    /// Each layer's codes.
    pub codes: &'static [&'static CodeTable],
    /// The layer of each of [`Table::NAMED`], by position; [`ABSENT`] where the expansion
    /// does not have it.
    pub named: [u16; 7],
    /// The documented ranges of every layer.
    pub ranges: &'static [CodeRange],
}

impl LayerTable {
    /// The layer `table` stands for: `via` for [`Table::Via`], else the named one, if selected.
    #[inline]
    pub fn layer_of(&self, table: Table, via: Option<usize>) -> Option<usize> {
        match table {
            Table::Via => via,
            named => {
                let position = Table::NAMED.iter().position(|candidate| *candidate == named)?;
                Some(self.named[position]).filter(|layer| *layer != ABSENT).map(usize::from)
            }
        }
    }

    /// The layer whose id is `id`.
    pub fn layer_named(&self, id: &str) -> Option<usize> {
        self.ids.iter().position(|known| *known == id)
    }
}

/// Implemented by the generated `Layer` enum.
pub trait LayerEnum: Copy + Eq + 'static {
    /// Every layer, in the data's order: `ALL[i]` has discriminant `i`.
    const ALL: &'static [Self];
    /// The expansion's layers.
    const TABLE: &'static LayerTable;
    /// The discriminant.
    fn index(self) -> usize;
}

/// What a generated `MsdkError` is: a known entry of a layer, or an unknown code.
pub enum Parts<'e, L> {
    /// Entry `.1` of layer `.0`.
    Known(L, Index),
    /// A code no selected layer knows.
    Unknown(&'e UnknownCode),
}

/// Implemented by the generated `MsdkError` enum.
pub trait ErrorEnum: Sized + 'static {
    /// The expansion's `Layer`.
    type Layer: LayerEnum;
    /// What the error is.
    fn parts(&self) -> Parts<'_, Self::Layer>;
    /// The error for entry `entry` of `layer`.
    fn from_known(layer: Self::Layer, entry: Index) -> Self;
    /// Wraps an unknown code.
    fn from_unknown(unknown: UnknownCode) -> Self;

    /// The layer and entry of a known code; `None` for `Unknown`.
    #[inline]
    fn known(&self) -> Option<(Self::Layer, Index)> {
        match self.parts() {
            Parts::Known(layer, entry) => Some((layer, entry)),
            Parts::Unknown(_) => None,
        }
    }

    /// The unknown code, if this is one.
    #[inline]
    fn as_unknown(&self) -> Option<&UnknownCode> {
        match self.parts() {
            Parts::Known(..) => None,
            Parts::Unknown(unknown) => Some(unknown),
        }
    }
}

fn code_table<E: ErrorEnum>(layer: E::Layer) -> &'static CodeTable {
    E::Layer::TABLE.codes[layer.index()]
}

/// `MsdkError::from_code`.
#[inline]
pub fn from_code<E: ErrorEnum>(layer: E::Layer, code: i32) -> Option<E> {
    code_table::<E>(layer).entry_of(code).map(|entry| E::from_known(layer, entry))
}

/// `MsdkError::code`.
pub fn code<E: ErrorEnum>(err: &E) -> i32 {
    match err.known() {
        Some((layer, entry)) => code_table::<E>(layer).code(entry),
        None => err.as_unknown().map_or(0, UnknownCode::code),
    }
}

/// `MsdkError::name`.
pub fn name<E: ErrorEnum>(err: &E) -> &'static str {
    match err.known() {
        Some((layer, entry)) => code_table::<E>(layer).names[entry],
        None => "Unknown",
    }
}

/// `MsdkError::action`.
pub fn action<E: ErrorEnum>(err: &E) -> Action {
    match err.known() {
        Some((layer, entry)) => code_table::<E>(layer).actions[entry],
        None => Action::ContactSupport,
    }
}

/// `MsdkError::err_type`.
pub fn err_type<E: ErrorEnum>(err: &E) -> ErrType {
    match err.as_unknown() {
        Some(unknown) => unknown.err_type(),
        None => action(err).err_type(),
    }
}

/// `MsdkError::err_type_in`.
pub fn err_type_in<E: ErrorEnum>(err: &E, response: &Response) -> ErrType {
    response.err_type.and_then(ErrType::from_code).unwrap_or_else(|| err_type(err))
}

/// `MsdkError::message`.
pub fn message<E: ErrorEnum>(err: &E, locale: Locale) -> &str {
    match err.known() {
        Some((layer, entry)) => code_table::<E>(layer).message(entry, locale),
        None => err.as_unknown().map_or("", UnknownCode::msg),
    }
}

/// `MsdkError::advice`.
pub fn advice<E: ErrorEnum>(err: &E, locale: Locale) -> Option<&'static str> {
    err.known().and_then(|(layer, entry)| code_table::<E>(layer).advice(entry, locale))
}

/// `MsdkError::note`.
pub fn note<E: ErrorEnum>(err: &E, locale: Locale) -> Option<&'static str> {
    err.known().and_then(|(layer, entry)| code_table::<E>(layer).note(entry, locale))
}

/// `Display` of `MsdkError`: `"<layer title> <code>: <message>"`, or the unknown code's own.
pub fn fmt_error<E: ErrorEnum>(err: &E, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match err.known() {
        Some((layer, entry)) => {
            let layers = E::Layer::TABLE;
            let table = code_table::<E>(layer);
            let title = layers.titles[layers.display.index()][layer.index()];
            write!(f, "{title} {}: {}", table.code(entry), table.display(entry))
        }
        None => match err.as_unknown() {
            Some(unknown) => fmt::Display::fmt(unknown, f),
            None => Ok(()),
        },
    }
}

/// Every known error of the expansion, layer by layer in the data's order.
pub fn all<E: ErrorEnum>() -> impl Iterator<Item = E> {
    E::Layer::ALL
        .iter()
        .flat_map(|&layer| (0..code_table::<E>(layer).names.len()).map(move |entry| E::from_known(layer, entry)))
}

/// Decodes a response by the rules of [`crate::route`]: the first table of the route that the
/// expansion has and that knows the code wins; else an unknown code, kept whole.
#[inline]
pub fn decode<E: ErrorEnum, S: Source>(response: S, via: Option<E::Layer>) -> Option<E> {
    let layers = E::Layer::TABLE;
    let via_index = via.map(LayerEnum::index);
    let route = Route::new(response.ret(), response.msg(), via_index.map(|layer| layers.channels[layer]))?;
    for (table, code) in route.attempts() {
        if let (Some(layer), Ok(code)) = (layers.layer_of(table, via_index), i32::try_from(code)) {
            if let Some(entry) = layers.codes[layer].entry_of(code) {
                return Some(E::from_known(E::Layer::ALL[layer], entry));
            }
        }
    }
    let layer_id = |table| layers.layer_of(table, via_index).map(|layer| layers.ids[layer]);
    Some(E::from_unknown(route.unknown(response, layers.ranges, layer_id)))
}
