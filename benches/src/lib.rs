//! Performance checks of msdk-codes (not published): the runtime benches in `benches/`, the
//! expansion timer (`expand-time`), the expansion dumper used by the build-time scripts
//! (`dump-expansion`), and the scripts in `scripts/`.
//!
//! The library holds what they share: the full catalog expanded once, real response bodies, and
//! the expansion pipeline of `msdk_codes_gen::generate` split into timed stages.

use std::time::{Duration, Instant};

use msdk_codes_gen::{args, expand, select};
use proc_macro2::TokenStream;

/// The whole bundled catalog, all locales, English `Display`: what `msdk_errors!()` gives.
pub mod full {
    msdk_codes_core::msdk_errors!();
}

/// Every code of the full catalog, layer by layer in the data's order, as `MsdkError`.
pub fn every_known_error() -> Vec<full::MsdkError> {
    full::MsdkError::all().collect()
}

// The bodies are a file of their own, which the allocation tests (tests/tests/display_alloc.rs)
// include.
mod bodies;
pub use bodies::BODIES;

/// `body` copied to each of the eight byte offsets from a word boundary, on the heap. A body
/// reaches a server as a slice of the buffer its HTTP client read, after the headers, so at any
/// offset; word-at-a-time code (UTF-8 checks, serde_json's string scan) takes a different path at
/// each, and one fixed address would measure one of them only.
pub fn at_every_offset(body: &[u8]) -> Vec<Placed> {
    (0..WORD).map(|offset| Placed::new(body, offset)).collect()
}

const WORD: usize = core::mem::size_of::<u64>();

/// A body at a chosen offset from a word boundary (see [`at_every_offset`]).
pub struct Placed {
    buffer: Vec<u8>,
    start: usize,
    len: usize,
}

impl Placed {
    /// `body` starting `offset` bytes past a word boundary (`offset` below 8).
    pub fn new(body: &[u8], offset: usize) -> Placed {
        let mut buffer = vec![0; body.len() + 2 * WORD];
        let to_boundary = buffer.as_ptr().align_offset(WORD);
        let start = to_boundary + offset % WORD;
        buffer[start..start + body.len()].copy_from_slice(body);
        Placed { buffer, start, len: body.len() }
    }

    /// The body.
    pub fn body(&self) -> &[u8] {
        &self.buffer[self.start..self.start + self.len]
    }
}

/// What a team would write without this crate: the three fields of a body, read by serde_json
/// alone into an owned struct. The runtime budget compares `MsdkError::from_json` with it.
#[derive(serde::Deserialize)]
#[allow(dead_code)]
pub struct PlainResponse {
    ret: i32,
    #[serde(default)]
    msg: String,
    err_type: Option<i32>,
}

/// The stages of one `msdk_codes_gen::generate` call, in the order it runs them.
pub const STAGES: &[&str] = &[
    "parse args",
    "load (msdk_codes_catalog::load: bundled: the compiled-in text; own files: read, TOML parse, validate, names; extend: both, merged)",
    "plan",
    "expand: write source text",
    "expand: lex into tokens",
    "to_string",
];

/// Runs the pipeline of `msdk_codes_gen::generate` stage by stage, and returns the time of each
/// stage (see [`STAGES`]) and the length of the output's `to_string()`. The stages are the calls
/// `generate` makes, in its order, the catalog loaded by the same function as the macro's
/// (`msdk_codes_gen::load`, a data glob read relative to `CARGO_MANIFEST_DIR`). The output is
/// the same text as `generate`'s less the `include_bytes!` lines that `generate` adds for files
/// it read (checked by the tests for the bundled catalog).
///
/// # Panics
///
/// When the arguments or the data have errors: this is for timing valid expansions.
pub fn timed_stages(input: TokenStream) -> ([Duration; 6], usize) {
    let mut times = [Duration::ZERO; 6];
    let mut clock = Instant::now();
    let mut lap = |stage: usize| {
        let now = Instant::now();
        times[stage] = now - clock;
        clock = now;
    };
    let (parsed, mut errors) = args::parse(input);
    assert!(errors.is_empty(), "timed_stages takes valid arguments");
    lap(0);
    let loaded = msdk_codes_gen::load(&parsed, &mut errors);
    assert!(errors.is_empty() && loaded.problems.is_empty(), "the data loads without problems");
    lap(1);
    let plan = select::plan(&loaded.catalog, &parsed, &loaded.unusable, &mut errors);
    assert!(errors.is_empty(), "the data expands without errors");
    lap(2);
    let source = expand::expand_source(&plan);
    lap(3);
    let items: TokenStream = source.parse().expect("the expansion lexes");
    lap(4);
    let text = items.to_string();
    lap(5);
    (times, text.len())
}

