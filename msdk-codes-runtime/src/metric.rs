//! A failure as metric labels, and the metrics of MSDK calls (feature `metrics`).

use core::time::Duration;

use metrics::{IntoLabels, Label};

use crate::{Failure, MsdkErrorEnum, Outcome};

/// The labels of [`Failure::labels`], built from `&'static str`s: no allocation for the strings.
// Gated as its module is: the attribute marks the impl with its feature in re-exporting docs.
#[cfg(feature = "metrics")]
impl<E: MsdkErrorEnum> IntoLabels for &Failure<E> {
    fn into_labels(self) -> Vec<Label> {
        self.labels().into_iter().map(|(key, value)| Label::from_static_parts(key, value)).collect()
    }
}

// Gated as its module is: the attribute marks the impl with its feature in re-exporting docs.
#[cfg(feature = "metrics")]
impl<E: MsdkErrorEnum> Failure<E> {
    /// Adds 1 to the counter `name`, labelled by layer, name and action (see [`Self::labels`]),
    /// in the recorder `metrics` has installed.
    pub fn count(&self, name: &'static str) {
        metrics::counter!(name, self).increment(1);
    }
}

/// The metrics of MSDK calls, by name, counted once per call (not per attempt) into the recorder
/// `metrics` has installed. Every label value is a `&'static str`: an API path the code names
/// (`"/relation/wxfriends_profile"`, never a URL with its query), an [`Outcome`], the catalog's
/// layers, names and actions.
///
/// | metric (default name) | kind | labels | when |
/// |---|---|---|---|
/// | `msdk_requests_total` | counter | `api`, `outcome` | each call, once its retries are over ([`Self::request`]) |
/// | `msdk_request_duration_seconds` | histogram | `api` | the same, its time with the retries ([`Self::request`]) |
/// | `msdk_failures_total` | counter | `layer`, `name`, `action` | each call that ended on an MSDK failure ([`Self::failure`]) |
/// | `msdk_transport_errors_total` | counter | `api` | each attempt that got no answer ([`Self::transport_error`]) |
/// | `msdk_retries_given_up_total` | counter | `api` | each call that ended on a retryable failure: out of attempts, of budget, or asked to wait longer than the caller can ([`Self::retries_given_up`]) |
/// | `msdk_token_refresh_failures_total` | counter | | each failed access token refresh ([`Self::refresh_failed`]) |
///
/// ```
/// msdk_codes_core::msdk_errors!(layers = [access, qq_platform]);
///
/// use std::time::{Duration, Instant};
/// use msdk_codes_core::{CallError, CallMetrics, Failure, Idempotence, Outcome, Response};
///
/// const METRICS: CallMetrics = CallMetrics::DEFAULT;
/// METRICS.describe();
///
/// // At the end of a call, after its retries:
/// let started = Instant::now();
/// let result: Result<Response, CallError<String, MsdkError>> =
///     Err(CallError::Failure(Failure::from_response(Response::new(-503, "")).unwrap()));
/// METRICS.request("/mpay/pay_m", Outcome::of(&result), started.elapsed());
/// if let Err(err) = &result {
///     if let Some(failure) = err.failure() {
///         METRICS.failure(failure);
///     }
///     if err.retry(Idempotence::NotIdempotent).is_retryable() {
///         METRICS.retries_given_up("/mpay/pay_m");
///     }
/// }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallMetrics {
    /// Calls, by `api` and `outcome`.
    pub requests: &'static str,
    /// Seconds per call, retries included, by `api`.
    pub duration: &'static str,
    /// Calls that ended on an MSDK failure, by `layer`, `name` and `action`.
    pub failures: &'static str,
    /// Attempts that got no answer, by `api`.
    pub transport_errors: &'static str,
    /// Calls that ended on a failure a retry could have passed, by `api`.
    pub retries_given_up: &'static str,
    /// Failed access token refreshes.
    pub refresh_failures: &'static str,
}

impl CallMetrics {
    /// The names in the table above.
    pub const DEFAULT: CallMetrics = CallMetrics {
        requests: "msdk_requests_total",
        duration: "msdk_request_duration_seconds",
        failures: "msdk_failures_total",
        transport_errors: "msdk_transport_errors_total",
        retries_given_up: "msdk_retries_given_up_total",
        refresh_failures: "msdk_token_refresh_failures_total",
    };

    /// Describes each metric (its unit and help text) to the installed recorder.
    pub fn describe(&self) {
        metrics::describe_counter!(self.requests, "MSDK calls, once their retries are over, by API and outcome");
        metrics::describe_histogram!(
            self.duration,
            metrics::Unit::Seconds,
            "the time of an MSDK call with its retries, by API"
        );
        metrics::describe_counter!(self.failures, "MSDK calls that ended on an error code, by layer, name and action");
        metrics::describe_counter!(self.transport_errors, "MSDK attempts that got no answer, by API");
        metrics::describe_counter!(self.retries_given_up, "MSDK calls that ended on a retryable failure, by API");
        metrics::describe_counter!(self.refresh_failures, "failed access token refreshes");
    }

    /// Counts a call that ended with `outcome` after `elapsed`, retries included.
    pub fn request(&self, api: &'static str, outcome: Outcome, elapsed: Duration) {
        metrics::counter!(self.requests, "api" => api, "outcome" => outcome.label()).increment(1);
        metrics::histogram!(self.duration, "api" => api).record(elapsed.as_secs_f64());
    }

    /// Counts a call that ended on `failure`, by its labels ([`Failure::labels`]).
    pub fn failure<E: MsdkErrorEnum>(&self, failure: &Failure<E>) {
        failure.count(self.failures);
    }

    /// Counts an attempt that got no answer.
    pub fn transport_error(&self, api: &'static str) {
        metrics::counter!(self.transport_errors, "api" => api).increment(1);
    }

    /// Counts a call that gave up retrying a failure that a retry could have passed.
    pub fn retries_given_up(&self, api: &'static str) {
        metrics::counter!(self.retries_given_up, "api" => api).increment(1);
    }

    /// Counts a failed access token refresh.
    pub fn refresh_failed(&self) {
        metrics::counter!(self.refresh_failures).increment(1);
    }
}

impl Default for CallMetrics {
    fn default() -> CallMetrics {
        CallMetrics::DEFAULT
    }
}
