//! A paper edit in Markdown: the title and what the log says of itself,
//! then each clip as a quote with attribution and timecode, and the total
//! running time.

use std::io::{self, Write};

use super::{Clip, attribution, one_line};
use crate::model::{Timecode, Transcript};

pub fn write(
    transcript: &Transcript,
    clips: &[Clip<'_>],
    selects: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    let title = one_line(transcript.title().unwrap_or(&transcript.source));
    writeln!(out, "# {title}")?;
    if let Some(meta) = &transcript.metadata {
        let date = meta.date.map(|d| d.format("%-d %b %Y").to_string());
        let about: Vec<String> = [
            meta.creator.as_deref(),
            meta.location.as_deref(),
            date.as_deref(),
        ]
        .into_iter()
        .flatten()
        .map(one_line)
        .collect();
        if !about.is_empty() {
            writeln!(out, "\n{}", about.join(" · "))?;
        }
    }
    writeln!(
        out,
        "\n## {}",
        if selects { "Paper edit" } else { "Transcript" }
    )?;
    let mut total = 0;
    for (n, clip) in clips.iter().enumerate() {
        let range = clip.range();
        total += range.map_or(0, |(start, end)| end.since(start));
        let when = match (clip.start, range) {
            (_, Some((start, end))) => format!("{start}–{end}"),
            (Some(start), None) => start.to_string(),
            (None, None) => "no timecode".to_owned(),
        };
        let who = attribution(transcript, clip);
        writeln!(
            out,
            "\n{}. **{when}**{}",
            n + 1,
            if who.is_empty() {
                String::new()
            } else {
                format!(" · {who}")
            }
        )?;
        writeln!(
            out,
            "\n   > \u{201c}{}\u{201d}",
            one_line(&clip.segment.text)
        )?;
        let at = clip.start.map(|t| format!(", {t}")).unwrap_or_default();
        let credit = if who.is_empty() {
            String::new()
        } else {
            format!("{who} ")
        };
        writeln!(out, "   > \u{2014} {credit}({title}{at})")?;
        if !clip.note.is_empty() {
            writeln!(out, "\n   Note: {}", one_line(clip.note))?;
        }
    }
    writeln!(
        out,
        "\nTotal running time: {} ({} {})",
        Timecode::from_millis(total),
        clips.len(),
        if clips.len() == 1 { "clip" } else { "clips" }
    )
}
