//! Speaker-turn transcripts: press conferences, podcasts, broadcast and
//! oral-history transcripts, timed or not.
//!
//! A header (title, `KEY: value` fields, `Host:`/`Guest:`/`Interviewer:`
//! declarations, `Interviewed by …`) comes before the first turn. Then each
//! turn names a speaker (`Jane Roe (00:24):`, `00:07  Jane Roe`, `JANE:
//! text`, `Q:`/`A:`), and the paragraphs after it are that speaker's until
//! the next turn. A timecode alone goes on with the same speaker from that
//! time; `[00:00:05]` inside a paragraph does the same mid-text. Sounds
//! (`[THEME MUSIC]`) are segments of their own, never anyone's words.

mod line;
mod roles;

use std::sync::Arc;

use line::{TranscriptLine, Turn, inline_times, parse_line};
use roles::Roles;

use super::common::build::Builder;
use super::common::captions::could_be_name;
use super::common::header::{self, HeaderLine};
use super::common::source::lines;
use super::common::timecode::TimeMark;
use super::{Confidence, ParseOptions, Reader};
use crate::model::{Buffer, Diagnostics, SegmentKind, SpeakerId, Timecode, Transcript};

pub struct SpeakerTurns;

/// Below a footage log's best: its quoted soundbites have turns too.
const MOST_SURE: Confidence = 85;

impl Reader for SpeakerTurns {
    fn about(&self) -> &'static super::About {
        &super::About {
            name: "transcript",
            description: "press, podcast and oral-history transcripts: Name (00:24): turns, NAME: text, [00:01:02] timecodes, Q:/A:",
            example: "Mara Holt (00:24): ⏎ We sailed at dawn, and the wind turned by noon.",
        }
    }

    fn most_sure(&self) -> Confidence {
        MOST_SURE
    }

    fn sniff(&self, head: &str, _extension: Option<&str>) -> Confidence {
        let mut seen = 0usize;
        let mut score = 0usize;
        let mut quoted = 0usize;
        for text in head
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .take(300)
        {
            seen += 1;
            quoted += usize::from(text.starts_with(['“', '"', '„', '«']));
            score += match parse_line(text, super::DEFAULT_FPS) {
                // Header fields look like turns but say nothing of speakers,
                // and every kind of log has `Question:` and `A:` labels.
                TranscriptLine::Turn(turn)
                    if header::is_known_key(turn.name)
                        || roles::is_question_or_answer(turn.name) =>
                {
                    0
                }
                TranscriptLine::Turn(Turn { time: Some(_), .. }) => 3,
                TranscriptLine::Turn(Turn {
                    colon: true, text, ..
                }) if !text.is_empty() => 2,
                TranscriptLine::TimeOnly(mark) if mark.written.starts_with('[') => 2,
                TranscriptLine::Turn(_) | TranscriptLine::TimeOnly(_) => 1,
                TranscriptLine::Text(text) if !inline_times(text, 25).1.is_empty() => 2,
                _ => 0,
            };
        }
        if seen == 0 || quoted * 4 > seen {
            return 0;
        }
        // Every line a timed or labelled turn: as sure as can be.
        (score * 50 / seen).min(MOST_SURE.into()) as Confidence
    }

    fn read(
        &self,
        text: &Arc<Buffer>,
        source: &str,
        options: &ParseOptions,
        diagnostics: Diagnostics,
    ) -> Transcript {
        let mut builder = Builder::new(diagnostics);
        let clean: Vec<(usize, String)> = lines(text.as_str())
            .map(|line| (line.number, builder.clean(line).into_owned()))
            .collect();
        let mut fold = Fold {
            builder,
            fps: options.fps,
            roles: Roles::default(),
            header: Vec::new(),
            in_header: true,
            speaker: None,
            has_segment: false,
            blank_since_text: false,
            last_role_key: None,
            pending_time: None,
        };
        let mut i = 0;
        while let Some((number, text)) = clean.get(i) {
            let parsed = parse_line(text, options.fps);
            // A timecode line, then a name alone, then words: one turn.
            if let TranscriptLine::TimeOnly(mark) = &parsed
                && let Some((_, name)) = clean.get(i + 1)
                && could_be_name(name)
                && !name.contains(':')
                && clean
                    .get(i + 2)
                    .is_some_and(|(_, after)| !after.trim().is_empty())
            {
                let turn = Turn {
                    name: name.trim(),
                    role: None,
                    time: Some(mark.clone()),
                    text: "",
                    colon: false,
                };
                fold.turn(*number, &turn);
                i += 2;
                continue;
            }
            fold.line(*number, text, &parsed);
            i += 1;
        }
        fold.finish(self.name(), source)
    }
}

