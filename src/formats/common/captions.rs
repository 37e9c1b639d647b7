//! What SRT and `WebVTT` share: cues found by their timing lines, markup
//! taken off, speaker turns inside the text, and cues folded into segments.
//!
//! ```text
//! cue      = [id_line] timing_line text_line* blank
//! timing   = timecode ws* "-->" ws* timecode [settings]
//! turn     = ">>" [name ":"] | "- " | "[" name "]" | name ":"     at the start of a text line
//! sound    = "(" … ")" | "[" … "]"                                 a whole line: a cue, never a speaker
//! ```
//! A cue that names a speaker, or a voice other than the last, starts a
//! segment; a cue that names nobody goes on with the segment before it, so
//! consecutive cues of one speaker become one segment (first start, last
//! end). Captions that never name anyone keep one segment per cue.

use std::borrow::Cow;
use std::ops::Range;

use nom::Parser;
use nom::bytes::complete::{tag, take_until};
use nom::character::complete::space0;

use super::build::Builder;
use super::sanitize::is_clean_text;
use super::source::lines;
use super::timecode::{Checked, cue_range};
use crate::model::{SegmentKind, Speaker, SpeakerId, Timecode};

/// One cue: its timing, the line it starts on, and where its text lines
/// are in [`Cues::lines`].
#[derive(Debug, Clone, Default)]
pub struct Cue<'t> {
    pub line: usize,
    pub start: Option<Timecode>,
    pub end: Option<Timecode>,
    /// The timing as written, up to the end of the end time.
    pub timing: &'t str,
    text: Range<usize>,
}

/// The cues of a file, their text lines held in one list rather than one
/// list a cue (a file has thousands of cues of a line or two).
#[derive(Debug, Default)]
pub struct Cues<'t> {
    pub cues: Vec<Cue<'t>>,
    lines: Vec<(usize, &'t str)>,
}

impl<'t> Cues<'t> {
    /// A cue's text lines with their line numbers.
    pub fn text(&self, cue: &Cue<'t>) -> &[(usize, &'t str)] {
        self.lines.get(cue.text.clone()).unwrap_or_default()
    }

    /// A cue begins; its text lines follow.
    fn start(&mut self, mut cue: Cue<'t>) {
        let at = self.lines.len();
        cue.text = at..at;
        self.cues.push(cue);
    }

    /// One more line for the last cue, which has one.
    fn add_line(&mut self, number: usize, text: &'t str) -> bool {
        let Some(cue) = self.cues.last_mut() else {
            return false;
        };
        self.lines.push((number, text));
        cue.text.end = self.lines.len();
        true
    }
}

/// A cue's line, its markup taken off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CueLine<'t> {
    pub number: usize,
    /// The `WebVTT` voice (`<v Name>`) the line is tagged with.
    pub voice: Option<&'t str>,
    pub text: Cow<'t, str>,
}

/// A clean line with its number.
pub type NumberedLine<'t> = (usize, Cow<'t, str>);

/// Sanitized lines of a text, with their numbers.
pub fn clean_lines<'t>(text: &'t str, builder: &mut Builder) -> Vec<NumberedLine<'t>> {
    // Sized once: a caption file has a line for every few words.
    let mut clean = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    if is_clean_text(text) {
        clean.extend(lines(text).map(|line| (line.number, Cow::Borrowed(line.text))));
    } else {
        clean.extend(lines(text).map(|line| (line.number, builder.clean(line))));
    }
    clean
}

/// `timecode ws* "-->" ws* timecode`, at the start of a line: the start,
/// the end, and the timing as written. Bad times are reported and left out.
pub fn timing<'t>(
    text: &'t str,
    line: usize,
    fps: u32,
    builder: &mut Builder,
) -> Option<(Option<Timecode>, Option<Timecode>, &'t str, &'t str)> {
    Some(checked_timing(&parse_timing(text, fps)?, line, builder))
}

/// A timing line as read, before its times are checked.
pub struct ParsedTiming<'t> {
    trimmed: &'t str,
    rest: &'t str,
    start: Checked,
    end: Checked,
}

/// Reads `text` as a timing line, reporting nothing.
fn parse_timing(text: &str, fps: u32) -> Option<ParsedTiming<'_>> {
    let trimmed = text.trim();
    let (rest, (start, end)) = cue_range(fps)(trimmed).ok()?;
    Some(ParsedTiming {
        trimmed,
        rest,
        start,
        end,
    })
}

