//! A transcript as the bytes of a cache entry, and back. Every segment's
//! text is written into one string, so a transcript read back holds its
//! text once, as a parsed one does.
//!
//! Each part of the model is taken apart field by field, so a field added
//! to the model fails to compile here until the cache keeps it too.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};

use super::wire::{Reader, Writer};
use crate::model::{
    Buffer, Diagnostic, Diagnostics, Metadata, RoleSource, Segment, SegmentKind, Severity, Speaker,
    SpeakerId, Text, Timecode, Transcript, Unparsed,
};

/// Appends `transcript` to `out`.
pub fn write(transcript: &Transcript, out: &mut Writer) {
    let Transcript {
        format,
        source,
        metadata,
        speakers,
        segments,
        diagnostics,
        unparsed,
    } = transcript;
    out.str(format);
    out.str(source);
    out.flag(metadata.is_some());
    if let Some(metadata) = metadata {
        write_metadata(metadata, out);
    }
    out.number(speakers.len() as u64);
    for speaker in speakers {
        write_speaker(speaker, out);
    }
    write_segments(segments, out);
    out.number(diagnostics.len() as u64);
    for Diagnostic {
        line,
        column,
        severity,
        message,
    } in diagnostics
    {
        out.number(*line as u64);
        out.number(*column as u64);
        out.flag(*severity == Severity::Error);
        out.str(message);
    }
    out.number(diagnostics.count(Severity::Warning) as u64);
    out.number(diagnostics.count(Severity::Error) as u64);
    out.number(unparsed.len() as u64);
    for Unparsed { line, text } in unparsed {
        out.number(*line as u64);
        out.str(text);
    }
}

