//! Selects in the player: marking while listening, notes, the pane's order,
//! undo, quotes for the clipboard, and the exports they feed.

use std::time::Duration;

use soundbite::app::{Action, App, Effect, Mode, StartOptions, update};
use soundbite::formats::{ParseOptions, parse_str};
use soundbite::input::SAMPLE_LOG;
use soundbite::media::MediaCommand;
use soundbite::model::Timecode;

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

fn press(app: &mut App, actions: &[Action]) -> Vec<Effect> {
    actions
        .iter()
        .flat_map(|&a| update(app, a, secs(0)))
        .collect()
}

fn type_in(app: &mut App, text: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in text.chars() {
        effects.extend(update(app, Action::Input(c), secs(0)));
    }
    effects.extend(update(app, Action::Submit, secs(0)));
    effects
}

fn marked(app: &App) -> Vec<usize> {
    app.selects.items().iter().map(|s| s.segment).collect()
}

fn clipboard(effects: &[Effect]) -> Option<String> {
    effects.iter().find_map(|e| match e {
        Effect::Clipboard(text) => Some(text.clone()),
        _ => None,
    })
}

#[test]
fn m_marks_and_unmarks_and_every_change_is_saved() {
    let mut app = app();
    let effects = press(&mut app, &[Action::CursorDown, Action::ToggleSelect]);
    assert_eq!(marked(&app), [1]);
    assert!(effects.contains(&Effect::SaveSelects));
    assert!(app.is_select(1));
    press(
        &mut app,
        &[Action::CursorDown, Action::CursorDown, Action::ToggleSelect],
    );
    assert_eq!(marked(&app), [1, 3]);
    let effects = press(&mut app, &[Action::ToggleSelect]);
    assert_eq!(marked(&app), [1]);
    assert!(effects.contains(&Effect::SaveSelects));
    let effects = press(&mut app, &[Action::Undo]);
    assert_eq!(marked(&app), [1, 3]);
    assert!(effects.contains(&Effect::SaveSelects));
}

#[test]
fn while_playing_and_following_m_marks_the_segment_playing() {
    let mut app = app();
    update(&mut app, Action::TogglePlay, secs(0));
    update(&mut app, Action::Tick, secs(10));
    assert_eq!(app.playing, Some(1));
    update(&mut app, Action::ToggleSelect, secs(10));
    assert_eq!(marked(&app), [1]);
    // In and out at the playhead make a select shorter than its segment.
    update(&mut app, Action::MarkIn, secs(10));
    update(&mut app, Action::MarkOut, secs(15));
    let select = &app.selects.items()[0];
    assert_eq!(select.in_ms, Some(144_000));
    assert_eq!(select.out_ms, Some(149_000));
    assert_eq!(select.duration_ms(&app.transcript), 5_000);
}

#[test]
fn a_note_is_one_clean_line_with_tags_and_the_pane_filters_by_them() {
    let mut app = app();
    press(&mut app, &[Action::CursorDown, Action::EditNote]);
    assert!(
        matches!(app.mode, Mode::Prompt(_)),
        "a marks the segment and asks for a note"
    );
    let effects = type_in(&mut app, "opening \u{1b}[31mline #Cold");
    assert!(effects.contains(&Effect::SaveSelects));
    let select = &app.selects.items()[0];
    assert!(!select.note.contains('\u{1b}'), "{:?}", select.note);
    assert_eq!(select.tags().collect::<Vec<_>>(), ["cold"]);
    press(
        &mut app,
        &[Action::CursorDown, Action::CursorDown, Action::ToggleSelect],
    );
    press(&mut app, &[Action::OpenCommand]);
    type_in(&mut app, "select tag cold");
    assert_eq!(app.mode, Mode::Selects(0));
    assert_eq!(app.shown_selects(), [0]);
    press(&mut app, &[Action::Cancel, Action::OpenCommand]);
    type_in(&mut app, "select role lifeboat");
    assert_eq!(app.shown_selects(), [1]);
    press(&mut app, &[Action::Cancel, Action::OpenCommand]);
    type_in(&mut app, "select all");
    assert_eq!(app.shown_selects(), [0, 1]);
}

