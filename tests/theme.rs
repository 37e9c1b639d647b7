//! Colours from the config file's `[theme]` reach the screen. In a file of
//! its own, as the colours in use are the process's.

use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use soundbite::app::{App, StartOptions};
use soundbite::formats::{ParseOptions, parse_str};
use soundbite::input::SAMPLE_LOG;
use soundbite::ui::{View, draw, theme};

#[test]
fn theme_colours_from_the_config_are_drawn() {
    let config = soundbite::config::parse(
        "[theme]\nplayhead = \"#ff0000\"\nroles = [\"blue\"]\ninterviewer = \"magenta\"\n",
        "config.toml",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    theme::set_colours(config.colours);
    let app = App::new(
        parse_str(SAMPLE_LOG, "sample", ParseOptions::default()),
        StartOptions::default(),
        Duration::ZERO,
    );
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap_or_else(|e| panic!("{e}"));
    let mut view = View::default();
    terminal
        .draw(|frame| draw(frame, &app, &mut view, Duration::ZERO))
        .unwrap_or_else(|e| panic!("{e}"));
    let cells = terminal.backend().buffer().content().to_vec();
    let used = |colour: Color| cells.iter().any(|c| c.fg == colour || c.bg == colour);
    assert!(used(Color::Rgb(255, 0, 0)), "the playhead's colour");
    assert!(used(Color::Blue), "the roles' colour");
    assert!(used(Color::Magenta), "the interviewer's colour");
    assert!(!used(Color::LightYellow), "the default role colour is gone");
}
