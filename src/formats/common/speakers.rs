//! The speakers a log names, each once.

use std::collections::HashMap;
use std::hash::Hasher;

use crate::model::{Speaker, SpeakerId};

/// Speakers in order of first appearance, found again by their name and
/// role in any case (and a vox pop's number where there is no name): one
/// person, however a line capitalises them. Found by a hash of those, so
/// that a log naming a million people does not hold a second copy of every
/// name.
#[derive(Debug, Default)]
pub struct SpeakerTable {
    list: Vec<Speaker>,
    ids: HashMap<u64, SpeakerId>,
    /// The speakers last asked for, as asked, with their ids: a log names
    /// the same few people line after line, and an exact repeat of one
    /// needs no hash. Forgotten when a speaker changes.
    recent: Vec<(Speaker, SpeakerId)>,
}

/// How many speakers asked for are remembered as asked.
const RECENT: usize = 16;

/// The vox pop number that tells anonymous vox pops apart (`Vox Pop 2`).
fn vox_pop_number(speaker: &Speaker) -> Option<&str> {
    let detail = speaker.detail.as_deref()?;
    (speaker.name.is_none() && detail.starts_with("Vox Pop "))
        .then(|| detail.split(',').next().unwrap_or(detail))
}

/// The details of a speaker met again, with any part the new line adds
/// (`woman` then `woman, 34`): nothing a line says of them is lost.
fn merged_detail(known: Option<String>, new: Option<String>) -> Option<String> {
    match (known, new) {
        (Some(mut known), Some(new)) => {
            for part in new.split(", ") {
                if !known.split(", ").any(|k| k == part) {
                    known.push_str(", ");
                    known.push_str(part);
                }
            }
            Some(known)
        }
        (known, new) => known.or(new),
    }
}

/// A hash of what identifies a speaker, in any case.
fn identity(speaker: &Speaker) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    for part in [
        speaker.name.as_deref(),
        speaker.role.as_deref(),
        vox_pop_number(speaker),
    ] {
        match part {
            Some(text) => hash_lowercase(text, &mut hasher),
            None => hasher.write_u8(0),
        }
        hasher.write_u8(0xff);
    }
    hasher.finish()
}

/// Feeds `text` in lower case to `hasher`, a block of bytes at a time
/// (a speaker is looked up on every line that names one).
fn hash_lowercase(text: &str, hasher: &mut impl Hasher) {
    let mut block = [0u8; 64];
    let mut len = 0;
    for c in text.chars().flat_map(char::to_lowercase) {
        let mut bytes = [0u8; 4];
        let bytes = c.encode_utf8(&mut bytes).as_bytes();
        if len + bytes.len() > block.len() {
            hasher.write(&block[..len]);
            len = 0;
        }
        block[len..len + bytes.len()].copy_from_slice(bytes);
        len += bytes.len();
    }
    hasher.write(&block[..len]);
}

/// Whether two speakers are the same person by name, role and vox pop number.
fn same_person(a: &Speaker, b: &Speaker) -> bool {
    let same = |x: Option<&str>, y: Option<&str>| match (x, y) {
        (Some(x), Some(y)) if x.is_ascii() && y.is_ascii() => x.eq_ignore_ascii_case(y),
        (Some(x), Some(y)) => x
            .chars()
            .flat_map(char::to_lowercase)
            .eq(y.chars().flat_map(char::to_lowercase)),
        (None, None) => true,
        _ => false,
    };
    same(a.name.as_deref(), b.name.as_deref())
        && same(a.role.as_deref(), b.role.as_deref())
        && vox_pop_number(a) == vox_pop_number(b)
}

impl SpeakerTable {
    /// The id of a speaker; a second line naming the same person fills in
    /// what the first left out.
    pub fn intern(&mut self, mut speaker: Speaker) -> SpeakerId {
        if speaker.role.is_some() && speaker.role_source.is_none() {
            speaker.role_source = Some(crate::model::RoleSource::Log);
        }
        if let Some((_, id)) = self.recent.iter().find(|(asked, _)| *asked == speaker) {
            return *id;
        }
        let id = self.intern_new(speaker.clone());
        if self.recent.len() == RECENT {
            self.recent.remove(0);
        }
        self.recent.push((speaker, id));
        id
    }

    fn intern_new(&mut self, speaker: Speaker) -> SpeakerId {
        let hash = identity(&speaker);
        let known = self
            .ids
            .get(&hash)
            .copied()
            .filter(|id| same_person(&self.list[id.index()], &speaker))
            // Two people whose hashes collide: found the long way.
            .or_else(|| {
                self.ids.contains_key(&hash).then(|| {
                    self.list
                        .iter()
                        .position(|known| same_person(known, &speaker))
                        .map(|i| SpeakerId(i as u32))
                })?
            });
        if let Some(id) = known {
            let known = &mut self.list[id.index()];
            if known.language.is_none() {
                known.language = speaker.language;
            }
            known.detail = merged_detail(known.detail.take(), speaker.detail);
            return id;
        }
        let id = SpeakerId(self.list.len() as u32);
        self.list.push(speaker);
        self.ids.entry(hash).or_insert(id);
        id
    }

    pub fn list(&self) -> &[Speaker] {
        &self.list
    }

    /// Fills in who a speaker is and the language they speak, from a line
    /// after the one that named them.
    pub fn add_details(&mut self, id: SpeakerId, detail: Option<&str>, language: &str) {
        self.recent.clear();
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
        self.recent.clear();
        let Some(speaker) = self.list.get_mut(id.index()) else {
            return;
        };
        let old = identity(speaker);
        speaker.role = Some(role.to_owned());
        speaker.role_source = Some(crate::model::RoleSource::Log);
        let new = identity(speaker);
        if self.ids.get(&old) == Some(&id) {
            self.ids.remove(&old);
        }
        self.ids.entry(new).or_insert(id);
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
