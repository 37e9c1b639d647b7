//! Render tests: the screens drawn into ratatui's `TestBackend`, compared with
//! insta snapshots in `tests/snapshots/`.

use std::fmt::Write;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use soundbite::app::{Action, App, StartOptions, update};
use soundbite::formats::{ParseOptions, parse_str};
use soundbite::input::SAMPLE_LOG;
use soundbite::ui::{View, draw};

fn app() -> App {
    App::new(
        parse_str(SAMPLE_LOG, "sample", ParseOptions::default()),
        StartOptions::default(),
        Duration::ZERO,
    )
}

fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut view = View::default();
    terminal
        .draw(|frame| draw(frame, app, &mut view, Duration::ZERO))
        .unwrap();
    terminal
}

fn act(app: &mut App, actions: &[Action]) {
    for action in actions {
        update(app, *action, Duration::ZERO);
    }
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        update(app, Action::Input(c), Duration::ZERO);
    }
}

#[test]
fn main_screen_80x24() {
    insta::assert_snapshot!(render(&app(), 80, 24).backend());
}

#[test]
fn main_screen_120x40_with_the_speakers_panel() {
    let mut app = app();
    act(
        &mut app,
        &[
            Action::ToggleSpeakers,
            Action::CursorDown,
            Action::CursorDown,
        ],
    );
    insta::assert_snapshot!(render(&app, 120, 40).backend());
}

#[test]
fn help_overlay() {
    let mut app = app();
    act(&mut app, &[Action::ToggleHelp]);
    insta::assert_snapshot!(render(&app, 100, 40).backend());
}

#[test]
fn role_picker() {
    let mut app = app();
    act(
        &mut app,
        &[Action::PickRoles, Action::CursorDown, Action::PickerToggle],
    );
    insta::assert_snapshot!(render(&app, 80, 24).backend());
}

#[test]
fn search_with_highlights() {
    let mut app = app();
    act(&mut app, &[Action::OpenSearch]);
    type_text(&mut app, "wall");
    let terminal = render(&app, 80, 24);
    insta::assert_snapshot!(terminal.backend());
    let buffer = terminal.backend().buffer();
    let highlighted: String = buffer
        .content()
        .iter()
        .filter(|cell| cell.bg == Color::Yellow)
        .map(ratatui::buffer::Cell::symbol)
        .collect();
    assert!(
        highlighted.starts_with("wall"),
        "matches are highlighted: {highlighted:?}"
    );
}

/// The bottom line of a drawn screen, as text.
fn bottom_line(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let width = usize::from(buffer.area.width);
    let cells = buffer.content();
    cells[cells.len() - width..]
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect()
}

#[test]
fn a_search_with_rows_left_says_so_until_every_row_is_searched() {
    let mut app = app();
    app.search = soundbite::app::SearchState::with_step(2);
    act(&mut app, &[Action::OpenSearch]);
    type_text(&mut app, "wall");
    let line = bottom_line(&render(&app, 80, 24));
    assert!(line.contains("/wall") && line.contains("+ "), "{line:?}");
    while app.search.is_searching() {
        act(&mut app, &[Action::Tick]);
    }
    let line = bottom_line(&render(&app, 80, 24));
    assert!(line.contains("1/4 ") && !line.contains('+'), "{line:?}");
}

#[test]
fn filtered_view_with_context_questions() {
    let mut app = app();
    act(&mut app, &[Action::OpenCommand]);
    type_text(&mut app, "role ferry");
    act(&mut app, &[Action::Submit]);
    insta::assert_snapshot!(render(&app, 80, 24).backend());
}

#[test]
fn playing_shows_the_play_glyph_and_position() {
    let mut app = app();
    update(&mut app, Action::TogglePlay, Duration::ZERO);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut view = View::default();
    let now = Duration::from_secs(8);
    update(&mut app, Action::Tick, now);
    terminal
        .draw(|frame| draw(frame, &app, &mut view, now))
        .unwrap();
    let screen = terminal.backend().to_string();
    assert!(screen.contains("▶ 02:22 / 18:11"), "{screen}");
}

#[test]
fn tiny_sizes_draw_what_fits() {
    let mut screens = String::new();
    for (width, height) in [(1, 1), (2, 1), (1, 3), (5, 2), (10, 3), (20, 5)] {
        let mut app = app();
        act(&mut app, &[Action::ToggleSpeakers]);
        let screen = render(&app, width, height);
        writeln!(screens, "{width}x{height}:\n{}", screen.backend()).unwrap();
        for mode in [Action::ToggleHelp, Action::Cancel, Action::PickSpeakers] {
            update(&mut app, mode, Duration::ZERO);
            render(&app, width, height);
        }
    }
    insta::assert_snapshot!(screens);
}

