//! Colours and styles in one place: roles get stable colours by their order
//! of appearance; the interviewer is always the same muted colour.

use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::style::{Color, Modifier, Style};

/// Whether the screen is drawn without colours (`NO_COLOR`, see
/// <https://no-color.org>): bold, italic and reverse video still mark the
/// cursor, the playhead and matches.
static PLAIN: AtomicBool = AtomicBool::new(false);

/// Draws without colours from now on, or with them again.
pub fn set_plain(plain: bool) {
    PLAIN.store(plain, Ordering::Relaxed);
}

fn plain() -> bool {
    PLAIN.load(Ordering::Relaxed)
}

/// The style, without its colours when the screen is plain.
fn paint(style: Style) -> Style {
    if plain() {
        Style {
            fg: None,
            bg: None,
            ..style
        }
    } else {
        style
    }
}

const ROLE_COLOURS: [Color; 8] = [
    Color::LightYellow,
    Color::LightGreen,
    Color::LightMagenta,
    Color::LightBlue,
    Color::LightRed,
    Color::Cyan,
    Color::Yellow,
    Color::Green,
];

pub const INTERVIEWER: Color = Color::Gray;

/// The colour of a role, by its position in the index; the interviewer's is fixed.
pub fn role_colour(role_index: Option<usize>, is_interviewer: bool) -> Color {
    if plain() {
        return Color::Reset;
    }
    if is_interviewer {
        return INTERVIEWER;
    }
    role_index.map_or(Color::White, |i| ROLE_COLOURS[i % ROLE_COLOURS.len()])
}

pub fn cursor() -> Style {
    if plain() {
        return Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED);
    }
    Style::new()
        .bg(Color::DarkGray)
        .add_modifier(Modifier::BOLD)
}

pub fn playhead() -> Style {
    paint(
        Style::new()
            .fg(Color::LightGreen)
            .add_modifier(Modifier::BOLD),
    )
}

pub fn question_text() -> Style {
    paint(Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC))
}

pub fn context() -> Style {
    paint(Style::new().fg(Color::DarkGray))
}

pub fn highlight() -> Style {
    if plain() {
        return Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED);
    }
    Style::new().fg(Color::Black).bg(Color::Yellow)
}

pub fn dim() -> Style {
    paint(Style::new().fg(Color::DarkGray))
}

pub fn error() -> Style {
    paint(
        Style::new()
            .fg(Color::LightRed)
            .add_modifier(Modifier::BOLD),
    )
}

pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}
