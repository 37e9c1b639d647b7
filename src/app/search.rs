//! The search as the player keeps it: the query, the rows that match, and
//! which match the cursor is on.

use super::rows::Row;
use crate::model::Transcript;
use crate::search::{Query, SegmentMatcher};

/// Segments a key searches before its frame is drawn; the rest are searched
/// between keys. A log of up to this many segments is searched at once.
pub const SEARCH_STEP: usize = 25_000;

#[derive(Debug, Clone)]
pub struct SearchState {
    pub query: Option<Query>,
    /// Segment ids of the matching rows, in list order: every match among
    /// the rows searched so far (all of them unless [`SearchState::is_searching`]).
    pub matches: Vec<usize>,
    /// Index into `matches` of the current match.
    pub current: Option<usize>,
    /// For each match, where in its text the match starts (0 when only the
    /// speaker matched): the next key typed resumes the search there.
    starts: Vec<usize>,
    /// Rows not searched yet, in list order, each with where in its text to
    /// resume: a long log is searched a step at a time, so that every key
    /// answers at once.
    pending: Vec<(usize, usize)>,
    /// Segments searched in one step.
    step: usize,
}

impl Default for SearchState {
    fn default() -> Self {
        SearchState::with_step(SEARCH_STEP)
    }
}

impl SearchState {
    /// No search yet; each step will search `step` segments.
    pub fn with_step(step: usize) -> Self {
        SearchState {
            query: None,
            matches: Vec::new(),
            current: None,
            starts: Vec::new(),
            pending: Vec::new(),
            step: step.max(1),
        }
    }

    pub fn is_active(&self) -> bool {
        self.query.is_some()
    }

    /// Whether rows are left to search.
    pub fn is_searching(&self) -> bool {
        self.query.is_some() && !self.pending.is_empty()
    }

    /// Searches the next step of rows; whether any are left after it.
    pub fn search_step(&mut self, transcript: &Transcript) -> bool {
        let Some(query) = &self.query else {
            self.pending.clear();
            return false;
        };
        let take = self.step.min(self.pending.len());
        if take == 0 {
            return false;
        }
        let found = SegmentMatcher::new(transcript, query).find(transcript, &self.pending[..take]);
        self.pending.drain(..take);
        for (id, start) in found {
            self.matches.push(id);
            self.starts.push(start);
        }
        !self.pending.is_empty()
    }

    /// Searches every row left.
    pub fn finish(&mut self, transcript: &Transcript) {
        while self.search_step(transcript) {}
    }

    /// Searches on until the match after segment `from` is known, or, going
    /// back, every row: what `n` and `N` need.
    pub fn search_past(&mut self, from: usize, forward: bool, transcript: &Transcript) {
        while self.is_searching() {
            if forward && self.matches.last().is_some_and(|&last| last > from) {
                return;
            }
            self.search_step(transcript);
        }
    }

    /// Sets the query and finds its matches among `rows`, the first step of
    /// them now (see [`SearchState::search_step`]). Typing more of the same
    /// query only narrows, so only the previous matches, and the rows not
    /// searched yet, are searched. A query too long to search for is no query.
    pub fn set_query(&mut self, text: &str, transcript: &Transcript, rows: &[Row]) {
        let query = Query::new(text).ok().flatten();
        let candidates: Vec<(usize, usize)> = match (&query, &self.query) {
            (None, _) => Vec::new(),
            (Some(new), Some(old)) if old.is_narrowed_by(new) => {
                let resume = new.extends(old);
                let from = |start: usize| if resume { start } else { 0 };
                let searched = self.matches.iter().zip(&self.starts);
                let unsearched = self.pending.iter().map(|(id, start)| (id, start));
                searched
                    .chain(unsearched)
                    .map(|(&id, &start)| (id, from(start)))
                    .collect()
            }
            (Some(_), _) => rows
                .iter()
                .filter(|r| !r.context)
                .map(|r| (r.segment, 0))
                .collect(),
        };
        self.matches.clear();
        self.starts.clear();
        self.pending = candidates;
        self.query = query;
        self.current = None;
        self.search_step(transcript);
    }

    /// Recomputes the matches after the rows changed (a filter).
    pub fn refresh(&mut self, transcript: &Transcript, rows: &[Row]) {
        if let Some(text) = self.query.as_ref().map(|q| q.text().to_owned()) {
            self.query = None;
            self.set_query(&text, transcript, rows);
        }
    }

    pub fn clear(&mut self) {
        *self = SearchState::with_step(self.step);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::{ParseOptions, parse_str};

    fn log() -> Transcript {
        let words = ["river", "rivet", "road", "bridge", "ferry", "Riverside"];
        let lines: Vec<String> = (0..40)
            .map(|i| {
                let word = words[(i * 7 + i / 3) % words.len()];
                format!("00:{i:02} (Mara Holt, Pilot)\n“We crossed the {word} at {i}.”")
            })
            .collect();
        parse_str(&lines.join("\n"), "t", ParseOptions::default())
    }

    fn rows(t: &Transcript) -> Vec<Row> {
        (0..t.segments.len())
            .map(|segment| Row {
                segment,
                context: false,
            })
            .collect()
    }

    /// The matches a search finds when it is done at once.
    fn at_once(text: &str, t: &Transcript) -> Vec<usize> {
        let mut search = SearchState::with_step(usize::MAX);
        search.set_query(text, t, &rows(t));
        assert!(!search.is_searching());
        search.matches
    }

    #[test]
    fn a_search_in_steps_finds_what_one_at_once_finds() {
        let t = log();
        let mut search = SearchState::with_step(3);
        search.set_query("riv", &t, &rows(&t));
        assert!(search.is_searching(), "40 rows are more than a step");
        assert!(search.matches.iter().all(|&id| id < 3));
        while search.search_step(&t) {}
        assert_eq!(search.matches, at_once("riv", &t));
    }

    #[test]
    fn typing_on_before_a_step_ends_searches_the_rows_left_too() {
        let t = log();
        let rows = rows(&t);
        let mut search = SearchState::with_step(5);
        for typed in ["r", "ri", "riv", "rive", "river"] {
            search.set_query(typed, &t, &rows);
        }
        search.finish(&t);
        assert_eq!(search.matches, at_once("river", &t));
        // A wider query starts again from every row.
        search.set_query("rive", &t, &rows);
        search.finish(&t);
        assert_eq!(search.matches, at_once("rive", &t));
    }

    #[test]
    fn the_next_match_is_searched_for_when_the_step_has_not_reached_it() {
        let t = log();
        let mut search = SearchState::with_step(2);
        search.set_query("ferry", &t, &rows(&t));
        let all = at_once("ferry", &t);
        let from = all[all.len() / 2];
        search.search_past(from, true, &t);
        assert_eq!(
            search.step(from, true, false),
            all.iter().copied().find(|&m| m > from)
        );
        // Going back needs every row.
        search.search_past(from, false, &t);
        assert!(!search.is_searching());
    }
}
