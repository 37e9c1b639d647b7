//! The second layer of the parser: folding [`Line`]s into a [`Transcript`].
//!
//! The rules about continuations and pairing live here:
//! - a speaker, `Question:` or `Answer:` line may stand alone; its text comes
//!   on the next non-blank line;
//! - a timecode with text and no speaker continues the previous speaker, or
//!   answers for the last person who answered when the previous segment was a
//!   question; if it ends with `?` after an answer, it is the interviewer's;
//! - an unlabelled passage ending with `?` after an answer is a question; after
//!   a question, an unlabelled passage is an answer; otherwise it continues
//!   the current segment as a new paragraph;
//! - a quote left open ends at the next timecode or label line, with a warning;
//! - an answer answers the last question since the last shot.
//!
//! A log may be folded in parts (`part.rs`): as two halves on two threads
//! (`split.rs`), or a block at a time for figures alone (`stream.rs`). What a
//! part's drafts become is up to a [`Collect`]or (`collect.rs`): segments
//! for a transcript, or only the counts `soundbite stats` shows.

use std::borrow::Cow;
use std::hash::BuildHasher;

use foldhash::fast::FixedState;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

mod collect;
mod line_text;
mod part;
mod speakers;
mod split;
mod stream;
#[cfg(test)]
mod test_logs;

use collect::{Collect, Segments};
use line_text::{LineContext, Piece};
use part::Part;
use speakers::SpeakerTable;
use split::{PARALLEL_FROM_BYTES, find_split, parse_in_two};
pub(crate) use stream::figures_of_file;

use super::header::{self, HeaderLine};
use super::line::{Label, LabelMemo, Line, parse_line_with, split_end_mark};
use super::quote::{Unquoted, starts_with_opener, unquote};
use super::sanitize::{next_unclean, sanitize};
use super::source::{SourceLine, lines};
use super::speaker::{OwnedLabel, SpeakerLabel};
use super::timecode::{TimeMark, looks_like_timecode};
use crate::model::{
    Buffer, Diagnostic, Segment, SegmentKind, Speaker, SpeakerId, Timecode, Transcript, Unparsed,
    count_words,
};

/// Words per minute used to guess how long the last timed segment lasts.
const WORDS_PER_MINUTE: u64 = 150;

/// Who a header line says will speak the text that follows it.
#[derive(Debug, Clone, Copy)]
enum Who {
    Question,
    Answer,
    /// A named speaker, and whether it is the interviewer.
    Speaker(SpeakerId, bool),
    /// A timecode with no label: decided by the text and what came before.
    Continue,
    Shot,
}

/// What a label was read as, kept for the next line that says the same.
#[derive(Debug, Clone)]
struct KnownLabel {
    id: SpeakerId,
    interviewer: bool,
    duration: Option<(u64, String)>,
}

/// A label or timecode waiting for its text.
struct Pending {
    who: Who,
    start: Option<Timecode>,
    end: Option<Timecode>,
    duration_ms: Option<u64>,
    timecode: Option<Piece>,
    line: usize,
    /// The line that opened it, kept in case no text ever follows.
    raw: Piece,
}

/// A segment while the fold may still add to it. Kept within 128 bytes,
/// which a push copies in a few vector moves rather than a call to `memcpy`,
/// and no smaller than a [`Segment`], so that segments reuse its memory.
struct Draft {
    kind: SegmentKind,
    speaker: Option<SpeakerId>,
    start: Option<Timecode>,
    /// Its own end, or its start plus its duration; the next start is settled later.
    end: Option<Timecode>,
    timecode: Option<Piece>,
    text: Piece,
    /// How many words `text` has, when the fold counts them as it goes.
    words: Option<u32>,
    /// The question it answers, by its index among the drafts.
    question: Option<u32>,
    line: u32,
}

/// Few segments take fewer bytes than this: room for the drafts of this many
/// bytes is reserved up front, so the list is not copied as it grows.
const FEWEST_BYTES_PER_SEGMENT: usize = 64;