/// A short value with no sentence end: a field's, not a speaker's words.
fn reads_like_a_field(value: &str) -> bool {
    value.chars().count() <= 60 && !value.ends_with(['.', '?', '!', '"', '”'])
}

struct Fold {
    builder: Builder,
    fps: u32,
    roles: Roles,
    header: Vec<HeaderLine>,
    in_header: bool,
    /// Who speaks now.
    speaker: Option<SpeakerId>,
    /// Whether a segment is open for more words.
    has_segment: bool,
    blank_since_text: bool,
    /// The role a header line just declared, for names on the lines after it.
    last_role_key: Option<String>,
    /// A timecode alone on its line, for the turn or words that follow it.
    pending_time: Option<PendingTime>,
}

/// A timecode on a line of its own, waiting for what it times.
struct PendingTime {
    line: usize,
    start: Option<Timecode>,
    written: String,
}

impl Fold {
    fn line(&mut self, number: usize, raw: &str, parsed: &TranscriptLine) {
        if self.in_header && self.header_line(number, raw, parsed) {
            return;
        }
        self.in_header = false;
        match parsed {
            TranscriptLine::Blank => self.blank_since_text = true,
            TranscriptLine::Sound(sound) => {
                let pending = self.pending_time.take();
                let start = pending.as_ref().and_then(|p| p.start);
                self.builder
                    .push(SegmentKind::Shot, None, start, sound, number);
                self.has_segment = false;
            }
            TranscriptLine::TimeOnly(mark) => {
                self.flush_pending_time();
                self.pending_time = Some(PendingTime {
                    line: number,
                    start: self.checked(number, mark),
                    written: mark.written.to_owned(),
                });
            }
            TranscriptLine::Turn(turn) => self.turn(number, turn),
            TranscriptLine::Text(text) => self.text(number, text),
        }
    }

    /// Whether a line belongs to the header, taking what it says.
    fn header_line(&mut self, number: usize, raw: &str, parsed: &TranscriptLine) -> bool {
        let trimmed = raw.trim();
        // `TRT: 2:38`, `BYLINE: Jane Roe`: fields, though they look like turns.
        if let Some((key, value)) = header::field(trimmed)
            && roles::declared_role(&key).is_none()
            && (header::is_known_key(&key) || reads_like_a_field(&value))
        {
            self.last_role_key = None;
            self.header.push(HeaderLine {
                line: number,
                text: Some(trimmed.to_owned()),
            });
            return true;
        }
        match parsed {
            TranscriptLine::Blank => {
                self.last_role_key = None;
                self.header.push(HeaderLine {
                    line: number,
                    text: None,
                });
                true
            }
            TranscriptLine::Turn(turn) if turn.time.is_none() && turn.role.is_none() => {
                if let Some(role) = roles::declared_role(turn.name)
                    && roles::all_names(turn.text)
                {
                    self.roles.declare(role, turn.text);
                    self.last_role_key = Some(role.to_owned());
                } else if !header::is_known_key(turn.name) || turn.text.is_empty() {
                    return false;
                } else {
                    self.last_role_key = None;
                }
                self.header.push(HeaderLine {
                    line: number,
                    text: Some(trimmed.to_owned()),
                });
                true
            }
            TranscriptLine::Text(text) if inline_times(text, self.fps).1.is_empty() => {
                if let Some(names) = roles::interviewed_by(text) {
                    self.roles.declare("Interviewer", names);
                } else if let Some(role) = &self.last_role_key
                    && could_be_name(text)
                {
                    // A name under a declaration goes on with its list.
                    let role = role.clone();
                    self.roles.declare(&role, text);
                    if let Some(HeaderLine {
                        text: Some(list), ..
                    }) = self.header.last_mut()
                    {
                        list.push_str(", ");
                        list.push_str(trimmed);
                        return true;
                    }
                }
                self.header.push(HeaderLine {
                    line: number,
                    text: Some(trimmed.to_owned()),
                });
                true
            }
            _ => false,
        }
    }

