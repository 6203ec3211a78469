//! A failure on a tracing span or event (feature `tracing`).

use tracing::field::display;

use crate::Failure;
use crate::failure::Concern;
use crate::table::ErrorEnum;

/// One event at `$level` with every field of a failure; the event's message is the catalog's
/// message in the expansion's locale.
macro_rules! failure_event {
    ($level:expr, $failure:expr) => {
        tracing::event!(
            target: "msdk",
            $level,
            "error.type" = %$failure.error_type(),
            layer = $failure.layer_id(),
            code = $failure.code(),
            name = $failure.name(),
            action = $failure.action().id(),
            err_type = $failure.err_type().code(),
            ret = $failure.ret(),
            rid = $failure.rid(),
            hint = $failure.hint(),
            msg = $failure.msg(),
            "{}",
            $failure.message($failure.display_locale())
        )
    };
}

// Gated as its module is: the attribute marks the impl with its feature in re-exporting docs.
#[cfg(feature = "tracing")]
impl<E: ErrorEnum> Failure<E> {
    /// The fields that [`Self::record`] fills on a span that declares them, and that
    /// [`Self::trace`] writes: `error.type` (see [`Self::error_type`]) and the keys of the
    /// failure's JSON object but `message`, which is the event's message.
    pub const TRACING_FIELDS: [&'static str; 10] =
        ["error.type", "layer", "code", "name", "action", "err_type", "ret", "rid", "hint", "msg"];

    /// Records the failure on `span`: each of [`Self::TRACING_FIELDS`] that the span declared
    /// (as `tracing::field::Empty`, for a value known later) gets its value; the others are left
    /// alone. `layer`, `rid` and `hint` are recorded only when there is one.
    pub fn record(&self, span: &tracing::Span) {
        span.record("error.type", display(self.error_type()));
        if let Some(layer) = self.layer_id() {
            span.record("layer", layer);
        }
        span.record("code", self.code());
        span.record("name", self.name());
        span.record("action", self.action().id());
        span.record("err_type", self.err_type().code());
        span.record("ret", self.ret());
        if let Some(rid) = self.rid() {
            span.record("rid", rid);
        }
        if let Some(hint) = self.hint() {
            span.record("hint", hint);
        }
        span.record("msg", self.msg());
    }

    /// Emits one event with target `msdk` and the fields of [`Self::TRACING_FIELDS`], its message
    /// the catalog's message. Its level follows the action: `ERROR` when someone has to act
    /// (`fix_request`, `fix_config`, `contact_support` and unknown codes), `WARN` for what a retry
    /// or a token refresh deals with (`retry`, `backoff`, `refresh_token`), `INFO` for what is
    /// about the player (`ignore`, `user_limit`, `reauthorize`).
    pub fn trace(&self) {
        match self.concern() {
            Concern::Operator => failure_event!(tracing::Level::ERROR, self),
            Concern::Transient => failure_event!(tracing::Level::WARN, self),
            Concern::Player => failure_event!(tracing::Level::INFO, self),
        }
    }
}
