//! What the generated types do with their tables: the traits the expansion implements
//! (`LayerEnum`, `ErrorEnum`), the functions behind each generated method, and `decode`, which
//! turns a response into an expansion's error by the search of `search`. Written and tested once
//! here; the expansion holds data only (`storage`) and calls these.
//!
//! Not a public API: reached through `msdk_codes_core::__private`.

use core::fmt;

use crate::route::{Route, Source};
use crate::storage::{CodeTable, Index, LayerTable};
use crate::unknown::Origin;
use crate::{Action, ErrType, Locale, Response, UnknownCode};

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
    fmt_error_in(err, f, E::Layer::TABLE.display)
}

/// [`fmt_error`] in `locale` (a locale the expansion left out reads as its `Display` locale).
pub fn fmt_error_in<E: ErrorEnum>(err: &E, f: &mut fmt::Formatter<'_>, locale: Locale) -> fmt::Result {
    match err.parts() {
        Parts::Known(layer, entry) => {
            let layers = E::Layer::TABLE;
            let table = code_table::<E>(layer);
            let title = layers.title(layer.index(), locale);
            write!(f, "{title} {}: {}", table.code(entry), table.message(entry, locale))
        }
        Parts::Unknown(unknown) => fmt::Display::fmt(&unknown.display_in(locale), f),
    }
}

/// Every known error of the expansion, layer by layer in the data's order.
pub fn all<E: ErrorEnum>() -> impl Iterator<Item = E> {
    E::Layer::ALL
        .iter()
        .flat_map(|&layer| (0..code_table::<E>(layer).codes.len()).map(move |entry| E::from_known(layer, entry)))
}

/// Decodes a response by the rules of the MSDK documents and of the data ([`decode_in`]).
#[inline]
pub fn decode<E: ErrorEnum, S: Source>(response: S, via: Option<E::Layer>) -> Option<E> {
    let found = decode_in(E::Layer::TABLE, response, via.map(LayerEnum::index))?;
    Some(match found {
        Ok((layer, entry)) => E::from_known(E::Layer::ALL[layer], entry),
        Err(unknown) => E::from_unknown(unknown),
    })
}

/// Decodes a response with `layers` (through its layer `via`) by the search of
/// [`LayerTable::search`]: `None` for success, else the layer and entry found, or the unknown
/// code, kept whole, that says who knows it. What the generated types decode with, and what a
/// tool decodes with over tables built while running (`built`).
#[inline]
pub fn decode_in<S: Source>(
    layers: &'static LayerTable,
    response: S,
    via: Option<usize>,
) -> Option<Result<(usize, Index), UnknownCode>> {
    if response.ret() == 0 {
        return None;
    }
    let mut route = Route::without_attempts(response.ret());
    route.plan(response.msg(), via.and_then(|layer| layers.channels.get(layer).copied()));
    Some(match layers.search(&route, response.msg(), via) {
        Some(found) => Ok(found),
        // Where it was searched and who knows it are worked out when asked, from what the
        // unknown code keeps: decoding does no more for it than keep the response.
        None => Err(unknown(&route, response, layers, via.and_then(|via| u16::try_from(via).ok()))),
    })
}

/// The unknown code for a response no table of `layers` found (through the layer `via`): keeps
/// `ret`, the code from `msg`, `msg`, `err_type`, and what it needs to say where it was searched,
/// who knows it and the documented range of `ret`.
pub fn unknown(route: &Route, response: impl Source, layers: &'static LayerTable, via: Option<u16>) -> UnknownCode {
    let ret = response.ret();
    let (msg, err_type) = response.into_kept();
    UnknownCode::new(ret, route.platform_code(), msg, err_type, Origin { layers, via })
}

#[cfg(test)]
mod tests {
    //! The generic code over a small expansion written by hand, as `msdk_errors!` would write it:
    //! two layers, one with several codes on a row and advice, one without.

    use super::*;
    use crate::storage::*;
    use crate::{Channel, CodeRange, KnownIn};

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
        // (-303, 0), (-304, 1), (-503, 2), each in its slot of the hash by 0x9e37_79b9 on 3 bits
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
        // (-9002, 0), (0x2333, 0), each in its slot of the hash by 1 on 2 bits
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
            // The expansion's `Display` locale is Chinese: so is an unknown code's text.
            "未知错误码：ret -3002（不在 `access` 中；`apple_login` 有此码：把 `apple_login` 加入 `layers`）"
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
