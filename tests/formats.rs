//! Every layout soundbite reads, each from a fixture written for it, with the
//! reader detection picks and the segments, speakers, roles, times and ends
//! it must give.

mod common;

use common::fixture;
use soundbite::formats::{ParseOptions, READERS, parse_bytes};
use soundbite::model::{RoleSource, SegmentKind, Severity, Timecode, Transcript};

/// A segment read: kind, start in ms, speaker name, role, text.
type Row = (
    SegmentKind,
    Option<u64>,
    Option<String>,
    Option<String>,
    String,
);
/// A segment expected: kind, start in ms, speaker name, role, how the text starts.
type Expected<'a> = (
    SegmentKind,
    Option<u64>,
    Option<&'a str>,
    Option<&'a str>,
    &'a str,
);

/// `(kind, start in ms, speaker name, role, text start)` of every segment.
fn rows(t: &Transcript) -> Vec<Row> {
    t.segments
        .iter()
        .map(|s| {
            let speaker = t.speaker_of(s);
            (
                s.kind,
                s.start.map(Timecode::as_millis),
                speaker.and_then(|p| p.name.clone()),
                speaker.and_then(|p| p.role.clone()),
                s.text.to_string(),
            )
        })
        .collect()
}

fn check(t: &Transcript, format: &str, expected: &[Expected]) {
    assert_eq!(t.format, format, "reader chosen");
    let actual = rows(t);
    assert_eq!(actual.len(), expected.len(), "segments: {actual:#?}");
    for (i, (a, e)) in actual.iter().zip(expected).enumerate() {
        assert_eq!(a.0, e.0, "kind of {i}: {a:?}");
        assert_eq!(a.1, e.1, "start of {i}: {a:?}");
        assert_eq!(a.2.as_deref(), e.2, "name of {i}: {a:?}");
        assert_eq!(a.3.as_deref(), e.3, "role of {i}: {a:?}");
        assert!(
            a.4.starts_with(e.4),
            "text of {i}: {:?} should start {:?}",
            a.4,
            e.4
        );
    }
}

use SegmentKind::{Answer, Chapter, Question, Shot};

#[test]
fn press_transcripts_with_timed_turns_and_declared_roles() {
    let t = fixture("press-briefing.txt");
    let (host, guest) = (Some("Dana Pike"), Some("Marco Lindqvist"));
    check(
        &t,
        "transcript",
        &[
            (
                Question,
                Some(3_000),
                host,
                Some("Host"),
                "Good morning, everyone.",
            ),
            (
                Answer,
                Some(11_000),
                guest,
                Some("Guest"),
                "The outer wall held",
            ),
            (
                Answer,
                Some(32_000),
                guest,
                Some("Guest"),
                "The contractor starts",
            ),
            (
                Question,
                Some(65_000),
                host,
                Some("Host"),
                "How long will the ferry",
            ),
            (
                Answer,
                Some(69_000),
                guest,
                Some("Guest"),
                "About three weeks",
            ),
        ],
    );
    // Paragraphs of one turn are kept as one segment, and answers point at their question.
    assert!(
        t.segments[1]
            .text
            .contains("Two sections near the fuel store")
    );
    assert_eq!(t.segments[4].question, Some(3));
    assert_eq!(
        t.title(),
        Some("Harbour Authority Briefing on the Storm Repairs")
    );
    assert_eq!(t.speakers[0].role_source, Some(RoleSource::Log));
    assert_eq!(t.count(Severity::Warning), 0, "{:?}", t.diagnostics);
}

#[test]
fn untimed_podcasts_resolve_short_names_and_keep_music_apart() {
    let t = fixture("podcast-untimed.txt");
    let (ruth, tomas) = (Some("RUTH OKAFOR"), Some("TOMAS LIND"));
    check(
        &t,
        "transcript",
        &[
            (Shot, None, None, None, "[THEME MUSIC]"),
            (
                Question,
                None,
                ruth,
                Some("Host"),
                "Welcome back to Tideline.",
            ),
            (Answer, None, tomas, None, "Thanks for having me."),
            (Question, None, ruth, Some("Host"), "What did you see"),
            (Answer, None, tomas, None, "Nothing but spray."),
            (Question, None, ruth, Some("Host"), "Were you afraid?"),
            (Answer, None, tomas, None, "Not until we were tied up"),
            (Shot, None, None, None, "[MUSIC FADES]"),
        ],
    );
    assert_eq!(
        t.speakers.len(),
        2,
        "RUTH and LIND are the two people named in full"
    );
}

