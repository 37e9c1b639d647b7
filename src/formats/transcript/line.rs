//! One line of a speaker-turn transcript, taken apart.
//!
//! ```text
//! line        = sound_cue | turn | time_only | text
//! sound_cue   = "[" words "]" | "(" words ")"              alone on a line: [THEME MUSIC]
//! time_only   = time_mark [":"]                            [00:00:39]   (00:32):
//! turn        = time_mark ws+ name [":" text]              00:07  Jane Roe     00:01:02 Jane Roe: Hello
//!             | name ws* "(" time ")" [":"]                Jane Roe (00:24):
//!             | name ":" ws* "(" time ")"                  Jane Roe: (02:39)
//!             | name ws{2,} time                           Jane Roe  00:07
//!             | name [ws* "(" role ")"] ":" [text]         JANE ROE (host): Hello    Q: Why?
//! name        = up to five words in capitals, or three capitalised, or "Speaker N"
//! ```

use crate::formats::common::captions::{could_be_name, is_sound_cue};
use crate::formats::common::timecode::{TimeMark, time_mark};

/// What a line of a transcript is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TranscriptLine<'a> {
    Blank,
    /// `[THEME MUSIC]`: a sound, not anyone's words.
    Sound(&'a str),
    /// A timecode alone: the same speaker goes on from this time.
    TimeOnly(TimeMark<'a>),
    /// A speaker's turn, perhaps with a time, a role and the first words.
    Turn(Turn<'a>),
    /// Words, perhaps with `[00:00:05]` timecodes inside.
    Text(&'a str),
}

/// Who starts speaking, and from when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn<'a> {
    pub name: &'a str,
    /// `(host)` in `JANE ROE (host):`.
    pub role: Option<&'a str>,
    pub time: Option<TimeMark<'a>>,
    /// Words on the same line after the label.
    pub text: &'a str,
    /// Whether the label ended with a colon, which makes it surely a label.
    pub colon: bool,
}

/// Takes a sanitized line apart.
pub fn parse_line(line: &str, fps: u32) -> TranscriptLine<'_> {
    let line = line.trim();
    if line.is_empty() {
        return TranscriptLine::Blank;
    }
    if let Some(mark) = time_only(line, fps) {
        return TranscriptLine::TimeOnly(mark);
    }
    if is_sound_cue(line) {
        return TranscriptLine::Sound(line);
    }
    match turn(line, fps) {
        Some(turn) => TranscriptLine::Turn(turn),
        None => TranscriptLine::Text(line),
    }
}

/// `time_mark [":"]` and nothing else.
fn time_only(line: &str, fps: u32) -> Option<TimeMark<'_>> {
    let (rest, mark) = time_mark(fps)(line).ok()?;
    matches!(rest.trim(), "" | ":").then_some(mark)
}

/// Any of the turn forms.
fn turn(line: &str, fps: u32) -> Option<Turn<'_>> {
    time_then_name(line, fps)
        .or_else(|| name_then_time(line, fps))
        .or_else(|| labelled(line))
}

/// `time_mark ws+ name [":" text]`
fn time_then_name(line: &str, fps: u32) -> Option<Turn<'_>> {
    let (rest, mark) = time_mark(fps)(line).ok()?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim();
    let mut found = labelled(rest).or_else(|| {
        could_be_name(rest).then_some(Turn {
            name: rest,
            role: None,
            time: None,
            text: "",
            colon: false,
        })
    })?;
    found.time = Some(mark);
    Some(found)
}

/// `name "(" time ")" [":"]`, `name ":" "(" time ")"` or `name ws{2,} time`.
fn name_then_time(line: &str, fps: u32) -> Option<Turn<'_>> {
    let line = line.strip_suffix(':').unwrap_or(line).trim_end();
    // The time is the last word, or the last bracketed part.
    let at = if line.ends_with(')') || line.ends_with(']') {
        line.rfind(['(', '['])?
    } else {
        let (at, space) = line.char_indices().rfind(|(_, c)| c.is_whitespace())?;
        at + space.len_utf8()
    };
    let (name, time) = line.split_at(at);
    let (rest, mark) = time_mark(fps)(time).ok()?;
    if !rest.is_empty() {
        return None;
    }
    let name = name.trim_end();
    let name = name.strip_suffix(':').map_or(name, str::trim_end);
    could_be_name(name).then_some(Turn {
        name,
        role: None,
        time: Some(mark),
        text: "",
        colon: true,
    })
}

