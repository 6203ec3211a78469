//! A failure on a tracing span or event (feature `tracing`).

use tracing::field::display;

use crate::failure::Concern;
use crate::{Action, Failure, LogPolicy, MsdkErrorEnum};

/// One event at `$level` with every field of a failure (`$fields`, from [`Fields::of`]), and
/// `$extra` fields before the message.
macro_rules! failure_event {
    ($level:expr, $fields:expr, $($extra:tt)*) => {{
        let fields = $fields;
        tracing::event!(
            target: "msdk",
            $level,
            "error.type" = %fields.error_type,
            msdk.layer = fields.layer,
            msdk.code = fields.code,
            msdk.name = fields.name,
            msdk.action = fields.action,
            msdk.err_type = fields.err_type,
            msdk.ret = fields.ret,
            msdk.rid = fields.rid.as_deref(),
            msdk.hint = fields.hint.as_deref(),
            msdk.msg = &*fields.msg,
            $($extra)*
            "{}",
            fields.message
        )
    }};
}

/// A failure's fields as a log holds them: `msg`, `rid` and `hint` masked and cut by the policy.
struct Fields<'a> {
    error_type: crate::ErrorType,
    layer: Option<&'static str>,
    code: i32,
    name: &'static str,
    action: &'static str,
    err_type: i32,
    ret: i32,
    rid: Option<std::borrow::Cow<'a, str>>,
    hint: Option<std::borrow::Cow<'a, str>>,
    msg: std::borrow::Cow<'a, str>,
    message: &'a str,
}

impl<'a> Fields<'a> {
    fn of<E: MsdkErrorEnum>(failure: &'a Failure<E>, policy: &LogPolicy) -> Fields<'a> {
        Fields {
            error_type: failure.error_type(),
            layer: failure.layer_id(),
            code: failure.code(),
            name: failure.name(),
            action: failure.action().id(),
            err_type: failure.err_type().code(),
            ret: failure.ret(),
            rid: failure.rid().map(|rid| policy.text(rid)),
            hint: failure.hint().map(|hint| policy.text(hint)),
            msg: policy.text(failure.msg()),
            message: failure.log_message(policy),
        }
    }
}

// Gated as its module is: the attribute marks the impl with its feature in re-exporting docs.
#[cfg(feature = "tracing")]
impl<E: MsdkErrorEnum> Failure<E> {
    /// The fields that [`Self::record`] fills on a span that declares them, and that
    /// [`Self::trace`] writes: OpenTelemetry's `error.type` (see [`Self::error_type`]), then the
    /// failure's own under `msdk.`: the keys of its JSON object but `message`, which is the
    /// event's message.
    pub const TRACING_FIELDS: [&'static str; 10] = [
        "error.type",
        "msdk.layer",
        "msdk.code",
        "msdk.name",
        "msdk.action",
        "msdk.err_type",
        "msdk.ret",
        "msdk.rid",
        "msdk.hint",
        "msdk.msg",
    ];

    /// The span field that marks a span as failed, with the value `ERROR`: the one
    /// tracing-opentelemetry reads as the span's status.
    pub const SPAN_STATUS_FIELD: &'static str = "otel.status_code";

    /// Records the failure on `span`: each of [`Self::TRACING_FIELDS`] that the span declared
    /// (as `tracing::field::Empty`, for a value known later) gets its value, and
    /// [`Self::SPAN_STATUS_FIELD`] becomes `ERROR` (but for an `ignore` failure, which is no
    /// failure of the request); the others are left alone. `msdk.layer`, `msdk.rid` and
    /// `msdk.hint` are recorded only when there is one. `msg` is masked and cut as the installed
    /// [`LogPolicy`] says.
    pub fn record(&self, span: &tracing::Span) {
        let policy = LogPolicy::current();
        let fields = Fields::of(self, &policy);
        self.mark(span);
        if let Some(layer) = fields.layer {
            span.record("msdk.layer", layer);
        }
        span.record("msdk.code", fields.code);
        span.record("msdk.name", fields.name);
        span.record("msdk.action", fields.action);
        span.record("msdk.err_type", fields.err_type);
        span.record("msdk.ret", fields.ret);
        if let Some(rid) = fields.rid.as_deref() {
            span.record("msdk.rid", rid);
        }
        if let Some(hint) = fields.hint.as_deref() {
            span.record("msdk.hint", hint);
        }
        span.record("msdk.msg", &*fields.msg);
    }

    /// `error.type` and the error status on `span`, when it declares them.
    fn mark(&self, span: &tracing::Span) {
        span.record("error.type", display(self.error_type()));
        if self.action() != Action::Ignore {
            span.record(Self::SPAN_STATUS_FIELD, "ERROR");
        }
    }

    /// The event of the failure that ended a call, once the retries are over: target `msdk`,
    /// the fields of [`Self::TRACING_FIELDS`], its message the catalog's message in the installed
    /// [`LogPolicy`]'s language (English by default; `unknown code`, in that language, for an unknown code). Its
    /// level follows the action: `ERROR` when someone has to act (`fix_request`, `fix_config`,
    /// `contact_support` and unknown codes), `WARN` for what a retry or a token refresh deals
    /// with (`retry`, `backoff`, `refresh_token`: here, retries that gave up), `INFO` for what is
    /// about the player (`ignore`, `user_limit`, `reauthorize`).
    ///
    /// It also marks the current span as failed: `error.type` and
    /// [`Self::SPAN_STATUS_FIELD`], when the span declares them (see [`Self::record`]).
    pub fn trace(&self) {
        let policy = LogPolicy::current();
        self.mark(&tracing::Span::current());
        match self.concern() {
            Concern::Operator => failure_event!(tracing::Level::ERROR, Fields::of(self, &policy),),
            Concern::Transient => failure_event!(tracing::Level::WARN, Fields::of(self, &policy),),
            Concern::Player => failure_event!(tracing::Level::INFO, Fields::of(self, &policy),),
        }
    }

    /// The event of a failed attempt that the call retries: the fields of [`Self::trace`] and
    /// `msdk.attempt` (1 for the first), at `DEBUG`, so that a routine token expiry or a retried
    /// timeout does not fill the logs; [`Self::trace`] writes the one event of the outcome.
    pub fn trace_attempt(&self, attempt: u32) {
        let policy = LogPolicy::current();
        failure_event!(tracing::Level::DEBUG, Fields::of(self, &policy), msdk.attempt = attempt,);
    }
}
