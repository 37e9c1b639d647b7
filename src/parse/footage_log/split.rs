//! Reading a large log on two threads.
//!
//! The file is split at a `TIMECODE Question:` line near its middle whose
//! question gets text. That question resets everything the fold carries from
//! line to line except who answered last (a placeholder until the halves are
//! joined) and the last start time (checked at the join), so the result is the
//! same as reading the log in one go; the tests below hold it to that.
//!
//! The second thread also turns its drafts into segments. They are numbered
//! from 0, with lines from 1 and its own speaker ids, and renumbered at the
//! join: nothing has to count the first half's lines beforehand.

use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

use super::Fold;
use crate::model::{Buffer, Diagnostic, Segment, SpeakerId, Timecode, Transcript};
use crate::parse::line::{Label, parse_line};
use crate::parse::sanitize::sanitize;
use crate::parse::source::{lines, lines_from};

/// Logs from this size on are read on two threads when they can be split.
pub(super) const PARALLEL_FROM_BYTES: usize = 4 * 1024 * 1024;
/// How far past the middle to look for a line to split at.
const SPLIT_SEARCH_LINES: usize = 20_000;

/// Where the second half starts: the byte offset of a line start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Split {
    offset: usize,
}

/// The first `TIMECODE Question:` line at or after byte `from` whose question
/// gets text: on the same line, or on the next non-blank line when that is
/// not a label or timecode of its own.
pub(super) fn find_split(buffer: &str, from: usize, fps: u32) -> Option<Split> {
    let start = memchr::memchr(b'\n', buffer.as_bytes().get(from..)?)? + from + 1;
    let mut waiting: Option<Split> = None;
    for line in lines_from(buffer, start, 1).take(SPLIT_SEARCH_LINES) {
        let (clean, _) = sanitize(line.text);
        let parsed = parse_line(&clean, fps);
        if let Some(split) = waiting {
            if parsed.is_blank() {
                continue;
            }
            if !parsed.has_marker() {
                return Some(split);
            }
            waiting = None;
        }
        if parsed.time.is_some() && parsed.label == Some(Label::Question) {
            let split = Split {
                offset: line.offset,
            };
            if !parsed.text.is_empty() {
                return Some(split);
            }
            waiting = Some(split);
        }
    }
    None
}

pub(super) fn parse_in_two(
    buffer: &Arc<Buffer>,
    source: &str,
    fps: u32,
    diagnostics: Vec<Diagnostic>,
    progress: Option<&AtomicUsize>,
    split: Split,
) -> Transcript {
    let text = buffer.as_str();
    let first_part = text.get(..split.offset).unwrap_or_default();
    std::thread::scope(|scope| {
        let later = scope.spawn(|| {
            let mut fold = Fold::new(buffer, fps, Vec::new());
            fold.in_header = false;
            fold.last_answer_speaker = Some(SpeakerId::CARRIED);
            fold.read(lines_from(text, split.offset, 1), text.len(), progress);
            fold.make_segments();
            fold
        });
        let mut fold = Fold::new(buffer, fps, diagnostics.clone());
        fold.read(lines(first_part), split.offset, progress);
        // What the split line does to an open quote or a waiting label.
        fold.close_open_quote();
        fold.flush_pending_without_text();
        fold.make_segments();
        if let Ok(second) = later.join() {
            fold.absorb(second);
            fold.finish(source)
        } else {
            // Only if the other thread failed: read the whole log here.
            let mut fold = Fold::new(buffer, fps, diagnostics);
            fold.read(lines(text), text.len(), None);
            fold.finish(source)
        }
    })
}

/// The segments of the second half, with what it takes to renumber them
/// into the first half's ids.
pub(super) struct Continuation {
    pub(super) segments: Vec<Segment>,
    /// The first half's id for each of the second half's speakers.
    speakers: Vec<SpeakerId>,
    /// Who answered last in the first half, for answers that carry it on.
    carried: Option<SpeakerId>,
    line_offset: usize,
}

impl Continuation {
    fn speaker(&self, id: Option<SpeakerId>) -> Option<SpeakerId> {
        match id {
            Some(SpeakerId::CARRIED) => self.carried,
            Some(id) => self.speakers.get(id.index()).copied(),
            None => None,
        }
    }

    /// Where the second half's first timed segment starts.
    fn first_start(&self) -> Option<Timecode> {
        self.segments.iter().find_map(|segment| segment.start)
    }

    /// Renumbers the segments as if the first half had read them, and adds
    /// them to its `segments`, whose last timed one (`open_end`) may end
    /// where these begin.
    pub(super) fn append_to(mut self, segments: &mut Vec<Segment>, open_end: Option<usize>) {
        if let (Some(next), Some(open)) = (self.first_start(), open_end)
            && let Some(segment) = segments.get_mut(open)
            && segment.start.is_some_and(|start| next > start)
        {
            segment.end = Some(next);
        }
        let first_id = segments.len();
        let mut later = std::mem::take(&mut self.segments);
        for segment in &mut later {
            segment.id += first_id;
            segment.speaker = self.speaker(segment.speaker);
            segment.question = segment.question.map(|q| q + first_id);
            segment.line += self.line_offset;
        }
        segments.append(&mut later);
    }
}

