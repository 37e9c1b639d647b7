//! Every export format, frozen as golden files: the sample with selects (one
//! with in and out points and a note), and a log in source timecode with an
//! offset; and captions that soundbite reads back as they were written.

mod common;

use clap::ValueEnum;
use soundbite::export::{ExportFormat, ExportOptions, Scope, write};
use soundbite::filter::{Filter, Selection};
use soundbite::formats::{ParseOptions, parse_str};
use soundbite::index::Index;
use soundbite::input::SAMPLE_LOG;
use soundbite::model::{Timecode, Transcript};
use soundbite::selects::Selects;

fn export(
    format: ExportFormat,
    t: &Transcript,
    scope: &Scope<'_>,
    options: &ExportOptions,
) -> String {
    let mut out = Vec::new();
    write(format, t, scope, options, &mut out).unwrap_or_else(|e| panic!("{e}"));
    String::from_utf8(out).unwrap_or_else(|e| panic!("{e}"))
}

/// Three selects of the sample, out of log order: one shortened, one noted.
fn sample_selects(t: &Transcript) -> Selects {
    let mut selects = Selects::default();
    selects.toggle(&t.segments[3]);
    selects.toggle(&t.segments[1]);
    selects.set_point(&t.segments[1], Timecode::from_secs(142), true);
    selects.set_point(&t.segments[1], Timecode::from_secs(151), false);
    selects.toggle(&t.segments[9]);
    selects.set_note(0, "carried the dog out #open #people".into());
    selects
}

#[test]
fn the_sample_selects_in_every_format() {
    let t = parse_str(
        SAMPLE_LOG,
        "sample-footage-log.txt",
        ParseOptions::default(),
    );
    let selects = sample_selects(&t);
    let options = ExportOptions {
        fps: 25,
        offset_ms: 0,
        media: Some("saltmarsh-quay.mov".into()),
        drop_frame: false,
    };
    for &format in ExportFormat::value_variants() {
        let out = export(format, &t, &Scope::Selects(selects.items()), &options);
        insta::assert_snapshot!(format!("sample_selects_{}", format.extension()), out);
    }
}

#[test]
fn a_source_timecode_log_with_an_offset_in_every_format() {
    let t = common::fixture("source-timecode.txt");
    let index = Index::new(&t);
    let filter = Filter {
        roles: vec!["keeper".into()],
        speakers: Vec::new(),
    };
    let selection = Selection::of(&filter, &t, &index);
    // The log counts from ten hours; the file from zero.
    let options = ExportOptions {
        fps: 25,
        offset_ms: 10 * 3_600_000,
        media: None,
        drop_frame: false,
    };
    for &format in ExportFormat::value_variants() {
        let out = export(format, &t, &Scope::Kept(&selection, &index), &options);
        insta::assert_snapshot!(
            format!("source_timecode_keepers_{}", format.extension()),
            out
        );
    }
}

#[test]
fn captions_read_back_as_written() {
    let t = parse_str(SAMPLE_LOG, "sample", ParseOptions::default());
    let joined = |t: &Transcript| -> Vec<(String, String)> {
        // Per turn: the speaker's name and all its words, in order.
        let mut turns: Vec<(String, String)> = Vec::new();
        for segment in &t.segments {
            let name = t
                .speaker_of(segment)
                .and_then(|s| s.name.clone().or_else(|| s.role.clone()))
                .unwrap_or_default()
                .to_uppercase();
            let words = segment
                .text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            match turns.last_mut() {
                Some((last, text)) if *last == name => {
                    text.push(' ');
                    text.push_str(&words);
                }
                _ => turns.push((name, words)),
            }
        }
        turns
    };
    let timed: Vec<_> = t.segments.iter().filter(|s| s.start.is_some()).collect();
    for (format, name) in [
        (ExportFormat::Srt, "back.srt"),
        (ExportFormat::Vtt, "back.vtt"),
    ] {
        let out = export(
            format,
            &t,
            &Scope::All,
            &ExportOptions {
                fps: 25,
                ..ExportOptions::default()
            },
        );
        let back = parse_str(&out, name, ParseOptions::default());
        assert!(
            back.diagnostics.is_empty(),
            "{name}: {:?}",
            back.diagnostics.iter().collect::<Vec<_>>()
        );
        let original = joined(&Transcript {
            segments: timed.iter().map(|s| (*s).clone()).collect(),
            ..t.clone()
        });
        assert_eq!(joined(&back), original, "{name}");
        assert_eq!(
            back.segments.first().and_then(|s| s.start),
            t.segments[0].start,
            "{name}"
        );
    }
}

#[test]
fn edls_count_drop_frame_at_29_97() {
    let t = common::fixture("source-timecode.txt");
    let options = ExportOptions {
        fps: 30,
        offset_ms: 10 * 3_600_000,
        media: Some("lock.mxf".into()),
        drop_frame: true,
    };
    let out = export(ExportFormat::Edl, &t, &Scope::All, &options);
    insta::assert_snapshot!("source_timecode_drop_frame_edl", out);
}
