//! What a retry loop needs to know about a failure, from its action; the spread of its waits;
//! a budget that keeps retries a share of the calls.

use core::hash::{BuildHasher, Hasher};
use core::time::Duration;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Instant;

use crate::Action;

/// Whether to call MSDK again, whether to refresh the access token first, and how long to wait
/// before the next attempt. From a failure's action ([`Failure::retry`](crate::Failure::retry)),
/// from an action alone ([`Retry::of`]), or for a call that got no MSDK answer
/// ([`Retry::outcome_unknown`]).
///
/// | action | [`is_retryable`](Self::is_retryable) | [`refresh_token_first`](Self::refresh_token_first) | [`is_rate_limited`](Self::is_rate_limited) |
/// |---|---|---|---|
/// | `retry` | yes | | |
/// | `backoff` | yes | | yes |
/// | `refresh_token` | yes | yes | |
/// | every other | no: the same call fails the same way | | |
///
/// # The wait
///
/// [`after`](Self::after), the documented least wait, is known for two failures:
///
/// - WeChat's minute quota: its `msg` says `retry next minute` (as WeChat's `45011, api
///   minute-quota reach limit mustslower retry next minute` does): 60 seconds, after which a new
///   minute's quota has started;
/// - the MSDK access layer's frequency limit (`access` -503): the MSDK FAQ says its back end takes
///   "not more than once per second": 1 second.
///
/// Another frequency limit (`backoff`) has no documented rate: its least wait is
/// [`Retry::BACKOFF_FLOOR`], so that a retry policy's first short wait does not hit the limit
/// again. [`least_wait`](Self::least_wait) is that wait (zero for the other actions).
///
/// [`delay`](Self::delay) turns a retry policy's proposed wait into the wait to sleep: the least
/// wait, plus a random share of it, plus the proposal. Callers that all met the same limit at the
/// same moment come back spread over a whole least wait instead of in one wave, and no proposal
/// can erase the spread, since the proposal is added above it, never compared with it:
///
/// ```text
/// wait = least_wait + random(0, least_wait) + proposed
/// ```
///
/// The randomness is std's: each draw hashes a counter with a [`RandomState`] (SipHash keyed
/// from the operating system's random source once per thread), which costs a hash and adds no
/// dependency. [`delay_with`](Self::delay_with) takes the random share from the caller instead,
/// for a seeded generator or a test.
///
/// [`RandomState`]: std::collections::hash_map::RandomState
///
/// # A call whose outcome is unknown
///
/// An error code is MSDK's answer: the call was refused, and calling again does not do twice
/// what was done once. A timeout, a reset connection or a proxy's error page is no answer: the
/// call may have been carried out. [`Retry::outcome_unknown`] says what to do then: call again
/// only when the call is [`Idempotent`](Idempotence::Idempotent) (a read, a query); a payment or
/// anything else [`NotIdempotent`](Idempotence::NotIdempotent) is not retried, and
/// [`is_outcome_unknown`](Self::is_outcome_unknown) tells the caller to find out what happened
/// (MSDK's order query, for a payment) before calling again.
///
/// ```
/// msdk_codes_core::msdk_errors!(layers = [access, wechat_platform]);
///
/// use core::time::Duration;
/// use msdk_codes_core::{Failure, Idempotence, Response, Retry};
///
/// let failure = Failure::<MsdkError>::from_response(Response::new(
///     -20000,
///     "45011,api minute-quota reach limit  mustslower  retry next minute rid: 6631a5d9",
/// ))
/// .unwrap();
/// let retry = failure.retry();
/// assert!(retry.is_retryable() && retry.is_rate_limited());
/// assert_eq!(retry.after(), Some(Duration::from_secs(60)));
/// // A retry policy proposes 200 ms; the minute quota asks for a minute, spread over the next.
/// let wait = retry.delay(Duration::from_millis(200)).unwrap();
/// assert!(wait >= Duration::from_millis(60_200) && wait < Duration::from_millis(120_200));
/// // The same with the random share given: none, then almost all of the least wait.
/// assert_eq!(retry.delay_with(Duration::from_millis(200), 0.0), Some(Duration::from_millis(60_200)));
/// assert_eq!(retry.delay_with(Duration::ZERO, 0.5), Some(Duration::from_secs(90)));
///
/// let expired = Failure::<MsdkError>::from_response(Response::new(-20000, "40001,invalid credential")).unwrap();
/// assert!(expired.retry().refresh_token_first());
///
/// let not_whitelisted = Failure::<MsdkError>::from_response(Response::new(-107, "")).unwrap();
/// assert_eq!(not_whitelisted.retry().delay(Duration::from_millis(200)), None);
///
/// // A payment that timed out may have been paid: not retried.
/// let timed_out = Retry::outcome_unknown(Idempotence::NotIdempotent);
/// assert!(!timed_out.is_retryable() && timed_out.is_outcome_unknown());
/// assert_eq!(timed_out.delay(Duration::from_millis(200)), None);
/// // A friends list that timed out is read again.
/// let read = Retry::outcome_unknown(Idempotence::Idempotent);
/// assert_eq!(read.delay_with(Duration::from_millis(200), 0.7), Some(Duration::from_millis(200)));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Retry {
    action: Action,
    after: Option<Duration>,
    /// Set when the call got no MSDK answer: how far calling again is safe.
    unknown: Option<Idempotence>,
}

