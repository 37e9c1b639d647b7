//! Drawing the library: one row per interview, or the hits of a search
//! grouped under their interviews; the roles and people across the library
//! beside them (Tab); the prompt and messages at the bottom.
//!
//! ```text
//! header     Library: logs/ · 120 interviews · reading 40/120
//! columns    TITLE  DATE  PLACE  CREATOR  FORMAT  DURATION  SEGS  ROLES
//! rows       one per interview; under each, its hits: 12:03  Name (Role)  text
//! status     /flood█  34 hits in 5 interviews                       ? help
//! ```

use std::fmt::Write as _;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::theme;
use super::wrap::{text_width, truncate, wrap_at_most};
use crate::app::Action;
use crate::app::keymap::Keymap;
use crate::catalog::view::LIBRARY_COMMANDS;
use crate::catalog::{Column, Interview, Library, LibraryMode, LibraryRow, TypingKind};
use crate::stats::format_duration;

/// Narrowest terminal that gets the people panel beside the list.
const PANEL_MIN_WIDTH: u16 = 80;
const PANEL_WIDTH: u16 = 46;
/// How much of a long segment is looked at to draw its one line.
const HIT_TEXT_BYTES: usize = 2048;

/// What drawing the library remembers between frames.
#[derive(Debug, Clone, Default)]
pub struct LibraryView {
    /// First row on screen.
    pub top: usize,
    /// Rows the last frame showed: a page.
    pub rows_shown: usize,
    /// Screen line of the first row, for the mouse.
    pub first_line: u16,
}

impl LibraryView {
    /// The row drawn at screen line `y`, if any.
    pub fn row_at(&self, y: u16, rows: usize) -> Option<usize> {
        let row = self.top + usize::from(y.checked_sub(self.first_line)?);
        (y - self.first_line < self.rows_shown as u16 && row < rows).then_some(row)
    }
}

/// Draws the whole library screen; any size works, down to 1×1.
pub fn draw(frame: &mut Frame, library: &mut Library, view: &mut LibraryView) {
    let area = frame.area();
    let [header, body, status] = Layout::vertical([
        Constraint::Length(u16::from(area.height >= 4)),
        Constraint::Min(0),
        Constraint::Length(u16::from(area.height >= 2)),
    ])
    .areas(area);
    let buf = frame.buffer_mut();
    render_header(library, header, buf);
    let (list, panel) =
        super::list_and_panel(body, library.show_people, PANEL_MIN_WIDTH, PANEL_WIDTH);
    if let Some(list) = list {
        render_rows(library, view, list, buf);
    }
    if let Some(panel) = panel {
        render_people(library, panel, buf);
    }
    render_status(library, status, buf);
    let overlay = Rect {
        height: area.height.saturating_sub(status.height),
        ..area
    };
    match library.mode {
        LibraryMode::Help(scroll) => {
            super::overlay::render_lines(help_lines(&library.keymap), overlay, scroll, buf);
        }
        LibraryMode::Problems(at) => render_skipped(library, at, overlay, buf),
        _ => {}
    }
}

fn render_header(library: &Library, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let mut text = format!(
        "Library: {} · {}",
        library.name,
        crate::model::plural(library.interviews.len(), "interview")
    );
    if let Some((done, total)) = library.reading {
        let _ = write!(text, " · reading {done}/{total}");
    }
    if library.ask.is_active() {
        let _ = write!(text, " · {}", library.found());
        if library.searching() {
            text.push_str(" so far, searching…");
        }
    }
    Paragraph::new(Line::from(Span::styled(
        truncate(&text, usize::from(area.width)),
        theme::title(),
    )))
    .render(area, buf);
}

/// The columns that fit `width`, each with its width; title and roles
/// share what is left.
fn columns(width: usize) -> Vec<(Column, usize)> {
    // In the order they give way as the window narrows.
    let fixed = [
        (Column::Duration, 8),
        (Column::Date, 10),
        (Column::Format, 12),
        (Column::Segments, 5),
        (Column::Place, 14),
        (Column::Creator, 14),
    ];
    let mut kept: Vec<(Column, usize)> = Vec::new();
    let mut used = 0;
    for (column, w) in fixed {
        // The title keeps 24 columns, the roles 16, before another column.
        if used + w + 1 + 24 + 17 <= width {
            kept.push((column, w));
            used += w + 1;
        }
    }
    let left = width.saturating_sub(used);
    let with_roles = left >= 24 + 17;
    let title = if with_roles { left * 3 / 5 } else { left };
    let mut all = vec![(Column::Title, title.saturating_sub(1))];
    // The columns that fit, in the order of the columns everywhere.
    all.extend(
        Column::ALL
            .iter()
            .filter_map(|c| kept.iter().find(|(k, _)| k == c).copied()),
    );
    if with_roles {
        all.push((Column::Roles, left - title));
    }
    all
}

