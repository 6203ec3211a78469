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
use crate::{Action, Channel, CodeRange, ErrType, KnownIn, Locale, Response, Table, UnknownCode};
pub use msdk_codes_vocab::code_slot;

/// An entry's or a layer's position in its table: the discriminant of its variant.
pub type Index = usize;

/// The `from_code` index of a layer: `2^bits` slots of eight bytes, the code (`i32`), its entry
/// (`u16`) and two bytes of padding, little-endian, each code at
/// [`code_slot`]`(code, multiplier, bits)`; an empty slot has the entry [`EMPTY_SLOT`]. The
/// generator picks `multiplier` so that no two codes share a slot: a lookup reads one slot, as
/// fast as a `match`.
#[derive(Clone, Copy, Debug)]
pub struct CodeIndex {
    /// The hash's multiplier.
    pub multiplier: u32,
    /// The table has `2^bits` slots.
    pub bits: u32,
    /// The slots.
    pub slots: &'static [u8],
}

/// The size of a slot of [`CodeIndex::slots`].
pub const SLOT: usize = 8;

/// The entry of an empty slot.
pub const EMPTY_SLOT: u16 = u16::MAX;

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
const START: usize = 4;

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

    /// The entry that holds `code`: one slot of [`CodeTable::index`] to read.
    #[inline]
    pub const fn entry_of(&self, code: i32) -> Option<Index> {
        let CodeIndex { multiplier, bits, slots } = self.index;
        let at = match code_slot(code, multiplier, bits).checked_mul(SLOT) {
            Some(at) if at + SLOT <= slots.len() => at,
            _ => return None,
        };
        let found = i32::from_le_bytes([slots[at], slots[at + 1], slots[at + 2], slots[at + 3]]);
        let entry = u16::from_le_bytes([slots[at + 4], slots[at + 5]]);
        if found == code && entry != EMPTY_SLOT { Some(entry as Index) } else { None }
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
    fn entry_in(&self, layer: usize, code: i64) -> Option<Index> {
        self.codes[layer].entry_of(i32::try_from(code).ok()?)
    }

    /// The layer and entry a route leads to, by the rules in their order: an entry whose
    /// `msg_contains` text is in `msg`, then the route's tables (`via` first where it applies,
    /// then the tables the documents name), then the team's own layers of the channel. `None`
    /// for an unknown code (also when the text picks an entry of a layer the expansion left out).
    #[inline(always)]
    pub fn search(&self, route: &Route, msg: &str, via: Option<usize>) -> Option<(usize, Index)> {
        if let Some(marked) = self.picked(route, msg) {
            let layer = usize::from(marked.layer);
            let entry = route.code_in(*self.channels.get(layer)?).and_then(|code| self.entry_in(layer, code));
            // An entry of a left-out layer is no entry of this expansion: unknown.
            return entry.map(|entry| (layer, entry));
        }
        for (table, code) in route.attempts() {
            if let Some(layer) = self.layer_of(table, via) {
                if let Some(entry) = self.entry_in(layer, code) {
                    return Some((layer, entry));
                }
            }
        }
        if self.team.is_empty() { None } else { self.in_team(route) }
    }

    /// The marked entry the response's code and words pick.
    #[inline(always)]
    fn picked(&self, route: &Route, msg: &str) -> Option<&'static Marked> {
        for marked in self.marked {
            let Some(code) = route.code_in(marked.channel) else {
                continue;
            };
            if marked.codes.iter().any(|&known| i64::from(known) == code)
                && marked.texts.iter().any(|text| msg.contains(text))
            {
                return Some(marked);
            }
        }
        None
    }

    /// The team's own layer of the route's channel that has its code.
    #[inline(never)]
    fn in_team(&self, route: &Route) -> Option<(usize, Index)> {
        self.team.iter().map(|&layer| usize::from(layer)).find_map(|layer| {
            let entry = route.code_in(self.channels[layer]).and_then(|code| self.entry_in(layer, code));
            entry.map(|entry| (layer, entry))
        })
    }

    /// The id of the first layer a route searched: the first named table the expansion has, else
    /// the first of the team's layers of the channel.
    pub fn first_searched(&'static self, route: &Route, via: Option<usize>) -> Option<&'static str> {
        route.first_layer(|table| self.layer_of(table, via).map(|layer| self.ids[layer])).or_else(|| {
            let mut team = self.team.iter().map(|&layer| usize::from(layer));
            team.find(|&layer| route.code_in(self.channels[layer]).is_some()).map(|layer| self.ids[layer])
        })
    }

    /// Who knows a code that the search did not find: the left-out layer whose entry the
    /// response's words pick; else a named table of the route that the expansion left out (in
    /// the route's order), then a layer of the expansion that plain decoding does not search and
    /// `decode_in` with it would, then any other left-out layer of that kind (in the data's
    /// order).
    pub fn known_in(&'static self, route: &Route, msg: &str, via: Option<usize>) -> Option<KnownIn> {
        let picked = self.picked(route, msg).map(|marked| usize::from(marked.layer));
        if let Some(left) = picked.and_then(|layer| layer.checked_sub(self.ids.len())) {
            return self.left_out.get(left).map(|left| KnownIn::LeftOut(left.id));
        }
        let left_out = |id: &str| self.left_out.iter().find(|left| left.id == id);
        for (table, code) in route.attempts() {
            if self.layer_of(table, via).is_none() {
                if let Some(left) = table.id().and_then(left_out) {
                    if left.holds(code) {
                        return Some(KnownIn::LeftOut(left.id));
                    }
                }
            }
        }
        let searched = |layer: usize| {
            via == Some(layer)
                || self.named.iter().any(|&named| usize::from(named) == layer)
                || self.team.iter().any(|&team| usize::from(team) == layer)
        };
        // Each with the code that `decode_in` with it would search: the advice must hold.
        for layer in (0..self.ids.len()).filter(|&layer| !searched(layer)) {
            if route.via_code(self.channels[layer]).and_then(|code| self.entry_in(layer, code)).is_some() {
                return Some(KnownIn::Via(self.ids[layer]));
            }
        }
        self.left_out
            .iter()
            .find(|left| route.via_code(left.channel).is_some_and(|code| left.holds(code)))
            .map(|left| KnownIn::LeftOut(left.id))
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
    match err.parts() {
        Parts::Known(layer, entry) => code_table::<E>(layer).code(entry),
        Parts::Unknown(unknown) => unknown.code(),
    }
}

/// `MsdkError::codes`.
pub fn codes<E: ErrorEnum>(err: &E) -> &'static [i32] {
    match err.known() {
        Some((layer, entry)) => code_table::<E>(layer).codes_of(entry),
        None => &[],
    }
}

