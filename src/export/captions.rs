//! SRT and `WebVTT`: each clip's text in cues of at most two lines of 42
//! characters, broken at sentence or phrase ends where one is near, timed
//! in proportion to their words; the speaker named at each turn (`NAME:`
//! in SRT, `<v Name>` in `WebVTT`). Cues are in media time (log time minus
//! the offset), to play with the footage. soundbite's own readers read them back.

use std::io::{self, Write};

use super::{Clip, ExportOptions};
use crate::model::{Timecode, Transcript};

/// Characters in a caption line.
const LINE_CHARS: usize = 42;
/// Lines in a cue.
const CUE_LINES: usize = 2;

/// One cue: its lines, and how many of the clip's words it holds.
struct Cue {
    lines: Vec<String>,
    words: usize,
}

/// Lays `words` out in cues: lines filled up to [`LINE_CHARS`], a new cue
/// after [`CUE_LINES`] lines, or earlier after a sentence (or, in a cue's
/// second line, a phrase) ends. `lead` is put before the first word.
fn cues(words: &[&str], lead: &str) -> Vec<Cue> {
    let mut cues = Vec::new();
    let mut first = String::with_capacity(LINE_CHARS + 8);
    first.push_str(lead);
    let mut lines: Vec<String> = vec![first];
    // Characters in the last line, counted as it grows.
    let mut width = lead.chars().count();
    let mut count = 0;
    for (i, word) in words.iter().enumerate() {
        let chars = word.chars().count();
        if width > 0 && width + 1 + chars > LINE_CHARS {
            if lines.len() == CUE_LINES {
                cues.push(Cue {
                    lines: std::mem::take(&mut lines),
                    words: count,
                });
                count = 0;
            }
            lines.push(String::with_capacity(LINE_CHARS + 8));
            width = 0;
        }
        if let Some(line) = lines.last_mut() {
            if width > 0 {
                line.push(' ');
                width += 1;
            }
            line.push_str(word);
            width += chars;
        }
        count += 1;
        let last = i + 1 == words.len();
        let sentence = word.ends_with(['.', '?', '!', '…']);
        let phrase = word.ends_with([',', ';', ':', '—']);
        let full_enough = lines.len() == CUE_LINES || width > LINE_CHARS / 2;
        if !last && (sentence || (phrase && lines.len() == CUE_LINES)) && full_enough {
            cues.push(Cue {
                lines: std::mem::take(&mut lines),
                words: count,
            });
            lines.push(String::with_capacity(LINE_CHARS + 8));
            width = 0;
            count = 0;
        }
    }
    if count > 0 {
        cues.push(Cue {
            lines,
            words: count,
        });
    }
    cues.retain(|c| c.lines.iter().any(|l| !l.trim().is_empty()));
    cues
}

/// One timed cue: its start, end, the speaker's name on a turn's first
/// cue for a voice tag, and its lines.
struct Timed<'a> {
    start: Timecode,
    end: Timecode,
    voice: Option<&'a str>,
    lines: &'a [String],
}

/// Each clip's cues, in media time, handed to `emit` as they are laid out
/// (a large export is never held whole). SRT's `NAME:` goes into the text.
fn each_cue(
    transcript: &Transcript,
    clips: &[Clip<'_>],
    options: &ExportOptions,
    srt: bool,
    mut emit: impl FnMut(Timed<'_>) -> io::Result<()>,
) -> io::Result<()> {
    let mut words: Vec<&str> = Vec::new();
    for clip in clips {
        let Some((start, end)) = clip.range() else {
            continue;
        };
        let (start, end) = (options.media_time(start), options.media_time(end));
        words.clear();
        words.extend(clip.segment.text.split_whitespace());
        if words.is_empty() {
            continue;
        }
        let name = transcript
            .speaker_of(clip.segment)
            .and_then(|s| s.name.as_deref().or(s.role.as_deref()));
        let lead = match name {
            Some(name) if srt => format!("{}:", srt_name(name)),
            _ => String::new(),
        };
        let span = end.since(start);
        let total = words.len() as u64;
        let mut done = 0;
        for cue in cues(&words, &lead) {
            let from = start.saturating_add_millis(span * done / total);
            done += cue.words as u64;
            let to = start.saturating_add_millis(span * done / total);
            emit(Timed {
                start: from,
                end: to,
                voice: if srt { None } else { name },
                lines: &cue.lines,
            })?;
        }
    }
    Ok(())
}

/// A name as SRT's `NAME:` takes it: capitals, and only what a name is made of.
fn srt_name(name: &str) -> String {
    let plain: String = name
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '\'' | '-'))
        .collect();
    plain
        .split_whitespace()
        .take(5)
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
}

