//! CMX 3600 edit decision lists: one event per timed clip, sources in media
//! time (log time minus the offset) and the record side running on from
//! 01:00:00:00, non-drop frame.

use std::io::{self, Write};

use super::{Clip, ExportOptions, attribution, one_line};
use crate::model::{Timecode, Transcript};

/// Where the record side starts.
const RECORD_START_MS: u64 = 60 * 60 * 1000;
/// Words of the text in each event's comment.
const COMMENT_WORDS: usize = 12;

/// `HH:MM:SS:FF` at `fps`, hours within a day as EDLs count them.
pub fn frames_timecode(ms: u64, fps: u32) -> String {
    let fps = u64::from(fps.max(1));
    let total_frames = (ms * fps + 500) / 1000;
    let frames = total_frames % fps;
    let seconds = total_frames / fps;
    format!(
        "{:02}:{:02}:{:02}:{:02}",
        (seconds / 3600) % 24,
        (seconds / 60) % 60,
        seconds % 60,
        frames
    )
}

/// A line that cannot break the EDL's layout: one line, printable.
fn field(text: &str) -> String {
    one_line(text).chars().filter(|c| !c.is_control()).collect()
}

pub fn write(
    transcript: &Transcript,
    clips: &[Clip<'_>],
    options: &ExportOptions,
    out: &mut impl Write,
) -> io::Result<()> {
    let title: String = field(transcript.title().unwrap_or(&transcript.source))
        .chars()
        .take(70)
        .collect();
    writeln!(out, "TITLE: {title}")?;
    writeln!(out, "FCM: NON-DROP FRAME")?;
    // The media's file name, else the log's: what the NLE shows as the clip.
    let named = options.media.as_deref().unwrap_or(&transcript.source);
    let clip_name = field(
        &std::path::Path::new(named)
            .file_name()
            .map_or_else(|| named.to_owned(), |n| n.to_string_lossy().into_owned()),
    );
    let fps = options.fps;
    let mut record = RECORD_START_MS;
    for (number, (clip, (start, end))) in clips
        .iter()
        .filter_map(|c| c.range().map(|r| (c, r)))
        .enumerate()
    {
        let source = |at: Timecode| {
            let media = at.as_millis() as i64 - options.offset_ms;
            frames_timecode(media.max(0) as u64, fps)
        };
        let length = end.since(start);
        writeln!(out)?;
        writeln!(
            out,
            "{:03}  {:<8} {:<5} C        {} {} {} {}",
            (number + 1) % 1000,
            "AX",
            "AA/V",
            source(start),
            source(end),
            frames_timecode(record, fps),
            frames_timecode(record + length, fps),
        )?;
        record += length;
        writeln!(out, "* FROM CLIP NAME: {clip_name}")?;
        let words: Vec<&str> = clip
            .segment
            .text
            .split_whitespace()
            .take(COMMENT_WORDS)
            .collect();
        let who = attribution(transcript, clip);
        let comment = if who.is_empty() {
            words.join(" ")
        } else {
            format!("{who}: {}", words.join(" "))
        };
        writeln!(out, "* COMMENT: {}", field(&comment))?;
        if !clip.note.is_empty() {
            writeln!(out, "* COMMENT: NOTE: {}", field(clip.note))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::frames_timecode;

    #[test]
    fn timecodes_count_frames_at_the_rate() {
        assert_eq!(frames_timecode(0, 25), "00:00:00:00");
        assert_eq!(frames_timecode(3_723_480, 25), "01:02:03:12");
        assert_eq!(frames_timecode(1_001, 30), "00:00:01:00");
        assert_eq!(frames_timecode(25 * 3_600_000 + 40, 25), "01:00:00:01");
    }
}