/// `MsdkError::name`.
pub fn name<E: ErrorEnum>(err: &E) -> &'static str {
    match err.known() {
        Some((layer, entry)) => code_table::<E>(layer).name(entry),
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
    match err.parts() {
        Parts::Known(..) => action(err).err_type(),
        Parts::Unknown(unknown) => unknown.err_type(),
    }
}

/// `MsdkError::err_type_in`.
pub fn err_type_in<E: ErrorEnum>(err: &E, response: &Response) -> ErrType {
    response.err_type.and_then(ErrType::from_code).unwrap_or_else(|| err_type(err))
}

/// `MsdkError::message`.
pub fn message<E: ErrorEnum>(err: &E, locale: Locale) -> &str {
    match err.parts() {
        Parts::Known(layer, entry) => code_table::<E>(layer).message(entry, locale),
        Parts::Unknown(unknown) => unknown.msg(),
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
    match err.parts() {
        Parts::Known(layer, entry) => {
            let layers = E::Layer::TABLE;
            let table = code_table::<E>(layer);
            let title = layers.title(layer.index(), layers.display);
            write!(f, "{title} {}: {}", table.code(entry), table.display(entry))
        }
        Parts::Unknown(unknown) => fmt::Display::fmt(unknown, f),
    }
}

/// Every known error of the expansion, layer by layer in the data's order.
pub fn all<E: ErrorEnum>() -> impl Iterator<Item = E> {
    E::Layer::ALL
        .iter()
        .flat_map(|&layer| (0..code_table::<E>(layer).codes.len()).map(move |entry| E::from_known(layer, entry)))
}

/// Decodes a response by the rules of the MSDK documents and of the data ([`LayerTable::search`]);
/// else an unknown code, kept whole, that says who knows it.
#[inline]
pub fn decode<E: ErrorEnum, S: Source>(response: S, via: Option<E::Layer>) -> Option<E> {
    let layers = E::Layer::TABLE;
    let via_index = via.map(LayerEnum::index);
    let route = Route::new(response.ret(), response.msg(), via_index.map(|layer| layers.channels[layer]))?;
    match layers.search(&route, response.msg(), via_index) {
        Some((layer, entry)) => Some(E::from_known(E::Layer::ALL[layer], entry)),
        // Where it was searched and who knows it are worked out when asked, from what the
        // unknown code keeps: decoding does no more for it than keep the response.
        None => {
            Some(E::from_unknown(route.unknown(response, layers, via_index.and_then(|via| u16::try_from(via).ok()))))
        }
    }
}

#[cfg(test)]
mod tests {
    //! The generic code over a small expansion written by hand, as `msdk_errors!` would write it:
    //! two layers, one with several codes on a row and advice, one without.

    use super::*;

    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    enum Layer {
        Access,
        Team,
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    enum AccessError {
        AppidNoPermission,
        RequestNotJson,
        FrequencyLimit,
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    enum TeamError {
        PriceChanged,
    }

    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    enum Error {
        Access(AccessError),
        Team(TeamError),
        Unknown(UnknownCode),
    }

    /// A column written by hand, as the generator writes it: the text and where its lines start.
    macro_rules! lines {
        ($text:expr $(,)?) => {{
            const TEXT: &str = $text;
            const SIZE: usize = (line_count(TEXT) + 1) * START;
            const STARTS: [u8; SIZE] = line_starts::<SIZE>(TEXT);
            Lines::new(TEXT, &STARTS)
        }};
    }

    /// The lines of a text of one line or more.
    const fn line_count(text: &str) -> usize {
        let (bytes, mut at, mut count) = (text.as_bytes(), 0, 1);
        while at < bytes.len() {
            if bytes[at] == b'\n' {
                count += 1;
            }
            at += 1;
        }
        count
    }

    /// [`Lines`]' starts of `text`, `SIZE` bytes.
    const fn line_starts<const SIZE: usize>(text: &str) -> [u8; SIZE] {
        let mut starts = [0u8; SIZE];
        let (bytes, mut at, mut line) = (text.as_bytes(), 0, 1);
        while at <= bytes.len() {
            if at == bytes.len() || bytes[at] == b'\n' {
                let next = ((at + 1) as u32).to_le_bytes();
                let mut byte = 0;
                while byte < START {
                    starts[line * START + byte] = next[byte];
                    byte += 1;
                }
                line += 1;
            }
            at += 1;
        }
        starts
    }

    static ACCESS_NAMES: Lines = lines!("AppidNoPermission\nRequestNotJson\nFrequencyLimit");
    static ACCESS_EN: Lines = lines!(
        "This appid has no permissions in msdk\nrequest parameter is not json format\nFrequency exceeds the limit",
    );
    static ACCESS_ZH: Lines = lines!("该appid在msdk没有权限\n请求参数不是json格式\n频率超限");
    static ACCESS_ADVICE_EN: Lines = lines!("Confirm if appid is correct\n\n");
    static ACCESS: CodeTable = CodeTable {
        id: "access",
        display: Locale::Zh,
        codes: &[-303, -304, -503],
        several: &[],
        // (-303, 0), (-304, 1), (-503, 2), each at code_slot(code, 0x9e37_79b9, 3)
        index: CodeIndex { multiplier: 0x9e37_79b9, bits: 3, slots: b"\xd0\xfe\xff\xff\x01\x00\x00\x00\x09\xfe\xff\xff\x02\x00\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00\xd1\xfe\xff\xff\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00" },
        names: &ACCESS_NAMES,
        actions: &[Action::FixConfig, Action::FixRequest, Action::Backoff],
        // Japanese and Korean left out: they point at the `Display` locale's column.
        messages: [&ACCESS_EN, &ACCESS_ZH, &ACCESS_ZH, &ACCESS_ZH],
        advice: [&ACCESS_ADVICE_EN, &NONE, &NONE, &NONE],
        notes: [&NONE; 4],
    };
    static TEAM_NAMES: Lines = lines!("PriceChanged");
    static TEAM_EN: Lines = lines!("The price changed");
    static TEAM: CodeTable = CodeTable {
        id: "team",
        display: Locale::Zh,
        codes: &[-9002],
        several: &[(0, &[-9002, 0x2333])],
        // (-9002, 0), (0x2333, 0), each at code_slot(code, 1, 2)
        index: CodeIndex {
            multiplier: 1,
            bits: 2,
            slots: b"\x33\x23\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00\xd6\xdc\xff\xff\x00\x00\x00\x00",
        },
        names: &TEAM_NAMES,
        actions: &[Action::Retry],
        messages: [&TEAM_EN; 4],
        advice: [&NONE; 4],
        notes: [&NONE; 4],
    };
    static TITLES_EN: Lines = lines!("MSDK access layer\nTeam shop");
    static TITLES_ZH: Lines = lines!("MSDK接入层\n团队商店");
    static RANGES: [CodeRange; 1] =
        [CodeRange { layer: "team", name: "Shop", low: -9099, high: -9000, message: "the shop service" }];
    static LAYERS: LayerTable = LayerTable {
        ids: &["access", "team"],
        titles: [&TITLES_EN, &TITLES_ZH, &TITLES_ZH, &TITLES_ZH],
        display: Locale::Zh,
        channels: &[Channel::Ret, Channel::Ret],
        codes: &[&ACCESS, &TEAM],
        named: [0, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT],
        ranges: &RANGES,
        team: &[1],
        // A left-out layer's -303, told apart from access's by the text "apple says".
        marked: &[Marked { layer: 2, channel: Channel::Ret, codes: &[-303], texts: &["apple says"] }],
        // A left-out layer with the codes -3003, -3002, -3001 and -303, sorted, four little-endian
        // bytes each; its -303 is told apart from access's by the text "apple says".
        left_out: &[LeftOut {
            id: "apple_login",
            channel: Channel::Ret,
            codes: b"\x45\xf4\xff\xff\x46\xf4\xff\xff\x47\xf4\xff\xff\xd1\xfe\xff\xff",
        }],
    };

    impl fmt::Display for AccessError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(ACCESS.display(*self as Index))
        }
    }
    impl fmt::Display for TeamError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(TEAM.display(*self as Index))
        }
    }
    impl crate::Code for AccessError {
        const ALL: &'static [AccessError] =
            &[AccessError::AppidNoPermission, AccessError::RequestNotJson, AccessError::FrequencyLimit];
        const __TABLE: &'static CodeTable = &ACCESS;
        fn __entry(self) -> Index {
            self as Index
        }
    }
    impl crate::Code for TeamError {
        const ALL: &'static [TeamError] = &[TeamError::PriceChanged];
        const __TABLE: &'static CodeTable = &TEAM;
        fn __entry(self) -> Index {
            self as Index
        }
    }
    impl LayerEnum for Layer {
        const ALL: &'static [Layer] = &[Layer::Access, Layer::Team];
        const TABLE: &'static LayerTable = &LAYERS;
        fn index(self) -> Index {
            self as Index
        }
    }
    impl ErrorEnum for Error {
        type Layer = Layer;
        fn parts(&self) -> Parts<'_, Layer> {
            match self {
                Error::Access(code) => Parts::Known(Layer::Access, *code as Index),
                Error::Team(code) => Parts::Known(Layer::Team, *code as Index),
                Error::Unknown(unknown) => Parts::Unknown(unknown),
            }
        }
        fn from_known(layer: Layer, entry: Index) -> Error {
            use crate::Code;
            match layer {
                Layer::Access => Error::Access(AccessError::ALL[entry]),
                Layer::Team => Error::Team(TeamError::ALL[entry]),
            }
        }
        fn from_unknown(unknown: UnknownCode) -> Error {
            Error::Unknown(unknown)
        }
    }
    impl fmt::Display for Error {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            fmt_error(self, f)
        }
    }

    #[test]
    fn a_code_enum_reads_its_row() {
        use crate::Code;
        let err = AccessError::from_code(-303).unwrap();
        assert_eq!(err, AccessError::AppidNoPermission);
        assert_eq!((err.code(), err.codes()), (-303, &[-303][..]));
        assert_eq!(err.name(), "AppidNoPermission");
        assert_eq!(AccessError::from_name("FrequencyLimit"), Some(AccessError::FrequencyLimit));
        assert_eq!(AccessError::from_name("Nope"), None);
        assert_eq!(err.action(), Action::FixConfig);
        assert_eq!(err.err_type(), ErrType::Unknown);
        assert_eq!(err.message(Locale::En), "This appid has no permissions in msdk");
        assert_eq!(err.message(Locale::Ja), "该appid在msdk没有权限", "a left-out locale answers in Display's");
        assert_eq!(err.advice(Locale::En), Some("Confirm if appid is correct"));
        assert_eq!(AccessError::RequestNotJson.advice(Locale::En), None, "an empty line is no advice");
        assert_eq!(err.advice(Locale::Zh), None);
        assert_eq!(err.note(Locale::En), None);
        assert_eq!(err.to_string(), "该appid在msdk没有权限");
        assert_eq!(AccessError::LAYER_ID, "access");
    }

    #[test]
    fn every_code_of_a_row_finds_it_and_the_first_is_its_code() {
        use crate::Code;
        assert_eq!(TeamError::from_code(-9002), Some(TeamError::PriceChanged));
        assert_eq!(TeamError::from_code(0x2333), Some(TeamError::PriceChanged));
        assert_eq!(TeamError::PriceChanged.code(), -9002);
        assert_eq!(TeamError::PriceChanged.codes(), &[-9002, 0x2333]);
        for code in [i32::MIN, -9003, -1, 1, i32::MAX] {
            assert_eq!(TeamError::from_code(code), None, "{code}");
        }
        for &(code, entry) in &[(-303, 0), (-304, 1), (-503, 2)] {
            assert_eq!(ACCESS.entry_of(code), Some(entry));
        }
        assert_eq!(ACCESS.entry_of(-305), None);
        assert_eq!(ACCESS.entry_of(0), None);
    }

    #[test]
    fn lines_split_on_first_use_and_answer_past_the_end() {
        assert_eq!(ACCESS_ADVICE_EN.get(1), "");
        assert_eq!(ACCESS_ADVICE_EN.get(0), "Confirm if appid is correct");
        assert_eq!(ACCESS_ADVICE_EN.get(3), "");
        assert_eq!(NONE.get(0), "");
        assert_eq!(ACCESS_NAMES.position("FrequencyLimit"), Some(2));
    }

    #[test]
    fn an_error_reads_its_layer_and_row() {
        let err = Error::Access(AccessError::FrequencyLimit);
        assert_eq!((code(&err), name(&err), action(&err)), (-503, "FrequencyLimit", Action::Backoff));
        assert_eq!(err_type(&err), ErrType::Network);
        assert_eq!(message(&err, Locale::En), "Frequency exceeds the limit");
        assert_eq!(advice(&err, Locale::En), None);
        assert_eq!(err.to_string(), "MSDK接入层 -503: 频率超限");
        assert_eq!(from_code::<Error>(Layer::Team, 0x2333), Some(Error::Team(TeamError::PriceChanged)));
        assert_eq!(from_code::<Error>(Layer::Team, -303), None);
        let all: Vec<Error> = all().collect();
        assert_eq!(all.len(), 4);
        assert_eq!(all[3], Error::Team(TeamError::PriceChanged));
    }

    #[test]
    fn the_servers_err_type_wins_when_documented() {
        let err = Error::Access(AccessError::FrequencyLimit);
        let mut response = Response::new(-503, "");
        assert_eq!(err_type_in(&err, &response), ErrType::Network);
        response.err_type = Some(2);
        assert_eq!(err_type_in(&err, &response), ErrType::Reauthorize);
        response.err_type = Some(4);
        assert_eq!(err_type_in(&err, &response), ErrType::Network, "4 is not a documented err_type");
    }

    #[test]
    fn decoding_searches_the_named_tables_then_the_teams() {
        let found = decode::<Error, _>(&Response::new(-303, ""), None);
        assert_eq!(found, Some(Error::Access(AccessError::AppidNoPermission)));
        assert_eq!(decode::<Error, _>(&Response::new(0, "ok"), None), None, "ret 0 is success");
        // The team's own layer of the `ret` channel comes after the tables the rules name.
        let team = decode::<Error, _>(Response::new(-9002, "sold out"), None);
        assert_eq!(team, Some(Error::Team(TeamError::PriceChanged)));
        let via = decode::<Error, _>(Response::new(0x2333, "sold out"), Some(Layer::Team));
        assert_eq!(via, Some(Error::Team(TeamError::PriceChanged)));
        // No searched table knows -9050: unknown, kept whole, in the team's range.
        let unknown = decode::<Error, _>(&Response::new(-9050, "sold out"), None).unwrap();
        let Error::Unknown(code) = &unknown else { panic!("{unknown:?}") };
        assert_eq!((code.ret(), code.msg(), code.layer(), code.known_in()), (-9050, "sold out", Some("access"), None));
        assert_eq!(code.range().map(|range| range.name), Some("Shop"));
        assert_eq!(message(&unknown, Locale::En), "sold out");
        assert_eq!(action(&unknown), Action::ContactSupport);
    }

    #[test]
    fn a_miss_names_the_left_out_layer_that_knows_the_code() {
        let unknown = decode::<Error, _>(&Response::new(-3002, ""), None).unwrap();
        let Error::Unknown(code) = &unknown else { panic!("{unknown:?}") };
        assert_eq!(code.known_in(), Some(KnownIn::LeftOut("apple_login")));
        assert_eq!(
            unknown.to_string(),
            "unknown code: ret -3002 (not in `access`; `apple_login` knows it: add `apple_login` to `layers`)"
        );
        let left = &LAYERS.left_out[0];
        for code in [-3003, -3002, -3001, -303] {
            assert!(left.holds(i64::from(code)), "{code}");
        }
        for code in [i64::MIN, -3004, -3000, 0, 1 << 40] {
            assert!(!left.holds(code), "{code}");
        }
        assert!(!LeftOut { id: "empty", channel: Channel::Ret, codes: b"" }.holds(0));
        // A code marked by its text as the left-out layer's is not another table's.
        assert_eq!(
            decode::<Error, _>(&Response::new(-303, ""), None),
            Some(Error::Access(AccessError::AppidNoPermission))
        );
        let unknown = decode::<Error, _>(&Response::new(-303, "apple says no"), None).unwrap();
        let Error::Unknown(code) = &unknown else { panic!("{unknown:?}") };
        assert_eq!((code.layer(), code.known_in()), (Some("access"), Some(KnownIn::LeftOut("apple_login"))));
    }
}
