//! The game's own policies: what the server can decide, retry schedules, alerts, the session.

use std::fmt;
use std::time::Duration;

use msdk_codes_core::{Locale, LogPolicy, MsdkErrorEnum, Said};

/// What the server does about a response, with what the player is told.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Success, or an outcome that needs nothing.
    Proceed,
    /// Call again after each delay in turn; alert if the last attempt fails too.
    Retry(Vec<Duration>),
    /// The login is gone: end the session and show `prompt`.
    Relogin { prompt: String },
    /// The access token was refreshed: call again with the new one.
    TokenRefreshed,
    /// A rule about this player: refuse and show `reason`.
    Refuse { reason: String },
    /// Turn `feature` off for this player until tomorrow and show `reason`.
    DisableToday { feature: &'static str, reason: String },
    /// Someone has to look: alert number `ticket`, of `kind`, was raised; show `notice`.
    Alerted { ticket: usize, kind: AlertKind, notice: String },
}

impl Decision {
    /// The text the player sees, if any (retries and refreshes are silent).
    pub fn player_sees(&self) -> Option<&str> {
        match self {
            Decision::Relogin { prompt } => Some(prompt),
            Decision::Refuse { reason } | Decision::DisableToday { reason, .. } => Some(reason),
            Decision::Alerted { notice, .. } => Some(notice),
            Decision::Proceed | Decision::Retry(_) | Decision::TokenRefreshed => None,
        }
    }
}

/// What the server does, in the operators' words.
impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Decision::Proceed => f.write_str("carry on"),
            Decision::Retry(delays) => {
                let delays: Vec<String> = delays.iter().map(|delay| format!("{delay:?}")).collect();
                write!(f, "retry after {}, then alert", delays.join(", "))
            }
            Decision::Relogin { .. } => f.write_str("end the session, ask the player to log in again"),
            Decision::TokenRefreshed => f.write_str("refreshed the access token, call again"),
            Decision::Refuse { .. } => f.write_str("refuse, tell the player why"),
            Decision::DisableToday { feature, .. } => write!(f, "turn {feature} off for this player until tomorrow"),
            Decision::Alerted { ticket, kind, .. } => write!(f, "raise alert #{ticket} ({kind})"),
        }
    }
}

/// Exponential backoff: `attempts` delays, the first `first`, each next one doubled, capped at `max`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backoff {
    pub first: Duration,
    pub attempts: u32,
    pub max: Duration,
}

impl Backoff {
    /// Transient failures (internal errors, timeouts): try again soon, a few times.
    pub const TRANSIENT: Backoff =
        Backoff { first: Duration::from_millis(200), attempts: 3, max: Duration::from_secs(2) };
    /// Frequency limits: slow down, for longer.
    pub const RATE_LIMITED: Backoff =
        Backoff { first: Duration::from_secs(1), attempts: 4, max: Duration::from_secs(8) };

    /// The delays before each attempt. The caller sleeps them; nothing here sleeps.
    pub fn delays(self) -> Vec<Duration> {
        (0..self.attempts).map(|n| self.first.saturating_mul(2u32.saturating_pow(n)).min(self.max)).collect()
    }

    /// The decision to retry on this schedule.
    pub fn decision(self) -> Decision {
        Decision::Retry(self.delays())
    }
}

/// Who has to act on an alert.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AlertKind {
    /// Our request is wrong: a bug for the server developers.
    Bug,
    /// appid, appkey, permissions, whitelists: for operations.
    Config,
    /// Only MSDK or the platform can fix it: open a ticket with them.
    Support,
    /// A code no selected layer knows: someone reads `msg`.
    Unknown,
    /// The body is not an MSDK response at all.
    BadBody,
}

impl fmt::Display for AlertKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            AlertKind::Bug => "bug",
            AlertKind::Config => "config",
            AlertKind::Support => "support",
            AlertKind::Unknown => "unknown",
            AlertKind::BadBody => "bad body",
        })
    }
}

/// One alert: its kind and what the error said, masked and cut as the log policy says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alert {
    /// Its number, which the player is shown.
    pub ticket: usize,
    pub kind: AlertKind,
    pub detail: String,
    /// The response's `msg` the first time: a decoded known error keeps nothing of it.
    pub server_said: Option<String>,
    /// WeChat's request id, the first time, which WeChat asks for about a request.
    pub rid: Option<String>,
    /// How many times it was raised.
    pub count: u32,
}

/// The alerts raised so far; a real server would page someone. The same alert raised again (the
/// same kind and detail) counts on the first one, and only the latest [`Alerts::CAPACITY`]
/// distinct ones are kept: a failure that every request meets makes one alert, not one per
/// request, and no failure grows the list without bound.
#[derive(Debug, Default)]
pub struct Alerts {
    raised: Vec<Alert>,
    tickets: usize,
}

impl Alerts {
    /// The most distinct alerts kept.
    pub const CAPACITY: usize = 100;

    /// Records an alert, with what the server said, and decides to tell the player, in
    /// `player`'s language, to try later.
    pub fn raise(
        &mut self,
        kind: AlertKind,
        detail: &impl fmt::Display,
        said: Option<Said<'_>>,
        player: Locale,
    ) -> Decision {
        let policy = LogPolicy::current();
        let detail = policy.text(&detail.to_string()).into_owned();
        let ticket = match self.raised.iter_mut().find(|alert| alert.kind == kind && alert.detail == detail) {
            Some(alert) => {
                alert.count += 1;
                alert.ticket
            }
            None => {
                if self.raised.len() == Alerts::CAPACITY {
                    self.raised.remove(0);
                }
                self.tickets += 1;
                self.raised.push(Alert {
                    ticket: self.tickets,
                    kind,
                    detail,
                    server_said: said.map(|said| policy.text(said.as_str()).into_owned()),
                    rid: said.and_then(|said| said.rid()).map(|rid| policy.text(rid).into_owned()),
                    count: 1,
                });
                self.tickets
            }
        };
        Decision::Alerted { ticket, kind, notice: sorry(player, ticket) }
    }