#[test]
fn the_pane_orders_removes_notes_and_jumps() {
    let mut app = app();
    press(&mut app, &[Action::ShowSelects]);
    assert_eq!(app.mode, Mode::Normal, "no pane with no selects");
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("no selects"))
    );
    for row in [1, 3, 5] {
        press(&mut app, &[Action::Select(row), Action::ToggleSelect]);
    }
    press(&mut app, &[Action::ShowSelects, Action::CursorDown]);
    assert_eq!(app.mode, Mode::Selects(1));
    let effects = press(&mut app, &[Action::MoveSelectUp]);
    assert!(effects.contains(&Effect::SaveSelects));
    assert_eq!(marked(&app), [3, 1, 5]);
    assert_eq!(app.mode, Mode::Selects(0), "the cursor moves with it");
    press(&mut app, &[Action::MoveSelectDown, Action::MoveSelectDown]);
    assert_eq!(marked(&app), [1, 5, 3]);
    press(&mut app, &[Action::RemoveSelect]);
    assert_eq!(marked(&app), [1, 5]);
    press(&mut app, &[Action::Undo]);
    assert_eq!(marked(&app), [1, 5, 3]);
    press(&mut app, &[Action::EditNote]);
    let effects = type_in(&mut app, "closer");
    assert!(effects.contains(&Effect::SaveSelects));
    // The removed one was the last: the cursor stayed on the one before it.
    assert_eq!(app.selects.items()[1].note, "closer");
    assert_eq!(app.mode, Mode::Selects(1), "back in the pane");
    let effects = press(&mut app, &[Action::Submit]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.cursor_segment(), Some(5));
    let start = app.transcript.segments[5].start.map(Timecode::as_millis);
    assert!(effects.iter().any(
        |e| matches!(e, Effect::Media(MediaCommand::Seek(at)) if Some(at.as_millis()) == start)
    ));
}

#[test]
fn y_copies_a_quote_with_attribution_and_capital_y_the_timecode() {
    let mut app = app();
    let effects = press(&mut app, &[Action::CursorDown, Action::CopyQuote]);
    let quote = clipboard(&effects).unwrap_or_default();
    assert!(
        quote.starts_with("\u{201c}The water came over the wall"),
        "{quote}"
    );
    assert!(
        quote.ends_with("\u{201d} \u{2014} Sigrun Dahl, Harbour Master (After the Water: Voices from Saltmarsh Quay, 02:20)"),
        "{quote}"
    );
    let effects = press(&mut app, &[Action::CopyTimecode]);
    assert_eq!(clipboard(&effects).as_deref(), Some("02:20"));
    // From the pane, a select with an in point copies its own time.
    update(&mut app, Action::ToggleSelect, secs(0));
    app.selects.set_point(
        &app.transcript.segments[1].clone(),
        Timecode::from_secs(150),
        true,
    );
    let effects = press(&mut app, &[Action::ShowSelects, Action::CopyTimecode]);
    assert_eq!(clipboard(&effects).as_deref(), Some("02:30"));
}

#[test]
fn a_long_quote_is_cut_at_a_word_and_the_status_says_so() {
    let long = format!(
        "00:01 (Ana Berg, Pilot)\n\u{201c}{}\u{201d}\n",
        "the harbour wall held ".repeat(200)
    );
    let mut app = App::new(
        parse_str(&long, "long", ParseOptions::default()),
        StartOptions::default(),
        Duration::ZERO,
    );
    let effects = press(&mut app, &[Action::CopyQuote]);
    let quote = clipboard(&effects).unwrap_or_default();
    assert!(quote.chars().count() <= soundbite::app::MAX_QUOTE_CHARS);
    assert!(quote.ends_with('…'));
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("cut to"))
    );
}

#[test]
fn export_asks_the_runtime_to_write_and_bad_formats_are_named() {
    let mut app = app();
    press(&mut app, &[Action::OpenCommand]);
    let effects = type_in(&mut app, "export! edl cut.edl");
    assert_eq!(
        effects,
        [Effect::Export {
            format: "edl".into(),
            path: Some("cut.edl".into()),
            force: true
        }]
    );
}
