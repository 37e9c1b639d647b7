//! Text search with smart case: all lower case ignores case, any capital
//! letter makes the search exact.

use rayon::prelude::*;
use regex_automata::meta::{Cache, Config, Regex};
use regex_automata::util::syntax;
use regex_automata::{Input, Span};
use thiserror::Error;

use crate::model::{Segment, Speaker, Transcript};

/// How many segments one task of a parallel search takes.
const SEARCH_CHUNK: usize = 8192;

/// A compiled search for a literal piece of text.
#[derive(Debug, Clone)]
pub struct Query {
    text: String,
    regex: Regex,
}

/// Why a search cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SearchError {
    #[error("the search text is too long to search for ({0} bytes)")]
    TooLarge(usize),
}

impl Query {
    /// `Ok(None)` for an empty query.
    pub fn new(text: &str) -> Result<Option<Query>, SearchError> {
        if text.is_empty() {
            return Ok(None);
        }
        let ignore_case = !text.chars().any(char::is_uppercase);
        // What `regex::bytes` builds, with the cache in the caller's hands:
        // a search over many segments takes one cache per task, not one
        // from a shared pool per segment.
        let regex = Regex::builder()
            .configure(
                Config::new()
                    .nfa_size_limit(Some(10 * (1 << 20)))
                    .hybrid_cache_capacity(2 * (1 << 20))
                    .utf8_empty(false),
            )
            .syntax(
                syntax::Config::new()
                    .case_insensitive(ignore_case)
                    .utf8(false),
            )
            .build(&regex::escape(text))
            .map_err(|_| SearchError::TooLarge(text.len()))?;
        Ok(Some(Query {
            text: text.to_owned(),
            regex,
        }))
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.regex.is_match(haystack.as_bytes())
    }

    /// Room for one search at a time, for [`Query::match_end_from`].
    pub fn cache(&self) -> Cache {
        self.regex.create_cache()
    }

    /// Byte ranges of every match, for highlighting.
    pub fn ranges<'h>(
        &'h self,
        haystack: &'h str,
    ) -> impl Iterator<Item = std::ops::Range<usize>> + 'h {
        self.regex.find_iter(haystack.as_bytes()).map(|m| m.range())
    }

    /// Whether there is a match at or after byte `from`, and where the
    /// earliest one to finish ends: as cheap as [`Query::is_match`], which
    /// stops at the first match without working out where it starts.
    pub fn match_end_from(&self, cache: &mut Cache, haystack: &[u8], from: usize) -> Option<usize> {
        let input = Input::new(haystack)
            .earliest(true)
            .span(Span::from(from.min(haystack.len())..haystack.len()));
        self.regex
            .search_half_with(cache, &input)
            .map(|end| end.offset())
    }

    /// A byte position at or before the start of any match that ends at
    /// `end`: a case-insensitive match may be longer than the query in bytes,
    /// but never four times as long.
    pub fn resume_point(&self, haystack: &[u8], end: usize) -> usize {
        let mut at = end.saturating_sub(4 * self.text.len());
        // Back to the first byte of a character: never a continuation byte.
        while at > 0 && haystack.get(at).is_some_and(|b| b & 0xC0 == 0x80) {
            at -= 1;
        }
        at
    }

    /// Whether `self` is `older` with more typed at the end: then every match
    /// of `self` starts at or after the first match of `older` does.
    pub fn extends(&self, older: &Query) -> bool {
        older.is_narrowed_by(self) && self.text.starts_with(&older.text)
    }

    /// Whether every match of `self` is also a match of `narrower`: typing more
    /// of the same query only narrows the results.
    pub fn is_narrowed_by(&self, narrower: &Query) -> bool {
        let same_case = self.text.chars().any(char::is_uppercase)
            == narrower.text.chars().any(char::is_uppercase);
        same_case && narrower.text.contains(&self.text)
    }
}

/// For each speaker, whether the query finds its name or its role.
pub fn speakers_matching(speakers: &[Speaker], query: &Query) -> Vec<bool> {
    speakers
        .iter()
        .map(|s| {
            s.name.as_deref().is_some_and(|n| query.is_match(n))
                || s.role.as_deref().is_some_and(|r| query.is_match(r))
        })
        .collect()
}

/// Matches segments by their text, their speaker's name or their role. The
/// speakers are matched once up front: there are few of them, and many segments.
pub struct SegmentMatcher<'a> {
    query: &'a Query,
    speaker_hits: Vec<bool>,
}

