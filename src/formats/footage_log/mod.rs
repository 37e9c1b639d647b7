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
use std::sync::Arc;

mod line;
mod line_text;

use line::{Label, Line, parse_line};
use line_text::{LineContext, Piece};

use super::common::header::{self, HeaderLine};
use super::common::quote::{Unquoted, split_after_quote, starts_with_opener, unquote};
use super::common::sanitize::{clean_line, is_clean_text};
use super::common::source::{SourceLine, lines};
use super::common::speakers::SpeakerTable;
use super::common::timecode::{TimeMark, looks_like_timecode};
use crate::model::{
    Buffer, Diagnostic, Diagnostics, Segment, SegmentKind, Speaker, SpeakerId, Timecode,
    Transcript, Unparsed,
};

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
    /// The language the label gives, kept with the segment.
    language: Option<String>,
}

/// A segment while the fold may still add to it.
struct Draft {
    kind: SegmentKind,
    speaker: Option<SpeakerId>,
    start: Option<Timecode>,
    /// Its own end, or its start plus its duration; the next start is settled later.
    end: Option<Timecode>,
    timecode: Option<Piece>,
    text: Piece,
    /// The question it answers, by its index among the drafts.
    question: Option<usize>,
    line: usize,
    language: Option<String>,
}

/// Stock-footage pages, interview logs and agency shotlists.
pub struct FootageLog;

/// A footage log is known by the look of its lines, never for certain.
const MOST_SURE: super::Confidence = 90;

impl super::Reader for FootageLog {
    fn about(&self) -> &'static super::About {
        &super::About {
            name: super::FOOTAGE_LOG,
            description: "stock-footage pages, interview logs and agency shotlists: a header, then timecoded questions and quoted answers",
            example: "10:01 (Mara Holt, Ferry Captain) “We sailed at dawn.”",
        }
    }

    /// Sure in proportion to the lines that look like a footage log's own:
    /// quoted speech, `Question:` labels, `(Name, Role)`, soundbites, vox
    /// pops, TV-script speakers and numbered shots. Never quite zero, as it
    /// reads any text leniently.
    fn most_sure(&self) -> super::Confidence {
        MOST_SURE
    }

    fn sniff(&self, head: &str, _extension: Option<&str>) -> super::Confidence {
        // Counted from the first line of the body: a page's header is long.
        let mut seen = 0usize;
        let mut points = 0usize;
        for text in head
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .take(300)
        {
            let line_points = footage_points(text);
            if points + line_points > 0 {
                seen += 1;
                points += line_points;
            }
        }
        if seen == 0 {
            return 10;
        }
        (10 + points * 40 / seen).min(MOST_SURE.into()) as super::Confidence
    }

    fn read(
        &self,
        text: &Arc<Buffer>,
        source: &str,
        options: &super::ParseOptions,
        diagnostics: Diagnostics,
    ) -> Transcript {
        parse(text, source, options.fps, diagnostics)
    }
}

/// How much a line looks like a footage log's: 2 for its own forms, 1 for
/// a bare timecode, 0 for what any transcript has.
fn footage_points(text: &str) -> usize {
    if starts_with_opener(text) {
        return 2;
    }
    let line = parse_line(text, super::DEFAULT_FPS);
    let after_time = line
        .time
        .as_ref()
        .map_or(text, |mark| {
            text.get(mark.written.len()..).unwrap_or_default()
        })
        .trim_start();
    match &line.label {
        Some(Label::Question | Label::Answer) if line.time.is_some() => 2,
        Some(Label::Question | Label::Answer) => 1,
        Some(Label::Speaker(_)) => {
            let own_form = after_time.starts_with('(')
                || ["soundbite", "sound bite", "sot", "vox pop"]
                    .iter()
                    .any(|word| {
                        after_time
                            .get(..word.len())
                            .is_some_and(|h| h.eq_ignore_ascii_case(word))
                    })
                || starts_with_opener(line.text);
            if own_form { 2 } else { 0 }
        }
        Some(Label::Detail { .. } | Label::Anchor) => 2,
        None if line.shot => 2,
        None if line.time.is_some() => 1,
        None => 0,
    }
}

/// Few segments of a log take fewer bytes than this.
const FEWEST_BYTES_PER_SEGMENT: usize = 128;