/// How many lines pass between two progress reports.
const PROGRESS_EVERY: usize = 4096;
/// Reads a decoded footage log, adding to `progress` the bytes done. Large
/// logs are read on two threads when they can be split (see `split.rs`).
pub fn parse(
    buffer: &Arc<Buffer>,
    source: &str,
    fps: u32,
    diagnostics: Vec<Diagnostic>,
    progress: Option<&AtomicUsize>,
) -> Transcript {
    let text = buffer.as_str();
    let split = if text.len() >= PARALLEL_FROM_BYTES {
        find_split(text, text.len() / 2, fps)
    } else {
        None
    };
    let part: Part<Segments> = if let Some(split) = split {
        parse_in_two(buffer, fps, diagnostics, progress, split)
    } else {
        let mut fold = Fold::new(buffer, fps, diagnostics);
        fold.read(lines(text), text.len(), progress);
        fold.finish_part()
    };
    part.into_transcript(source)
}

struct Fold<'b> {
    /// This fold's own handle on the log, shared with the segments made from it.
    buffer: Arc<Buffer>,
    /// The log's text.
    text: &'b str,
    fps: u32,
    in_header: bool,
    header: Vec<HeaderLine>,
    speakers: SpeakerTable,
    /// Labels already taken apart, by the text they were read from.
    label_memo: LabelMemo,
    /// Labels already read, by a hash of their text.
    labels: foldhash::HashMap<u64, Vec<(OwnedLabel, KnownLabel)>>,
    /// The same, by their number in `label_memo`: most label lines are
    /// found there, and then need no second hash.
    labels_by_slot: Vec<Option<KnownLabel>>,
    interviewer: Option<SpeakerId>,
    drafts: Vec<Draft>,
    diagnostics: Vec<Diagnostic>,
    unparsed: Vec<Unparsed>,
    pending: Option<Pending>,
    /// Line and column of the quote the last segment left open.
    open_quote: Option<(usize, usize)>,
    blank_since_text: bool,
    last_answer_speaker: Option<SpeakerId>,
    open_question: Option<usize>,
    last_start: Option<Timecode>,
    /// The number of the last line read.
    last_line: usize,
    /// Whether to count each draft's words as its lines are read, while they
    /// are in the cache: for figures, which keep no text.
    count_words: bool,
}

impl<'b> Fold<'b> {
    fn new(buffer: &'b Arc<Buffer>, fps: u32, diagnostics: Vec<Diagnostic>) -> Self {
        Fold {
            buffer: Buffer::handle(buffer),
            text: buffer.as_str(),
            fps,
            in_header: true,
            header: Vec::new(),
            speakers: SpeakerTable::default(),
            label_memo: LabelMemo::default(),
            labels: foldhash::HashMap::default(),
            labels_by_slot: Vec::new(),
            interviewer: None,
            drafts: Vec::new(),
            diagnostics,
            unparsed: Vec::new(),
            pending: None,
            open_quote: None,
            blank_since_text: false,
            last_answer_speaker: None,
            open_question: None,
            last_start: None,
            last_line: 0,
            count_words: false,
        }
    }

    /// A fold for lines that follow other lines of the same log, starting at
    /// a split line (see `split.rs`): past the header, and with whoever
    /// answered before it a placeholder until the parts are joined.
    fn later_part(buffer: &'b Arc<Buffer>, fps: u32) -> Self {
        let mut fold = Fold::new(buffer, fps, Vec::new());
        fold.in_header = false;
        fold.last_answer_speaker = Some(SpeakerId::CARRIED);
        fold
    }

