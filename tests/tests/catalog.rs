//! The bundled catalog (data/*.toml) held to the documents it was made from, using only the copies
//! in tests/sources/:
//!
//! - 001-error-codes-en.txt: English, tables flattened to one line per row;
//! - 002 (zh), 003 (ja), 004 (ko): markdown tables, sections 1-8;
//! - 005-error-codes-zh-2016.md: zh for the OIDB sections (9.x) and logical -15000 / -30005;
//! - en-corrections/<layer>.toml: every change the catalog made to 001's English;
//! - 000-faq-en.txt: the FAQ, source of the entries that no table has (`FAQ_ENTRIES`).
//! - corrections/<layer>.toml: every change the catalog made to the zh/ja/ko documents' text (broken
//!   links, another language left in a cell, typos, a locale that contradicts the others), each with
//!   its code, locale, field, exact text before and after, and its reason.
//!
//! Every text is compared after one normalization, the same for all: runs of whitespace (the tabs
//! between the words of the `wechat_platform` cells, doubled spaces) become one space, and the text
//! is trimmed. The catalog holds every text normalized (tests/tests/catalog_text.rs checks it).
//!
//! Every other quirk of the documents that the comparison has to know about is listed in one of the
//! exception tables below, each with its reason; nothing is compared loosely for everyone.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use msdk_codes_catalog::model::{Catalog, CodeRange, Entry, Locale};
use msdk_codes_catalog::source::Sources;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

// ---------------------------------------------------------------------------------------------
// What was read from 001 by hand
// ---------------------------------------------------------------------------------------------

/// Per layer: [[code]] entries, codes they cover, [[range]]s. Counted by reading the rows of
/// 001-error-codes-en.txt, section by section.
const COUNTS: &[(&str, usize, usize, usize)] = &[
    // 2: 24 rows.
    ("access", 24, 24, 0),
    // 3: 44 rows; 7 are range headers (-100, -1000, -2000, -10000, -15000, -20000, -30000), of which
    // -10000 and -20000 are codes as well (they carry a recommended handling): 44 - 7 + 2 = 39.
    ("logical", 39, 39, 7),
    // 4: 45 rows.
    ("qq_platform", 45, 45, 0),
    // 5: 48 rows; 40003 appears twice and is one entry.
    ("wechat_platform", 47, 47, 0),
    // 5.1: 15 rows.
    ("wechat_group", 15, 15, 0),
    // 5.2: 31 rows, one of them -500003~-500009 (7 codes): 30 + 7 = 37.
    ("qq_group", 31, 37, 0),
    // 6: 39 rows.
    ("game_center", 39, 39, 0),
    // 7.1: 10 rows.
    ("share_qzone", 10, 10, 0),
    // 7.2: 56 rows.
    ("share_qq", 56, 56, 0),
    // 7.3: 11 rows.
    ("share_qq_ark", 11, 11, 0),
    // 8: 10 rows.
    ("blue_diamond", 10, 10, 0),
    // 9.1: 30 rows, each the signed and the unsigned (= hexadecimal) value, except 0x5 (5 both ways):
    // 29 * 2 + 1 = 59.
    ("oidb", 30, 59, 0),
    // 9.2: 13 rows, all in 0..=101, where signed and unsigned are the same.
    ("oidb_pay_token", 13, 13, 0),
    // 9.3: 26 rows; 0x10~0x11, 0x13~0x14, 0x24~0x25, 0x37~0x38 (2 each) and 0x32~0x36 (5): 21 + 13 = 34.
    ("oidb_access_token", 26, 34, 0),
    // 10: 5 rows.
    ("xinyue_super_r", 5, 5, 0),
    // 11: 7 rows.
    ("xinyue_wechat", 7, 7, 0),
    // 12: 5 rows.
    ("apple_login", 5, 5, 0),
];

/// Layers whose table has a row for code 0, success: the catalog has no entry for it. Decoding
/// answers `None` for success, so an error value for it would be one that no response gives (and a
/// `Handler` method that nothing calls). `COUNTS` counts the documents' rows, these included.
const SUCCESS_ROWS: &[&str] =
    &["access", "logical", "wechat_platform", "game_center", "oidb_pay_token", "oidb_access_token"];

fn is_success_row(layer: &str, code: i32) -> bool {
    code == 0 && SUCCESS_ROWS.contains(&layer)
}

/// Entries that no table of the documents has: codes the FAQ (000-faq-en.txt) shows in real
/// responses, each in the table of the API that returns it. (layer, code, the FAQ item that shows
/// it.) Their English message is the FAQ's words, zh/ja/ko are translated, and `note.en` says
/// what the FAQ says. They come on top of `COUNTS`, which counts the documents' rows.
const FAQ_ENTRIES: &[(&str, i32, &str)] = &[
    // "ret = -309 or ret = -308 or ret = -306, or ret = -101 is an exception caused by ...".
    ("access", -306, "3"),
    // "-69, internal error" indicates the application is not within the permissions system.
    ("qq_platform", -69, "6"),
    // "100030, this api without user authorization".
    ("qq_platform", 100030, "9"),
    // Common errors of /share/qq, A: {"msg": "100030, is_friend is 0", "ret": -10000}.
    ("share_qq", 100030, "8.A"),
    // Common errors of /share/qq, C: "103, directed share ..." (title can not exceed 45 bytes).
    ("share_qq", 103, "8.C"),
];

// ---------------------------------------------------------------------------------------------
// Where each layer is in each document
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Doc {
    Zh,
    Ja,
    Ko,
    Zh2016,
}

impl Doc {
    fn file(self) -> &'static str {
        match self {
            Doc::Zh => "002-error-codes-zh.md",
            Doc::Ja => "003-error-codes-ja.md",
            Doc::Ko => "004-error-codes-ko.md",
            Doc::Zh2016 => "005-error-codes-zh-2016.md",
        }
    }
}

/// The columns of a section's table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Columns {
    /// code | description | recommended handling
    CodeDescHandling,
    /// hexadecimal | signed decimal | unsigned decimal | description (9.1, 9.2); the entry's codes
    /// are the signed value, then the unsigned one when it differs.
    HexSignedUnsigned,
    /// code | description (9.3), the code possibly a range such as `0x10~0x11` or followed by `:`.
    CodeDesc,
}

impl Columns {
    fn cells(self) -> usize {
        match self {
            Columns::CodeDescHandling => 3,
            Columns::HexSignedUnsigned => 4,
            Columns::CodeDesc => 2,
        }
    }

    /// Leading words of a flattened 001 row, and leading cells of a table row, that are codes.
    fn code_words(self) -> usize {
        match self {
            Columns::HexSignedUnsigned => 3,
            Columns::CodeDescHandling | Columns::CodeDesc => 1,
        }
    }
}