/// Reads a decoded footage log.
fn parse(buffer: &Arc<Buffer>, source: &str, fps: u32, diagnostics: Diagnostics) -> Transcript {
    let mut fold = Fold::new(buffer, fps, diagnostics);
    // Few segments take fewer than this many bytes: room for them all up
    // front, so the list is not copied as it grows.
    fold.drafts
        .reserve(buffer.as_str().len() / FEWEST_BYTES_PER_SEGMENT);
    for line in lines(buffer.as_str()) {
        fold.line(line);
    }
    fold.finish(source)
}

/// Which lines are looked at for what must not reach a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cleaning {
    /// The whole text holds nothing to take out.
    NoLine,
    EachLine,
}

struct Fold<'b> {
    /// The log, shared with the segments made from it.
    buffer: &'b Arc<Buffer>,
    /// The log's text.
    text: &'b str,
    /// Whether lines need a look for what must not reach a terminal.
    cleaning: Cleaning,
    fps: u32,
    in_header: bool,
    header: Vec<HeaderLine>,
    speakers: SpeakerTable,
    interviewer: Option<SpeakerId>,
    drafts: Vec<Draft>,
    diagnostics: Diagnostics,
    unparsed: Vec<Unparsed>,
    pending: Option<Pending>,
    /// Line and column of the quote the last segment left open.
    open_quote: Option<(usize, usize)>,
    /// Whether the last segment's words were a quote, opened and closed:
    /// unquoted lines after it are narration.
    closed_quote: bool,
    blank_since_text: bool,
    last_answer_speaker: Option<SpeakerId>,
    open_question: Option<usize>,
    last_start: Option<Timecode>,
}

impl<'b> Fold<'b> {
    fn new(buffer: &'b Arc<Buffer>, fps: u32, diagnostics: Diagnostics) -> Self {
        Fold {
            buffer,
            text: buffer.as_str(),
            cleaning: if is_clean_text(buffer.as_str()) {
                Cleaning::NoLine
            } else {
                Cleaning::EachLine
            },
            fps,
            in_header: true,
            header: Vec::new(),
            speakers: SpeakerTable::default(),
            interviewer: None,
            drafts: Vec::new(),
            diagnostics,
            unparsed: Vec::new(),
            pending: None,
            open_quote: None,
            closed_quote: false,
            blank_since_text: false,
            last_answer_speaker: None,
            open_question: None,
            last_start: None,
        }
    }

