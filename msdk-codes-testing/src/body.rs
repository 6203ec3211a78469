//! The response body MSDK sends for an error value, by the routing rules of the MSDK documents.

use core::fmt;

use msdk_codes_core::{Action, Channel, DecodeError, Entry, Failure, Locale, MsdkErrorEnum, Response};

/// `ret` of a Mobile QQ pass-through: the QQ code leads `msg`.
pub const QQ_PASS_THROUGH: i32 = -10000;
/// `ret` of a WeChat pass-through: the WeChat code leads `msg`.
pub const WECHAT_PASS_THROUGH: i32 = -20000;
/// `ret` of an OIDB failure (in MSDK's OIDB range, -15000 to -19999); the OIDB code is the last
/// `ret:N` of `msg`.
pub const OIDB_FAILURE: i32 = -15001;

/// The body of a successful call.
pub const SUCCESS: &str = r#"{"ret":0,"msg":"success"}"#;

/// One code of an error value and the body MSDK sends for it: what a table test runs through a
/// team's own code.
///
/// ```
/// msdk_codes_core::msdk_errors!(layers = [qq_platform, share_qq]);
///
/// use msdk_codes_testing::bodies;
///
/// let heart = bodies::<MsdkError>().find(|case| case.name() == "HeartRecipientNotFriend").unwrap();
/// assert_eq!(heart.body(), r#"{"ret":-10000,"msg":"100030, is_friend is 0","err_type":0}"#);
/// assert_eq!(heart.decode().unwrap(), Some(MsdkError::ShareQq(ShareQqError::HeartRecipientNotFriend)));
/// ```
#[derive(Clone)]
pub struct Case<E: MsdkErrorEnum> {
    error: E,
    entry: Option<Entry<E>>,
    code: i32,
    body: String,
    via: Option<E::Layer>,
}

impl<E: MsdkErrorEnum> Case<E> {
    /// The error value the body is made for.
    pub fn error(&self) -> &E {
        &self.error
    }

    /// The error's row of the catalog; `None` for an unknown code.
    pub fn entry(&self) -> Option<Entry<E>> {
        self.entry
    }

    /// The code the body carries: one of the entry's codes (an entry with several has a case for
    /// each), or an unknown code's [`code`](msdk_codes_core::UnknownCode::code).
    pub fn code(&self) -> i32 {
        self.code
    }

    /// The entry's name (`"HeartRecipientNotFriend"`), `"Unknown"` for an unknown code.
    pub fn name(&self) -> &'static str {
        self.entry.map_or("Unknown", |entry| entry.name())
    }

    /// The entry's action; `ContactSupport` for an unknown code, as `MsdkError::action`.
    pub fn action(&self) -> Action {
        self.entry.map_or(Action::ContactSupport, |entry| entry.action())
    }

    /// The layer of the error; `None` for an unknown code.
    pub fn layer(&self) -> Option<E::Layer> {
        self.entry.map(|entry| entry.layer())
    }

    /// The JSON body, as MSDK sends it.
    pub fn body(&self) -> &str {
        &self.body
    }

    /// The body as a [`Response`].
    pub fn response(&self) -> Response {
        Response::from_json(self.body.as_bytes()).expect("the kit writes MSDK responses")
    }

    /// The layer to decode the body with (`decode_in`, `from_json_in`): `Some` when plain decoding
    /// gives another value, as for a code of an API's own table (`share_qq`, `wechat_group`,
    /// `apple_login`) that another table also has, or no table plain decoding searches.
    pub fn via(&self) -> Option<E::Layer> {
        self.via
    }

    /// Decodes the body as a team's code does for the API whose table the error belongs to:
    /// `MsdkError::from_json_in(body, via)` when [`Self::via`] says so, else `from_json`.
    pub fn decode(&self) -> Result<Option<E>, DecodeError> {
        decode(self.body.as_bytes(), self.via)
    }

    /// The body decoded as [`Self::decode`] does, with the response it came from: what a team's
    /// client holds about the failure (its [`retry`](Failure::retry), what the server said).
    /// `None` when the body does not give back an error (a kit that wrote such a body is wrong).
    pub fn failure(&self) -> Option<Failure<E>> {
        let response = self.response();
        match self.via {
            Some(via) => Failure::from_response_in(response, via),
            None => Failure::from_response(response),
        }
    }
}

impl<E: MsdkErrorEnum> fmt::Debug for Case<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut case = f.debug_struct("Case");
        match self.entry {
            Some(entry) => case.field("layer", &entry.layer_id()).field("name", &entry.name()),
            None => case.field("unknown", &self.error),
        };
        case.field("code", &self.code).field("body", &self.body).field("via", &self.via.is_some()).finish()
    }
}

fn decode<E: MsdkErrorEnum>(body: &[u8], via: Option<E::Layer>) -> Result<Option<E>, DecodeError> {
    let failure = match via {
        Some(via) => Failure::<E>::from_json_in(body, via)?,
        None => Failure::<E>::from_json(body)?,
    };
    Ok(failure.map(Failure::into_error))
}