    /// Folds lines up to byte `end`, adding the bytes done to `progress` now and then.
    fn read<'t>(
        &mut self,
        lines: impl Iterator<Item = SourceLine<'t>>,
        end: usize,
        progress: Option<&AtomicUsize>,
    ) {
        let mut reported: Option<usize> = None;
        // Where the next line that needs sanitizing starts, found for many
        // lines at once, and not past this fold's lines.
        let scanned = self.text.as_bytes();
        let scanned = scanned.get(..end).unwrap_or(scanned);
        let mut unclean_at = 0;
        for line in lines {
            let from = *reported.get_or_insert_with(|| {
                let bytes = end.saturating_sub(line.offset);
                self.drafts.reserve(bytes / FEWEST_BYTES_PER_SEGMENT);
                unclean_at = next_unclean(scanned, line.offset);
                line.offset
            });
            if let Some(progress) = progress
                && line.number % PROGRESS_EVERY == 0
            {
                progress.fetch_add(line.offset - from, Ordering::Relaxed);
                reported = Some(line.offset);
            }
            self.last_line = line.number;
            // A third of most logs, and never anything to clean.
            if line.text.is_empty() {
                self.blank_line();
                continue;
            }
            let line_end = line.offset + line.text.len();
            let unclean = line_end > unclean_at;
            if unclean {
                unclean_at = next_unclean(scanned, line_end);
            }
            self.line(line, unclean);
        }
        if let (Some(progress), Some(from)) = (progress, reported) {
            progress.fetch_add(end.saturating_sub(from), Ordering::Relaxed);
        }
    }

    fn warn(&mut self, line: usize, column: usize, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::warning(line, column, message));
    }

    /// Folds one line; `unclean` says whether it holds anything to sanitize.
    fn line(&mut self, source: SourceLine<'_>, unclean: bool) {
        // A plain `&str` for the usual clean line: a `Cow` would be matched
        // again at every use.
        let sanitized;
        let (clean, borrowed) = if unclean {
            sanitized = self.sanitized(source);
            (&*sanitized, matches!(sanitized, Cow::Borrowed(_)))
        } else {
            (source.text, true)
        };
        let trimmed = clean.trim_ascii();
        if trimmed.is_empty() {
            self.blank_line();
            return;
        }
        let context = LineContext {
            number: source.number,
            offset: source.offset,
            clean,
            borrowed,
        };
        // Quoted speech after a label waiting for it, most other lines of a
        // log, is that label's text: no rule of the line grammar or of
        // `body_line` before this one applies to a line that opens a quote.
        if !self.in_header
            && starts_with_opener(trimmed)
            && let Some(pending) = self.pending.take()
        {
            // Most speech ends with no `(04:33)`: no pair of text and mark is
            // put together for it, which the processor would stall reading back.
            if trimmed.ends_with(')') {
                let (text, end_mark) = split_end_mark(trimmed, self.fps);
                self.start_segment(pending, &context, text, end_mark.as_ref());
            } else {
                self.start_segment(pending, &context, trimmed, None);
            }
            self.blank_since_text = false;
            return;
        }
        let parsed = parse_line_with(clean, self.fps, Some(&mut self.label_memo));
        if self.in_header {
            let trimmed = clean.trim();
            let starts_body = parsed.has_marker() && header::field(trimmed).is_none()
                || starts_with_opener(trimmed);
            if !starts_body {
                self.header.push(HeaderLine {
                    text: (!trimmed.is_empty()).then(|| trimmed.to_owned()),
                });
                return;
            }
            self.in_header = false;
        }
        self.body_line(&context, &parsed);
    }

    /// A line with nothing to take apart: a gap in the header, or a break
    /// between paragraphs.
    fn blank_line(&mut self) {
        if self.in_header {
            self.header.push(HeaderLine { text: None });
        } else {
            self.blank_since_text = true;
        }
    }

    /// The line with what must not reach a terminal taken out, and a warning saying what.
    #[cold]
    fn sanitized<'t>(&mut self, source: SourceLine<'t>) -> Cow<'t, str> {
        let (clean, removed) = sanitize(source.text);
        if removed.any() {
            let column = source
                .text
                .get(..removed.first_at.unwrap_or(0))
                .map_or(1, |s| s.chars().count() + 1);
            self.warn(source.number, column, removed.describe());
        }
        clean
    }

    /// Checks a time mark, warning about a start or end out of range. The
    /// usual mark, a valid start and no end, is read inline.
    #[inline]
    fn checked_time(
        &mut self,
        context: &LineContext,
        mark: &TimeMark,
    ) -> (Option<Timecode>, Option<Timecode>) {
        match mark {
            TimeMark {
                start: Ok(start),
                end: None,
                ..
            } => (Some(*start), None),
            _ => self.checked_range(context, mark),
        }
    }

    /// [`Fold::checked_time`] for a range or a mark out of range.
    #[inline(never)]
    fn checked_range(
        &mut self,
        context: &LineContext,
        mark: &TimeMark,
    ) -> (Option<Timecode>, Option<Timecode>) {
        // Counted only for a warning: most timecodes are fine.
        let column = || context.column(mark.written);
        let start = match &mark.start {
            Ok(tc) => Some(*tc),
            Err(err) => {
                self.warn(
                    context.number,
                    column(),
                    format!("timecode `{}` is not valid: {err}", mark.written),
                );
                None
            }
        };
        let end = match &mark.end {
            Some(Ok(end)) if start.is_some_and(|s| *end < s) => {
                self.warn(
                    context.number,
                    column(),
                    format!(
                        "range `{}` ends before it starts; end ignored",
                        mark.written
                    ),
                );
                None
            }
            Some(Ok(end)) => Some(*end),
            Some(Err(err)) => {
                self.warn(
                    context.number,
                    column(),
                    format!("end of `{}` is not valid: {err}", mark.written),
                );
                None
            }
            None => None,
        };
        (start, end)
    }

    fn body_line(&mut self, context: &LineContext, line: &Line) {
        if line.is_blank() {
            self.blank_since_text = true;
            return;
        }
        if line.time.is_none() && looks_like_timecode(line.text) {
            let word = line.text.split_whitespace().next().unwrap_or_default();
            self.warn(
                context.number,
                context.column(line.text),
                format!("`{word}` looks like a timecode but is not one"),
            );
        }
        let (start, end) = match &line.time {
            Some(mark) => self.checked_time(context, mark),
            None => (None, None),
        };
        if line.has_marker() {
            let bare_time = line.label.is_none() && !line.shot && line.text.is_empty();
            if let (true, Some(mark), Some(pending)) =
                (bare_time, &line.time, self.pending.as_mut())
                && pending.timecode.is_none()
            {
                pending.start = start;
                pending.end = end;
                pending.timecode = Some(context.piece(mark.written));
                return;
            }
            self.close_open_quote();
            self.flush_pending_without_text();
            let mut duration_ms = None;
            let mut timecode = line.time.as_ref().map(|m| context.piece(m.written));
            let who = match &line.label {
                Some(Label::Question) => Who::Question,
                Some(Label::Answer) => Who::Answer,
                Some(Label::Speaker(label)) => {
                    let known = self.speaker_for(label, line.memo_slot);
                    if let Some((ms, written)) = known.duration {
                        duration_ms = Some(ms);
                        timecode.get_or_insert(Piece::Owned(written));
                    }
                    Who::Speaker(known.id, known.interviewer)
                }
                None if line.shot => Who::Shot,
                None => Who::Continue,
            };
            let pending = Pending {
                who,
                start,
                end,
                duration_ms,
                timecode,
                line: context.number,
                raw: context.piece(context.clean.trim_ascii()),
            };
            if line.text.is_empty() && line.end_mark.is_none() {
                self.pending = Some(pending);
            } else {
                self.start_segment(pending, context, line.text, line.end_mark.as_ref());
            }
        } else if let Some(pending) = self.pending.take() {
            self.start_segment(pending, context, line.text, line.end_mark.as_ref());
        } else if self.open_quote.is_some() {
            self.continue_quote(context, line);
        } else {
            self.unlabelled(context, line);
        }
        self.blank_since_text = false;
    }

    /// Warns about a quote the last segment never closed, and closes it.
    #[inline]
    fn close_open_quote(&mut self) {
        if let Some((line, column)) = self.open_quote.take() {
            self.warn(
                line,
                column,
                "quote is never closed; it ends at the next timecode or speaker",
            );
        }
    }

    /// A label or timecode that never got any text is kept as unparsed.
    /// Inlined for the usual case, when nothing waits.
    #[inline]
    fn flush_pending_without_text(&mut self) {
        if self.pending.is_some() {
            self.flush_pending();
        }
    }

    /// [`Fold::flush_pending_without_text`] when a label waits.
    #[cold]
    fn flush_pending(&mut self) {
        if let Some(pending) = self.pending.take() {
            let what = match pending.who {
                Who::Question => "question label",
                Who::Answer => "answer label",
                Who::Speaker(..) => "speaker line",
                Who::Continue => "timecode",
                Who::Shot => "shot number",
            };
            self.warn(pending.line, 1, format!("{what} with no text after it"));
            self.unparsed.push(Unparsed {
                line: pending.line,
                text: pending.raw.into_string(self.text),
            });
        }
    }

    /// The speaker a label names, read once per distinct label text;
    /// `slot` is the label's number in the label memo, if it has one.
    fn speaker_for(&mut self, label: &SpeakerLabel, slot: Option<u32>) -> KnownLabel {
        let slot = slot.map(|slot| slot as usize);
        if let Some(Some(known)) = slot.and_then(|slot| self.labels_by_slot.get(slot)) {
            return known.clone();
        }
        let known = self.speaker_by_text(label);
        if let Some(slot) = slot {
            if self.labels_by_slot.len() <= slot {
                self.labels_by_slot.resize(slot + 1, None);
            }
            self.labels_by_slot[slot] = Some(known.clone());
        }
        known
    }

    /// [`Fold::speaker_for`] by the label's text.
    fn speaker_by_text(&mut self, label: &SpeakerLabel) -> KnownLabel {
        let hash = FixedState::default().hash_one(label.key());
        if let Some(known) = self
            .labels
            .get(&hash)
            .and_then(|seen| seen.iter().find(|(seen, _)| seen.is(label)))
        {
            return known.1.clone();
        }
        let read = label.read();
        let known = KnownLabel {
            interviewer: read.speaker.is_interviewer(),
            duration: read.duration.map(|(ms, written)| (ms, written.to_owned())),
            id: self.speakers.intern(read.speaker),
        };
        self.labels
            .entry(hash)
            .or_default()
            .push((label.to_owned_label(), known.clone()));
        known
    }

    fn interviewer(&mut self) -> SpeakerId {
        if let Some(id) = self.interviewer {
            return id;
        }
        let id = self.speakers.intern(Speaker::interviewer());
        self.interviewer = Some(id);
        id
    }

    /// Kind and speaker for a segment about to start.
    fn resolve(&mut self, who: Who, is_question: bool) -> (SegmentKind, Option<SpeakerId>) {
        match who {
            Who::Question => (SegmentKind::Question, Some(self.interviewer())),
            Who::Answer => (SegmentKind::Answer, self.last_answer_speaker),
            Who::Shot => (SegmentKind::Shot, None),
            Who::Speaker(id, interviewer) => {
                let kind = if interviewer {
                    SegmentKind::Question
                } else {
                    SegmentKind::Answer
                };
                (kind, Some(id))
            }
            Who::Continue => {
                let current = self.drafts.last().map(|d| (d.kind, d.speaker));
                match current {
                    Some((kind, _)) if is_question && kind != SegmentKind::Question => {
                        (SegmentKind::Question, Some(self.interviewer()))
                    }
                    None if is_question => (SegmentKind::Question, Some(self.interviewer())),
                    Some((SegmentKind::Question, _)) => {
                        (SegmentKind::Answer, self.last_answer_speaker)
                    }
                    Some((SegmentKind::Answer, speaker)) => (SegmentKind::Answer, speaker),
                    Some((SegmentKind::Shot, _)) | None => (SegmentKind::Answer, None),
                }
            }
        }
    }

    /// The words of a quoted piece, with punctuation from after the quote.
    fn words(context: &LineContext, quoted: &Unquoted) -> Piece {
        let inner = context.piece(quoted.inner);
        let ends_in_punctuation = matches!(
            quoted.inner.as_bytes().last(),
            Some(b'.' | b'?' | b'!' | b',' | b';')
        );
        if quoted.after_close.is_empty() || ends_in_punctuation {
            inner
        } else {
            Piece::Owned(format!("{}{}", quoted.inner, quoted.after_close.trim()))
        }
    }

    /// Starts a segment with the text of a line, `text`, and the end time it
    /// ended with, for the label or timecode that waited for it.
    fn start_segment(
        &mut self,
        pending: Pending,
        context: &LineContext,
        text: &str,
        end_mark: Option<&TimeMark>,
    ) {
        let quoted = unquote(text);
        let (kind, speaker) = self.resolve(pending.who, quoted.is_question());
        let mut end = pending.end;
        if let Some(mark) = end_mark {
            let (mark_start, _) = self.checked_time(context, mark);
            end = end.or(mark_start);
        }
        let start = pending.start;
        // An end after the start wins, else a duration.
        if let Some(start) = start {
            end = end.filter(|end| *end > start).or_else(|| {
                pending
                    .duration_ms
                    .map(|ms| start.saturating_add_millis(ms))
            });
        }
        if let (Some(start), Some(last)) = (start, self.last_start)
            && start < last
        {
            self.warn(
                pending.line,
                1,
                format!("timecode {start} goes back before {last}"),
            );
        }
        if start.is_some() {
            self.last_start = start;
        }
        let id = self.drafts.len();
        let question = match kind {
            SegmentKind::Question => {
                self.open_question = Some(id);
                None
            }
            SegmentKind::Answer => {
                if speaker.is_some() {
                    self.last_answer_speaker = speaker;
                }
                self.open_question
            }
            SegmentKind::Shot => {
                self.open_question = None;
                None
            }
        };
        if quoted.opens && !quoted.closes {
            self.open_quote = Some((context.number, context.column(text)));
        }
        let kept = Self::words(context, &quoted);
        let words = self
            .count_words
            .then(|| count_words(kept.as_str(self.text)) as u32);
        // Filled in place: a draft built first and then pushed is copied
        // with wide loads of its narrow fields, which stalls the processor.
        self.drafts.push(Draft::BLANK);
        if let Some(draft) = self.drafts.last_mut() {
            draft.kind = kind;
            draft.speaker = speaker;
            draft.start = start;
            draft.end = end;
            draft.timecode = pending.timecode;
            draft.text = kept;
            draft.words = words;
            draft.question = question.map(|id| id as u32);
            draft.line = pending.line as u32;
        }
    }

    fn append_to_current(&mut self, context: &LineContext, quoted: &Unquoted) {
        let separator = if self.blank_since_text { "\n" } else { " " };
        let words = Self::words(context, quoted);
        let more = words.as_str(self.text);
        if let Some(current) = self.drafts.last_mut() {
            current.text.append(self.text, separator, more);
            // Joined with white space, the words of both add up.
            if let Some(count) = &mut current.words {
                *count += count_words(more) as u32;
            }
        }
    }

    fn continue_quote(&mut self, context: &LineContext, line: &Line) {
        let quoted = unquote(line.text);
        self.append_to_current(context, &quoted);
        if quoted.closes {
            self.open_quote = None;
        }
    }

    fn unlabelled(&mut self, context: &LineContext, line: &Line) {
        let quoted = unquote(line.text);
        let current = self.drafts.last().map(|d| {
            (
                d.kind,
                d.text.as_str(self.text).trim_ascii_end().ends_with('?'),
            )
        });
        let who = match current {
            Some((kind, _)) if quoted.is_question() && kind != SegmentKind::Question => {
                Some(Who::Question)
            }
            None if quoted.is_question() => Some(Who::Question),
            Some((SegmentKind::Question, true)) => Some(Who::Answer),
            Some(_) => None,
            None => Some(Who::Continue),
        };
        if let Some(who) = who {
            let pending = Pending {
                who,
                start: None,
                end: None,
                duration_ms: None,
                timecode: None,
                line: context.number,
                raw: Piece::Owned(String::new()),
            };
            self.start_segment(pending, context, line.text, line.end_mark.as_ref());
        } else {
            self.append_to_current(context, &quoted);
            if quoted.opens && !quoted.closes {
                self.open_quote = Some((context.number, context.column(line.text)));
            }
        }
    }

    /// Ends the fold: what its last lines left open is closed, and the
    /// drafts are settled and collected.
    fn finish_part<C: Collect>(self) -> Part<C> {
        self.finish_part_into(&mut Vec::new())
    }

    /// [`Fold::finish_part`], leaving in `drafts` the memory the drafts used,
    /// if the collector did not keep it, for the next fold to start with.
    fn finish_part_into<C: Collect>(mut self, drafts: &mut Vec<Draft>) -> Part<C> {
        self.close_open_quote();
        self.flush_pending_without_text();
        *drafts = std::mem::take(&mut self.drafts);
        let open_end = settle_ends(drafts, self.text);
        let speakers = self.speakers.len();
        Part {
            collected: C::collect(drafts, open_end, &self.buffer, speakers),
            speakers: self.speakers,
            header: self.header,
            diagnostics: self.diagnostics,
            unparsed: self.unparsed,
            last_answer_speaker: self.last_answer_speaker,
            last_start: self.last_start,
            lines: self.last_line,
        }
    }
}

