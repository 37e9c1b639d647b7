//! The search as the player keeps it: the query, the rows that match, and
//! which match the cursor is on.

use super::rows::Row;
use crate::model::Transcript;
use crate::search::{Query, SegmentMatcher};

#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub query: Option<Query>,
    /// Segment ids of the matching rows, in list order.
    pub matches: Vec<usize>,
    /// Index into `matches` of the current match.
    pub current: Option<usize>,
    /// For each match, where in its text the match starts (0 when only the
    /// speaker matched): the next key typed resumes the search there.
    starts: Vec<usize>,
}

impl SearchState {
    pub fn is_active(&self) -> bool {
        self.query.is_some()
    }

    /// Sets the query and finds its matches among `rows`. Typing more of the
    /// same query only narrows, so only the previous matches are searched.
    /// A query too long to search for is no query.
    pub fn set_query(&mut self, text: &str, transcript: &Transcript, rows: &[Row]) {
        let query = Query::new(text).ok().flatten();
        let found = match &query {
            None => Vec::new(),
            Some(new) => {
                let matcher = SegmentMatcher::new(transcript, new);
                let candidates: Vec<(usize, usize)> = match &self.query {
                    Some(old) if old.is_narrowed_by(new) => {
                        let resume = new.extends(old);
                        let from = |start: usize| if resume { start } else { 0 };
                        self.matches
                            .iter()
                            .zip(&self.starts)
                            .map(|(&id, &start)| (id, from(start)))
                            .collect()
                    }
                    _ => rows
                        .iter()
                        .filter(|r| !r.context)
                        .map(|r| (r.segment, 0))
                        .collect(),
                };
                matcher.find(transcript, &candidates)
            }
        };
        (self.matches, self.starts) = found.into_iter().unzip();
        self.query = query;
        self.current = None;
    }

    /// Recomputes the matches after the rows changed (a filter).
    pub fn refresh(&mut self, transcript: &Transcript, rows: &[Row]) {
        if let Some(text) = self.query.as_ref().map(|q| q.text().to_owned()) {
            self.query = None;
            self.set_query(&text, transcript, rows);
        }
    }

    pub fn clear(&mut self) {
        *self = SearchState::default();
    }

    /// The match at or after segment `from` (`forward`), or before it, wrapping around.
    pub fn step(&mut self, from: usize, forward: bool, inclusive: bool) -> Option<usize> {
        if self.matches.is_empty() {
            return None;
        }
        let n = self.matches.len();
        let index = if forward {
            let at = self
                .matches
                .partition_point(|&id| if inclusive { id < from } else { id <= from });
            at % n
        } else {
            let at = self.matches.partition_point(|&id| id < from);
            (at + n - 1) % n
        };
        self.current = Some(index);
        self.matches.get(index).copied()
    }
}
