//! Colours and styles in one place: roles get stable colours by their order
//! of appearance; the interviewer is always the same muted colour.

use ratatui::style::{Color, Modifier, Style};

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
    if is_interviewer {
        return INTERVIEWER;
    }
    role_index.map_or(Color::White, |i| ROLE_COLOURS[i % ROLE_COLOURS.len()])
}

pub fn cursor() -> Style {
    Style::new()
        .bg(Color::DarkGray)
        .add_modifier(Modifier::BOLD)
}

pub fn playhead() -> Style {
    Style::new()
        .fg(Color::LightGreen)
        .add_modifier(Modifier::BOLD)
}

pub fn question_text() -> Style {
    Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC)
}

pub fn context() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn highlight() -> Style {
    Style::new().fg(Color::Black).bg(Color::Yellow)
}

pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn error() -> Style {
    Style::new()
        .fg(Color::LightRed)
        .add_modifier(Modifier::BOLD)
}

pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}
