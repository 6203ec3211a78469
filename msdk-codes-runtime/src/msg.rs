//! What the server said beside its code: the parts of a response's `msg` that an on-call engineer
//! needs (the platform's request id, its hint, the description in the platform's words).

use core::fmt;

use crate::scan::{description, leading_code};

/// A response's `msg`, read for its parts. Get one from [`crate::Response::said`] (for a decoded
/// known error, keep the `Response` it was decoded from) or [`crate::UnknownCode::said`].
///
/// ```
/// use msdk_codes_core::Response;
///
/// let response = Response::new(-20000, "40001,invalid credential, hint: [Bq0Xya0297ge13] rid: 64b8f1e0-2b1c");
/// let said = response.said();
/// assert_eq!(said.code(), Some(40001));
/// assert_eq!(said.detail(), "invalid credential");
/// assert_eq!(said.hint(), Some("Bq0Xya0297ge13"));
/// assert_eq!(said.rid(), Some("64b8f1e0-2b1c"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Said<'a> {
    msg: &'a str,
}

impl<'a> Said<'a> {
    pub(crate) fn new(msg: &'a str) -> Said<'a> {
        Said { msg }
    }

    /// The whole `msg`, exactly as sent.
    pub fn as_str(&self) -> &'a str {
        self.msg
    }

    /// The platform code that leads `msg` (`"-73,the user modify password wrong"`), when it
    /// leads it and fits an `i64`.
    pub fn code(&self) -> Option<i64> {
        leading_code(self.msg).flatten()
    }

    /// The description in the platform's words: `msg` without its leading code and without
    /// WeChat's `hint: [...]` and `rid: ...`.
    pub fn detail(&self) -> &'a str {
        description(self.msg)
    }

    /// WeChat's request id (`rid: 64b8f1e0-2b1c`), which WeChat asks for about a request.
    pub fn rid(&self) -> Option<&'a str> {
        let at = self.msg.find("rid: ")? + "rid: ".len();
        let id = self.msg[at..].split(|c: char| c.is_whitespace() || c == ',' || c == ';').next()?;
        Some(id).filter(|id| !id.is_empty())
    }

    /// WeChat's hint (`hint: [Bq0Xya0297ge13]`).
    pub fn hint(&self) -> Option<&'a str> {
        let at = self.msg.find("hint: [")? + "hint: [".len();
        let end = self.msg[at..].find(']')?;
        Some(&self.msg[at..at + end]).filter(|hint| !hint.is_empty())
    }
}

impl crate::Response {
    /// `msg`, read for its parts. A decoded known error keeps nothing of `msg`: keep the
    /// `Response` it was decoded from to report what the server said.
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// msdk_codes_core::msdk_errors!(layers = [wechat_platform]);
    ///
    /// let body = br#"{"ret":-20000,"msg":"40001,invalid credential, hint: [Bq0Xya0297ge13] rid: 64b8f1e0-2b1c"}"#;
    /// let response = msdk_codes_core::Response::from_json(body).unwrap();
    /// let err = MsdkError::decode(&response).unwrap();
    /// assert_eq!(err, MsdkError::WechatPlatform(WechatPlatformError::CredentialInvalid));
    /// assert_eq!(response.said().rid(), Some("64b8f1e0-2b1c"));
    /// # }
    /// ```
    pub fn said(&self) -> Said<'_> {
        Said::new(&self.msg)
    }
}

impl fmt::Display for Said<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.msg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_of_a_wechat_msg() {
        let said = Said::new("40001,invalid credential, hint: [Bq0Xya0297ge13] rid: 64b8f1e0-2b1c");
        assert_eq!(said.code(), Some(40001));
        assert_eq!(said.detail(), "invalid credential");
        assert_eq!(said.hint(), Some("Bq0Xya0297ge13"));
        assert_eq!(said.rid(), Some("64b8f1e0-2b1c"));
        assert_eq!(said.to_string(), said.as_str());
    }

    #[test]
    fn parts_that_are_not_there() {
        let said = Said::new("-73,the user modify password wrong");
        assert_eq!((said.code(), said.detail()), (Some(-73), "the user modify password wrong"));
        assert_eq!((said.rid(), said.hint()), (None, None));
        let said = Said::new("rid: , hint: []");
        assert_eq!((said.rid(), said.hint()), (None, None));
        let said = Said::new("");
        assert_eq!((said.code(), said.detail(), said.rid()), (None, "", None));
        assert_eq!(Said::new("more at x rid: 6631a5d9").rid(), Some("6631a5d9"));
    }
}
