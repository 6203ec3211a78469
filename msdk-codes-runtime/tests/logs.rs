//! What a log holds about MSDK calls: one event per call at its outcome with the attempts below
//! it at DEBUG, fields under `msdk.`, the span marked failed, `msg` masked and bounded, and no
//! token in any text the library writes.
#![cfg(all(feature = "tracing", feature = "serde", feature = "json"))]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use msdk_codes_core::{CallError, Failure, Idempotence, Response, Retry};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

msdk_codes_core::msdk_errors!(layers = [access, wechat_platform], locale = "zh");

/// What a subscriber was given: each event's level and fields, each span record's fields.
#[derive(Clone, Default)]
struct Seen(Arc<Mutex<Vec<Written>>>, Arc<Mutex<Vec<(Id, &'static Metadata<'static>)>>>);

#[derive(Clone, Debug, Default)]
struct Written {
    /// `span` for a span's record, else the event's level.
    kind: String,
    fields: Vec<(String, String)>,
}

impl Written {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(field, _)| field == name).map(|(_, value)| value.as_str())
    }
}

struct Collect<'a>(&'a mut Written);

impl Visit for Collect<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.fields.push((field.name().to_owned(), value.to_owned()));
    }
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.fields.push((field.name().to_owned(), format!("{value:?}")));
    }
}

impl Subscriber for Seen {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut spans = self.1.lock().unwrap();
        let id = Id::from_u64(spans.len() as u64 + 1);
        spans.push((id, span.metadata()));
        spans.last().unwrap().0.clone()
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        let mut written = Written { kind: "span".to_owned(), ..Written::default() };
        values.record(&mut Collect(&mut written));
        self.0.lock().unwrap().push(written);
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut written = Written { kind: event.metadata().level().to_string(), ..Written::default() };
        event.record(&mut Collect(&mut written));
        self.0.lock().unwrap().push(written);
    }
    fn enter(&self, span: &Id) {
        ENTERED.with(|entered| entered.borrow_mut().push(span.clone()));
    }
    fn exit(&self, _: &Id) {
        ENTERED.with(|entered| entered.borrow_mut().pop());
    }
    fn current_span(&self) -> tracing_core::span::Current {
        let Some(id) = ENTERED.with(|entered| entered.borrow().last().cloned()) else {
            return tracing_core::span::Current::none();
        };
        let spans = self.1.lock().unwrap();
        let metadata = spans.iter().find(|(each, _)| *each == id).unwrap().1;
        tracing_core::span::Current::new(id, metadata)
    }
}

