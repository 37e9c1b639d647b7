//! Every layout of the footage-log family, each in a fixture with its expected segments.
#![allow(clippy::too_many_lines)] // expected-segment tables are data, one row a segment

mod common;

use chrono::NaiveDate;
use common::{assert_rows, fixture, parse};
use soundbite::input::SAMPLE_LOG;
use soundbite::model::SegmentKind::{Answer, Question, Shot};
use soundbite::model::{Severity, Timecode};

const IV: Option<&str> = Some("Interviewer");

#[test]
fn the_bundled_sample_mirrors_every_irregularity_of_a_footage_page() {
    let t = parse(SAMPLE_LOG);
    let harbour = (Some("Sigrun Dahl"), Some("Harbour Master"));
    let ferry = (Some("Tomas Lind"), Some("Ferry Captain"));
    assert_rows(
        &t,
        &[
            (
                Question,
                Some("02:14"),
                None,
                IV,
                "Can you tell us what the harbour",
                None,
            ),
            (
                Answer,
                Some("02:20"),
                harbour.0,
                harbour.1,
                "The water came over the wall",
                Some(0),
            ),
            (
                Question,
                Some("03:41"),
                None,
                IV,
                "Were people warned",
                None,
            ),
            // `(Role, no name given)`
            (
                Answer,
                Some("03:47"),
                None,
                Some("Lifeboat Volunteer"),
                "We knocked on every door",
                Some(2),
            ),
            (Question, Some("06:05"), None, IV, "What did you find", None),
            // `(No name given, Role)`, and a quote never closed
            (
                Answer,
                Some("06:12"),
                None,
                Some("Resident"),
                "Mud in every room",
                Some(4),
            ),
            (
                Question,
                Some("09:30"),
                None,
                IV,
                "How has the ferry service",
                None,
            ),
            // a blank line between the speaker line and the quote
            (
                Answer,
                Some("09:38"),
                ferry.0,
                ferry.1,
                "We lost two days",
                Some(6),
            ),
            // a question with no timecode
            (
                Question,
                None,
                None,
                IV,
                "Is the village going to rebuild",
                None,
            ),
            // timecode and quote, no speaker: the last one who answered goes on
            (
                Answer,
                Some("12:02"),
                ferry.0,
                ferry.1,
                "There is a meeting on Thursday",
                Some(8),
            ),
            (
                Question,
                Some("14:45"),
                None,
                IV,
                "Who has helped you most",
                None,
            ),
            (
                Answer,
                Some("14:52"),
                harbour.0,
                harbour.1,
                "Honestly, the school children",
                Some(10),
            ),
            (
                Question,
                None,
                None,
                IV,
                "What do you hope the village",
                None,
            ),
            (
                Answer,
                Some("17:20"),
                harbour.0,
                harbour.1,
                "Boats back on the water",
                Some(12),
            ),
            (Question, None, None, IV, "Is there anything you want", None),
            // the last line, with no newline after it
            (
                Answer,
                Some("18:05"),
                harbour.0,
                harbour.1,
                "That we are fine, really",
                Some(14),
            ),
        ],
    );
    let warnings: Vec<_> = t.diagnostics.iter().map(|d| (d.line, d.severity)).collect();
    let unclosed = t.segments[5].line + 1;
    assert_eq!(warnings, [(unclosed, Severity::Warning)]);
    assert!(t.diagnostics[0].message.contains("never closed"));
    assert!(t.segments[5].text.ends_with("that week."));
    assert!(
        t.segments[15].text.ends_with("buy some fish."),
        "closing quote removed"
    );
}

#[test]
fn the_bundled_sample_has_a_full_footage_page_header() {
    let t = parse(SAMPLE_LOG);
    let m = t.metadata.as_ref().expect("metadata");
    assert_eq!(
        m.title.as_deref(),
        Some("After the Water: Voices from Saltmarsh Quay")
    );
    assert_eq!(m.creator.as_deref(), Some("Ines Valtonen"));
    assert_eq!(m.location.as_deref(), Some("Norway"));
    assert_eq!(m.date, NaiveDate::from_ymd_opt(2023, 10, 19));
    assert_eq!(m.license.as_deref(), Some("Non-Exclusive License $480.00"));
    assert_eq!(m.media_format.as_deref(), Some("prores"));
    assert_eq!(m.bitrate.as_deref(), Some("147.2 mbps"));
    assert_eq!(m.notes.len(), 1);
    assert!(m.notes[0].starts_with("Need broadcast rights"));
    let description = m.description.as_deref().unwrap_or_default();
    assert!(description.starts_with("Filmed on October 19, 2023"));
    assert!(description.contains("\nMost families have chosen"));
    assert!(description.ends_with("residents of the lower town."));
}

