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

/// `HH:MM:SS;FF` in drop-frame timecode at 29.97 (`fps` 30) or 59.94
/// (`fps` 60): real time counted in frames of 1001/1000 the nominal length,
/// with the first two (four) frame numbers of each minute skipped except
/// every tenth minute, so that the timecode keeps to the clock.
pub fn drop_frame_timecode(ms: u64, fps: u32) -> String {
    let nominal: u64 = if fps >= 45 { 60 } else { 30 };
    let dropped = nominal / 15; // 2 at 29.97, 4 at 59.94
    let frames = (ms * nominal * 1000 + 500_500) / 1_001_000;
    let per_ten_minutes = nominal * 600 - dropped * 9;
    let per_minute = nominal * 60 - dropped;
    let (tens, rest) = (frames / per_ten_minutes, frames % per_ten_minutes);
    let skipped = dropped * 9 * tens
        + if rest > dropped {
            dropped * ((rest - dropped) / per_minute)
        } else {
            0
        };
    counted(frames + skipped, nominal, ';')
}

/// Frame number `number` at `fps` frames a second as `HH:MM:SS` and the
/// frame after `separator`, hours within a day as EDLs count them.
fn counted(number: u64, fps: u64, separator: char) -> String {
    let seconds = number / fps;
    format!(
        "{:02}:{:02}:{:02}{separator}{:02}",
        (seconds / 3600) % 24,
        (seconds / 60) % 60,
        seconds % 60,
        number % fps
    )
}

/// `HH:MM:SS:FF` at `fps`, hours within a day as EDLs count them.
pub fn frames_timecode(ms: u64, fps: u32) -> String {
    let fps = u64::from(fps.max(1));
    counted((ms * fps + 500) / 1000, fps, ':')
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
    let drop_frame = options.drop_frame && matches!(options.fps, 30 | 60);
    writeln!(
        out,
        "FCM: {}",
        if drop_frame {
            "DROP FRAME"
        } else {
            "NON-DROP FRAME"
        }
    )?;
    let timecode = |ms: u64| {
        if drop_frame {
            drop_frame_timecode(ms, options.fps)
        } else {
            frames_timecode(ms, options.fps)
        }
    };
    // The media's file name, else the log's: what the NLE shows as the clip.
    let named = options.media.as_deref().unwrap_or(&transcript.source);
    let clip_name = field(
        &std::path::Path::new(named)
            .file_name()
            .map_or_else(|| named.to_owned(), |n| n.to_string_lossy().into_owned()),
    );
    let mut record = RECORD_START_MS;
    for (number, (clip, (start, end))) in clips
        .iter()
        .filter_map(|c| c.range().map(|r| (c, r)))
        .enumerate()
    {
        let source = |at: Timecode| timecode(options.media_time(at).as_millis());
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
            timecode(record),
            timecode(record + length),
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
    use super::{drop_frame_timecode, frames_timecode};

    #[test]
    fn timecodes_count_frames_at_the_rate() {
        assert_eq!(frames_timecode(0, 25), "00:00:00:00");
        assert_eq!(frames_timecode(3_723_480, 25), "01:02:03:12");
        assert_eq!(frames_timecode(1_001, 30), "00:00:01:00");
        assert_eq!(frames_timecode(25 * 3_600_000 + 40, 25), "01:00:00:01");
    }

    #[test]
    fn drop_frame_skips_two_numbers_a_minute_but_every_tenth() {
        // 29.97: frame 1800 (60.06 s) is 00:01:00;02, frame 17982 (10 min) is 00:10:00;00.
        assert_eq!(drop_frame_timecode(0, 30), "00:00:00;00");
        assert_eq!(drop_frame_timecode(60_060, 30), "00:01:00;02");
        assert_eq!(drop_frame_timecode(599_999, 30), "00:10:00;00");
        assert_eq!(drop_frame_timecode(3_600_000, 30), "01:00:00;00");
        assert_eq!(drop_frame_timecode(3_600_000, 60), "01:00:00;00");
        assert_eq!(drop_frame_timecode(60_060, 60), "00:01:00;04");
    }
}
