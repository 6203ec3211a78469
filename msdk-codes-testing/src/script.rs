//! What the stand-in answers: a reply, and scripts of replies in turn.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use msdk_codes_core::MsdkErrorEnum;

use crate::body::{Case, SUCCESS, body_of};

/// One answer of the stand-in: a body, or a fault of the network or of a proxy in front of MSDK.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reply {
    /// HTTP 200 with this JSON body.
    Json(String),
    /// A new access token, as MSDK's `/auth/refresh_token` answers:
    /// `{"ret":0,"msg":"success","access_token":"standin-token-N","expires_in":7200}`, `N`
    /// counting the tokens this stand-in issued.
    NewToken,
    /// HTTP 502 with an HTML page, as a proxy in front of MSDK answers when MSDK is down.
    BadGateway,
    /// HTTP 200 that announces the whole of this body (`Content-Length`) but sends only its first
    /// half, then closes the connection.
    Truncated(String),
    /// The connection is closed without an answer.
    Closed,
    /// No answer at all, until the stand-in stops: the client's deadline has to end the call.
    Hang,
    /// The reply, after a wait.
    Delayed(Duration, Box<Reply>),
}

impl Reply {
    /// `{"ret":0,"msg":"success"}`.
    pub fn success() -> Reply {
        Reply::Json(SUCCESS.to_owned())
    }

    /// The body MSDK sends for `error` (its first code; see [`body_of`]).
    pub fn error<E: MsdkErrorEnum>(error: &E) -> Reply {
        Reply::case(&body_of(error))
    }

    /// The body of a case.
    pub fn case<E: MsdkErrorEnum>(case: &Case<E>) -> Reply {
        Reply::Json(case.body().to_owned())
    }

    /// This JSON body, as given.
    pub fn json(body: impl Into<String>) -> Reply {
        Reply::Json(body.into())
    }

    /// This reply after `latency`.
    #[must_use]
    pub fn after(self, latency: Duration) -> Reply {
        Reply::Delayed(latency, Box::new(self))
    }

    /// This reply's body cut in half on the wire ([`Reply::Truncated`]); a reply without a body
    /// stays as it is.
    #[must_use]
    pub fn truncated(self) -> Reply {
        match self {
            Reply::Json(body) => Reply::Truncated(body),
            Reply::Delayed(latency, reply) => Reply::Delayed(latency, Box::new(reply.truncated())),
            other => other,
        }
    }
}

/// The replies of a path or a token, in turn: each request takes the next one, and once they are
/// used up every request gets the last reply, [`Script::then`] (a success unless set).
///
/// ```
/// use msdk_codes_testing::{Reply, Script};
///
/// // Twice a frequency limit, then success.
/// let limited = Reply::json(r#"{"ret":-503,"msg":"frequency limit","err_type":1}"#);
/// let mut script = Script::sequence([limited.clone(), limited.clone()]);
/// assert_eq!([script.next_reply(), script.next_reply(), script.next_reply()], [limited.clone(), limited, Reply::success()]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Script {
    replies: VecDeque<Reply>,
    then: Reply,
    capacity: Option<Capacity>,
}

/// A server that takes `per_window` requests in each `window` and answers the rest with `over`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Capacity {
    per_window: usize,
    window: Duration,
    over: Reply,
    /// The start of the current window (the first request's arrival, then every `window` after).
    started: Option<Instant>,
    taken: usize,
}

impl Capacity {
    /// Whether a request arriving `now` is within the capacity, counting it.
    fn take(&mut self, now: Instant) -> bool {
        let started = self.started.get_or_insert(now);
        if now.duration_since(*started) >= self.window {
            let windows = now.duration_since(*started).as_nanos() / self.window.as_nanos().max(1);
            *started += self.window * windows as u32;
            self.taken = 0;
        }
        self.taken += 1;
        self.taken <= self.per_window
    }
}

impl Script {
    /// The same reply to every request.
    pub fn always(reply: Reply) -> Script {
        Script { replies: VecDeque::new(), then: reply, capacity: None }
    }

    /// These replies in turn, then success.
    pub fn sequence(replies: impl IntoIterator<Item = Reply>) -> Script {
        Script { replies: replies.into_iter().collect(), then: Reply::success(), capacity: None }
    }

    /// `reply` to `times` requests, then success.
    pub fn times(times: usize, reply: Reply) -> Script {
        Script::sequence(std::iter::repeat_n(reply, times))
    }

    /// What every request gets once the sequence is used up.
    #[must_use]
    pub fn then(mut self, reply: Reply) -> Script {
        self.then = reply;
        self
    }

    /// A server of limited capacity: in each `window` (the first starting at the first request),
    /// the first `per_window` requests get the script's replies, the others `over` (MSDK's
    /// frequency limit, say), which uses up none of the script's turns.
    ///
    /// ```
    /// use std::time::Duration;
    /// use msdk_codes_testing::{Reply, Script};
    ///
    /// let limited = Reply::json(r#"{"ret":-503,"msg":"frequency limit"}"#);
    /// let mut script = Script::always(Reply::success()).capacity(2, Duration::from_secs(60), limited.clone());
    /// let replies = [script.next_reply(), script.next_reply(), script.next_reply()];
    /// assert_eq!(replies, [Reply::success(), Reply::success(), limited]);
    /// ```
    #[must_use]
    pub fn capacity(mut self, per_window: usize, window: Duration, over: Reply) -> Script {
        self.capacity = Some(Capacity { per_window, window, over, started: None, taken: 0 });
        self
    }

    /// The reply to the next request.
    pub fn next_reply(&mut self) -> Reply {
        if let Some(capacity) = &mut self.capacity
            && !capacity.take(Instant::now())
        {
            return capacity.over.clone();
        }
        self.replies.pop_front().unwrap_or_else(|| self.then.clone())
    }
}

impl From<Reply> for Script {
    fn from(reply: Reply) -> Script {
        Script::always(reply)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capacity_counts_each_window_from_the_first_request() {
        let over = Reply::json(r#"{"ret":-503}"#);
        let mut capacity = Capacity { per_window: 2, window: Duration::from_secs(1), over, started: None, taken: 0 };
        let start = Instant::now();
        let at = |ms: u64| start + Duration::from_millis(ms);
        assert_eq!([capacity.take(at(0)), capacity.take(at(10)), capacity.take(at(999))], [true, true, false]);
        // A new window: two more; then a window later than the next one.
        assert_eq!([capacity.take(at(1000)), capacity.take(at(1500)), capacity.take(at(1999))], [true, true, false]);
        assert_eq!([capacity.take(at(3200)), capacity.take(at(3999)), capacity.take(at(3999))], [true, true, false]);
        assert!(capacity.take(at(4000)));
    }
}