#[test]
fn ends_come_from_the_next_start_while_plausible_or_the_word_count() {
    let t = parse(SAMPLE_LOG);
    assert_eq!(t.segments[0].end, Some(Timecode::from_secs(140)));
    assert!(!t.segments[0].end_estimated);
    // 42 words take 16.8 s: the next start, 144 s on, is no end of it.
    assert_eq!(
        t.segments[7].end,
        Some(Timecode::from_millis(578_000 + 16_800))
    );
    assert!(t.segments[7].end_estimated);
    assert_eq!(t.segments[8].end, None);
    // An untimed question in between does not end the answer before it.
    let short = parse(
        "00:10 Question:\n“Where?”\n00:12 (Ana, Guide)\n“Here and there.”\nQuestion:\n“Untimed?”\n00:15 (Ana, Guide)\n“Yes.”",
    );
    assert_eq!(short.segments[1].end, Some(Timecode::from_secs(15)));
    assert!(!short.segments[1].end_estimated);
    // The last one: 17 words at 150 a minute.
    let last = &t.segments[15];
    assert_eq!(
        last.end,
        last.start.map(|s| s.saturating_add_millis(17 * 400))
    );
}

#[test]
fn named_speaker_with_inline_question_and_answer_labels() {
    let t = fixture("named-speaker-paragraphs.txt");
    let baker = (Some("Karim"), Some("Baker"));
    assert_rows(
        &t,
        &[
            (
                Answer,
                None,
                baker.0,
                baker.1,
                "The oven was the first thing",
                None,
            ),
            (
                Question,
                None,
                None,
                IV,
                "Where did the flour come from?",
                None,
            ),
            (
                Answer,
                None,
                baker.0,
                baker.1,
                "A farmer from the next valley",
                Some(1),
            ),
            (Question, None, None, IV, "did he ask for payment?", None),
            (Answer, None, baker.0, baker.1, "Not a coin.", Some(3)),
        ],
    );
    assert!(t.metadata.is_none());
    assert!(t.diagnostics.is_empty());
}

#[test]
fn soundbite_with_language_detail_and_a_range_on_the_next_line() {
    let t = fixture("soundbite-range.txt");
    assert_rows(
        &t,
        &[
            (
                Answer,
                Some("02:10"),
                Some("Dilan Aras"),
                Some("Driver for the water committee"),
                "Every morning",
                None,
            ),
            (
                Answer,
                Some("03:00"),
                Some("Mira Hollis"),
                Some("aid coordinator"),
                "We counted",
                None,
            ),
        ],
    );
    assert_eq!(t.segments[0].end, Some(Timecode::from_secs(156)));
    assert_eq!(t.segments[1].end, Some(Timecode::from_secs(192)));
    assert_eq!(t.segments[0].timecode.as_deref(), Some("02:10 – 02:36"));
    let dilan = &t.speakers[0];
    assert_eq!(
        (dilan.language.as_deref(), dilan.detail.as_deref()),
        (Some("Kurdish"), Some("Man"))
    );
    assert_eq!(t.speakers[1].language.as_deref(), Some("English"));
}

#[test]
fn numbered_vox_pops_named_or_anonymous() {
    let t = fixture("vox-pops.txt");
    assert_rows(
        &t,
        &[
            (
                Answer,
                None,
                Some("Petra Lund"),
                Some("Harbour Cooperative"),
                "The nets were the first thing we saved.",
                None,
            ),
            (
                Answer,
                None,
                None,
                Some("Vox Pop"),
                "We slept in the school hall",
                None,
            ),
            (
                Answer,
                None,
                Some("Jonas Berg"),
                Some("Fire Brigade"),
                "Nobody was hurt",
                None,
            ),
        ],
    );
    assert_eq!(t.speakers[0].language.as_deref(), Some("English"));
    assert_eq!(t.speakers[1].detail.as_deref(), Some("Vox Pop 2"));
}

#[test]
fn parenthesised_timecodes_with_trailing_end_times() {
    let t = fixture("paren-timecodes.txt");
    let cook = (Some("Lucia"), Some("the ferry cook"));
    assert_rows(
        &t,
        &[
            (
                Answer,
                Some("07:02"),
                cook.0,
                cook.1,
                "The galley flooded first",
                None,
            ),
            (
                Question,
                Some("07:26"),
                None,
                IV,
                "Where did you sleep",
                None,
            ),
            (
                Answer,
                Some("07:30"),
                cook.0,
                cook.1,
                "In the lifeboats",
                Some(1),
            ),
        ],
    );
    assert_eq!(t.segments[0].end, Some(Timecode::from_secs(7 * 60 + 25)));
    assert_eq!(t.segments[1].end, Some(Timecode::from_secs(7 * 60 + 29)));
    assert_eq!(t.speakers[0].language.as_deref(), Some("Spanish"));
    assert_eq!(t.speakers[0].detail.as_deref(), Some("woman"));
}

