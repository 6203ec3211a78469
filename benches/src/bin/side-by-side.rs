//! `MsdkError::from_json` against serde_json into a plain owned `#[derive(Deserialize)]` struct,
//! on each body of `BODIES`, and the generated `WechatPlatformError::from_code` against a
//! hand-written `match` (every code of the layer and as many misses), measured side by side:
//! rounds that alternate a batch of one with a batch of the other, so that both see the same
//! moments of a shared machine. divan runs one bench after the other, and on a machine whose
//! speed drifts between them its ratios drift too.
//!
//! ```text
//! cargo run --release -p msdk-codes-benches --bin side-by-side [-- ROUNDS [BODY]]
//! ```
//!
//! A body reaches a server at any offset from a word boundary (a slice of what its HTTP client
//! read), and UTF-8 checks and serde_json's string scan take a different path at each: the calls
//! of both sides take the body at each of the eight offsets in turn.
//!
//! Each round times `BATCH` calls of each side (which goes first alternates); a side's figure is
//! the median over the rounds of its time per call, and the ratio is taken between the two
//! medians of one body. The exit status is 1 when a ratio exceeds the budget (1.3x).

use std::hint::black_box;
use std::time::{Duration, Instant};

use msdk_codes_benches::full::{MsdkError, WechatPlatformError};
use msdk_codes_benches::{
    BODIES, Placed, PlainResponse, at_every_offset, check_hand_written_match, hand_written_wechat_platform, median,
    wechat_inputs,
};

const BATCH: u32 = 2_000;
const BUDGET: f64 = 1.3;

fn main() {
    if cfg!(debug_assertions) {
        eprintln!("side-by-side: build with --release; an unoptimized build measures nothing useful");
    }
    let rounds: usize = std::env::args().nth(1).and_then(|arg| arg.parse().ok()).unwrap_or(2001);
    let only = std::env::args().nth(2);
    println!(
        "| body | serde derive (owned), ns | `MsdkError::from_json`, ns | ratio | median round's ratio | fastest rounds' ratio | budget <= {BUDGET}x |"
    );
    println!("|---|---:|---:|---:|---:|---:|---|");
    let mut holds = true;
    for &(name, body) in BODIES.iter().filter(|(name, _)| only.as_deref().is_none_or(|only| only == *name)) {
        // Each call takes the body at the next of the eight offsets from a word boundary.
        let placed = at_every_offset(body.as_bytes());
        let (mut theirs, mut ours) = (placed.iter().map(Placed::body).cycle(), placed.iter().map(Placed::body).cycle());
        let (mut baseline, mut msdk) = alternate(
            rounds,
            || drop(black_box(serde_json::from_slice::<PlainResponse>(black_box(theirs.next().unwrap_or_default())))),
            || drop(black_box(MsdkError::from_json(black_box(ours.next().unwrap_or_default())))),
        );
        let fastest = |samples: &[Duration]| samples.iter().min().copied().unwrap_or_default();
        let fastest_ratio = ns(fastest(&msdk)) / ns(fastest(&baseline));
        let paired = paired_ratio(&baseline, &msdk);
        let (baseline, msdk) = (ns(median(&mut baseline)), ns(median(&mut msdk)));
        let ratio = msdk / baseline;
        let verdict = if ratio <= BUDGET { "holds" } else { "DOES NOT HOLD" };
        holds &= ratio <= BUDGET;
        println!(
            "| `{name}` | {baseline:.1} | {msdk:.1} | {ratio:.2}x | {paired:.2}x | {fastest_ratio:.2}x | {verdict} |"
        );
    }
    println!();
    println!("{rounds} rounds of {BATCH} calls a side, alternating; medians of the rounds' time per call");
    if only.is_none() {
        holds &= from_code(rounds);
    }
    std::process::exit(if holds { 0 } else { 1 });
}

/// `WechatPlatformError::from_code` against a hand-written `match`, per lookup; budget 1.1x.
fn from_code(rounds: usize) -> bool {
    check_hand_written_match();
    let inputs = wechat_inputs();
    let generated = || inputs.iter().filter(|&&code| WechatPlatformError::from_code(black_box(code)).is_some()).count();
    let hand_written =
        || inputs.iter().filter(|&&code| hand_written_wechat_platform(black_box(code)).is_some()).count();
    let (mut theirs, mut ours) = alternate(
        rounds,
        || {
            black_box(hand_written());
        },
        || {
            black_box(generated());
        },
    );
    let lookups = inputs.len() as f64;
    let (theirs, ours) = (ns(median(&mut theirs)) / lookups, ns(median(&mut ours)) / lookups);
    let ratio = ours / theirs;
    println!();
    println!("| lookup | hand-written `match`, ns | `WechatPlatformError::from_code`, ns | ratio | budget <= 1.1x |");
    println!("|---|---:|---:|---:|---|");
    let verdict = if ratio <= 1.1 { "holds" } else { "DOES NOT HOLD" };
    println!("| {} codes, half of them misses | {theirs:.2} | {ours:.2} | {ratio:.2}x | {verdict} |", inputs.len());
    ratio <= 1.1
}

/// `rounds` rounds of a batch of `baseline` and a batch of `ours`, the one that goes first
/// alternating: the times of each side's batches.
fn alternate(rounds: usize, mut baseline: impl FnMut(), mut ours: impl FnMut()) -> (Vec<Duration>, Vec<Duration>) {
    let (mut theirs, mut mine) = (Vec::with_capacity(rounds), Vec::with_capacity(rounds));
    for round in 0..rounds {
        if round % 2 == 0 {
            theirs.push(per_call(&mut baseline));
            mine.push(per_call(&mut ours));
        } else {
            mine.push(per_call(&mut ours));
            theirs.push(per_call(&mut baseline));
        }
    }
    (theirs, mine)
}

/// The time of `BATCH` calls of `call`.
fn per_call(mut call: impl FnMut()) -> Duration {
    let start = Instant::now();
    for _ in 0..BATCH {
        call();
    }
    start.elapsed()
}

/// The median over the rounds of the ratio of `ours` to `theirs` in the same round: what the
/// ratio is when both sides see the same moment of the machine.
fn paired_ratio(theirs: &[Duration], ours: &[Duration]) -> f64 {
    let mut ratios: Vec<f64> = theirs.iter().zip(ours).map(|(theirs, ours)| ns(*ours) / ns(*theirs)).collect();
    ratios.sort_unstable_by(f64::total_cmp);
    ratios.get(ratios.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Nanoseconds per call of a batch's time.
fn ns(batch: Duration) -> f64 {
    batch.as_secs_f64() * 1e9 / f64::from(BATCH)
}
