//! One stretch of speech (or one described shot) in the transcript.

use super::Text;
use serde::Serialize;

use super::{SpeakerId, Timecode};

/// What a segment is.
/// Words separated by spaces and line breaks, counted by comparing bytes so
/// that statistics over a large log stay cheap. Text is sanitized, so every
/// byte up to `b' '` is a space or a line break; other white space (rare in
/// logs) does not separate words.
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let Some(&first) = bytes.first() else {
        return 0;
    };
    // A word starts at each byte over a space that follows one up to a space.
    let (before, at) = (&bytes[..bytes.len() - 1], &bytes[1..]);
    let mut starts = usize::from(first > b' ');
    // One-byte counters, LANES pairs at a time, emptied before they overflow:
    // the loop compiles to vector instructions.
    let mut lanes = [0u8; LANES];
    let mut rounds = 0;
    let mut before_blocks = before.chunks_exact(LANES);
    let mut at_blocks = at.chunks_exact(LANES);
    for (before, at) in before_blocks.by_ref().zip(at_blocks.by_ref()) {
        count_starts(&mut lanes, before, at);
        rounds += 1;
        if rounds == u8::MAX {
            starts += lanes.iter().map(|&lane| usize::from(lane)).sum::<usize>();
            lanes = [0; LANES];
            rounds = 0;
        }
    }
    // The last few pairs, padded with spaces, which start no word.
    let (before, at) = (before_blocks.remainder(), at_blocks.remainder());
    let mut padded = ([b' '; LANES], [b' '; LANES]);
    padded.0[..before.len()].copy_from_slice(before);
    padded.1[..at.len()].copy_from_slice(at);
    count_starts(&mut lanes, &padded.0, &padded.1);
    starts + lanes.iter().map(|&lane| usize::from(lane)).sum::<usize>()
}

/// How many pairs of bytes [`count_words`] compares at once: one vector.
const LANES: usize = 16;

/// Adds to each lane whether a word starts at that byte of `at`, after the
/// byte at the same place in `before`.
// Bitwise `&` on purpose: with no branches the loop compiles to vector code.
#[allow(clippy::needless_bitwise_bool)]
#[inline]
fn count_starts(lanes: &mut [u8; LANES], before: &[u8], at: &[u8]) {
    for ((lane, &b), &a) in lanes.iter_mut().zip(before).zip(at) {
        *lane = lane.wrapping_add(u8::from((b <= b' ') & (a > b' ')));
    }
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