impl<'a> SegmentMatcher<'a> {
    pub fn new(transcript: &Transcript, query: &'a Query) -> Self {
        let speaker_hits = speakers_matching(&transcript.speakers, query);
        SegmentMatcher {
            query,
            speaker_hits,
        }
    }

    /// Whether a segment matches, by its speaker or its text; `cache` is
    /// the search's room (one for many segments, [`Query::cache`]).
    pub fn matches(&self, cache: &mut Cache, segment: &Segment) -> bool {
        let speaker_hit = segment
            .speaker
            .is_some_and(|id| self.speaker_hits.get(id.index()).copied().unwrap_or(false));
        speaker_hit
            || self
                .query
                .match_end_from(cache, segment.text.as_bytes(), 0)
                .is_some()
    }

    /// Whether a segment matches, looking in its text from byte `from` on:
    /// where to resume when the query is typed on (see
    /// [`Query::resume_point`]), or 0 when only the speaker matches.
    pub fn resume(&self, cache: &mut Cache, segment: &Segment, from: usize) -> Option<usize> {
        // As bytes: a search that stops at the first match reads no further,
        // and in a large log every byte not read is a cache miss saved.
        let text = segment.text.as_bytes();
        let found = self
            .query
            .match_end_from(cache, text, from)
            .map(|end| self.query.resume_point(text, end));
        found.or_else(|| {
            segment
                .speaker
                .is_some_and(|id| self.speaker_hits.get(id.index()).copied().unwrap_or(false))
                .then_some(0)
        })
    }

    /// The candidates `(segment id, where to resume in its text)` that match,
    /// in order, each with where its match starts.
    pub fn find(
        &self,
        transcript: &Transcript,
        candidates: &[(usize, usize)],
    ) -> Vec<(usize, usize)> {
        // A long list is searched in pieces on every core: the first key of a
        // search visits every segment of the log.
        let found: Vec<Vec<(usize, usize)>> = candidates
            .par_chunks(SEARCH_CHUNK)
            .map_init(
                || self.query.cache(),
                |cache, chunk| {
                    chunk
                        .iter()
                        .filter_map(|&(id, from)| {
                            let segment = transcript.segments.get(id)?;
                            self.resume(cache, segment, from).map(|start| (id, start))
                        })
                        .collect()
                },
            )
            .collect();
        found.concat()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_case() {
        let lower = Query::new("siege").unwrap().unwrap();
        assert!(lower.is_match("The SIEGE began"));
        let exact = Query::new("Siege").unwrap().unwrap();
        assert!(!exact.is_match("the siege"));
        assert_eq!(Query::new("").map(|q| q.is_none()), Ok(true));
        assert!(matches!(
            Query::new(&"ab".repeat(200_000)),
            Err(SearchError::TooLarge(_))
        ));
    }

    #[test]
    fn literal_text_and_ranges() {
        let q = Query::new("a.b(").unwrap().unwrap();
        assert!(!q.is_match("axb("));
        assert_eq!(q.ranges("a.b( a.b(").collect::<Vec<_>>(), [0..4, 5..9]);
    }

    #[test]
    fn typing_on_resumes_where_the_last_match_started() {
        let older = Query::new("riv").unwrap().unwrap();
        let newer = Query::new("river").unwrap().unwrap();
        assert!(newer.extends(&older));
        assert!(!Query::new("ariv").unwrap().unwrap().extends(&older));
        let text = "a rivet, then the river";
        let text = text.as_bytes();
        let cache = &mut older.cache();
        let end = older.match_end_from(cache, text, 0).unwrap();
        assert_eq!(end, 5);
        let from = older.resume_point(text, end);
        assert!(from <= 2, "at or before where the older match starts");
        let cache = &mut newer.cache();
        assert_eq!(newer.match_end_from(cache, text, from), Some(23));
        assert_eq!(newer.match_end_from(cache, text, 99), None);
        assert!("ééééé".is_char_boundary(older.resume_point("ééééé".as_bytes(), 5)));
    }

    #[test]
    fn narrowing() {
        let q = Query::new("sie").unwrap().unwrap();
        assert!(q.is_narrowed_by(&Query::new("siege").unwrap().unwrap()));
        assert!(!q.is_narrowed_by(&Query::new("Siege").unwrap().unwrap()));
    }
}