/// Whether doing a call twice has the effect of doing it once: what decides whether a call whose
/// outcome is unknown may be made again (see [`Retry::outcome_unknown`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Idempotence {
    /// Reads and queries, and writes that carry their own de-duplication key: safe to repeat.
    Idempotent,
    /// Payments, gifts, messages, anything that a second call would do again.
    NotIdempotent,
}

/// What WeChat says when an API's minute quota is used up.
const NEXT_MINUTE: &str = "retry next minute";

/// The wait that a new minute's quota needs.
const A_MINUTE: Duration = Duration::from_secs(60);

/// The MSDK access layer's frequency limit, and the rate the MSDK FAQ gives its back end.
const ACCESS_FREQUENCY_LIMIT: (&str, i32) = ("access", -503);
const MSDK_RATE: Duration = Duration::from_secs(1);

impl Retry {
    /// The least wait after a frequency limit (`backoff`) that documents no rate of its own: one
    /// second, the only rate the MSDK documents give (its back end's "not more than once per
    /// second"), and the window most frequency limits count in.
    pub const BACKOFF_FLOOR: Duration = MSDK_RATE;

    /// What the action alone says, with no documented wait.
    #[must_use]
    pub const fn of(action: Action) -> Retry {
        Retry { action, after: None, unknown: None }
    }