impl Fold<'_> {
    /// Joins the fold of the second half of the file onto this one.
    fn absorb(&mut self, mut later: Fold) {
        let line_offset = self.last_line;
        let first_id = self.segments.len();
        let continuation = Continuation {
            speakers: later.speakers.drain(..).map(|s| self.intern(s)).collect(),
            carried: self.last_answer_speaker,
            line_offset,
            segments: std::mem::take(&mut later.segments),
        };
        if let Some(last) = self.last_start
            && let Some(first) = continuation.segments.iter().find(|s| s.start.is_some())
            && let Some(start) = first.start.filter(|start| *start < last)
        {
            self.warn(
                first.line + line_offset,
                1,
                format!("timecode {start} goes back before {last}"),
            );
        }
        self.open_question = later.open_question.map(|q| q + first_id);
        self.diagnostics
            .extend(later.diagnostics.into_iter().map(|mut diagnostic| {
                diagnostic.line += line_offset;
                diagnostic
            }));
        self.unparsed
            .extend(later.unparsed.into_iter().map(|mut unparsed| {
                unparsed.line += line_offset;
                unparsed
            }));
        self.last_answer_speaker = continuation
            .speaker(later.last_answer_speaker)
            .or(continuation.carried);
        self.last_start = later.last_start.or(self.last_start);
        self.last_line = later.last_line + line_offset;
        // What the second half left waiting at the end of the file.
        self.pending = later.pending.map(|mut pending| {
            pending.line += line_offset;
            pending
        });
        self.open_quote = later
            .open_quote
            .map(|(line, column)| (line + line_offset, column));
        self.continuation = Some(continuation);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::footage_log::Fold;
    use proptest::prelude::*;
    use std::sync::atomic::Ordering;

    fn sequential(text: &str) -> Transcript {
        let buffer = Buffer::new(text.to_owned());
        let mut fold = Fold::new(&buffer, 25, Vec::new());
        fold.read(lines(text), text.len(), None);
        fold.finish("t")
    }

    fn in_two(text: &str, split: Split) -> Transcript {
        let buffer = Buffer::new(text.to_owned());
        parse_in_two(&buffer, "t", 25, Vec::new(), None, split)
    }

    #[test]
    fn a_generated_log_reads_the_same_in_two_halves() {
        let log = crate::generate::footage_log(501);
        let split = find_split(&log, log.len() / 2, 25).expect("a question line after the middle");
        assert!(split.offset > log.len() / 2);
        assert_eq!(in_two(&log, split), sequential(&log));
    }

    #[test]
    fn progress_adds_up_to_the_whole_file() {
        let log = crate::generate::footage_log(20_000);
        let progress = AtomicUsize::new(0);
        let split = find_split(&log, log.len() / 2, 25).expect("a split");
        let buffer = Buffer::new(log.clone());
        parse_in_two(&buffer, "t", 25, Vec::new(), Some(&progress), split);
        assert_eq!(progress.load(Ordering::Relaxed), log.len());
    }

    #[test]
    fn what_carries_across_the_split_is_joined_up() {
        let log = "00:10 (Ana, Guide)\n“Open quote\n\n00:20 Question:\n“Why?”\nAnswer: Because.\n00:05 “Back in time”\n";
        let split = find_split(log, 0, 25).expect("the question line");
        assert!(log[split.offset..].starts_with("00:20 Question:"));
        let no_text =
            "00:01 Question:\n“a?”\n00:10 Question:\n00:11 (A, B)\n“b”\n00:20 Question: c?\n";
        assert_eq!(
            find_split(no_text, 0, 25).map(|s| &no_text[s.offset..]),
            Some("00:20 Question: c?\n"),
            "a question with no text is no place to split"
        );
        let joined = in_two(log, split);
        assert_eq!(joined, sequential(log));
        assert_eq!(
            joined.segments[2].speaker, joined.segments[0].speaker,
            "Ana answers after the split"
        );
    }

    fn piece() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            Just("09:55 Question:"),
            Just("10:01 (Ahmed, Citizen)"),
            Just("(No name given, Citizen)"),
            Just("“An open quote"),
            Just("closing words.”"),
            Just("“Is it a question?”"),
            Just("“An answer.”"),
            Just("Answer: yes"),
            Just("Question: why"),
            Just("SOUNDBITE (Arabic, Woman) Huda, Nurse"),
            Just("01:05 – 01:31"),
            Just("00:30 “Timed words”"),
            Just("1. Wide of street"),
            Just("Vox Pop 2:"),
            Just("Title line"),
            Just(""),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn any_split_at_a_question_line_gives_the_same_transcript(pieces in proptest::collection::vec(piece(), 1..60)) {
            let log = pieces.join("\n");
            let mut from = 0;
            while let Some(split) = find_split(&log, from, 25) {
                prop_assert_eq!(in_two(&log, split), sequential(&log));
                from = split.offset;
            }
        }
    }
}
