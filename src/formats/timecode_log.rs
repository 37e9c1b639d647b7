//! Documentary timecode logs and dopesheets: every line starts with a
//! timecode and describes a shot, or names who speaks from that time.
//!
//! ```text
//! declaration = "Title:" name ["(" initials ")"] ["," role]     Title: Jane Roe (JR), director of a clinic.
//!             | ("Voice-over" | "VO" | "V/O") ":" name
//! entry       = timecode ws+ (speaker | shot)                  21:07 JR     00:05:15 Jane Roe from left.
//! dopesheet   = (timecode ws+ "#" digits ws+ shot)+            12:49:15 #03 wide  12:49:40 #04 close
//! header      = KEY ":" value (ws+ KEY ":" value)*             TAPE: 114 IN_TIME: 10:02:11 SOURCES: …
//! ```
//! Lines without a timecode after an entry continue it.

use std::sync::Arc;

use super::common::build::Builder;
use super::common::source::lines;
use super::common::timecode::{TimeMark, time_mark};
use super::{Confidence, ParseOptions, Reader};
use crate::model::{Buffer, Diagnostics, Metadata, SegmentKind, Speaker, SpeakerId, Transcript};

pub struct TimecodeLog;

/// Known by the look of its lines, never for certain.
const MOST_SURE: Confidence = 88;

impl Reader for TimecodeLog {
    fn about(&self) -> &'static super::About {
        &super::About {
            name: "timecode-log",
            description: "documentary timecode logs and dopesheets: TIMECODE shot or speaker lines, Title: declarations, #NN shots",
            example: "00:05:15 Mara Holt (MH) walks the broken wall, from left.",
        }
    }

    fn most_sure(&self) -> Confidence {
        MOST_SURE
    }

    fn sniff(&self, head: &str, _extension: Option<&str>) -> Confidence {
        let mut seen = 0usize;
        let mut entries = 0usize;
        let mut bonus = 0usize;
        let mut declared = Vec::new();
        for line in head
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .take(300)
        {
            seen += 1;
            if let Some((name, initials, _)) = declaration(line) {
                bonus += 10;
                declared.push(name);
                declared.push(initials);
            }
            let Some((mark, rest)) = leading_time(line, super::DEFAULT_FPS) else {
                continue;
            };
            let rest = rest.trim();
            // An entry that names a declared speaker alone, or a dopesheet's
            // numbered shots, are this layout's own.
            if declared.iter().any(|d| d == rest.trim_end_matches('.')) {
                bonus += 10;
            }
            if rest.starts_with('#') {
                bonus += 10 * (1 + rest.matches(" #").count());
            }
            // Footage logs follow a timecode with a label or a quote.
            let labelled = rest.is_empty()
                || rest.starts_with(['(', '“', '"', '„', '«', '['])
                || rest.contains(':');
            if !labelled && mark.end.is_none() {
                entries += 1;
            }
        }
        if seen == 0 {
            return 0;
        }
        (entries * 60 / seen + bonus.min(40)).min(MOST_SURE.into()) as Confidence
    }

    fn read(
        &self,
        text: &Arc<Buffer>,
        source: &str,
        options: &ParseOptions,
        diagnostics: Diagnostics,
    ) -> Transcript {
        let mut builder = Builder::new(diagnostics);
        let mut metadata = Metadata::default();
        let mut declared: Vec<(String, String, SpeakerId)> = Vec::new();
        let mut in_header = true;
        let mut open = false;
        for source_line in lines(text.as_str()) {
            let number = source_line.number;
            let clean = builder.clean(source_line);
            let line = clean.trim();
            if line.is_empty() {
                continue;
            }
            if let Some((name, initials, role)) = declaration(line) {
                let id = builder.speaker(Speaker {
                    name: Some(name.clone()),
                    role: Some(role),
                    ..Speaker::default()
                });
                declared.push((name, initials, id));
                continue;
            }
            let Some((mark, rest)) = leading_time(line, options.fps) else {
                if in_header {
                    for (key, value) in run_together_fields(line) {
                        add_field(&mut metadata, key, value);
                    }
                } else if open {
                    builder.append(" ", line);
                } else {
                    builder.leftover(
                        number,
                        line,
                        "a line with no timecode before the first entry",
                    );
                }
                continue;
            };
            in_header = false;
            for (mark, words) in entries(mark, rest, options.fps) {
                let start = match mark.start {
                    Ok(start) => Some(start),
                    Err(err) => {
                        builder.warn(
                            number,
                            1,
                            format!("timecode `{}` is not valid: {err}", mark.written),
                        );
                        None
                    }
                };
                let speaker = who(&declared, words);
                let (kind, text) = match speaker {
                    Some(_) => (SegmentKind::Answer, ""),
                    None => (SegmentKind::Shot, words),
                };
                builder.push(kind, speaker, start, text, number);
                builder.set_written_timecode(mark.written);
                if let Some(segment) = builder.last_mut() {
                    segment.end = mark.end.and_then(Result::ok);
                }
                open = true;
            }
        }
        builder.metadata = Some(metadata);
        if builder.segments.is_empty() {
            builder.warn(0, 0, "no timecoded entries found");
        }
        builder.finish(self.name(), source)
    }
}

/// A plain timecode at the start of a line (not in brackets), followed by
/// white space or nothing.
fn leading_time(line: &str, fps: u32) -> Option<(TimeMark<'_>, &str)> {
    if !line.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (rest, mark) = time_mark(fps)(line).ok()?;
    (rest.is_empty() || rest.starts_with(char::is_whitespace)).then_some((mark, rest))
}