/// The transcript in `bytes`, which must hold it and nothing more; `None`
/// for anything else.
pub fn read(bytes: &[u8]) -> Option<Transcript> {
    let mut read = Reader::new(bytes);
    let format = crate::formats::reader_named(read.str()?)?.name();
    let source = read.string()?;
    let metadata = if read.flag()? {
        Some(read_metadata(&mut read)?)
    } else {
        None
    };
    let speakers = (0..read.count()?)
        .map(|_| read_speaker(&mut read))
        .collect::<Option<Vec<_>>>()?;
    let segments = read_segments(&mut read)?;
    let kept = (0..read.count()?)
        .map(|_| {
            Some(Diagnostic {
                line: read.size()?,
                column: read.size()?,
                severity: if read.flag()? {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                message: read.string()?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let diagnostics = Diagnostics::restore(kept, read.size()?, read.size()?);
    let unparsed = (0..read.count()?)
        .map(|_| {
            Some(Unparsed {
                line: read.size()?,
                text: read.string()?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    read.is_empty().then_some(Transcript {
        format,
        source,
        metadata,
        speakers,
        segments,
        diagnostics,
        unparsed,
    })
}

fn write_metadata(metadata: &Metadata, out: &mut Writer) {
    let Metadata {
        title,
        creator,
        location,
        date,
        license,
        media_format,
        bitrate,
        description,
        fields,
        notes,
    } = metadata;
    for text in [
        title,
        creator,
        location,
        license,
        media_format,
        bitrate,
        description,
    ] {
        out.maybe_str(text.as_deref());
    }
    out.flag(date.is_some());
    if let Some(date) = date {
        out.signed(i64::from(date.num_days_from_ce()));
    }
    out.number(fields.len() as u64);
    for (key, value) in fields {
        out.str(key);
        out.str(value);
    }
    out.number(notes.len() as u64);
    for note in notes {
        out.str(note);
    }
}

fn read_metadata(read: &mut Reader<'_>) -> Option<Metadata> {
    let title = read.maybe_string()?;
    let creator = read.maybe_string()?;
    let location = read.maybe_string()?;
    let license = read.maybe_string()?;
    let media_format = read.maybe_string()?;
    let bitrate = read.maybe_string()?;
    let description = read.maybe_string()?;
    let date = if read.flag()? {
        let days = i32::try_from(read.signed()?).ok()?;
        Some(NaiveDate::from_num_days_from_ce_opt(days)?)
    } else {
        None
    };
    let fields = (0..read.count()?)
        .map(|_| Some((read.string()?, read.string()?)))
        .collect::<Option<BTreeMap<_, _>>>()?;
    let notes = (0..read.count()?)
        .map(|_| read.string())
        .collect::<Option<Vec<_>>>()?;
    Some(Metadata {
        title,
        creator,
        location,
        date,
        license,
        media_format,
        bitrate,
        description,
        fields,
        notes,
    })
}

fn write_speaker(speaker: &Speaker, out: &mut Writer) {
    let Speaker {
        name,
        role,
        language,
        detail,
        role_source,
    } = speaker;
    for text in [name, role, language, detail] {
        out.maybe_str(text.as_deref());
    }
    out.number(match role_source {
        None => 0,
        Some(RoleSource::Log) => 1,
        Some(RoleSource::Inferred) => 2,
    });
}

fn read_speaker(read: &mut Reader<'_>) -> Option<Speaker> {
    Some(Speaker {
        name: read.maybe_string()?,
        role: read.maybe_string()?,
        language: read.maybe_string()?,
        detail: read.maybe_string()?,
        role_source: match read.number()? {
            0 => None,
            1 => Some(RoleSource::Log),
            2 => Some(RoleSource::Inferred),
            _ => return None,
        },
    })
}

/// Every segment's texts in one string first, then the segments with
/// their texts as ranges of it.
fn write_segments(segments: &[Segment], out: &mut Writer) {
    let mut texts = String::new();
    let mut place = |text: &Text| {
        let start = texts.len();
        texts.push_str(text);
        (start as u64, text.len() as u64)
    };
    let placed: Vec<_> = segments
        .iter()
        .map(|segment| {
            (
                place(&segment.text),
                segment.timecode.as_ref().map(&mut place),
            )
        })
        .collect();
    out.str(&texts);
    out.number(segments.len() as u64);
    for (segment, (text, timecode)) in segments.iter().zip(placed) {
        let Segment {
            id,
            kind,
            speaker,
            start,
            end,
            end_estimated,
            timecode: _,
            text: _,
            question,
            line,
            language,
        } = segment;
        out.number(*id as u64);
        out.number(match kind {
            SegmentKind::Question => 0,
            SegmentKind::Answer => 1,
            SegmentKind::Shot => 2,
            SegmentKind::Chapter => 3,
        });
        out.maybe_number(speaker.map(|id| u64::from(id.0)));
        out.maybe_number(start.map(Timecode::as_millis));
        out.maybe_number(end.map(Timecode::as_millis));
        out.flag(*end_estimated);
        out.number(text.0);
        out.number(text.1);
        out.flag(timecode.is_some());
        if let Some((start, len)) = timecode {
            out.number(start);
            out.number(len);
        }
        out.maybe_number(question.map(|q| q as u64));
        out.number(*line as u64);
        out.maybe_str(language.as_deref());
    }
}

fn read_segments(read: &mut Reader<'_>) -> Option<Vec<Segment>> {
    let texts = Buffer::new(read.string()?);
    let text = |read: &mut Reader<'_>| {
        let start = read.size()?;
        let range = start..start.checked_add(read.size()?)?;
        slice(&texts, range)
    };
    let count = read.count()?;
    let mut segments = Vec::with_capacity(count);
    for _ in 0..count {
        let id = read.size()?;
        let kind = match read.number()? {
            0 => SegmentKind::Question,
            1 => SegmentKind::Answer,
            2 => SegmentKind::Shot,
            3 => SegmentKind::Chapter,
            _ => return None,
        };
        let speaker = match read.maybe_number()? {
            Some(id) => Some(SpeakerId(u32::try_from(id).ok()?)),
            None => None,
        };
        let start = read.maybe_number()?.map(Timecode::from_millis);
        let end = read.maybe_number()?.map(Timecode::from_millis);
        let end_estimated = read.flag()?;
        let body = text(read)?;
        let timecode = if read.flag()? {
            Some(text(read)?)
        } else {
            None
        };
        let question = match read.maybe_number()? {
            Some(q) => Some(usize::try_from(q).ok()?),
            None => None,
        };
        let line = read.size()?;
        let language = read.maybe_string()?;
        segments.push(Segment {
            id,
            kind,
            speaker,
            start,
            end,
            end_estimated,
            timecode,
            text: body,
            question,
            line,
            language,
        });
    }
    Some(segments)
}

/// A text of the shared string, when the range is one of it.
fn slice(texts: &Arc<Buffer>, range: Range<usize>) -> Option<Text> {
    texts.as_str().get(range.clone())?;
    Some(Text::slice(texts, range))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::{ParseOptions, parse_bytes};

    fn round_trip(log: &str) {
        let transcript = parse_bytes(log.as_bytes().to_vec(), "a.txt", ParseOptions::default());
        let mut out = Writer::default();
        write(&transcript, &mut out);
        assert_eq!(read(&out.bytes), Some(transcript));
    }

    #[test]
    fn transcripts_of_every_kind_read_back_equal() {
        round_trip("1\n00:00:01,000 --> 00:00:02,500\nANA BERG: We left <i>early</i>.\n\n2\nbad\n");
        round_trip("WEBVTT\n\nNOTE kept aside\n\n00:01.000 --> 00:02.000\n<v Ana>Hello\n");
        round_trip(
            "TITLE: The mill\nDATE: 12 March 2019\nLOCATION: Lyon\nCamera: B\n\n\
             00:10 (Ana Berg, Pilot)\n\u{201c}We left.\u{201d}\n00:12 Question:\n\u{201c}Why?\u{201d}\n99:99 stray\n",
        );
        round_trip("SPEAKER 1: Hello there.\nSPEAKER 2: Hi.\n");
        round_trip("");
    }

    #[test]
    fn damaged_entries_read_as_nothing() {
        let transcript = parse_bytes(
            b"00:10 (Ana Berg, Pilot)\n\xe2\x80\x9cWe left.\xe2\x80\x9d\n".to_vec(),
            "a.txt",
            ParseOptions::default(),
        );
        let mut out = Writer::default();
        write(&transcript, &mut out);
        let bytes = out.bytes;
        for cut in 0..bytes.len() {
            assert_eq!(read(&bytes[..cut]), None, "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(read(&longer), None);
        let mut unknown = Writer::default();
        unknown.str("no-such-reader");
        assert_eq!(read(&unknown.bytes), None);
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_read_without_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..256)) {
            let _ = read(&bytes);
        }
    }
}