#[test]
fn every_size_up_to_40x12_draws_without_panicking() {
    let mut app = app();
    act(&mut app, &[Action::ToggleSpeakers, Action::Last]);
    for width in 0..=40 {
        for height in 0..=12 {
            render(&app, width, height);
        }
    }
}

#[test]
fn clicks_map_to_the_rows_drawn_there() {
    let app = app();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut view = View::default();
    terminal
        .draw(|frame| draw(frame, &app, &mut view, Duration::ZERO))
        .unwrap();
    // Header on line 0; the first question (two lines of text at 80 columns) on 1–3; the answer from 4.
    assert_eq!(view.row_at(0), None);
    assert_eq!(view.row_at(1), Some(0));
    assert_eq!(view.row_at(3), Some(0));
    assert_eq!(view.row_at(4), Some(1));
    assert_eq!(view.row_at(23), None, "the status line is no row");
}

#[test]
fn hour_timecodes_keep_to_their_column() {
    let log = "00:09:55 Question:\n“Where were you?”\n12:49:15 (Ana Berg, Pilot)\n“On the quay, watching the wall.”";
    let app = App::new(
        parse_str(log, "hours", ParseOptions::default()),
        StartOptions::default(),
        Duration::ZERO,
    );
    let terminal = render(&app, 60, 12);
    let rows = rows_of(&terminal);
    let header = rows
        .iter()
        .find(|r| r.contains("12:49:15"))
        .cloned()
        .unwrap_or_default();
    let text = rows
        .iter()
        .find(|r| r.contains("On the quay"))
        .cloned()
        .unwrap_or_default();
    // `▌▶12:49:15 A  …`: the marker after a space, and the text where it
    // is for short timecodes, a column left of the name.
    assert!(header.contains("12:49:15 A"), "{header:?}");
    let name_at = header.find("Ana").unwrap_or_default();
    let text_at = text.find("On the quay").unwrap_or_default();
    assert_eq!(
        header[..name_at].chars().count(),
        text[..text_at].chars().count() + 1,
        "{header:?} / {text:?}"
    );
}

#[test]
fn a_filter_after_the_last_row_fills_the_screen() {
    let mut app = app();
    let mut terminal = Terminal::new(TestBackend::new(80, 30)).unwrap();
    let mut view = View::default();
    let mut frame = |app: &App, view: &mut View| {
        terminal
            .draw(|frame| draw(frame, app, view, Duration::ZERO))
            .unwrap();
        terminal.backend().buffer().clone()
    };
    frame(&app, &mut view);
    act(&mut app, &[Action::Last]);
    frame(&app, &mut view);
    act(&mut app, &[Action::OpenCommand]);
    type_text(&mut app, "role resident");
    act(&mut app, &[Action::Submit]);
    let buffer = frame(&app, &mut view);
    assert_eq!(
        view.top, 0,
        "every filtered row fits: the list starts at the top"
    );
    let text: String = (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_owned())
                .collect::<String>()
                + "\n"
        })
        .collect();
    assert!(view.hits.len() >= 2, "{text}");
}

#[test]
fn the_speakers_panel_aligns_its_figures_and_fits_a_narrow_window() {
    let log = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/agency-shotlist.txt"
    ))
    .unwrap_or_default();
    let mut app = App::new(
        parse_str(&log, "shotlist", ParseOptions::default()),
        StartOptions::default(),
        Duration::ZERO,
    );
    act(&mut app, &[Action::ToggleSpeakers]);
    let terminal = render(&app, 40, 16);
    let rows = rows_of(&terminal);
    let screen = rows.join("\n");
    assert!(
        screen.contains("Speakers"),
        "a narrow window shows the panel:\n{screen}"
    );
    assert!(
        screen.contains("(no speaker)"),
        "shots are counted too:\n{screen}"
    );
    // Every line of figures ends in the same column, roles and speakers alike.
    let ends: Vec<usize> = rows
        .iter()
        .filter(|r| r.contains(':') && r.trim_end().ends_with(|c: char| c.is_ascii_digit()))
        .map(|r| r.trim_end().chars().count())
        .collect();
    assert!(ends.len() >= 3, "{screen}");
    assert!(ends.windows(2).all(|w| w[0] == w[1]), "{screen}");
}

#[test]
fn an_empty_transcript_says_why() {
    let app = App::new(
        parse_str(
            "Just a title\n\nAnd a paragraph of prose.",
            "prose",
            ParseOptions::default(),
        ),
        StartOptions::default(),
        Duration::ZERO,
    );
    let terminal = render(&app, 80, 12);
    let screen = screen_of(&terminal);
    assert!(screen.contains("no segments in this log"), "{screen}");
    assert!(
        screen.contains("warning:"),
        "the first problems are listed:\n{screen}"
    );
}

