//! Reading a large log on two threads.
//!
//! The file is split at a `TIMECODE Question:` line near its middle whose
//! question gets text. That question resets everything the fold carries from
//! line to line except who answered last (a placeholder until the halves are
//! joined) and the last start time (checked at the join), so the result is the
//! same as reading the log in one go; the tests below hold it to that. Each
//! half is a [`Part`], numbered from its own start and renumbered at the join.

use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

use super::Fold;
use super::collect::Collect;
use super::part::Part;
use crate::model::{Buffer, Diagnostic};
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
    pub(super) offset: usize,
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

/// Reads the log on two threads, the second from `split` on, and joins the halves.
pub(super) fn parse_in_two<C: Collect + Send>(
    buffer: &Arc<Buffer>,
    fps: u32,
    diagnostics: Vec<Diagnostic>,
    progress: Option<&AtomicUsize>,
    split: Split,
) -> Part<C> {
    let text = buffer.as_str();
    let first_half = text.get(..split.offset).unwrap_or_default();
    std::thread::scope(|scope| {
        let later = crate::parallel::spawn_elsewhere(scope, 1, || {
            let mut fold = Fold::later_part(buffer, fps);
            fold.read(lines_from(text, split.offset, 1), text.len(), progress);
            fold.finish_part::<C>()
        });
        let mut fold = Fold::new(buffer, fps, diagnostics.clone());
        fold.read(lines(first_half), split.offset, progress);
        let mut part = fold.finish_part();
        if let Ok(second) = later.join() {
            part.join(second);
            part
        } else {
            // Only if the other thread failed: read the whole log here.
            let mut fold = Fold::new(buffer, fps, diagnostics);
            fold.read(lines(text), text.len(), None);
            fold.finish_part()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Transcript;
    use crate::parse::footage_log::collect::Segments;
    use crate::parse::footage_log::test_logs;
    use proptest::prelude::*;
    use std::sync::atomic::Ordering;

    fn sequential(text: &str) -> Transcript {
        let buffer = Buffer::new(text.to_owned());
        let mut fold = Fold::new(&buffer, 25, Vec::new());
        fold.read(lines(text), text.len(), None);
        fold.finish_part::<Segments>().into_transcript("t")
    }

    fn in_two(text: &str, split: Split) -> Transcript {
        let buffer = Buffer::new(text.to_owned());
        parse_in_two::<Segments>(&buffer, 25, Vec::new(), None, split).into_transcript("t")
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
        parse_in_two::<Segments>(&buffer, 25, Vec::new(), Some(&progress), split);
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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn any_split_at_a_question_line_gives_the_same_transcript(log in test_logs::log(60)) {
            let mut from = 0;
            while let Some(split) = find_split(&log, from, 25) {
                prop_assert_eq!(in_two(&log, split), sequential(&log));
                from = split.offset;
            }
        }

        #[test]
        fn parts_cut_at_every_split_line_join_into_the_same_transcript(log in test_logs::log(60)) {
            let buffer = Buffer::new(log.clone());
            let mut cuts = vec![0];
            while let Some(split) = find_split(&log, *cuts.last().unwrap_or(&0), 25) {
                cuts.push(split.offset);
            }
            cuts.push(log.len());
            let mut joined: Option<Part<Segments>> = None;
            for (i, range) in cuts.windows(2).enumerate() {
                let mut fold = if i == 0 {
                    Fold::new(&buffer, 25, Vec::new())
                } else {
                    Fold::later_part(&buffer, 25)
                };
                fold.read(lines_from(&log[..range[1]], range[0], 1), range[1], None);
                let part = fold.finish_part();
                Part::add_to(&mut joined, part);
            }
            let joined = joined.map(|part| part.into_transcript("t"));
            prop_assert_eq!(joined, Some(sequential(&log)));
        }
    }
}