thread_local! {
    /// The spans this thread is in, innermost last.
    static ENTERED: std::cell::RefCell<Vec<Id>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Seen {
    fn take(&self) -> Vec<Written> {
        std::mem::take(&mut self.0.lock().unwrap())
    }
}

fn failure(ret: i32, msg: &str) -> Failure<MsdkError> {
    Failure::from_response(Response::new(ret, msg)).unwrap()
}

/// The documented recipe: a blocking call retried as each failure says, each failed attempt
/// traced at DEBUG, the outcome once. `answers` are MSDK's answers in turn; the waits are
/// recorded, not slept.
fn call(answers: &[Response], waits: &mut Vec<Duration>) -> Result<Response, Failure<MsdkError>> {
    let mut answers = answers.iter();
    let mut proposals = [10, 20, 40].map(Duration::from_millis).into_iter();
    let mut attempt = 0;
    loop {
        attempt += 1;
        let response = answers.next().expect("an answer left").clone();
        let Some(failure) = Failure::<MsdkError>::decode(&response) else { return Ok(response) };
        match proposals.next().and_then(|proposed| failure.retry().delay(proposed)) {
            Some(wait) => {
                failure.trace_attempt(attempt);
                waits.push(wait); // std::thread::sleep(wait) in a server
            }
            None => {
                failure.trace();
                return Err(failure);
            }
        }
    }
}

#[test]
fn one_event_per_call_at_its_outcome_and_the_attempts_at_debug() {
    let seen = Seen::default();
    let _guard = tracing::subscriber::set_default(seen.clone());
    let busy = Response::new(-20000, "45009,api freq out of limit");
    let limited = Response::new(-503, "frequency limit");

    // Two failed attempts, then success: two DEBUG events and nothing above.
    let mut waits = Vec::new();
    call(&[busy.clone(), limited, Response::new(0, "ok")], &mut waits).unwrap();
    let events = seen.take();
    assert_eq!(events.iter().map(|event| event.kind.as_str()).collect::<Vec<_>>(), ["DEBUG", "DEBUG"]);
    assert_eq!((events[0].get("msdk.attempt"), events[1].get("msdk.attempt")), (Some("1"), Some("2")));
    // The documented second and the floor, each spread above and the proposal on top.
    assert!(waits[0] >= Retry::BACKOFF_FLOOR + Duration::from_millis(10), "{waits:?}");
    assert!(waits[1] >= Duration::from_millis(1020) && waits[1] < Duration::from_millis(2020), "{waits:?}");

    // Out of attempts: three at DEBUG, the outcome once, at WARN.
    let mut waits = Vec::new();
    let failed = call(&[busy.clone(), busy.clone(), busy.clone(), busy], &mut waits).unwrap_err();
    assert_eq!(failed.name(), "ApiFreqOutOfLimit");
    let kinds: Vec<String> = seen.take().into_iter().map(|event| event.kind).collect();
    assert_eq!(kinds, ["DEBUG", "DEBUG", "DEBUG", "WARN"]);

    // Not retryable: the outcome at once, at ERROR.
    call(&[Response::new(-107, "ip not in whitelist")], &mut Vec::new()).unwrap_err();
    let events = seen.take();
    assert_eq!(events.len(), 1);
    assert_eq!((events[0].kind.as_str(), events[0].get("msdk.name")), ("ERROR", Some("PaymentIpNotWhitelisted")));
}

#[test]
fn fields_are_under_one_namespace_and_the_message_is_english() {
    let seen = Seen::default();
    let _guard = tracing::subscriber::set_default(seen.clone());
    failure(-20000, "40001,invalid credential rid: 64b8f1e0-2b1c").trace();
    let event = &seen.take()[0];
    let names: Vec<&str> = event.fields.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "message",
            "error.type",
            "msdk.layer",
            "msdk.code",
            "msdk.name",
            "msdk.action",
            "msdk.err_type",
            "msdk.ret",
            "msdk.rid",
            "msdk.msg",
        ]
    );
    // The expansion's Display is Chinese; the operators' log is English.
    assert_eq!(event.get("message"), Some("invalid credential"));
    // The team's error speaks the team's language; the failure, written for operators, theirs.
    let expired = failure(-20000, "40001,invalid credential");
    assert!(expired.error().to_string().contains("不合法"), "{}", expired.error());
    assert!(expired.to_string().starts_with("WeChat"), "{expired}");
    assert!(expired.to_string().contains(": invalid credential (server said: "), "{expired}");
    // An unknown code's text is `msg`, written once.
    failure(-20000, "99999,new").trace();
    let event = &seen.take()[0];
    assert_eq!((event.get("message"), event.get("msdk.msg")), (Some("unknown code"), Some("99999,new")));
    assert_eq!(event.get("error.type"), Some("wechat_platform.Unknown"));
}

#[test]
fn a_final_failure_marks_its_span_as_an_error() {
    let seen = Seen::default();
    let _guard = tracing::subscriber::set_default(seen.clone());
    let span = tracing::info_span!(
        "call msdk",
        "otel.status_code" = tracing::field::Empty,
        "error.type" = tracing::field::Empty
    );
    span.in_scope(|| failure(-107, "").trace());
    let mut record = Written::default();
    seen.take()
        .into_iter()
        .filter(|written| written.kind == "span")
        .for_each(|written| record.fields.extend(written.fields));
    assert_eq!(
        (record.get("otel.status_code"), record.get("error.type")),
        (Some("ERROR"), Some("access.PaymentIpNotWhitelisted"))
    );
    // An attempt that is retried leaves the span alone.
    span.in_scope(|| failure(-503, "").trace_attempt(1));
    assert!(seen.take().iter().all(|written| written.kind != "span"));
}

const TOKEN: &str = "0AB1C2D3E4F5";
const OPENID: &str = "o9Rz_secret_openid";

