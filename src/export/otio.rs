//! `OpenTimelineIO` JSON: a timeline with one track of clips, each with its
//! source range in media time, its media, and the speaker and note as metadata.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Clip, ExportOptions, one_line};
use crate::model::{Timecode, Transcript};

fn rational(ms: u64, rate: f64) -> Value {
    json!({
        "OTIO_SCHEMA": "RationalTime.1",
        "rate": rate,
        "value": (ms as f64 * rate / 1000.0).round(),
    })
}

pub fn write(
    transcript: &Transcript,
    clips: &[Clip<'_>],
    options: &ExportOptions,
    out: &mut impl Write,
) -> io::Result<()> {
    let rate = f64::from(options.fps.max(1));
    let media = match &options.media {
        Some(media) => json!({
            "OTIO_SCHEMA": "ExternalReference.1",
            "name": media,
            "target_url": media,
            "available_range": null,
            "metadata": {},
        }),
        None => json!({
            "OTIO_SCHEMA": "MissingReference.1",
            "name": transcript.source,
            "available_range": null,
            "metadata": {},
        }),
    };
    let children: Vec<Value> = clips
        .iter()
        .filter_map(|clip| clip.range().map(|range| (clip, range)))
        .map(|(clip, (start, end)): (&Clip<'_>, (Timecode, Timecode))| {
            let media_start = (start.as_millis() as i64 - options.offset_ms).max(0) as u64;
            let speaker = transcript.speaker_of(clip.segment);
            let words: Vec<&str> = clip.segment.text.split_whitespace().take(8).collect();
            json!({
                "OTIO_SCHEMA": "Clip.1",
                "name": words.join(" "),
                "source_range": {
                    "OTIO_SCHEMA": "TimeRange.1",
                    "start_time": rational(media_start, rate),
                    "duration": rational(end.since(start), rate),
                },
                "media_reference": media,
                "metadata": {
                    "soundbite": {
                        "speaker": speaker.and_then(|s| s.name.clone()),
                        "role": speaker.and_then(|s| s.role.clone()),
                        "text": one_line(&clip.segment.text),
                        "note": clip.note,
                        "tags": clip.tags,
                        "log_start": start.to_string(),
                    }
                },
                "effects": [],
                "markers": [],
                "enabled": true,
            })
        })
        .collect();
    let timeline = json!({
        "OTIO_SCHEMA": "Timeline.1",
        "name": transcript.title().unwrap_or(&transcript.source),
        "global_start_time": null,
        "metadata": {},
        "tracks": {
            "OTIO_SCHEMA": "Stack.1",
            "name": "tracks",
            "source_range": null,
            "metadata": {},
            "effects": [],
            "markers": [],
            "enabled": true,
            "children": [{
                "OTIO_SCHEMA": "Track.1",
                "name": "soundbite",
                "kind": "Video",
                "source_range": null,
                "metadata": {},
                "effects": [],
                "markers": [],
                "enabled": true,
                "children": children,
            }],
        },
    });
    serde_json::to_writer_pretty(&mut *out, &timeline)?;
    writeln!(out)
}