    fn checked(&mut self, number: usize, mark: &TimeMark) -> Option<Timecode> {
        match &mark.start {
            Ok(start) => Some(*start),
            Err(err) => {
                self.builder.warn(
                    number,
                    1,
                    format!("timecode `{}` is not valid: {err}", mark.written),
                );
                None
            }
        }
    }

    /// A timecode that nothing followed: kept, with a word about it.
    fn flush_pending_time(&mut self) {
        if let Some(pending) = self.pending_time.take() {
            self.builder.leftover(
                pending.line,
                &pending.written,
                "timecode with no text after it",
            );
        }
    }

    fn turn(&mut self, number: usize, turn: &Turn) {
        self.in_header = false;
        let pending = self.pending_time.take();
        let (start, written) = match (&turn.time, pending) {
            (Some(mark), pending) => {
                if let Some(pending) = pending {
                    self.builder.leftover(
                        pending.line,
                        &pending.written,
                        "timecode with no text after it",
                    );
                }
                (self.checked(number, mark), Some(mark.written.to_owned()))
            }
            (None, Some(pending)) => (pending.start, Some(pending.written)),
            (None, None) => (None, None),
        };
        let (kind, speaker) = self.roles.speaker_for(&mut self.builder, turn);
        self.speaker = speaker;
        let (before, pieces) = inline_times(turn.text, self.fps);
        self.start_segment(speaker, start, written.as_deref(), before, number);
        if let Some(segment) = self.builder.last_mut() {
            segment.kind = kind;
        }
        self.inline_pieces(number, pieces);
    }

    fn start_segment(
        &mut self,
        speaker: Option<SpeakerId>,
        start: Option<Timecode>,
        written: Option<&str>,
        text: &str,
        number: usize,
    ) {
        self.builder
            .push(SegmentKind::Answer, speaker, start, text, number);
        if let Some(written) = written {
            self.builder.set_written_timecode(written);
        }
        self.has_segment = true;
        self.blank_since_text = false;
    }

    fn text(&mut self, number: usize, text: &str) {
        let (before, pieces) = inline_times(text, self.fps);
        if let Some(pending) = self.pending_time.take() {
            self.start_segment(
                self.speaker,
                pending.start,
                Some(&pending.written),
                before,
                number,
            );
        } else if !before.is_empty() {
            if self.has_segment {
                let separator = if self.blank_since_text { "\n" } else { " " };
                self.builder.append(separator, before);
            } else {
                self.start_segment(self.speaker, None, None, before, number);
            }
        }
        self.blank_since_text = false;
        self.inline_pieces(number, pieces);
    }

    /// Each `[00:00:05]` inside a text starts a segment for the same speaker.
    fn inline_pieces(&mut self, number: usize, pieces: Vec<(TimeMark, &str)>) {
        for (mark, words) in pieces {
            let start = self.checked(number, &mark);
            self.start_segment(self.speaker, start, Some(mark.written), words, number);
        }
    }

    fn finish(mut self, format: &'static str, source: &str) -> Transcript {
        self.flush_pending_time();
        self.builder.metadata = header::build(&self.header, &mut self.builder.diagnostics);
        let mut builder = self.builder;
        // A turn that never got any words is kept, with a word about it.
        let empty: Vec<usize> = builder
            .segments
            .iter()
            .map(|s| s.id)
            .filter(|&id| builder.text_of(id).is_some_and(str::is_empty))
            .collect();
        for id in empty {
            let line = builder.segments[id].line;
            builder.warn(line, 1, "speaker line with no text after it");
        }
        if builder.segments.is_empty() {
            builder.warn(0, 0, "no speaker turns found; the text is kept as metadata");
        }
        builder.finish(format, source)
    }
}