struct Section {
    layer: &'static str,
    /// The heading line in 001.
    en: &'static str,
    columns: Columns,
    /// The document and heading of each translated locale; `None`: no document has that locale.
    zh: Option<(Doc, &'static str)>,
    ja: Option<&'static str>,
    ko: Option<&'static str>,
}

impl Section {
    fn doc(&self, locale: Locale) -> Option<(Doc, &'static str)> {
        match locale {
            Locale::Zh => self.zh,
            Locale::Ja => self.ja.map(|heading| (Doc::Ja, heading)),
            Locale::Ko => self.ko.map(|heading| (Doc::Ko, heading)),
            // English is compared with 001 on its own.
            _ => None,
        }
    }
}

const SECTIONS: &[Section] = &[
    Section {
        layer: "access",
        en: "2 MSDK access layer error codes",
        columns: Columns::CodeDescHandling,
        zh: Some((Doc::Zh, "## 2 MSDK接入层错误码 ##")),
        ja: Some("## 2 MSDK接続層エラーコード ##"),
        ko: Some("## 2 MSDK액세스 층 오류 코드 ##"),
    },
    Section {
        layer: "logical",
        en: "3 MSDK logical layer error codes",
        columns: Columns::CodeDescHandling,
        zh: Some((Doc::Zh, "## 3 MSDK逻辑层错误码 ##")),
        ja: Some("## 3 MSDKロジック層エラーコード ##"),
        ko: Some("## 3 MSDK논리층 오류 코드 ##"),
    },
    Section {
        layer: "qq_platform",
        en: "4 Mobile QQ platform error code",
        columns: Columns::CodeDescHandling,
        zh: Some((Doc::Zh, "## 4 手Q平台错误码 ##")),
        ja: Some("## 4 モバイルQQプラットフォームのエラーコード ##"),
        ko: Some("## 4 휴대폰 Q 플랫폼 오류 코드##"),
    },
    Section {
        layer: "wechat_platform",
        en: "5 WeChat platform error codes",
        columns: Columns::CodeDescHandling,
        zh: Some((Doc::Zh, "## 5 微信平台错误码 ##")),
        ja: Some("## 5 ウィーチャットプラットフォームのエラーコード ##"),
        ko: Some("## 5 위챗 플랫폼 오류 코드##"),
    },
    Section {
        layer: "wechat_group",
        en: "5.1 Error codes related to WeChat joining and binding groups",
        columns: Columns::CodeDescHandling,
        zh: Some((Doc::Zh, "### 微信加绑群错误码 ###")),
        ja: None,
        ko: None,
    },
    Section {
        layer: "qq_group",
        en: "5.2 Mobile QQ group interface error codes",
        columns: Columns::CodeDescHandling,
        zh: None,
        ja: None,
        ko: None,
    },
    Section {
        layer: "game_center",
        en: "6 Mobile QQ game center error codes",
        columns: Columns::CodeDescHandling,
        zh: Some((Doc::Zh, "## 6 手Q游戏中心错误码 ##")),
        ja: Some("## 6 モバイルQQゲームセンターのエラーコード ##"),
        ko: Some("## 6 휴대폰 Q 게임 센터 오류 코드##"),
    },
    Section {
        layer: "share_qzone",
        en: "7.1 Share messages to QZone(/share/qzone)",
        columns: Columns::CodeDescHandling,
        zh: Some((Doc::Zh, "### 分享到QZone /share/qzone ###")),
        ja: Some("### QZone /share/qzoneに共有 ###"),
        ko: Some("### QZone /share/qzone과 공유하기 ###"),
    },
    Section {
        layer: "share_qq",
        en: "7.2 Share messages to QQ(/share/qq)",
        columns: Columns::CodeDescHandling,
        zh: Some((Doc::Zh, "### 分享到QQ /share/qq ###")),
        ja: Some("### QQ /share/qqに共有 ###"),
        ko: Some("### QQ /share/qq와 공유하기 ###"),
    },
    Section {
        layer: "share_qq_ark",
        en: "7.3 Ark is shared to QQ (/share/qqark)",
        columns: Columns::CodeDescHandling,
        zh: None,
        ja: None,
        ko: None,
    },
    Section {
        layer: "blue_diamond",
        en: "8 Mobile QQ blue diamond gift big error codes",
        columns: Columns::CodeDescHandling,
        zh: Some((Doc::Zh, "## 8 手Q蓝钻礼包错误码 ##")),
        ja: Some("## 8 モバイルQQ青ダイヤのエラーコード ##"),
        ko: Some("## 8 휴대폰 Q 블루 다이아몬드 선물보따리 오류 코드##"),
    },
    Section {
        layer: "oidb",
        en: "9.1 OIDB unified return error codes",
        columns: Columns::HexSignedUnsigned,
        zh: Some((Doc::Zh2016, "### 1、 OIDB统一返回错误码 ###")),
        ja: None,
        ko: None,
    },
    Section {
        layer: "oidb_pay_token",
        en: "9.2 Error codes returned by PayToken verification(0x73a)of mobile QQ login interface",
        columns: Columns::HexSignedUnsigned,
        zh: Some((Doc::Zh2016, "### 2、 手Q登陆接口PayToken校验(0x73a)返回错误码 ###")),
        ja: None,
        ko: None,
    },
    Section {
        layer: "oidb_access_token",
        en: "9.3 Error codes returned by accessToken verification(0x711)of mobile QQ login interface",
        columns: Columns::CodeDesc,
        zh: Some((Doc::Zh2016, "### 3、 手Q登陆接口accessToken校验(0x711)返回错误码 ###")),
        ja: None,
        ko: None,
    },
    Section {
        layer: "xinyue_super_r",
        en: "10 Get Xinyue Super R player’s memebership ID error code",
        columns: Columns::CodeDescHandling,
        zh: None,
        ja: None,
        ko: None,
    },
    Section {
        layer: "xinyue_wechat",
        en: "11 Get Xinyue Wechat platform player membership ID error code",
        columns: Columns::CodeDescHandling,
        zh: None,
        ja: None,
        ko: None,
    },
    Section {
        layer: "apple_login",
        en: "12 Apple Login error code",
        columns: Columns::CodeDescHandling,
        zh: None,
        ja: None,
        ko: None,
    },
];

/// Headings of 001 that open no layer's table but end the section before them.
const EN_OTHER_HEADINGS: &[&str] =
    &["1 Outline", "7 Mobile QQ sharing-related error codes", "9 OIDB unified return error codes"];

/// Lines of 001's tables that are column headers.
const EN_COLUMN_HEADERS: &[&str] = &[
    "Error code Error description Recommended handling",
    "hexadecimal signed decimal unsigned decimal error description",
    "Error code Error description",
];

/// Prose inside a 001 section, not a row: (layer, the line's beginning, why).
const EN_PROSE: &[(&str, &str)] = &[
    // The footnote under section 8's table ("Try again" rows: contact support if it persists).
    ("blue_diamond", "Try again, If the problem is still there"),
];

// ---------------------------------------------------------------------------------------------
// The documents' quirks, each handled on purpose
// ---------------------------------------------------------------------------------------------

/// Codes whose zh text is not in 002 but only in the older 005 (same section, "## 3 MSDK逻辑层错误码 ##").
const ZH_FROM_2016: &[(&str, i32)] = &[("logical", -15000), ("logical", -30005)];
const ZH_2016_LOGICAL_HEADING: &str = "## 3 MSDK逻辑层错误码 ##";

/// 001 lists these codes on two rows. The catalog has ONE entry, made from the first row. The later
/// row must describe the same thing (its text starts with the entry's English message; only the
/// handling differs). The zh/ja/ko documents have only one row for the code, the later one: its
/// description is the entry's message (or, where the document left it in English, the message is
/// translated), and since its handling is the later row's, the advice is translated from the first
/// row's English and the locales are listed in `translated`.
const DUPLICATE_ROWS: &[(&str, i32)] = &[("wechat_platform", 40003)];

/// Range-header rows that also carry a recommended handling: the row is both a [[range]] and a
/// [[code]]. The range's message is the row's description (the range sentence, "-10000 and above
/// belong to this service's error"), the code's advice is the row's handling. The code's message is
/// this project's, in every locale, because the range sentence does not say what went wrong when
/// MSDK returns this `ret`: it is listed here, in the order en, zh, ja, ko.
struct RangeAndCode {
    layer: &'static str,
    code: i32,
    message: [&'static str; 4],
}

const RANGE_AND_CODE: &[RangeAndCode] = &[
    RangeAndCode {
        layer: "logical",
        code: -10000,
        message: [
            "Mobile QQ platform error, see msg",
            "手Q平台错误，详见msg",
            "モバイルQQプラットフォームのエラーです。msgを参照してください",
            "휴대폰 Q 플랫폼 오류입니다. msg를 참조하십시오.",
        ],
    },
    RangeAndCode {
        layer: "logical",
        code: -20000,
        message: [
            "WeChat platform error, see msg",
            "微信平台错误，详见msg",
            "ウィーチャットプラットフォームのエラーです。msgを参照してください",
            "위챗 플랫폼 오류입니다. msg를 참조하십시오.",
        ],
    },
];

fn range_and_code(layer: &str, code: i32) -> Option<&'static RangeAndCode> {
    RANGE_AND_CODE.iter().find(|listed| listed.layer == layer && listed.code == code)
}

impl RangeAndCode {
    fn message(&self, locale: Locale) -> &'static str {
        self.message[locale.index()]
    }
}

