//! A decoded error together with the response it was decoded from: what a log line, a metric, a
//! diagnostic or a retry loop needs about one failed MSDK call.

use core::fmt;

use crate::table::{ErrorEnum, LayerEnum, Parts};
use crate::{Action, ErrType, Locale, LogPolicy, Response, Retry, Said};

/// Every `MsdkError` that the macros generate, whatever the expansion: the bound of code generic
/// over a team's module, such as a client that decodes into the module it is given, and the bound
/// of [`Failure<E>`](Failure)'s methods, [`CallError`](crate::CallError)'s, [`Entry`](crate::Entry)'s
/// and `tower::DecodeLayer`'s: `E` is an expansion's `MsdkError`.
///
/// Only the macros implement it, for each `MsdkError` they generate: its supertrait `ErrorEnum`
/// is how the runtime reads the expansion's tables (`E::Layer` is the expansion's `Layer`), and is
/// not a public API. The other supertraits are what every generated `MsdkError` is: `Clone`,
/// `Debug`, `Display` (in the expansion's `locale`), `std::error::Error`, `Send` and `Sync`.
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msdk_codes_core::{Failure, MsdkErrorEnum};
///
/// /// The failure in `body`, if any, decoded into any expansion's types.
/// fn failure_in<E: MsdkErrorEnum>(body: &[u8]) -> Option<Failure<E>> {
///     Failure::<E>::from_json(body).ok().flatten()
/// }
///
/// mod pay {
///     msdk_codes_core::msdk_errors!(layers = [access]);
/// }
/// mod social {
///     msdk_codes_core::msdk_errors!(layers = [wechat_platform]);
/// }
/// let body = br#"{"ret":-20000,"msg":"40001,invalid credential"}"#;
/// assert_eq!(failure_in::<social::MsdkError>(body).unwrap().name(), "CredentialInvalid");
/// assert_eq!(failure_in::<pay::MsdkError>(body).unwrap().name(), "Unknown");
/// # }
/// ```
pub trait MsdkErrorEnum: ErrorEnum + Clone + fmt::Debug + fmt::Display + std::error::Error + Send + Sync {
    /// Every known error of the expansion with its row of the catalog, layer by layer in the
    /// data's order (the generic form of `MsdkError::all()`).
    fn entries() -> impl Iterator<Item = crate::Entry<Self>> {
        crate::Entry::every()
    }

    /// The error's row of the catalog; `None` for an unknown code.
    fn entry(&self) -> Option<crate::Entry<Self>> {
        crate::Entry::of(self)
    }

    /// The unknown code, kept whole; `None` for a known error.
    fn unknown_code(&self) -> Option<&crate::UnknownCode> {
        match self.parts() {
            crate::table::Parts::Unknown(unknown) => Some(unknown),
            crate::table::Parts::Known(..) => None,
        }
    }
}

impl<E: ErrorEnum + Clone + fmt::Debug + fmt::Display + std::error::Error + Send + Sync> MsdkErrorEnum for E {}

#[doc = include_str!("docs/failure.md")]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Failure<E> {
    error: E,
    response: Response,
}

impl<E> Failure<E> {
    /// Pairs `error` with `response`, the response it was decoded from.
    pub fn new(error: E, response: Response) -> Failure<E> {
        Failure { error, response }
    }

    /// The typed error, for matching.
    pub fn error(&self) -> &E {
        &self.error
    }

    /// The typed error, without the response.
    pub fn into_error(self) -> E {
        self.error
    }

    /// The typed error and the response it was decoded from.
    pub fn into_parts(self) -> (E, Response) {
        (self.error, self.response)
    }

    /// The response the error was decoded from.
    pub fn response(&self) -> &Response {
        &self.response
    }

    /// The response's `ret`.
    pub fn ret(&self) -> i32 {
        self.response.ret
    }

    /// The response's `msg`, exactly as sent.
    pub fn msg(&self) -> &str {
        &self.response.msg
    }

    /// The response's `err_type`, as sent.
    pub fn err_type_sent(&self) -> Option<i32> {
        self.response.err_type
    }

    /// `msg`, read for its parts: the platform code, the description, WeChat's `rid` and `hint`.
    pub fn said(&self) -> Said<'_> {
        self.response.said()
    }

    /// WeChat's request id (`rid: 64b8f1e0-2b1c` in `msg`), which WeChat asks for about a request.
    pub fn rid(&self) -> Option<&str> {
        self.said().rid()
    }

    /// WeChat's hint (`hint: [Bq0Xya0297ge13]` in `msg`).
    pub fn hint(&self) -> Option<&str> {
        self.said().hint()
    }

    /// The server's description: `msg` without its leading code, `hint` and `rid`.
    pub fn detail(&self) -> &str {
        self.said().detail()
    }
}

