//! `update()` tests: actions in, state out, with a fake clock (no sleeping).

use std::time::Duration;

use soundbite::app::{Action, App, Effect, Mode, StartOptions, update};
use soundbite::filter::Filter;
use soundbite::formats::{ParseOptions, parse_str};
use soundbite::input::SAMPLE_LOG;
use soundbite::model::{SegmentKind, Timecode};

fn app() -> App {
    App::new(
        parse_str(SAMPLE_LOG, "sample", ParseOptions::default()),
        StartOptions::default(),
        Duration::ZERO,
    )
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn mmss(m: u64, s: u64) -> Timecode {
    Timecode::from_secs(m * 60 + s)
}

fn type_text(app: &mut App, text: &str, now: Duration) {
    for c in text.chars() {
        update(app, Action::Input(c), now);
    }
}

fn command(app: &mut App, text: &str, now: Duration) -> Vec<Effect> {
    update(app, Action::OpenCommand, now);
    type_text(app, text, now);
    update(app, Action::Submit, now)
}

fn speaker_name(app: &App) -> Option<String> {
    let segment = app
        .cursor_segment()
        .and_then(|id| app.transcript.segments.get(id))?;
    app.transcript
        .speaker_of(segment)
        .and_then(|s| s.name.clone())
}

#[test]
fn starts_paused_at_the_first_timed_segment() {
    let app = app();
    assert!(!app.player.is_playing());
    assert_eq!(app.player.position(secs(100)), mmss(2, 14));
    assert_eq!((app.cursor, app.playing), (0, Some(0)));
    assert!(app.follow);
}

#[test]
fn cursor_moves_by_segment_page_and_to_the_ends() {
    let mut app = app();
    update(&mut app, Action::CursorDown, secs(0));
    assert_eq!(app.cursor, 1);
    assert!(!app.follow, "moving by hand stops following");
    update(&mut app, Action::CursorUp, secs(0));
    update(&mut app, Action::CursorUp, secs(0));
    assert_eq!(app.cursor, 0);
    app.page_rows = 5;
    update(&mut app, Action::PageDown, secs(0));
    assert_eq!(app.cursor, 5);
    update(&mut app, Action::PageUp, secs(0));
    assert_eq!(app.cursor, 0);
    update(&mut app, Action::Last, secs(0));
    assert_eq!(app.cursor, 15);
    update(&mut app, Action::CursorDown, secs(0));
    assert_eq!(app.cursor, 15);
    update(&mut app, Action::First, secs(0));
    assert_eq!(app.cursor, 0);
    update(&mut app, Action::Select(7), secs(0));
    assert_eq!(app.cursor, 7);
    update(&mut app, Action::Scroll(-3), secs(0));
    assert_eq!(app.cursor, 4);
}

#[test]
fn next_and_previous_question() {
    let mut app = app();
    update(&mut app, Action::NextQuestion, secs(0));
    assert_eq!(app.cursor, 2);
    update(&mut app, Action::NextQuestion, secs(0));
    assert_eq!(app.cursor, 4);
    update(&mut app, Action::PreviousQuestion, secs(0));
    assert_eq!(app.cursor, 2);
    let kind = app.transcript.segments[app.cursor_segment().unwrap_or(0)].kind;
    assert_eq!(kind, SegmentKind::Question);
}

#[test]
fn space_plays_in_real_time_and_space_again_stops() {
    let mut app = app();
    update(&mut app, Action::TogglePlay, secs(10));
    assert!(app.player.is_playing());
    update(&mut app, Action::Tick, secs(13));
    assert_eq!(app.player.position(secs(13)), mmss(2, 17));
    update(&mut app, Action::Tick, secs(17));
    assert_eq!(app.playing, Some(1), "the answer at 02:20 is playing");
    assert_eq!(app.cursor, 1, "the cursor follows");
    update(&mut app, Action::TogglePlay, secs(20));
    assert!(!app.player.is_playing());
    assert_eq!(app.player.position(secs(99)), mmss(2, 24));
}

#[test]
fn playing_stops_at_the_end() {
    let mut app = app();
    update(&mut app, Action::Last, secs(0));
    update(&mut app, Action::PlayFromCursor, secs(0));
    update(&mut app, Action::TogglePlay, secs(0));
    update(&mut app, Action::Tick, secs(3600));
    assert!(!app.player.is_playing());
    assert_eq!(app.player.position(secs(3601)), app.player.end());
}

#[test]
fn seeking_speed_and_follow() {
    let mut app = app();
    update(&mut app, Action::Seek(30_000), secs(0));
    assert_eq!(app.player.position(secs(0)), mmss(2, 44));
    update(&mut app, Action::Seek(-5_000), secs(0));
    assert_eq!(app.player.position(secs(0)), mmss(2, 39));
    update(&mut app, Action::SpeedUp, secs(0));
    update(&mut app, Action::SpeedUp, secs(0));
    assert_eq!(app.player.speed_percent(), 150);
    update(&mut app, Action::SlowDown, secs(0));
    assert_eq!(app.player.speed_percent(), 125);
    update(&mut app, Action::Last, secs(0));
    assert!(!app.follow);
    update(&mut app, Action::Follow, secs(0));
    assert!(app.follow);
    assert_eq!(app.cursor, 1);
}

#[test]
fn enter_moves_the_playhead_to_the_cursor_and_untimed_segments_say_so() {
    let mut app = app();
    update(&mut app, Action::Select(9), secs(0));
    update(&mut app, Action::PlayFromCursor, secs(0));
    assert_eq!(app.player.position(secs(0)), mmss(12, 2));
    update(&mut app, Action::Select(8), secs(0));
    update(&mut app, Action::PlayFromCursor, secs(0));
    assert_eq!(app.player.position(secs(0)), mmss(12, 2));
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.error && s.text.contains("no timecode"))
    );
    update(&mut app, Action::Tick, secs(10));
    assert!(app.status.is_none(), "messages expire");
}

