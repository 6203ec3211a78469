//! Writes what `msdk_errors!(ARGS)` expands to, as Rust source, so that a crate can compile the
//! expansion pasted in instead of calling the macro (scripts/build-time.sh).
//!
//! ```text
//! dump-expansion OUT.rs ['MACRO ARGS']
//! ```
//!
//! A data glob in ARGS is read relative to `CARGO_MANIFEST_DIR`, as in the macro.

use std::process::ExitCode;
use std::str::FromStr;

use proc_macro2::TokenStream;

fn main() -> ExitCode {
    let mut argv = std::env::args().skip(1);
    let (Some(out), args) = (argv.next(), argv.next().unwrap_or_default()) else {
        eprintln!("usage: dump-expansion OUT.rs ['MACRO ARGS']");
        return ExitCode::from(2);
    };
    let input = match TokenStream::from_str(&args) {
        Ok(input) => input,
        Err(err) => {
            eprintln!("the macro arguments are not valid Rust tokens: {err}");
            return ExitCode::from(2);
        }
    };
    let text = msdk_codes_gen::generate(input).to_string();
    if text.contains("compile_error") {
        eprintln!("the expansion of `msdk_errors!({args})` has errors");
        return ExitCode::FAILURE;
    }
    if let Err(err) = std::fs::write(&out, format!("{text}\n")) {
        eprintln!("cannot write {out}: {err}");
        return ExitCode::FAILURE;
    }
    println!("{out}: {} bytes", text.len() + 1);
    ExitCode::SUCCESS
}
