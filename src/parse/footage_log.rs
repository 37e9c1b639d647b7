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

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::header::{self, HeaderLine};
use super::line::{Label, Line, parse_line};
use super::quote::{Unquoted, starts_with_opener, unquote};
use super::sanitize::sanitize;
use super::source::{SourceLine, lines, lines_from};
use super::speaker::{OwnedLabel, SpeakerLabel};
use super::timecode::{TimeMark, looks_like_timecode};
use crate::model::{
    Diagnostic, Format, Metadata, Segment, SegmentKind, Speaker, SpeakerId, Text, Timecode,
    Transcript, Unparsed,
};

/// Words per minute used to guess how long the last timed segment lasts.
const WORDS_PER_MINUTE: u64 = 150;

/// One source line after sanitizing, able to turn slices of itself back into
/// [`Text`] that shares the file's buffer.
struct LineContext<'l> {
    number: usize,
    offset: usize,
    clean: &'l str,
    borrowed: bool,
}

impl LineContext<'_> {
    fn text(&self, buffer: &Arc<String>, slice: &str) -> Text {
        if self.borrowed {
            let start = self.offset + (slice.as_ptr() as usize - self.clean.as_ptr() as usize);
            Text::slice(buffer, start..start + slice.len())
        } else {
            Text::from(slice)
        }
    }

    fn raw(&self, slice: &str) -> RawLine {
        if self.borrowed {
            let start = self.offset + (slice.as_ptr() as usize - self.clean.as_ptr() as usize);
            RawLine::InBuffer(start..start + slice.len())
        } else {
            RawLine::Cleaned(slice.to_owned())
        }
    }

    /// 1-based column of `slice` within the line.
    fn column(&self, slice: &str) -> usize {
        let at = (slice.as_ptr() as usize).saturating_sub(self.clean.as_ptr() as usize);
        self.clean
            .get(..at)
            .map_or(1, |before| before.chars().count() + 1)
    }
}

/// A line kept only in case it has to be reported: where it is in the
/// buffer, or its sanitized copy. No shared text is taken for it, so the
/// common case costs nothing.
enum RawLine {
    InBuffer(std::ops::Range<usize>),
    Cleaned(String),
}

impl RawLine {
    fn into_string(self, buffer: &str) -> String {
        match self {
            RawLine::InBuffer(range) => buffer.get(range).unwrap_or_default().to_owned(),
            RawLine::Cleaned(text) => text,
        }
    }
}

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
    timecode: Option<Text>,
    line: usize,
    /// The line that opened it, kept in case no text ever follows.
    raw: RawLine,
}

/// Segment text that stays shared with the file until a second piece is added.
enum TextBuf {
    Shared(Text),
    Owned(String),
}

impl TextBuf {
    fn append(&mut self, separator: &str, more: &str) {
        if more.is_empty() {
            return;
        }
        let mut owned = match std::mem::replace(self, TextBuf::Owned(String::new())) {
            TextBuf::Shared(text) => text.as_str().to_owned(),
            TextBuf::Owned(text) => text,
        };
        if !owned.is_empty() {
            owned.push_str(separator);
        }
        owned.push_str(more);
        *self = TextBuf::Owned(owned);
    }

    fn as_str(&self) -> &str {
        match self {
            TextBuf::Shared(text) => text.as_str(),
            TextBuf::Owned(text) => text,
        }
    }

    fn into_text(self) -> Text {
        match self {
            TextBuf::Shared(text) => text,
            TextBuf::Owned(text) => Text::from(text),
        }
    }
}

struct Draft {
    kind: SegmentKind,
    speaker: Option<SpeakerId>,
    start: Option<Timecode>,
    end: Option<Timecode>,
    duration_ms: Option<u64>,
    timecode: Option<Text>,
    text: TextBuf,
    question: Option<usize>,
    line: usize,
}

/// How many lines pass between two progress reports.
const PROGRESS_EVERY: usize = 4096;
/// Logs from this size on are read on two threads when they can be split.
const PARALLEL_FROM_BYTES: usize = 4 * 1024 * 1024;
/// How far past the middle to look for a line to split at.
const SPLIT_SEARCH_LINES: usize = 20_000;

