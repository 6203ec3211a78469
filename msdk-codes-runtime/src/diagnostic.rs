//! A failure as a `miette::Diagnostic` (feature `miette`).

use core::fmt;

use miette::{Diagnostic, Severity};

use crate::failure::Concern;
use crate::{Failure, MsdkErrorEnum};

/// The code `msdk::<layer id>::<code>` (`msdk::wechat_platform::40001`; an unknown code's layer is
/// `unknown`), the documents' advice in the expansion's locale as help, and the severity of the
/// action: `Error` when someone has to act, `Warning` for what a retry or a token refresh deals
/// with, `Advice` for what is about the player.
// Gated as its module is: the attribute marks the impl with its feature in re-exporting docs.
#[cfg(feature = "miette")]
impl<E: MsdkErrorEnum> Diagnostic for Failure<E> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let layer = if self.is_unknown() { "unknown" } else { self.layer_id().unwrap_or("unknown") };
        Some(Box::new(format!("msdk::{layer}::{}", self.code())))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.advice(self.display_locale()).map(|advice| Box::new(advice) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<Severity> {
        Some(match self.concern() {
            Concern::Operator => Severity::Error,
            Concern::Transient => Severity::Warning,
            Concern::Player => Severity::Advice,
        })
    }
}
