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
}

impl SearchState {
    pub fn is_active(&self) -> bool {
        self.query.is_some()
    }

    /// Sets the query and finds its matches among `rows`. Typing more of the
    /// same query only narrows, so only the previous matches are searched.
    pub fn set_query(&mut self, text: &str, transcript: &Transcript, rows: &[Row]) {
        let query = Query::new(text);
        let narrows = match (&self.query, &query) {
            (Some(old), Some(new)) => old.is_narrowed_by(new),
            _ => false,
        };
        self.matches = match &query {
            None => Vec::new(),
            Some(q) => {
                let matcher = SegmentMatcher::new(transcript, q);
                if narrows {
                    matcher.filter(transcript, &self.matches)
                } else {
                    let candidates: Vec<usize> = rows
                        .iter()
                        .filter(|r| !r.context)
                        .map(|r| r.segment)
                        .collect();
                    matcher.filter(transcript, &candidates)
                }
            }
        };
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