/// Reads a decoded footage log, adding to `progress` the bytes done.
///
/// A large log is split at a `TIMECODE Question:` line near its middle whose
/// question gets text, and the two halves are folded on two threads. That
/// question resets everything the fold carries from line to line except who
/// answered last (a placeholder until the halves are joined) and the last
/// start time (checked at the join), so the result is the same as reading the
/// log in one go.
pub fn parse(
    buffer: &Arc<String>,
    source: &str,
    fps: u32,
    diagnostics: Vec<Diagnostic>,
    progress: Option<&AtomicUsize>,
) -> Transcript {
    let split = if buffer.len() >= PARALLEL_FROM_BYTES {
        find_split(buffer, buffer.len() / 2, fps)
    } else {
        None
    };
    if let Some(split) = split {
        return parse_in_two(buffer, source, fps, diagnostics, progress, split);
    }
    let mut fold = Fold::new(buffer, fps, diagnostics);
    fold.read(lines(buffer), buffer.len(), progress);
    fold.finish(source)
}

/// Where the second half starts: a byte offset at a line start, and its line number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Split {
    offset: usize,
    line: usize,
}

/// The first `TIMECODE Question:` line at or after byte `from` whose question
/// gets text: on the same line, or on the next non-blank line when that is
/// not a label or timecode of its own.
fn find_split(buffer: &str, from: usize, fps: u32) -> Option<Split> {
    let start = memchr::memchr(b'\n', buffer.as_bytes().get(from..)?)? + from + 1;
    let first_number = count_lines(buffer.get(..start)?) + 1;
    let mut waiting: Option<Split> = None;
    for line in lines_from(buffer, start, first_number).take(SPLIT_SEARCH_LINES) {
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
                line: line.number,
            };
            if !parsed.text.is_empty() {
                return Some(split);
            }
            waiting = Some(split);
        }
    }
    None
}

/// How many lines [`lines`] finds in `text`; quick when there is no `\r`.
fn count_lines(text: &str) -> usize {
    let bytes = text.as_bytes();
    if memchr::memchr(b'\r', bytes).is_some() {
        return lines(text).count();
    }
    memchr::memchr_iter(b'\n', bytes).count()
        + usize::from(!bytes.is_empty() && !bytes.ends_with(b"\n"))
}

fn parse_in_two(
    buffer: &Arc<String>,
    source: &str,
    fps: u32,
    diagnostics: Vec<Diagnostic>,
    progress: Option<&AtomicUsize>,
    split: Split,
) -> Transcript {
    let first_part = buffer.get(..split.offset).unwrap_or_default();
    std::thread::scope(|scope| {
        let later = scope.spawn(|| {
            let mut fold = Fold::new(buffer, fps, Vec::new());
            fold.in_header = false;
            fold.last_answer_speaker = Some(SpeakerId::CARRIED);
            fold.read(
                lines_from(buffer, split.offset, split.line),
                buffer.len(),
                progress,
            );
            fold
        });
        let mut fold = Fold::new(buffer, fps, diagnostics);
        fold.read(lines(first_part), split.offset, progress);
        // What the split line does to an open quote or a waiting label.
        fold.close_open_quote();
        fold.flush_pending_without_text();
        match later.join() {
            Ok(second) => fold.absorb(second),
            Err(_) => fold.read(
                lines_from(buffer, split.offset, split.line),
                buffer.len(),
                progress,
            ),
        }
        fold.finish(source)
    })
}

struct Fold<'b> {
    buffer: &'b Arc<String>,
    fps: u32,
    in_header: bool,
    header: Vec<HeaderLine>,
    speakers: Vec<Speaker>,
    /// Speakers by lowercased (name, role): one person, however it is capitalised.
    speaker_ids: HashMap<(Option<String>, Option<String>), SpeakerId>,
    /// Labels already read, by a hash of their text.
    labels: HashMap<u64, Vec<(OwnedLabel, KnownLabel)>>,
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
}

