use core::fmt;
use core::str::FromStr;

/// A language the catalog carries text in. More may come: match with a `_` arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Locale {
    /// English.
    En,
    /// Simplified Chinese.
    Zh,
    /// Japanese.
    Ja,
    /// Korean.
    Ko,
}

impl Locale {
    /// Every locale, in the order `en`, `zh`, `ja`, `ko`.
    pub const ALL: [Locale; 4] = [Locale::En, Locale::Zh, Locale::Ja, Locale::Ko];

    /// The language tag: `"en"`, `"zh"`, `"ja"` or `"ko"`.
    pub const fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Zh => "zh",
            Locale::Ja => "ja",
            Locale::Ko => "ko",
        }
    }

    /// The locale whose tag is exactly `tag` (as data files and macro arguments write it);
    /// [`str::parse`] also takes regions and encodings such as `zh_CN.UTF-8`.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        Locale::ALL.into_iter().find(|locale| locale.tag() == tag)
    }

    /// The position of the locale in [`Locale::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// Parses `en`, `zh`, `ja`, `ko`, case-insensitive, with or without a region or encoding:
/// `zh-CN`, `ja_JP`, `ko-KR`, `zh_CN.UTF-8` (as `LANG` holds it).
impl FromStr for Locale {
    type Err = UnknownLocale;

    fn from_str(tag: &str) -> Result<Locale, UnknownLocale> {
        let language = tag.split(['-', '_', '.', '@']).next().unwrap_or_default();
        Locale::ALL
            .into_iter()
            .find(|locale| locale.tag().eq_ignore_ascii_case(language))
            .ok_or_else(|| UnknownLocale { given: tag.to_owned() })
    }
}

/// A locale tag that is none of `en`, `zh`, `ja`, `ko`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownLocale {
    given: String,
}

impl UnknownLocale {
    /// The tag that was given.
    pub fn given(&self) -> &str {
        &self.given
    }
}

impl fmt::Display for UnknownLocale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown locale `{}`; expected one of en, zh, ja, ko", self.given)
    }
}

impl std::error::Error for UnknownLocale {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tags_with_regions_and_encodings() {
        for (tag, locale) in [
            ("en", Locale::En),
            ("ZH", Locale::Zh),
            ("zh-CN", Locale::Zh),
            ("zh_CN.UTF-8", Locale::Zh),
            ("ja-JP", Locale::Ja),
            ("ko_KR", Locale::Ko),
            ("en_US.UTF-8", Locale::En),
        ] {
            assert_eq!(tag.parse::<Locale>(), Ok(locale), "{tag}");
        }
        let err = "fr-FR".parse::<Locale>().unwrap_err();
        assert_eq!(err.to_string(), "unknown locale `fr-FR`; expected one of en, zh, ja, ko");
        assert_eq!(err.given(), "fr-FR");
        assert!("".parse::<Locale>().is_err());
        assert!("e".parse::<Locale>().is_err());
    }

    #[test]
    fn exact_tags_and_indices() {
        for (index, locale) in Locale::ALL.into_iter().enumerate() {
            assert_eq!(Locale::from_tag(locale.tag()), Some(locale));
            assert_eq!(locale.index(), index);
        }
        assert_eq!(Locale::from_tag("zh-CN"), None);
        assert_eq!(Locale::from_tag("ZH"), None);
    }
}
