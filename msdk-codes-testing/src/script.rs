//! What the stand-in answers: a reply, and scripts of replies in turn.

use std::collections::VecDeque;
use std::time::Duration;

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
}

impl Script {
    /// The same reply to every request.
    pub fn always(reply: Reply) -> Script {
        Script { replies: VecDeque::new(), then: reply }
    }

    /// These replies in turn, then success.
    pub fn sequence(replies: impl IntoIterator<Item = Reply>) -> Script {
        Script { replies: replies.into_iter().collect(), then: Reply::success() }
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

    /// The reply to the next request.
    pub fn next_reply(&mut self) -> Reply {
        self.replies.pop_front().unwrap_or_else(|| self.then.clone())
    }
}

impl From<Reply> for Script {
    fn from(reply: Reply) -> Script {
        Script::always(reply)
    }
}