/// `name [ws* "(" role ")"] ":" [text]`
fn labelled(line: &str) -> Option<Turn<'_>> {
    let (label, text) = line.split_once(':')?;
    if text.starts_with("//") {
        return None;
    }
    let label = label.trim();
    let (name, role) = match label.strip_suffix(')').and_then(|l| l.split_once('(')) {
        Some((name, role)) => (name.trim(), Some(role.trim())),
        None => (label, None),
    };
    let role = role.filter(|role| !role.is_empty());
    (could_be_name(name) && !name.is_empty()).then_some(Turn {
        name,
        role,
        time: None,
        text: text.trim(),
        colon: true,
    })
}

/// The text split at `[00:00:05]` timecodes inside it: the words before the
/// first, then each timecode with the words after it.
pub fn inline_times(text: &str, fps: u32) -> (&str, Vec<(TimeMark<'_>, &str)>) {
    let mut pieces = Vec::new();
    let mut before = text;
    let mut search_from = 0;
    let mut rest = text;
    while let Some(open) = rest[search_from..].find('[') {
        let at = search_from + open;
        match time_mark(fps)(&rest[at..]) {
            Ok((after, mark)) if mark.written.starts_with('[') => {
                if pieces.is_empty() {
                    before = &text[..text.len() - rest.len() + at];
                } else if let Some((_, words)) = pieces.last_mut() {
                    *words = rest[..at].trim();
                }
                pieces.push((mark, after.trim()));
                rest = after;
                search_from = 0;
            }
            _ => search_from = at + 1,
        }
    }
    (before.trim(), pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name_of(line: &str) -> Option<(&str, Option<&str>, Option<&str>, &str)> {
        match parse_line(line, 25) {
            TranscriptLine::Turn(t) => Some((t.name, t.role, t.time.map(|m| m.written), t.text)),
            _ => None,
        }
    }

    #[test]
    fn press_and_podcast_turns() {
        assert_eq!(
            name_of("Jane Roe (00:24):"),
            Some(("Jane Roe", None, Some("(00:24)"), ""))
        );
        assert_eq!(
            name_of("Jane Roe: (02:39)"),
            Some(("Jane Roe", None, Some("(02:39)"), ""))
        );
        assert_eq!(
            name_of("Speaker 1 (01:02:03):"),
            Some(("Speaker 1", None, Some("(01:02:03)"), ""))
        );
        assert_eq!(
            name_of("Jane Roe  00:07"),
            Some(("Jane Roe", None, Some("00:07"), ""))
        );
        assert_eq!(
            name_of("00:07  Jane Roe"),
            Some(("Jane Roe", None, Some("00:07"), ""))
        );
        assert_eq!(
            name_of("00:01:02 Jane Roe: Hello there."),
            Some(("Jane Roe", None, Some("00:01:02"), "Hello there."))
        );
        assert_eq!(
            name_of("JANE ROE (host): Welcome back."),
            Some(("JANE ROE", Some("host"), None, "Welcome back."))
        );
        assert_eq!(name_of("Q: Why?"), Some(("Q", None, None, "Why?")));
    }

    #[test]
    fn times_sounds_and_prose() {
        assert!(matches!(
            parse_line("(00:32):", 25),
            TranscriptLine::TimeOnly(_)
        ));
        assert!(matches!(
            parse_line("[00:00:39]", 25),
            TranscriptLine::TimeOnly(_)
        ));
        assert_eq!(
            parse_line("[THEME MUSIC]", 25),
            TranscriptLine::Sound("[THEME MUSIC]")
        );
        assert!(matches!(
            parse_line("We left at 10:30, by the back road.", 25),
            TranscriptLine::Text(_)
        ));
        assert!(matches!(
            parse_line("The answer, in short: no.", 25),
            TranscriptLine::Text(_)
        ));
        assert!(matches!(parse_line("", 25), TranscriptLine::Blank));
    }

    #[test]
    fn inline_timecodes_split_a_paragraph() {
        let (before, pieces) = inline_times(
            "So we went. [00:00:05] Then it rained. [00:00:09] Done.",
            25,
        );
        assert_eq!(before, "So we went.");
        let words: Vec<_> = pieces.iter().map(|(m, w)| (m.written, *w)).collect();
        assert_eq!(
            words,
            [("[00:00:05]", "Then it rained."), ("[00:00:09]", "Done.")]
        );
        let (before, pieces) = inline_times("No times [here].", 25);
        assert_eq!((before, pieces.len()), ("No times [here].", 0));
    }
}
