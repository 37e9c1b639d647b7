//! The JSON schema, documented in README.md. Keep it stable: scripts rely on it.

use std::io::{self, Write};

use serde::Serialize;

use super::Clip;

use crate::model::{
    Diagnostic, Metadata, Segment, SegmentKind, Severity, Speaker, SpeakerId, Timecode, Transcript,
    Unparsed,
};

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    source: &'a str,
    metadata: Option<&'a Metadata>,
    speakers: Vec<SpeakerOut<'a>>,
    segments: SegmentsOut<'a>,
    diagnostics: &'a [Diagnostic],
    /// Problems counted but not listed, past the first thousand of a kind.
    #[serde(skip_serializing_if = "Omitted::is_none")]
    diagnostics_omitted: Omitted,
    unparsed: &'a [Unparsed],
    /// The selects, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    selects: Option<Vec<SelectOut<'a>>>,
}

/// A select as JSON: its segment, its stretch, its note and tags.
#[derive(Serialize)]
struct SelectOut<'a> {
    segment: usize,
    start_ms: Option<u64>,
    end_ms: Option<u64>,
    note: &'a str,
    tags: &'a [String],
}

impl<'a> SelectOut<'a> {
    fn of(clip: &'a Clip<'a>) -> Self {
        SelectOut {
            segment: clip.segment.id,
            start_ms: clip.start.map(Timecode::as_millis),
            end_ms: clip.end.map(Timecode::as_millis),
            note: clip.note,
            tags: &clip.tags,
        }
    }
}

#[derive(Serialize)]
struct Omitted {
    warnings: usize,
    errors: usize,
}

impl Omitted {
    fn is_none(&self) -> bool {
        self.warnings == 0 && self.errors == 0
    }
}

#[derive(Serialize)]
struct SpeakerOut<'a> {
    id: usize,
    #[serde(flatten)]
    speaker: &'a Speaker,
}

#[derive(Serialize)]
struct SegmentOut<'a, S: Serialize> {
    id: usize,
    kind: SegmentKind,
    speaker: S,
    start_ms: Option<u64>,
    end_ms: Option<u64>,
    end_estimated: bool,
    timecode: Option<&'a str>,
    text: &'a str,
    question: Option<usize>,
    line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
}

impl<'a> SegmentOut<'a, Option<usize>> {
    fn new(segment: &'a Segment) -> Self {
        SegmentOut::with_speaker(segment, segment.speaker.map(SpeakerId::index))
    }
}

impl<'a, S: Serialize> SegmentOut<'a, S> {
    fn with_speaker(segment: &'a Segment, speaker: S) -> Self {
        SegmentOut {
            id: segment.id,
            kind: segment.kind,
            speaker,
            start_ms: segment.start.map(Timecode::as_millis),
            end_ms: segment.end.map(Timecode::as_millis),
            end_estimated: segment.end_estimated,
            timecode: segment.timecode.as_deref(),
            text: &segment.text,
            question: segment.question,
            line: segment.line,
            language: segment.language.as_deref(),
        }
    }
}

/// Serializes segments one by one, so a large log is not copied first;
/// only those kept, where a filter keeps some.
struct SegmentsOut<'a>(&'a [Segment], Option<&'a [bool]>);

impl Serialize for SegmentsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let kept = |segment: &&Segment| {
            self.1
                .is_none_or(|kept| kept.get(segment.id).copied().unwrap_or(false))
        };
        s.collect_seq(self.0.iter().filter(kept).map(SegmentOut::new))
    }
}

/// The whole transcript as one JSON document, followed by a newline.
pub fn write_json(transcript: &Transcript, out: &mut impl Write) -> io::Result<()> {
    write_document(transcript, None, None, out)
}

/// The transcript as one JSON document: with its selects (`selects`), or
/// with only the segments of `clips` (what a filter keeps).
pub fn write_json_of(
    transcript: &Transcript,
    clips: &[Clip<'_>],
    selects: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    if selects {
        let selects = clips.iter().map(SelectOut::of).collect();
        return write_document(transcript, None, Some(selects), out);
    }
    let mut kept = vec![false; transcript.segments.len()];
    for clip in clips {
        if let Some(slot) = kept.get_mut(clip.segment.id) {
            *slot = true;
        }
    }
    write_document(transcript, Some(&kept), None, out)
}

fn write_document(
    transcript: &Transcript,
    kept: Option<&[bool]>,
    selects: Option<Vec<SelectOut<'_>>>,
    out: &mut impl Write,
) -> io::Result<()> {
    let document = Document {
        format: transcript.format,
        source: &transcript.source,
        metadata: transcript.metadata.as_ref(),
        speakers: transcript
            .speakers
            .iter()
            .enumerate()
            .map(|(id, speaker)| SpeakerOut { id, speaker })
            .collect(),
        segments: SegmentsOut(&transcript.segments, kept),
        diagnostics: &transcript.diagnostics,
        diagnostics_omitted: Omitted {
            warnings: transcript.diagnostics.omitted(Severity::Warning),
            errors: transcript.diagnostics.omitted(Severity::Error),
        },
        unparsed: &transcript.unparsed,
        selects,
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

/// One segment per line, with its speaker object inlined (`null` for none).
pub fn write_jsonl(transcript: &Transcript, out: &mut impl Write) -> io::Result<()> {
    for segment in &transcript.segments {
        write_line(transcript, segment, None, None, out)?;
    }
    Ok(())
}

/// One line per clip: its segment, and with `selects` its stretch and note.
pub fn write_jsonl_of(
    transcript: &Transcript,
    clips: &[Clip<'_>],
    selects: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    for clip in clips {
        let select = selects.then(|| SelectOut::of(clip));
        write_line(transcript, clip.segment, select, None, out)?;
    }
    Ok(())
}

/// One line per clip with the log it is from: a library's export, ready
/// for bulk loading into a search engine.
pub fn write_jsonl_with_source(
    transcript: &Transcript,
    clips: &[Clip<'_>],
    out: &mut impl Write,
) -> io::Result<()> {
    for clip in clips {
        write_line(
            transcript,
            clip.segment,
            None,
            Some(&transcript.source),
            out,
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct LineOut<'a, S: Serialize> {
    /// The log the segment is from, in an export of a library.
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(flatten)]
    segment: SegmentOut<'a, S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    select: Option<SelectOut<'a>>,
}

fn write_line(
    transcript: &Transcript,
    segment: &Segment,
    select: Option<SelectOut<'_>>,
    source: Option<&str>,
    out: &mut impl Write,
) -> io::Result<()> {
    let speaker = segment.speaker.and_then(|id| {
        transcript.speaker(id).map(|speaker| SpeakerOut {
            id: id.index(),
            speaker,
        })
    });
    let line = LineOut {
        source,
        segment: SegmentOut::with_speaker(segment, speaker),
        select,
    };
    serde_json::to_writer(&mut *out, &line)?;
    writeln!(out)
}
