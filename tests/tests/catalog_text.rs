//! Every text of the bundled catalog (titles, messages, advice, notes; every locale) is one line
//! with single spaces: no tab, no newline or other control character, no space other than U+0020,
//! no doubled space, nothing leading or trailing. Log lines, tables and `Display` output rely on it,
//! and tests/tests/catalog.rs compares the documents' text after the same normalization.
//!
//! Every zh, ja and ko text is written in its language: a text that is the English one (as the
//! documents left WeChat's descriptions) is what a Chinese, Japanese or Korean reader would get in
//! English.

use msdk_codes_catalog::model::{Catalog, Locale, Texts};

fn catalog() -> Catalog {
    msdk_codes_catalog::bundled::from_toml()
        .unwrap_or_else(|problems| panic!("the bundled catalog has problems:\n{}", problems.join("\n")))
}

/// Why `text` breaks the rule, or `None` when it is one line with single spaces.
fn untidy(text: &str) -> Option<String> {
    if let Some(c) = text.chars().find(|c| c.is_control()) {
        return Some(format!("holds the control character {c:?}"));
    }
    if let Some(c) = text.chars().find(|c| c.is_whitespace() && *c != ' ') {
        return Some(format!("holds the space {c:?} (U+{:04X}) where one U+0020 belongs", u32::from(c)));
    }
    if text.contains("  ") {
        return Some("holds a doubled space".to_owned());
    }
    if text.starts_with(' ') || text.ends_with(' ') {
        return Some("starts or ends with a space".to_owned());
    }
    None
}

fn check(failures: &mut Vec<String>, what: &str, texts: &Texts) {
    for locale in Locale::ALL {
        if let Some(text) = texts.get(locale)
            && let Some(why) = untidy(text)
        {
            failures.push(format!("{what} {locale}: {why}: {text:?}"));
        }
    }
}

#[test]
fn every_text_is_one_line_with_single_spaces() {
    let catalog = catalog();
    let mut failures = Vec::new();
    let mut checked = 0;
    for layer in &catalog.layers {
        check(&mut failures, &format!("{} title", layer.id), &layer.title);
        checked += 1;
        for range in &layer.ranges {
            check(&mut failures, &format!("{} range {} message", layer.id, range.name), &range.message);
            checked += 1;
        }
        for entry in &layer.entries {
            let code = entry.code();
            check(&mut failures, &format!("{} {code} message", layer.id), &entry.message);
            check(&mut failures, &format!("{} {code} advice", layer.id), &entry.advice);
            check(&mut failures, &format!("{} {code} note", layer.id), &entry.note);
            checked += 1;
        }
    }
    assert!(checked > 400, "only {checked} items read: the bundled catalog did not load");
    assert!(failures.is_empty(), "{} untidy texts:\n{}", failures.len(), failures.join("\n"));
}

/// Texts that every locale writes as English does: a status word read as is in every language.
const SAME_IN_EVERY_LOCALE: &[&str] = &["ok"];

/// The zh/ja/ko texts of `texts` that are its English text.
fn left_in_english(failures: &mut Vec<String>, what: &str, texts: &Texts) {
    let Some(english) = texts.get(Locale::En) else { return };
    if SAME_IN_EVERY_LOCALE.contains(&english) {
        return;
    }
    for locale in [Locale::Zh, Locale::Ja, Locale::Ko] {
        if texts.get(locale) == Some(english) {
            failures.push(format!("{what} {locale} is the English text {english:?}"));
        }
    }
}

#[test]
fn every_chinese_japanese_and_korean_text_is_written_in_its_language() {
    let catalog = catalog();
    let mut failures = Vec::new();
    let mut checked = 0;
    for layer in &catalog.layers {
        left_in_english(&mut failures, &format!("{} title", layer.id), &layer.title);
        for range in &layer.ranges {
            left_in_english(&mut failures, &format!("{} range {} message", layer.id, range.name), &range.message);
        }
        for entry in &layer.entries {
            let code = entry.code();
            left_in_english(&mut failures, &format!("{} {code} {} message", layer.id, entry.name), &entry.message);
            left_in_english(&mut failures, &format!("{} {code} {} advice", layer.id, entry.name), &entry.advice);
            checked += 1;
        }
    }
    assert!(checked > 400, "only {checked} entries read: the bundled catalog did not load");
    assert!(
        failures.is_empty(),
        "{} texts are the English one: write them in their language and list the locale in `translated`:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_rule_catches_what_the_documents_had() {
    // Cells of the documents as they were before the catalog normalized them.
    assert!(untidy("api\tunauthorized").is_some());
    assert!(untidy("파라미터 client_secret  부족").is_some());
    assert!(untidy("line one\nline two").is_some());
    assert!(untidy(" leading").is_some());
    assert!(untidy("trailing ").is_some());
    assert!(untidy("全角\u{3000}スペース").is_some());
    assert!(untidy("no\u{a0}break").is_some());
    assert_eq!(untidy("api unauthorized"), None);
    assert_eq!(untidy("企業QQ（800013811）でモバイルゲームMSDKの技術支援人員にお問合せください。"), None);
}

/// The English words that name a credential, token, key or id: invalid, one of them is 無効 in the
/// project's Japanese (as 003 writes for media_id), where a parameter or a value is 不適切.
const CREDENTIAL_WORDS: &[&str] =
    &["token", "credential", "appid", "openid", "openkey", "session key", "media_id", "code"];

#[test]
fn the_projects_japanese_uses_the_glossarys_terms_for_invalid_and_expired() {
    // data/README.md's glossary: expired is 有効期限切れ (003's own cells keep 期間切れ); an invalid
    // credential, token, key or id is 無効.
    let catalog = catalog();
    let mut failures = Vec::new();
    let mut checked = 0;
    for layer in &catalog.layers {
        for entry in layer.entries.iter().filter(|entry| entry.translated.contains(&Locale::Ja)) {
            for (field, texts) in [("message", &entry.message), ("advice", &entry.advice)] {
                let (Some(en), Some(ja)) = (texts.get(Locale::En), texts.get(Locale::Ja)) else { continue };
                // wechat_platform's advice is the document's cell even where its message is translated.
                if layer.id == "wechat_platform" && field == "advice" {
                    continue;
                }
                checked += 1;
                let en = en.to_lowercase();
                if ja.contains("期間切れ") {
                    failures.push(format!(
                        "{} {} {field} ja: expired is 有効期限切れ, not 期間切れ: {ja:?}",
                        layer.id,
                        entry.code()
                    ));
                }
                let credential = CREDENTIAL_WORDS.iter().any(|word| en.contains(word));
                if credential && (en.starts_with("invalid ") || en.contains(" is invalid")) && ja.contains("不適切")
                {
                    failures.push(format!(
                        "{} {} {field} ja: an invalid credential, token, key or id is 無効, not 不適切: {ja:?}",
                        layer.id,
                        entry.code()
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} texts break the glossary:\n{}", failures.len(), failures.join("\n"));
    assert!(checked >= 200, "only {checked} translated Japanese texts were checked");
}
