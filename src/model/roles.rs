//! Speakers grouped by role: the one grouping the index (and so the player's
//! filters, colours and speakers panel) and `stats` share.

use std::collections::HashMap;

use super::{Speaker, SpeakerId};

/// One role, as first written (`None` for speakers with no role), and its
/// speakers in order of first appearance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleGroup {
    pub role: Option<String>,
    pub speakers: Vec<SpeakerId>,
}

/// The roles of `speakers`, in any case, in order of first appearance, and
/// for each speaker the position of its role among them.
pub fn group_by_role(speakers: &[Speaker]) -> (Vec<RoleGroup>, Vec<usize>) {
    let mut groups: Vec<RoleGroup> = Vec::new();
    let mut by_key: HashMap<Option<String>, usize> = HashMap::new();
    let mut role_of_speaker = Vec::with_capacity(speakers.len());
    for (i, speaker) in speakers.iter().enumerate() {
        let key = speaker.role.as_deref().map(str::to_lowercase);
        let position = *by_key.entry(key).or_insert_with(|| {
            groups.push(RoleGroup {
                role: speaker.role.clone(),
                speakers: Vec::new(),
            });
            groups.len() - 1
        });
        groups[position].speakers.push(SpeakerId(i as u32));
        role_of_speaker.push(position);
    }
    (groups, role_of_speaker)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_group_in_any_case_in_order_of_first_appearance() {
        let speaker = |role: Option<&str>| Speaker {
            role: role.map(str::to_owned),
            ..Speaker::default()
        };
        let speakers = [
            speaker(Some("Nurse")),
            speaker(None),
            speaker(Some("nurse")),
            speaker(Some("Pilot")),
        ];
        let (groups, of) = group_by_role(&speakers);
        let roles: Vec<_> = groups.iter().map(|g| g.role.as_deref()).collect();
        assert_eq!(roles, [Some("Nurse"), None, Some("Pilot")]);
        assert_eq!(of, [0, 1, 0, 2]);
    }
}
