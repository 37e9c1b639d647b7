//! One stretch of speech (or one described shot) in the transcript.

use super::Text;
use serde::Serialize;

use super::{SpeakerId, Timecode};

/// What a segment is.
/// Words separated by spaces and line breaks, counted by comparing bytes so
/// that statistics over a large log stay cheap. Text is sanitized, so every
/// byte up to `b' '` is a space or a line break; other white space (rare in
/// logs) does not separate words.
// Bitwise `&` on purpose: with no branches the loop compiles to vector code.
#[allow(clippy::needless_bitwise_bool)]
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let Some(&first) = bytes.first() else {
        return 0;
    };
    // A word starts at each byte over a space that follows one up to a space.
    // Counted in blocks of 255 pairs, whose total fits a `u8`, so that the
    // inner loop compiles to vector instructions.
    let (before, at) = (&bytes[..bytes.len() - 1], &bytes[1..]);
    let mut starts = usize::from(first > b' ');
    for (before, at) in before.chunks(255).zip(at.chunks(255)) {
        let block = before.iter().zip(at).fold(0u8, |total, (&b, &a)| {
            total.wrapping_add(u8::from((b <= b' ') & (a > b' ')))
        });
        starts += usize::from(block);
    }
    starts
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentKind {
    Question,
    Answer,
    /// A shot description in a shotlist: pictures, not speech, so no speaker.
    Shot,
}

impl SegmentKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            SegmentKind::Question => "question",
            SegmentKind::Answer => "answer",
            SegmentKind::Shot => "shot",
        }
    }
}

/// A question, an answer or a shot, with its time if the log gives one.
///
/// `text` shares the loaded file's buffer where it could be taken as it was
/// written, so a large log is held in memory once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Position in [`crate::model::Transcript::segments`].
    pub id: usize,
    pub kind: SegmentKind,
    pub speaker: Option<SpeakerId>,
    pub start: Option<Timecode>,
    pub end: Option<Timecode>,
    /// The timecode (or duration) exactly as the log wrote it.
    pub timecode: Option<Text>,
    pub text: Text,
    /// For an answer: the id of the question it answers.
    pub question: Option<usize>,
    /// 1-based line where the segment begins in the source.
    pub line: usize,
}

impl Segment {
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

#[cfg(test)]
mod tests {
    use super::count_words;

    #[test]
    fn counts_words_between_ascii_white_space() {
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words("   "), 0);
        assert_eq!(count_words("one"), 1);
        assert_eq!(count_words("  two  words\n"), 2);
        assert_eq!(count_words("It’s been five days."), 4);
    }
}