#[test]
fn problems_list() {
    let mut app = App::new(
        parse_str(
            "00:10 Question:\n“Why?”\n00:20 (Ana, Guide)\n“An open quote\n99:99 (Ana, Guide)\n“Yes.”",
            "t",
            ParseOptions::default(),
        ),
        StartOptions::default(),
        Duration::ZERO,
    );
    act(&mut app, &[Action::ShowProblems, Action::CursorDown]);
    insta::assert_snapshot!(screen_of(&render(&app, 80, 16)));
}

/// Each screen line as text.
fn rows_of(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_owned())
                .collect()
        })
        .collect()
}

/// The screen as text, a line each.
fn screen_of(terminal: &Terminal<TestBackend>) -> String {
    let mut screen = rows_of(terminal).join("\n");
    screen.push('\n');
    screen
}

#[test]
fn the_status_hint_names_the_help_key_in_effect() {
    let mut app = app();
    let config = soundbite::config::parse(
        "[keys.normal]\n\"f1\" = \"toggle_help\"\n\"?\" = \"unbind\"\n",
        "c",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    app.keymap = config.keymap;
    let rows = rows_of(&render(&app, 100, 20));
    let last = rows.last().cloned().unwrap_or_default();
    assert!(last.trim_end().ends_with("f1 help"), "{last:?}");
}

#[test]
fn the_help_lists_the_commands_and_how_to_play_media() {
    let lines = soundbite::ui::help_lines(&soundbite::app::keymap::Keymap::default());
    let text: Vec<String> = lines
        .iter()
        .map(|line| line.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    let text = text.join("\n");
    for expected in [
        "media [PATH]",
        "offset TC",
        "role NAME",
        "--media FILE",
        "--mpv-socket",
    ] {
        assert!(
            text.contains(expected),
            "{expected} missing from the help:\n{text}"
        );
    }
}

#[test]
fn selects_pane_and_marks() {
    let mut app = app();
    act(
        &mut app,
        &[
            Action::CursorDown,
            Action::ToggleSelect,
            Action::CursorDown,
            Action::CursorDown,
            Action::ToggleSelect,
        ],
    );
    app.selects.set_note(1, "carried the dog out #open".into());
    // The transcript marks them, beside Q/A, and on the timeline.
    insta::assert_snapshot!("selects_marked", render(&app, 100, 24).backend());
    act(&mut app, &[Action::ShowSelects, Action::CursorDown]);
    insta::assert_snapshot!("selects_pane", render(&app, 100, 24).backend());
    // Narrow and tiny terminals draw it too.
    let _ = render(&app, 20, 6);
    let _ = render(&app, 1, 1);
}

/// A library of three fixtures, read in this process.
fn library() -> soundbite::catalog::Library {
    let mut library = soundbite::catalog::Library::new("logs".into());
    let entries = ["captions.srt", "captions.vtt", "tv-script.txt"]
        .iter()
        .map(|name| {
            let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(name);
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            soundbite::catalog::Interview::new(soundbite::library::Entry {
                transcript: parse_str(&text, name, ParseOptions::default()),
                path,
            })
        })
        .collect();
    library.add(entries, Vec::new());
    library.finish_reading(Duration::ZERO);
    library
}

fn render_library(library: &mut soundbite::catalog::Library, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut view = soundbite::ui::library::LibraryView::default();
    terminal
        .draw(|frame| soundbite::ui::library::draw(frame, library, &mut view))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        let line: String = (0..width)
            .map(|x| buffer.cell((x, y)).map_or(" ", |c| c.symbol()))
            .collect();
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

#[test]
fn library_rows_search_hits_and_people() {
    let mut library = library();
    insta::assert_snapshot!("library_rows", render_library(&mut library, 100, 8));
    let act = |library: &mut soundbite::catalog::Library, actions: &[Action]| {
        for action in actions {
            soundbite::catalog::update(library, *action, Duration::ZERO);
        }
    };
    act(&mut library, &[Action::OpenSearch]);
    act(
        &mut library,
        &"wall".chars().map(Action::Input).collect::<Vec<_>>(),
    );
    act(&mut library, &[Action::Submit, Action::ToggleSpeakers]);
    insta::assert_snapshot!(
        "library_hits_and_people",
        render_library(&mut library, 100, 12)
    );
    // Narrow windows and tiny ones draw without a panic.
    for (width, height) in [(30, 5), (1, 1), (80, 2), (10, 30)] {
        render_library(&mut library, width, height);
    }
}
