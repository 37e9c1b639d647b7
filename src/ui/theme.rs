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

/// The colours a user may set in the config file's `[theme]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Colours {
    /// Roles take these in order of appearance, round again past the last.
    pub roles: Vec<Color>,
    pub interviewer: Color,
    pub playhead: Color,
    pub cursor: Color,
    pub highlight: Color,
}

impl Default for Colours {
    fn default() -> Self {
        Colours {
            roles: vec![
                Color::LightYellow,
                Color::LightGreen,
                Color::LightMagenta,
                Color::LightBlue,
                Color::LightRed,
                Color::Cyan,
                Color::Yellow,
                Color::Green,
            ],
            interviewer: Color::Gray,
            playhead: Color::LightGreen,
            cursor: Color::DarkGray,
            highlight: Color::Yellow,
        }
    }
}

/// The colours in use, set once by the runtime from the config file.
static COLOURS: std::sync::RwLock<Option<Colours>> = std::sync::RwLock::new(None);

/// Draws with these colours from now on.
pub fn set_colours(colours: Colours) {
    if let Ok(mut slot) = COLOURS.write() {
        *slot = Some(colours);
    }
}

/// One of the colours in use.
fn colour<T>(pick: impl FnOnce(&Colours) -> T) -> T {
    match COLOURS.read().ok().as_deref().and_then(Option::as_ref) {
        Some(colours) => pick(colours),
        None => pick(&Colours::default()),
    }
}

/// The colour of a role, by its position in the index; the interviewer's is fixed.
pub fn role_colour(role_index: Option<usize>, is_interviewer: bool) -> Color {
    if plain() {
        return Color::Reset;
    }
    if is_interviewer {
        return colour(|c| c.interviewer);
    }
    colour(|c| {
        role_index
            .and_then(|i| c.roles.get(i % c.roles.len().max(1)))
            .copied()
            .unwrap_or(Color::White)
    })
}

pub fn cursor() -> Style {
    if plain() {
        return Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED);
    }
    Style::new()
        .bg(colour(|c| c.cursor))
        .add_modifier(Modifier::BOLD)
}

pub fn playhead() -> Style {
    paint(
        Style::new()
            .fg(colour(|c| c.playhead))
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
    Style::new().fg(Color::Black).bg(colour(|c| c.highlight))
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
