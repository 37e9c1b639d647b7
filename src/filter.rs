//! Which segments to show: by role and by speaker, matched case-insensitively
//! on a substring, as both the command line and the player filter them.

use crate::model::{Segment, Speaker, Transcript};

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

    /// Whether a speaker passes: its role matches one of the roles (if any
    /// are given) and its `Name · Role` label matches one of the speakers.
    pub fn keeps_speaker(&self, speaker: &Speaker) -> bool {
        let role_ok = self.roles.is_empty()
            || speaker
                .role
                .as_deref()
                .is_some_and(|role| self.keeps_role(role));
        let speaker_ok = self.speakers.is_empty() || {
            let label = speaker.label();
            self.speakers
                .iter()
                .any(|s| contains_ignoring_case(&label, s))
        };
        role_ok && speaker_ok
    }

    /// Per speaker id, whether it passes; computed once per filter change.
    pub fn speaker_mask(&self, transcript: &Transcript) -> Vec<bool> {
        transcript
            .speakers
            .iter()
            .map(|s| self.keeps_speaker(s))
            .collect()
    }

    /// Whether a segment passes, given [`Filter::speaker_mask`]. Shots and
    /// segments with no speaker pass only when no filter is set.
    pub fn keeps_segment(&self, mask: &[bool], segment: &Segment) -> bool {
        if self.is_empty() {
            return true;
        }
        segment
            .speaker
            .is_some_and(|id| mask.get(id.index()).copied().unwrap_or(false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speaker(name: Option<&str>, role: Option<&str>) -> Speaker {
        Speaker {
            name: name.map(str::to_owned),
            role: role.map(str::to_owned),
            ..Speaker::default()
        }
    }

    #[test]
    fn roles_and_speakers_match_on_substrings_ignoring_case() {
        let amer = speaker(Some("Amer"), Some("Aleppo Civil Defense Worker"));
        let filter = Filter {
            roles: vec!["civil defense".into()],
            speakers: vec![],
        };
        assert!(filter.keeps_speaker(&amer));
        assert!(!filter.keeps_speaker(&speaker(None, Some("Citizen"))));
        let filter = Filter {
            roles: vec![],
            speakers: vec!["AME".into()],
        };
        assert!(filter.keeps_speaker(&amer));
        let filter = Filter {
            roles: vec!["citizen".into()],
            speakers: vec!["amer".into()],
        };
        assert!(!filter.keeps_speaker(&amer));
    }
}
