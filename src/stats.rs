//! Talk time, segments and words per role and per speaker.

use crate::model::{SegmentKind, Speaker, SpeakerId, Transcript};

/// Figures for one role, one speaker, or the whole interview.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub segments: usize,
    pub talk_ms: u64,
    pub words: usize,
}

impl Tally {
    /// The figures of one segment.
    pub fn one(talk_ms: u64, words: usize) -> Self {
        Tally {
            segments: 1,
            talk_ms,
            words,
        }
    }

    fn add(&mut self, talk_ms: u64, words: usize) {
        self.segments += 1;
        self.talk_ms += talk_ms;
        self.words += words;
    }

    /// Adds another tally's figures to this one.
    pub fn merge(&mut self, other: &Tally) {
        self.segments += other.segments;
        self.talk_ms += other.talk_ms;
        self.words += other.words;
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

/// Figures per speaker id, before speakers are grouped by role.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tallies {
    pub per_speaker: Vec<Tally>,
    pub unattributed: Tally,
    pub total: Tally,
}

impl Tallies {
    /// Counts one segment: a shot, or a segment with no speaker, counts as unattributed.
    pub fn add(
        &mut self,
        kind: SegmentKind,
        speaker: Option<SpeakerId>,
        talk_ms: u64,
        words: usize,
    ) {
        self.total.add(talk_ms, words);
        let speaker = speaker.filter(|_| kind != SegmentKind::Shot);
        self.speaker_mut(speaker).add(talk_ms, words);
    }

    /// Room for the figures of `speakers` speakers.
    pub fn for_speakers(speakers: usize) -> Self {
        Tallies {
            per_speaker: vec![Tally::default(); speakers],
            ..Tallies::default()
        }
    }

    /// Room for speakers up to `speakers` in all.
    pub fn make_room(&mut self, speakers: usize) {
        if speakers > self.per_speaker.len() {
            self.per_speaker.resize(speakers, Tally::default());
        }
    }

    /// The tally of a speaker, or the unattributed one for none (or an id
    /// with no room).
    pub fn speaker_mut(&mut self, speaker: Option<SpeakerId>) -> &mut Tally {
        match speaker.map(SpeakerId::index) {
            Some(index) if index < self.per_speaker.len() => &mut self.per_speaker[index],
            _ => &mut self.unattributed,
        }
    }

    /// Groups the speakers' figures by role, case-insensitively.
    pub fn into_stats(self, speakers: &[Speaker]) -> Stats {
        let mut stats = Stats {
            roles: Vec::new(),
            unattributed: self.unattributed,
            total: self.total,
        };
        // Roles as the index groups them; speakers who never speak left out.
        let (groups, _) = crate::model::group_by_role(speakers);
        for group in groups {
            let mut role = RoleStats {
                role: group.role,
                tally: Tally::default(),
                speakers: Vec::new(),
            };
            for id in group.speakers {
                let tally = self
                    .per_speaker
                    .get(id.index())
                    .cloned()
                    .unwrap_or_default();
                if tally.segments > 0 {
                    role.tally.merge(&tally);
                    role.speakers.push((id, tally));
                }
            }
            if !role.speakers.is_empty() {
                stats.roles.push(role);
            }
        }
        stats
    }
}

/// Counts every segment once; roles group case-insensitively.
pub fn compute(transcript: &Transcript) -> Stats {
    let mut tallies = Tallies::for_speakers(transcript.speakers.len());
    for segment in &transcript.segments {
        tallies.add(
            segment.kind,
            segment.speaker,
            segment.duration_ms(),
            segment.word_count(),
        );
    }
    tallies.into_stats(&transcript.speakers)
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