fn vtt_name(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '>' | '<' | '&'))
        .collect()
}

fn escape_vtt(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['&', '<', '>']) {
        return text.into();
    }
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .into()
}

/// `HH:MM:SS,mmm` (SRT) or `HH:MM:SS.mmm` (`WebVTT`).
struct Clock(Timecode, char);

impl std::fmt::Display for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ms = self.0.as_millis();
        write!(
            f,
            "{:02}:{:02}:{:02}{}{:03}",
            ms / 3_600_000,
            (ms / 60_000) % 60,
            (ms / 1000) % 60,
            self.1,
            ms % 1000
        )
    }
}

/// Clips laid out per task: a long export is laid out on every core.
const CLIPS_PER_TASK: usize = 2048;

/// Cues written out by one task, and where each starts in its bytes.
#[derive(Default)]
struct Rendered {
    bytes: Vec<u8>,
    cue_starts: Vec<usize>,
}

/// Lays out and writes every cue with `render`, in order, pieces of the
/// clips on every core.
fn render_all(
    transcript: &Transcript,
    clips: &[Clip<'_>],
    options: &ExportOptions,
    srt: bool,
    render: impl Fn(&mut Vec<u8>, Timed<'_>) -> io::Result<()> + Sync,
) -> io::Result<Vec<Rendered>> {
    use rayon::prelude::*;
    clips
        .par_chunks(CLIPS_PER_TASK)
        .map(|chunk| {
            let mut rendered = Rendered::default();
            each_cue(transcript, chunk, options, srt, |cue| {
                rendered.cue_starts.push(rendered.bytes.len());
                render(&mut rendered.bytes, cue)
            })?;
            Ok(rendered)
        })
        .collect()
}

pub fn write_srt(
    transcript: &Transcript,
    clips: &[Clip<'_>],
    options: &ExportOptions,
    out: &mut impl Write,
) -> io::Result<()> {
    let pieces = render_all(transcript, clips, options, true, |bytes, cue| {
        let (start, end) = (Clock(cue.start, ','), Clock(cue.end, ','));
        write!(bytes, "{start} --> {end}\r\n")?;
        for line in cue.lines {
            write!(bytes, "{line}\r\n")?;
        }
        write!(bytes, "\r\n")
    })?;
    // Numbered in order as the pieces are joined.
    let mut number = 0;
    for piece in pieces {
        let ends = piece
            .cue_starts
            .iter()
            .skip(1)
            .copied()
            .chain([piece.bytes.len()]);
        for (start, end) in piece.cue_starts.iter().copied().zip(ends) {
            number += 1;
            write!(out, "{number}\r\n")?;
            out.write_all(piece.bytes.get(start..end).unwrap_or_default())?;
        }
    }
    Ok(())
}

pub fn write_vtt(
    transcript: &Transcript,
    clips: &[Clip<'_>],
    options: &ExportOptions,
    out: &mut impl Write,
) -> io::Result<()> {
    writeln!(out, "WEBVTT\n")?;
    let pieces = render_all(transcript, clips, options, false, |bytes, cue| {
        writeln!(
            bytes,
            "{} --> {}",
            Clock(cue.start, '.'),
            Clock(cue.end, '.')
        )?;
        for (n, line) in cue.lines.iter().enumerate() {
            if n == 0
                && let Some(voice) = cue.voice
            {
                write!(bytes, "<v {}>", vtt_name(voice))?;
            }
            writeln!(bytes, "{}", escape_vtt(line))?;
        }
        writeln!(bytes)
    })?;
    for piece in pieces {
        out.write_all(&piece.bytes)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_hold_two_lines_of_42_and_break_at_sentences() {
        let text = "We left before the light came up. The stove would not stay lit in that swell, \
                    and by the second buoy the fog had thinned enough to see the harbour lights.";
        let words: Vec<&str> = text.split_whitespace().collect();
        let cues = cues(&words, "ANA BERG:");
        for cue in &cues {
            assert!(cue.lines.len() <= CUE_LINES);
            assert!(
                cue.lines.iter().all(|l| l.chars().count() <= LINE_CHARS),
                "{:?}",
                cue.lines
            );
        }
        assert_eq!(cues.iter().map(|c| c.words).sum::<usize>(), words.len());
        assert!(
            cues[0].lines.join(" ").ends_with("came up."),
            "{:?}",
            cues[0].lines
        );
        let clock = Clock(Timecode::from_millis(3_723_045), ',').to_string();
        assert_eq!(clock, "01:02:03,045");
    }
}
