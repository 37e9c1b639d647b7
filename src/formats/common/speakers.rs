//! The speakers a log names, each once.

use std::collections::HashMap;

use crate::model::{Speaker, SpeakerId};

/// Lowercased name and role, and a vox pop's number where the name is missing.
type SpeakerKey = (Option<String>, Option<String>, Option<String>);

/// Speakers in order of first appearance, found again by their lowercased
/// (name, role): one person, however a line capitalises them.
#[derive(Debug, Default)]
pub struct SpeakerTable {
    list: Vec<Speaker>,
    ids: HashMap<SpeakerKey, SpeakerId>,
}

impl SpeakerTable {
    /// The id of a speaker; a second line naming the same person fills in
    /// what the first left out.
    pub fn intern(&mut self, mut speaker: Speaker) -> SpeakerId {
        if speaker.role.is_some() && speaker.role_source.is_none() {
            speaker.role_source = Some(crate::model::RoleSource::Log);
        }
        // Numbered anonymous vox pops are different people.
        let vox_pop = speaker
            .detail
            .as_deref()
            .filter(|detail| speaker.name.is_none() && detail.starts_with("Vox Pop "))
            .map(|detail| detail.split(',').next().unwrap_or(detail).to_owned());
        let key = (
            speaker.name.as_deref().map(str::to_lowercase),
            speaker.role.as_deref().map(str::to_lowercase),
            vox_pop,
        );
        if let Some(&id) = self.ids.get(&key) {
            let known = &mut self.list[id.index()];
            if known.language.is_none() {
                known.language = speaker.language;
            }
            if known.detail.is_none() {
                known.detail = speaker.detail;
            }
            return id;
        }
        let id = SpeakerId(self.list.len() as u32);
        self.list.push(speaker);
        self.ids.insert(key, id);
        id
    }

    pub fn list(&self) -> &[Speaker] {
        &self.list
    }

    /// Fills in who a speaker is and the language they speak, from a line
    /// after the one that named them.
    pub fn add_details(&mut self, id: SpeakerId, detail: Option<&str>, language: &str) {
        if let Some(speaker) = self.list.get_mut(id.index()) {
            if speaker.language.is_none() {
                speaker.language = Some(language.to_owned());
            }
            if speaker.detail.is_none() {
                speaker.detail = detail.map(str::to_owned);
            }
        }
    }

    /// Gives a speaker the role the log states for them elsewhere.
    pub fn set_role(&mut self, id: SpeakerId, role: &str) {
        if let Some(speaker) = self.list.get_mut(id.index()) {
            speaker.role = Some(role.to_owned());
            speaker.role_source = Some(crate::model::RoleSource::Log);
        }
    }

    pub fn into_list(self) -> Vec<Speaker> {
        self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_id_per_person_in_any_case_with_details_filled_in() {
        let mut table = SpeakerTable::default();
        let ana = Speaker {
            name: Some("Ana".into()),
            role: Some("Guide".into()),
            ..Speaker::default()
        };
        let first = table.intern(ana.clone());
        let again = table.intern(Speaker {
            name: Some("ANA".into()),
            language: Some("Spanish".into()),
            ..ana
        });
        assert_eq!(first, again);
        assert_eq!(table.into_list()[0].language.as_deref(), Some("Spanish"));
    }
}