/// Document rows whose last cell has no closing `|`: the cell runs to the end of the line.
const MISSING_CLOSING_PIPE: &[(Doc, &str, i32)] = &[
    (Doc::Zh, "qq_platform", -26),
    (Doc::Ja, "qq_platform", -26),
    (Doc::Ko, "qq_platform", -26),
    (Doc::Ko, "access", -801),
    (Doc::Ko, "game_center", -4036),
];

/// Document rows with no `|` between description and handling: the one cell holds both, and the
/// catalog splits it at its only run of two or more whitespace characters into message and advice.
/// A departure from the document like a correction, so each is listed, with its reason, as a
/// `[[split]]` of corrections/<layer>.toml.
fn merged_description_and_handling() -> &'static [(Doc, String, i32)] {
    static SPLITS: std::sync::OnceLock<Vec<(Doc, String, i32)>> = std::sync::OnceLock::new();
    SPLITS.get_or_init(|| {
        doc_splits()
            .into_iter()
            .map(|split| {
                let doc = match split.locale {
                    Locale::Zh => Doc::Zh,
                    Locale::Ja => Doc::Ja,
                    _ => Doc::Ko,
                };
                (doc, split.layer, split.code)
            })
            .collect()
    })
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

fn sources_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sources")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
}

fn catalog() -> Catalog {
    msdk_codes_catalog::bundled::from_toml()
        .unwrap_or_else(|problems| panic!("the bundled catalog has problems:\n{}", problems.join("\n")))
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn parse_int(token: &str) -> Option<i32> {
    match token.strip_prefix("0x") {
        Some(hex) => i32::from_str_radix(hex, 16).ok(),
        None => token.parse().ok(),
    }
}

/// `-303`, `0x2a`, `0x10~0x11:`, `-500003~-500009` -> every code, in the written order.
fn parse_codes(token: &str) -> Option<Vec<i32>> {
    let token = token.strip_suffix(':').unwrap_or(token);
    match token.split_once('~') {
        None => parse_int(token).map(|code| vec![code]),
        Some((first, last)) => {
            let (first, last) = (parse_int(first)?, parse_int(last)?);
            Some(if first <= last { (first..=last).collect() } else { (last..=first).rev().collect() })
        }
    }
}

/// The codes of a hexadecimal/signed/unsigned row: the signed value, then the unsigned one when it
/// differs; `Err` when the three disagree.
fn oidb_codes(hex: &str, signed: &str, unsigned: &str) -> Result<Vec<i32>, String> {
    let (Some(hex_value), Some(signed_value), Some(unsigned_value)) =
        (parse_int(hex), parse_int(signed), parse_int(unsigned))
    else {
        return Err(format!("unreadable codes {hex:?} {signed:?} {unsigned:?}"));
    };
    if hex_value != unsigned_value || signed_value.rem_euclid(256) != unsigned_value {
        return Err(format!("hexadecimal {hex}, signed {signed} and unsigned {unsigned} are not the same byte"));
    }
    Ok(if signed_value == unsigned_value { vec![signed_value] } else { vec![signed_value, unsigned_value] })
}

/// One change the catalog made to 001's English (en-corrections/<layer>.toml).
struct Fix {
    code: i32,
    from: String,
    to: String,
}

fn find<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
    table.iter().find(|(k, _)| k.get_ref() == key).map(|(_, v)| v)
}

fn corrections(layer: &str) -> Vec<Fix> {
    let path = sources_dir().join("en-corrections").join(format!("{layer}.toml"));
    let text = read(&path);
    let document = DeTable::parse(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    let Some(fixes) = find(document.get_ref(), "fix") else { panic!("{}: no `fix` array", path.display()) };
    let fixes = fixes.get_ref().as_array().unwrap_or_else(|| panic!("{}: `fix` is not an array", path.display()));
    fixes
        .iter()
        .map(|fix| {
            let fix = fix.get_ref().as_table().unwrap_or_else(|| panic!("{}: a fix is not a table", path.display()));
            let string = |key: &str| fix_string(fix, key, &path).to_owned();
            Fix { code: fix_code(fix, &path), from: string("from"), to: string("to") }
        })
        .collect()
}

/// The string `key` of a correction, which must have it.
fn fix_string<'f>(fix: &'f DeTable<'_>, key: &str, path: &Path) -> &'f str {
    find(fix, key)
        .and_then(|v| v.get_ref().as_str())
        .unwrap_or_else(|| panic!("{}: a fix without string `{key}`", path.display()))
}

/// The `code` of a correction: an integer (hexadecimal allowed) that fits an `i32`.
fn fix_code(fix: &DeTable<'_>, path: &Path) -> i32 {
    find(fix, "code")
        .and_then(|v| v.get_ref().as_integer())
        .and_then(|i| i64::from_str_radix(i.as_str(), i.radix()).ok())
        .and_then(|wide| i32::try_from(wide).ok())
        .unwrap_or_else(|| panic!("{}: a fix without integer `code`", path.display()))
}

/// Which text of an entry a document correction changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Message,
    Advice,
}

/// One change the catalog made to a zh/ja/ko document cell (corrections/<layer>.toml), written
/// against the cell's normalized text.
struct DocFix {
    file: String,
    layer: String,
    code: i32,
    locale: Locale,
    field: Field,
    from: String,
    to: String,
}

