//! What a retry loop needs to know about a failure, from its action.

use core::time::Duration;

use crate::Action;

/// Whether to call MSDK again, whether to refresh the access token first, and the least wait
/// before the next attempt where the documents or the server give one. From a failure's action
/// ([`Failure::retry`](crate::Failure::retry)) or from an action alone ([`Retry::of`]).
///
/// | action | [`is_retryable`](Self::is_retryable) | [`refresh_token_first`](Self::refresh_token_first) | [`is_rate_limited`](Self::is_rate_limited) |
/// |---|---|---|---|
/// | `retry` | yes | | |
/// | `backoff` | yes | | yes |
/// | `refresh_token` | yes | yes | |
/// | every other | no: the same call fails the same way | | |
///
/// [`after`](Self::after), the least wait, is known for two failures:
///
/// - WeChat's minute quota: its `msg` says `retry next minute` (as WeChat's `45011, api
///   minute-quota reach limit mustslower retry next minute` does): 60 seconds, after which a new
///   minute's quota has started;
/// - the MSDK access layer's frequency limit (`access` -503): the MSDK FAQ says its back end takes
///   "not more than once per second": 1 second.
///
/// Every other frequency limit has no documented rate: the retry policy's own backoff decides.
///
/// ```
/// msdk_codes_core::msdk_errors!(layers = [access, wechat_platform]);
///
/// use core::time::Duration;
/// use msdk_codes_core::{Failure, Response};
///
/// let failure = Failure::<MsdkError>::from_response(Response::new(
///     -20000,
///     "45011,api minute-quota reach limit  mustslower  retry next minute rid: 6631a5d9",
/// ))
/// .unwrap();
/// let retry = failure.retry();
/// assert!(retry.is_retryable() && retry.is_rate_limited());
/// assert_eq!(retry.after(), Some(Duration::from_secs(60)));
/// // A retry policy proposes 200 ms; the minute quota asks for more.
/// assert_eq!(retry.delay(Duration::from_millis(200)), Some(Duration::from_secs(60)));
///
/// let expired = Failure::<MsdkError>::from_response(Response::new(-20000, "40001,invalid credential")).unwrap();
/// assert!(expired.retry().refresh_token_first());
///
/// let not_whitelisted = Failure::<MsdkError>::from_response(Response::new(-107, "")).unwrap();
/// assert_eq!(not_whitelisted.retry().delay(Duration::from_millis(200)), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Retry {
    action: Action,
    after: Option<Duration>,
}

/// What WeChat says when an API's minute quota is used up.
const NEXT_MINUTE: &str = "retry next minute";

/// The wait that a new minute's quota needs.
const A_MINUTE: Duration = Duration::from_secs(60);

/// The MSDK access layer's frequency limit, and the rate the MSDK FAQ gives its back end.
const ACCESS_FREQUENCY_LIMIT: (&str, i32) = ("access", -503);
const MSDK_RATE: Duration = Duration::from_secs(1);

impl Retry {
    /// What the action alone says, with no documented wait.
    #[must_use]
    pub const fn of(action: Action) -> Retry {
        Retry { action, after: None }
    }

    /// What the action says about a failure of code `code` in layer `layer` whose `msg` is `msg`,
    /// with the documented wait where there is one.
    pub(crate) fn of_failure(action: Action, layer: Option<&str>, code: i32, msg: &str) -> Retry {
        let mut retry = Retry::of(action);
        if !retry.is_retryable() {
            return retry;
        }
        if msg.contains(NEXT_MINUTE) {
            retry.after = Some(A_MINUTE);
        } else if layer == Some(ACCESS_FREQUENCY_LIMIT.0) && code == ACCESS_FREQUENCY_LIMIT.1 {
            retry.after = Some(MSDK_RATE);
        }
        retry
    }

    /// The action it was derived from.
    pub const fn action(self) -> Action {
        self.action
    }

    /// Whether calling again can succeed: `retry`, `backoff`, and `refresh_token` once the token
    /// is refreshed. Any other failure comes back the same on a second call.
    pub const fn is_retryable(self) -> bool {
        matches!(self.action, Action::Retry | Action::Backoff | Action::RefreshToken)
    }

    /// `refresh_token`: renew the access token with the refresh token (MSDK's
    /// `/auth/refresh_token`), then call again with the new one.
    pub const fn refresh_token_first(self) -> bool {
        matches!(self.action, Action::RefreshToken)
    }

    /// `backoff`: a frequency limit, which asks for longer waits than a transient failure.
    pub const fn is_rate_limited(self) -> bool {
        matches!(self.action, Action::Backoff)
    }

    /// The least wait before the next attempt, where the server or the documents give one.
    pub const fn after(self) -> Option<Duration> {
        self.after
    }

    /// The wait before the next attempt, given the one a retry policy proposes: `None` when the
    /// call should not be retried, else the proposed wait, at least [`Self::after`]. The shape
    /// of backon's `adjust`: `.adjust(|failure, next| next.and_then(|wait| failure.retry().delay(wait)))`.
    pub fn delay(self, proposed: Duration) -> Option<Duration> {
        self.is_retryable().then(|| self.after.map_or(proposed, |after| proposed.max(after)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_action_decides_whether_and_how() {
        let retryable: Vec<&str> =
            Action::ALL.into_iter().filter(|&action| Retry::of(action).is_retryable()).map(Action::id).collect();
        assert_eq!(retryable, ["retry", "backoff", "refresh_token"]);
        assert!(Retry::of(Action::RefreshToken).refresh_token_first());
        assert!(!Retry::of(Action::Retry).refresh_token_first());
        assert!(Retry::of(Action::Backoff).is_rate_limited());
        assert_eq!(Retry::of(Action::Backoff).after(), None);
        assert_eq!(Retry::of(Action::FixConfig).delay(Duration::ZERO), None);
        assert_eq!(Retry::of(Action::Retry).delay(Duration::from_millis(5)), Some(Duration::from_millis(5)));
    }

    #[test]
    fn the_documented_waits() {
        let minute = Retry::of_failure(Action::Backoff, Some("wechat_platform"), 45011, "45011,x retry next minute");
        assert_eq!(minute.after(), Some(A_MINUTE));
        assert_eq!(minute.delay(Duration::from_secs(90)), Some(Duration::from_secs(90)), "a longer proposal stays");
        let access = Retry::of_failure(Action::Backoff, Some("access"), -503, "");
        assert_eq!(access.delay(Duration::from_millis(100)), Some(MSDK_RATE));
        assert_eq!(Retry::of_failure(Action::Backoff, Some("oidb"), -503, "").after(), None, "another layer's -503");
        // A policy that made the code a request bug: no wait makes it retryable.
        let fixed = Retry::of_failure(Action::FixRequest, Some("access"), -503, "retry next minute");
        assert_eq!((fixed.after(), fixed.delay(Duration::ZERO)), (None, None));
    }
}