fn cell(text: &str, width: usize, right: bool) -> String {
    let cut = truncate(text, width);
    let pad = " ".repeat(width.saturating_sub(text_width(&cut)));
    if right {
        format!("{pad}{cut} ")
    } else {
        format!("{cut}{pad} ")
    }
}

fn column_value(interview: &Interview, column: Column) -> (String, bool) {
    let summary = &interview.summary;
    match column {
        Column::File => (summary.file.clone(), false),
        Column::Title => (summary.title.clone(), false),
        Column::Date => (summary.date.clone(), false),
        Column::Place => (summary.place.clone(), false),
        Column::Creator => (summary.creator.clone(), false),
        Column::Format => (summary.format.to_owned(), false),
        Column::Duration => (format_duration(summary.duration_ms), true),
        Column::Segments => (summary.segments.to_string(), true),
        Column::Roles => (summary.roles.clone(), false),
    }
}

fn render_rows(library: &Library, view: &mut LibraryView, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let width = usize::from(area.width);
    let columns = columns(width);
    // The column heads, the sorted one marked.
    let head: String = columns
        .iter()
        .map(|(column, w)| {
            let mut name = column.heading().to_owned();
            let by_file = library.column == Column::File && *column == Column::Title;
            if *column == library.column || by_file {
                if by_file {
                    name.push_str(" (by file)");
                }
                name.push_str(if library.descending { " ▼" } else { " ▲" });
            }
            let right = matches!(column, Column::Duration | Column::Segments);
            cell(&name, *w, right)
        })
        .collect();
    Paragraph::new(Line::from(Span::styled(head, theme::dim()))).render(area, buf);
    let height = usize::from(area.height.saturating_sub(1));
    view.first_line = area.y + 1;
    view.rows_shown = height;
    if library.rows.is_empty() {
        let why = if library.reading.is_some() {
            "reading…"
        } else if library.interviews.is_empty() {
            "no logs found here (! lists what was skipped)"
        } else if library.ask.is_active() {
            "nothing found: Esc clears the search and filters"
        } else {
            "no interview matches the filter line: Esc clears it"
        };
        let line = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1).min(1),
            ..area
        };
        Paragraph::new(Span::styled(why, theme::dim())).render(line, buf);
        return;
    }
    // The cursor stays in view, with the least scrolling.
    if library.cursor < view.top {
        view.top = library.cursor;
    } else if height > 0 && library.cursor >= view.top + height {
        view.top = library.cursor + 1 - height;
    }
    view.top = view.top.min(library.rows.len().saturating_sub(1));
    let lines: Vec<Line> = library
        .rows
        .iter()
        .enumerate()
        .skip(view.top)
        .take(height)
        .map(|(at, row)| {
            let is_cursor = at == library.cursor;
            let line = match *row {
                LibraryRow::Interview(i) => interview_line(library, i, &columns),
                LibraryRow::Hit(i, segment) => hit_line(library, i, segment as usize, width),
            };
            if is_cursor {
                line.patch_style(theme::cursor())
            } else {
                line
            }
        })
        .collect();
    let rest = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    };
    Paragraph::new(lines).render(rest, buf);
}

fn interview_line(library: &Library, i: usize, columns: &[(Column, usize)]) -> Line<'static> {
    let Some(interview) = library.interviews.get(i) else {
        return Line::default();
    };
    let text: String = columns
        .iter()
        .map(|(column, w)| {
            let (value, right) = column_value(interview, *column);
            cell(&value, *w, right)
        })
        .collect();
    let style = if library.ask.is_active() {
        theme::title()
    } else {
        Style::new()
    };
    Line::from(Span::styled(text, style))
}

