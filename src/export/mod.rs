//! Writing the transcript out for other programs and for the edit: JSON
//! for scripts; EDL, `OpenTimelineIO`, SRT, `WebVTT`, CSV and a Markdown paper
//! edit for the selects (or the whole transcript, or what a filter keeps).

mod captions;
mod clips;
mod csv;
mod edl;
mod json;
mod markdown;
mod otio;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub use clips::{Clip, Scope, clips};
pub use json::{write_json, write_jsonl, write_jsonl_with_source};

use crate::model::{Timecode, Transcript, one_line};

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// The whole transcript as one JSON document (with the selects, when asked).
    Json,
    /// One JSON object per segment or select, its speaker inlined.
    Jsonl,
    /// CMX 3600 edit decision list: one event per clip.
    Edl,
    /// `OpenTimelineIO`: a timeline with one track of clips.
    Otio,
    /// `SubRip` subtitles, `NAME:` before each turn.
    Srt,
    /// `WebVTT` captions, with `<v Name>` voices.
    #[value(alias = "webvtt")]
    Vtt,
    /// One row per segment or select (RFC 4180).
    Csv,
    /// A paper edit: each select as a quote with attribution.
    #[value(alias = "markdown")]
    Md,
}

impl ExportFormat {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Edl => "edl",
            ExportFormat::Otio => "otio",
            ExportFormat::Srt => "srt",
            ExportFormat::Vtt => "vtt",
            ExportFormat::Csv => "csv",
            ExportFormat::Md => "md",
        }
    }
}

/// The formats' names, as `--format` and `:export` take them.
pub fn format_names() -> Vec<&'static str> {
    use clap::ValueEnum;
    ExportFormat::value_variants()
        .iter()
        .map(|f| f.extension())
        .collect()
}

/// What the edit formats need beyond the transcript.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Frames per second of the EDL's and OTIO's timecodes.
    pub fps: u32,
    /// Log time minus media time, in milliseconds: sources are in media time.
    pub offset_ms: i64,
    /// The media file the clips come from, where known.
    pub media: Option<String>,
    /// EDL timecodes in drop frame (at `fps` 30 for 29.97, 60 for 59.94).
    pub drop_frame: bool,
}

impl ExportOptions {
    /// Where a log time falls in the media: minus the offset, never below zero.
    pub fn media_time(&self, at: Timecode) -> Timecode {
        let ms = at.as_millis() as i64 - self.offset_ms;
        Timecode::from_millis(ms.max(0) as u64)
    }
}

/// Writes `scope` of `transcript` in `format`.
pub fn write(
    format: ExportFormat,
    transcript: &Transcript,
    scope: &Scope<'_>,
    options: &ExportOptions,
    out: &mut impl Write,
) -> io::Result<()> {
    let clips = clips(transcript, scope);
    let selects = matches!(scope, Scope::Selects(_));
    match format {
        ExportFormat::Json if matches!(scope, Scope::All) => write_json(transcript, out),
        ExportFormat::Json => json::write_json_of(transcript, &clips, selects, out),
        ExportFormat::Jsonl => json::write_jsonl_of(transcript, &clips, selects, out),
        ExportFormat::Edl => edl::write(transcript, &clips, options, out),
        ExportFormat::Otio => otio::write(transcript, &clips, options, out),
        ExportFormat::Srt => captions::write_srt(transcript, &clips, options, out),
        ExportFormat::Vtt => captions::write_vtt(transcript, &clips, options, out),
        ExportFormat::Csv => csv::write(transcript, &clips, out),
        ExportFormat::Md => markdown::write(transcript, &clips, selects, out),
    }
}

/// Writes an export to a file atomically: a new file beside it, renamed
/// over it when complete.
pub fn write_file(
    path: &Path,
    format: ExportFormat,
    transcript: &Transcript,
    scope: &Scope<'_>,
    options: &ExportOptions,
) -> io::Result<()> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(folder)?;
    {
        let mut out = io::BufWriter::new(file.as_file_mut());
        write(format, transcript, scope, options, &mut out)?;
        out.flush()?;
    }
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Where `:export` writes by default: beside the log, `LOG-edit.EXT`.
pub fn default_path(log: &Path, format: ExportFormat) -> PathBuf {
    let stem = log.file_stem().unwrap_or_default().to_string_lossy();
    log.with_file_name(format!("{stem}-edit.{}", format.extension()))
}

/// `Name, Role`, `Name`, `Role` or "" for a clip's speaker.
fn attribution(transcript: &Transcript, clip: &Clip<'_>) -> String {
    transcript
        .speaker_of(clip.segment)
        .map(|s| {
            [s.name.as_deref(), s.role.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}
