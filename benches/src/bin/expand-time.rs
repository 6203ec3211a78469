//! Times `msdk_codes_gen::generate` in-process: the work the macro does per invocation, less
//! the compiler's token bridge.
//!
//! ```text
//! cargo run -p msdk-codes-benches --bin expand-time [--release] -- [--iters N] [--args 'MACRO ARGS'] [--no-stages]
//! ```
//!
//! Prints the median, min and max of N calls of `generate(args)` followed by `to_string()` and of
//! `generate` alone; then (unless `--no-stages`) the token counts of the output, the cost of its
//! string literals, and the median of each stage of the pipeline. With `--args '"data/*.toml"'`
//! the glob is read relative to `CARGO_MANIFEST_DIR`, as in the macro. No arguments: the bundled
//! catalog, every layer and locale, as `msdk_errors!()`.

use std::process::ExitCode;
use std::str::FromStr;
use std::time::{Duration, Instant};

use msdk_codes_benches::{PROFILE, STAGES, TokenCounts, median, ms, timed_stages};
use proc_macro2::TokenStream;

struct Options {
    iters: usize,
    args: String,
    stages: bool,
}

fn options() -> Result<Options, String> {
    let mut options =
        Options { iters: if cfg!(debug_assertions) { 21 } else { 101 }, args: String::new(), stages: true };
    let mut argv = std::env::args().skip(1);
    while let Some(arg) = argv.next() {
        match arg.as_str() {
            "--iters" => {
                let value = argv.next().ok_or("--iters needs a number")?;
                options.iters = value.parse().map_err(|_| format!("--iters: not a number: {value}"))?;
            }
            "--args" => options.args = argv.next().ok_or("--args needs the macro arguments")?,
            "--no-stages" => options.stages = false,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown option {other}")),
        }
    }
    if options.iters == 0 {
        return Err("--iters must be at least 1".to_owned());
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            eprintln!("usage: expand-time [--iters N] [--args 'MACRO ARGS'] [--no-stages]");
            return ExitCode::from(2);
        }
    };
    let input = match TokenStream::from_str(&options.args) {
        Ok(input) => input,
        Err(err) => {
            eprintln!("--args is not valid Rust tokens: {err}");
            return ExitCode::from(2);
        }
    };

    // One warm-up call, which also reports what was expanded.
    let text = msdk_codes_gen::generate(input.clone()).to_string();
    if text.contains("compile_error") {
        eprintln!("the expansion of `msdk_errors!({})` has errors:", options.args);
        eprintln!("{}", &text[..text.len().min(2000)]);
        return ExitCode::FAILURE;
    }

    let mut totals = Vec::with_capacity(options.iters);
    for _ in 0..options.iters {
        let start = Instant::now();
        let output = msdk_codes_gen::generate(input.clone()).to_string();
        totals.push(start.elapsed());
        std::hint::black_box(output);
    }
    let (min, max) = (*totals.iter().min().unwrap(), *totals.iter().max().unwrap());
    let total = median(&mut totals);
    // `generate` alone: inside rustc there is no `to_string`, the tokens go through the bridge.
    let mut alone = Vec::with_capacity(options.iters);
    for _ in 0..options.iters {
        let start = Instant::now();
        let output = msdk_codes_gen::generate(input.clone());
        alone.push(start.elapsed());
        std::hint::black_box(output);
    }
    let (alone_min, alone_max) = (*alone.iter().min().unwrap(), *alone.iter().max().unwrap());
    let alone_median = median(&mut alone);
    // The macro's own work: everything but lexing the source text, which in a build the
    // compiler's lexer does (the macro crate hands it the text; see build-time.sh for its cost).
    let text_only: &dyn Fn(&str) -> Option<TokenStream> = &|source: &str| {
        std::hint::black_box(source.len());
        Some(TokenStream::new())
    };
    let mut own = Vec::with_capacity(options.iters);
    for _ in 0..options.iters {
        let start = Instant::now();
        let output = msdk_codes_gen::generate_with(input.clone(), text_only);
        own.push(start.elapsed());
        std::hint::black_box(output);
    }
    let (own_min, own_max) = (*own.iter().min().unwrap(), *own.iter().max().unwrap());
    let own_median = median(&mut own);

    println!("expansion of msdk_errors!({}) - {PROFILE}, {} iterations", options.args, options.iters);
    println!("output: {} bytes of tokens as text", text.len());
    println!();
    println!("| measure | median ms | min ms | max ms |");
    println!("|---|---:|---:|---:|");
    println!("| generate + to_string | {:.3} | {:.3} | {:.3} |", ms(total), ms(min), ms(max));
    println!(
        "| generate alone (lexed by proc_macro2's own lexer) | {:.3} | {:.3} | {:.3} |",
        ms(alone_median),
        ms(alone_min),
        ms(alone_max)
    );
    println!(
        "| load + validate + generate the source text (the macro's work; rustc lexes it) | {:.3} | {:.3} | {:.3} |",
        ms(own_median),
        ms(own_min),
        ms(own_max)
    );

    if options.stages {
        literal_report(&input, options.iters);
    }

    if options.stages {
        let mut per_stage: Vec<Vec<Duration>> = vec![Vec::with_capacity(options.iters); STAGES.len()];
        for _ in 0..options.iters {
            let (times, _) = timed_stages(input.clone());
            for (stage, time) in times.into_iter().enumerate() {
                per_stage[stage].push(time);
            }
        }
        let medians: Vec<Duration> = per_stage.iter_mut().map(|samples| median(samples)).collect();
        let sum: Duration = medians.iter().sum();
        println!();
        println!("| stage | median ms | share |");
        println!("|---|---:|---:|");
        for (name, time) in STAGES.iter().zip(&medians) {
            println!("| {name} | {:.3} | {:.0}% |", ms(*time), 100.0 * time.as_secs_f64() / sum.as_secs_f64());
        }
        println!("| sum of stage medians | {:.3} | |", ms(sum));
    }
    ExitCode::SUCCESS
}

