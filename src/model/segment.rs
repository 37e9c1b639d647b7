//! One stretch of speech (or one described shot) in the transcript.

use super::Text;
use serde::Serialize;

use super::{SpeakerId, Timecode, count_words};

/// What a segment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentKind {
    Question,
    Answer,
    /// A shot description in a shotlist: pictures, not speech, so no speaker.
    Shot,
    /// A chapter of an index (an oral history's): a title and a synopsis for
    /// the stretch of the interview until the next chapter.
    Chapter,
}

impl SegmentKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            SegmentKind::Question => "question",
            SegmentKind::Answer => "answer",
            SegmentKind::Shot => "shot",
            SegmentKind::Chapter => "chapter",
        }
    }
}

/// A question, an answer or a shot, with its time if the log gives one.
///
/// `text` shares the loaded file's buffer where it could be taken as it was
/// written, so a large log is held in memory once.
///
/// A reader builds segments with [`Segment::new`] and sets what the log gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Position in [`crate::model::Transcript::segments`].
    pub id: usize,
    pub kind: SegmentKind,
    pub speaker: Option<SpeakerId>,
    pub start: Option<Timecode>,
    pub end: Option<Timecode>,
    /// Whether `end` is a guess from the words spoken, not from the log.
    pub end_estimated: bool,
    /// The timecode (or duration) exactly as the log wrote it.
    pub timecode: Option<Text>,
    pub text: Text,
    /// For an answer: the id of the question it answers.
    pub question: Option<usize>,
    /// 1-based line where the segment begins in the source.
    pub line: usize,
    /// The language of these words, where the log gives it with the speaker.
    pub language: Option<String>,
}

impl Segment {
    /// A segment of `kind` with `text`, starting at `line`, and nothing else known yet.
    pub fn new(id: usize, kind: SegmentKind, text: Text, line: usize) -> Self {
        Segment {
            id,
            kind,
            speaker: None,
            start: None,
            end: None,
            end_estimated: false,
            timecode: None,
            text,
            question: None,
            line,
            language: None,
        }
    }

    /// Length in milliseconds of a timed segment, zero for an untimed one.
    pub fn duration_ms(&self) -> u64 {
        match (self.start, self.end) {
            (Some(start), Some(end)) => end.since(start),
            _ => 0,
        }
    }

    pub fn word_count(&self) -> usize {
        count_words(&self.text)
    }
}