/// Every correction of corrections/*.toml, in file order; a file that breaks the format fails here.
fn doc_corrections() -> Vec<DocFix> {
    let dir = sources_dir().join("corrections");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("cannot list {}: {err}", dir.display()))
        .map(|item| item.expect("a directory entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut fixes = Vec::new();
    for name in names {
        let Some(layer) = name.strip_suffix(".toml") else { panic!("corrections/{name}: not a .toml file") };
        assert!(SECTIONS.iter().any(|s| s.layer == layer), "corrections/{name}: no layer {layer:?}");
        let path = dir.join(&name);
        let text = read(&path);
        let document = DeTable::parse(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        let Some(list) = find(document.get_ref(), "fix") else { continue };
        let list = list.get_ref().as_array().unwrap_or_else(|| panic!("{}: `fix` is not an array", path.display()));
        for fix in list {
            let fix = fix.get_ref().as_table().unwrap_or_else(|| panic!("{}: a fix is not a table", path.display()));
            let string = |key: &str| {
                let value = fix_string(fix, key, &path);
                assert!(!value.trim().is_empty(), "{}: a fix without string `{key}`", path.display());
                value.to_owned()
            };
            let code = fix_code(fix, &path);
            let locale = match Locale::from_tag(&string("locale")) {
                Some(locale @ (Locale::Zh | Locale::Ja | Locale::Ko)) => locale,
                _ => panic!("{} {code}: `locale` must be zh, ja or ko (English is in en-corrections/)", path.display()),
            };
            let field = match string("field").as_str() {
                "message" => Field::Message,
                "advice" => Field::Advice,
                other => panic!("{} {code}: `field` is {other:?}, expected \"message\" or \"advice\"", path.display()),
            };
            let (from, to) = (string("from"), string("to"));
            assert_ne!(from, to, "{} {code} {locale}: `from` and `to` are the same", path.display());
            // Every correction says why; the test only checks that it does.
            string("reason");
            fixes.push(DocFix { file: name.clone(), layer: layer.to_owned(), code, locale, field, from, to });
        }
    }
    fixes
}

/// A document row whose description and handling share one cell, which the catalog splits into
/// message and advice (a `[[split]]` of corrections/<layer>.toml).
struct DocSplit {
    layer: String,
    code: i32,
    locale: Locale,
}

/// Every `[[split]]` of corrections/*.toml; a file that breaks the format fails here.
fn doc_splits() -> Vec<DocSplit> {
    let dir = sources_dir().join("corrections");
    let mut splits = Vec::new();
    for section in SECTIONS {
        let path = dir.join(format!("{}.toml", section.layer));
        if !path.exists() {
            continue;
        }
        let text = read(&path);
        let document = DeTable::parse(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        let Some(list) = find(document.get_ref(), "split") else { continue };
        let list = list.get_ref().as_array().unwrap_or_else(|| panic!("{}: `split` is not an array", path.display()));
        for split in list {
            let split =
                split.get_ref().as_table().unwrap_or_else(|| panic!("{}: a split is not a table", path.display()));
            let code = fix_code(split, &path);
            let locale = match Locale::from_tag(fix_string(split, "locale", &path)) {
                Some(locale @ (Locale::Zh | Locale::Ja | Locale::Ko)) => locale,
                _ => panic!("{} {code}: a split's `locale` must be zh, ja or ko", path.display()),
            };
            assert!(
                !fix_string(split, "reason", &path).trim().is_empty(),
                "{} {code}: a split says why the catalog splits the cell",
                path.display()
            );
            splits.push(DocSplit { layer: section.layer.to_owned(), code, locale });
        }
    }
    splits
}

/// The document's cell as the catalog must hold it: normalized, then corrected by every listed fix
/// for this text, in the listed order. Marks the fixes it applies as used.
struct DocFixes {
    fixes: Vec<DocFix>,
    used: Vec<bool>,
}

impl DocFixes {
    fn load() -> DocFixes {
        let fixes = doc_corrections();
        let used = vec![false; fixes.len()];
        DocFixes { fixes, used }
    }

    fn expected(
        &mut self,
        (layer, code, locale, field): (&str, i32, Locale, Field),
        cell: Option<&str>,
        failures: &mut Vec<String>,
    ) -> Option<String> {
        let mut text = cell.map(collapse);
        for (index, fix) in self.fixes.iter().enumerate() {
            if (fix.layer.as_str(), fix.code, fix.locale, fix.field) != (layer, code, locale, field) {
                continue;
            }
            self.used[index] = true;
            match text.as_mut() {
                Some(text) if text.contains(&fix.from) => *text = text.replacen(&fix.from, &fix.to, 1),
                _ => failures.push(format!(
                    "corrections/{}: {layer} {code} {locale} {field:?}: `from` {:?} is not in the document's text \
                     {text:?}",
                    fix.file, fix.from
                )),
            }
        }
        text
    }

    /// Fixes that name no text compared with a document (no such row, or a translated locale).
    fn unused(&self) -> impl Iterator<Item = &DocFix> {
        self.fixes.iter().zip(&self.used).filter(|(_, used)| !**used).map(|(fix, _)| fix)
    }
}

/// One row of 001: its 1-based line number, the code its entry's `code()` returns, the line as written.
struct EnRow {
    line: usize,
    key: i32,
    raw: String,
}

/// The lines of 001's section for `section`, with their 1-based line numbers.
fn en_section_lines<'t>(en: &'t str, section: &Section) -> Vec<(usize, &'t str)> {
    let is_heading = |line: &str| {
        let line = line.trim();
        SECTIONS.iter().any(|s| s.en == line) || EN_OTHER_HEADINGS.contains(&line)
    };
    let mut lines = en.lines().enumerate().map(|(i, line)| (i + 1, line));
    let found = lines.by_ref().any(|(_, line)| line.trim() == section.en);
    assert!(found, "001 has no heading {:?} (layer {})", section.en, section.layer);
    lines.take_while(|(_, line)| !is_heading(line)).collect()
}

/// The key of a 001 row (the code its entry's `code()` returns), or `None` for a line that is not a row.
fn en_key(columns: Columns, line: &str) -> Option<i32> {
    let words: Vec<&str> = line.split_whitespace().collect();
    match columns {
        Columns::HexSignedUnsigned if words.len() >= 3 && words[0].starts_with("0x") => parse_int(words[1]),
        Columns::HexSignedUnsigned => None,
        Columns::CodeDescHandling | Columns::CodeDesc => words.first().and_then(|w| parse_codes(w)).map(|c| c[0]),
    }
}

fn en_rows(en: &str, section: &Section, failures: &mut Vec<String>) -> Vec<EnRow> {
    let mut rows = Vec::new();
    for (line_number, line) in en_section_lines(en, section) {
        let trimmed = line.trim();
        if trimmed.is_empty() || EN_COLUMN_HEADERS.contains(&trimmed) {
            continue;
        }
        if let Some(key) = en_key(section.columns, line) {
            rows.push(EnRow { line: line_number, key, raw: line.to_owned() });
        } else if !EN_PROSE.iter().any(|(layer, start)| *layer == section.layer && trimmed.starts_with(start)) {
            failures.push(format!(
                "{}: 001 line {line_number} is neither a row, a column header nor listed prose: {trimmed:?}",
                section.layer
            ));
        }
    }
    rows
}

/// A row of a markdown table, its cells trimmed.
struct DocRow {
    line: usize,
    key: i32,
    codes: Vec<i32>,
    description: String,
    /// `None` when the cell is empty or "-", or the table has no handling column.
    handling: Option<String>,
}

fn doc_section_lines<'t>(text: &'t str, doc: Doc, heading: &str) -> Vec<(usize, &'t str)> {
    let mut lines = text.lines().enumerate().map(|(i, line)| (i + 1, line));
    let found = lines.by_ref().any(|(_, line)| line.trim() == heading);
    assert!(found, "{} has no heading {heading:?}", doc.file());
    lines.take_while(|(_, line)| !line.trim_start().starts_with('#')).collect()
}

/// Which entries of MISSING_CLOSING_PIPE and the listed splits were met, by index,
/// so that a list entry the documents no longer need fails the test.
#[derive(Default)]
struct DocQuirksUsed {
    missing_pipe: BTreeSet<usize>,
    merged: BTreeSet<usize>,
}

fn doc_rows(
    text: &str,
    doc: Doc,
    heading: &str,
    section: &Section,
    used: &mut DocQuirksUsed,
    failures: &mut Vec<String>,
) -> Vec<DocRow> {
    let mut rows = Vec::new();
    let file = doc.file();
    for (line, raw) in doc_section_lines(text, doc, heading) {
        let trimmed = raw.trim();
        let Some(body) = trimmed.strip_prefix('|') else { continue };
        let closed = body.ends_with('|');
        let mut cells: Vec<&str> = body.split('|').map(str::trim).collect();
        if closed {
            cells.pop();
        }
        let key_and_codes = match section.columns {
            Columns::HexSignedUnsigned if cells.len() >= 3 => {
                parse_int(cells[0]).map(|_| oidb_codes(cells[0], cells[1], cells[2]))
            }
            Columns::HexSignedUnsigned => None,
            Columns::CodeDescHandling | Columns::CodeDesc => parse_codes(cells[0]).map(Ok),
        };
        // Header and separator rows have no code in their first cell.
        let Some(codes) = key_and_codes else { continue };
        let codes = match codes {
            Ok(codes) => codes,
            Err(why) => {
                failures.push(format!("{}: {file}:{line}: {why}", section.layer));
                continue;
            }
        };
        let key = codes[0];
        let code_cells = section.columns.code_words();
        let expected = section.columns.cells();
        let listed = |mut list: &mut dyn Iterator<Item = (Doc, &str, i32)>| {
            Iterator::position(&mut list, |(d, layer, code)| d == doc && layer == section.layer && code == key)
        };
        let mut text_cells: Vec<String> = cells.iter().skip(code_cells).map(|cell| (*cell).to_owned()).collect();
        if !closed {
            match listed(&mut MISSING_CLOSING_PIPE.iter().map(|(d, layer, code)| (*d, *layer, *code))) {
                Some(index) => {
                    used.missing_pipe.insert(index);
                }
                None => {
                    failures.push(format!(
                        "{}: {file}:{line}: row {key} has no closing `|` and is not listed in MISSING_CLOSING_PIPE",
                        section.layer
                    ));
                    continue;
                }
            }
        }
        if cells.len() != expected {
            let merged = merged_description_and_handling();
            match listed(&mut merged.iter().map(|(d, layer, code)| (*d, layer.as_str(), *code))) {
                Some(index) if cells.len() == 2 && section.columns == Columns::CodeDescHandling => {
                    used.merged.insert(index);
                    let merged = cells[1];
                    let splits = whitespace_runs(merged);
                    if splits.len() != 1 {
                        failures.push(format!(
                            "{}: {file}:{line}: row {key}: the merged cell has {} runs of 2+ whitespace, \
                             so the description/handling split is not clear: {merged:?}",
                            section.layer,
                            splits.len()
                        ));
                        continue;
                    }
                    let (start, end) = splits[0];
                    text_cells = vec![merged[..start].to_owned(), merged[end..].to_owned()];
                }
                _ => {
                    failures.push(format!(
                        "{}: {file}:{line}: row {key} has {} cells, the table has {expected} (one cell holding description \
                         and handling is listed as a [[split]] of corrections/<layer>.toml): {trimmed:?}",
                        section.layer,
                        cells.len()
                    ));
                    continue;
                }
            }
        }
        let description = text_cells[0].clone();
        let handling = text_cells.get(1).filter(|cell| !cell.is_empty() && cell.as_str() != "-").cloned();
        rows.push(DocRow { line, key, codes, description, handling });
    }
    rows
}

/// Byte ranges of the runs of two or more whitespace characters in `text`.
fn whitespace_runs(text: &str) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    for (index, c) in text.char_indices().chain(std::iter::once((text.len(), 'x'))) {
        match (c.is_whitespace(), start) {
            (true, None) => start = Some((index, 1)),
            (true, Some((s, n))) => start = Some((s, n + 1)),
            (false, Some((s, n))) => {
                if n >= 2 {
                    runs.push((s, index));
                }
                start = None;
            }
            (false, None) => {}
        }
    }
    runs
}

