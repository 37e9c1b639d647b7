//! Encodings, line endings and hostile input: same segments or a clear
//! diagnostic, never a panic.

mod common;

use common::{parse, rows};
use soundbite::formats::{ParseOptions, parse_bytes};
use soundbite::input::SAMPLE_LOG;
use soundbite::model::Severity;

fn parse_raw(bytes: Vec<u8>) -> soundbite::model::Transcript {
    parse_bytes(bytes, "raw", ParseOptions::default())
}

#[test]
fn crlf_bom_and_lone_cr_give_the_same_segments() {
    let plain = rows(&parse(SAMPLE_LOG));
    let crlf = SAMPLE_LOG.replace('\n', "\r\n");
    assert_eq!(rows(&parse(&crlf)), plain);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(SAMPLE_LOG.as_bytes());
    assert_eq!(rows(&parse_raw(bom)), plain);
    let cr = SAMPLE_LOG.replace('\n', "\r");
    assert_eq!(rows(&parse(&cr)), plain);
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in SAMPLE_LOG.encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    assert_eq!(rows(&parse_raw(utf16)), plain);
}

#[test]
fn line_numbers_survive_crlf() {
    let plain = parse(SAMPLE_LOG);
    let crlf = parse(&SAMPLE_LOG.replace('\n', "\r\n"));
    let lines =
        |t: &soundbite::model::Transcript| t.segments.iter().map(|s| s.line).collect::<Vec<_>>();
    assert_eq!(lines(&plain), lines(&crlf));
    assert_eq!(plain.diagnostics, crlf.diagnostics);
}

#[test]
fn empty_input_is_an_error_not_a_crash() {
    let t = parse_raw(Vec::new());
    assert!(t.has_errors());
    assert!(t.segments.is_empty());
    let t = parse("\n\n   \n");
    assert!(t.segments.is_empty() && t.metadata.is_none());
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning() {
    let mut bytes = b"00:05 Question:\n\xE2\x80\x9CIs it ".to_vec();
    bytes.extend([0xFF, 0xFE, 0xC3]);
    bytes.extend("ok?\u{201D}".as_bytes());
    let t = parse_raw(bytes);
    assert_eq!(t.segments.len(), 1);
    assert!(t.segments[0].text.contains('\u{FFFD}'));
    let d = &t.diagnostics[0];
    assert_eq!((d.line, d.column, d.severity), (2, 8, Severity::Warning));
}

#[test]
fn binary_data_is_reported_and_does_not_crash() {
    let bytes: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let t = parse_raw(bytes);
    assert!(t.has_errors());
    assert!(t.diagnostics.iter().any(|d| d.message.contains("binary")));
}

#[test]
fn nul_bytes_are_removed_with_a_warning() {
    let t = parse("00:01 Question:\n“What\0 now?”\n");
    assert_eq!(t.segments[0].text, "What now?");
    assert_eq!(t.diagnostics.len(), 1);
    assert_eq!(t.diagnostics[0].line, 2);
}

#[test]
fn a_twenty_megabyte_line_loads() {
    let mut log = String::from("00:01 (Ana, Guide)\n“");
    log.push_str(&"word ".repeat(4_000_000));
    log.push_str("end”\n00:02 Question:\n“Next?”");
    let t = parse(&log);
    assert_eq!(t.segments.len(), 2);
    assert_eq!(t.segments[0].text.len(), 20_000_003);
}

#[test]
fn timecodes_out_of_range_or_going_backwards_are_warnings() {
    let t = parse("00:30 (A, B)\n“one”\n00:10 (A, B)\n“two”\n1:75:00 (A, B)\n“three”\n");
    assert_eq!(t.segments.len(), 3);
    let messages: Vec<&str> = t.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert!(messages[0].contains("goes back"), "{messages:?}");
    assert!(
        messages[1].contains("minutes must be under 60"),
        "{messages:?}"
    );
    assert!(!t.has_errors());
}

#[test]
fn nothing_is_lost_from_the_sample() {
    let t = parse(SAMPLE_LOG);
    let mut kept = String::new();
    let m = t.metadata.clone().unwrap_or_default();
    for part in [
        m.title,
        m.creator,
        m.location,
        m.license,
        m.media_format,
        m.bitrate,
        m.description,
    ]
    .into_iter()
    .flatten()
    {
        kept.push_str(&part);
        kept.push('\n');
    }
    kept.extend(m.notes.iter().map(|n| format!("{n}\n")));
    for s in &t.segments {
        kept.push_str(&s.text);
        kept.push('\n');
    }
    for speaker in &t.speakers {
        kept.push_str(&speaker.label());
    }
    for word in SAMPLE_LOG.split(|c: char| !c.is_alphanumeric()) {
        let dates_and_labels = [
            "Question", "Oct", "No", "name", "given", "Format", "Bitrate", "Created", "by",
        ];
        if word.is_empty()
            || word.chars().all(|c| c.is_ascii_digit())
            || dates_and_labels.contains(&word)
        {
            continue;
        }
        assert!(kept.contains(word), "lost word {word:?}");
    }
}
