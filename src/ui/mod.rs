//! Drawing the player: one widget per file, each rendering `&App`.
//!
//! ```text
//! header        title · creator · location · date · format
//! transcript    entries (cursor, playhead, timecode, Q/A, speaker, text) │ speakers panel (Tab)
//! player bar    ▶ 10:14 / 22:57  1.0×  follow on  speaker
//! timeline      ━━━━━┃━━━━━━ coloured by role
//! status        filters  search k/n  message                      ? help
//! ```
//! The only state drawing changes is [`View`]: the scroll position and where
//! each entry landed, which the runtime uses to map mouse clicks to rows.

mod header;
pub mod library;
mod overlay;
mod player_bar;
mod selects;
mod speakers;
mod status;
pub mod theme;
mod transcript;
pub mod wrap;

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

pub use overlay::help_lines;
pub use player_bar::position_label;
pub use status::search_position;

use crate::app::{App, Mode};
use crate::stats::Stats;

/// What drawing remembers between frames.
#[derive(Debug, Clone, Default)]
pub struct View {
    /// First row of the transcript on screen.
    pub top: usize,
    /// Screen lines `[start, end)` of each entry drawn, with its row.
    pub hits: Vec<(u16, u16, usize)>,
    /// How many entries the last frame showed: a page.
    pub rows_shown: usize,
    /// Figures for the speakers panel, computed once per transcript.
    pub stats: Option<Stats>,
}

impl View {
    /// The row drawn at screen line `y`, if any.
    pub fn row_at(&self, y: u16) -> Option<usize> {
        self.hits
            .iter()
            .find(|(start, end, _)| (*start..*end).contains(&y))
            .map(|(_, _, row)| *row)
    }
}

/// Narrowest terminal that gets the speakers panel beside the transcript.
const PANEL_MIN_WIDTH: u16 = 70;
const PANEL_WIDTH: u16 = 38;

/// The body split into a list and a side panel when the panel is shown:
/// beside the list where `min_width` allows, in its place otherwise.
fn list_and_panel(
    body: Rect,
    panel_shown: bool,
    min_width: u16,
    panel_width: u16,
) -> (Option<Rect>, Option<Rect>) {
    if !panel_shown {
        (Some(body), None)
    } else if body.width >= min_width {
        let [list, panel] =
            Layout::horizontal([Constraint::Min(0), Constraint::Length(panel_width)]).areas(body);
        (Some(list), Some(panel))
    } else {
        (None, Some(body))
    }
}

/// Draws the whole screen. Any size works, down to 1×1.
pub fn draw(frame: &mut Frame, app: &App, view: &mut View, now: Duration) {
    let area = frame.area();
    let [header, body, bar, status] = Layout::vertical([
        Constraint::Length(u16::from(area.height >= 6)),
        Constraint::Min(0),
        Constraint::Length(if area.height >= 8 {
            2
        } else {
            u16::from(area.height >= 3)
        }),
        Constraint::Length(u16::from(area.height >= 2)),
    ])
    .areas(area);
    let buf = frame.buffer_mut();
    header::render(app, header, buf);
    // A narrow window shows the panel in place of the transcript.
    let (list, panel) = list_and_panel(body, app.show_speakers, PANEL_MIN_WIDTH, PANEL_WIDTH);
    if let Some(list) = list {
        transcript::render(app, view, list, buf);
    }
    if let Some(panel) = panel {
        let figures = view
            .stats
            .get_or_insert_with(|| crate::stats::compute(&app.transcript));
        speakers::render(app, figures, panel, buf);
    }
    player_bar::render(app, now, bar, buf);
    status::render(app, status, buf);
    let overlay_area = Rect {
        height: area.height.saturating_sub(status.height),
        ..area
    };
    match &app.mode {
        Mode::Help(scroll) => overlay::render_help(&app.keymap, overlay_area, *scroll, buf),
        Mode::Problems(cursor) => overlay::render_problems(app, *cursor, overlay_area, buf),
        Mode::Picker(picker) => overlay::render_picker(picker, overlay_area, buf),
        Mode::Selects(cursor) => selects::render(app, *cursor, overlay_area, buf),
        Mode::Normal | Mode::Prompt(_) => {}
    }
}
