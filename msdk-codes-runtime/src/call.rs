//! How one MSDK call ended: the error of a call (an MSDK failure, a body that is not an MSDK
//! response, no answer at all) and its outcome label.

use core::fmt;

#[cfg(feature = "json")]
use crate::MsdkErrorEnum;
#[cfg(feature = "json")]
use crate::{Failure, Idempotence, LogPolicy, Retry};

/// How a call to MSDK ended, once its retries are over: the `outcome` label of the requests
/// counter (`CallMetrics`, feature `metrics`) and of a final log line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// `ret` was 0.
    Success,
    /// MSDK answered with an error code.
    Failure,
    /// The body is not an MSDK response (a proxy's error page, a cut body).
    BadBody,
    /// No answer: the connection failed or the call timed out.
    Transport,
}

impl Outcome {
    /// Every outcome, in the order of the variants.
    pub const ALL: [Outcome; 4] = [Outcome::Success, Outcome::Failure, Outcome::BadBody, Outcome::Transport];

    /// The label value: `success`, `failure`, `bad_body`, `transport`.
    pub const fn label(self) -> &'static str {
        match self {
            Outcome::Success => "success",
            Outcome::Failure => "failure",
            Outcome::BadBody => "bad_body",
            Outcome::Transport => "transport",
        }
    }

    /// The outcome of a call's result.
    #[cfg(feature = "json")]
    pub fn of<R, T, E>(result: &Result<R, CallError<T, E>>) -> Outcome {
        match result {
            Ok(_) => Outcome::Success,
            Err(err) => err.outcome(),
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.label())
    }
}

/// Why a call to MSDK failed: MSDK's error code, a body that is not an MSDK response, or no
/// answer from `T`, the transport (an HTTP client's error, a timeout). The error of
/// `tower::Decode` (feature `tower`), and what a hand-written client returns.
///
/// [`CallError::retry`] says what to do next: a failure's own [`Retry`]; for a bad body or no
/// answer, the outcome is unknown ([`Retry::outcome_unknown`]), so only an idempotent call is
/// retried. `Display` passes the transport's text through the installed [`LogPolicy`]: an HTTP
/// client's error that quotes the request URL does not carry its `access_token` into a log.
///
/// ```
/// msdk_codes_core::msdk_errors!(layers = [access]);
///
/// use msdk_codes_core::{CallError, Idempotence, Outcome, Response};
///
/// let reset: CallError<String, MsdkError> =
///     CallError::Transport("GET /mpay/pay_m?openid=o9Rz&access_token=0AB1: connection reset".to_owned());
/// assert_eq!(reset.to_string(), "no answer from MSDK: GET /mpay/pay_m?openid=***&access_token=***: connection reset");
/// assert_eq!(reset.outcome(), Outcome::Transport);
/// // A payment that got no answer may have been paid: not retried.
/// assert!(!reset.retry(Idempotence::NotIdempotent).is_retryable());
/// assert!(reset.retry(Idempotence::Idempotent).is_retryable());
///
/// let limited: CallError<String, MsdkError> =
///     CallError::Failure(msdk_codes_core::Failure::from_response(Response::new(-503, "")).unwrap());
/// assert!(limited.retry(Idempotence::NotIdempotent).is_retryable(), "MSDK refused it: nothing was done");
/// ```
#[cfg(feature = "json")]
pub enum CallError<T, E> {
    /// MSDK answered with an error code.
    Failure(Failure<E>),
    /// The body is not an MSDK response.
    BadBody(crate::DecodeError),
    /// No answer: the transport's error.
    Transport(T),
}

#[cfg(feature = "json")]
impl<T, E> CallError<T, E> {
    /// The outcome label of the call.
    pub fn outcome(&self) -> Outcome {
        match self {
            CallError::Failure(_) => Outcome::Failure,
            CallError::BadBody(_) => Outcome::BadBody,
            CallError::Transport(_) => Outcome::Transport,
        }
    }

    /// MSDK's failure, when MSDK answered.
    pub fn failure(&self) -> Option<&Failure<E>> {
        match self {
            CallError::Failure(failure) => Some(failure),
            _ => None,
        }
    }
}

#[cfg(feature = "json")]
impl<T, E: MsdkErrorEnum> CallError<T, E> {
    /// Whether and how to call again: the failure's [`Retry`]; after a bad body or no answer,
    /// [`Retry::outcome_unknown`] for a call that is `call`.
    pub fn retry(&self, call: Idempotence) -> Retry {
        match self {
            CallError::Failure(failure) => failure.retry(),
            CallError::BadBody(err) => err.retry(call),
            CallError::Transport(_) => Retry::outcome_unknown(call),
        }
    }
}

/// The transport's error passes through the installed [`LogPolicy`], as in `Display`.
#[cfg(feature = "json")]
impl<T: fmt::Debug, E: fmt::Debug> fmt::Debug for CallError<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Failure(failure) => f.debug_tuple("Failure").field(failure).finish(),
            CallError::BadBody(err) => f.debug_tuple("BadBody").field(err).finish(),
            CallError::Transport(err) => {
                let text = format!("{err:?}");
                f.debug_tuple("Transport").field(&format_args!("{}", LogPolicy::current().text(&text))).finish()
            }
        }
    }
}

/// The failure's `Display`; `not an MSDK response: <why>`; `no answer from MSDK: <the
/// transport's error>`, masked and cut by the installed [`LogPolicy`].
#[cfg(feature = "json")]
impl<T: fmt::Display, E: MsdkErrorEnum> fmt::Display for CallError<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Failure(failure) => fmt::Display::fmt(failure, f),
            CallError::BadBody(err) => write!(f, "not an MSDK response: {err}"),
            CallError::Transport(err) => {
                write!(f, "no answer from MSDK: {}", LogPolicy::current().text(&err.to_string()))
            }
        }
    }
}

/// The failure or the decoding error is the source; the transport's error is in the text only,
/// since its own chain may quote the request's secrets.
#[cfg(feature = "json")]
impl<T: fmt::Debug + fmt::Display, E: MsdkErrorEnum> std::error::Error for CallError<T, E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CallError::Failure(failure) => Some(failure),
            CallError::BadBody(err) => Some(err),
            CallError::Transport(_) => None,
        }
    }
}
