//! Every code of a subset, run through a team's server and the stand-in: what the server made of
//! each.

use std::fmt;
use std::future::Future;
use std::time::{Duration, Instant};

use msdk_codes_core::MsdkErrorEnum;

use crate::body::{Case, bodies};
use crate::script::{Reply, Script};
use crate::standin::{REFRESH_PATH, StandIn};

/// How long one code may take through the team's server unless [`Coverage::deadline`] says
/// otherwise: longer than any retry schedule a player can wait through.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(30);

/// A run of codes through a team's server: for each code, the stand-in answers every MSDK path
/// (but a path or token with a script of its own, and the token refresh) with the code's body,
/// and a closure sends one request to the team's server. Get one from [`StandIn::coverage`].
#[derive(Debug)]
pub struct Coverage<'s> {
    stand_in: &'s StandIn,
    deadline: Duration,
}

/// What the team's server made of one code.
#[derive(Debug)]
pub struct Outcome<E: MsdkErrorEnum, T> {
    /// The code and the body the stand-in answered with.
    pub case: Case<E>,
    /// What the closure gave back (the status, the body, the team's decision); `None` when it did
    /// not finish within the deadline.
    pub result: Option<T>,
    /// How long the closure took.
    pub latency: Duration,
    /// How many MSDK requests the team's server sent for it (the token refreshes aside).
    pub requests: usize,
    /// How many token refreshes it asked for.
    pub refreshes: usize,
}

impl<E: MsdkErrorEnum, T> Outcome<E, T> {
    /// The MSDK requests after the first: the server's retries.
    pub fn retries(&self) -> usize {
        self.requests.saturating_sub(1)
    }

    /// Whether the closure did not finish within the deadline.
    pub fn timed_out(&self) -> bool {
        self.result.is_none()
    }
}

/// The outcome of every code of a run, in the order they ran.
#[derive(Debug)]
pub struct Report<E: MsdkErrorEnum, T> {
    outcomes: Vec<Outcome<E, T>>,
}

impl StandIn {
    /// A run of codes through a team's server that calls this stand-in.
    pub fn coverage(&self) -> Coverage<'_> {
        Coverage { stand_in: self, deadline: DEFAULT_DEADLINE }
    }
}

impl Coverage<'_> {
    /// How long one code may take (the closure is stopped after it, and the outcome's `result`
    /// is `None`).
    #[must_use]
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// Runs every code of `E` ([`bodies`]), one at a time: `send` sends one request to the team's
    /// server and gives back what the test wants to check.
    pub async fn every_code<E, T, F, Fut>(self, send: F) -> Report<E, T>
    where
        E: MsdkErrorEnum,
        F: FnMut(Case<E>) -> Fut,
        Fut: Future<Output = T>,
    {
        self.run(bodies::<E>(), send).await
    }

    /// Runs `cases`, one at a time, as [`Self::every_code`] does. Afterwards every path without a
    /// script of its own answers success.
    pub async fn run<E, T, F, Fut>(self, cases: impl IntoIterator<Item = Case<E>>, mut send: F) -> Report<E, T>
    where
        E: MsdkErrorEnum,
        F: FnMut(Case<E>) -> Fut,
        Fut: Future<Output = T>,
    {
        let mut outcomes = Vec::new();
        for case in cases {
            self.stand_in.script_any(Script::always(Reply::case(&case)));
            let before = self.stand_in.request_count();
            let started = Instant::now();
            let result = tokio::time::timeout(self.deadline, send(case.clone())).await.ok();
            let latency = started.elapsed();
            let requests = self.stand_in.requests().split_off(before);
            let refreshes = requests.iter().filter(|request| request.path == REFRESH_PATH).count();
            let requests = requests.len() - refreshes;
            outcomes.push(Outcome { case, result, latency, requests, refreshes });
        }
        self.stand_in.script_any(Script::always(Reply::success()));
        Report { outcomes }
    }
}

impl<E: MsdkErrorEnum, T> Report<E, T> {
    /// Every outcome, in the order the codes ran.
    pub fn outcomes(&self) -> &[Outcome<E, T>] {
        &self.outcomes
    }

    /// The outcomes that fail `check`.
    pub fn failing(&self, mut check: impl FnMut(&Outcome<E, T>) -> bool) -> Vec<&Outcome<E, T>> {
        self.outcomes.iter().filter(|outcome| !check(outcome)).collect()
    }

    /// Panics, listing every code that fails `check`, each with its outcome, when one does:
    /// `what` says what `check` holds (`"no code gives a 500"`).
    #[track_caller]
    pub fn assert_all(&self, what: &str, check: impl FnMut(&Outcome<E, T>) -> bool)
    where
        T: fmt::Debug,
    {
        let failing = self.failing(check);
        if !failing.is_empty() {
            let lines: Vec<String> = failing.iter().map(|outcome| line(outcome)).collect();
            panic!("{what}: not so for {} of {} codes:\n{}", failing.len(), self.outcomes.len(), lines.join("\n"));
        }
    }
}

/// One line of a report: the code, the latency, the requests and what the closure gave back.
fn line<E: MsdkErrorEnum, T: fmt::Debug>(outcome: &Outcome<E, T>) -> String {
    let case = &outcome.case;
    let layer = case.entry().map_or("unknown", |entry| entry.layer_id());
    let result = match &outcome.result {
        Some(result) => format!("{result:?}"),
        None => "timed out".to_owned(),
    };
    format!(
        "{layer} {} {} ({}): {:?}, {} retries, {} refreshes: {result}",
        case.code(),
        case.name(),
        case.action(),
        outcome.latency,
        outcome.retries(),
        outcome.refreshes
    )
}

/// One line per code.
impl<E: MsdkErrorEnum, T: fmt::Debug> fmt::Display for Report<E, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for outcome in &self.outcomes {
            writeln!(f, "{}", line(outcome))?;
        }
        Ok(())
    }
}