/// `   12:03  Name (Role)  the words, matches highlighted`.
fn hit_line(library: &Library, i: usize, segment: usize, width: usize) -> Line<'static> {
    let Some(interview) = library.interviews.get(i) else {
        return Line::default();
    };
    let Some(spot) = interview.spots.get(segment) else {
        return Line::default();
    };
    let time = spot.start.map(|t| t.to_string()).unwrap_or_default();
    let lead = format!("   {time:>8}  ");
    let who = interview
        .speaker_of(spot)
        .map(|s| format!("{}  ", crate::model::one_line(&s.short_label())))
        .unwrap_or_default();
    let who = truncate(&who, width.saturating_sub(lead.len()) / 2);
    let room = width.saturating_sub(lead.len() + text_width(&who));
    let query = library.ask.query.as_ref();
    let text = hit_text(interview.text_of(spot), query, room);
    let shown = wrap_at_most(&text, room, 1)
        .into_iter()
        .next()
        .unwrap_or(0..0);
    let matches: Vec<std::ops::Range<usize>> =
        query.map(|q| q.ranges(&text).collect()).unwrap_or_default();
    let mut spans = vec![
        Span::styled(lead, theme::playhead()),
        Span::styled(who, theme::dim()),
    ];
    spans.extend(
        super::transcript::text_spans(&text, shown, &matches, Style::new())
            .into_iter()
            .map(|span| Span::styled(span.content.into_owned(), span.style)),
    );
    Line::from(spans)
}

