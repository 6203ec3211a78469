//! `Display` of the generated types writes without allocating: a server can log every error it
//! decodes without touching the heap. Checked with a counting global allocator, per thread so
//! that other tests running at the same time do not count.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::{self, Write};

use msdk_codes_core::{Locale, Response};
use msdk_codes_tests::full::{Layer, MsdkError};

// The bodies the benchmarks decode, one per route of `MsdkError::decode`.
#[path = "../../benches/src/bodies.rs"]
mod bodies;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn count() {
    // `try_with`: the thread-local may already be gone while the thread exits.
    let _ = ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
}

// SAFETY: every call is passed on to `System` unchanged; counting touches no memory of the caller.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: the caller's contract for `alloc` is `System.alloc`'s.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The allocations `f` makes on this thread.
fn allocations_in(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

/// A fixed buffer on the stack: writing into it cannot allocate.
struct StackBuf {
    bytes: [u8; 1024],
    len: usize,
}

impl StackBuf {
    fn new() -> StackBuf {
        StackBuf { bytes: [0; 1024], len: 0 }
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).unwrap()
    }
}

impl Write for StackBuf {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// Every error of the full catalog, as `MsdkError`, plus decoded unknown codes.
fn every_error() -> Vec<MsdkError> {
    let mut errors: Vec<MsdkError> = MsdkError::all().collect();
    for body in [
        r#"{"msg": "100031, is_friend is 0", "ret": -10000}"#,
        r#"{"ret":-12345,"msg":"something new","err_type":5}"#,
        r#"{"ret":-150,"msg":""}"#,
    ] {
        errors.push(MsdkError::decode(&Response::from_json(body.as_bytes()).unwrap()).unwrap());
    }
    errors
}

#[test]
fn display_of_every_error_writes_without_allocating() {
    let errors = every_error();
    assert!(errors.len() > 400, "the full catalog has over 400 codes, found {}", errors.len());
    assert!(errors.iter().any(|err| matches!(err, MsdkError::Unknown(_))));
    // What `Display` should write, computed with allocations allowed.
    let expected: Vec<String> = errors.iter().map(ToString::to_string).collect();

    let mut mismatches = Vec::new();
    let allocations = allocations_in(|| {
        for (err, expected) in errors.iter().zip(&expected) {
            let mut buf = StackBuf::new();
            write!(buf, "{err}").unwrap();
            if buf.as_str() != expected {
                mismatches.push(err.clone());
            }
        }
    });
    assert_eq!(allocations, 0, "MsdkError's Display allocated");
    assert!(mismatches.is_empty(), "Display wrote other text than to_string for {mismatches:?}");
}

#[test]
fn display_of_code_enums_and_layers_writes_without_allocating() {
    let errors = every_error();
    let mut written = 0;
    let allocations = allocations_in(|| {
        for err in &errors {
            let mut buf = StackBuf::new();
            match err.layer() {
                Some(layer) => {
                    write!(buf, "{layer}").unwrap();
                    assert_eq!(buf.as_str(), layer.title(Locale::En));
                }
                None => write!(buf, "{err}").unwrap(),
            }
            // The code enum itself: its message in the display locale.
            let mut message = StackBuf::new();
            if err.layer().is_some() {
                write!(message, "{}", DisplayCode(err)).unwrap();
                assert_eq!(message.as_str(), err.message(Locale::En));
            }
            written += buf.len + message.len;
        }
    });
    assert_eq!(allocations, 0, "Display of a layer or a code enum allocated");
    assert!(written > 0);
}

/// The inner code enum's `Display`, reached through `MsdkError` without naming each layer.
struct DisplayCode<'a>(&'a MsdkError);

impl fmt::Display for DisplayCode<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use MsdkError::*;
        match self.0 {
            Access(code) => code.fmt(f),
            Logical(code) => code.fmt(f),
            QqPlatform(code) => code.fmt(f),
            WechatPlatform(code) => code.fmt(f),
            WechatGroup(code) => code.fmt(f),
            QqGroup(code) => code.fmt(f),
            GameCenter(code) => code.fmt(f),
            ShareQzone(code) => code.fmt(f),
            ShareQq(code) => code.fmt(f),
            ShareQqArk(code) => code.fmt(f),
            BlueDiamond(code) => code.fmt(f),
            Oidb(code) => code.fmt(f),
            OidbPayToken(code) => code.fmt(f),
            OidbAccessToken(code) => code.fmt(f),
            XinyueSuperR(code) => code.fmt(f),
            XinyueWechat(code) => code.fmt(f),
            AppleLogin(code) => code.fmt(f),
            Unknown(unknown) => unknown.fmt(f),
        }
    }
}

#[test]
fn the_counter_sees_allocations() {
    // Without this, a broken counter would pass the tests above.
    let allocations = allocations_in(|| {
        std::hint::black_box(MsdkError::from_code(Layer::Access, -503).unwrap().to_string());
    });
    assert!(allocations >= 1);
}

#[test]
fn decoding_allocates_only_the_msg_an_unknown_code_keeps() {
    // `decode` and `from_json` copy msg into an unknown code; `from_response` moves it.
    for (name, body) in bodies::BODIES {
        let response = Response::from_json(body.as_bytes()).unwrap();
        let mut decoded = None;
        let allocations = allocations_in(|| decoded = MsdkError::decode(&response));
        let expected = usize::from(matches!(decoded, Some(MsdkError::Unknown(_))) && !response.msg.is_empty());
        assert_eq!(allocations, expected, "{name}: {decoded:?}");
        let owned = response.clone();
        let allocations = allocations_in(|| decoded = MsdkError::from_response(owned));
        assert_eq!(allocations, 0, "{name}: from_response moves msg into an unknown code: {decoded:?}");
        // Straight from the body, a known code allocates nothing and an unknown one its msg.
        let allocations = allocations_in(|| decoded = MsdkError::from_json(body.as_bytes()).unwrap());
        assert_eq!(allocations, expected, "{name}: from_json copies msg only into an unknown code: {decoded:?}");
        assert_eq!(decoded, MsdkError::decode(&response), "{name}");
    }
}