impl<'b> Fold<'b> {
    fn new(buffer: &'b Arc<String>, fps: u32, diagnostics: Vec<Diagnostic>) -> Self {
        Fold {
            buffer,
            fps,
            in_header: true,
            header: Vec::new(),
            speakers: Vec::new(),
            speaker_ids: HashMap::new(),
            labels: HashMap::new(),
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
        }
    }

    /// Folds lines up to byte `end`, adding the bytes done to `progress` now and then.
    fn read<'t>(
        &mut self,
        lines: impl Iterator<Item = SourceLine<'t>>,
        end: usize,
        progress: Option<&AtomicUsize>,
    ) {
        let mut reported: Option<usize> = None;
        for line in lines {
            let from = *reported.get_or_insert(line.offset);
            if let Some(progress) = progress
                && line.number % PROGRESS_EVERY == 0
            {
                progress.fetch_add(line.offset - from, Ordering::Relaxed);
                reported = Some(line.offset);
            }
            self.line(line);
        }
        if let (Some(progress), Some(from)) = (progress, reported) {
            progress.fetch_add(end.saturating_sub(from), Ordering::Relaxed);
        }
    }

    /// Joins the fold of the second half of the file onto this one.
    fn absorb(&mut self, later: Fold) {
        let ids: Vec<SpeakerId> = later.speakers.into_iter().map(|s| self.intern(s)).collect();
        let carried = self.last_answer_speaker;
        let speaker = |id: Option<SpeakerId>| match id {
            Some(SpeakerId::CARRIED) => carried,
            Some(id) => ids.get(id.index()).copied(),
            None => None,
        };
        if let Some(last) = self.last_start
            && let Some(first) = later.drafts.iter().find(|d| d.start.is_some())
            && let Some(start) = first.start.filter(|start| *start < last)
        {
            self.warn(
                first.line,
                1,
                format!("timecode {start} goes back before {last}"),
            );
        }
        let offset = self.drafts.len();
        self.drafts
            .extend(later.drafts.into_iter().map(|mut draft| {
                draft.speaker = speaker(draft.speaker);
                draft.question = draft.question.map(|q| q + offset);
                draft
            }));
        self.open_question = later.open_question.map(|q| q + offset);
        self.diagnostics.extend(later.diagnostics);
        self.unparsed.extend(later.unparsed);
        self.last_answer_speaker = speaker(later.last_answer_speaker).or(carried);
        self.last_start = later.last_start.or(self.last_start);
        // What the second half left waiting at the end of the file.
        self.pending = later.pending;
        self.open_quote = later.open_quote;
    }

    fn warn(&mut self, line: usize, column: usize, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::warning(line, column, message));
    }

    fn line(&mut self, source: SourceLine<'_>) {
        let (clean, removed) = sanitize(source.text);
        if removed.any() {
            let column = source
                .text
                .get(..removed.first_at.unwrap_or(0))
                .map_or(1, |s| s.chars().count() + 1);
            self.warn(source.number, column, removed.describe());
        }
        let context = LineContext {
            number: source.number,
            offset: source.offset,
            clean: &clean,
            borrowed: matches!(clean, Cow::Borrowed(_)),
        };
        let parsed = parse_line(&clean, self.fps);
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

    /// Checks a time mark, warning about a start or end out of range.
    fn checked_time(
        &mut self,
        context: &LineContext,
        mark: &TimeMark,
    ) -> (Option<Timecode>, Option<Timecode>) {
        let column = context.column(mark.written);
        let start = match &mark.start {
            Ok(tc) => Some(*tc),
            Err(err) => {
                self.warn(
                    context.number,
                    column,
                    format!("timecode `{}` is not valid: {err}", mark.written),
                );
                None
            }
        };
        let end = match &mark.end {
            Some(Ok(end)) if start.is_some_and(|s| *end < s) => {
                self.warn(
                    context.number,
                    column,
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
                    column,
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
                pending.timecode = Some(context.text(self.buffer, mark.written));
                return;
            }
            self.close_open_quote();
            self.flush_pending_without_text();
            let mut duration_ms = None;
            let mut timecode = line
                .time
                .as_ref()
                .map(|m| context.text(self.buffer, m.written));
            let who = match line.label.clone() {
                Some(Label::Question) => Who::Question,
                Some(Label::Answer) => Who::Answer,
                Some(Label::Speaker(label)) => {
                    let known = self.speaker_for(&label);
                    if let Some((ms, written)) = known.duration {
                        duration_ms = Some(ms);
                        timecode.get_or_insert_with(|| Text::from(written));
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
                raw: context.raw(context.clean.trim_ascii()),
            };
            if line.text.is_empty() && line.end_mark.is_none() {
                self.pending = Some(pending);
            } else {
                self.start_segment(pending, context, line);
            }
        } else if let Some(pending) = self.pending.take() {
            self.start_segment(pending, context, line);
        } else if self.open_quote.is_some() {
            self.continue_quote(context, line);
        } else {
            self.unlabelled(context, line);
        }
        self.blank_since_text = false;
    }

    /// Warns about a quote the last segment never closed, and closes it.
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
    fn flush_pending_without_text(&mut self) {
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
                text: pending.raw.into_string(self.buffer),
            });
        }
    }

    /// The speaker a label names, read once per distinct label text.
    fn speaker_for(&mut self, label: &SpeakerLabel) -> KnownLabel {
        let hash = {
            use std::hash::{Hash, Hasher};
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            label.key().hash(&mut hasher);
            hasher.finish()
        };
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
            id: self.intern(read.speaker),
        };
        self.labels
            .entry(hash)
            .or_default()
            .push((label.to_owned_label(), known.clone()));
        known
    }

    /// The id of a speaker, the same for the same name and role in any case.
    fn intern(&mut self, speaker: Speaker) -> SpeakerId {
        let key = (
            speaker.name.as_deref().map(str::to_lowercase),
            speaker.role.as_deref().map(str::to_lowercase),
        );
        if let Some(&id) = self.speaker_ids.get(&key) {
            return self.merge_into(id, speaker);
        }
        let id = SpeakerId(self.speakers.len() as u32);
        self.speakers.push(speaker);
        self.speaker_ids.insert(key, id);
        id
    }

    /// Fills in what an earlier line left out about the same speaker.
    fn merge_into(&mut self, id: SpeakerId, speaker: Speaker) -> SpeakerId {
        let known = &mut self.speakers[id.index()];
        if known.language.is_none() {
            known.language = speaker.language;
        }
        if known.detail.is_none() {
            known.detail = speaker.detail;
        }
        id
    }

    fn interviewer(&mut self) -> SpeakerId {
        if let Some(id) = self.interviewer {
            return id;
        }
        let id = self.intern(Speaker::interviewer());
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
    fn words(&self, context: &LineContext, quoted: &Unquoted) -> TextBuf {
        let inner = context.text(self.buffer, quoted.inner);
        let ends_in_punctuation = quoted.inner.ends_with(['.', '?', '!', ',', ';']);
        if quoted.after_close.is_empty() || ends_in_punctuation {
            TextBuf::Shared(inner)
        } else {
            TextBuf::Owned(format!("{}{}", quoted.inner, quoted.after_close.trim()))
        }
    }

    fn start_segment(&mut self, pending: Pending, context: &LineContext, line: &Line) {
        let quoted = unquote(line.text);
        let (kind, speaker) = self.resolve(pending.who, quoted.is_question());
        let mut end = pending.end;
        if let Some(mark) = &line.end_mark {
            let (mark_start, _) = self.checked_time(context, mark);
            end = end.or(mark_start);
        }
        let start = pending.start;
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
            self.open_quote = Some((context.number, context.column(line.text)));
        }
        let text = self.words(context, &quoted);
        self.drafts.push(Draft {
            kind,
            speaker,
            start,
            end,
            duration_ms: pending.duration_ms,
            timecode: pending.timecode,
            text,
            question,
            line: pending.line,
        });
    }

    fn append_to_current(&mut self, context: &LineContext, quoted: &Unquoted) {
        let separator = if self.blank_since_text { "\n" } else { " " };
        let words = self.words(context, quoted);
        if let Some(current) = self.drafts.last_mut() {
            current.text.append(separator, words.as_str());
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
        let current = self
            .drafts
            .last()
            .map(|d| (d.kind, d.text.as_str().trim_ascii_end().ends_with('?')));
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
                raw: RawLine::Cleaned(String::new()),
            };
            self.start_segment(pending, context, line);
        } else {
            self.append_to_current(context, &quoted);
            if quoted.opens && !quoted.closes {
                self.open_quote = Some((context.number, context.column(line.text)));
            }
        }
    }

    fn finish(mut self, source: &str) -> Transcript {
        self.close_open_quote();
        self.flush_pending_without_text();
        let metadata: Option<Metadata> = header::build(&self.header);
        if self.drafts.is_empty() && !self.header.is_empty() {
            self.warn(
                0,
                0,
                "no timecodes, questions or speaker lines found; the text is kept as metadata",
            );
        }
        let segments = finish_segments(self.drafts);
        let mut diagnostics = self.diagnostics;
        diagnostics.sort_by_key(|d| (d.line, d.column));
        Transcript {
            format: Format::FootageLog,
            source: source.to_owned(),
            metadata,
            speakers: self.speakers,
            segments,
            diagnostics,
            unparsed: self.unparsed,
        }
    }
}

