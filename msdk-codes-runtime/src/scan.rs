//! The scan of a response's `msg` for what decoding and `Said` read in it: the code a
//! pass-through error starts with, the code of the last `ret:N`, the words that name a table,
//! and the description in the platform's words.

/// A code written in `msg`: `None` when there is none, `Some(None)` when there is one too large
/// for an `i64` (an unknown code, never a wrapped one).
pub type CodeInMsg = Option<Option<i64>>;

/// The integer that starts `msg` ("-73,the user modify password wrong"): spaces allowed around
/// it, ended by an ASCII or full-width comma or the end.
#[inline]
pub fn leading_code(msg: &str) -> CodeInMsg {
    let text = trim_start(msg);
    let (code, end) = integer_prefix(text.as_bytes())?;
    // The usual ends (a comma, or nothing) are told by one byte.
    let ended = match text.as_bytes().get(end) {
        None | Some(b',') => true,
        // `end` follows the number's last digit, an ASCII byte: a character boundary.
        Some(_) => ends_code(&text[end..]),
    };
    ended.then_some(code)
}

/// Whether `rest`, the text after a leading number, ends it: nothing but spaces, or a comma.
#[cold]
#[inline(never)]
pub(crate) fn ends_code(rest: &str) -> bool {
    let rest = rest.trim_start();
    rest.is_empty() || rest.starts_with([',', '，'])
}

/// The N of the last `ret:N` (in any ASCII case) in `msg`.
#[inline]
pub fn last_ret_code(msg: &str) -> CodeInMsg {
    let bytes = msg.as_bytes();
    let at = if bytes.len() <= SHORT_MSG {
        bytes.windows(RET.len()).rposition(|window| same_ignoring_ascii_case(window, RET))?
    } else {
        memchr::memrchr2_iter(b'r', b'R', bytes).find(|&at| starts_ignoring_ascii_case(bytes, at, RET))?
    };
    // `at + RET.len()` follows the ASCII `:`, a character boundary.
    integer_prefix(trim_start(&msg[at + RET.len()..]).as_bytes()).map(|(code, _)| code)
}

/// The description part of a pass-through `msg`: after the leading code and comma, without
/// WeChat's `hint: [...]` and `rid: ...` suffixes.
pub fn description(msg: &str) -> &str {
    let mut text = msg.trim();
    if leading_code(text).is_some() {
        text = match text.find([',', '，']) {
            Some(at) => &text[at + text[at..].chars().next().map_or(1, char::len_utf8)..],
            None => "",
        };
    }
    for marker in ["hint: [", "rid: "] {
        if let Some(at) = find_word(text, marker) {
            text = &text[..at];
        }
    }
    text.trim().trim_end_matches([',', '，', ';']).trim_end()
}

/// `text` without its leading whitespace: a printable ASCII first byte (the usual case) is
/// told at once, anything else goes through `str::trim_start`.
#[inline]
pub(crate) fn trim_start(text: &str) -> &str {
    match text.as_bytes().first() {
        Some(byte) if byte.is_ascii_graphic() => text,
        _ => text.trim_start(),
    }
}

/// An optionally signed decimal integer at the start of `bytes` (`None` inside: it overflows
/// `i64`), and where it ends. The digits are summed in the pass that finds them, which the
/// budget of `from_json` on pass-through bodies needs (benches/README.md); up to 18 of them
/// cannot overflow, and a longer number is read again by `str::parse`.
#[inline]
pub(crate) fn integer_prefix(bytes: &[u8]) -> Option<(Option<i64>, usize)> {
    let negative = bytes.first() == Some(&b'-');
    let sign = usize::from(negative || bytes.first() == Some(&b'+'));
    let mut end = sign;
    let mut magnitude: u64 = 0;
    while let Some(&byte) = bytes.get(end) {
        let digit = byte.wrapping_sub(b'0');
        if digit > 9 {
            break;
        }
        magnitude = magnitude.wrapping_mul(10).wrapping_add(u64::from(digit));
        end += 1;
    }
    if end == sign {
        return None;
    }
    let code = match i64::try_from(magnitude) {
        Ok(magnitude) if end - sign <= MAX_SUMMED_DIGITS => Some(if negative { -magnitude } else { magnitude }),
        _ => long_integer(&bytes[..end]),
    };
    Some((code, end))
}

/// The most digits whose every value fits an `i64` (10^18 - 1 < 2^63 - 1).
pub(crate) const MAX_SUMMED_DIGITS: usize = 18;

/// A number of more than [`MAX_SUMMED_DIGITS`] digits, which may overflow `i64`.
#[cold]
#[inline(never)]
pub(crate) fn long_integer(number: &[u8]) -> Option<i64> {
    core::str::from_utf8(number).ok()?.parse().ok()
}

/// The first `marker` in `text` that starts a word (at the start, or after a space or comma).
pub(crate) fn find_word(text: &str, marker: &str) -> Option<usize> {
    text.match_indices(marker)
        .map(|(at, _)| at)
        .find(|&at| text[..at].chars().next_back().is_none_or(|c| c.is_whitespace() || c == ',' || c == '，'))
}

/// Whether `needle`, a lowercase ASCII word, occurs in `msg` in any ASCII case: a short `msg` is
/// compared window by window; in a long one, memchr finds the places of the needle's first byte
/// (in either case) and the rest is compared there.
#[inline]
pub(crate) fn contains_ignoring_ascii_case(msg: &str, needle: &[u8]) -> bool {
    let bytes = msg.as_bytes();
    if bytes.len() <= SHORT_MSG {
        return bytes.windows(needle.len()).any(|window| same_ignoring_ascii_case(window, needle));
    }
    let first = needle[0];
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), bytes)
        .any(|at| starts_ignoring_ascii_case(bytes, at, needle))
}

/// Up to this length (most messages), a plain pass over `msg` costs less than memchr's vectorized
/// search, whose setup is the larger part of a search of a few dozen bytes.
pub(crate) const SHORT_MSG: usize = 64;

/// Whether `haystack` holds `needle` at `at`, in any ASCII case.
#[inline]
pub(crate) fn starts_ignoring_ascii_case(haystack: &[u8], at: usize, needle: &[u8]) -> bool {
    haystack.get(at..at + needle.len()).is_some_and(|window| same_ignoring_ascii_case(window, needle))
}

/// Whether `window` is `needle`, a lowercase ASCII word, in any ASCII case. Only the needle's
/// letters take a byte of either case, which `| 0x20` folds (the needle is known where this is
/// inlined, so each byte costs a load, an `or` and a compare).
#[inline]
pub(crate) fn same_ignoring_ascii_case(window: &[u8], needle: &[u8]) -> bool {
    window.len() == needle.len()
        && window.iter().zip(needle).all(|(&byte, &lower)| byte | (u8::from(lower.is_ascii_lowercase()) << 5) == lower)
}

/// The marker of the code in an OIDB `msg` ("... failed, ret:17").
pub(crate) const RET: &[u8] = b"ret:";
