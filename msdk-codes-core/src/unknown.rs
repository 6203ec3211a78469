use core::fmt;

use crate::{CodeRange, ErrType};

/// A code that no selected layer knows, with everything the server said.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnknownCode {
    ret: i32,
    platform_code: Option<i64>,
    layer: Option<&'static str>,
    range: Option<&'static CodeRange>,
    msg: String,
    err_type: Option<i32>,
}

impl UnknownCode {
    /// An unknown code with these parts; decoding builds them from responses.
    pub(crate) fn new(
        ret: i32,
        platform_code: Option<i64>,
        layer: Option<&'static str>,
        range: Option<&'static CodeRange>,
        msg: String,
        err_type: Option<i32>,
    ) -> UnknownCode {
        UnknownCode { ret, platform_code, layer, range, msg, err_type }
    }

    /// The response's top-level `ret`.
    pub fn ret(&self) -> i32 {
        self.ret
    }

    /// The code inside `msg` (a platform or OIDB code), when there was one. Kept as `i64` so
    /// that a code too large for `i32` is kept, not wrapped.
    pub fn platform_code(&self) -> Option<i64> {
        self.platform_code
    }

    /// The code to report: the platform code when it fits an `i32`, else `ret`.
    pub fn code(&self) -> i32 {
        self.platform_code.and_then(|code| i32::try_from(code).ok()).unwrap_or(self.ret)
    }

    /// The id of the layer the code was looked up in first.
    pub fn layer(&self) -> Option<&'static str> {
        self.layer
    }

    /// The documented range `ret` falls in, among the selected layers' ranges.
    pub fn range(&self) -> Option<&'static CodeRange> {
        self.range
    }

    /// The response's `msg`, exactly as sent.
    pub fn msg(&self) -> &str {
        &self.msg
    }

    /// The server's description: `msg` without the leading platform code and without WeChat's
    /// `hint: [...]` and `rid: ...` suffixes.
    pub fn description(&self) -> &str {
        self.said().detail()
    }

    /// `msg`, read for its parts: WeChat's `rid` and `hint`, the platform's description.
    pub fn said(&self) -> crate::Said<'_> {
        crate::Said::new(&self.msg)
    }

    /// The response's `err_type`, as sent.
    pub fn err_type_sent(&self) -> Option<i32> {
        self.err_type
    }

    /// The err_type the server sent when it is a documented one, else `Unknown`.
    pub fn err_type(&self) -> ErrType {
        self.err_type.and_then(ErrType::from_code).unwrap_or(ErrType::Unknown)
    }
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown code: ret {}", self.ret)?;
        if let Some(code) = self.platform_code {
            write!(f, ", code {code}")?;
        }
        if let Some(layer) = self.layer {
            write!(f, " (not in `{layer}`)")?;
        }
        if let Some(range) = &self.range {
            write!(f, " [{}: {}]", range.name, range.message)?;
        }
        if !self.msg.is_empty() {
            write!(f, ": {}", self.msg)?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownCode {}