/// How long speaking `text` takes at an even pace, at least a second.
fn spoken_duration_ms(text: &str) -> u64 {
    let words = crate::model::count_words(text) as u64;
    (words * 60_000 / WORDS_PER_MINUTE).max(1000)
}

/// Numbers the segments and gives each timed one an end: its own, else its
/// duration, else the next later start, else an estimate from its words.
fn finish_segments(drafts: Vec<Draft>) -> Vec<Segment> {
    let mut next_start: Option<Timecode> = None;
    let mut ends = vec![None; drafts.len()];
    for (i, draft) in drafts.iter().enumerate().rev() {
        let Some(start) = draft.start else { continue };
        let end = draft
            .end
            .filter(|end| *end > start)
            .or_else(|| draft.duration_ms.map(|ms| start.saturating_add_millis(ms)))
            .or_else(|| next_start.filter(|next| *next > start))
            .unwrap_or_else(|| {
                start.saturating_add_millis(spoken_duration_ms(draft.text.as_str()))
            });
        ends[i] = Some(end);
        next_start = Some(start);
    }
    drafts
        .into_iter()
        .zip(ends)
        .enumerate()
        .map(|(id, (draft, end))| Segment {
            id,
            kind: draft.kind,
            speaker: draft.speaker,
            start: draft.start,
            end,
            timecode: draft.timecode,
            text: draft.text.into_text(),
            question: draft.question,
            line: draft.line,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sequential(text: &str) -> Transcript {
        let buffer = Arc::new(text.to_owned());
        let mut fold = Fold::new(&buffer, 25, Vec::new());
        fold.read(lines(&buffer), buffer.len(), None);
        fold.finish("t")
    }

    fn in_two(text: &str, split: Split) -> Transcript {
        let buffer = Arc::new(text.to_owned());
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
    fn counts_lines_like_the_line_iterator() {
        for text in ["", "a", "a\n", "a\nb", "a\n\nb\n", "a\r\nb", "a\rb\n"] {
            assert_eq!(count_lines(text), lines(text).count(), "{text:?}");
        }
    }

    #[test]
    fn progress_adds_up_to_the_whole_file() {
        let log = Arc::new(crate::generate::footage_log(20_000));
        let progress = AtomicUsize::new(0);
        let split = find_split(&log, log.len() / 2, 25).expect("a split");
        parse_in_two(&log, "t", 25, Vec::new(), Some(&progress), split);
        assert_eq!(progress.load(Ordering::Relaxed), log.len());
    }

    #[test]
    fn what_carries_across_the_split_is_joined_up() {
        let log = "00:10 (Ana, Guide)\n“Open quote\n\n00:20 Question:\n“Why?”\nAnswer: Because.\n00:05 “Back in time”\n";
        let split = find_split(log, 0, 25).expect("the question line");
        assert_eq!(split.line, 4);
        let no_text =
            "00:01 Question:\n“a?”\n00:10 Question:\n00:11 (A, B)\n“b”\n00:20 Question: c?\n";
        assert_eq!(
            find_split(no_text, 0, 25).map(|s| s.line),
            Some(6),
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
