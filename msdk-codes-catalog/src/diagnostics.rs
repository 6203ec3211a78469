//! Problems are collected, never thrown one at a time: the user sees every one in one build.

use crate::model::Location;
use crate::source::{Positions, Sources};

/// The most problems [`DataProblems::render`] lists, followed by one line that counts the rest:
/// a file that is not a data file at all (a log, a binary) gives one problem per line or table,
/// and a build that printed each would bury the first, which is usually the cause.
pub const SHOWN_PROBLEMS: usize = 50;

/// A problem in a data file, reported as `path:line:column: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataProblem {
    /// Where it was written.
    pub location: Location,
    /// What is wrong, and what to do about it.
    pub message: String,
}

/// Every data problem of one expansion.
#[derive(Debug, Default)]
pub struct DataProblems {
    problems: Vec<DataProblem>,
}

impl DataProblems {
    /// Records a problem at `location`.
    pub fn push(&mut self, location: Location, message: impl Into<String>) {
        self.problems.push(DataProblem { location, message: message.into() });
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.problems.len()
    }

    /// `path:line:column: message` lines, in file and position order: the first
    /// [`SHOWN_PROBLEMS`], then a line that counts the rest, if there are more.
    pub fn render(&self, sources: &Sources) -> Vec<String> {
        self.render_with(sources, &sources.positions())
    }

    /// [`DataProblems::render`], with the lines of `sources` indexed already.
    pub fn render_with(&self, sources: &Sources, positions: &Positions) -> Vec<String> {
        let mut sorted: Vec<&DataProblem> = self.problems.iter().collect();
        sorted.sort_by_key(|p| (p.location.file, p.location.span.start));
        let mut lines: Vec<String> = sorted
            .iter()
            .take(SHOWN_PROBLEMS)
            .map(|p| format!("{}: {}", positions.describe(sources, &p.location), p.message))
            .collect();
        let rest = sorted.len().saturating_sub(SHOWN_PROBLEMS);
        if rest > 0 {
            let problems = if rest == 1 { "problem" } else { "problems" };
            lines.push(format!(
                "{rest} more {problems} in the data files not shown (the first {SHOWN_PROBLEMS} are above): fix \
                 those and build again to see the rest"
            ));
        }
        lines
    }
}

/// The closest candidate to `name` by edit distance, when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let length = name.chars().count();
    let limit = (length / 3).max(2);
    let name = name.to_lowercase();
    candidates
        .into_iter()
        // Lengths that differ by more than the limit are too far apart already: a long name is
        // not compared character by character with every candidate.
        .filter(|candidate| candidate.chars().count().abs_diff(length) <= limit)
        .map(|candidate| (edit_distance(&name, &candidate.to_lowercase()), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, candidate)| (*distance, *candidate))
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous_diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous_diagonal + usize::from(ca != *cb);
            previous_diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

/// `a`, `b` and `c` -> "`a`, `b`, `c`".
pub fn quoted_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items.into_iter().map(|item| format!("`{item}`")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_find_near_names() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(did_you_mean("acess", ["access", "logical"]), Some("access"));
        assert_eq!(did_you_mean("zzzzzz", ["access", "logical"]), None);
        assert_eq!(did_you_mean("FrequencyLimt", ["FrequencyLimit", "Success"]), Some("FrequencyLimit"));
    }
}
