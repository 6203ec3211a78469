//! Decodes one body of `BODIES` many times, for an instruction count that the machine's load
//! does not move (scripts/instructions.sh runs it under callgrind).
//!
//! ```text
//! decode-count BODY [CALLS] [from_json|baseline|decode] [OFFSET]
//! ```
//!
//! `from_json` is `MsdkError::from_json`; `baseline` reads the body with serde_json into a plain
//! `#[derive(Deserialize)]` struct; `decode` is `MsdkError::decode` of a parsed `Response`.

use std::hint::black_box;
use std::process::ExitCode;

use msdk_codes_benches::full::MsdkError;
use msdk_codes_benches::{BODIES, Placed, PlainResponse};
use msdk_codes_core::Response;

fn main() -> ExitCode {
    let mut argv = std::env::args().skip(1);
    let name = argv.next().unwrap_or_default();
    let Some(&(_, body)) = BODIES.iter().find(|(known, _)| *known == name) else {
        eprintln!("usage: decode-count BODY [CALLS] [from_json|baseline|decode] [OFFSET]; BODY one of BODIES");
        return ExitCode::from(2);
    };
    let calls: usize = argv.next().and_then(|calls| calls.parse().ok()).unwrap_or(2000);
    let mode = argv.next();
    let placed = argv.next().and_then(|offset| offset.parse().ok()).map(|offset| Placed::new(body.as_bytes(), offset));
    let body = placed.as_ref().map_or(body.as_bytes(), Placed::body);
    match mode.as_deref().unwrap_or("from_json") {
        "from_json" => {
            for _ in 0..calls {
                black_box(MsdkError::from_json(black_box(body)).unwrap());
            }
        }
        "baseline" => {
            for _ in 0..calls {
                black_box(serde_json::from_slice::<PlainResponse>(black_box(body)).unwrap());
            }
        }
        "decode" => {
            let response = Response::from_json(body).unwrap();
            for _ in 0..calls {
                black_box(MsdkError::decode(black_box(&response)));
            }
        }
        other => {
            eprintln!("unknown mode {other}: from_json, baseline or decode");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