#[test]
fn jumping_to_a_timecode_lands_on_the_speaker_under_it() {
    let mut app = app();
    command(&mut app, "12:10", secs(0));
    assert_eq!(app.player.position(secs(0)), mmss(12, 10));
    assert_eq!(speaker_name(&app).as_deref(), Some("Tomas Lind"));
    command(&mut app, "+5:00", secs(0));
    assert_eq!(app.player.position(secs(0)), mmss(17, 10));
    assert_eq!(speaker_name(&app).as_deref(), Some("Sigrun Dahl"));
    command(&mut app, "0:05", secs(0));
    assert_eq!(app.cursor, 0, "before the first segment: the first");
    update(&mut app, Action::OpenJump, secs(0));
    type_text(&mut app, "6:20", secs(0));
    update(&mut app, Action::Submit, secs(0));
    assert_eq!(app.playing, Some(5));
}

#[test]
fn a_bad_timecode_shows_an_error_and_changes_nothing() {
    let mut app = app();
    update(&mut app, Action::Select(3), secs(0));
    let before = (app.cursor, app.player.position(secs(0)));
    command(&mut app, "99:99x", secs(0));
    assert_eq!((app.cursor, app.player.position(secs(0))), before);
    assert!(app.status.as_ref().is_some_and(|s| s.error));
    assert_eq!(app.mode, Mode::Normal);
    update(&mut app, Action::OpenJump, secs(0));
    type_text(&mut app, "role x", secs(0));
    update(&mut app, Action::Submit, secs(0));
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("not a timecode"))
    );
    assert!(!app.is_filtered());
}

#[test]
fn role_filter_hides_other_roles_and_keeps_questions_as_context() {
    let mut app = app();
    command(&mut app, "role ferry", secs(0));
    let rows: Vec<(usize, bool)> = app.rows.iter().map(|r| (r.segment, r.context)).collect();
    assert_eq!(rows, [(6, true), (7, false), (8, true), (9, false)]);
    update(&mut app, Action::ToggleContext, secs(0));
    let rows: Vec<usize> = app.rows.iter().map(|r| r.segment).collect();
    assert_eq!(rows, [7, 9]);
    command(&mut app, "role nobody", secs(0));
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("no role matches"))
    );
    assert_eq!(app.rows.len(), 2, "a failed filter changes nothing");
    update(&mut app, Action::ClearFilters, secs(0));
    assert_eq!(app.rows.len(), 16);
}

