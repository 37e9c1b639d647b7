//! `NO_COLOR`: the screen drawn with no colour at all, the cursor and
//! matches still marked. In a file of its own, as the setting is the
//! process's.

use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use soundbite::app::{Action, App, StartOptions, update};
use soundbite::formats::{ParseOptions, parse_str};
use soundbite::input::SAMPLE_LOG;
use soundbite::ui::{View, draw, theme};

#[test]
fn a_plain_screen_has_no_colour_but_still_marks_the_cursor_and_matches() {
    theme::set_plain(true);
    let mut app = App::new(
        parse_str(SAMPLE_LOG, "sample", ParseOptions::default()),
        StartOptions::default(),
        Duration::ZERO,
    );
    update(&mut app, Action::OpenSearch, Duration::ZERO);
    for c in "wall".chars() {
        update(&mut app, Action::Input(c), Duration::ZERO);
    }
    update(&mut app, Action::Submit, Duration::ZERO);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap_or_else(|e| panic!("{e}"));
    let mut view = View::default();
    terminal
        .draw(|frame| draw(frame, &app, &mut view, Duration::ZERO))
        .unwrap_or_else(|e| panic!("{e}"));
    let buffer = terminal.backend().buffer();
    let cells: Vec<_> = buffer.content().iter().collect();
    assert!(
        cells
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset),
        "no cell has a colour"
    );
    assert!(
        cells
            .iter()
            .any(|c| c.modifier.contains(Modifier::REVERSED)),
        "the cursor and matches stand out"
    );
}
