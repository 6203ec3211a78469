//! Problems are collected, never thrown one at a time: the user sees every one in one build.

use crate::model::Location;
use crate::source::Sources;

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

    /// `path:line:column: message` lines, in file and position order.
    pub fn render(&self, sources: &Sources) -> Vec<String> {
        let mut sorted: Vec<&DataProblem> = self.problems.iter().collect();
        sorted.sort_by_key(|p| (p.location.file, p.location.span.start));
        sorted.into_iter().map(|p| format!("{}: {}", sources.describe(&p.location), p.message)).collect()
    }
}

/// The closest candidate to `name` by edit distance, when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(&name.to_lowercase(), &candidate.to_lowercase()), candidate))
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