/// A timing line's times, bad ones reported and left out.
fn checked_timing<'t>(
    parsed: &ParsedTiming<'t>,
    line: usize,
    builder: &mut Builder,
) -> (Option<Timecode>, Option<Timecode>, &'t str, &'t str) {
    let &ParsedTiming {
        trimmed,
        rest,
        ref start,
        ref end,
    } = parsed;
    let written = &trimmed[..trimmed.len() - rest.len()];
    let mut checked = |time: &Checked, which: &str| match time {
        Ok(time) => Some(*time),
        Err(err) => {
            builder.warn(
                line,
                1,
                format!("{which} of cue `{written}` is not valid: {err}"),
            );
            None
        }
    };
    let start = checked(start, "start");
    let end = checked(end, "end");
    (start, end, written, rest.trim())
}

/// Whether what follows a cue's timing is `WebVTT` cue settings
/// (`align:start position:10%`).
fn is_settings(rest: &str) -> bool {
    const KEYS: &[&str] = &["vertical", "line", "position", "size", "align", "region"];
    rest.split_whitespace().all(|word| {
        word.split_once(':')
            .is_some_and(|(key, value)| KEYS.contains(&key) && !value.is_empty())
    })
}

/// Splits lines into cues. `set_aside` says whether a line outside a cue
/// starts a block that is no cue (`WebVTT`'s `NOTE`, `STYLE`, `REGION`):
/// its lines go to the builder's metadata notes. `is_id` says whether a line
/// just before a timing line is the cue's id or number. Any other text
/// outside a cue joins the cue before it, with a warning, or is kept as
/// unparsed when no cue came before.
pub fn split_cues<'l>(
    lines: &'l [NumberedLine<'_>],
    fps: u32,
    builder: &mut Builder,
    set_aside: impl Fn(&str) -> bool,
    is_id: impl Fn(&str) -> bool,
) -> Cues<'l> {
    let mut cues = Cues::default();
    let mut in_cue = false;
    let mut skipping = false;
    // A timing line read ahead, from the id line before it: read once.
    let mut read_ahead: Option<(usize, ParsedTiming<'l>)> = None;
    for (i, (number, text)) in lines.iter().enumerate() {
        let text = text.trim();
        if text.is_empty() {
            in_cue = false;
            skipping = false;
            continue;
        }
        if skipping {
            builder.note(text);
            continue;
        }
        let parsed = match read_ahead.take() {
            Some((at, parsed)) if at == i => Some(parsed),
            _ => parse_timing(text, fps),
        };
        let timed = parsed.map(|parsed| checked_timing(&parsed, *number, builder));
        if let Some((start, end, timing, rest)) = timed {
            cues.start(Cue {
                line: *number,
                start,
                end,
                timing,
                text: 0..0,
            });
            // Words run into the timing line are the cue's, not settings.
            if !is_settings(rest) {
                builder.warn(
                    *number,
                    1,
                    "text on the timing line of a cue; kept as its text",
                );
                cues.add_line(*number, rest);
            }
            in_cue = true;
            continue;
        }
        if in_cue {
            cues.add_line(*number, text);
            continue;
        }
        if is_id(text) {
            let next = lines
                .get(i + 1)
                .and_then(|(_, next)| parse_timing(next, fps));
            if let Some(next) = next {
                read_ahead = Some((i + 1, next));
                continue;
            }
        }
        if set_aside(text) {
            skipping = true;
            builder.note(text);
            continue;
        }
        if cues.add_line(*number, text) {
            builder.warn(
                *number,
                1,
                "text after a blank line, outside any cue; kept with the cue before",
            );
        } else {
            builder.leftover(*number, text, "text before the first cue");
        }
    }
    cues
}

/// Who a line says is speaking now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Turn<'t> {
    /// A named speaker: `NAME:`, `[NAME]`, `>> NAME:`, a `WebVTT` voice.
    Named(&'t str),
    /// Someone else, not named: `>>` or a leading `- `.
    Unnamed,
}

/// Words in brackets that describe sound, never a person.
const SOUND_WORDS: &[&str] = &[
    "music",
    "laughter",
    "laughs",
    "laughing",
    "applause",
    "inaudible",
    "crosstalk",
    "silence",
    "noise",
    "sighs",
    "sigh",
    "coughs",
    "chuckles",
    "cheering",
    "cheers",
    "foreign",
    "speaking",
    "indistinct",
    "static",
    "ringing",
    "ticking",
    "unintelligible",
    "background",
    "theme",
    "beep",
    "phone",
    "door",
    "footsteps",
    "sound",
    "sounds",
    "playing",
    "singing",
    "song",
    "pause",
    "break",
    "end",
    "intro",
    "outro",
    "overlapping",
    "laugh",
    "gasps",
    "groans",
];