/// The decoding entry points: the same rules and answers as the `MsdkError` ones, keeping the
/// response. `E` is an expansion's `MsdkError`: `Failure::<MsdkError>::from_json(body)`.
impl<E: MsdkErrorEnum> Failure<E> {
    /// Decodes `response` (as `MsdkError::decode`) and keeps a copy of it; `None` when `ret` is 0.
    #[must_use]
    pub fn decode(response: &Response) -> Option<Failure<E>> {
        crate::table::decode(response, None).map(|error| Failure::new(error, response.clone()))
    }

    /// Decodes `response` as `MsdkError::decode_in`, for an API whose platform codes belong to
    /// `via`, and keeps a copy of it.
    #[must_use]
    pub fn decode_in(response: &Response, via: E::Layer) -> Option<Failure<E>> {
        crate::table::decode(response, Some(via)).map(|error| Failure::new(error, response.clone()))
    }

    /// [`Self::decode`] taking the response.
    #[must_use]
    pub fn from_response(response: Response) -> Option<Failure<E>> {
        crate::table::decode(&response, None).map(|error| Failure::new(error, response))
    }

    /// [`Self::decode_in`] taking the response.
    #[must_use]
    pub fn from_response_in(response: Response, via: E::Layer) -> Option<Failure<E>> {
        crate::table::decode(&response, Some(via)).map(|error| Failure::new(error, response))
    }

    /// Reads a JSON body (as [`Response::from_json`]) and decodes it: `Ok(None)` when `ret` is 0.
    #[cfg(feature = "json")]
    pub fn from_json(body: &[u8]) -> Result<Option<Failure<E>>, crate::DecodeError> {
        Response::from_json(body).map(Failure::from_response)
    }

    /// [`Self::from_json`] for an API whose platform codes belong to `via`.
    #[cfg(feature = "json")]
    pub fn from_json_in(body: &[u8], via: E::Layer) -> Result<Option<Failure<E>>, crate::DecodeError> {
        Response::from_json(body).map(|response| Failure::from_response_in(response, via))
    }
}

/// What the catalog says about the error, and what follows from it.
impl<E: MsdkErrorEnum> Failure<E> {
    /// The id of the error's layer (`"wechat_platform"`); for an unknown code, the id of the layer
    /// it was looked up in first, if any.
    pub fn layer_id(&self) -> Option<&'static str> {
        match self.error.parts() {
            Parts::Known(layer, _) => Some(E::Layer::TABLE.ids[layer.index()]),
            Parts::Unknown(unknown) => unknown.layer(),
        }
    }

    /// The code, as `MsdkError::code`.
    pub fn code(&self) -> i32 {
        crate::table::code(&self.error)
    }

    /// The entry's name (`"CredentialInvalid"`); `"Unknown"` for an unknown code.
    pub fn name(&self) -> &'static str {
        crate::table::name(&self.error)
    }

    /// What to do, as `MsdkError::action`.
    pub fn action(&self) -> Action {
        crate::table::action(&self.error)
    }

    /// The err_type that applies: the server's when it sent a documented one, else the action's
    /// (`MsdkError::err_type_in`).
    pub fn err_type(&self) -> ErrType {
        crate::table::err_type_in(&self.error, &self.response)
    }

    /// The description in `locale`; for an unknown code, the server's `msg`.
    pub fn message(&self, locale: Locale) -> &str {
        crate::table::message(&self.error, locale)
    }

    /// The recommended handling in `locale`, where the documents give one.
    pub fn advice(&self, locale: Locale) -> Option<&'static str> {
        crate::table::advice(&self.error, locale)
    }

    /// The locale of the expansion's `Display`.
    pub fn display_locale(&self) -> Locale {
        E::Layer::TABLE.display
    }

    /// Whether no selected layer knows the code.
    pub fn is_unknown(&self) -> bool {
        matches!(self.error.parts(), Parts::Unknown(_))
    }

    /// A low-cardinality name of the error for `error.type` fields: `<layer id>.<name>`
    /// (`wechat_platform.CredentialInvalid`); for an unknown code, the layer it was looked up in
    /// first and `Unknown` (`qq_platform.Unknown`), or `Unknown` alone when no layer was.
    pub fn error_type(&self) -> ErrorType {
        ErrorType { layer: self.layer_id(), name: self.name() }
    }

    /// Metric labels `[("layer", id), ("name", name), ("action", id)]`, all `&'static str`: an
    /// unknown code is `("name", "Unknown"), ("action", "contact_support")` with the layer it
    /// was looked up in first (`none` when no layer was), so that no label takes more values
    /// than the catalog has, whatever a server sends.
    pub fn labels(&self) -> [(&'static str, &'static str); 3] {
        [("layer", self.layer_id().unwrap_or(NO_LAYER)), ("name", self.name()), ("action", self.action().id())]
    }

    /// The message a log line carries, in the language of `policy`: the catalog's message; for
    /// an unknown code, which has none, `unknown code` in that language (`未知错误码` in Chinese; the
    /// server's `msg` is a field of its own, so that the line holds it once).
    pub fn log_message(&self, policy: &LogPolicy) -> &str {
        match self.error.parts() {
            Parts::Known(..) => self.message(policy.message_locale()),
            Parts::Unknown(_) => crate::unknown::unknown_code_words(policy.message_locale()),
        }
    }

    /// Whether and how to retry the call, from the action, with the wait the documents or the
    /// server give: see [`Retry`].
    pub fn retry(&self) -> Retry {
        Retry::of_failure(self.action(), self.layer_id(), self.code(), self.msg())
    }

    /// How much this failure asks of people, from its action.
    #[cfg(any(feature = "tracing", feature = "miette"))]
    pub(crate) fn concern(&self) -> Concern {
        Concern::of(self.action())
    }
}