#[test]
fn agency_shotlist_with_shots_and_soundbites() {
    let t = fixture("agency-shotlist.txt");
    assert_rows(
        &t,
        &[
            (Shot, None, None, None, "Wide of burnt orchard rows", None),
            (
                Answer,
                None,
                Some("Owen Marsh"),
                Some("orchard owner"),
                "Forty years of trees",
                None,
            ),
            (Shot, None, None, None, "Close of blackened apples", None),
            (Shot, None, None, None, "Various of neighbours", None),
            (
                Answer,
                None,
                Some("Ada Quinn"),
                Some("neighbour"),
                "We formed a line",
                None,
            ),
        ],
    );
    assert_eq!(t.segments[4].timecode.as_deref(), Some("9 sec"));
    let m = t.metadata.as_ref().expect("metadata");
    assert_eq!(m.title.as_deref(), Some("ORCHARD FIRE / HILL VILLAGE"));
    assert_eq!(m.date, NaiveDate::from_ymd_opt(2022, 8, 3));
    assert_eq!(m.location.as_deref(), Some("ALDER HILL"));
    assert_eq!(m.fields.get("TRT").map(String::as_str), Some("02:05"));
    assert_eq!(
        m.fields.get("SOURCE").map(String::as_str),
        Some("Valley Pictures")
    );
}

#[test]
fn headers_with_page_chrome_by_line_and_place_and_date_on_two_lines() {
    let t = fixture("header-variants.txt");
    let m = t.metadata.as_ref().expect("metadata");
    assert_eq!(m.title.as_deref(), Some("The Lighthouse Keepers"));
    assert_eq!(m.creator.as_deref(), Some("Marta Ellison"));
    assert_eq!(m.location.as_deref(), Some("Halden, Norway"));
    assert_eq!(m.date, NaiveDate::from_ymd_opt(2021, 6, 3));
    assert_eq!(m.license, None);
    assert_eq!(
        m.notes,
        ["Skip to main content", "Archive > Interviews > Coast"]
    );
    assert_eq!(t.segments.len(), 2);

    let t = fixture("iso-date-header.txt");
    let m = t.metadata.as_ref().expect("metadata");
    assert_eq!(
        (m.title.as_deref(), m.location.as_deref()),
        (Some("Quarry Voices"), Some("Lisbon"))
    );
    assert_eq!(m.date, NaiveDate::from_ymd_opt(2019, 3, 14));
    // HH:MM:SS:FF at 25 fps
    assert_eq!(t.segments[0].start, Some(Timecode::from_millis(12_400)));
}

#[test]
fn text_with_no_timecodes_loads_as_untimed_segments() {
    let t = fixture("no-timecodes.txt");
    assert_rows(
        &t,
        &[
            (
                Answer,
                None,
                Some("Nadia"),
                Some("Librarian"),
                "We kept the reading room open",
                None,
            ),
            (Question, None, None, IV, "Why did people still come?", None),
            (
                Answer,
                None,
                Some("Nadia"),
                Some("Librarian"),
                "Because it was the only quiet place",
                Some(1),
            ),
        ],
    );
}

#[test]
fn broken_timecodes_become_warnings_and_the_rest_loads() {
    let t = fixture("broken.txt");
    let messages: Vec<(usize, &str)> = t
        .diagnostics
        .iter()
        .map(|d| (d.line, d.message.as_str()))
        .collect();
    assert_eq!(messages.len(), 4, "{messages:#?}");
    assert!(messages[0].1.contains("`99:99` is not valid"));
    assert!(messages[1].1.contains("goes back"));
    assert!(messages[2].1.contains("no text"));
    assert!(messages[3].1.contains("ends before it starts"));
    assert_eq!(t.segments.len(), 5);
    assert_eq!(t.segments[0].start, None);
    assert_eq!(t.segments[0].timecode.as_deref(), Some("99:99"));
    assert_eq!(t.unparsed.len(), 1);
    assert_eq!(t.unparsed[0].text, "00:40 Question:");
    assert!(
        t.diagnostics
            .iter()
            .all(|d| d.severity == Severity::Warning)
    );
}

#[test]
fn escape_sequences_and_bidi_controls_are_removed_everywhere() {
    let t = fixture("hostile.txt");
    assert_eq!(t.title(), Some("Hostile Log"));
    assert_eq!(t.segments[0].text, "Is this safe?");
    assert_eq!(t.segments[1].text, "Nothing here escapes.");
    assert_eq!(t.speakers[1].name.as_deref(), Some("Evil Name"));
    assert_eq!(t.speakers[1].role.as_deref(), Some("Role"));
    let json = serde_json::to_string(&t.speakers).unwrap_or_default();
    assert!(!json.contains('\u{1b}') && !json.contains('\u{202e}'));
    assert_eq!(t.diagnostics.len(), 4);
    assert!(
        t.diagnostics
            .iter()
            .all(|d| d.message.starts_with("removed"))
    );
}