/// Whether bracketed words describe a sound (`[MUSIC]`, `(laughs)`).
pub fn is_sound_description(inside: &str) -> bool {
    inside.split(|c: char| !c.is_alphanumeric()).any(|word| {
        SOUND_WORDS
            .iter()
            .any(|sound| sound.eq_ignore_ascii_case(word))
    })
}

/// Whether a whole line is a sound cue: `(laughs)`, `[MUSIC]`, `♪ … ♪`.
pub fn is_sound_cue(line: &str) -> bool {
    let line = line.trim();
    let bracketed = |open: char, close: char| {
        line.starts_with(open) && line.ends_with(close) && line.matches(open).count() == 1
    };
    bracketed('(', ')') || bracketed('[', ']') || (line.starts_with('♪') && line.len() > 1)
}

/// Whether text could be a speaker's name written before a colon or in
/// brackets: up to five words, in capitals (`MAN 2`, `ACTOR AS EINSTEIN`),
/// or up to three capitalised words (`Jane Roe`), with no sentence marks.
pub fn could_be_name(text: &str) -> bool {
    let text = text.trim();
    // Checked before the words are counted: most text before a colon is a sentence.
    let plain = text
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '\'' | '’' | '-'));
    if !plain || !text.starts_with(char::is_alphabetic) {
        return false;
    }
    let words = text.split_whitespace().count();
    let capitals = text.chars().any(char::is_alphabetic) && text.chars().all(|c| !c.is_lowercase());
    let capitalised = text
        .split_whitespace()
        .all(|w| w.starts_with(char::is_uppercase) || w.chars().all(|c| c.is_ascii_digit()));
    (capitals && words <= 5) || (capitalised && words <= 3)
}

/// `name ":" rest` at the start of a line, when the name could be one.
pub fn colon_name(line: &str) -> Option<(&str, &str)> {
    let (name, rest) = line.split_once(':')?;
    (could_be_name(name) && !rest.starts_with("//")).then(|| (name.trim(), rest.trim()))
}

/// The turn a caption line starts, if any, and the text after it.
pub fn take_turn(line: &str) -> (Option<Turn<'_>>, &str) {
    let line = line.trim();
    if let Some(rest) = line.strip_prefix(">>") {
        let rest = rest.trim_start_matches('>').trim();
        return match colon_name(rest) {
            Some((name, text)) => (Some(Turn::Named(name)), text),
            None => (Some(Turn::Unnamed), rest),
        };
    }
    if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("– ")) {
        return match colon_name(rest) {
            Some((name, text)) => (Some(Turn::Named(name)), text),
            None => (Some(Turn::Unnamed), rest.trim()),
        };
    }
    if let Ok((rest, (_, inside, _))) = (
        tag::<_, _, nom::error::Error<&str>>("["),
        take_until("]"),
        tag("]"),
    )
        .parse(line)
    {
        let (rest, _) = space0::<_, nom::error::Error<&str>>(rest).unwrap_or((rest, ""));
        if !rest.is_empty() && could_be_name(inside) && !is_sound_description(inside) {
            let rest = rest.strip_prefix(':').unwrap_or(rest).trim();
            return (Some(Turn::Named(inside.trim())), rest);
        }
        return (None, line);
    }
    match colon_name(line) {
        Some((name, text)) if !is_sound_description(name) => (Some(Turn::Named(name)), text),
        _ => (None, line),
    }
}

/// Takes markup off a cue line: tags (`<i>`, `<font color=…>`, `<c.loud>`,
/// `<00:00:01.000>`), and the common entities. Text in angle brackets that
/// is not a tag (`a < b`) is kept.
pub fn strip_markup(line: &str) -> Cow<'_, str> {
    if memchr::memchr2(b'<', b'&', line.as_bytes()).is_none() {
        return Cow::Borrowed(line);
    }
    if !line.contains('<') {
        return decode_entities(Cow::Borrowed(line));
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let is_tag = after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '/');
        match after.find('>') {
            Some(close) if is_tag => rest = &after[close + 1..],
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    decode_entities(Cow::Owned(out))
}