/// The value of the `layer` label of an unknown code that no layer was searched for.
const NO_LAYER: &str = "none";

/// Who has to act, from the action: what sets the level of a tracing event and the severity of a
/// diagnostic.
#[cfg(any(feature = "tracing", feature = "miette"))]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Concern {
    /// Nothing to fix: success-like outcomes, a rule about the player, a player who logs in again.
    Player,
    /// Transient: a retry, a slower retry or a token refresh deals with it.
    Transient,
    /// Someone has to act: a bug in the request, the configuration, or MSDK's support.
    Operator,
}

#[cfg(any(feature = "tracing", feature = "miette"))]
impl Concern {
    pub(crate) fn of(action: Action) -> Concern {
        match action {
            Action::Ignore | Action::UserLimit | Action::Reauthorize => Concern::Player,
            Action::Retry | Action::Backoff | Action::RefreshToken => Concern::Transient,
            Action::FixRequest | Action::FixConfig | Action::ContactSupport => Concern::Operator,
        }
    }
}

/// The `error.type` of a failure: `<layer id>.<name>`, or `Unknown` for an unknown code that no
/// layer was searched for; see [`Failure::error_type`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ErrorType {
    layer: Option<&'static str>,
    name: &'static str,
}

impl fmt::Display for ErrorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.layer {
            Some(layer) => write!(f, "{layer}.{}", self.name),
            None => f.write_str(self.name),
        }
    }
}

/// The error's text, then what the server said when the error does not already say it (an
/// unknown code's does): `WeChat platform 40001: invalid credential (server said: 40001,invalid
/// credential, rid: 64b8f1e0-2b1c)`. It is written for operators, as the installed [`LogPolicy`]
/// says: the error's text in the policy's language (English by default, whatever the expansion's
/// `Display` locale), what the server said with secrets masked and cut to its bound.
impl<E: MsdkErrorEnum> fmt::Display for Failure<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let policy = LogPolicy::current();
        let locale = policy.message_locale();
        if let Parts::Unknown(unknown) = self.error.parts() {
            // The unknown code's own text ends with `msg`.
            return f.write_str(&policy.text(&unknown.display_in(locale).to_string()));
        }
        crate::table::fmt_error_in(&self.error, f, locale)?;
        if !self.response.msg.is_empty() {
            write!(f, " (server said: {})", policy.text(&self.response.msg))?;
        }
        Ok(())
    }
}

/// The typed error is the source.
impl<E: MsdkErrorEnum> std::error::Error for Failure<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// One flat object per failure, the same ten keys for known and unknown codes, ready to be a log
/// line: see the type's documentation. `message` is in the installed [`LogPolicy`]'s language,
/// `msg` masked and cut by it.
#[cfg(feature = "serde")]
impl<E: MsdkErrorEnum> serde::Serialize for Failure<E> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Failure", 10)?;
        out.serialize_field("layer", &self.layer_id())?;
        out.serialize_field("code", &self.code())?;
        out.serialize_field("name", self.name())?;
        out.serialize_field("action", &self.action())?;
        out.serialize_field("err_type", &self.err_type())?;
        let policy = LogPolicy::current();
        out.serialize_field("message", self.log_message(&policy))?;
        out.serialize_field("ret", &self.ret())?;
        out.serialize_field("rid", &self.rid())?;
        out.serialize_field("hint", &self.hint())?;
        out.serialize_field("msg", &policy.text(self.msg()))?;
        out.end()
    }
}

#[cfg(all(test, any(feature = "tracing", feature = "miette")))]
mod tests {
    use super::*;

    #[test]
    fn concern_follows_the_action() {
        use Concern::{Operator, Player, Transient};
        let concerns: Vec<Concern> = Action::ALL.into_iter().map(Concern::of).collect();
        assert_eq!(concerns, [Player, Transient, Transient, Player, Transient, Operator, Operator, Player, Operator]);
    }
}
