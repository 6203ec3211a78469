//! The storage of the tables an expansion hands to this crate: one [`CodeTable`] per layer
//! (codes, names, actions, strings per locale) and one [`LayerTable`] for its `Layer` enum, with
//! what reads one row or one string of them. What decoding does with them is in `search`; what
//! the generated types do, in `table`.
//!
//! Not a public API: the types are reached through `msdk_codes_core::__private`, and their shape
//! changes with the generator.

use core::fmt;

use crate::{Action, Channel, CodeRange, Locale, Table};

/// An entry's or a layer's position in its table: the discriminant of its variant.
pub type Index = usize;

/// The `from_code` index of a layer, as the generator lays it out (`msdk_codes_vocab::CodeIndex`):
/// a slot of a hash for each code, or, for codes the hash cannot place in a small table, every
/// code sorted.
#[derive(Clone, Copy, Debug)]
pub struct CodeIndex {
    /// The hash's multiplier.
    pub multiplier: u32,
    /// The hash has `2^bits` slots; 0: the codes are sorted.
    pub bits: u32,
    /// The slots, or the sorted codes.
    pub slots: &'static [u8],
}

/// In [`LayerTable::named`]: the expansion does not have that layer.
pub const ABSENT: u16 = u16::MAX;

/// The strings of one column of a table, one per entry (or per layer), written as one text with
/// a line per entry: that is how an expansion carries thousands of strings in a few literals.
/// An empty line is "none" (an entry without advice). `starts` says where each line starts in
/// the text, so that a line is found at once, with no splitting, no allocation and no
/// initialization; one type for every column, so that its code is compiled here once, not in
/// each expansion.
pub struct Lines {
    text: &'static str,
    /// The start of each line in `text`, then `text.len() + 1`: little-endian `u32`s.
    starts: &'static [u8],
}

/// The size of an entry of [`Lines`]' starts.
pub(crate) const START: usize = 4;

impl Lines {
    /// The lines of `text`, which start at `starts` (see [`Lines`]; written by the generator,
    /// which checks that no line holds a line break).
    pub const fn new(text: &'static str, starts: &'static [u8]) -> Lines {
        Lines { text, starts }
    }

    /// How many lines the column has.
    pub fn len(&self) -> usize {
        (self.starts.len() / START).saturating_sub(1)
    }

    /// Whether the column has no line.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The string of entry `entry`, `""` when there is none.
    #[inline]
    pub fn get(&self, entry: Index) -> &'static str {
        match (self.start(entry), entry.checked_add(1).and_then(|next| self.start(next))) {
            (Some(start), Some(next)) => self.text.get(start..next.saturating_sub(1)).unwrap_or(""),
            _ => "",
        }
    }

    /// The entry whose string is `text`.
    pub fn position(&self, text: &str) -> Option<Index> {
        (0..self.len()).find(|&line| self.get(line) == text)
    }

    fn start(&self, line: usize) -> Option<usize> {
        let at = line.checked_mul(START)?;
        let bytes = self.starts.get(at..at + START)?;
        let start = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        usize::try_from(start).ok()
    }
}

impl fmt::Debug for Lines {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries((0..self.len()).map(|line| self.get(line))).finish()
    }
}

/// The column of a table that has no such strings (a layer without advice).
pub static NONE: Lines = Lines::new("", &[1, 0, 0, 0]);

/// One column in each locale, indexed by [`Locale::index`]. A locale the expansion left out
/// points at the column of its `Display` locale.
pub type Localized = [&'static Lines; 4];

/// The data of one generated code enum: entry `i` is the variant whose discriminant is `i`.
#[derive(Debug)]
pub struct CodeTable {
    /// The layer id, such as `"access"`.
    pub id: &'static str,
    /// The locale of `Display`.
    pub display: Locale,
    /// The code of each entry: the first, when the documents give it several.
    pub codes: &'static [i32],
    /// Every code of the entries that have several, in the data's order.
    pub several: &'static [(u16, &'static [i32])],
    /// The index of `from_code`.
    pub index: CodeIndex,
    /// The variant names.
    pub names: &'static Lines,
    /// The actions, after the expansion's policy.
    pub actions: &'static [Action],
    /// The messages: never empty.
    pub messages: Localized,
    /// The documents' advice.
    pub advice: Localized,
    /// The catalog's notes.
    pub notes: Localized,
}

impl CodeTable {
    /// The code `code()` returns for entry `entry`.
    #[inline]
    pub const fn code(&self, entry: Index) -> i32 {
        self.codes[entry]
    }

