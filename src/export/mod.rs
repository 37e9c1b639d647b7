//! Writing the transcript out for other programs. JSON first; the edit
//! formats (SRT, `WebVTT`, CSV, EDL) will sit beside it.

mod json;

pub use json::{write_json, write_jsonl};

/// Export formats on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// The whole transcript as one JSON document.
    Json,
    /// One JSON object per segment, its speaker inlined.
    Jsonl,
}
