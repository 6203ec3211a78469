//! Data far from the bundled catalog's shape still expands to Rust that lexes, in a size that
//! follows the data's: codes spread across the whole `i32` range, and a layer whose codes all
//! share another table's.

use msdk_codes_catalog::model::Locale;
use msdk_codes_catalog::source::Sources;
use msdk_codes_catalog::validate::Missing;
use msdk_codes_catalog::{Checks, Loaded, Source};
use msdk_codes_vocab::{SLOT, find_code};

fn load(files: &[(&str, String)]) -> Loaded {
    let files = Sources::in_memory(files.iter().map(|(path, text)| (*path, text.as_str())));
    let checks = Checks { locales: vec![Locale::En], missing: Missing::FallbackEn, layers: None };
    msdk_codes_catalog::load(Source::Replacing(files), &checks)
}

/// The expansion's source text, as `msdk_errors!("data/*.toml", locales = ["en"])` writes it.
fn expansion(loaded: &Loaded) -> String {
    let arguments = "\"data/*.toml\", crate = \"::msdk_codes_core\", locales = [\"en\"], missing = \"fallback_en\"";
    let (source, errors) = msdk_codes_gen::expand_loaded(loaded, arguments.parse().expect("valid tokens"));
    assert!(errors.is_empty(), "{:?}", errors.iter().map(ToString::to_string).collect::<Vec<_>>());
    assert!(msdk_codes_gen::lex_with_proc_macro2(&source).is_some(), "the expansion lexes");
    source
}

/// The layer's `from_code` index as the expansion writes it: multiplier, bits and bytes.
fn index_of(source: &str) -> (u32, u32, Vec<u8>) {
    let field = |name: &str| -> &str {
        let start = source.find(&format!("{name}: ")).expect(name) + name.len() + 2;
        let end = start + source[start..].find([',', ' ']).expect("the field's end");
        &source[start..end]
    };
    let (multiplier, bits) = (field("multiplier").parse().expect("u32"), field("bits").parse().expect("u32"));
    let start = source.find("slots: b\"").expect("the slots") + "slots: b\"".len();
    let literal = &source[start..start + source[start..].find('"').expect("the literal's end")];
    let bytes = literal
        .split("\\x")
        .filter(|hex| !hex.is_empty())
        .map(|hex| u8::from_str_radix(hex, 16).expect("hex"))
        .collect();
    (multiplier, bits, bytes)
}

/// One layer of the codes given, an entry each.
fn layer_of(codes: &[i32]) -> String {
    let mut text = String::from("[layer]\nid = \"spread\"\ntitle.en = \"Spread\"\nchannel = \"ret\"\n");
    for (i, code) in codes.iter().enumerate() {
        text.push_str(&format!(
            "\n[[code]]\ncode = {code}\nname = \"Code{i}\"\naction = \"retry\"\nmessage.en = \"Code {i}\"\n"
        ));
    }
    text
}

#[test]
fn codes_spread_across_the_whole_range_expand_to_an_index_of_their_size() {
    let codes = 4_000_i64;
    let step = i64::from(u32::MAX) / codes;
    let scattered: Vec<i32> = (0..codes).map(|i| (i64::from(i32::MIN) + 1 + i * step) as i32).collect();
    let loaded = load(&[("data/spread.toml", layer_of(&scattered))]);
    assert_eq!(loaded.messages(), Vec::<String>::new());
    let source = expansion(&loaded);
    let (multiplier, bits, index) = index_of(&source);
    assert!(index.len() <= 8 * SLOT * scattered.len(), "{} bytes of index", index.len());
    for (entry, &code) in scattered.iter().enumerate() {
        assert_eq!(find_code(multiplier, bits, &index, code), Some(entry as u16), "{code}");
    }
    assert_eq!(find_code(multiplier, bits, &index, 0), None);

    // The expansion grows with the number of codes, not with how far apart they are: as large
    // as that of as many consecutive codes, give or take their digits.
    let consecutive: Vec<i32> = (1..=4_000).map(|code| -code).collect();
    let dense = expansion(&load(&[("data/spread.toml", layer_of(&consecutive))]));
    assert!(source.len() < dense.len() * 11 / 10, "{} bytes against {}", source.len(), dense.len());
}

#[test]
fn a_layer_whose_codes_every_other_layer_has_expands_with_its_notes() {
    let layer = |id: &str, words: &str| {
        let mut text = format!("[layer]\nid = \"{id}\"\ntitle.en = \"{id}\"\nchannel = \"ret\"\n");
        for i in 0..1_000 {
            text.push_str(&format!(
                "\n[[code]]\ncode = [{}, {}]\nname = \"Code{i}\"\naction = \"retry\"\nmessage.en = \"Code {i}\"\n{words}",
                -1 - i,
                -100_000 - i
            ));
        }
        text
    };
    let loaded = load(&[
        ("data/a.toml", layer("first", "msg_contains = [\"first\"]\n")),
        ("data/b.toml", layer("second", "msg_contains = [\"second\"]\n")),
    ]);
    assert_eq!(loaded.messages(), Vec::<String>::new());
    let source = expansion(&loaded);
    assert!(source.contains("else -999 may be `second` `Code998`"), "the note names the other layer's entry");
    assert!(source.contains("else -999 may be `first` `Code998`"), "and the other way round");
}