#[test]
fn podcasts_with_names_and_times_on_one_line_infer_the_interviewer() {
    let t = fixture("podcast-timed.txt");
    let (one, two) = (Some("Speaker 1"), Some("Speaker 2"));
    let iv = Some("Interviewer");
    check(
        &t,
        "transcript",
        &[
            (Question, Some(0), one, iv, "So where were you"),
            (Answer, Some(4_000), two, None, "Up at the school"),
            (Question, Some(9_000), one, iv, "And who organised that?"),
            (Answer, Some(12_000), two, None, "The teachers, mostly."),
            (Question, Some(21_000), one, iv, "Did the power stay on?"),
            (
                Answer,
                Some(24_000),
                two,
                None,
                "Only the emergency lights.",
            ),
        ],
    );
    assert_eq!(t.speakers[0].role_source, Some(RoleSource::Inferred));
    // Each answer runs to the next start, which is near enough to be its end.
    assert_eq!(t.segments[1].end.map(Timecode::as_millis), Some(9_000));
    assert!(!t.segments[1].end_estimated);
}

#[test]
fn machine_transcripts_start_a_segment_at_every_bracketed_time() {
    let t = fixture("machine-transcript.txt");
    check(
        &t,
        "transcript",
        &[
            (Answer, Some(2_000), None, None, "the water reached"),
            (
                Answer,
                Some(7_000),
                None,
                None,
                "we carried the older people up to the school",
            ),
            (
                Answer,
                Some(11_000),
                None,
                None,
                "and the boats were already loose",
            ),
            (Answer, Some(15_000), None, None, "nobody slept"),
        ],
    );
    assert_eq!(
        t.segments[1].text.as_str(),
        "we carried the older people up to the school"
    );
}

#[test]
fn oral_histories_take_interviewers_from_the_header_and_read_q_and_a() {
    let t = fixture("oral-history-bracketed.txt");
    let agnes = Some("Agnes Toft");
    let (iv, ee) = (Some("Interviewer"), Some("Interviewee"));
    check(
        &t,
        "transcript",
        &[
            (
                Question,
                Some(6_000),
                Some("Paul Hendry"),
                iv,
                "Thank you for meeting us.",
            ),
            (Answer, Some(19_000), agnes, ee, "My father kept it"),
            (Answer, Some(62_000), agnes, ee, "The winter of the storm"),
            (
                Question,
                Some(100_000),
                Some("Mira Sandoval"),
                iv,
                "How did you manage",
            ),
            (Question, Some(107_000), None, iv, "And the supply boat?"),
            (Answer, None, agnes, ee, "It came once"),
        ],
    );
    let metadata = t.metadata.as_ref().expect("a header");
    assert_eq!(
        metadata.fields.get("INTERVIEWERS").map(String::as_str),
        Some("Paul Hendry, Mira Sandoval")
    );
    assert_eq!(metadata.location.as_deref(), Some("Saltmarsh Quay Library"));
    assert!(
        metadata
            .description
            .as_deref()
            .is_some_and(|d| d.starts_with("This session covers"))
    );
}

#[test]
fn srt_cues_join_into_turns_and_sounds_stay_cues() {
    let t = fixture("captions.srt");
    check(
        &t,
        "srt",
        &[
            (Shot, Some(1_000), None, None, "( waves breaking )"),
            (
                Answer,
                Some(4_000),
                Some("HARBOUR MASTER"),
                None,
                "The wall went first, then the pontoons. We lost four boats",
            ),
            (Answer, Some(10_000), None, None, "Were any of them yours?"),
            (
                Answer,
                Some(12_400),
                Some("MAYA"),
                None,
                "Two of them were mine.",
            ),
            (Answer, Some(12_400), None, None, "Really?"),
            (Answer, Some(12_400), None, None, "Yes, both."),
            (
                Answer,
                Some(15_000),
                Some("Narrator"),
                None,
                "The harbour reopened",
            ),
        ],
    );
    // First start, last end; no tags and no cue numbers in the text.
    assert_eq!(t.segments[1].end.map(Timecode::as_millis), Some(9_000));
    assert!(
        t.segments
            .iter()
            .all(|s| !s.text.contains('<') && !s.text.ends_with(char::is_numeric))
    );
}