#[test]
fn playing_with_a_filter_skips_what_it_hides() {
    let mut app = app();
    command(&mut app, "role harbour master", secs(0));
    command(&mut app, "2:14", secs(0));
    update(&mut app, Action::TogglePlay, secs(0));
    assert_eq!(
        app.player.position(secs(0)),
        mmss(2, 20),
        "the question at 02:14 is skipped"
    );
    update(&mut app, Action::Tick, secs(1));
    assert_eq!(app.player.position(secs(1)), mmss(2, 21));
    // Past the end of the first answer, on to the next Harbour Master answer.
    update(&mut app, Action::Tick, secs(90));
    assert_eq!(app.playing, Some(11));
    assert_eq!(app.player.position(secs(90)), mmss(14, 52));
}

#[test]
fn speaker_filter_and_multiple_roles() {
    let mut app = app();
    command(&mut app, "speaker sigrun", secs(0));
    assert_eq!(app.rows.iter().filter(|r| !r.context).count(), 4);
    update(&mut app, Action::ClearFilters, secs(0));
    command(&mut app, "role resident, volunteer", secs(0));
    assert_eq!(app.rows.iter().filter(|r| !r.context).count(), 2);
    assert_eq!(app.filter_summary(), ["role: Lifeboat Volunteer, Resident"]);
}

#[test]
fn role_picker_toggles_and_applies_or_cancels() {
    let mut app = app();
    update(&mut app, Action::PickRoles, secs(0));
    assert!(matches!(&app.mode, Mode::Picker(p) if p.entries.iter().all(|e| e.1)));
    update(&mut app, Action::PickerAll, secs(0));
    update(&mut app, Action::CursorDown, secs(0));
    update(&mut app, Action::PickerToggle, secs(0));
    update(&mut app, Action::Cancel, secs(0));
    assert!(!app.is_filtered(), "Esc cancels");
    update(&mut app, Action::PickRoles, secs(0));
    update(&mut app, Action::PickerAll, secs(0));
    update(&mut app, Action::CursorDown, secs(0));
    update(&mut app, Action::PickerToggle, secs(0));
    update(&mut app, Action::Submit, secs(0));
    assert_eq!(app.filter_summary(), ["role: Harbour Master"]);
    update(&mut app, Action::PickSpeakers, secs(0));
    update(&mut app, Action::PickerAll, secs(0));
    update(&mut app, Action::Submit, secs(0));
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("nothing picked"))
    );
}

#[test]
fn a_long_search_goes_on_between_keys_and_n_finds_matches_not_reached_yet() {
    let mut app = app();
    // Two segments a step: the sample is a long log at this scale.
    app.search = soundbite::app::SearchState::with_step(2);
    update(&mut app, Action::OpenSearch, secs(0));
    type_text(&mut app, "wall", secs(0));
    assert!(app.search.is_searching());
    assert_eq!(
        app.next_wake(secs(0)),
        Some(Duration::ZERO),
        "no waiting while rows are left"
    );
    update(&mut app, Action::Submit, secs(0));
    assert_eq!(app.cursor, 1);
    update(&mut app, Action::NextMatch, secs(0));
    assert_eq!(app.cursor, 8, "searched on as far as the next match");
    while app.search.is_searching() {
        update(&mut app, Action::Tick, secs(0));
    }
    assert_eq!(app.search.matches, [1, 8, 9, 13], "the same as at once");
    assert_ne!(app.next_wake(secs(0)), Some(Duration::ZERO));
}

#[test]
fn incremental_search_counts_and_steps_through_matches() {
    let mut app = app();
    update(&mut app, Action::OpenSearch, secs(0));
    type_text(&mut app, "wa", secs(0));
    let broad = app.search.matches.len();
    type_text(&mut app, "ll", secs(0));
    assert!(app.search.matches.len() < broad);
    assert_eq!(app.search.matches, [1, 8, 9, 13]);
    assert_eq!(app.search.current, Some(0));
    update(&mut app, Action::Submit, secs(0));
    assert_eq!(app.cursor, 1);
    update(&mut app, Action::NextMatch, secs(0));
    assert_eq!((app.cursor, app.search.current), (8, Some(1)));
    update(&mut app, Action::PreviousMatch, secs(0));
    update(&mut app, Action::PreviousMatch, secs(0));
    assert_eq!(
        (app.cursor, app.search.current),
        (13, Some(3)),
        "wraps around"
    );
    update(&mut app, Action::OpenSearch, secs(0));
    type_text(&mut app, "Wall", secs(0));
    assert!(
        app.search.matches.is_empty(),
        "a capital makes the search exact"
    );
    update(&mut app, Action::Cancel, secs(0));
    assert!(!app.search.is_active(), "Esc clears the search");
}