/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;` and the direction marks.
fn decode_entities(text: Cow<'_, str>) -> Cow<'_, str> {
    if !text.contains('&') {
        return text;
    }
    Cow::Owned(
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&nbsp;", " ")
            .replace("&lrm;", "")
            .replace("&rlm;", "")
            .replace("&amp;", "&"),
    )
}

/// Folds every cue into segments, each line's markup taken off and its
/// voice (`WebVTT`'s `<v Name>`) found by `voice_of`.
pub fn fold_cues(cues: &Cues<'_>, builder: &mut Builder, voice_of: impl Fn(&str) -> Option<&str>) {
    let mut fold = CueFold::new(builder);
    let mut lines = Vec::new();
    for cue in &cues.cues {
        lines.clear();
        lines.extend(cues.text(cue).iter().map(|(number, text)| CueLine {
            number: *number,
            voice: voice_of(text),
            text: strip_markup(text),
        }));
        fold.cue(cue, &lines);
    }
}

/// The fold over cues: each line's turn decides whether a segment starts.
pub struct CueFold<'b> {
    builder: &'b mut Builder,
    /// Whether a segment has been started.
    started: bool,
    /// Who speaks in the segment being built, by name and by id.
    current: Option<(String, SpeakerId)>,
    /// Whether the segment being built is a sound cue.
    current_is_sound: bool,
    /// Whether any cue has named a speaker yet.
    named_any: bool,
}

impl<'b> CueFold<'b> {
    pub fn new(builder: &'b mut Builder) -> Self {
        CueFold {
            builder,
            started: false,
            current: None,
            current_is_sound: false,
            named_any: false,
        }
    }

    /// Folds one cue, given its lines as markup-free text, each with the
    /// `WebVTT` voice it is tagged with, if any.
    pub fn cue(&mut self, cue: &Cue<'_>, lines: &[CueLine<'_>]) {
        let speech = || lines.iter().filter(|line| !line.text.trim().is_empty());
        let Some(first_line) = speech().next().map(|line| line.number) else {
            self.builder
                .warn(cue.line, 1, format!("cue `{}` has no text", cue.timing));
            return;
        };
        if speech().all(|line| is_sound_cue(&line.text)) {
            let text: Vec<&str> = speech().map(|line| line.text.trim()).collect();
            self.start(SegmentKind::Shot, None, cue, &text.join(" "), first_line);
            return;
        }
        for (k, line) in speech().enumerate() {
            let number = &line.number;
            let (turn, text) = take_turn(&line.text);
            match (turn, line.voice) {
                (Some(Turn::Named(name)), _) => {
                    self.named_any = true;
                    self.start(SegmentKind::Answer, Some(name), cue, text, *number);
                }
                (Some(Turn::Unnamed), _) => {
                    self.start(SegmentKind::Answer, None, cue, text, *number);
                }
                (None, Some(voice)) => {
                    self.named_any = true;
                    let same = self.current_name() == Some(voice);
                    if same && !self.current_is_sound {
                        self.continue_with(cue, text);
                    } else {
                        self.start(SegmentKind::Answer, Some(voice), cue, text, *number);
                    }
                }
                (None, _) if k == 0 && (self.current_is_sound || !self.named_any) => {
                    self.start(SegmentKind::Answer, None, cue, text, *number);
                }
                (None, _) => self.continue_with(cue, text),
            }
        }
    }

    fn current_name(&self) -> Option<&str> {
        self.current.as_ref().map(|(name, _)| name.as_str())
    }

    fn start(
        &mut self,
        kind: SegmentKind,
        name: Option<&str>,
        cue: &Cue<'_>,
        text: &str,
        line: usize,
    ) {
        // A speaker who goes on in a new cue is the one already known.
        let speaker = match (name, &self.current) {
            (Some(name), Some((current, id))) if name == current => Some(*id),
            (Some(name), _) => Some(self.builder.speaker(Speaker {
                name: Some(name.to_owned()),
                ..Speaker::default()
            })),
            (None, _) => None,
        };
        self.builder.push(kind, speaker, cue.start, text, line);
        self.builder.set_written_timecode(cue.timing);
        if let Some(segment) = self.builder.last_mut() {
            segment.end = cue.end;
        }
        self.started = true;
        self.current = match (name, speaker) {
            (Some(name), Some(id)) if self.current_name() != Some(name) => {
                Some((name.to_owned(), id))
            }
            (Some(_), Some(_)) => self.current.take(),
            _ => None,
        };
        self.current_is_sound = kind == SegmentKind::Shot;
    }

    /// More words for the segment being built, which now ends where this cue ends.
    fn continue_with(&mut self, cue: &Cue<'_>, text: &str) {
        if !self.started {
            self.start(SegmentKind::Answer, None, cue, text, cue.line);
            return;
        }
        self.builder.append(" ", text);
        if let Some(segment) = self.builder.last_mut()
            && cue.end.is_some()
        {
            segment.end = cue.end;
        }
    }
}
