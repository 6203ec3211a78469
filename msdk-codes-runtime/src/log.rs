//! What of a failure reaches a log: the operator's language, a bounded `msg`, no secret.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::Locale;

/// How failures are written for operators: in which language the message is, how long the
/// server's `msg` may be, and what is masked in it. It applies to every log line and text the
/// library writes about a failure: the tracing events and span fields (`tracing`), the `serde`
/// object, `Display` of [`Failure`](crate::Failure) and of [`CallError`](crate::CallError).
///
/// The default ([`LogPolicy::new`]): messages in English, whatever the expansion's `Display`
/// locale (the players' language is not the on-call engineer's); `msg` cut after
/// [`LogPolicy::DEFAULT_MAX_TEXT`] bytes; values of [`SECRET_KEYS`] masked by [`mask_secrets`].
/// An operator picks another at start-up, from the configuration, with [`LogPolicy::install`]:
///
/// ```
/// use msdk_codes_core::{Locale, LogPolicy};
///
/// let policy = LogPolicy::new().locale(Locale::Zh).max_text(200);
/// assert_eq!(policy.text("ok access_token=0AB1C2&x=1"), "ok access_token=***&x=1");
/// let long = "x".repeat(1000);
/// assert_eq!(policy.text(&long), format!("{}… (1000 bytes)", "x".repeat(200)));
/// ```
///
/// ```no_run
/// use msdk_codes_core::{Locale, LogPolicy};
///
/// // At start-up, before the first log line: the on-call team reads Chinese.
/// let locale = std::env::var("LOG_LOCALE").ok().and_then(|tag| Locale::from_tag(&tag)).unwrap_or(Locale::En);
/// LogPolicy::new().locale(locale).install().expect("installed once");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct LogPolicy {
    locale: Locale,
    max_text: usize,
    redact: fn(&str) -> Cow<'_, str>,
}

/// The keys whose values [`mask_secrets`] masks: MSDK's and the platforms' tokens, keys and user
/// ids (an `openid` identifies a player).
pub const SECRET_KEYS: &[&str] = &[
    "access_token",
    "refresh_token",
    "token",
    "pay_token",
    "openid",
    "openkey",
    "unionid",
    "session_key",
    "pf_key",
    "pfkey",
    "appkey",
    "app_key",
    "msdkkey",
    "sig",
];

/// What replaces a masked value.
const MASK: &str = "***";

impl LogPolicy {
    /// The longest `msg` (in bytes) a log line carries by default: WeChat's and MSDK's messages
    /// are far shorter, a body echoed back or an HTML page far longer.
    pub const DEFAULT_MAX_TEXT: usize = 512;

    /// English, `msg` cut after [`Self::DEFAULT_MAX_TEXT`] bytes, [`mask_secrets`].
    #[must_use]
    pub const fn new() -> LogPolicy {
        LogPolicy { locale: Locale::En, max_text: LogPolicy::DEFAULT_MAX_TEXT, redact: mask_secrets }
    }

    /// The language of the messages (a locale the expansion left out reads as its `Display`
    /// locale).
    #[must_use]
    pub const fn locale(self, locale: Locale) -> LogPolicy {
        LogPolicy { locale, ..self }
    }

    /// The longest text, in bytes, before it is cut (at a character boundary, with `… (<n>
    /// bytes)` after it).
    #[must_use]
    pub const fn max_text(self, bytes: usize) -> LogPolicy {
        LogPolicy { max_text: bytes, ..self }
    }

    /// What masks secrets in a text, in place of [`mask_secrets`]: a team whose APIs carry other
    /// secrets calls `mask_secrets` and masks its own after.
    #[must_use]
    pub const fn redact(self, redact: fn(&str) -> Cow<'_, str>) -> LogPolicy {
        LogPolicy { redact, ..self }
    }

    /// Makes this the policy of the process. Once: a later call gives its policy back.
    pub fn install(self) -> Result<(), LogPolicy> {
        INSTALLED.set(self)
    }

    /// The installed policy, else [`LogPolicy::new`].
    pub fn current() -> LogPolicy {
        INSTALLED.get().copied().unwrap_or(LogPolicy::new())
    }

    /// The language of the messages.
    pub const fn message_locale(&self) -> Locale {
        self.locale
    }

    /// The longest text, in bytes.
    pub const fn text_limit(&self) -> usize {
        self.max_text
    }

    /// `text` as a log may hold it: secrets masked, then cut to the bound. Borrowed when there
    /// was nothing to do.
    pub fn text<'a>(&self, text: &'a str) -> Cow<'a, str> {
        match (self.redact)(text) {
            Cow::Borrowed(text) => cut(text, self.max_text),
            Cow::Owned(text) => Cow::Owned(cut(&text, self.max_text).into_owned()),
        }
    }
}

impl Default for LogPolicy {
    fn default() -> LogPolicy {
        LogPolicy::new()
    }
}

static INSTALLED: OnceLock<LogPolicy> = OnceLock::new();