#[test]
fn msg_is_masked_and_bounded_in_every_event_and_span() {
    let seen = Seen::default();
    let _guard = tracing::subscriber::set_default(seen.clone());
    let echoed = failure(-20000, &format!("40001,invalid credential access_token={TOKEN}&openid={OPENID} rid: 1f"));
    echoed.trace();
    echoed.trace_attempt(1);
    let span = tracing::info_span!("call", msdk.msg = tracing::field::Empty, msdk.rid = tracing::field::Empty);
    echoed.record(&span);
    let huge = failure(-20000, &format!("40001,{}", "x".repeat(105_000)));
    huge.trace();
    let written: Vec<Written> = seen.take().into_iter().filter(|written| written.get("msdk.msg").is_some()).collect();
    assert_eq!(written.len(), 4, "two events, the span, the long one");
    for written in &written[..3] {
        let text = format!("{written:?}");
        assert!(!text.contains(TOKEN) && !text.contains(OPENID), "{text}");
        assert!(written.get("msdk.msg").unwrap().contains("access_token=***&openid=***"), "{written:?}");
    }
    let msg = written[3].get("msdk.msg").unwrap();
    assert!(msg.len() < 600 && msg.ends_with("… (105006 bytes)"), "{} bytes", msg.len());
    let event_size: usize = written[3].fields.iter().map(|(name, value)| name.len() + value.len()).sum();
    assert!(event_size < 1024, "the whole event is bounded: {event_size} bytes");
}

#[test]
fn no_token_in_any_output() {
    let seen = Seen::default();
    let _guard = tracing::subscriber::set_default(seen.clone());
    let msg = format!("40001,invalid credential, access_token={TOKEN}, openid: {OPENID}");
    let echoed = failure(-20000, &msg);
    let unknown = failure(-20000, &format!("99999,{{\"openid\":\"{OPENID}\",\"access_token\":\"{TOKEN}\"}}"));
    let transport: CallError<String, MsdkError> = CallError::Transport(format!(
        "error sending request for url (http://msdk/relation/wxfriends_profile?openid={OPENID}&access_token={TOKEN})"
    ));
    let mut outputs = Vec::new();
    for failure in [&echoed, &unknown] {
        failure.trace();
        failure.trace_attempt(2);
        failure.record(&tracing::info_span!("call", msdk.msg = tracing::field::Empty));
        outputs.push(failure.to_string());
        outputs.push(serde_json::to_string(failure).unwrap());
        outputs.push(format!("{:?}", failure.labels()));
        outputs.push(failure.error_type().to_string());
        outputs.push(CallError::<String, MsdkError>::Failure(failure.clone()).to_string());
    }
    outputs.push(transport.to_string());
    outputs.push(format!("{transport:?}"));
    outputs.extend(seen.take().iter().map(|written| format!("{written:?}")));
    assert_eq!(outputs.len(), 2 * 5 + 2 + 6);
    for output in &outputs {
        assert!(!output.contains(TOKEN) && !output.contains(OPENID), "{output}");
    }
    // What the failure keeps is what the server sent, for code that needs it.
    assert_eq!(echoed.msg(), msg);
    // And a call without answer is not retried when it is a payment.
    assert!(!transport.retry(Idempotence::NotIdempotent).is_retryable());
}

#[test]
fn the_log_line_and_the_metric_labels_name_the_same_layer() {
    let seen = Seen::default();
    let _guard = tracing::subscriber::set_default(seen.clone());
    // Known; unknown, looked up in `access`; unknown, looked up in no table of the expansion
    // (`qq_platform` is left out).
    for (ret, msg) in [(-503, ""), (-1234, "new"), (-10000, "100099,new")] {
        let failure = failure(ret, msg);
        failure.trace();
        let event = seen.take().pop().expect("one event");
        let object = serde_json::to_value(&failure).unwrap();
        // One function gives all three: `Failure::layer_id`.
        let layer = failure.layer_id();
        assert_eq!(event.get("msdk.layer"), layer, "{ret} {msg}");
        assert_eq!(object["layer"].as_str(), layer, "{ret} {msg}");
        assert_eq!(failure.labels()[0], ("layer", layer.unwrap_or("none")), "{ret} {msg}");
        let error_type = failure.error_type().to_string();
        assert_eq!(error_type, layer.map_or("Unknown".to_owned(), |layer| format!("{layer}.{}", failure.name())));
    }
    assert_eq!(failure(-1234, "new").layer_id(), Some("access"));
    assert_eq!(failure(-10000, "100099,new").layer_id(), None);
}