/// Every code of every known error of `E` (an expansion's `MsdkError`: the bundled catalog, a
/// subset, a team's own layers), each with the body MSDK sends for it, layer by layer in the
/// data's order.
pub fn bodies<E: MsdkErrorEnum>() -> impl Iterator<Item = Case<E>> {
    E::entries().flat_map(|entry| entry.codes().iter().map(move |&code| case_of(entry, code)))
}

/// The bodies MSDK sends for `error`: one per code of its entry (most entries have one); for an
/// unknown code, the response it keeps (`ret`, `msg`, the `err_type` sent).
pub fn bodies_of<E: MsdkErrorEnum>(error: &E) -> Vec<Case<E>> {
    match error.entry() {
        Some(entry) => entry.codes().iter().map(|&code| case_of(entry, code)).collect(),
        None => {
            let unknown = error.unknown_code().expect("an error is known or unknown");
            let body = write_json(unknown.ret(), unknown.msg(), unknown.err_type_sent());
            vec![Case { error: error.clone(), entry: None, code: unknown.code(), body, via: None }]
        }
    }
}

/// The body MSDK sends for `error`, with its first code.
pub fn body_of<E: MsdkErrorEnum>(error: &E) -> Case<E> {
    bodies_of(error).swap_remove(0)
}

fn case_of<E: MsdkErrorEnum>(entry: Entry<E>, code: i32) -> Case<E> {
    let error = entry.error();
    let body = write_body(&entry, code);
    let plain = decode::<E>(body.as_bytes(), None).ok().flatten();
    let via = if plain.and_then(|plain| plain.entry()) == Some(entry) { None } else { Some(entry.layer()) };
    Case { error, entry: Some(entry), code, body, via }
}

/// The body for one code of an entry: where the channel puts the code, with the entry's English
/// message as the server's words (or the words that pick it, when the data gives them), and the
/// `err_type` of its action.
fn write_body<E: MsdkErrorEnum>(entry: &Entry<E>, code: i32) -> String {
    let words = words(entry);
    let (ret, msg) = match entry.channel() {
        Channel::Qq => (QQ_PASS_THROUGH, format!("{code}, {words}")),
        // WeChat adds its hint and request id after its words.
        Channel::Wechat => {
            (WECHAT_PASS_THROUGH, format!("{code},{words} hint: [{}] rid: {}", hint(code), request_id(code)))
        }
        // The documents' example: "ret:-103 msg:oidb decode0x73a failed, ret:17".
        Channel::Oidb => {
            (OIDB_FAILURE, format!("ret:-103 msg:oidb decode{} failed, ret:{code}", oidb_command(entry.layer_id())))
        }
        _ => (code, words),
    };
    write_json(ret, &msg, Some(entry.action().err_type().code()))
}

/// `{"ret":..,"msg":..,"err_type":..}`, in the order MSDK writes them.
fn write_json(ret: i32, msg: &str, err_type: Option<i32>) -> String {
    let msg = serde_json::Value::from(msg);
    match err_type {
        Some(err_type) => format!(r#"{{"ret":{ret},"msg":{msg},"err_type":{err_type}}}"#),
        None => format!(r#"{{"ret":{ret},"msg":{msg}}}"#),
    }
}

/// The server's words for an entry: the words that pick it when the data gives them, else its
/// English message, kept from reading as a code where a code would be read (a leading number, an
/// OIDB `ret:`).
fn words<E: MsdkErrorEnum>(entry: &Entry<E>) -> String {
    if let Some(words) = entry.msg_contains().first() {
        return (*words).to_owned();
    }
    let message = entry.message(Locale::En);
    let mut words = message.replace("ret:", "ret ").replace("RET:", "RET ");
    if words.trim_start().starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+') {
        words.insert_str(0, "error: ");
    }
    words
}

/// The OIDB command whose table a layer is: the pay token check, the access token check, or
/// another command (the documents' 0x5e5) for the generic table and a team's own.
fn oidb_command(layer_id: &str) -> &'static str {
    match layer_id {
        "oidb_pay_token" => "0x73a",
        "oidb_access_token" => "0x711",
        _ => "0x5e5",
    }
}

/// A WeChat hint, as WeChat writes one (`Bq0Xya0297ge13`), derived from the code.
fn hint(code: i32) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut n = u64::from(code as u32).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (0..14)
        .map(|_| {
            let digit = DIGITS[(n % 62) as usize];
            n = n / 62 + 0x2545_f491;
            char::from(digit)
        })
        .collect()
}

/// A WeChat request id, as WeChat writes one (`64b8f1e0-2b1c`), derived from the code.
fn request_id(code: i32) -> String {
    let n = u64::from(code as u32).wrapping_mul(0xff51_afd7_ed55_8ccd);
    format!("{:08x}-{:04x}", n >> 32, (n >> 16) & 0xffff)
}