/// `text` cut to at most `max` bytes at a character boundary, with the length it had after it.
fn cut(text: &str, max: usize) -> Cow<'_, str> {
    if text.len() <= max {
        return Cow::Borrowed(text);
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!("{}… ({} bytes)", &text[..end], text.len()))
}

/// Masks the value after each of [`SECRET_KEYS`] in `text`, in a query or form
/// (`access_token=...`), JSON (`"openid":"..."`) or prose (`openid: ...`): the value, up to the
/// next separator (`&`, a quote, a space, `,`, `;`, `:`, a bracket), becomes `***`. Keys match whole
/// and in any case; borrowed when there is nothing to mask.
///
/// ```
/// use msdk_codes_core::mask_secrets;
///
/// assert_eq!(
///     mask_secrets("GET /relation/wxfriends_profile?openid=o9Rz_1&access_token=0AB1C2: connection reset"),
///     "GET /relation/wxfriends_profile?openid=***&access_token=***: connection reset"
/// );
/// assert_eq!(mask_secrets(r#"{"OpenID": "o9Rz_1", "ret": 0}"#), r#"{"OpenID": "***", "ret": 0}"#);
/// assert_eq!(mask_secrets("40001,invalid credential, access_token is invalid"), "40001,invalid credential, access_token is invalid");
/// ```
pub fn mask_secrets(text: &str) -> Cow<'_, str> {
    let mut masked: Option<String> = None;
    // Where the text not yet copied into `masked` starts.
    let mut copied = 0;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let Some(key) = key_at(bytes, at) else {
            at += 1;
            continue;
        };
        let Some((start, end)) = value_after(bytes, at + key) else {
            at += key;
            continue;
        };
        let out = masked.get_or_insert_with(|| String::with_capacity(text.len()));
        out.push_str(&text[copied..start]);
        out.push_str(MASK);
        copied = end;
        at = end;
    }
    match masked {
        None => Cow::Borrowed(text),
        Some(mut out) => {
            out.push_str(&text[copied..]);
            Cow::Owned(out)
        }
    }
}

/// Whether a byte continues a key: a preceding one means the key is part of a longer word.
fn in_word(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// The length of the secret key that starts at `at`, as a whole word.
fn key_at(bytes: &[u8], at: usize) -> Option<usize> {
    if at > 0 && in_word(bytes[at - 1]) {
        return None;
    }
    SECRET_KEYS
        .iter()
        .find(|key| {
            let end = at + key.len();
            end <= bytes.len()
                && bytes[at..end].eq_ignore_ascii_case(key.as_bytes())
                && (end == bytes.len() || !in_word(bytes[end]))
        })
        .map(|key| key.len())
}

/// The span of the value after a key ending at `at`: `=` or `:`, with an optional closing quote
/// of a JSON key before it and spaces and an opening quote after it. `None` when no separator
/// follows (the key is a word of the prose) or the value is empty.
fn value_after(bytes: &[u8], mut at: usize) -> Option<(usize, usize)> {
    let skip = |at: &mut usize, what: &[u8]| {
        while *at < bytes.len() && what.contains(&bytes[*at]) {
            *at += 1;
        }
    };
    skip(&mut at, b"\"'");
    skip(&mut at, b" ");
    if at >= bytes.len() || !matches!(bytes[at], b'=' | b':') {
        return None;
    }
    at += 1;
    skip(&mut at, b" ");
    skip(&mut at, b"\"'");
    let start = at;
    while at < bytes.len() && !b"&\"' \t\r\n,;:)]}<>".contains(&bytes[at]) {
        at += 1;
    }
    (at > start).then_some((start, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_every_secret_key_and_nothing_else() {
        for key in SECRET_KEYS {
            let text = format!("a {key}=SECRET&b=1");
            assert_eq!(mask_secrets(&text), format!("a {key}=***&b=1"));
            let upper = key.to_ascii_uppercase();
            let json = format!(r#"{{"{upper}":"SECRET"}}"#);
            assert_eq!(mask_secrets(&json), format!(r#"{{"{upper}":"***"}}"#));
        }
        assert!(matches!(mask_secrets("my_openid=1 tokens=2 signal=3 openid"), Cow::Borrowed(_)), "whole keys");
        assert_eq!(mask_secrets("openid: abc, sig=def;"), "openid: ***, sig=***;");
        assert_eq!(mask_secrets("token=\"\" x"), "token=\"\" x", "an empty value stays empty");
        assert_eq!(mask_secrets("access_token=é中&"), "access_token=***&", "values of any text");
        assert_eq!(mask_secrets("end access_token="), "end access_token=");
    }

    #[test]
    fn cuts_at_a_character_boundary_and_says_how_long() {
        assert_eq!(cut("short", 5), "short");
        assert_eq!(cut("中文字", 4), "中… (9 bytes)");
        assert_eq!(cut("abc", 0), "… (3 bytes)");
        let policy = LogPolicy::new().max_text(10);
        // Masked first: a cut never leaves part of a secret.
        assert_eq!(policy.text("openid=0123456789abcdef"), "openid=***");
        assert_eq!(policy.text("x access_token=0123456789"), "x access_t… (18 bytes)");
    }
}
