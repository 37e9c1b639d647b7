//! Text search with smart case: all lower case ignores case, any capital
//! letter makes the search exact.

use regex::{Regex, RegexBuilder};

use crate::model::{Segment, Transcript};

/// A compiled search for a literal piece of text.
#[derive(Debug, Clone)]
pub struct Query {
    text: String,
    regex: Regex,
}

impl Query {
    /// `None` for an empty query.
    pub fn new(text: &str) -> Option<Query> {
        if text.is_empty() {
            return None;
        }
        let ignore_case = !text.chars().any(char::is_uppercase);
        let regex = RegexBuilder::new(&regex::escape(text))
            .case_insensitive(ignore_case)
            .build()
            .ok()?;
        Some(Query {
            text: text.to_owned(),
            regex,
        })
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.regex.is_match(haystack)
    }

    /// Byte ranges of every match, for highlighting.
    pub fn ranges<'h>(
        &'h self,
        haystack: &'h str,
    ) -> impl Iterator<Item = std::ops::Range<usize>> + 'h {
        self.regex.find_iter(haystack).map(|m| m.range())
    }

    /// Whether every match of `self` is also a match of `narrower`: typing more
    /// of the same query only narrows the results.
    pub fn is_narrowed_by(&self, narrower: &Query) -> bool {
        let same_case = self.text.chars().any(char::is_uppercase)
            == narrower.text.chars().any(char::is_uppercase);
        same_case && narrower.text.contains(&self.text)
    }
}

/// Matches segments by their text, their speaker's name or their role. The
/// speakers are matched once up front: there are few of them, and many segments.
pub struct SegmentMatcher<'a> {
    query: &'a Query,
    speaker_hits: Vec<bool>,
}

impl<'a> SegmentMatcher<'a> {
    pub fn new(transcript: &Transcript, query: &'a Query) -> Self {
        let speaker_hits = transcript
            .speakers
            .iter()
            .map(|s| {
                s.name.as_deref().is_some_and(|n| query.is_match(n))
                    || s.role.as_deref().is_some_and(|r| query.is_match(r))
            })
            .collect();
        SegmentMatcher {
            query,
            speaker_hits,
        }
    }

    pub fn matches(&self, segment: &Segment) -> bool {
        segment
            .speaker
            .is_some_and(|id| self.speaker_hits.get(id.index()).copied().unwrap_or(false))
            || self.query.is_match(&segment.text)
    }

    /// The ids among `candidates` that match, in order; large lists are
    /// searched on two threads.
    pub fn filter(&self, transcript: &Transcript, candidates: &[usize]) -> Vec<usize> {
        const PARALLEL_FROM: usize = 20_000;
        let keep = |ids: &[usize]| -> Vec<usize> {
            ids.iter()
                .copied()
                .filter(|&id| transcript.segments.get(id).is_some_and(|s| self.matches(s)))
                .collect()
        };
        if candidates.len() < PARALLEL_FROM {
            return keep(candidates);
        }
        let (first, second) = candidates.split_at(candidates.len() / 2);
        std::thread::scope(|scope| {
            let later = scope.spawn(|| keep(second));
            let mut found = keep(first);
            match later.join() {
                Ok(rest) => found.extend(rest),
                Err(_) => found.extend(keep(second)),
            }
            found
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_case() {
        let lower = Query::new("siege").unwrap();
        assert!(lower.is_match("The SIEGE began"));
        let exact = Query::new("Siege").unwrap();
        assert!(!exact.is_match("the siege"));
        assert!(Query::new("").is_none());
    }

    #[test]
    fn literal_text_and_ranges() {
        let q = Query::new("a.b(").unwrap();
        assert!(!q.is_match("axb("));
        assert_eq!(q.ranges("a.b( a.b(").collect::<Vec<_>>(), [0..4, 5..9]);
    }

    #[test]
    fn narrowing() {
        let q = Query::new("sie").unwrap();
        assert!(q.is_narrowed_by(&Query::new("siege").unwrap()));
        assert!(!q.is_narrowed_by(&Query::new("Siege").unwrap()));
    }
}
