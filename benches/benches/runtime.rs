//! Runtime costs of the generated API, against what a team would write by hand.
//!
//! ```text
//! cargo bench -p msdk-codes-benches --bench runtime
//! ```
//!
//! - `json`: `MsdkError::from_json`, and `Response::from_json` + `MsdkError::from_response` (or `decode`), on real
//!   bodies, against parsing the same
//!   bodies into a plain `#[derive(Deserialize)]` struct with serde_json alone, and `decode` alone.
//! - `from_code`: `MsdkError::from_code` over every code of the full catalog; and the generated
//!   `WechatPlatformError::from_code` against a hand-written `match` of the same layer, on the
//!   same inputs (every code of the layer, then as many codes it does not have).
//! - `display`: writing an error with `Display` into a reused buffer.

use std::fmt::Write;

use divan::{Bencher, black_box};
use msdk_codes_benches::full::{Layer, MsdkError, WechatPlatformError};
use msdk_codes_benches::{
    BODIES, PlainResponse, check_hand_written_match, every_known_error, hand_written_wechat_platform, wechat_inputs,
};
use msdk_codes_core::Response;

fn main() {
    check_hand_written_match();
    divan::main();
}

fn body(name: &str) -> &'static [u8] {
    BODIES.iter().find(|(known, _)| *known == name).map(|(_, body)| body.as_bytes()).expect("a body of BODIES")
}

const BODY_NAMES: [&str; 7] = ["success", "access", "qq_platform", "qq_unknown", "wechat", "oidb", "unknown"];

mod json {
    use super::*;

    /// `Response::from_json(body)` then `MsdkError::from_response`: what a server does per
    /// response.
    #[divan::bench(args = BODY_NAMES, sample_size = 64)]
    fn from_json_and_decode(bencher: Bencher, name: &str) {
        let body = body(name);
        bencher.bench_local(|| MsdkError::from_response(Response::from_json(black_box(body)).unwrap()));
    }

    /// `MsdkError::from_json(body)`: the same answers, reading the body in place, so that only an
    /// unknown code copies `msg`.
    #[divan::bench(args = BODY_NAMES, sample_size = 64)]
    fn msdk_error_from_json(bencher: Bencher, name: &str) {
        let body = body(name);
        bencher.bench_local(|| MsdkError::from_json(black_box(body)).unwrap());
    }

    /// `Response::from_json(body)` then `MsdkError::decode(&response)`, keeping the response
    /// (an unknown code copies its msg).
    #[divan::bench(args = BODY_NAMES, sample_size = 64)]
    fn from_json_and_decode_borrowed(bencher: Bencher, name: &str) {
        let body = body(name);
        bencher.bench_local(|| {
            let response = Response::from_json(black_box(body)).unwrap();
            MsdkError::decode(&response)
        });
    }

    /// `Response::from_json(body)` alone.
    #[divan::bench(args = BODY_NAMES, sample_size = 64)]
    fn from_json(bencher: Bencher, name: &str) {
        let body = body(name);
        bencher.bench_local(|| Response::from_json(black_box(body)).unwrap());
    }

    /// The same body into a `#[derive(Deserialize)]` struct with serde_json alone: the baseline.
    #[divan::bench(args = BODY_NAMES, sample_size = 64)]
    fn serde_derive_baseline(bencher: Bencher, name: &str) {
        let body = body(name);
        bencher.bench_local(|| serde_json::from_slice::<PlainResponse>(black_box(body)).unwrap());
    }

    /// `MsdkError::decode` on a parsed response: the routing and the table lookups.
    #[divan::bench(args = BODY_NAMES, sample_size = 64)]
    fn decode_only(bencher: Bencher, name: &str) {
        let response = Response::from_json(body(name)).unwrap();
        bencher.bench_local(|| MsdkError::decode(black_box(&response)));
    }
}

/// Every (layer, code) of the full catalog: the code (`code()`, the first) of each entry.
fn every_code() -> Vec<(Layer, i32)> {
    every_known_error().iter().map(|err| (err.layer().unwrap(), err.code())).collect()
}

mod from_code {
    use super::*;

    /// `MsdkError::from_code(layer, code)` for every code of the 17 layers (412 entries).
    #[divan::bench]
    fn full_catalog(bencher: Bencher) {
        let codes = every_code();
        bencher.counter(divan::counter::ItemsCount::new(codes.len())).bench_local(|| {
            let mut found = 0usize;
            for &(layer, code) in black_box(&codes) {
                found += usize::from(MsdkError::from_code(layer, code).is_some());
            }
            found
        });
    }

    /// The generated `WechatPlatformError::from_code` on every code of the layer and as many misses.
    #[divan::bench]
    fn wechat_platform_generated(bencher: Bencher) {
        let inputs = wechat_inputs();
        bencher.counter(divan::counter::ItemsCount::new(inputs.len())).bench_local(|| {
            let mut found = 0usize;
            for &code in black_box(&inputs) {
                found += usize::from(WechatPlatformError::from_code(code).is_some());
            }
            found
        });
    }

    /// The hand-written `match` of the same layer, on the same inputs.
    #[divan::bench]
    fn wechat_platform_hand_written(bencher: Bencher) {
        let inputs = wechat_inputs();
        bencher.counter(divan::counter::ItemsCount::new(inputs.len())).bench_local(|| {
            let mut found = 0usize;
            for &code in black_box(&inputs) {
                found += usize::from(hand_written_wechat_platform(code).is_some());
            }
            found
        });
    }
}

mod display {
    use super::*;

    /// `write!(buf, "{err}")` of every code of the full catalog through `MsdkError`'s `Display`
    /// ("{layer title} {code}: {message}"), into a reused buffer.
    #[divan::bench]
    fn msdk_error_full_catalog(bencher: Bencher) {
        let errors = every_known_error();
        let mut buf = String::with_capacity(4096);
        bencher.counter(divan::counter::ItemsCount::new(errors.len())).bench_local(|| {
            for err in black_box(&errors) {
                buf.clear();
                write!(buf, "{err}").unwrap();
            }
            buf.len()
        });
    }
}