/// A hit's words on one line, from a little before the first match when
/// the match would not be in view (`…words before the match and after`).
fn hit_text(raw: &str, query: Option<&crate::search::Query>, room: usize) -> String {
    let at = |mut i: usize| {
        i = i.min(raw.len());
        while !raw.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let first = query.and_then(|q| q.ranges(raw).next());
    // Words before the match: a third of the line, at a word boundary.
    let lead = (room / 3).max(1);
    let start = match first {
        // In bytes first: a match far into a long segment is out of view for sure.
        Some(found)
            if found.end > room
                && (found.end > room * 4
                    || text_width(&crate::model::one_line(&raw[..found.end])) > room) =>
        {
            let before = &raw[at(found.start.saturating_sub(lead * 4))..found.start];
            let words: String = before.chars().rev().take(lead).collect();
            let back = words.len();
            let from = found.start - back;
            raw[from..found.start]
                .find(char::is_whitespace)
                .map_or(from, |space| from + space + 1)
        }
        _ => 0,
    };
    let end = at(start + HIT_TEXT_BYTES);
    let text = crate::model::one_line(&raw[start..end]);
    if start > 0 {
        format!("…{text}")
    } else {
        text
    }
}

fn render_people(library: &mut Library, area: Rect, buf: &mut Buffer) {
    let block = Block::new()
        .borders(Borders::LEFT)
        .title(" Roles and people · talk · interviews ")
        .border_style(theme::dim());
    let inner = block.inner(area);
    block.render(area, buf);
    let width = usize::from(inner.width);
    // The figures take 15 columns, and a label cell one more than its width.
    let label_width = width.saturating_sub(16);
    let figures = |talk_ms: u64, interviews: usize| {
        format!("{:>9} {:>5}", format_duration(talk_ms), interviews)
    };
    let mut lines = Vec::new();
    for role in library.people() {
        let name = role.role.clone().unwrap_or_else(|| "(no role)".to_owned());
        lines.push(Line::from(vec![
            Span::styled(cell(&name, label_width, false), theme::title()),
            Span::styled(figures(role.tally.talk_ms, role.interviews), theme::title()),
        ]));
        for person in &role.people {
            lines.push(Line::from(vec![
                Span::raw(cell(&format!("  {}", person.name), label_width, false)),
                Span::raw(figures(person.tally.talk_ms, person.interviews)),
            ]));
        }
        if lines.len() > usize::from(inner.height) {
            break;
        }
    }
    if lines.is_empty() {
        lines.push(Line::from(Span::styled("no speakers yet", theme::dim())));
    }
    Paragraph::new(lines).render(inner, buf);
}

fn render_status(library: &Library, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    if let LibraryMode::Typing { kind, input, .. } = &library.mode {
        let lead = match kind {
            TypingKind::Search => "search every interview: /",
            TypingKind::Filter => "interviews mentioning: ",
            TypingKind::Command => ":",
        };
        let mut spans = vec![
            Span::styled(lead, theme::title()),
            Span::raw(crate::model::one_line(input)),
            Span::styled("█", theme::dim()),
        ];
        if *kind == TypingKind::Search && library.ask.is_active() {
            spans.push(Span::styled(format!("  {}", library.found()), theme::dim()));
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
        return;
    }
    let help_key = library
        .keymap
        .bindings("library")
        .iter()
        .find(|b| b.action == Action::ToggleHelp)
        .and_then(|b| b.keys.first())
        .map(|key| format!("{key} help"))
        .unwrap_or_default();
    let mut parts = Vec::new();
    if !library.ask.filter.roles.is_empty() {
        parts.push(format!("role: {}", library.ask.filter.roles.join(", ")));
    }
    if !library.ask.filter.speakers.is_empty() {
        parts.push(format!(
            "speaker: {}",
            library.ask.filter.speakers.join(", ")
        ));
    }
    if let Some(query) = &library.ask.query {
        parts.push(format!("/{}", query.text()));
    }
    if !library.narrow.is_empty() {
        parts.push(format!("interviews mentioning “{}”", library.narrow));
    }
    let (message, style) = match &library.status {
        Some(status) if status.error => (status.text.clone(), theme::error()),
        Some(status) => (status.text.clone(), Style::new()),
        None if parts.is_empty() => (
            "Enter opens · / searches all · f narrows · s sorts · Tab people".to_owned(),
            theme::dim(),
        ),
        None => (String::new(), Style::new()),
    };
    if !message.is_empty() {
        parts.push(message);
    }
    let width = usize::from(area.width);
    let left = truncate(
        &crate::model::one_line(&parts.join(" · ")),
        width.saturating_sub(help_key.len() + 1),
    );
    let pad = width.saturating_sub(text_width(&left) + help_key.len());
    Paragraph::new(Line::from(vec![
        Span::styled(left, style),
        Span::raw(" ".repeat(pad)),
        Span::styled(help_key, theme::dim()),
    ]))
    .render(area, buf);
}

/// The library's help: its keys and commands, from the keymap in effect.
pub fn help_lines(keymap: &Keymap) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    super::overlay::section("The library", keymap.bindings("library"), &mut lines);
    super::overlay::section(
        "Typing a search, filter or command",
        keymap.bindings("prompt"),
        &mut lines,
    );
    lines.push(Line::from(Span::styled("Commands after :", theme::title())));
    for (syntax, help) in LIBRARY_COMMANDS {
        lines.push(Line::from(vec![
            Span::styled(format!("  {syntax:<24}"), theme::playhead()),
            Span::raw(help),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "In an interview the player's keys work (? lists them); Backspace comes back here.",
        theme::dim(),
    )));
    lines
}

fn render_skipped(library: &Library, cursor: usize, area: Rect, buf: &mut Buffer) {
    let visible = usize::from(area.height.saturating_sub(4)).max(1);
    let first = cursor.saturating_sub(visible.saturating_sub(1));
    let mut lines: Vec<Line> = library
        .skipped
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, skip)| {
            let text = format!(
                "{} {} — {}",
                if i == cursor { "›" } else { " " },
                crate::formats::common::sanitize::shown_path(&skip.path),
                crate::model::one_line(&skip.why)
            );
            let style = if i == cursor {
                theme::cursor()
            } else {
                Style::new()
            };
            Line::from(Span::styled(text, style))
        })
        .collect();
    lines.push(Line::from(Span::styled("Esc closes", theme::dim())));
    let title = format!(" Skipped ({}) ", library.skipped.len());
    let box_area = super::overlay::centred(area, 100, lines.len() as u16 + 2);
    Clear.render(box_area, buf);
    Paragraph::new(lines)
        .block(Block::new().borders(Borders::ALL).title(title))
        .render(box_area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hit_deep_in_its_segment_is_shown_with_the_words_before_it() {
        let query = crate::search::Query::new("bridge").ok().flatten();
        let raw = format!("{} the old bridge fell", "word ".repeat(200));
        let text = hit_text(&raw, query.as_ref(), 40);
        assert!(text.starts_with('…'), "{text}");
        let shown = &text[wrap_at_most(&text, 40, 1)[0].clone()];
        assert!(shown.contains("bridge"), "{shown}");
        // A match in view, or none, leaves the text as it is.
        assert_eq!(hit_text("the bridge", query.as_ref(), 40), "the bridge");
        assert_eq!(
            hit_text("é".repeat(3000).as_str(), None, 40).len(),
            HIT_TEXT_BYTES
        );
    }
}