#[test]
fn search_finds_names_and_roles_too() {
    let mut app = app();
    update(&mut app, Action::OpenSearch, secs(0));
    type_text(&mut app, "ferry captain", secs(0));
    assert_eq!(app.search.matches, [7, 9], "by role");
    update(&mut app, Action::Cancel, secs(0));
    update(&mut app, Action::OpenSearch, secs(0));
    type_text(&mut app, "sigrun", secs(0));
    assert_eq!(app.search.matches, [1, 11, 13, 15], "by name");
}

#[test]
fn start_options_from_the_command_line() {
    let start = StartOptions {
        at: Some(mmss(14, 50)),
        filter: Filter {
            roles: vec!["master".into()],
            speakers: vec![],
        },
        search: Some("children".into()),
        segment: None,
        play: true,
    };
    let app = App::new(
        parse_str(SAMPLE_LOG, "sample", ParseOptions::default()),
        start,
        secs(0),
    );
    assert!(app.player.is_playing());
    assert_eq!(app.filter_summary(), ["role: Harbour Master"]);
    assert_eq!(app.search.matches, [11]);
    assert_eq!(app.cursor_segment(), Some(11));
}

#[test]
fn help_and_quit() {
    let mut app = app();
    update(&mut app, Action::ToggleHelp, secs(0));
    assert_eq!(app.mode, Mode::Help(0));
    update(&mut app, Action::CursorDown, secs(0));
    assert_eq!(app.mode, Mode::Help(1));
    update(&mut app, Action::ToggleHelp, secs(0));
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(update(&mut app, Action::Quit, secs(0)), [Effect::Quit]);
    assert_eq!(command(&mut app, "quit", secs(0)), [Effect::Quit]);
}

#[test]
fn paused_means_no_wake_ups_and_playing_wakes_at_the_next_second() {
    let mut app = app();
    // The sample's one warning is announced, and the message expires after 4 s.
    assert_eq!(app.next_wake(secs(0)), Some(secs(4)));
    update(&mut app, Action::Tick, secs(5));
    assert_eq!(
        app.next_wake(secs(5)),
        None,
        "paused with nothing to expire: sleep until input"
    );
    update(&mut app, Action::TogglePlay, Duration::from_millis(0));
    assert_eq!(
        app.next_wake(Duration::from_millis(300)),
        Some(Duration::from_millis(700))
    );
}

#[test]
fn the_whole_log_replaces_its_first_part_keeping_the_place() {
    let first_part: String = SAMPLE_LOG.lines().take(30).collect::<Vec<_>>().join("\n");
    let start = StartOptions {
        filter: Filter {
            roles: vec!["harbour".into()],
            speakers: vec![],
        },
        ..StartOptions::default()
    };
    let mut app = App::new(
        parse_str(&first_part, "sample", ParseOptions::default()),
        start,
        secs(0),
    );
    let shown_before = app.rows.len();
    app.replace_transcript(
        parse_str(SAMPLE_LOG, "sample", ParseOptions::default()),
        secs(0),
    );
    assert!(app.rows.len() > shown_before);
    assert_eq!(app.filter_summary(), ["role: Harbour Master"]);
    assert_eq!(app.player.end(), app.index.end());
}

