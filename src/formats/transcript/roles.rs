//! Who is who in a transcript: roles a header declares (`Host: Jane Roe`,
//! `INTERVIEWERS: …`, `Interviewed by …`), roles given in a label
//! (`JANE ROE (host):`), and short forms of a name met before (`JANE:`,
//! `ROE:`) resolved to the same person.

use super::line::Turn;
use crate::formats::common::build::Builder;
use crate::formats::common::captions::could_be_name;
use crate::model::{INTERVIEWER_ROLE, RoleSource, SegmentKind, Speaker, SpeakerId};

/// Header keys that declare who has a role, and the role they declare.
const ROLE_KEYS: &[(&str, &str)] = &[
    ("host", "Host"),
    ("hosts", "Host"),
    ("co-host", "Host"),
    ("guest", "Guest"),
    ("guests", "Guest"),
    ("interviewer", INTERVIEWER_ROLE),
    ("interviewers", INTERVIEWER_ROLE),
    ("interviewee", "Interviewee"),
    ("interviewees", "Interviewee"),
    ("narrator", "Narrator"),
    ("moderator", "Moderator"),
    ("panelists", "Panelist"),
    ("panelist", "Panelist"),
];

/// The role a header key declares, if it is one of [`ROLE_KEYS`].
pub fn declared_role(key: &str) -> Option<&'static str> {
    let key = key.trim().to_lowercase();
    ROLE_KEYS
        .iter()
        .find(|(word, _)| *word == key)
        .map(|(_, role)| *role)
}

/// Whether a label is `Q`, `A`, `Question` or `Answer`, in any case.
pub fn is_question_or_answer(label: &str) -> bool {
    ["q", "a", "question", "answer"]
        .iter()
        .any(|word| label.trim().eq_ignore_ascii_case(word))
}

/// The names in a list: `Jane Roe, Sam Hill and Ada Park`.
fn split_names(list: &str) -> impl Iterator<Item = &str> {
    list.split([',', ';', '&', '/'])
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|name| !name.is_empty())
}

/// Whether every item of a list could be a name (and there is one).
pub fn all_names(list: &str) -> bool {
    !list.trim().is_empty() && split_names(list).all(could_be_name)
}

/// The names after `Interviewed by`, when a line says so.
pub fn interviewed_by(line: &str) -> Option<&str> {
    let lower = line.to_lowercase();
    let at = lower.find("interviewed by ")?;
    let names = line
        .get(at + "interviewed by ".len()..)?
        .trim_end_matches('.');
    all_names(names).then_some(names)
}

/// The people the header names, with their roles.
#[derive(Debug, Default)]
pub struct Roles {
    declared: Vec<(String, &'static str)>,
}

/// Whether `short` is `full`, or one of its words (`ROE` for `Jane Roe`), in any case.
fn names_match(short: &str, full: &str) -> bool {
    full.eq_ignore_ascii_case(short)
        || (!short.contains(' ')
            && full
                .split_whitespace()
                .any(|word| word.trim_matches('.').eq_ignore_ascii_case(short)))
}

impl Roles {
    /// Records that each name in `names` has `role`.
    pub fn declare(&mut self, role: &str, names: &str) {
        let role = ROLE_KEYS
            .iter()
            .map(|(_, known)| *known)
            .find(|known| known.eq_ignore_ascii_case(role))
            .unwrap_or(INTERVIEWER_ROLE);
        for name in split_names(names) {
            self.declared.push((name.to_owned(), role));
        }
    }

    /// The one declared person with `role`, if there is exactly one.
    fn only(&self, role: &str) -> Option<&str> {
        let mut with_role = self.declared.iter().filter(|(_, r)| *r == role);
        match (with_role.next(), with_role.next()) {
            (Some((name, _)), None) => Some(name),
            _ => None,
        }
    }

    /// The kind and speaker a turn starts.
    /// `Q`, `A`, `Question` or `Answer` stand for the interviewer and the interviewee.
    pub fn speaker_for(
        &self,
        builder: &mut Builder,
        turn: &Turn,
    ) -> (SegmentKind, Option<SpeakerId>) {
        let label = turn.name.trim();
        let question = ["q", "question"]
            .iter()
            .any(|q| label.eq_ignore_ascii_case(q));
        let answer = ["a", "answer"]
            .iter()
            .any(|a| label.eq_ignore_ascii_case(a));
        if question {
            let speaker = match self.only(INTERVIEWER_ROLE) {
                Some(name) => Self::person(builder, name, Some(INTERVIEWER_ROLE)),
                None => builder.speaker(Speaker::interviewer()),
            };
            return (SegmentKind::Question, Some(speaker));
        }
        if answer {
            let speaker = self
                .only("Interviewee")
                .map(|name| Self::person(builder, name, Some("Interviewee")));
            return (SegmentKind::Answer, speaker);
        }
        // A name the header declared, in full or by one of its words.
        let declared = self
            .declared
            .iter()
            .filter(|(full, _)| names_match(label, full))
            .collect::<Vec<_>>();
        if let ([(full, role)], None) = (declared.as_slice(), turn.role) {
            return (
                SegmentKind::Answer,
                Some(Self::person(builder, full, Some(role))),
            );
        }
        // A short form of someone met before.
        if turn.role.is_none() && !label.contains(' ') {
            let met: Vec<usize> = builder
                .speakers()
                .iter()
                .enumerate()
                .filter(|(_, s)| {
                    s.name
                        .as_deref()
                        .is_some_and(|full| full.contains(' ') && names_match(label, full))
                })
                .map(|(i, _)| i)
                .collect();
            if let [index] = met.as_slice() {
                return (SegmentKind::Answer, Some(SpeakerId(*index as u32)));
            }
        }
        let speaker = Self::person(builder, label, turn.role);
        (SegmentKind::Answer, Some(speaker))
    }

    /// The speaker called `name`, with `role` when given.
    fn person(builder: &mut Builder, name: &str, role: Option<&str>) -> SpeakerId {
        // Someone already met by this name keeps the role they were given;
        // a label that gives them another role is someone else, so that
        // nothing it says is lost.
        let same_role = |s: &Speaker| match (s.role.as_deref(), role) {
            (Some(had), Some(given)) => had.eq_ignore_ascii_case(given),
            _ => true,
        };
        let known = builder.speakers().iter().position(|s| {
            s.name
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
                && same_role(s)
        });
        if let Some(index) = known {
            let id = SpeakerId(index as u32);
            if let Some(role) = role
                && builder.speakers()[index].role.is_none()
            {
                builder.set_role(id, role);
            }
            return id;
        }
        builder.speaker(Speaker {
            name: Some(name.to_owned()),
            role: role.map(capitalised),
            role_source: role.map(|_| RoleSource::Log),
            ..Speaker::default()
        })
    }
}

/// A role written all in lower case (`host`) with a capital, as headers write it.
fn capitalised(role: &str) -> String {
    if role.chars().any(char::is_uppercase) {
        return role.to_owned();
    }
    let mut chars = role.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_declarations_and_short_names() {
        assert_eq!(declared_role("INTERVIEWERS"), Some(INTERVIEWER_ROLE));
        assert_eq!(declared_role("Host"), Some("Host"));
        assert!(all_names("Jane Roe, Sam Hill and Ada Park"));
        assert!(!all_names("Welcome back to the show."));
        assert_eq!(interviewed_by("Interviewed by Sam Hill."), Some("Sam Hill"));
        assert!(names_match("ROE", "Jane Roe"));
        assert!(names_match("jane roe", "Jane Roe"));
        assert!(!names_match("Ro", "Jane Roe"));
    }
}
