//! The reader seam: every layout soundbite reads is one [`Reader`], listed
//! once in [`READERS`]. Detection asks each reader how sure it is that a file
//! is its kind, and the most confident one reads it; `--from NAME` skips the
//! asking.
//!
//! Every reader works the same way: the bytes are decoded (`common::source`),
//! split into lines and sanitized, and the reader folds the lines into a
//! [`Transcript`]. What every reader shares (timecodes, quotes, speaker
//! labels, header fields, the speaker table, settling ends and roles) lives
//! in [`common`], as nom rules with their grammar in their doc comments.

pub mod common;
mod footage_log;
mod ohms;
mod srt;
mod timecode_log;
mod transcript;
mod webvtt;

pub use common::date::parse_date;
pub use common::source::lines;
pub use common::timecode::{DEFAULT_FPS, MAX_HOURS, parse_timecode};

use std::sync::Arc;

use crate::model::{Buffer, Diagnostic, Diagnostics, Transcript};

/// Settings a log does not carry itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseOptions {
    /// Frame rate for `HH:MM:SS:FF` timecodes.
    pub fps: u32,
    /// The reader to use, by name; `None` picks the most confident one.
    pub from: Option<&'static str>,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            fps: DEFAULT_FPS,
            from: None,
        }
    }
}

/// How sure a reader is that a text is its kind, from 0 (not at all) to 100.
pub type Confidence = u8;

/// Below this, `check` warns that the reader was a guess.
pub const LOW_CONFIDENCE: Confidence = 40;

/// What `soundbite formats` says of a reader.
#[derive(Debug)]
pub struct About {
    /// The name `--from` takes and the JSON's `"format"` gives.
    pub name: &'static str,
    /// One line on what it reads.
    pub description: &'static str,
    /// A made-up line in this layout.
    pub example: &'static str,
}

/// One input layout.
pub trait Reader: Sync {
    fn about(&self) -> &'static About;
    fn name(&self) -> &'static str {
        self.about().name
    }
    /// How sure the reader is that a text starting with `head` is its kind;
    /// `extension` is the file's, lower case, without the dot.
    fn sniff(&self, head: &str, extension: Option<&str>) -> Confidence;
    /// The most [`Reader::sniff`] ever says. A reader that judges by the look
    /// of lines is never certain, and once another reader is as sure as
    /// this, detection need not ask it.
    fn most_sure(&self) -> Confidence {
        100
    }
    /// Reads the whole decoded text. `diagnostics` holds what decoding found.
    fn read(
        &self,
        text: &Arc<Buffer>,
        source: &str,
        options: &ParseOptions,
        diagnostics: Diagnostics,
    ) -> Transcript;
}

/// The footage-log reader's name, the first format soundbite read.
pub const FOOTAGE_LOG: &str = "footage-log";

/// Every reader, in the order detection prefers them when equally sure.
/// Those that can be certain from a mark (a `WEBVTT` header, a numbered
/// cue) come first, so a caption file is known before the readers that
/// weigh the look of many lines are asked.
pub static READERS: &[&dyn Reader] = &[
    &webvtt::WebVtt,
    &srt::Srt,
    &footage_log::FootageLog,
    &transcript::SpeakerTurns,
    &ohms::Ohms,
    &timecode_log::TimecodeLog,
];

/// The reader called `name`, for `--from`.
pub fn reader_named(name: &str) -> Option<&'static dyn Reader> {
    READERS
        .iter()
        .copied()
        .find(|reader| reader.name().eq_ignore_ascii_case(name))
}

/// The names of every reader, for messages.
pub fn reader_names() -> Vec<&'static str> {
    READERS.iter().map(|reader| reader.name()).collect()
}

/// How much of a text detection looks at.
const SNIFF_BYTES: usize = 4 * 1024;

/// The part of a text detection looks at.
fn sniffed_head(text: &str) -> &str {
    let mut end = text.len().min(SNIFF_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// How sure each reader is of a text, in registry order.
pub fn confidences(text: &str, extension: Option<&str>) -> Vec<(&'static dyn Reader, Confidence)> {
    let head = sniffed_head(text);
    READERS
        .iter()
        .map(|reader| (*reader, sniff(*reader, head, extension)))
        .collect()
}

/// The most confident reader for a text, and how confident it is; the
/// first in the registry when several are equally sure, and the footage
/// log when none is sure at all.
pub fn detect(text: &str, extension: Option<&str>) -> (&'static dyn Reader, Confidence) {
    let head = sniffed_head(text);
    let mut best: (&'static dyn Reader, Confidence) = (&footage_log::FootageLog, 0);
    // The first of equals wins, so a reader that can be at most as sure as
    // the best so far need not look (a library sniffs every file).
    for reader in READERS {
        if reader.most_sure() <= best.1 {
            continue;
        }
        let confidence = sniff(*reader, head, extension);
        if confidence > best.1 {
            best = (*reader, confidence);
        }
    }
    best
}

/// A reader's confidence, within what it says it can reach.
fn sniff(reader: &dyn Reader, head: &str, extension: Option<&str>) -> Confidence {
    reader
        .sniff(head, extension)
        .min(reader.most_sure())
        .min(100)
}

/// The extension of a source name, lower case, for detection.
pub fn extension_of(source: &str) -> Option<String> {
    let name = source.rsplit(['/', '\\']).next()?;
    let (stem, extension) = name.rsplit_once('.')?;
    (!stem.is_empty()).then(|| extension.to_ascii_lowercase())
}

/// Parses a log from its raw bytes. `source` names it in the transcript and
/// gives the extension detection weighs.
pub fn parse_bytes(bytes: Vec<u8>, source: &str, options: ParseOptions) -> Transcript {
    parse_bytes_sure(bytes, source, options).0
}

/// Like [`parse_bytes`], also saying how sure the reader chosen was of the
/// layout (100 when `--from` chose it).
pub fn parse_bytes_sure(
    bytes: Vec<u8>,
    source: &str,
    options: ParseOptions,
) -> (Transcript, Confidence) {
    let decoded = common::source::decode(bytes);
    let mut diagnostics = decoded.diagnostics;
    let forced = options.from.and_then(reader_named);
    let (reader, confidence) = forced.map_or_else(
        || {
            let extension = extension_of(source);
            let (reader, confidence) = detect(decoded.text.as_str(), extension.as_deref());
            if confidence < LOW_CONFIDENCE && !decoded.text.as_str().trim().is_empty() {
                diagnostics.push(Diagnostic::warning(
                    0,
                    0,
                    format!(
                        "no reader is sure of this layout; read as {}; try --from (`soundbite formats` lists them)",
                        reader.name(),
                    ),
                ));
            }
            (reader, confidence)
        },
        |reader| (reader, 100),
    );
    let options = ParseOptions {
        fps: options.fps.max(1),
        ..options
    };
    let mut transcript = reader.read(&decoded.text, source, &options, diagnostics);
    common::settle::finish(&mut transcript);
    (transcript, confidence)
}

/// Parses a log held in a string.
pub fn parse_str(text: &str, source: &str, options: ParseOptions) -> Transcript {
    parse_bytes(text.as_bytes().to_vec(), source, options)
}
