//! A failure as metric labels (feature `metrics`).

use metrics::{IntoLabels, Label};

use crate::Failure;
use crate::table::ErrorEnum;

/// The labels of [`Failure::labels`], built from `&'static str`s: no allocation for the strings.
// Gated as its module is: the attribute marks the impl with its feature in re-exporting docs.
#[cfg(feature = "metrics")]
impl<E: ErrorEnum> IntoLabels for &Failure<E> {
    fn into_labels(self) -> Vec<Label> {
        self.labels().into_iter().map(|(key, value)| Label::from_static_parts(key, value)).collect()
    }
}

// Gated as its module is: the attribute marks the impl with its feature in re-exporting docs.
#[cfg(feature = "metrics")]
impl<E: ErrorEnum> Failure<E> {
    /// Adds 1 to the counter `name`, labelled by layer, name and action (see [`Self::labels`]),
    /// in the recorder `metrics` has installed.
    pub fn count(&self, name: &'static str) {
        metrics::counter!(name, self).increment(1);
    }
}