    /// Every code of entry `entry`, `code()` first.
    pub fn codes_of(&self, entry: Index) -> &'static [i32] {
        match self.several.iter().find(|(several, _)| usize::from(*several) == entry) {
            Some((_, codes)) => codes,
            None => core::slice::from_ref(&self.codes[entry]),
        }
    }

    /// The entry that holds `code`: one slot of [`CodeTable::index`] to read, or a binary search
    /// of its sorted codes.
    #[inline]
    pub const fn entry_of(&self, code: i32) -> Option<Index> {
        let CodeIndex { multiplier, bits, slots } = self.index;
        match msdk_codes_vocab::find_code(multiplier, bits, slots, code) {
            Some(entry) => Some(entry as Index),
            None => None,
        }
    }

    /// The variant name of entry `entry`.
    #[inline]
    pub fn name(&self, entry: Index) -> &'static str {
        self.names.get(entry)
    }

    /// The entry named `name`.
    pub fn entry_named(&self, name: &str) -> Option<Index> {
        self.names.position(name)
    }

    /// The message of entry `entry` in `locale`.
    #[inline]
    pub fn message(&self, entry: Index, locale: Locale) -> &'static str {
        self.messages[locale.index()].get(entry)
    }

    /// The message of entry `entry` in the `Display` locale.
    #[inline]
    pub fn display(&self, entry: Index) -> &'static str {
        self.message(entry, self.display)
    }

    /// The advice of entry `entry` in `locale`, if it has one.
    #[inline]
    pub fn advice(&self, entry: Index, locale: Locale) -> Option<&'static str> {
        optional(self.advice[locale.index()].get(entry))
    }

    /// The note of entry `entry` in `locale`, if it has one.
    #[inline]
    pub fn note(&self, entry: Index, locale: Locale) -> Option<&'static str> {
        optional(self.notes[locale.index()].get(entry))
    }
}

fn optional(text: &'static str) -> Option<&'static str> {
    Some(text).filter(|text| !text.is_empty())
}

/// The data of a generated `Layer` enum: layer `i` is the variant whose discriminant is `i`.
#[derive(Debug)]
pub struct LayerTable {
    /// The layer ids.
    pub ids: &'static [&'static str],
    /// The titles.
    pub titles: Localized,
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
    /// The team's own layers (none of the bundled catalog's), in the data's order: plain
    /// decoding searches them after the named tables.
    pub team: &'static [u16],
    /// The entries whose data gives `msg_contains`, of the expansion's layers and of the layers
    /// it left out: told apart from another table's entry of the same code by the server's
    /// text, before any table is searched.
    pub marked: &'static [Marked],
    /// The catalog's layers that the expansion left out: their ids and codes only, so that an
    /// unknown code can say which of them knows it.
    pub left_out: &'static [LeftOut],
}

/// An entry that `msg_contains` marks: it wins when the response carries one of its codes in its
/// layer's channel and `msg` contains one of `texts`.
#[derive(Debug)]
pub struct Marked {
    /// The layer: `layer` of the expansion, or, from the number of its layers on, the layer
    /// `layer - ids.len()` of [`LayerTable::left_out`].
    pub layer: u16,
    /// The layer's channel.
    pub channel: Channel,
    /// The entry's codes.
    pub codes: &'static [i32],
    /// The texts, as written in the data.
    pub texts: &'static [&'static str],
}

/// A layer of the catalog that the expansion left out.
#[derive(Debug)]
pub struct LeftOut {
    /// The layer id.
    pub id: &'static str,
    /// How responses carry its codes.
    pub channel: Channel,
    /// Its codes, sorted, four little-endian bytes each.
    pub codes: &'static [u8],
}

impl LeftOut {
    /// Whether the layer has `code`: a binary search of its sorted codes.
    pub fn holds(&self, code: i64) -> bool {
        let Ok(code) = i32::try_from(code) else { return false };
        let at = |i: usize| {
            let bytes = &self.codes[i * 4..i * 4 + 4];
            i32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
        };
        let (mut low, mut high) = (0, self.codes.len() / 4);
        while low < high {
            let middle = low + (high - low) / 2;
            match at(middle).cmp(&code) {
                core::cmp::Ordering::Less => low = middle + 1,
                core::cmp::Ordering::Greater => high = middle,
                core::cmp::Ordering::Equal => return true,
            }
        }
        false
    }
}

impl LayerTable {
    /// The layer `table` stands for: `via` for [`Table::Via`], else the named one, if selected.
    #[inline]
    pub fn layer_of(&self, table: Table, via: Option<usize>) -> Option<usize> {
        match table {
            Table::Via => via,
            // `NAMED` lists the named tables in the order of their discriminants, from 1.
            named => match self.named.get(named as usize - 1) {
                Some(&layer) if layer != ABSENT => Some(usize::from(layer)),
                _ => None,
            },
        }
    }

    /// The layer whose id is `id`.
    pub fn layer_named(&self, id: &str) -> Option<usize> {
        self.ids.iter().position(|known| *known == id)
    }

    /// The title of layer `layer` in `locale`.
    #[inline]
    pub fn title(&self, layer: Index, locale: Locale) -> &'static str {
        self.titles[locale.index()].get(layer)
    }

    /// Entry `entry` of `layer` when it holds `code`.
    #[inline]
    pub(crate) fn entry_in(&self, layer: usize, code: i64) -> Option<Index> {
        self.codes[layer].entry_of(i32::try_from(code).ok()?)
    }
}
