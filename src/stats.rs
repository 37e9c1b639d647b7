//! Talk time, segments and words per role and per speaker.

use std::collections::HashMap;

use crate::model::{Segment, SegmentKind, SpeakerId, Transcript};

/// From this many segments on, words are counted on two threads.
const PARALLEL_FROM_SEGMENTS: usize = 20_000;

/// Figures for one role, one speaker, or the whole interview.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub segments: usize,
    pub talk_ms: u64,
    pub words: usize,
}

impl Tally {
    fn add(&mut self, talk_ms: u64, words: usize) {
        self.segments += 1;
        self.talk_ms += talk_ms;
        self.words += words;
    }
}

/// One role with its speakers, in order of first appearance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleStats {
    /// The role as first written; `None` for speakers the log gives no role.
    pub role: Option<String>,
    pub tally: Tally,
    pub speakers: Vec<(SpeakerId, Tally)>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub roles: Vec<RoleStats>,
    /// Segments with no speaker: shots, unattributed text.
    pub unattributed: Tally,
    pub total: Tally,
}

/// Counts every segment once; roles group case-insensitively.
pub fn compute(transcript: &Transcript) -> Stats {
    let mut per_speaker = vec![Tally::default(); transcript.speakers.len()];
    let mut stats = Stats::default();
    let words = words_per_segment(&transcript.segments);
    for (segment, words) in transcript.segments.iter().zip(words) {
        let talk = segment.duration_ms();
        stats.total.add(talk, words);
        match segment
            .speaker
            .and_then(|id| per_speaker.get_mut(id.index()))
        {
            Some(tally) if segment.kind != SegmentKind::Shot => tally.add(talk, words),
            _ => stats.unattributed.add(talk, words),
        }
    }
    let mut role_index: HashMap<Option<String>, usize> = HashMap::new();
    for (index, speaker) in transcript.speakers.iter().enumerate() {
        let tally = per_speaker[index].clone();
        if tally.segments == 0 {
            continue;
        }
        let key = speaker.role.as_deref().map(str::to_lowercase);
        let slot = *role_index.entry(key).or_insert_with(|| {
            stats.roles.push(RoleStats {
                role: speaker.role.clone(),
                tally: Tally::default(),
                speakers: Vec::new(),
            });
            stats.roles.len() - 1
        });
        let role = &mut stats.roles[slot];
        role.tally.segments += tally.segments;
        role.tally.talk_ms += tally.talk_ms;
        role.tally.words += tally.words;
        role.speakers.push((SpeakerId(index as u32), tally));
    }
    stats
}

/// The words of each segment: the one costly part of the figures, so a
/// large transcript is counted in two halves at once.
fn words_per_segment(segments: &[Segment]) -> Vec<usize> {
    crate::parallel::in_two_halves(segments, PARALLEL_FROM_SEGMENTS, |part| {
        part.iter().map(Segment::word_count).collect()
    })
}

/// `M:SS` or `H:MM:SS` for a length of time.
pub fn format_duration(ms: u64) -> String {
    let seconds = ms / 1000;
    if seconds >= 3600 {
        format!(
            "{}:{:02}:{:02}",
            seconds / 3600,
            (seconds / 60) % 60,
            seconds % 60
        )
    } else {
        format!("{}:{:02}", seconds / 60, seconds % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_counted_in_two_halves_are_the_words_of_each_segment() {
        let log = crate::generate::footage_log(PARALLEL_FROM_SEGMENTS);
        let transcript = crate::parse::parse_str(&log, "t", crate::parse::ParseOptions::default());
        assert!(transcript.segments.len() >= PARALLEL_FROM_SEGMENTS);
        let one_by_one: Vec<usize> = transcript
            .segments
            .iter()
            .map(Segment::word_count)
            .collect();
        assert_eq!(words_per_segment(&transcript.segments), one_by_one);
    }
}
