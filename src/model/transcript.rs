//! The whole parsed log: metadata, speakers, segments and what went wrong.

use super::{Diagnostics, Metadata, Segment, Severity, Speaker, SpeakerId, Unparsed};

/// A parsed log. Every line of the input is in `segments`, `metadata` or `unparsed`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transcript {
    /// The name of the reader that read it (`soundbite formats` lists them).
    pub format: &'static str,
    /// Where the log came from, as the user named it (a path, `-` or the sample's name).
    pub source: String,
    pub metadata: Option<Metadata>,
    pub speakers: Vec<Speaker>,
    pub segments: Vec<Segment>,
    pub diagnostics: Diagnostics,
    pub unparsed: Vec<Unparsed>,
}

impl Transcript {
    pub fn speaker(&self, id: SpeakerId) -> Option<&Speaker> {
        self.speakers.get(id.index())
    }

    pub fn speaker_of(&self, segment: &Segment) -> Option<&Speaker> {
        segment.speaker.and_then(|id| self.speaker(id))
    }

    pub fn title(&self) -> Option<&str> {
        self.metadata.as_ref().and_then(|m| m.title.as_deref())
    }

    /// How many problems of a severity the log has, listed or not.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.count(severity)
    }

    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }
}