/// How long speaking `words` words takes at an even pace, at least a second.
fn spoken_duration_ms(words: usize) -> u64 {
    (words as u64 * 60_000 / WORDS_PER_MINUTE).max(1000)
}

/// Gives each timed draft an end: its own (or its duration), else the next
/// later start, else an estimate from its words. Returns the last timed
/// draft when its end is that estimate: if more of the log follows (read as
/// another part), it ends where that starts.
fn settle_ends(drafts: &mut [Draft], text: &str) -> Option<usize> {
    let mut next_start = None;
    let mut open_end = None;
    for (i, draft) in drafts.iter_mut().enumerate().rev() {
        let Some(start) = draft.start else { continue };
        let end = draft
            .end
            .or_else(|| next_start.filter(|next| *next > start))
            .unwrap_or_else(|| {
                if next_start.is_none() {
                    open_end = Some(i);
                }
                let words = draft
                    .words
                    .map_or_else(|| count_words(draft.text.as_str(text)), |w| w as usize);
                start.saturating_add_millis(spoken_duration_ms(words))
            });
        draft.end = Some(end);
        next_start = Some(start);
    }
    open_end
}

impl Draft {
    /// A draft with nothing in it yet.
    const BLANK: Draft = Draft {
        kind: SegmentKind::Answer,
        speaker: None,
        start: None,
        end: None,
        timecode: None,
        text: Piece::InBuffer(0..0),
        words: None,
        question: None,
        line: 0,
    };

