//! A failure as metric labels (feature `metrics`).

use metrics::{IntoLabels, Label};

use crate::Failure;
use crate::table::ErrorEnum;

/// The labels of [`Failure::labels`], built from `&'static str`s: no allocation for the strings.
impl<E: ErrorEnum> IntoLabels for &Failure<E> {
    fn into_labels(self) -> Vec<Label> {
        self.labels().into_iter().map(|(key, value)| Label::from_static_parts(key, value)).collect()
    }
}

impl<E: ErrorEnum> Failure<E> {
    /// Adds 1 to the counter `name`, labelled by layer, name and action (see [`Self::labels`]),
    /// in the recorder `metrics` has installed.
    pub fn count(&self, name: &'static str) {
        metrics::counter!(name, self).increment(1);
    }
}
