//! Lookups the player needs many times a second, built once per transcript:
//! which segment is playing at a time, and which speakers share a role.

use crate::model::{SpeakerId, Timecode, Transcript};

/// The name of the role group of speakers the log gives no role.
pub const NO_ROLE: &str = "—";

/// A role and the speakers who have it (roles group ignoring case).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    /// As first written; "—" for speakers the log gives no role.
    pub name: String,
    pub speakers: Vec<SpeakerId>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Index {
    /// Start and id of every timed segment, sorted by start.
    timed: Vec<(Timecode, usize)>,
    roles: Vec<Role>,
    /// For each speaker, its position in `roles`.
    role_of_speaker: Vec<usize>,
    end: Timecode,
    /// Measured once: every drawn row asks for it.
    time_width: usize,
}

impl Index {
    /// Columns the widest start time takes as shown (`12:49:15` takes 8),
    /// at least 7, so that every timecode fits one column.
    pub fn time_width(&self) -> usize {
        self.time_width
    }

    /// [`Index::time_width`] without the rest of the index.
    pub fn time_width_of(transcript: &Transcript) -> usize {
        width_for(transcript.segments.iter().filter_map(|s| s.start).max())
    }

    pub fn new(transcript: &Transcript) -> Self {
        // One pass over the segments, into a list that never has to grow.
        let mut timed: Vec<(Timecode, usize)> = Vec::with_capacity(transcript.segments.len());
        let mut end = Timecode::default();
        for segment in &transcript.segments {
            if let Some(start) = segment.start {
                timed.push((start, segment.id));
            }
            end = end.max(segment.end.or(segment.start).unwrap_or_default());
        }
        timed.shrink_to_fit();
        // Logs are almost always in order already; a stable sort keeps ties in file order.
        if !timed.is_sorted() {
            timed.sort();
        }
        let (groups, role_of_speaker) = crate::model::group_by_role(&transcript.speakers);
        let roles = groups
            .into_iter()
            .map(|group| Role {
                name: group.role.unwrap_or_else(|| NO_ROLE.to_owned()),
                speakers: group.speakers,
            })
            .collect();
        let time_width = width_for(timed.last().map(|(start, _)| *start));
        Index {
            timed,
            roles,
            role_of_speaker,
            end,
            time_width,
        }
    }

    /// The segment playing at `at`: the last timed one that started at or
    /// before it; before the first, the first. `None` with no timed segments.
    pub fn segment_at(&self, at: Timecode) -> Option<usize> {
        let after = self.timed.partition_point(|(start, _)| *start <= at);
        self.timed.get(after.saturating_sub(1)).map(|(_, id)| *id)
    }

    /// The first timed segment starting at or after `at` for which `keep` holds.
    pub fn next_timed_from(
        &self,
        at: Timecode,
        keep: impl Fn(usize) -> bool,
    ) -> Option<(Timecode, usize)> {
        let from = self.timed.partition_point(|(start, _)| *start < at);
        self.timed[from..].iter().copied().find(|&(_, id)| keep(id))
    }

    pub fn first_timed(&self) -> Option<(Timecode, usize)> {
        self.timed.first().copied()
    }

    /// When the last segment ends.
    pub fn end(&self) -> Timecode {
        self.end
    }

    pub fn roles(&self) -> &[Role] {
        &self.roles
    }

    /// Position in [`Index::roles`] of a speaker's role.
    pub fn role_of(&self, speaker: SpeakerId) -> Option<usize> {
        self.role_of_speaker.get(speaker.index()).copied()
    }
}

/// Room for the latest start time written out, and for `--:--:--` at least.
fn width_for(latest: Option<Timecode>) -> usize {
    latest.map_or(0, |start| start.to_string().len()).max(7)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::{ParseOptions, parse_str};

    fn index(log: &str) -> (Transcript, Index) {
        let t = parse_str(log, "t", ParseOptions::default());
        let i = Index::new(&t);
        (t, i)
    }

    #[test]
    fn finds_the_segment_under_a_time() {
        let (_, i) = index("00:10 Question:\n“a?”\n“b?”\n00:20 (A, R)\n“c”\n00:40 (B, r)\n“d”");
        assert_eq!(i.segment_at(Timecode::from_secs(0)), Some(0));
        assert_eq!(i.segment_at(Timecode::from_secs(19)), Some(0));
        assert_eq!(i.segment_at(Timecode::from_secs(20)), Some(2));
        assert_eq!(i.segment_at(Timecode::from_secs(500)), Some(3));
        assert_eq!(
            i.next_timed_from(Timecode::from_secs(11), |id| id != 2),
            Some((Timecode::from_secs(40), 3))
        );
        assert_eq!(
            i.roles()
                .iter()
                .map(|r| r.name.as_str())
                .collect::<Vec<_>>(),
            ["Interviewer", "R"]
        );
        assert_eq!(i.roles()[1].speakers.len(), 2);
    }

    #[test]
    fn no_timed_segments() {
        let (_, i) = index("Question: why?\nAnswer: because.");
        assert_eq!(i.segment_at(Timecode::ZERO), None);
        assert_eq!(i.end(), Timecode::ZERO);
    }
}