    fn warn(&mut self, line: usize, column: usize, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::warning(line, column, message));
    }

    /// Folds one line.
    fn line(&mut self, source: SourceLine<'_>) {
        let sanitized = self.sanitized(source);
        let clean = &*sanitized;
        let borrowed = matches!(sanitized, Cow::Borrowed(_));
        let trimmed = clean.trim_ascii();
        if trimmed.is_empty() {
            self.blank_line(source.number);
            return;
        }
        let context = LineContext {
            number: source.number,
            offset: source.offset,
            clean,
            borrowed,
        };
        let parsed = parse_line(clean, self.fps);
        if self.in_header {
            let trimmed = clean.trim();
            let starts_body = parsed.has_marker() && header::field(trimmed).is_none()
                || starts_with_opener(trimmed);
            if !starts_body {
                self.header.push(HeaderLine {
                    line: source.number,
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
    fn blank_line(&mut self, line: usize) {
        if self.in_header {
            self.header.push(HeaderLine { line, text: None });
        } else {
            self.blank_since_text = true;
        }
    }

    /// The line with what must not reach a terminal taken out, and a warning saying what.
    fn sanitized<'t>(&mut self, source: SourceLine<'t>) -> Cow<'t, str> {
        if self.cleaning == Cleaning::NoLine {
            return Cow::Borrowed(source.text);
        }
        clean_line(source, &mut self.diagnostics)
    }

    /// Checks a time mark, warning about a start or end out of range.
    fn checked_time(
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
            if let Some(Label::Detail { detail, language }) = &line.label {
                self.speaker_detail(context, detail.as_deref(), language);
                return;
            }
            self.close_open_quote();
            self.flush_pending_without_text();
            let mut duration_ms = None;
            let mut language = None;
            let mut timecode = line.time.as_ref().map(|m| context.piece(m.written));
            let who = match &line.label {
                Some(Label::Question) => Who::Question,
                Some(Label::Answer) => Who::Answer,
                Some(Label::Speaker(label)) => {
                    let read = label.read();
                    if let Some((ms, written)) = read.duration {
                        duration_ms = Some(ms);
                        timecode.get_or_insert(Piece::Owned(written.to_owned()));
                    }
                    language.clone_from(&read.speaker.language);
                    let interviewer = read.speaker.is_interviewer();
                    Who::Speaker(self.speakers.intern(read.speaker), interviewer)
                }
                Some(Label::Anchor) => {
                    let anchor = Speaker {
                        role: Some("Anchor".to_owned()),
                        ..Speaker::default()
                    };
                    Who::Speaker(self.speakers.intern(anchor), false)
                }
                None if line.shot => Who::Shot,
                Some(Label::Detail { .. }) | None => Who::Continue,
            };
            let pending = Pending {
                who,
                start,
                end,
                duration_ms,
                timecode,
                line: context.number,
                raw: context.piece(context.clean.trim_ascii()),
                language,
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
            // A person named with no words (a vox pop with no transcript)
            // is still someone in the interview: kept, with an empty text.
            if let Who::Speaker(id, interviewer) = pending.who {
                self.warn(
                    pending.line,
                    1,
                    "speaker line with no text after it; kept with an empty text",
                );
                let kind = if interviewer {
                    SegmentKind::Question
                } else {
                    SegmentKind::Answer
                };
                self.drafts.push(Draft {
                    kind,
                    speaker: Some(id),
                    start: pending.start,
                    end: pending.end,
                    timecode: pending.timecode,
                    text: Piece::Owned(String::new()),
                    question: None,
                    line: pending.line,
                    language: pending.language,
                });
                return;
            }
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

    /// `((Female in Arabic))` under a speaker line: who the speaker waiting
    /// for their words is, and the language of those words.
    fn speaker_detail(&mut self, context: &LineContext, detail: Option<&str>, language: &str) {
        if let Some(pending) = &mut self.pending
            && let Who::Speaker(id, _) = pending.who
        {
            // A language the label gave already is kept beside this one.
            pending.language = Some(match pending.language.take() {
                Some(given) if !given.eq_ignore_ascii_case(language) => {
                    format!("{given}, {language}")
                }
                _ => language.to_owned(),
            });
            self.speakers.add_details(id, detail, language);
            return;
        }
        let text = context.clean.trim_ascii().to_owned();
        self.warn(
            context.number,
            1,
            "a language line with no speaker line before it",
        );
        self.unparsed.push(Unparsed {
            line: context.number,
            text,
        });
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
                    Some((SegmentKind::Shot | SegmentKind::Chapter, _)) | None => {
                        (SegmentKind::Answer, None)
                    }
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
        let (text, narration) = split_after_quote(text);
        let quoted = unquote(text);
        if let Some((question, answer)) = question_and_answer(quoted.inner) {
            self.exchange(pending, context, question, answer);
            return;
        }
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
            SegmentKind::Shot | SegmentKind::Chapter => {
                self.open_question = None;
                None
            }
        };
        if quoted.opens && !quoted.closes {
            self.open_quote = Some((context.number, context.column(text)));
        }
        self.drafts.push(Draft {
            kind,
            speaker,
            start,
            end,
            timecode: pending.timecode,
            text: Self::words(context, &quoted),
            question,
            line: pending.line,
            language: pending.language,
        });
        self.closed_quote = quoted.opens && quoted.closes;
        if let Some(narration) = narration {
            self.narration(context, narration);
        }
    }

    /// A `Q: …? A: …` exchange quoted in a soundbite: the interviewer's
    /// question, then the answer of the speaker the soundbite names.
    fn exchange(&mut self, pending: Pending, context: &LineContext, question: &str, answer: &str) {
        let interviewer = self.interviewer();
        let question_id = self.drafts.len();
        self.drafts.push(Draft {
            kind: SegmentKind::Question,
            speaker: Some(interviewer),
            start: pending.start,
            end: None,
            timecode: pending.timecode,
            text: context.piece(question),
            question: None,
            line: pending.line,
            language: pending.language.clone(),
        });
        let speaker = match pending.who {
            Who::Speaker(id, false) => Some(id),
            _ => self.last_answer_speaker,
        };
        if speaker.is_some() {
            self.last_answer_speaker = speaker;
        }
        self.drafts.push(Draft {
            kind: SegmentKind::Answer,
            speaker,
            start: None,
            end: None,
            timecode: None,
            text: context.piece(answer),
            question: Some(question_id),
            line: context.number,
            language: pending.language,
        });
        self.open_question = Some(question_id);
        self.closed_quote = true;
    }

    /// Words after a closed quote (`Roe said.`), or lines after it with no
    /// quote: the script's narration, not the speaker's words.
    fn narration(&mut self, context: &LineContext, text: &str) {
        self.drafts.push(Draft {
            kind: SegmentKind::Shot,
            speaker: None,
            start: None,
            end: None,
            timecode: None,
            text: context.piece(text),
            question: None,
            line: context.number,
            language: None,
        });
        self.open_question = None;
        self.closed_quote = false;
    }

    fn append_to_current(&mut self, context: &LineContext, quoted: &Unquoted) {
        let separator = if self.blank_since_text { "\n" } else { " " };
        let words = Self::words(context, quoted);
        let more = words.as_str(self.text);
        if let Some(current) = self.drafts.last_mut() {
            current.text.append(self.text, separator, more);
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
        if self.closed_quote
            && !starts_with_opener(line.text)
            && !line.text.trim_ascii_end().ends_with('?')
        {
            self.narration(context, line.text);
            return;
        }
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
                language: None,
            };
            self.start_segment(pending, context, line.text, line.end_mark.as_ref());
        } else {
            self.append_to_current(context, &quoted);
            if quoted.opens && !quoted.closes {
                self.open_quote = Some((context.number, context.column(line.text)));
            }
        }
    }

    /// Ends the fold: what its last lines left open is closed, ends are
    /// settled, and the drafts become segments.
    fn finish(mut self, source: &str) -> Transcript {
        self.close_open_quote();
        self.flush_pending_without_text();
        let buffer = self.buffer;
        let segments: Vec<Segment> = std::mem::take(&mut self.drafts)
            .into_iter()
            .enumerate()
            .map(|(id, draft)| draft.into_segment(id, buffer))
            .collect();
        if segments.is_empty() && !self.header.is_empty() {
            self.diagnostics.push(Diagnostic::warning(
                0,
                0,
                "no timecodes, questions or speaker lines found; the text is kept as metadata",
            ));
        }
        let metadata = header::build(&self.header, &mut self.diagnostics);
        self.diagnostics.sort();
        Transcript {
            format: super::FOOTAGE_LOG,
            source: source.to_owned(),
            metadata,
            speakers: self.speakers.into_list(),
            segments,
            diagnostics: self.diagnostics,
            unparsed: self.unparsed,
        }
    }
}

/// `"Q:" question "?" "A:" answer`, inside quoted words.
fn question_and_answer(text: &str) -> Option<(&str, &str)> {
    let rest = text.trim();
    let rest = rest
        .strip_prefix("Q:")
        .or_else(|| rest.strip_prefix("q:"))?;
    let mark = rest.find('?')?;
    let (question, after) = rest.split_at(mark + 1);
    let answer = after.trim_start();
    let answer = answer
        .strip_prefix("A:")
        .or_else(|| answer.strip_prefix("a:"))?;
    let (question, answer) = (question.trim(), answer.trim());
    (!question.is_empty() && !answer.is_empty()).then_some((question, answer))
}

impl Draft {
    fn into_segment(self, id: usize, buffer: &Arc<Buffer>) -> Segment {
        let mut segment = Segment::new(id, self.kind, self.text.into_text(buffer), self.line);
        segment.speaker = self.speaker;
        segment.start = self.start;
        segment.end = self.end.filter(|_| self.start.is_some());
        segment.timecode = self.timecode.map(|piece| piece.into_text(buffer));
        segment.question = self.question;
        segment.language = self.language;
        segment
    }
}

#[cfg(test)]
mod tests {
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
        let transcript =
            crate::formats::parse_str(&log, "t", crate::formats::ParseOptions::default());
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
    fn quoted_text_after_a_label_keeps_its_end_time_its_next_line_and_a_plausible_end() {
        let log = "00:05 (Ana, Guide)\n\n“First part\nsecond part.”\n\
                   00:20 (Ana, Guide)\n“Ends early.” (00:24)\n00:40 Question:\n“Why?”";
        let transcript =
            crate::formats::parse_str(log, "t", crate::formats::ParseOptions::default());
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
                // Four words take 1.6 s; the next start, 15 s on, is too far to be its end.
                ("First part second part.".to_owned(), Some(6_600)),
                ("Ends early.".to_owned(), Some(24_000)),
                ("Why?".to_owned(), Some(41_000)),
            ]
        );
    }
}