    /// The alerts kept, oldest first.
    pub fn raised(&self) -> &[Alert] {
        &self.raised
    }
}

/// An error as the operators read it: in the language of the installed [`LogPolicy`] (English
/// unless the operators chose another), whatever the team module's `locale` (the team's own) and
/// the player's. `wechat_platform 48001 ApiUnauthorized: api unauthorized`, or an unknown code's
/// text.
pub fn operator_text<E: MsdkErrorEnum>(error: &E) -> String {
    let locale = LogPolicy::current().message_locale();
    match (error.entry(), error.unknown_code()) {
        (Some(entry), _) => {
            let code = entry.codes().first().copied().unwrap_or_default();
            format!("{} {code} {}: {}", entry.layer_id(), entry.name(), entry.message(locale))
        }
        (None, Some(unknown)) => unknown.display_in(locale).to_string(),
        (None, None) => error.to_string(),
    }
}

/// The player's login. A real server calls MSDK's /auth/refresh_token; this one counts.
#[derive(Debug)]
pub struct Session {
    pub access_token: String,
    pub refreshes: u32,
}

impl Default for Session {
    fn default() -> Session {
        Session { access_token: "token-0".to_owned(), refreshes: 0 }
    }
}

impl Session {
    /// Swaps the access token for a fresh one.
    pub fn refresh(&mut self) -> Decision {
        self.refreshes += 1;
        self.access_token = format!("token-{}", self.refreshes);
        Decision::TokenRefreshed
    }
}

/// The game's own "log in again" prompt, with the reason (the code's message) in `player`'s language.
pub fn log_in_again(player: Locale, why: &str) -> String {
    match player {
        Locale::Zh => format!("请重新登录（{why}）"),
        Locale::Ja => format!("もう一度ログインしてください（{why}）"),
        Locale::Ko => format!("다시 로그인해 주세요 ({why})"),
        _ => format!("Please log in again ({why})"),
    }
}

/// The game's own text when something broke that the player cannot fix.
pub fn sorry(player: Locale, ticket: usize) -> String {
    match player {
        Locale::Zh => format!("出了点问题，请稍后再试（#{ticket}）"),
        Locale::Ja => format!("問題が発生しました。しばらくしてからもう一度お試しください（#{ticket}）"),
        Locale::Ko => format!("문제가 발생했습니다. 잠시 후 다시 시도해 주세요 (#{ticket})"),
        _ => format!("Something went wrong, please try again later (#{ticket})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let ms = |delays: Vec<Duration>| delays.iter().map(Duration::as_millis).collect::<Vec<_>>();
        assert_eq!(ms(Backoff::TRANSIENT.delays()), [200, 400, 800]);
        assert_eq!(ms(Backoff::RATE_LIMITED.delays()), [1000, 2000, 4000, 8000]);
        let long = Backoff { first: Duration::from_secs(1), attempts: 40, max: Duration::from_secs(30) };
        assert_eq!(long.delays().last(), Some(&Duration::from_secs(30)));
        assert_eq!(Backoff::TRANSIENT.decision().to_string(), "retry after 200ms, 400ms, 800ms, then alert");
    }

    #[test]
    fn alerts_number_their_tickets() {
        let mut alerts = Alerts::default();
        alerts.raise(AlertKind::Bug, &"first", None, Locale::En);
        let decision = alerts.raise(AlertKind::Support, &"second", None, Locale::Ja);
        assert_eq!(decision.to_string(), "raise alert #2 (support)");
        assert_eq!(decision.player_sees(), Some(sorry(Locale::Ja, 2).as_str()));
        assert_eq!(
            alerts.raised()[1],
            Alert {
                ticket: 2,
                kind: AlertKind::Support,
                detail: "second".to_owned(),
                server_said: None,
                rid: None,
                count: 1
            }
        );
    }

    #[test]
    fn the_same_alert_counts_once_and_the_list_stays_bounded() {
        let mut alerts = Alerts::default();
        for _ in 0..1000 {
            let decision =
                alerts.raise(AlertKind::Support, &"http://msdk/x?access_token=0AB1C2: refused", None, Locale::En);
            assert_eq!(decision.to_string(), "raise alert #1 (support)");
        }
        assert_eq!(alerts.raised().len(), 1);
        assert_eq!(alerts.raised()[0].count, 1000);
        assert_eq!(alerts.raised()[0].detail, "http://msdk/x?access_token=***: refused", "no token");
        alerts.raise(AlertKind::Bug, &"http://msdk/x?access_token=0AB1C2: refused", None, Locale::En);
        assert_eq!(alerts.raised().len(), 2, "another kind is another alert");
        for n in 0..500 {
            alerts.raise(AlertKind::Unknown, &format!("unknown code {n}"), None, Locale::En);
        }
        assert_eq!(alerts.raised().len(), Alerts::CAPACITY);
        let first = alerts.raised()[0].ticket;
        assert_eq!((first, alerts.raised().last().unwrap().ticket), (403, 502), "the latest, in order");
    }
}
