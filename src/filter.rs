//! Which segments to show. A [`Filter`] is what the user asked for, by
//! name (roles and speakers matched case-insensitively on a substring); a
//! [`Selection`] is what it keeps in one transcript, role group by role
//! group and speaker by speaker. `list --role` and the player both ask
//! the selection, so they always agree.

use crate::index::Index;
use crate::model::{Segment, Speaker, SpeakerId, Transcript};

/// Roles and speakers to keep; an empty list keeps everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub roles: Vec<String>,
    pub speakers: Vec<String>,
}

fn contains_ignoring_case(haystack: &str, needle: &str) -> bool {
    haystack.to_lowercase().contains(&needle.to_lowercase())
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.roles.is_empty() && self.speakers.is_empty()
    }

    /// Whether a role matches one of the roles asked for (any, when none are).
    pub fn keeps_role(&self, role: &str) -> bool {
        self.roles.is_empty() || self.roles.iter().any(|r| contains_ignoring_case(role, r))
    }

    /// Whether a speaker passes both lists, as a [`Selection`] keeps them
    /// (a speaker with no role is in the role group `—`).
    pub fn keeps_speaker(&self, speaker: &Speaker) -> bool {
        self.keeps_role(speaker.role.as_deref().unwrap_or(crate::index::NO_ROLE))
            && self.keeps_label(&speaker.label())
    }

    /// Whether a `Name · Role` label matches one of the speakers asked for
    /// (any, when none are).
    pub fn keeps_label(&self, label: &str) -> bool {
        self.speakers.is_empty()
            || self
                .speakers
                .iter()
                .any(|s| contains_ignoring_case(label, s))
    }
}

/// What a filter keeps in one transcript.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Roles kept, by position in [`Index::roles`]; `None` keeps every role.
    pub roles: Option<Vec<bool>>,
    /// Speakers kept, by speaker id; `None` keeps every speaker.
    pub speakers: Option<Vec<bool>>,
}

impl Selection {
    /// The selection `filter` makes in `transcript` (whose index is `index`).
    pub fn of(filter: &Filter, transcript: &Transcript, index: &Index) -> Selection {
        Selection {
            roles: (!filter.roles.is_empty()).then(|| {
                index
                    .roles()
                    .iter()
                    .map(|r| filter.keeps_role(&r.name))
                    .collect()
            }),
            speakers: (!filter.speakers.is_empty()).then(|| {
                transcript
                    .speakers
                    .iter()
                    .map(|s| filter.keeps_label(&s.label()))
                    .collect()
            }),
        }
    }

    /// Whether anything is hidden.
    pub fn is_active(&self) -> bool {
        self.roles.is_some() || self.speakers.is_some()
    }

    /// Whether a speaker passes both the role and the speaker filter.
    pub fn keeps_speaker(&self, id: SpeakerId, index: &Index) -> bool {
        let role_ok = self.roles.as_ref().is_none_or(|kept| {
            index
                .role_of(id)
                .and_then(|r| kept.get(r).copied())
                .unwrap_or(false)
        });
        let speaker_ok = self
            .speakers
            .as_ref()
            .is_none_or(|kept| kept.get(id.index()).copied().unwrap_or(false));
        role_ok && speaker_ok
    }

    /// Whether a segment shows: with no filter, all do; with one, those
    /// whose speaker passes (shots and unattributed lines do not).
    pub fn keeps_segment(&self, segment: &Segment, index: &Index) -> bool {
        !self.is_active()
            || segment
                .speaker
                .is_some_and(|speaker| self.keeps_speaker(speaker, index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::{ParseOptions, parse_str};

    const LOG: &str = "00:01 (Amer, Aleppo Civil Defense Worker)\n\u{201c}a\u{201d}\n\
        00:02 (Citizen, no name given)\n\u{201c}b\u{201d}\n\
        00:03 (Rami, civil defense worker)\n\u{201c}c\u{201d}\n";

    fn kept(filter: &Filter) -> Vec<usize> {
        let transcript = parse_str(LOG, "t", ParseOptions::default());
        let index = Index::new(&transcript);
        let selection = Selection::of(filter, &transcript, &index);
        transcript
            .segments
            .iter()
            .filter(|s| selection.keeps_segment(s, &index))
            .map(|s| s.id)
            .collect()
    }

    #[test]
    fn roles_and_speakers_match_on_substrings_ignoring_case() {
        let roles = |r: &[&str]| Filter {
            roles: r.iter().map(|s| (*s).to_owned()).collect(),
            speakers: Vec::new(),
        };
        assert_eq!(kept(&Filter::default()), [0, 1, 2]);
        assert_eq!(kept(&roles(&["CIVIL defense"])), [0, 2]);
        assert_eq!(kept(&roles(&["citizen", "aleppo"])), [0, 1]);
        let speakers = Filter {
            roles: Vec::new(),
            speakers: vec!["AME".into()],
        };
        assert_eq!(kept(&speakers), [0]);
        // Both: only what both keep.
        let both = Filter {
            roles: vec!["citizen".into()],
            speakers: vec!["amer".into()],
        };
        assert_eq!(kept(&both), Vec::<usize>::new());
    }
}