/// The entries of a line: one, or several on a dopesheet line, where each
/// `TIMECODE #NN` starts the next.
fn entries<'a>(first: TimeMark<'a>, rest: &'a str, fps: u32) -> Vec<(TimeMark<'a>, &'a str)> {
    let mut found = Vec::new();
    let mut mark = first;
    let mut rest = rest;
    loop {
        // The next `TIMECODE #` inside the rest, at a word start.
        let next = rest.char_indices().find_map(|(at, c)| {
            let word_start = at > 0 && rest[..at].ends_with(char::is_whitespace);
            if !word_start || !c.is_ascii_digit() {
                return None;
            }
            let (after, next) = time_mark(fps)(&rest[at..]).ok()?;
            after
                .trim_start()
                .starts_with('#')
                .then_some((at, next, after))
        });
        match next {
            Some((at, next, after)) if rest.trim_start().starts_with('#') => {
                found.push((mark, rest[..at].trim()));
                mark = next;
                rest = after;
            }
            _ => {
                found.push((mark, rest.trim()));
                break;
            }
        }
    }
    found
}

/// The declared speaker an entry's words name alone (`JR`, `Jane Roe`).
fn who(declared: &[(String, String, SpeakerId)], words: &str) -> Option<SpeakerId> {
    let words = words.trim().trim_end_matches('.');
    declared
        .iter()
        .find(|(name, initials, _)| words == initials || words.eq_ignore_ascii_case(name))
        .map(|(_, _, id)| *id)
}

/// `Title: Name (XX), role.` or `Voice-over: Name`: a speaker, their
/// initials (given, or the first letters of the name) and their role.
fn declaration(line: &str) -> Option<(String, String, String)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim().to_lowercase();
    let value = value.trim().trim_end_matches('.');
    let voice_over = matches!(
        key.as_str(),
        "voice-over" | "voice over" | "vo" | "v/o" | "voiceover"
    );
    if key != "title" && !voice_over {
        return None;
    }
    let (who, role) = match value.split_once(',') {
        Some((who, role)) => (who.trim(), role.trim()),
        None if voice_over => (value, "Voice-over"),
        None => return None,
    };
    let (name, initials) = match who.split_once('(') {
        Some((name, initials)) => (
            name.trim(),
            initials.trim_end_matches(')').trim().to_owned(),
        ),
        None => (
            who,
            who.split_whitespace()
                .filter_map(|w| w.chars().next())
                .collect(),
        ),
    };
    let words = name.split_whitespace().count();
    // A name of capitalised words, and initials of a few capitals.
    let is_name = (1..=4).contains(&words)
        && name
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase))
        && (1..=4).contains(&initials.chars().count())
        && initials.chars().all(char::is_uppercase);
    is_name.then(|| {
        (
            name.to_owned(),
            initials,
            if voice_over {
                "Voice-over".to_owned()
            } else {
                role.to_owned()
            },
        )
    })
}

/// `KEY: value KEY2: value2` on one line, split at each key in capitals.
fn run_together_fields(line: &str) -> Vec<(&str, &str)> {
    let mut keys: Vec<(usize, usize)> = Vec::new();
    for (colon, _) in line.match_indices(':') {
        let before = &line[..colon];
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_uppercase() || *c == '_' || c.is_ascii_digit())
            .last()
            .map(|(at, _)| at);
        if let Some(start) = start
            && (start == 0 || before[..start].ends_with(char::is_whitespace))
            && before[start..].starts_with(char::is_uppercase)
        {
            keys.push((start, colon));
        }
    }
    if keys.is_empty() {
        return vec![("", line)];
    }
    let mut fields = Vec::new();
    if keys[0].0 > 0 {
        fields.push(("", line[..keys[0].0].trim()));
    }
    for (i, &(start, colon)) in keys.iter().enumerate() {
        let end = keys.get(i + 1).map_or(line.len(), |next| next.0);
        fields.push((&line[start..colon], line[colon + 1..end].trim()));
    }
    fields
}

/// A header field, or a note when it has no key.
fn add_field(metadata: &mut Metadata, key: &str, value: &str) {
    if key.is_empty() {
        if metadata.title.is_none() {
            metadata.title = Some(value.to_owned());
        } else {
            metadata.notes.push(value.to_owned());
        }
        return;
    }
    metadata.add_field(key, value);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_run_together_on_one_line() {
        assert_eq!(
            run_together_fields("TAPE: 114 IN_TIME: 10:02:11 SOURCES: Harbour Authority"),
            [
                ("TAPE", "114"),
                ("IN_TIME", "10:02:11"),
                ("SOURCES", "Harbour Authority")
            ]
        );
    }

    #[test]
    fn declarations_give_names_initials_and_roles() {
        assert_eq!(
            declaration("Title: Jane Roe (JR), director of a clinic."),
            Some((
                "Jane Roe".into(),
                "JR".into(),
                "director of a clinic".into()
            ))
        );
        assert_eq!(
            declaration("Title: Sam Hill, harbour pilot"),
            Some(("Sam Hill".into(), "SH".into(), "harbour pilot".into()))
        );
        assert_eq!(
            declaration("Voice-over: Ines Valtonen"),
            Some(("Ines Valtonen".into(), "IV".into(), "Voice-over".into()))
        );
        assert_eq!(declaration("Title: After the Water"), None);
    }

    #[test]
    fn several_dopesheet_entries_on_one_line() {
        let line = "12:49:15 #03 wide of quay 12:49:40 #04 boats on road";
        let (mark, rest) = leading_time(line, 25).unwrap();
        let found: Vec<_> = entries(mark, rest, 25)
            .into_iter()
            .map(|(m, w)| (m.written, w))
            .collect();
        assert_eq!(
            found,
            [
                ("12:49:15", "#03 wide of quay"),
                ("12:49:40", "#04 boats on road")
            ]
        );
    }
}