    /// A call that got no MSDK answer (a timeout, a reset connection, a body that is not an MSDK
    /// response, such as a proxy's error page): the call may or may not have been carried out.
    /// Retryable, as a transient failure (action `retry`), only when `call` is idempotent.
    #[must_use]
    pub const fn outcome_unknown(call: Idempotence) -> Retry {
        Retry { action: Action::Retry, after: None, unknown: Some(call) }
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

    /// The action it was derived from; `retry` for [`Retry::outcome_unknown`].
    pub const fn action(self) -> Action {
        self.action
    }

    /// Whether calling again can succeed without harm: `retry`, `backoff`, and `refresh_token`
    /// once the token is refreshed; after no answer, only an idempotent call. Any other failure
    /// comes back the same on a second call.
    pub const fn is_retryable(self) -> bool {
        matches!(self.action, Action::Retry | Action::Backoff | Action::RefreshToken)
            && !matches!(self.unknown, Some(Idempotence::NotIdempotent))
    }

    /// Whether the call got no MSDK answer, so that it may have been carried out: before calling
    /// a non-idempotent API again, find out whether it was.
    pub const fn is_outcome_unknown(self) -> bool {
        self.unknown.is_some()
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

    /// The documented least wait before the next attempt, where the server or the documents give
    /// one.
    pub const fn after(self) -> Option<Duration> {
        self.after
    }

    /// The least wait before the next attempt: [`Self::after`] where there is one, else
    /// [`Retry::BACKOFF_FLOOR`] for a frequency limit, else zero.
    pub const fn least_wait(self) -> Duration {
        match (self.after, self.action) {
            (Some(after), _) => after,
            (None, Action::Backoff) => Retry::BACKOFF_FLOOR,
            (None, _) => Duration::ZERO,
        }
    }

    /// The wait before the next attempt, given the one a retry policy proposes: `None` when the
    /// call should not be retried, else the least wait, plus a random share of it, plus the
    /// proposal (see [the wait](Self#the-wait)). The shape of backon's `adjust`:
    /// `.adjust(|failure, next| next.and_then(|wait| failure.retry().delay(wait)))`.
    pub fn delay(self, proposed: Duration) -> Option<Duration> {
        self.delay_with(proposed, random_fraction())
    }

    /// [`Self::delay`] with the random share `fraction` (from 0 to 1, clamped; NaN is 0) given by
    /// the caller: the wait is `least_wait + least_wait * fraction + proposed`.
    pub fn delay_with(self, proposed: Duration, fraction: f64) -> Option<Duration> {
        if !self.is_retryable() {
            return None;
        }
        let least = self.least_wait();
        let fraction = if fraction.is_nan() { 0.0 } else { fraction.clamp(0.0, 1.0) };
        Some(least.saturating_add(least.mul_f64(fraction)).saturating_add(proposed))
    }
}

/// A uniform fraction in [0, 1): a counter hashed with a fresh `RandomState`, whose keys std
/// seeds from the operating system once per thread and changes on every `new`.
fn random_fraction() -> f64 {
    static DRAWS: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(DRAWS.fetch_add(1, Ordering::Relaxed));
    // The top 53 bits: every value a double holds exactly below 1.
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// Retries as a share of recent calls: each call deposits a fraction of a retry, each retry
/// withdraws one, and a retry the balance cannot pay is not made. When MSDK fails for everyone,
/// the retries stay at most `percent` of the calls plus `per_second` a second, instead of
/// multiplying the load by the number of attempts; when a few calls fail, each still gets its
/// retries.
///
/// The balance counts the calls and retries of the last [`WINDOW`](Self::WINDOW) (ten seconds),
/// as tower's `retry::budget::TpsBudget` and Finagle's `RetryBudget` do: a burst's own calls
/// pay for its retries, whatever the order in which its answers come back, and deposits older
/// than the window expire, so that quiet hours do not save up a burst. `per_second` is the
/// reserve, earned by the clock: the window always holds `per_second` retries a second of it,
/// which lets the first failures of a quiet service retry. Share one budget per MSDK (or per
/// API) between all requests; tower's own budget serves a tower stack, this one serves backon,
/// hand-written loops and blocking code.
///
/// ```
/// use msdk_codes_core::RetryBudget;
///
/// // Retries at most 10% of the calls, plus 1 a second.
/// let budget = RetryBudget::new(10, 1);
/// let mut retried = 0;
/// for _ in 0..1000 {
///     budget.deposit(); // a call
///     if budget.withdraw() {
///         retried += 1; // ... its retry
///     }
/// }
/// // Within one window: its reserve (1 a second, for ten seconds) and a tenth of the calls.
/// assert_eq!(retried, 10 + 100);
/// ```
#[derive(Debug)]
pub struct RetryBudget {
    /// A call's deposit, in thousandths of a retry.
    per_call: i64,
    /// The reserve the window holds, in thousandths of a retry.
    reserve: i64,
    window: Mutex<Window>,
}

/// A retry, in the budget's unit.
const ONE_RETRY: i64 = 1000;

/// The deposits and withdrawals of the last [`RetryBudget::WINDOW`], one slot a second.
#[derive(Debug)]
struct Window {
    /// When the budget first counted; slot `n % SLOTS` holds second `n` after it.
    start: Option<Instant>,
    /// The newest second counted.
    second: u64,
    slots: [i64; SLOTS],
}

const SLOTS: usize = 10;

impl Window {
    /// The slot of `now`, with the slots of the seconds since the newest one counted emptied.
    fn advance(&mut self, now: Instant) -> &mut [i64; SLOTS] {
        let start = *self.start.get_or_insert(now);
        let second = now.saturating_duration_since(start).as_secs();
        if second > self.second {
            let expired = (second - self.second).min(SLOTS as u64);
            for passed in 1..=expired {
                self.slots[((self.second + passed) % SLOTS as u64) as usize] = 0;
            }
            self.second = second;
        }
        &mut self.slots
    }

    fn slot(&self) -> usize {
        (self.second % SLOTS as u64) as usize
    }
}

impl RetryBudget {
    /// How far back the budget counts calls and retries.
    pub const WINDOW: Duration = Duration::from_secs(SLOTS as u64);

    /// A budget of `percent` retries per hundred calls, plus `per_second` retries a second,
    /// counted over the last [`WINDOW`](Self::WINDOW).
    pub const fn new(percent: u32, per_second: u32) -> RetryBudget {
        RetryBudget {
            per_call: percent as i64 * ONE_RETRY / 100,
            reserve: per_second as i64 * SLOTS as i64 * ONE_RETRY,
            window: Mutex::new(Window { start: None, second: 0, slots: [0; SLOTS] }),
        }
    }

    /// Records a call (its first attempt, not a retry).
    pub fn deposit(&self) {
        self.deposit_at(Instant::now());
    }

    /// Takes one retry from the budget: `false` when it cannot pay for one, and the caller gives
    /// up instead of retrying.
    pub fn withdraw(&self) -> bool {
        self.withdraw_at(Instant::now())
    }

    fn deposit_at(&self, now: Instant) {
        let mut window = self.lock();
        window.advance(now);
        let slot = window.slot();
        window.slots[slot] += self.per_call;
    }

    fn withdraw_at(&self, now: Instant) -> bool {
        let mut window = self.lock();
        let balance = self.reserve + window.advance(now).iter().sum::<i64>();
        let paid = balance >= ONE_RETRY;
        if paid {
            let slot = window.slot();
            window.slots[slot] -= ONE_RETRY;
        }
        paid
    }

    /// The window, also after a panic elsewhere while it was held: its numbers are whole after
    /// every statement.
    fn lock(&self) -> std::sync::MutexGuard<'_, Window> {
        self.window.lock().unwrap_or_else(PoisonError::into_inner)
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
        assert!(!Retry::of(Action::Retry).is_outcome_unknown());
    }

    #[test]
    fn the_documented_waits() {
        let minute = Retry::of_failure(Action::Backoff, Some("wechat_platform"), 45011, "45011,x retry next minute");
        assert_eq!(minute.after(), Some(A_MINUTE));
        assert_eq!(minute.delay_with(Duration::from_secs(90), 0.0), Some(Duration::from_secs(150)), "added above");
        let access = Retry::of_failure(Action::Backoff, Some("access"), -503, "");
        assert_eq!(access.delay_with(Duration::from_millis(100), 0.0), Some(Duration::from_millis(1100)));
        assert_eq!(Retry::of_failure(Action::Backoff, Some("oidb"), -503, "").after(), None, "another layer's -503");
        // A policy that made the code a request bug: no wait makes it retryable.
        let fixed = Retry::of_failure(Action::FixRequest, Some("access"), -503, "retry next minute");
        assert_eq!((fixed.after(), fixed.delay(Duration::ZERO)), (None, None));
    }

    #[test]
    fn a_frequency_limit_without_a_documented_wait_waits_the_floor() {
        let limited = Retry::of(Action::Backoff);
        assert_eq!(limited.least_wait(), Retry::BACKOFF_FLOOR);
        assert_eq!(limited.delay_with(Duration::from_millis(50), 0.0), Some(Duration::from_millis(1050)));
        assert_eq!(Retry::of(Action::Retry).least_wait(), Duration::ZERO);
        assert_eq!(
            Retry::of(Action::RefreshToken).delay_with(Duration::from_millis(50), 0.9),
            Some(Duration::from_millis(50))
        );
    }

    #[test]
    fn the_wait_is_spread_above_the_documented_one() {
        let access = Retry::of_failure(Action::Backoff, Some("access"), -503, "");
        let waits: Vec<Duration> = (0..2000).map(|_| access.delay(Duration::ZERO).unwrap()).collect();
        assert!(waits.iter().all(|wait| (MSDK_RATE..2 * MSDK_RATE).contains(wait)), "within [after, 2 after)");
        // Spread over the whole second: every tenth of it holds some of the 2000 waits, none
        // holds more than twice its share.
        let mut tenths = [0u32; 10];
        for wait in &waits {
            tenths[((wait.as_secs_f64() - 1.0) * 10.0) as usize] += 1;
        }
        assert!(tenths.iter().all(|&n| (50..400).contains(&n)), "{tenths:?}");
        // Given shares land where they say; out-of-range ones are clamped.
        assert_eq!(access.delay_with(Duration::ZERO, 0.25), Some(Duration::from_millis(1250)));
        assert_eq!(access.delay_with(Duration::ZERO, 7.0), Some(2 * MSDK_RATE));
        assert_eq!(access.delay_with(Duration::ZERO, f64::NAN), Some(MSDK_RATE));
        assert_eq!(access.delay_with(Duration::ZERO, -1.0), Some(MSDK_RATE));
    }

    #[test]
    fn an_unknown_outcome_is_retried_only_for_an_idempotent_call() {
        let payment = Retry::outcome_unknown(Idempotence::NotIdempotent);
        assert!(!payment.is_retryable() && payment.is_outcome_unknown());
        assert_eq!((payment.delay(Duration::ZERO), payment.delay_with(Duration::ZERO, 0.5)), (None, None));
        let read = Retry::outcome_unknown(Idempotence::Idempotent);
        assert!(read.is_retryable() && read.is_outcome_unknown() && !read.refresh_token_first());
        assert_eq!(read.delay(Duration::from_millis(30)), Some(Duration::from_millis(30)));
    }

    #[test]
    fn the_budget_keeps_retries_a_share_of_the_calls() {
        let start = Instant::now();
        let at = |seconds: f64| start + Duration::from_secs_f64(seconds);
        let budget = RetryBudget::new(20, 0);
        // Four calls earn 80% of a retry; the fifth a whole one.
        (0..4).for_each(|_| budget.deposit_at(at(0.0)));
        assert!(!budget.withdraw_at(at(0.0)));
        budget.deposit_at(at(0.0));
        assert!(budget.withdraw_at(at(0.0)));
        assert!(!budget.withdraw_at(at(0.0)), "spent");
        // A burst's calls pay for its retries, which come after all of them.
        (0..1000).for_each(|_| budget.deposit_at(at(1.0)));
        assert_eq!((0..1000).filter(|_| budget.withdraw_at(at(2.5))).count(), 200);
        // Calls older than the window pay nothing: quiet hours do not save up a burst.
        let old = RetryBudget::new(20, 0);
        (0..1000).for_each(|_| old.deposit_at(at(0.0)));
        assert!(!old.withdraw_at(at(10.0)));
        // Nor do they leave their retries behind: a withdrawal expires with its window.
        let busy = RetryBudget::new(100, 0);
        (0..2).for_each(|_| busy.deposit_at(at(0.0)));
        assert!(busy.withdraw_at(at(5.0)) && busy.withdraw_at(at(5.0)));
        busy.deposit_at(at(10.5));
        assert!(!busy.withdraw_at(at(10.5)), "the retries of the last ten seconds are still counted");
        assert!(busy.withdraw_at(at(15.5)));
    }

    #[test]
    fn the_reserve_is_earned_by_the_clock() {
        let start = Instant::now();
        let at = |seconds: u64| start + Duration::from_secs(seconds);
        let budget = RetryBudget::new(0, 2);
        // Two a second, over the ten seconds of the window.
        assert_eq!((0..100).filter(|_| budget.withdraw_at(at(0))).count(), 20);
        // A retry frees its share when it leaves the window.
        assert!(!budget.withdraw_at(at(9)));
        assert_eq!((0..100).filter(|_| budget.withdraw_at(at(10))).count(), 20);
        // A long silence empties the whole window at once.
        assert_eq!((0..100).filter(|_| budget.withdraw_at(at(1_000))).count(), 20);
        // A budget of no retries never pays.
        let none = RetryBudget::new(0, 0);
        none.deposit_at(at(0));
        assert!(!none.withdraw_at(at(0)));
        // A clock that goes back (another thread's `now`, taken earlier) counts in the newest second.
        assert!(!budget.withdraw_at(at(999)));
    }
}