fn section(layer: &str) -> &'static Section {
    SECTIONS.iter().find(|s| s.layer == layer).unwrap_or_else(|| panic!("no section for layer {layer}"))
}

fn rows_with_key<R>(rows: &[R], key: i32, key_of: impl Fn(&R) -> i32) -> Vec<&R> {
    rows.iter().filter(|row| key_of(row) == key).collect()
}

fn range_row_keys(range: &CodeRange, keys: impl IntoIterator<Item = i32>) -> Vec<i32> {
    keys.into_iter().filter(|key| *key == range.low || *key == range.high).collect()
}

fn report(what: &str, failures: Vec<String>) {
    assert!(failures.is_empty(), "{} {what}:\n{}", failures.len(), failures.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

#[test]
fn counts_per_layer_are_those_of_the_english_document() {
    let catalog = catalog();
    let mut failures = Vec::new();
    let expected: BTreeSet<&str> = COUNTS.iter().map(|(id, ..)| *id).collect();
    let actual: BTreeSet<&str> = catalog.layers.iter().map(|l| l.id.as_str()).collect();
    if expected != actual {
        failures.push(format!("layers: expected {expected:?}, the catalog has {actual:?}"));
    }
    for &(id, entries, codes, ranges) in COUNTS {
        let Some(layer) = catalog.layer(id) else { continue };
        // Each FAQ entry is one entry of one code; the success row is none.
        let faq = FAQ_ENTRIES.iter().filter(|(layer, ..)| *layer == id).count();
        let success = usize::from(SUCCESS_ROWS.contains(&id));
        let (entries, codes) = (entries + faq - success, codes + faq - success);
        let actual_codes: usize = layer.entries.iter().map(|e| e.codes.len()).sum();
        let distinct: BTreeSet<i32> = layer.entries.iter().flat_map(|e| e.codes.iter().copied()).collect();
        let found = (layer.entries.len(), actual_codes, layer.ranges.len());
        if found != (entries, codes, ranges) {
            failures.push(format!(
                "{id}: expected {entries} entries, {codes} codes, {ranges} ranges; the catalog has {} entries, \
                 {} codes, {} ranges",
                found.0, found.1, found.2
            ));
        }
        if distinct.len() != actual_codes {
            failures.push(format!("{id}: {actual_codes} codes but only {} distinct", distinct.len()));
        }
    }
    report("count differences", failures);
}

#[test]
fn every_entry_has_every_locale() {
    let catalog = catalog();
    let mut failures = Vec::new();
    for layer in &catalog.layers {
        for locale in Locale::ALL {
            if layer.title.get(locale).is_none_or(|t| t.trim().is_empty()) {
                failures.push(format!("{}: no title in {locale}", layer.id));
            }
        }
        for entry in &layer.entries {
            let has_advice = entry.advice.get(Locale::En).is_some();
            for locale in Locale::ALL {
                if entry.message.get(locale).is_none_or(|m| m.trim().is_empty()) {
                    failures.push(format!("{} {}: no message in {locale}", layer.id, entry.code()));
                }
                match (has_advice, entry.advice.get(locale)) {
                    (true, None) => {
                        failures.push(format!("{} {}: English has advice, {locale} has none", layer.id, entry.code()))
                    }
                    (true, Some(advice)) if advice.trim().is_empty() => {
                        failures.push(format!("{} {}: empty advice in {locale}", layer.id, entry.code()))
                    }
                    (false, Some(_)) => {
                        failures.push(format!("{} {}: advice in {locale} but none in English", layer.id, entry.code()))
                    }
                    _ => {}
                }
            }
            if entry.translated.contains(&Locale::En) {
                failures.push(format!("{} {}: English is listed as translated", layer.id, entry.code()));
            }
        }
        for range in &layer.ranges {
            for locale in Locale::ALL {
                if range.message.get(locale).is_none_or(|m| m.trim().is_empty()) {
                    failures.push(format!("{} range {}: no message in {locale}", layer.id, range.name));
                }
            }
            if range.translated.contains(&Locale::En) {
                failures.push(format!("{} range {}: English is listed as translated", layer.id, range.name));
            }
        }
    }
    report("missing texts", failures);
}

/// The corrected English row, for each key of the section that has a row: fixes applied to the
/// first row with that key (the one the entry is made from).
struct EnglishSection {
    rows: Vec<EnRow>,
    corrected: BTreeMap<i32, String>,
}

fn english_section(en: &str, section: &Section, failures: &mut Vec<String>) -> EnglishSection {
    let rows = en_rows(en, section, failures);
    let fixes = corrections(section.layer);
    let mut corrected = BTreeMap::new();
    for row in &rows {
        if corrected.contains_key(&row.key) {
            continue;
        }
        let mut line = row.raw.clone();
        for fix in fixes.iter().filter(|fix| fix.code == row.key) {
            if line.contains(&fix.from) {
                line = line.replacen(&fix.from, &fix.to, 1);
            } else {
                failures.push(format!(
                    "{} {}: en-corrections `from` {:?} is not in 001 line {}: {:?}",
                    section.layer, fix.code, fix.from, row.line, line
                ));
            }
        }
        corrected.insert(row.key, line);
    }
    for fix in &fixes {
        if !corrected.contains_key(&fix.code) {
            failures.push(format!("{} {}: en-corrections names a code with no row in 001", section.layer, fix.code));
        }
    }
    EnglishSection { rows, corrected }
}

/// The codes and the text (whitespace collapsed) of a corrected 001 row.
fn en_codes_and_text(columns: Columns, line: &str) -> Result<(Vec<i32>, String), String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let codes = match columns {
        Columns::HexSignedUnsigned => oidb_codes(words[0], words[1], words[2])?,
        Columns::CodeDescHandling | Columns::CodeDesc => {
            parse_codes(words[0]).ok_or_else(|| format!("unreadable code {:?}", words[0]))?
        }
    };
    Ok((codes, words[columns.code_words()..].join(" ")))
}

fn expected_en(entry: &Entry) -> String {
    let message = entry.message.get(Locale::En).unwrap_or_default();
    match entry.advice.get(Locale::En) {
        Some(advice) => collapse(&format!("{message} {advice}")),
        None => collapse(message),
    }
}

#[test]
fn english_is_the_document_with_the_listed_corrections() {
    let catalog = catalog();
    let en = read(&sources_dir().join("001-error-codes-en.txt"));
    let mut failures = Vec::new();
    for layer in &catalog.layers {
        let section = section(&layer.id);
        let english = english_section(&en, section, &mut failures);
        let mut claimed: BTreeSet<i32> = BTreeSet::new();
        for entry in &layer.entries {
            let code = entry.code();
            let rows = rows_with_key(&english.rows, code, |row| row.key);
            let duplicate = DUPLICATE_ROWS.contains(&(layer.id.as_str(), code));
            if is_faq_entry(&layer.id, code) {
                // Held to the FAQ by `faq_entries_are_the_listed_codes_of_the_faq`.
                if !rows.is_empty() {
                    failures.push(format!("{} {code}: listed in FAQ_ENTRIES, but 001 has a row for it", layer.id));
                }
                continue;
            }
            match (rows.len(), duplicate) {
                (0, _) => {
                    failures
                        .push(format!("{} {code}: no row with this code in 001 section {:?}", layer.id, section.en));
                    continue;
                }
                (1, false) => {}
                (2, true) => {
                    let later = collapse(&rows[1].raw);
                    let (_, later_text) = en_codes_and_text(section.columns, &later).unwrap_or_default();
                    let message = collapse(entry.message.get(Locale::En).unwrap_or_default());
                    if !later_text.starts_with(&format!("{message} ")) {
                        failures.push(format!(
                            "{} {code}: the repeated row (001 line {}) does not describe the entry's message \
                             {message:?}: {later_text:?}",
                            layer.id, rows[1].line
                        ));
                    }
                }
                (n, _) => {
                    failures.push(format!(
                        "{} {code}: {n} rows in 001 (lines {:?}); DUPLICATE_ROWS {} this code",
                        layer.id,
                        rows.iter().map(|r| r.line).collect::<Vec<_>>(),
                        if duplicate { "expects 2 for" } else { "does not list" }
                    ));
                    continue;
                }
            }
            claimed.insert(code);
            let line = &english.corrected[&code];
            let (codes, text) = match en_codes_and_text(section.columns, line) {
                Ok(found) => found,
                Err(why) => {
                    failures.push(format!("{} {code}: 001 line {}: {why}", layer.id, rows[0].line));
                    continue;
                }
            };
            if codes != entry.codes {
                failures.push(format!(
                    "{} {code}: codes differ: catalog {:?}, 001 line {} {:?}",
                    layer.id, entry.codes, rows[0].line, codes
                ));
            }
            let expected = match range_and_code(&layer.id, code) {
                // The row is the range's sentence and the code's advice; the code's message is listed.
                Some(listed) => {
                    for locale in Locale::ALL {
                        if entry.message.get(locale) != Some(listed.message(locale)) {
                            failures.push(format!(
                                "{} {code} {locale}: the message is the one RANGE_AND_CODE lists, {:?}, but the \
                                 catalog has {:?}",
                                layer.id,
                                listed.message(locale),
                                entry.message.get(locale)
                            ));
                        }
                    }
                    let range = layer.ranges.iter().find(|r| r.low == code || r.high == code);
                    let sentence = range.and_then(|r| r.message.get(Locale::En)).unwrap_or_default();
                    let advice = entry.advice.get(Locale::En).unwrap_or_default();
                    collapse(&format!("{sentence} {advice}"))
                }
                None => expected_en(entry),
            };
            // A handling of "-" is no advice.
            let matches =
                text == expected || (entry.advice.get(Locale::En).is_none() && text == expected.clone() + " -");
            if !matches {
                let what = if range_and_code(&layer.id, code).is_some() {
                    "the range's message.en and the code's advice.en"
                } else {
                    "\"message.en advice.en\""
                };
                failures.push(format!(
                    "{} {code} en: catalog {what} is {expected:?}, 001 line {} with corrections is {text:?}",
                    layer.id, rows[0].line
                ));
            }
        }
        for range in &layer.ranges {
            let keys = range_row_keys(range, english.rows.iter().map(|row| row.key));
            let [key] = keys[..] else {
                failures.push(format!(
                    "{} range {} ({}..={}): expected one 001 row for it, found codes {keys:?}",
                    layer.id, range.name, range.low, range.high
                ));
                continue;
            };
            claimed.insert(key);
            if range_and_code(&layer.id, key).is_some() {
                // Compared with the code's entry above; the entry is checked to exist below.
                continue;
            }
            let (_, text) = en_codes_and_text(section.columns, &english.corrected[&key]).unwrap_or_default();
            let expected = collapse(range.message.get(Locale::En).unwrap_or_default());
            if text != expected {
                failures.push(format!(
                    "{} range {} en: catalog {expected:?}, 001 row {key} with corrections {text:?}",
                    layer.id, range.name
                ));
            }
        }
        let success_rows = english.rows.iter().filter(|row| is_success_row(&layer.id, row.key)).count();
        if SUCCESS_ROWS.contains(&layer.id.as_str()) && success_rows != 1 {
            failures.push(format!("{}: listed in SUCCESS_ROWS, but 001 has {success_rows} rows for code 0", layer.id));
        }
        for row in english.rows.iter().filter(|row| !is_success_row(&layer.id, row.key)) {
            if !claimed.contains(&row.key) {
                failures.push(format!(
                    "{}: 001 line {} (code {}) has no entry or range: {:?}",
                    layer.id,
                    row.line,
                    row.key,
                    row.raw.trim()
                ));
            }
        }
    }
    let listed = RANGE_AND_CODE.iter().map(|listed| (listed.layer, listed.code));
    for (layer, code) in DUPLICATE_ROWS.iter().copied().chain(listed) {
        if catalog.layer(layer).is_none_or(|l| l.entries.iter().all(|e| e.code() != code)) {
            failures.push(format!("{layer} {code}: listed as an exception but the catalog has no such entry"));
        }
    }
    report("English differences", failures);
}

/// The four markdown documents, read once, and which listed quirks were met.
struct DocSections {
    texts: BTreeMap<&'static str, String>,
    used: DocQuirksUsed,
}

impl DocSections {
    fn new() -> DocSections {
        let texts = [Doc::Zh, Doc::Ja, Doc::Ko, Doc::Zh2016]
            .into_iter()
            .map(|doc| (doc.file(), read(&sources_dir().join(doc.file()))))
            .collect();
        DocSections { texts, used: DocQuirksUsed::default() }
    }

    fn rows(&mut self, doc: Doc, heading: &str, section: &Section, failures: &mut Vec<String>) -> Vec<DocRow> {
        let text = &self.texts[doc.file()];
        doc_rows(text, doc, heading, section, &mut self.used, failures)
    }
}

fn compare_cell(
    failures: &mut Vec<String>,
    what: String,
    catalog: Option<&str>,
    document: Option<&str>,
    doc: Doc,
    line: usize,
) {
    if catalog != document {
        failures.push(format!(
            "{what} differs: catalog {catalog:?}, {}:{line} normalized and corrected {document:?}",
            doc.file()
        ));
    }
}

#[test]
fn chinese_japanese_korean_are_the_document_cells() {
    let catalog = catalog();
    let mut docs = DocSections::new();
    let mut fixes = DocFixes::load();
    let mut failures = Vec::new();
    for layer in &catalog.layers {
        let section = section(&layer.id);
        for locale in [Locale::Zh, Locale::Ja, Locale::Ko] {
            let Some((doc, heading)) = section.doc(locale) else {
                for entry in layer.entries.iter().filter(|e| !e.translated.contains(&locale)) {
                    failures.push(format!(
                        "{} {} {locale}: no document has {locale} for this layer, but `translated` does not list it",
                        layer.id,
                        entry.code()
                    ));
                }
                for range in layer.ranges.iter().filter(|r| !r.translated.contains(&locale)) {
                    failures.push(format!(
                        "{} range {} {locale}: no document has {locale} for this layer, but `translated` does not \
                         list it",
                        layer.id, range.name
                    ));
                }
                continue;
            };
            let rows = docs.rows(doc, heading, section, &mut failures);
            let older = if locale == Locale::Zh && ZH_FROM_2016.iter().any(|(l, _)| *l == layer.id) {
                docs.rows(Doc::Zh2016, ZH_2016_LOGICAL_HEADING, section, &mut failures)
            } else {
                Vec::new()
            };
            let mut claimed: BTreeSet<i32> = BTreeSet::new();
            for entry in &layer.entries {
                let code = entry.code();
                let (doc, heading, rows) = if locale == Locale::Zh && ZH_FROM_2016.contains(&(layer.id.as_str(), code))
                {
                    (Doc::Zh2016, ZH_2016_LOGICAL_HEADING, &older)
                } else {
                    (doc, heading, &rows)
                };
                let found = rows_with_key(rows, code, |row| row.key);
                claimed.insert(code);
                let duplicate = DUPLICATE_ROWS.contains(&(layer.id.as_str(), code));
                let translated = entry.translated.contains(&locale);
                // A row whose description the document left in English (every row of the
                // wechat_platform tables) with the locale in `translated`: the message is this
                // project's translation, while the advice is still the document's cell
                // (tests/tests/catalog_text.rs fails on a message left in English).
                let english_row = translated
                    && match found[..] {
                        [row] => entry.message.get(Locale::En) == Some(collapse(&row.description).as_str()),
                        _ => false,
                    };
                if translated && !duplicate && !english_row {
                    // Translated although the document has the row: only right when the row has no
                    // handling while English has advice (the advice had to be written).
                    if let [row] = found[..]
                        && (row.handling.is_some() || entry.advice.get(Locale::En).is_none())
                    {
                        failures.push(format!(
                            "{} {code} {locale}: listed in `translated`, but {}:{} has the row: copy its cells \
                                 {:?} / {:?} and drop {locale} from `translated`",
                            layer.id,
                            doc.file(),
                            row.line,
                            row.description,
                            row.handling
                        ));
                    }
                    continue;
                }
                let row = match found[..] {
                    [row] => row,
                    [] => {
                        failures.push(format!(
                            "{} {code} {locale}: not in `translated`, but {} has no row {code} under {heading:?}",
                            layer.id,
                            doc.file()
                        ));
                        continue;
                    }
                    _ => {
                        failures.push(format!(
                            "{} {code} {locale}: {} has {} rows {code}",
                            layer.id,
                            doc.file(),
                            found.len()
                        ));
                        continue;
                    }
                };
                if row.codes != entry.codes {
                    failures.push(format!(
                        "{} {code} {locale}: codes differ: catalog {:?}, {}:{} {:?}",
                        layer.id,
                        entry.codes,
                        doc.file(),
                        row.line,
                        row.codes
                    ));
                }
                if !english_row {
                    let what = format!("{} {code} {locale} message", layer.id);
                    let key = (layer.id.as_str(), code, locale, Field::Message);
                    let message = match range_and_code(&layer.id, code) {
                        // The row's description is the range's message; the code's is listed.
                        Some(listed) => Some(listed.message(locale).to_owned()),
                        None => fixes.expected(key, Some(&row.description), &mut failures),
                    };
                    compare_cell(&mut failures, what, entry.message.get(locale), message.as_deref(), doc, row.line);
                }
                if duplicate {
                    // Only the message can be the document's: see DUPLICATE_ROWS.
                    if !entry.translated.contains(&locale) {
                        failures.push(format!(
                            "{} {code} {locale}: the advice must be translated (DUPLICATE_ROWS), list {locale} in \
                             `translated`",
                            layer.id
                        ));
                    }
                    continue;
                }
                if translated && row.handling.is_none() && entry.advice.get(Locale::En).is_some() {
                    // The row has no handling: the advice is this project's.
                    continue;
                }
                let what = format!("{} {code} {locale} advice", layer.id);
                let key = (layer.id.as_str(), code, locale, Field::Advice);
                let advice = fixes.expected(key, row.handling.as_deref(), &mut failures);
                compare_cell(&mut failures, what, entry.advice.get(locale), advice.as_deref(), doc, row.line);
            }
            for range in &layer.ranges {
                let use_older =
                    locale == Locale::Zh && ZH_FROM_2016.iter().any(|(l, c)| *l == layer.id && range_covers(range, *c));
                let (doc, rows) = if use_older { (Doc::Zh2016, &older) } else { (doc, &rows) };
                let keys = range_row_keys(range, rows.iter().map(|row| row.key));
                if let [key] = keys[..] {
                    claimed.insert(key);
                }
                if range.translated.contains(&locale) {
                    continue;
                }
                let [key] = keys[..] else {
                    failures.push(format!(
                        "{} range {} {locale}: not in `translated`, but {} has {} rows for it",
                        layer.id,
                        range.name,
                        doc.file(),
                        keys.len()
                    ));
                    continue;
                };
                let row = rows.iter().find(|row| row.key == key).expect("found above");
                let what = format!("{} range {} {locale} message", layer.id, range.name);
                let message = collapse(&row.description);
                compare_cell(&mut failures, what, range.message.get(locale), Some(&message), doc, row.line);
            }
            for row in rows.iter().filter(|row| !is_success_row(&layer.id, row.key)) {
                if !claimed.contains(&row.key) {
                    failures.push(format!(
                        "{} {locale}: {}:{} (code {}) has no entry or range",
                        layer.id,
                        doc.file(),
                        row.line,
                        row.key
                    ));
                }
            }
        }
    }
    for (index, (doc, layer, code)) in MISSING_CLOSING_PIPE.iter().enumerate() {
        if !docs.used.missing_pipe.contains(&index) {
            failures.push(format!("MISSING_CLOSING_PIPE lists {} {layer} {code}, but that row is fine", doc.file()));
        }
    }
    for (index, (doc, layer, code)) in merged_description_and_handling().iter().enumerate() {
        if !docs.used.merged.contains(&index) {
            failures.push(format!(
                "corrections/{layer}.toml has a [[split]] of {} {layer} {code}, but that row is fine",
                doc.file()
            ));
        }
    }
    for fix in fixes.unused() {
        failures.push(format!(
            "corrections/{}: {} {} {} {:?} names no text that is compared with a document (no such row, or the \
             locale is listed in `translated`)",
            fix.file, fix.layer, fix.code, fix.locale, fix.field
        ));
    }
    report("differences from the zh/ja/ko documents", failures);
}

fn is_faq_entry(layer: &str, code: i32) -> bool {
    FAQ_ENTRIES.iter().any(|(l, c, _)| *l == layer && *c == code)
}

/// The text of a FAQ item: "3" is the numbered item `3. ...` up to the next numbered item, "8.A"
/// the lettered paragraph `A. ...` of item 8 up to its next lettered paragraph.
fn faq_item(faq: &str, item: &str) -> Option<String> {
    let (number, letter) = match item.split_once('.') {
        Some((number, letter)) => (number, Some(letter)),
        None => (item, None),
    };
    let starts = |line: &str, label: &str| line.trim_start().starts_with(&format!("{label}. "));
    let numbered = |line: &str| {
        let digits = line.trim_start().chars().take_while(char::is_ascii_digit).count();
        digits > 0 && line.trim_start()[digits..].starts_with(". ")
    };
    let mut lines = faq.lines().skip_while(|line| !starts(line, number));
    let first = lines.next()?;
    let body: Vec<&str> = std::iter::once(first).chain(lines.take_while(|line| !numbered(line))).collect();
    let Some(letter) = letter else { return Some(body.join("\n")) };
    let lettered = |line: &str| {
        let mut chars = line.trim_start().chars();
        chars.next().is_some_and(|c| c.is_ascii_uppercase()) && chars.as_str().starts_with(". ")
    };
    let mut lines = body.into_iter().skip_while(|line| !starts(line, letter));
    let first = lines.next()?;
    Some(std::iter::once(first).chain(lines.take_while(|line| !lettered(line))).collect::<Vec<_>>().join("\n"))
}

#[test]
fn faq_entries_are_the_listed_codes_of_the_faq() {
    let catalog = catalog();
    let en = read(&sources_dir().join("001-error-codes-en.txt"));
    let faq = read(&sources_dir().join("000-faq-en.txt"));
    let mut failures = Vec::new();
    // The entries that no 001 row has are exactly FAQ_ENTRIES.
    let mut without_row = BTreeSet::new();
    for layer in &catalog.layers {
        let rows = en_rows(&en, section(&layer.id), &mut failures);
        for entry in &layer.entries {
            if rows_with_key(&rows, entry.code(), |row| row.key).is_empty() {
                without_row.insert((layer.id.clone(), entry.code()));
            }
        }
    }
    let listed: BTreeSet<(String, i32)> = FAQ_ENTRIES.iter().map(|(l, c, _)| ((*l).to_owned(), *c)).collect();
    if without_row != listed {
        failures.push(format!("entries without a 001 row: {without_row:?}; FAQ_ENTRIES lists {listed:?}"));
    }
    for &(layer_id, code, item) in FAQ_ENTRIES {
        let Some(entry) = catalog.layer(layer_id).and_then(|l| l.entries.iter().find(|e| e.code() == code)) else {
            failures.push(format!("{layer_id} {code}: listed in FAQ_ENTRIES, but the catalog has no such entry"));
            continue;
        };
        let Some(text) = faq_item(&faq, item) else {
            failures.push(format!("{layer_id} {code}: the FAQ has no item {item}"));
            continue;
        };
        // The code as the FAQ writes it, not as part of a longer number.
        let written = text.match_indices(&code.to_string()).any(|(at, found)| {
            let before = text[..at].chars().next_back();
            let after = text[at + found.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_digit() || (code > 0 && c == '-'))
                && !after.is_some_and(|c| c.is_ascii_digit())
        });
        if !written {
            failures.push(format!("{layer_id} {code}: FAQ item {item} does not show this code: {text:?}"));
        }
        let message = entry.message.get(Locale::En).unwrap_or_default();
        if !collapse(&text).to_lowercase().contains(&collapse(message).to_lowercase()) {
            failures.push(format!("{layer_id} {code}: message.en {message:?} is not the words of FAQ item {item}"));
        }
        if !entry.note.get(Locale::En).is_some_and(|note| note.starts_with("The FAQ ")) {
            failures.push(format!("{layer_id} {code}: note.en must say what the FAQ says (\"The FAQ ...\")"));
        }
        if entry.translated != [Locale::Zh, Locale::Ja, Locale::Ko] {
            failures.push(format!(
                "{layer_id} {code}: no document has this code in zh/ja/ko, `translated` must be [\"zh\", \"ja\", \"ko\"], \
                 not {:?}",
                entry.translated
            ));
        }
        if entry.codes != [code] {
            failures.push(format!("{layer_id} {code}: a FAQ entry is one code, not {:?}", entry.codes));
        }
    }
    report("FAQ entry problems", failures);
}

fn range_covers(range: &CodeRange, code: i32) -> bool {
    range.low <= code && code <= range.high
}

#[test]
fn the_bundled_list_is_the_data_directory() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    let mut on_disk = BTreeSet::new();
    for item in std::fs::read_dir(&data).unwrap_or_else(|err| panic!("cannot list {}: {err}", data.display())) {
        let path = item.expect("a directory entry").path();
        if path.extension().is_some_and(|ext| ext == "toml") {
            on_disk.insert(path.file_name().expect("a file name").to_string_lossy().into_owned());
        }
    }
    let bundled: Vec<&str> = Sources::bundled_names().collect();
    let bundled_set: BTreeSet<String> = bundled.iter().map(|name| (*name).to_owned()).collect();
    assert_eq!(bundled.len(), bundled_set.len(), "Sources::bundled_names() lists a file twice: {bundled:?}");
    let missing: Vec<_> = on_disk.difference(&bundled_set).collect();
    let extra: Vec<_> = bundled_set.difference(&on_disk).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "data/ and Sources::bundled_names() differ: not bundled {missing:?}, bundled but not in data/ {extra:?}"
    );
    let mut failures = Vec::new();
    for name in &on_disk {
        let path = data.join(name);
        let text = read(&path);
        let document = DeTable::parse(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        let id = find(document.get_ref(), "layer")
            .and_then(|layer| layer.get_ref().as_table())
            .and_then(|layer| find(layer, "id"))
            .and_then(|id| id.get_ref().as_str());
        let stem = name.strip_suffix(".toml").expect("a .toml name");
        if id != Some(stem) {
            failures.push(format!("data/{name}: [layer] id is {id:?}, the file name says {stem:?}"));
        }
    }
    report("file names that are not their layer id", failures);
}
