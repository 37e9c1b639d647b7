//! Every fixture, mutated the ways real files go wrong (timecodes, labels
//! and quotes inserted, control bytes, invalid UTF-8, lines doubled and
//! dropped), through every reader: no panic, every id valid, every start
//! before its end, the counts of `check` those of the export, and every
//! word of every line kept somewhere. Run in the debug build, so that
//! arithmetic overflow panics too.

use proptest::prelude::*;
use soundbite::formats::common::sanitize::sanitize;
use soundbite::formats::{ParseOptions, READERS, parse_bytes};
use soundbite::model::{Severity, Transcript};

/// The fixtures, built in, so the test needs no file access.
const FIXTURES: &[(&str, &str)] = &[
    (
        "agency-shotlist.txt",
        include_str!("fixtures/agency-shotlist.txt"),
    ),
    ("broken.txt", include_str!("fixtures/broken.txt")),
    ("captions.srt", include_str!("fixtures/captions.srt")),
    ("captions.vtt", include_str!("fixtures/captions.vtt")),
    (
        "documentary-log.txt",
        include_str!("fixtures/documentary-log.txt"),
    ),
    ("dopesheet.txt", include_str!("fixtures/dopesheet.txt")),
    (
        "header-variants.txt",
        include_str!("fixtures/header-variants.txt"),
    ),
    ("hostile.txt", include_str!("fixtures/hostile.txt")),
    (
        "machine-transcript.txt",
        include_str!("fixtures/machine-transcript.txt"),
    ),
    (
        "named-speaker-paragraphs.txt",
        include_str!("fixtures/named-speaker-paragraphs.txt"),
    ),
    (
        "no-timecodes.txt",
        include_str!("fixtures/no-timecodes.txt"),
    ),
    (
        "oral-history-bracketed.txt",
        include_str!("fixtures/oral-history-bracketed.txt"),
    ),
    (
        "oral-history-index.xml",
        include_str!("fixtures/oral-history-index.xml"),
    ),
    (
        "paren-timecodes.txt",
        include_str!("fixtures/paren-timecodes.txt"),
    ),
    (
        "podcast-timed.txt",
        include_str!("fixtures/podcast-timed.txt"),
    ),
    (
        "podcast-untimed.txt",
        include_str!("fixtures/podcast-untimed.txt"),
    ),
    (
        "press-briefing.txt",
        include_str!("fixtures/press-briefing.txt"),
    ),
    (
        "soundbite-range.txt",
        include_str!("fixtures/soundbite-range.txt"),
    ),
    ("tv-script.txt", include_str!("fixtures/tv-script.txt")),
    ("vox-pops.txt", include_str!("fixtures/vox-pops.txt")),
];

/// One way a file goes wrong, at a line.
#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, Vec<u8>),
    Duplicate(usize),
    Delete(usize),
    Splice(usize, usize, Vec<u8>),
}

fn inserted() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"10:45 Question:".to_vec()),
        Just(b"5124095576030:25:51.999 Question:".to_vec()),
        Just(b"300000000000000:00".to_vec()),
        Just(b"99:99:99:99".to_vec()),
        Just(b"00:00:01,000 --> 00:00:00,500".to_vec()),
        Just(b"(Jane Roe, Nurse)".to_vec()),
        Just(b"JANE ROE (host): Hello again.".to_vec()),
        Just(b"Vox Pop 7:".to_vec()),
        Just("\u{201c}An open quote".as_bytes().to_vec()),
        Just("((Female in Arabic))".as_bytes().to_vec()),
        Just(b"\x1b[31mred\x1b]0;title\x07".to_vec()),
        Just(b"bad \xff\xfe bytes \xc3".to_vec()),
        Just(b"<point><time>12</time></point>".to_vec()),
        Just(b"[00:00:05] words".to_vec()),
        Just(b"#03 12:49:15".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..24),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0usize..80, inserted()).prop_map(|(at, bytes)| Mutation::Insert(at, bytes)),
        (0usize..80).prop_map(Mutation::Duplicate),
        (0usize..80).prop_map(Mutation::Delete),
        (0usize..80, 0usize..60, inserted()).prop_map(|(at, col, b)| Mutation::Splice(at, col, b)),
    ]
}

fn mutate(text: &str, mutations: &[Mutation]) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = text.lines().map(|l| l.as_bytes().to_vec()).collect();
    for mutation in mutations {
        let n = lines.len().max(1);
        match mutation {
            Mutation::Insert(at, bytes) => lines.insert(at % (lines.len() + 1), bytes.clone()),
            Mutation::Duplicate(at) if !lines.is_empty() => {
                let line = lines[at % n].clone();
                lines.insert(at % n, line);
            }
            Mutation::Delete(at) if !lines.is_empty() => {
                lines.remove(at % n);
            }
            Mutation::Splice(at, col, bytes) if !lines.is_empty() => {
                let line = &mut lines[at % n];
                let col = col % (line.len() + 1);
                line.splice(col..col, bytes.iter().copied());
            }
            _ => {}
        }
    }
    lines.join(&b'\n')
}