/// How many tokens the expansion has, and what making its string literals costs: the time of
/// `proc_macro2::Literal::string` (which escapes with `char::escape_debug`) over every string
/// literal of the output.
fn literal_report(input: &TokenStream, iters: usize) {
    let output = msdk_codes_gen::generate(input.clone());
    let counts = TokenCounts::of(&output);
    let chars: usize = counts.strings.iter().map(|s| s.chars().count()).sum();
    let non_ascii: usize = counts.strings.iter().map(|s| s.chars().filter(|c| !c.is_ascii()).count()).sum();
    let mut samples = Vec::with_capacity(iters);
    for _ in 0..iters {
        let start = Instant::now();
        for value in &counts.strings {
            std::hint::black_box(proc_macro2::Literal::string(value));
        }
        samples.push(start.elapsed());
    }
    println!();
    println!(
        "tokens: {} ({} idents, {} puncts, {} literals, {} groups); {} string literals, {chars} chars, \
         {non_ascii} of them non-ASCII",
        counts.total(),
        counts.idents,
        counts.puncts,
        counts.literals,
        counts.groups,
        counts.strings.len()
    );
    println!("Literal::string over every string literal of the output: {:.3} ms (median)", ms(median(&mut samples)));

    // The alternative a generator has: escape only what a Rust string literal requires and hand
    // the text to `Literal::from_str` (in rustc: the compiler's lexer, through the bridge).
    let mut samples = Vec::with_capacity(iters);
    for _ in 0..iters {
        let start = Instant::now();
        for value in &counts.strings {
            let literal = proc_macro2::Literal::from_str(&minimal_escape(value)).expect("a valid literal");
            std::hint::black_box(literal);
        }
        samples.push(start.elapsed());
    }
    println!(
        "Literal::from_str of the same values, escaped only where Rust requires: {:.3} ms (median)",
        ms(median(&mut samples))
    );
}

/// `"..."` with only `\\`, `\"` and control characters escaped.
fn minimal_escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
