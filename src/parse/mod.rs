//! Reading logs into a [`Transcript`].
//!
//! Two layers, as in every format soundbite reads: `line.rs` takes one line
//! apart with nom (timecodes, labels, quotes), and `footage_log.rs` folds the
//! lines into segments, carrying the state that spans lines (the current
//! speaker, an open quote, the question being answered). `header.rs` reads the
//! lines before the first timecode or label as metadata.
//!
//! Input is read whole, decoded leniently (`source.rs`) and sanitized line by
//! line (`sanitize.rs`); nothing fails, problems become diagnostics. Only
//! [`stats_of_file`] reads a plain UTF-8 file a block at a time instead.

mod date;
mod footage_log;
mod header;
mod line;
mod quote;
pub mod sanitize;
mod source;
mod speaker;
pub mod timecode;

pub use date::parse_date;
pub use line::{Label, Line, parse_line};
pub use source::lines;
pub use timecode::{DEFAULT_FPS, parse_timecode};

use std::path::Path;
use std::sync::atomic::AtomicUsize;

use crate::model::{Diagnostic, Speaker, Transcript};
use crate::stats::Stats;

/// Settings a log does not carry itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseOptions {
    /// Frame rate for `HH:MM:SS:FF` timecodes.
    pub fps: u32,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions { fps: DEFAULT_FPS }
    }
}

/// Parses a log from its raw bytes. `source` names it in the transcript.
pub fn parse_bytes(bytes: Vec<u8>, source: &str, options: ParseOptions) -> Transcript {
    parse_bytes_with_progress(bytes, source, options, None)
}

/// Like [`parse_bytes`], storing in `progress` how many bytes of the decoded
/// text are done, for a progress display while a large log loads.
pub fn parse_bytes_with_progress(
    bytes: Vec<u8>,
    source: &str,
    options: ParseOptions,
    progress: Option<&AtomicUsize>,
) -> Transcript {
    let decoded = source::decode(bytes);
    footage_log::parse(
        &decoded.text,
        source,
        options.fps.max(1),
        decoded.diagnostics,
        progress,
    )
}

/// What `soundbite stats` shows of a log, and the problems met reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogStats {
    pub stats: Stats,
    pub speakers: Vec<Speaker>,
    pub diagnostics: Vec<Diagnostic>,
}

impl LogStats {
    pub fn of(transcript: &Transcript) -> Self {
        LogStats {
            stats: crate::stats::compute(transcript),
            speakers: transcript.speakers.clone(),
            diagnostics: transcript.diagnostics.clone(),
        }
    }
}

/// The figures of a log file, read a block at a time and never held whole:
/// the same as [`LogStats::of`] its transcript, for a fraction of the memory
/// and time. `None` when the file is not plain UTF-8 text (or cannot be
/// read); then read it whole with [`parse_bytes`], which repairs and reports.
pub fn stats_of_file(path: &Path, options: ParseOptions) -> Option<LogStats> {
    let (figures, speakers, diagnostics) = footage_log::figures_of_file(path, options.fps.max(1))?;
    Some(LogStats {
        stats: figures.into_tallies().into_stats(&speakers),
        speakers,
        diagnostics,
    })
}

/// Parses a log held in a string.
pub fn parse_str(text: &str, source: &str, options: ParseOptions) -> Transcript {
    parse_bytes(text.as_bytes().to_vec(), source, options)
}