/// Everything the transcript kept, lower case, to look words up in.
fn kept_text(t: &Transcript) -> String {
    let mut all = String::new();
    let mut add = |text: &str| {
        all.push_str(&text.to_lowercase());
        all.push('\n');
    };
    for segment in &t.segments {
        add(&segment.text);
        segment.timecode.as_deref().map(&mut add);
        segment.language.as_deref().map(&mut add);
    }
    for speaker in &t.speakers {
        for part in [
            &speaker.name,
            &speaker.role,
            &speaker.language,
            &speaker.detail,
        ] {
            part.as_deref().map(&mut add);
        }
    }
    if let Some(m) = &t.metadata {
        for part in [
            &m.title,
            &m.creator,
            &m.location,
            &m.license,
            &m.media_format,
            &m.bitrate,
            &m.description,
        ] {
            part.as_deref().map(&mut add);
        }
        for (key, value) in &m.fields {
            add(key);
            add(value);
        }
        m.notes.iter().for_each(|note| add(note));
        if let Some(date) = m.date {
            add(&date.format("%B %b %Y").to_string());
        }
    }
    t.unparsed.iter().for_each(|u| add(&u.text));
    all
}

/// The text with `<tags>` taken out: markup, not words.
fn without_tags(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('>') {
            Some(close) if after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '/') => {
                rest = &after[close + 1..];
            }
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    for entity in [
        "&nbsp;", "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&lrm;", "&rlm;",
    ] {
        out = out.replace(entity, " ");
    }
    out
}

/// Words a line's labels and markup are made of, which need not be kept.
const MARKUP: &[&str] = &[
    "question",
    "answer",
    "soundbite",
    "sound",
    "bite",
    "anchor",
    "intro",
    "title",
    "voice",
    "over",
    "note",
    "style",
    "region",
    "webvtt",
    "host",
    "guest",
    "interviewer",
    "interviewers",
    "interviewee",
    "interviewed",
    "point",
    "time",
    "created",
    "format",
    "bitrate",
    "female",
    "male",
    "woman",
    "name",
    "given",
    "arabic",
    "align",
    "start",
    "position",
    "narrator",
    // Keys of header fields that fill a slot of the metadata.
    "story",
    "slug",
    "headline",
    "dateline",
    "creator",
    "location",
    "place",
    "license",
    "licence",
    "description",
    "summary",
    "date",
];

/// The words of a line that must be found again: four letters or more,
/// letters only, not markup.
fn words_to_keep(line: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(line);
    let clean = without_tags(&sanitize(&text).0).to_lowercase();
    clean
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4 && w.chars().all(char::is_alphabetic))
        .filter(|w| !MARKUP.contains(w))
        .map(str::to_owned)
        .collect()
}

fn check(t: &Transcript, input: &[u8], whole_words: bool) -> Result<(), TestCaseError> {
    for (i, segment) in t.segments.iter().enumerate() {
        prop_assert_eq!(segment.id, i);
        prop_assert!(segment.question.is_none_or(|q| q < i), "question of {}", i);
        prop_assert!(
            segment
                .speaker
                .is_none_or(|id| id.index() < t.speakers.len())
        );
        if let (Some(start), Some(end)) = (segment.start, segment.end) {
            prop_assert!(start <= end, "segment {} ends before it starts", i);
        }
        prop_assert!(segment.end.is_none() || segment.start.is_some());
    }
    let counted = t.count(Severity::Warning) + t.count(Severity::Error);
    let omitted = t.diagnostics.omitted(Severity::Warning) + t.diagnostics.omitted(Severity::Error);
    prop_assert_eq!(counted, t.diagnostics.len() + omitted);
    if whole_words {
        let kept = kept_text(t);
        // Lines end at LF, CRLF or a lone CR, as the readers split them.
        let lines: Vec<&[u8]> = input.split(|&b| b == b'\n' || b == b'\r').collect();
        for (i, line) in lines.iter().enumerate() {
            // A caption's cue id, one word before its timing, is syntax.
            let before_timing = lines
                .get(i + 1)
                .is_some_and(|next| next.windows(3).any(|w| w == b"-->"));
            if before_timing && !line.contains(&b' ') {
                continue;
            }
            // Markup is dropped by the caption readers and kept as text by
            // the others: either way, every word of the line is somewhere.
            let kept_with_tags = || {
                let text = String::from_utf8_lossy(line).to_lowercase();
                text.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.chars().count() >= 4 && w.chars().all(char::is_alphabetic))
                    .all(|w| kept.contains(w))
            };
            for word in words_to_keep(line) {
                prop_assert!(
                    kept.contains(&word) || (line.contains(&b'<') && kept_with_tags()),
                    "`{}` of line {:?} is lost",
                    word,
                    String::from_utf8_lossy(line)
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn mutated_fixtures_stay_whole_and_consistent(
        fixture in 0..FIXTURES.len(),
        mutations in proptest::collection::vec(mutation(), 0..6),
        forced in proptest::option::of(0..READERS.len()),
    ) {
        let (name, text) = FIXTURES[fixture];
        let input = mutate(text, &mutations);
        let from = forced.map(|i| READERS[i].name());
        let t = parse_bytes(input.clone(), name, ParseOptions { from, ..ParseOptions::default() });
        // XML keeps only what its elements mean (text in elements it does
        // not read is dropped), and a reader forced on another layout keeps
        // what it can.
        let whole_words = from.is_none() && t.format != "ohms";
        check(&t, &input, whole_words)?;
    }
}
