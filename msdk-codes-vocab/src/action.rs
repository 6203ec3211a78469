use core::fmt;
use core::str::FromStr;

/// What a caller should do about a code. Every catalog entry has one; data/README.md defines them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    /// Success, or a normal outcome that needs no handling.
    Ignore,
    /// Transient (internal error, timeout, network): try again, then contact support.
    Retry,
    /// A frequency limit: slow down before trying again.
    Backoff,
    /// The login is no longer valid: the player must authorize again.
    Reauthorize,
    /// The access token expired: refresh it with the refresh token.
    RefreshToken,
    /// Bad or missing request parameters: a bug in the caller.
    FixRequest,
    /// appid, appkey, permissions or configuration.
    FixConfig,
    /// A business rule about this user: daily share limit, not friends, not the group leader.
    UserLimit,
    /// Only MSDK or the platform can resolve it: report it.
    ContactSupport,
}

impl Action {
    /// Every action, in the order of data/README.md.
    pub const ALL: [Action; 9] = [
        Action::Ignore,
        Action::Retry,
        Action::Backoff,
        Action::Reauthorize,
        Action::RefreshToken,
        Action::FixRequest,
        Action::FixConfig,
        Action::UserLimit,
        Action::ContactSupport,
    ];

    /// The id used in data files, policies and handler methods, such as `"refresh_token"`.
    pub const fn id(self) -> &'static str {
        match self {
            Action::Ignore => "ignore",
            Action::Retry => "retry",
            Action::Backoff => "backoff",
            Action::Reauthorize => "reauthorize",
            Action::RefreshToken => "refresh_token",
            Action::FixRequest => "fix_request",
            Action::FixConfig => "fix_config",
            Action::UserLimit => "user_limit",
            Action::ContactSupport => "contact_support",
        }
    }

    /// The action whose id is `id`.
    pub fn from_id(id: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|action| action.id() == id)
    }

    /// The err_type the MSDK access layer uses for this kind of error.
    pub const fn err_type(self) -> ErrType {
        match self {
            Action::Ignore | Action::UserLimit => ErrType::Normal,
            Action::Retry | Action::Backoff => ErrType::Network,
            Action::Reauthorize => ErrType::Reauthorize,
            Action::RefreshToken => ErrType::RefreshToken,
            Action::FixRequest | Action::FixConfig | Action::ContactSupport => ErrType::Unknown,
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Action {
    type Err = UnknownAction;

    fn from_str(id: &str) -> Result<Action, UnknownAction> {
        Action::from_id(id).ok_or_else(|| UnknownAction { given: id.to_owned() })
    }
}

/// An action id that is not one of the nine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownAction {
    given: String,
}

impl UnknownAction {
    /// The id that was given.
    pub fn given(&self) -> &str {
        &self.given
    }
}

impl fmt::Display for UnknownAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids: Vec<&str> = Action::ALL.iter().map(|a| a.id()).collect();
        write!(f, "unknown action `{}`; expected one of {}", self.given, ids.join(", "))
    }
}

impl std::error::Error for UnknownAction {}

/// The access layer's classification of an error, as in the response's `err_type` field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ErrType {
    /// 0: normal.
    Normal,
    /// 1: network instability, try again later.
    Network,
    /// 2: re-authorize.
    Reauthorize,
    /// 3: refresh the access token with the refresh token.
    RefreshToken,
    /// 5: unknown error.
    Unknown,
}

impl ErrType {
    /// The number the server sends.
    pub const fn code(self) -> i32 {
        match self {
            ErrType::Normal => 0,
            ErrType::Network => 1,
            ErrType::Reauthorize => 2,
            ErrType::RefreshToken => 3,
            ErrType::Unknown => 5,
        }
    }

    /// The err_type for the number the server sent, if it is a documented one.
    pub const fn from_code(code: i32) -> Option<ErrType> {
        match code {
            0 => Some(ErrType::Normal),
            1 => Some(ErrType::Network),
            2 => Some(ErrType::Reauthorize),
            3 => Some(ErrType::RefreshToken),
            5 => Some(ErrType::Unknown),
            _ => None,
        }
    }
}

impl fmt::Display for ErrType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let meaning = match self {
            ErrType::Normal => "normal",
            ErrType::Network => "network: retry later",
            ErrType::Reauthorize => "re-authorize",
            ErrType::RefreshToken => "refresh the access token",
            ErrType::Unknown => "unknown",
        };
        write!(f, "{} ({meaning})", self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_err_types_match_the_documents() {
        for action in Action::ALL {
            assert_eq!(action.id().parse::<Action>(), Ok(action));
        }
        assert!("retr".parse::<Action>().unwrap_err().to_string().contains("expected one of ignore, retry"));
        assert_eq!(Action::Retry.err_type().code(), 1);
        assert_eq!(Action::Reauthorize.err_type().code(), 2);
        assert_eq!(Action::RefreshToken.err_type().code(), 3);
        for code in [0, 1, 2, 3, 5] {
            assert_eq!(ErrType::from_code(code).map(ErrType::code), Some(code));
        }
        assert_eq!(ErrType::from_code(4), None);
    }
}
