//! Property tests: the parser survives anything, and timecodes round-trip.

use proptest::prelude::*;
use soundbite::formats::{
    DEFAULT_FPS, ParseOptions, confidences, detect, parse_bytes, parse_timecode,
};
use soundbite::model::{Timecode, count_words};

/// Pieces real logs are made of, to build inputs that reach deep into the grammar.
fn log_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("09:55 Question:".to_owned()),
        Just("10:01 (Ahmed, Citizen)".to_owned()),
        Just("(No name given, Citizen)".to_owned()),
        Just("“An open quote".to_owned()),
        Just("closing words.”".to_owned()),
        Just("“Is it a question?”".to_owned()),
        Just("SOUNDBITE (Arabic, Woman) Huda, Nurse".to_owned()),
        Just("01:05 – 01:31".to_owned()),
        Just("Vox Pop 2:".to_owned()),
        Just("1. Wide of street".to_owned()),
        Just("STORY: X".to_owned()),
        Just("Answer: yes".to_owned()),
        Just("(04:34) Why? (04:38)".to_owned()),
        Just(String::new()),
        "[ -~]{0,40}",
        "\\PC{0,20}",
        "[0-9:().,–\\-\" ]{0,16}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let t = parse_bytes(bytes, "fuzz", ParseOptions::default());
        for segment in &t.segments {
            prop_assert!(segment.speaker.is_none_or(|id| id.index() < t.speakers.len()));
        }
    }

    #[test]
    fn log_like_input_never_panics_and_stays_consistent(pieces in proptest::collection::vec(log_piece(), 0..40), crlf in any::<bool>()) {
        let text = pieces.join(if crlf { "\r\n" } else { "\n" });
        let t = parse_bytes(text.into_bytes(), "fuzz", ParseOptions::default());
        for (i, segment) in t.segments.iter().enumerate() {
            prop_assert_eq!(segment.id, i);
            if let Some(q) = segment.question {
                prop_assert!(q < i);
            }
            if let (Some(start), Some(end)) = (segment.start, segment.end) {
                prop_assert!(end >= start);
            }
            prop_assert!(!segment.text.chars().any(|c| c.is_control() && c != '\n'));
        }
    }

    #[test]
    fn detection_picks_the_first_of_the_surest_readers(pieces in proptest::collection::vec(log_piece(), 0..30), extension in prop_oneof![Just(None), Just(Some("txt")), Just(Some("srt")), Just(Some("vtt")), Just(Some("xml"))]) {
        // Detection skips readers that cannot beat the best so far; it must
        // still pick what asking every reader would.
        let text = pieces.join("\n");
        let all = confidences(&text, extension);
        let best = all.iter().map(|(_, sure)| *sure).max().unwrap_or(0);
        let first = all.iter().find(|(_, sure)| *sure == best).map(|(reader, _)| reader.name());
        let (picked, sure) = detect(&text, extension);
        prop_assert_eq!(sure, best);
        if best > 0 {
            prop_assert_eq!(Some(picked.name()), first);
        }
    }

    #[test]
    fn timecodes_print_then_parse_to_the_same_time(seconds in 0u64..360_000) {
        let tc = Timecode::from_secs(seconds);
        prop_assert_eq!(parse_timecode(&tc.to_string(), DEFAULT_FPS), Ok(tc));
    }

    #[test]
    fn frames_and_milliseconds_parse_within_the_second(h in 0u64..24, m in 0u64..60, s in 0u64..60, f in 0u64..25, ms in 0u64..1000) {
        let base = ((h * 60 + m) * 60 + s) * 1000;
        let framed = parse_timecode(&format!("{h:02}:{m:02}:{s:02}:{f:02}"), 25);
        prop_assert_eq!(framed, Ok(Timecode::from_millis(base + f * 40)));
        let fraction = parse_timecode(&format!("{h:02}:{m:02}:{s:02}.{ms:03}"), 25);
        prop_assert_eq!(fraction, Ok(Timecode::from_millis(base + ms)));
    }

    #[test]
    fn words_are_counted_like_splitting_at_white_space(text in "[a-z \n\t“”é]{0,600}") {
        let expected = text.split(|c: char| c <= ' ').filter(|word| !word.is_empty()).count();
        prop_assert_eq!(count_words(&text), expected);
    }

    #[test]
    fn the_block_sanitizer_check_agrees_with_the_char_rules(text in "[a-z “”–’\u{1b}\u{7f}\u{85}\u{a0}\u{202a}-\u{202f}\u{2066}-\u{2069}é]{0,100}") {
        let cleaned = soundbite::formats::common::sanitize::sanitize(&text).0;
        let expected_dirty = text.chars().any(|c| c.is_control() || soundbite::formats::common::sanitize::is_bidi_control(c));
        prop_assert_eq!(cleaned != text, expected_dirty);
    }

    #[test]
    fn a_whole_text_is_clean_when_every_line_is(text in "[a-z \n\r“”–’…\u{1b}\u{7f}\u{85}\u{a0}\u{202a}-\u{202f}\u{2066}-\u{2069}é]{0,300}") {
        use soundbite::formats::common::sanitize::{is_clean_text, sanitize};
        let every_line_clean = text.split(['\n', '\r']).all(|line| !sanitize(line).1.any());
        prop_assert_eq!(is_clean_text(&text), every_line_clean);
    }
}