#[test]
fn problems_are_reported_for_the_whole_log_once_it_has_loaded() {
    // The first part ends on a question label whose text is cut off.
    let first_part = "00:10 Question:\n“Why?”\n00:20 (Ana, Guide)\n“Because.”\n00:30 Question:\n";
    let whole = format!("{first_part}“And then?”\n00:40 (Ana, Guide)\n“We left.”\n");
    let mut app = App::new(
        parse_str(first_part, "log", ParseOptions::default()),
        StartOptions::default(),
        secs(0),
    );
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("1 warning"))
    );
    app.begin_loading();
    assert_eq!(
        app.status, None,
        "the cut-off label is not a problem of the log"
    );
    app.replace_transcript(parse_str(&whole, "log", ParseOptions::default()), secs(1));
    assert_eq!(app.status, None, "the whole log has no problems");

    let mut app = App::new(
        parse_str(first_part, "log", ParseOptions::default()),
        StartOptions::default(),
        secs(0),
    );
    app.begin_loading();
    let broken = format!("{whole}99:99 Question:\n“Late?”\n");
    app.replace_transcript(parse_str(&broken, "log", ParseOptions::default()), secs(1));
    let status = app.status.expect("the whole log's problems");
    assert!(status.text.contains("warning"), "{}", status.text);
}

#[test]
fn opening_a_log_with_errors_says_so() {
    let bytes: Vec<u8> = (0..4000u32).map(|i| (i % 7) as u8).collect();
    let transcript = soundbite::formats::parse_bytes(bytes, "binary", ParseOptions::default());
    let app = App::new(transcript, StartOptions::default(), secs(0));
    let status = app.status.expect("a message");
    assert!(
        status.error && status.text.contains("binary data"),
        "{}",
        status.text
    );
}

#[test]
fn backspace_edits_the_prompt_and_leaves_it_when_empty() {
    let mut app = app();
    update(&mut app, Action::OpenSearch, secs(0));
    type_text(&mut app, "walls", secs(0));
    assert!(app.search.matches.is_empty());
    update(&mut app, Action::Backspace, secs(0));
    assert_eq!(
        app.search.matches.len(),
        4,
        "widening the search finds the matches again"
    );
    for _ in 0..4 {
        update(&mut app, Action::Backspace, secs(0));
    }
    assert!(matches!(&app.mode, Mode::Prompt(p) if p.input.is_empty()));
    update(&mut app, Action::Backspace, secs(0));
    assert_eq!(app.mode, Mode::Normal);
    assert!(!app.search.is_active());
}

#[test]
fn tab_toggles_the_speakers_panel() {
    let mut app = app();
    update(&mut app, Action::ToggleSpeakers, secs(0));
    assert!(app.show_speakers);
    update(&mut app, Action::ToggleSpeakers, secs(0));
    assert!(!app.show_speakers);
}

#[test]
fn a_message_goes_stale_at_the_next_key() {
    let mut app = app();
    command(&mut app, "foo", secs(1));
    assert!(app.status.as_ref().is_some_and(|s| s.error));
    command(&mut app, "10:00", secs(2));
    assert!(
        app.status.is_none(),
        "the error of :foo is gone after a jump that worked"
    );
    update(&mut app, Action::OpenSearch, secs(3));
    type_text(&mut app, "zzzq", secs(3));
    update(&mut app, Action::Submit, secs(3));
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("no matches"))
    );
    update(&mut app, Action::OpenSearch, secs(4));
    type_text(&mut app, "wall", secs(4));
    update(&mut app, Action::Submit, secs(4));
    assert!(
        app.status.is_none(),
        "a search that matches says nothing of the last one"
    );
}

#[test]
fn escape_clears_a_committed_search() {
    let mut app = app();
    update(&mut app, Action::OpenSearch, secs(1));
    type_text(&mut app, "wall", secs(1));
    update(&mut app, Action::Submit, secs(1));
    assert!(app.search.is_active());
    update(&mut app, Action::Cancel, secs(2));
    assert!(!app.search.is_active());
    assert!(app.search.matches.is_empty());
}

#[test]
fn a_double_click_plays_from_the_row() {
    let mut app = app();
    update(&mut app, Action::PlayRow(3), secs(1));
    assert_eq!(app.cursor, 3);
    assert!(app.player.is_playing());
    let start = app.transcript.segments[3].start.unwrap_or_default();
    assert_eq!(app.player.position(secs(1)), start);
    assert_eq!(
        app.player.position(secs(3)),
        start.saturating_add_millis(2000)
    );
}

