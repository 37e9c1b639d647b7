//! `OpenTimelineIO` JSON: a timeline with one track of clips, each with its
//! source range in media time, its media, and the speaker and note as
//! metadata. Each clip is one line, written on every core.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::value::RawValue;

use super::{Clip, ExportOptions, one_line};
use crate::model::Transcript;

#[derive(Serialize)]
struct RationalTime {
    #[serde(rename = "OTIO_SCHEMA")]
    schema: &'static str,
    rate: f64,
    value: f64,
}

fn rational(ms: u64, rate: f64) -> RationalTime {
    RationalTime {
        schema: "RationalTime.1",
        rate,
        value: (ms as f64 * rate / 1000.0).round(),
    }
}

#[derive(Serialize)]
struct TimeRange {
    #[serde(rename = "OTIO_SCHEMA")]
    schema: &'static str,
    start_time: RationalTime,
    duration: RationalTime,
}

/// The media the clips come from: a file, or missing.
#[derive(Serialize)]
struct MediaReference<'a> {
    #[serde(rename = "OTIO_SCHEMA")]
    schema: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    target_url: Option<&'a str>,
    available_range: Option<()>,
    metadata: Empty,
}

#[derive(Serialize)]
struct Empty {}

#[derive(Serialize)]
struct About<'a> {
    speaker: Option<&'a str>,
    role: Option<&'a str>,
    text: String,
    note: &'a str,
    tags: &'a [String],
    log_start: String,
}

#[derive(Serialize)]
struct Metadata<'a> {
    soundbite: About<'a>,
}

#[derive(Serialize)]
struct ClipOut<'a> {
    #[serde(rename = "OTIO_SCHEMA")]
    schema: &'static str,
    name: String,
    source_range: TimeRange,
    media_reference: &'a MediaReference<'a>,
    metadata: Metadata<'a>,
    effects: [(); 0],
    markers: [(); 0],
    enabled: bool,
}

/// The track's clips, each as one line of JSON, made on every core.
fn children(
    transcript: &Transcript,
    clips: &[Clip<'_>],
    options: &ExportOptions,
    media: &MediaReference<'_>,
) -> io::Result<Vec<Box<RawValue>>> {
    use rayon::prelude::*;
    let rate = if options.drop_frame && matches!(options.fps, 30 | 60) {
        f64::from(options.fps) * 1000.0 / 1001.0
    } else {
        f64::from(options.fps.max(1))
    };
    clips
        .par_iter()
        .filter_map(|clip| clip.range().map(|range| (clip, range)))
        .map(|(clip, (start, end))| {
            let media_start = options.media_time(start).as_millis();
            let speaker = transcript.speaker_of(clip.segment);
            let name = clip
                .segment
                .text
                .split_whitespace()
                .take(8)
                .collect::<Vec<_>>()
                .join(" ");
            let clip = ClipOut {
                schema: "Clip.1",
                name,
                source_range: TimeRange {
                    schema: "TimeRange.1",
                    start_time: rational(media_start, rate),
                    duration: rational(end.since(start), rate),
                },
                media_reference: media,
                metadata: Metadata {
                    soundbite: About {
                        speaker: speaker.and_then(|s| s.name.as_deref()),
                        role: speaker.and_then(|s| s.role.as_deref()),
                        text: one_line(&clip.segment.text),
                        note: clip.note,
                        tags: &clip.tags,
                        log_start: start.to_string(),
                    },
                },
                effects: [],
                markers: [],
                enabled: true,
            };
            let line = serde_json::to_string(&clip)?;
            Ok(RawValue::from_string(line)?)
        })
        .collect()
}

#[derive(Serialize)]
struct Track {
    #[serde(rename = "OTIO_SCHEMA")]
    schema: &'static str,
    name: &'static str,
    kind: &'static str,
    source_range: Option<()>,
    metadata: Empty,
    effects: [(); 0],
    markers: [(); 0],
    enabled: bool,
    children: Vec<Box<RawValue>>,
}

#[derive(Serialize)]
struct Stack {
    #[serde(rename = "OTIO_SCHEMA")]
    schema: &'static str,
    name: &'static str,
    source_range: Option<()>,
    metadata: Empty,
    effects: [(); 0],
    markers: [(); 0],
    enabled: bool,
    children: [Track; 1],
}

#[derive(Serialize)]
struct Timeline<'a> {
    #[serde(rename = "OTIO_SCHEMA")]
    schema: &'static str,
    name: &'a str,
    global_start_time: Option<()>,
    metadata: Empty,
    tracks: Stack,
}

pub fn write(
    transcript: &Transcript,
    clips: &[Clip<'_>],
    options: &ExportOptions,
    out: &mut impl Write,
) -> io::Result<()> {
    let media = match &options.media {
        Some(media) => MediaReference {
            schema: "ExternalReference.1",
            name: media,
            target_url: Some(media),
            available_range: None,
            metadata: Empty {},
        },
        None => MediaReference {
            schema: "MissingReference.1",
            name: &transcript.source,
            target_url: None,
            available_range: None,
            metadata: Empty {},
        },
    };
    let timeline = Timeline {
        schema: "Timeline.1",
        name: transcript.title().unwrap_or(&transcript.source),
        global_start_time: None,
        metadata: Empty {},
        tracks: Stack {
            schema: "Stack.1",
            name: "tracks",
            source_range: None,
            metadata: Empty {},
            effects: [],
            markers: [],
            enabled: true,
            children: [Track {
                schema: "Track.1",
                name: "soundbite",
                kind: "Video",
                source_range: None,
                metadata: Empty {},
                effects: [],
                markers: [],
                enabled: true,
                children: children(transcript, clips, options, &media)?,
            }],
        },
    };
    serde_json::to_writer_pretty(&mut *out, &timeline)?;
    writeln!(out)
}
