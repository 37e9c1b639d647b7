//! A search across the library: the segments of every interview that hold
//! the words (in their text, their speaker's name or role) and that the
//! role and speaker filters keep, found on every core.

use rayon::prelude::*;

use super::Interview;
use crate::filter::Filter;
use crate::search::Query;

/// What the library is asked for: words, roles, speakers; any may be empty.
#[derive(Debug, Clone, Default)]
pub struct Ask {
    pub query: Option<Query>,
    pub filter: Filter,
}

impl Ask {
    /// Whether it asks for anything: then the library lists hits.
    pub fn is_active(&self) -> bool {
        self.query.is_some() || !self.filter.is_empty()
    }

    /// Whether every hit of `newer` is a hit of `self`: the same filters,
    /// and the same words with more typed.
    pub fn is_narrowed_by(&self, newer: &Ask) -> bool {
        self.filter == newer.filter
            && match (&self.query, &newer.query) {
                (Some(old), Some(new)) => old.is_narrowed_by(new),
                (None, _) => true,
                (Some(_), None) => false,
            }
    }
}

/// The segment ids of `interview` that `ask` finds, in order; only among
/// `candidates` when given (the hits of a wider search).
///
/// The words are looked for in the interview's whole text at once, and
/// after a hit, from the next segment on: a search for a common word
/// costs one look per segment, a rare one a scan of the text.
pub fn hits_in(interview: &Interview, ask: &Ask, candidates: Option<&[u32]>) -> Vec<u32> {
    let kept: Vec<bool> = interview
        .speakers
        .iter()
        .map(|s| ask.filter.keeps_speaker(s))
        .collect();
    let filtered = !ask.filter.is_empty();
    let keeps = |id: usize| {
        interview.spots.get(id).is_some_and(|spot| {
            !filtered
                || spot
                    .speaker
                    .is_some_and(|s| kept.get(s.index()).copied().unwrap_or(false))
        })
    };
    let Some(query) = &ask.query else {
        let all = (0..interview.spots.len()).filter(|&id| keeps(id));
        return all.filter_map(|id| u32::try_from(id).ok()).collect();
    };
    let speaker_hit = crate::search::speakers_matching(&interview.speakers, query);
    let text = interview.text().as_bytes();
    let mut cache = query.cache();
    // The segment of the next match that ends after byte `from`.
    let mut next = |from: usize| {
        query
            .match_end_from(&mut cache, text, from)
            .and_then(|end| interview.spot_at(end.saturating_sub(1)))
    };
    let mut in_text = next(0);
    let mut found = Vec::new();
    for (id, spot) in interview.spots.iter().enumerate() {
        let text_hit = in_text == Some(id);
        if text_hit {
            in_text = next(interview.text_end(spot));
        }
        let by_speaker = spot
            .speaker
            .is_some_and(|s| speaker_hit.get(s.index()).copied().unwrap_or(false));
        if (text_hit || by_speaker) && keeps(id) {
            found.push(id);
        }
    }
    let found = found.into_iter().filter_map(|id| u32::try_from(id).ok());
    match candidates {
        // Every hit of a narrower search is among the wider one's.
        Some(candidates) => found
            .filter(|id| candidates.binary_search(id).is_ok())
            .collect(),
        None => found.collect(),
    }
}

/// The hits of every interview, in the interviews' order; `wider` holds
/// each one's hits of a search this one narrows, to look only among them.
pub fn find(interviews: &[Interview], ask: &Ask, wider: Option<&[Vec<u32>]>) -> Vec<Vec<u32>> {
    interviews
        .par_iter()
        .enumerate()
        .map(|(i, interview)| {
            let candidates = wider.and_then(|w| w.get(i)).map(Vec::as_slice);
            hits_in(interview, ask, candidates)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn interview(text: &str) -> Interview {
        crate::catalog::interview_for_test("x.txt", text)
    }

    const ONE: &str = "00:10 (Ana Berg, Nurse)\n\u{201c}The ward flooded.\u{201d}\n\
        00:20 (Ivo Sand, Driver)\n\u{201c}The road flooded too.\u{201d}\n";
    const TWO: &str = "00:05 (Mira Holt, nurse)\n\u{201c}We moved the beds.\u{201d}\n";

    fn ask(query: &str, roles: &[&str]) -> Ask {
        Ask {
            query: Query::new(query).ok().flatten(),
            filter: Filter {
                roles: roles.iter().map(|r| (*r).to_owned()).collect(),
                speakers: Vec::new(),
            },
        }
    }

    #[test]
    fn words_and_roles_across_interviews() {
        let library = [interview(ONE), interview(TWO)];
        assert_eq!(
            find(&library, &ask("flooded", &[]), None),
            [vec![0, 1], vec![]]
        );
        assert_eq!(
            find(&library, &ask("", &["nurse"]), None),
            [vec![0], vec![0]]
        );
        assert_eq!(
            find(&library, &ask("flooded", &["nurse"]), None),
            [vec![0], vec![]]
        );
        // A speaker's name or role is found like the text.
        assert_eq!(find(&library, &ask("holt", &[]), None), [vec![], vec![0]]);
    }

    #[test]
    fn a_narrower_search_looks_only_among_the_wider_hits() {
        let library = [interview(ONE), interview(TWO)];
        let wide = ask("flood", &[]);
        let narrow = ask("flooded too", &[]);
        assert!(wide.is_narrowed_by(&narrow));
        assert!(!narrow.is_narrowed_by(&wide));
        assert!(!wide.is_narrowed_by(&ask("flood", &["nurse"])));
        let wider = find(&library, &wide, None);
        assert_eq!(find(&library, &narrow, Some(&wider)), [vec![1], vec![]]);
    }
}