    fn into_segment(self, id: usize, buffer: &Arc<Buffer>) -> Segment {
        Segment {
            id,
            kind: self.kind,
            speaker: self.speaker,
            start: self.start,
            end: self.end.filter(|_| self.start.is_some()),
            timecode: self.timecode.map(|piece| piece.into_text(buffer)),
            text: self.text.into_text(buffer),
            question: self.question.map(|id| id as usize),
            line: self.line as usize,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::mem::size_of;

    #[test]
    fn labels_seen_again_name_the_same_speakers() {
        let names = ["Ali", "Bea", "Cem", "Dora"];
        let mut lines = vec!["00:01 Question:\n“Where were you?”".to_owned()];
        let mut expected = Vec::new();
        for i in 0..40 {
            let name = names[(i * 7 + i / 3) % names.len()];
            let time = format!("0{}:{:02}", 1 + i / 60, i % 60);
            // The same label alone and with text after it: two entries in the memo.
            let between = if i % 2 == 0 { "\n" } else { " " };
            lines.push(format!("{time} ({name}, Farmer){between}“Words {i}.”"));
            expected.push(name);
        }
        let log = lines.join("\n");
        let transcript = crate::parse::parse_str(&log, "t", crate::parse::ParseOptions::default());
        let read: Vec<_> = transcript.segments[1..]
            .iter()
            .map(|segment| {
                let speaker = transcript.speaker_of(segment);
                speaker.and_then(|s| s.name.clone()).unwrap_or_default()
            })
            .collect();
        assert_eq!(read, expected);
        assert_eq!(transcript.speakers.len(), names.len() + 1);
    }

    #[test]
    fn quoted_text_after_a_label_keeps_its_end_time_and_its_next_line() {
        let log = "00:05 (Ana, Guide)\n\n“First part\nsecond part.”\n\
                   00:20 (Ana, Guide)\n“Ends early.” (00:24)\n00:40 Question:\n“Why?”";
        let transcript = crate::parse::parse_str(log, "t", crate::parse::ParseOptions::default());
        let read: Vec<_> = transcript
            .segments
            .iter()
            .map(|s| {
                (
                    s.text.to_string(),
                    s.end.map(crate::model::Timecode::as_millis),
                )
            })
            .collect();
        assert_eq!(
            read,
            [
                ("First part second part.".to_owned(), Some(20_000)),
                ("Ends early.".to_owned(), Some(24_000)),
                ("Why?".to_owned(), Some(41_000)),
            ]
        );
    }

    #[test]
    fn a_draft_fits_in_128_bytes_and_holds_a_segment() {
        assert!(size_of::<super::Draft>() <= 128);
        assert!(size_of::<crate::model::Segment>() <= size_of::<super::Draft>());
    }
}