/// What an expansion is made of: the compiler receives every one of these tokens through the
/// proc-macro bridge, so their number drives the macro's cost inside rustc.
#[derive(Debug, Default)]
pub struct TokenCounts {
    pub idents: usize,
    pub puncts: usize,
    pub literals: usize,
    pub groups: usize,
    /// The values of the string literals (`"..."`), unescaped.
    pub strings: Vec<String>,
}

impl TokenCounts {
    /// Counts the tokens of `stream`, groups' contents included.
    pub fn of(stream: &TokenStream) -> TokenCounts {
        let mut counts = TokenCounts::default();
        counts.add(stream);
        counts
    }

    fn add(&mut self, stream: &TokenStream) {
        for tree in stream.clone() {
            match tree {
                proc_macro2::TokenTree::Ident(_) => self.idents += 1,
                proc_macro2::TokenTree::Punct(_) => self.puncts += 1,
                proc_macro2::TokenTree::Literal(literal) => {
                    self.literals += 1;
                    if let Some(value) = msdk_codes_gen::args::string_value(&literal) {
                        self.strings.push(value);
                    }
                }
                proc_macro2::TokenTree::Group(group) => {
                    self.groups += 1;
                    self.add(&group.stream());
                }
            }
        }
    }

    /// Every token: leaves and groups.
    pub fn total(&self) -> usize {
        self.idents + self.puncts + self.literals + self.groups
    }
}

/// The median of `samples` (sorted in place); zero when empty.
pub fn median(samples: &mut [Duration]) -> Duration {
    samples.sort_unstable();
    match samples.len() {
        0 => Duration::ZERO,
        n if n % 2 == 1 => samples[n / 2],
        n => (samples[n / 2 - 1] + samples[n / 2]) / 2,
    }
}

/// Milliseconds, for tables.
pub fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

/// The profile this crate was built with, as cargo names it.
pub const PROFILE: &str = if cfg!(debug_assertions) { "dev (unoptimized)" } else { "release (optimized)" };

/// The codes of wechat_platform, then as many codes it does not have.
pub fn wechat_inputs() -> Vec<i32> {
    let known: Vec<i32> = full::WechatPlatformError::ALL.iter().map(|code| code.code()).collect();
    let misses = (0..known.len() as i32).map(|i| 40100 + i * 7).filter(|code| !known.contains(code));
    known.iter().copied().chain(misses.take(known.len())).collect()
}

/// The comparison of `from_code` with [`hand_written_wechat_platform`] is only fair if both
/// answer the same: the benches check it before measuring.
///
/// # Panics
///
/// When the two lookups disagree on a code.
pub fn check_hand_written_match() {
    use full::WechatPlatformError;
    for code in wechat_inputs().into_iter().chain(-100_000..100_000) {
        assert_eq!(WechatPlatformError::from_code(code), hand_written_wechat_platform(code), "code {code}");
    }
    for &variant in WechatPlatformError::ALL {
        assert_eq!(hand_written_wechat_platform(variant.code()), Some(variant), "{variant:?}");
    }
}