#[test]
fn webvtt_voices_merge_their_cues_and_markup_is_stripped() {
    let t = fixture("captions.vtt");
    let (ines, sigrun) = (Some("Ines Valtonen"), Some("Sigrun Dahl"));
    check(
        &t,
        "webvtt",
        &[
            (Answer, Some(500), ines, None, "Tell me about the night"),
            (
                Answer,
                Some(3_000),
                sigrun,
                None,
                "The water came over the wall a little after midnight. By two, the quay road was a river. And then the pontoons went.",
            ),
            (
                Answer,
                Some(10_000),
                ines,
                None,
                "Did anyone stay on the boats?",
            ),
        ],
    );
    assert_eq!(t.segments[1].end.map(Timecode::as_millis), Some(10_000));
    assert!(t.segments[2].text.contains(" & why?"));
    let metadata = t.metadata.as_ref().expect("the header");
    assert_eq!(metadata.title.as_deref(), Some("Harbour interview"));
    assert_eq!(
        metadata.fields.get("Language").map(String::as_str),
        Some("en")
    );
}

#[test]
fn ohms_index_points_become_chapters() {
    let t = fixture("oral-history-index.xml");
    check(
        &t,
        "ohms",
        &[
            (Chapter, Some(0), None, None, "Childhood at the lighthouse"),
            (
                Chapter,
                Some(754_500),
                None,
                None,
                "The winter of the storm & after",
            ),
        ],
    );
    assert_eq!(t.segments[0].end.map(Timecode::as_millis), Some(754_500));
    assert!(
        t.segments[0]
            .text
            .contains("Keywords: lighthouse; lamp; childhood")
    );
    let metadata = t.metadata.as_ref().expect("the record");
    assert_eq!(
        metadata.title.as_deref(),
        Some("Oral history interview with Agnes Toft")
    );
    assert_eq!(
        metadata.date.map(|d| d.to_string()).as_deref(),
        Some("2024-03-04")
    );
}

#[test]
fn from_forces_a_reader_and_any_reader_survives_any_file() {
    let srt = std::fs::read(common::fixture_path("captions.srt")).unwrap_or_default();
    let prose = b"Just a paragraph of prose.\r\nAnd a second line\rwith a lone CR.".to_vec();
    let vtt = std::fs::read(common::fixture_path("captions.vtt")).unwrap_or_default();
    for reader in READERS {
        for input in [&srt, &prose, &vtt] {
            let mut with_bom = b"\xEF\xBB\xBF".to_vec();
            with_bom.extend_from_slice(input);
            let options = ParseOptions {
                from: Some(reader.name()),
                ..ParseOptions::default()
            };
            let t = parse_bytes(with_bom, "forced", options);
            assert_eq!(t.format, reader.name());
        }
    }
    let forced = parse_bytes(
        prose,
        "x.txt",
        ParseOptions {
            from: Some("srt"),
            ..ParseOptions::default()
        },
    );
    assert!(
        forced
            .diagnostics
            .iter()
            .any(|d| d.line > 0 || d.message.contains("no cues"))
    );
}

#[test]
fn a_file_no_reader_is_sure_of_is_read_with_a_warning_naming_the_reader() {
    let t = common::parse("Just some words.\nAnd more words.");
    assert!(
        t.diagnostics
            .iter()
            .any(|d| d.message.contains("no reader is sure") && d.message.contains(t.format))
    );
}

