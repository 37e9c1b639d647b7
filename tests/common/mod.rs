//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod pty;

use std::path::PathBuf;

use soundbite::formats::{ParseOptions, parse_bytes};
use soundbite::model::{Segment, SegmentKind, Transcript};

pub fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn fixture(name: &str) -> Transcript {
    let bytes = std::fs::read(fixture_path(name)).unwrap_or_default();
    parse_bytes(bytes, name, ParseOptions::default())
}

/// Parses bytes under a name, as the command line would a file of that name.
pub fn parse_named(bytes: Vec<u8>, name: &str) -> Transcript {
    parse_bytes(bytes, name, ParseOptions::default())
}

pub fn parse(text: &str) -> Transcript {
    parse_bytes(text.as_bytes().to_vec(), "test", ParseOptions::default())
}

/// One expected segment: kind, start as written by `Timecode`'s display,
/// speaker name and role, the start of the text, the question answered.
pub type Row<'a> = (
    SegmentKind,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    &'a str,
    Option<usize>,
);

/// A segment as owned values: kind, start, name, role, text, question answered.
pub type OwnedRow = (
    SegmentKind,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    Option<usize>,
);

pub fn rows(transcript: &Transcript) -> Vec<OwnedRow> {
    transcript
        .segments
        .iter()
        .map(|s: &Segment| {
            let speaker = transcript.speaker_of(s);
            (
                s.kind,
                s.start.map(|t| t.to_string()),
                speaker.and_then(|p| p.name.clone()),
                speaker.and_then(|p| p.role.clone()),
                s.text.to_string(),
                s.question,
            )
        })
        .collect()
}

/// Compares segments with the expected rows; texts compare by prefix.
pub fn assert_rows(transcript: &Transcript, expected: &[Row]) {
    let actual = rows(transcript);
    assert_eq!(actual.len(), expected.len(), "segment count: {actual:#?}");
    for (i, (a, e)) in actual.iter().zip(expected).enumerate() {
        assert_eq!(a.0, e.0, "kind of segment {i}");
        assert_eq!(a.1.as_deref(), e.1, "start of segment {i}");
        assert_eq!(a.2.as_deref(), e.2, "name of segment {i}");
        assert_eq!(a.3.as_deref(), e.3, "role of segment {i}");
        assert!(
            a.4.starts_with(e.4),
            "text of segment {i}: {:?} should start with {:?}",
            a.4,
            e.4
        );
        assert_eq!(a.5, e.5, "question of segment {i}");
    }
}
