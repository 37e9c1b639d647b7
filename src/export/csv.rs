//! CSV (RFC 4180): a header, then one row per clip, lines ending in CRLF.

use std::io::{self, Write};

use super::{Clip, one_line};
use crate::model::Transcript;

/// A field, quoted when it holds a comma, a quote or a line break.
fn field(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\"")).into()
    } else {
        text.into()
    }
}

pub fn write(transcript: &Transcript, clips: &[Clip<'_>], out: &mut impl Write) -> io::Result<()> {
    write!(out, "in,out,duration,kind,speaker,role,text,note,tags\r\n")?;
    for clip in clips {
        let time = |t: Option<crate::model::Timecode>| t.map(|t| t.to_string()).unwrap_or_default();
        let duration = clip
            .range()
            .map(|(start, end)| format!("{:.3}", end.since(start) as f64 / 1000.0))
            .unwrap_or_default();
        let speaker = transcript.speaker_of(clip.segment);
        let row = [
            time(clip.start),
            time(clip.end),
            duration,
            clip.segment.kind.as_str().to_owned(),
            speaker.and_then(|s| s.name.clone()).unwrap_or_default(),
            speaker.and_then(|s| s.role.clone()).unwrap_or_default(),
            one_line(&clip.segment.text),
            clip.note.to_owned(),
            clip.tags.join(" "),
        ];
        for (n, value) in row.iter().enumerate() {
            if n > 0 {
                out.write_all(b",")?;
            }
            out.write_all(field(value).as_bytes())?;
        }
        out.write_all(b"\r\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"no\""), "\"say \"\"no\"\"\"");
    }
}