/// A hand-written lookup of wechat_platform, as a team would write it without the macro.
pub fn hand_written_wechat_platform(code: i32) -> Option<full::WechatPlatformError> {
    use full::WechatPlatformError::*;
    Some(match code {
        -6 => PackageNameOrSignatureInvalid,
        48001 => ApiUnauthorized,
        44002 => PostDataEmpty,
        47001 => DataFormatError,
        -1 => SystemError,
        42001 => AccessTokenExpired,
        42003 => CodeExpired,
        42004 => RefreshTokenExpired,
        40013 => AppidInvalid,
        40001 => CredentialInvalid,
        40002 => GrantTypeInvalid,
        40003 => OpenidInvalid,
        40007 => MediaIdInvalid,
        40008 => MessageTypeInvalid,
        40009 => ImageSizeInvalid,
        40012 => ThumbSizeInvalid,
        40014 => AccessTokenInvalid,
        40029 => CodeInvalid,
        40031 => OpenidListInvalid,
        40032 => RefreshTokenInvalid40032,
        40037 => TemplateIdInvalid,
        40036 => TemplateIdSizeInvalid,
        45011 => ApiLimit,
        45009 => ApiFreqOutOfLimit,
        45013 => TemplateArgsTooMany,
        45014 => TemplateMessageSizeOutOfLimit,
        41001 => AccessTokenMissing,
        41002 => AppidMissing,
        41004 => AppsecretMissing,
        41008 => CodeMissing,
        41009 => OpenidMissing,
        41003 => RefreshTokenMissing,
        42009 => ClientTmpTokenExpired,
        40180 => ClientTmpTokenInvalid,
        43005 => RequireFriendRelations,
        43003 => RequireHttps,
        43004 => RequireSubscribe,
        40030 => RefreshTokenInvalid40030,
        40039 => UrlSizeInvalid,
        40066 => UrlInvalid,
        40163 => CodeAlreadyUsed,
        41006 => MediaIdMissing,
        41010 => UrlMissing,
        45003 => TitleSizeOutOfLimit,
        45004 => DescriptionSizeOutOfLimit,
        45005 => UrlSizeOutOfLimit,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    #[test]
    fn the_hand_written_match_answers_as_from_code() {
        check_hand_written_match();
    }

    #[test]
    fn staged_pipeline_produces_what_generate_produces() {
        for args in ["", r#"locale = "ja", layers = [access, oidb], locales = ["ja", "en"]"#] {
            let input = TokenStream::from_str(args).unwrap();
            let generated = msdk_codes_gen::generate(input.clone()).to_string();
            let (times, len) = timed_stages(input);
            assert_eq!(len, generated.len(), "args {args:?}");
            assert!(times.iter().all(|t| *t < Duration::from_secs(60)));
            assert!(!generated.contains("compile_error"), "args {args:?}");
        }
    }

    #[test]
    fn every_known_error_covers_every_layer_of_the_catalog() {
        let errors = every_known_error();
        let mut layers: Vec<full::Layer> = errors.iter().filter_map(|err| err.layer()).collect();
        layers.dedup();
        assert_eq!(layers, full::Layer::ALL, "every_known_error lists each layer once, in order");
        let catalog_codes: usize =
            msdk_codes_catalog::bundled::catalog().layers.iter().map(|layer| layer.entries.len()).sum();
        assert_eq!(errors.len(), catalog_codes);
        for err in &errors {
            assert_eq!(full::MsdkError::from_code(err.layer().unwrap(), err.code()).as_ref(), Some(err));
        }
    }

    #[test]
    fn token_counts_cover_nested_groups() {
        let stream = TokenStream::from_str(r#"static A: [&str; 2] = ["x", "y\"z"];"#).unwrap();
        let counts = TokenCounts::of(&stream);
        assert_eq!(counts.strings, ["x", "y\"z"]);
        assert_eq!((counts.groups, counts.literals), (2, 3));
        assert_eq!(counts.total(), counts.idents + counts.puncts + 3 + 2);
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        let d = Duration::from_millis;
        assert_eq!(median(&mut [d(3), d(1), d(2)]), d(2));
        assert_eq!(median(&mut [d(4), d(1), d(2), d(3)]), Duration::from_micros(2500));
        assert_eq!(median(&mut []), Duration::ZERO);
    }

    #[test]
    fn bodies_decode_by_their_route() {
        use full::{Layer, MsdkError};
        // `None`: success; `Some(None)`: an unknown code, kept whole.
        let expected = [
            ("success", None),
            ("access", Some(Some(Layer::Access))),
            ("qq_platform", Some(Some(Layer::QqPlatform))),
            ("qq_unknown", Some(None)),
            ("wechat", Some(Some(Layer::WechatPlatform))),
            ("oidb", Some(Some(Layer::OidbPayToken))),
            ("unknown", Some(None)),
        ];
        assert_eq!(BODIES.len(), expected.len());
        for ((name, body), (expected_name, layer)) in BODIES.iter().zip(expected) {
            assert_eq!(*name, expected_name);
            let response = msdk_codes_core::Response::from_json(body.as_bytes()).unwrap();
            let decoded = MsdkError::decode(&response);
            assert_eq!(decoded.as_ref().map(|err| err.layer()), layer, "{name}: {decoded:?}");
        }
    }
}