#[test]
fn the_problems_list_opens_moves_and_goes_to_a_segment() {
    let log = "00:10 Question:\n“Why?”\n00:20 (Ana, Guide)\n“Because.”\n00:30 (Ana, Guide)\n“An open quote\n00:40 Question:\n“And then?”";
    let mut app = App::new(
        parse_str(log, "t", ParseOptions::default()),
        StartOptions::default(),
        Duration::ZERO,
    );
    assert!(!app.transcript.diagnostics.is_empty());
    update(&mut app, Action::ShowProblems, secs(1));
    assert_eq!(app.mode, Mode::Problems(0));
    update(&mut app, Action::CursorDown, secs(1));
    assert_eq!(
        app.mode,
        Mode::Problems(0),
        "one problem: the cursor stays on it"
    );
    update(&mut app, Action::Submit, secs(1));
    assert_eq!(app.mode, Mode::Normal);
    // The open quote is on line 6, in the segment that starts on line 5.
    assert_eq!(app.cursor_segment(), Some(2));
    command(&mut app, "problems", secs(2));
    assert_eq!(app.mode, Mode::Problems(0));
    update(&mut app, Action::Cancel, secs(2));
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn a_log_with_no_problems_says_so() {
    let mut app = App::new(
        parse_str("00:10 Question:\n“Why?”", "t", ParseOptions::default()),
        StartOptions::default(),
        Duration::ZERO,
    );
    update(&mut app, Action::ShowProblems, secs(1));
    assert_eq!(app.mode, Mode::Normal);
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("no problems"))
    );
}

#[test]
fn a_speaker_filter_that_leaves_nothing_with_the_role_filter_is_refused_and_explained() {
    let mut app = app();
    command(&mut app, "role harbour", secs(1));
    let shown = app.rows.len();
    assert!(shown > 0);
    command(&mut app, "speaker tomas", secs(2));
    assert_eq!(app.rows.len(), shown, "the filters stay as they were");
    let status = app.status.clone().map(|s| s.text).unwrap_or_default();
    assert!(status.contains("filters combine"), "{status}");
    assert_eq!(app.filter_summary(), ["role: Harbour Master"]);
    command(&mut app, "speaker sigrun", secs(3));
    assert_eq!(
        app.filter_summary(),
        ["role: Harbour Master and speaker: Sigrun Dahl"]
    );
}

#[test]
fn pickers_narrow_as_you_type_and_an_empty_one_says_why() {
    let mut app = app();
    update(&mut app, Action::PickSpeakers, secs(1));
    // Everyone off, then narrow to one and turn them on.
    update(&mut app, Action::PickerAll, secs(1));
    update(&mut app, Action::OpenSearch, secs(1));
    type_text(&mut app, "dahl", secs(1));
    update(&mut app, Action::Submit, secs(1));
    let Mode::Picker(picker) = &app.mode else {
        panic!("the picker stays open");
    };
    let shown: Vec<&str> = picker
        .visible()
        .iter()
        .map(|&i| picker.entries[i].0.as_str())
        .collect();
    assert_eq!(shown, ["Sigrun Dahl · Harbour Master"]);
    update(&mut app, Action::PickerToggle, secs(1));
    update(&mut app, Action::Submit, secs(1));
    assert_eq!(app.filter_summary(), ["speaker: Sigrun Dahl"]);

    let mut empty = App::new(
        parse_str("Only words.", "t", ParseOptions::default()),
        StartOptions::default(),
        Duration::ZERO,
    );
    update(&mut empty, Action::PickRoles, secs(1));
    assert_eq!(empty.mode, Mode::Normal);
    assert!(
        empty
            .status
            .as_ref()
            .is_some_and(|s| s.text.contains("no roles to pick"))
    );
}

#[test]
fn filtered_playback_can_play_the_questions_before_the_answers() {
    let mut app = app();
    app.play_questions = true;
    command(&mut app, "role harbour master", secs(0));
    command(&mut app, "2:14", secs(0));
    update(&mut app, Action::TogglePlay, secs(0));
    assert_eq!(
        app.player.position(secs(0)),
        mmss(2, 14),
        "the question is played"
    );
    assert_eq!(app.playing, Some(0));
    update(&mut app, Action::Tick, secs(7));
    assert_eq!(app.playing, Some(1), "then its answer");
}