#[test]
fn tv_scripts_read_double_bracket_speakers_anchor_narration_and_fields() {
    let t = fixture("tv-script.txt");
    let sigrun = (Some("Sigrun Dahl"), Some("Harbour Master"));
    check(
        &t,
        "footage-log",
        &[
            (Answer, None, None, Some("Anchor"), "A week after the storm"),
            (
                Answer,
                None,
                None,
                Some("Narrator"),
                "The sea came over the wall just after midnight. Boats were left",
            ),
            (Answer, None, sigrun.0, sigrun.1, "We moved the small boats"),
            (
                Answer,
                None,
                Some("Tomas Lind"),
                Some("Ferry Captain"),
                "We ran out of rope before we ran out of boats,",
            ),
            (
                Shot,
                None,
                None,
                None,
                "Lind said. The ferry has not sailed since.",
            ),
            (
                Question,
                None,
                None,
                Some("Interviewer"),
                "Will the wall be rebuilt?",
            ),
            (Answer, None, sigrun.0, sigrun.1, "Higher than before"),
            (
                Answer,
                None,
                sigrun.0,
                sigrun.1,
                "The visitors will come back",
            ),
            (Answer, None, None, Some("Vox Pop"), ""),
            (
                Answer,
                None,
                None,
                Some("Vox Pop"),
                "I stayed with my sister",
            ),
            (
                Answer,
                None,
                Some("Arne Moe"),
                Some("Fishermen's Union"),
                "",
            ),
        ],
    );
    // The quote is only the quote; the question is answered in the soundbite.
    assert_eq!(
        t.segments[3].text.as_str(),
        "We ran out of rope before we ran out of boats,"
    );
    assert_eq!(t.segments[6].question, Some(5));
    // One speaker, a language per segment.
    let languages: Vec<_> = [2, 6, 7]
        .iter()
        .map(|&i| t.segments[i].language.as_deref())
        .collect();
    assert_eq!(
        languages,
        [Some("Norwegian"), Some("Norwegian"), Some("English")]
    );
    // Numbered anonymous vox pops are two people; a vox pop with no words keeps a segment.
    assert_ne!(t.segments[8].speaker, t.segments[9].speaker);
    assert_eq!(t.count(Severity::Warning), 2);
    let fields = &t.metadata.as_ref().expect("a header").fields;
    assert_eq!(fields.get("TRT").map(String::as_str), Some("2:38"));
    assert!(t.speakers.iter().all(|s| s.name.as_deref() != Some("TRT")));
}

#[test]
fn documentary_logs_declare_speakers_and_time_their_turns_by_initials() {
    let t = fixture("documentary-log.txt");
    check(
        &t,
        "timecode-log",
        &[
            (
                Shot,
                Some(315_000),
                None,
                None,
                "Sigrun Dahl (SD) from left",
            ),
            (
                Shot,
                Some(340_000),
                None,
                None,
                "Close of the cracked stones. Gulls overhead.",
            ),
            (
                Answer,
                Some(1_267_000),
                Some("Sigrun Dahl"),
                Some("harbour master of Saltmarsh Quay"),
                "",
            ),
            (
                Answer,
                Some(1_290_000),
                Some("Tomas Lind"),
                Some("captain of the island ferry"),
                "",
            ),
            (
                Answer,
                Some(1_322_000),
                Some("Ines Valtonen"),
                Some("Voice-over"),
                "",
            ),
        ],
    );
}

#[test]
fn dopesheets_split_several_shots_on_a_line_and_run_together_headers() {
    let t = fixture("dopesheet.txt");
    let starts: Vec<_> = t
        .segments
        .iter()
        .map(|s| (s.kind, s.start.map(Timecode::as_millis)))
        .collect();
    let hms = |h: u64, m: u64, s: u64| Some(((h * 60 + m) * 60 + s) * 1000);
    assert_eq!(
        starts,
        [
            (Shot, hms(12, 49, 15)),
            (Shot, hms(12, 49, 40)),
            (Shot, hms(12, 50, 2)),
            (Shot, hms(12, 51, 30))
        ]
    );
    assert_eq!(t.segments[1].text.as_str(), "#04 boats on the road");
    let fields = &t.metadata.as_ref().expect("a header").fields;
    assert_eq!(fields.get("IN_TIME").map(String::as_str), Some("10:02:11"));
    assert_eq!(
        fields.get("SOURCES").map(String::as_str),
        Some("Harbour Authority")
    );
}
