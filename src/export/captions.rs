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
    let mut lines: Vec<String> = vec![lead.to_owned()];
    let mut count = 0;
    for (i, word) in words.iter().enumerate() {
        let line = lines.last_mut().map_or(0, |l| l.chars().count());
        let fits = line == 0 || line + 1 + word.chars().count() <= LINE_CHARS;
        if !fits {
            if lines.len() == CUE_LINES {
                cues.push(Cue {
                    lines: std::mem::take(&mut lines),
                    words: count,
                });
                count = 0;
            }
            lines.push(String::new());
        }
        if let Some(line) = lines.last_mut() {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        count += 1;
        let last = i + 1 == words.len();
        let sentence = word.ends_with(['.', '?', '!', '…']);
        let phrase = word.ends_with([',', ';', ':', '—']);
        let full_enough = lines.len() == CUE_LINES
            || lines
                .last()
                .is_some_and(|l| l.chars().count() > LINE_CHARS / 2);
        if !last && (sentence || (phrase && lines.len() == CUE_LINES)) && full_enough {
            cues.push(Cue {
                lines: std::mem::take(&mut lines),
                words: count,
            });
            lines.push(String::new());
            count = 0;
        }
    }
    if count > 0 || lines.iter().any(|l| !l.is_empty()) {
        cues.push(Cue {
            lines,
            words: count,
        });
    }
    cues.retain(|c| c.lines.iter().any(|l| !l.trim().is_empty()));
    cues
}

/// A caption's timed cues: `(start, end, lines)`.
fn timed(
    transcript: &Transcript,
    clips: &[Clip<'_>],
    offset_ms: i64,
    vtt: bool,
) -> Vec<(Timecode, Timecode, Vec<String>)> {
    let media =
        |at: Timecode| Timecode::from_millis((at.as_millis() as i64 - offset_ms).max(0) as u64);
    let mut out = Vec::new();
    for clip in clips {
        let Some((start, end)) = clip.range() else {
            continue;
        };
        let (start, end) = (media(start), media(end));
        let words: Vec<&str> = clip.segment.text.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        let name = transcript
            .speaker_of(clip.segment)
            .and_then(|s| s.name.clone().or_else(|| s.role.clone()));
        let lead = match (&name, vtt) {
            (Some(name), false) => format!("{}:", srt_name(name)),
            _ => String::new(),
        };
        let span = end.since(start);
        let total = words.len() as u64;
        let mut done = 0;
        for cue in cues(&words, &lead) {
            let from = start.saturating_add_millis(span * done / total);
            done += cue.words as u64;
            let to = start.saturating_add_millis(span * done / total);
            let mut lines = cue.lines;
            if vtt && let (Some(name), Some(first)) = (&name, lines.first_mut()) {
                *first = format!("<v {}>{}", vtt_name(name), escape_vtt(first));
                for line in lines.iter_mut().skip(1) {
                    *line = escape_vtt(line);
                }
            } else if vtt {
                lines = lines.iter().map(|l| escape_vtt(l)).collect();
            }
            out.push((from, to, lines));
        }
    }
    out
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

fn escape_vtt(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `HH:MM:SS,mmm` (SRT) or `HH:MM:SS.mmm` (`WebVTT`).
fn clock(at: Timecode, separator: char) -> String {
    let ms = at.as_millis();
    format!(
        "{:02}:{:02}:{:02}{separator}{:03}",
        ms / 3_600_000,
        (ms / 60_000) % 60,
        (ms / 1000) % 60,
        ms % 1000
    )
}

pub fn write_srt(
    transcript: &Transcript,
    clips: &[Clip<'_>],
    options: &ExportOptions,
    out: &mut impl Write,
) -> io::Result<()> {
    let cues = timed(transcript, clips, options.offset_ms, false);
    for (n, (start, end, lines)) in cues.into_iter().enumerate() {
        write!(
            out,
            "{}\r\n{} --> {}\r\n",
            n + 1,
            clock(start, ','),
            clock(end, ',')
        )?;
        for line in lines {
            write!(out, "{line}\r\n")?;
        }
        write!(out, "\r\n")?;
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
    for (start, end, lines) in timed(transcript, clips, options.offset_ms, true) {
        writeln!(out, "{} --> {}", clock(start, '.'), clock(end, '.'))?;
        for line in lines {
            writeln!(out, "{line}")?;
        }
        writeln!(out)?;
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
        assert_eq!(clock(Timecode::from_millis(3_723_045), ','), "01:02:03,045");
    }
}