#[test]
fn offsets_move_the_log_time_not_the_media_and_are_saved() {
    use soundbite::media::MediaCommand;
    let mut app = app();
    let effects = command(&mut app, "offset 2:00", secs(0));
    assert_eq!(app.offset_ms, 120_000);
    // The media stays at 2:14; the log now reads 4:14 there.
    assert_eq!(app.player.position(secs(0)), mmss(4, 14));
    assert!(effects.contains(&Effect::SaveOffset(120_000)));
    let effects = command(&mut app, "8:00", secs(0));
    assert_eq!(
        effects,
        [Effect::Media(MediaCommand::Seek(mmss(6, 0)))],
        "seeks go out in media time"
    );
    // Sync: the segment under the cursor starts where the media is now.
    update(&mut app, Action::Select(9), secs(0));
    command(&mut app, "offset sync", secs(0));
    let start = app
        .cursor_segment()
        .and_then(|id| app.transcript.segments[id].start);
    assert_eq!(Some(app.player.position(secs(0))), start);
    assert_eq!(app.offset_ms, (12 * 60 + 2 - 6 * 60) * 1000);
    command(&mut app, "offset -0:30", secs(0));
    assert_eq!(app.offset_ms, -30_000);
    command(&mut app, "offset soon", secs(0));
    assert_eq!(app.offset_ms, -30_000);
    assert!(app.status.as_ref().is_some_and(|s| s.error));
}

#[test]
fn media_opens_what_is_named_or_found_beside_the_log() {
    let mut app = app();
    assert!(command(&mut app, "media", secs(0)).is_empty());
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.error && s.text.contains(":media PATH"))
    );
    let effects = command(&mut app, "media talk.mp4", secs(0));
    assert_eq!(effects, [Effect::OpenMedia("talk.mp4".into())]);
    app.media_offer = Some("beside.wav".into());
    let effects = command(&mut app, "media", secs(0));
    assert_eq!(effects, [Effect::OpenMedia("beside.wav".into())]);
}

#[test]
fn from_a_library_backspace_goes_back_and_filtered_playback_played_through_says_so() {
    let mut app = app();
    let effects = update(&mut app, Action::Back, secs(0));
    assert!(effects.is_empty(), "no library to go back to");
    app.in_library = true;
    assert_eq!(update(&mut app, Action::Back, secs(0)), [Effect::Back]);
    // Esc clears a search first, then goes back.
    command(&mut app, "role harbour master", secs(0));
    update(&mut app, Action::OpenSearch, secs(0));
    for c in "wall".chars() {
        update(&mut app, Action::Input(c), secs(0));
    }
    update(&mut app, Action::Submit, secs(0));
    assert!(update(&mut app, Action::Cancel, secs(0)).is_empty());
    assert_eq!(update(&mut app, Action::Cancel, secs(0)), [Effect::Back]);
    // Past the last match, `n` asks the library for the next interview's.
    command(&mut app, "clear", secs(0));
    update(&mut app, Action::OpenSearch, secs(0));
    for c in "wall".chars() {
        update(&mut app, Action::Input(c), secs(0));
    }
    update(&mut app, Action::Submit, secs(0));
    update(&mut app, Action::Last, secs(0));
    assert_eq!(
        update(&mut app, Action::NextMatch, secs(0)),
        [Effect::HitsElsewhere { forward: true }]
    );
    update(&mut app, Action::First, secs(0));
    assert_eq!(
        update(&mut app, Action::PreviousMatch, secs(0)),
        [Effect::HitsElsewhere { forward: false }]
    );
    update(&mut app, Action::Cancel, secs(0));
    command(&mut app, "role harbour master", secs(0));
    // Playing the harbour master to the last of her segments.
    update(&mut app, Action::Last, secs(0));
    update(&mut app, Action::PlayFromCursor, secs(0));
    update(&mut app, Action::TogglePlay, secs(0));
    let mut effects = Vec::new();
    for tick in 1..3600 {
        effects.extend(update(&mut app, Action::Tick, secs(tick)));
        if !app.player.is_playing() {
            break;
        }
    }
    assert!(effects.contains(&Effect::PlayedThrough), "{effects:?}");
}
