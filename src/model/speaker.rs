//! Who speaks: a name and a role, either of which a log may leave out.

use serde::Serialize;

/// Index of a speaker in [`crate::model::Transcript::speakers`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct SpeakerId(pub u32);

impl SpeakerId {
    pub const fn index(self) -> usize {
        self.0 as usize
    }
}

/// Where a speaker's role came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RoleSource {
    /// The log says it.
    Log,
    /// soundbite worked it out: the speaker who asks most of the questions.
    Inferred,
}

/// The role given to the person asking the questions.
pub const INTERVIEWER_ROLE: &str = "Interviewer";

/// One person (or one anonymous role) in the interview.
///
/// A speaker is identified by its (name, role) pair; `language` and `detail`
/// (gender, age, "Vox Pop 2"…) are kept from the first line that named it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Speaker {
    pub name: Option<String>,
    pub role: Option<String>,
    pub language: Option<String>,
    pub detail: Option<String>,
    /// Where `role` came from; `None` when there is no role.
    pub role_source: Option<RoleSource>,
}

impl Speaker {
    pub fn interviewer() -> Self {
        Speaker {
            role: Some(INTERVIEWER_ROLE.to_owned()),
            role_source: Some(RoleSource::Log),
            ..Speaker::default()
        }
    }

    pub fn is_interviewer(&self) -> bool {
        self.name.is_none()
            && self
                .role
                .as_deref()
                .is_some_and(|role| role.eq_ignore_ascii_case(INTERVIEWER_ROLE))
    }

    /// `Name · Role`, with `—` standing for what the log left out.
    pub fn label(&self) -> String {
        format!(
            "{} · {}",
            self.name.as_deref().unwrap_or("—"),
            self.role.as_deref().unwrap_or("—")
        )
    }

    /// `Name (Role)`, `Name`, `(Role)` or `—`: the compact form for plain-text listings.
    pub fn short_label(&self) -> String {
        match (&self.name, &self.role) {
            (Some(name), Some(role)) => format!("{name} ({role})"),
            (Some(name), None) => name.clone(),
            (None, Some(role)) => format!("({role})"),
            (None, None) => "—".to_owned(),
        }
    }
}
