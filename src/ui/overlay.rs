//! Boxes drawn over the transcript: the help (generated from the keymap
//! table) and the role and speaker pickers.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::theme;
use crate::app::keymap::{Bound, Keymap};
use crate::app::{App, Picker, PickerKind};
use crate::model::Severity;

/// A box of at most `width` × `height` in the middle of `area`.
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

pub(super) fn section(title: &'static str, bound: &[Bound], lines: &mut Vec<Line<'static>>) {
    lines.push(Line::from(Span::styled(title, theme::title())));
    for binding in bound {
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<18}", binding.label()), theme::playhead()),
            Span::raw(binding.help.clone()),
        ]));
    }
    lines.push(Line::default());
}

/// The help lines, straight from the keys in effect.
pub fn help_lines(keymap: &Keymap) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    section("Browse and play", keymap.bindings("normal"), &mut lines);
    section(
        "Typing a command or search",
        keymap.bindings("prompt"),
        &mut lines,
    );
    section(
        "Picking roles or speakers",
        keymap.bindings("picker"),
        &mut lines,
    );
    section(
        "The list of problems",
        keymap.bindings("problems"),
        &mut lines,
    );
    section("The selects pane", keymap.bindings("selects"), &mut lines);
    section("This help", keymap.bindings("help"), &mut lines);
    lines.push(Line::from(Span::styled("Commands after :", theme::title())));
    for (syntax, help) in crate::app::COMMANDS {
        lines.push(Line::from(vec![
            Span::styled(format!("  {syntax:<24}"), theme::playhead()),
            Span::raw(help),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "Media: soundbite LOG --media FILE plays FILE in mpv; --mpv-socket PATH follows your own mpv.",
        theme::dim(),
    )));
    lines.push(Line::from(Span::styled(
        "Mouse: wheel scrolls, click moves the cursor, double-click plays.",
        theme::dim(),
    )));
    lines
}

pub fn render_help(keymap: &Keymap, area: Rect, scroll: usize, buf: &mut Buffer) {
    render_lines(help_lines(keymap), area, scroll, buf);
}

/// A help box of `lines`, scrolled down by `scroll`.
pub fn render_lines(lines: Vec<Line<'static>>, area: Rect, scroll: usize, buf: &mut Buffer) {
    let total = lines.len();
    let box_area = centred(area, 86, total as u16 + 2);
    let fits = usize::from(box_area.height.saturating_sub(2));
    let scroll = scroll.min(total.saturating_sub(fits));
    let title = if fits < total {
        " Keys — j/k scroll · ? or Esc closes "
    } else {
        " Keys — ? or Esc closes "
    };
    Clear.render(box_area, buf);
    let block = Block::new().borders(Borders::ALL).title(title);
    let shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
    Paragraph::new(shown).block(block).render(box_area, buf);
}

/// The log's problems, one a line, the cursor's highlighted.
pub fn render_problems(app: &App, cursor: usize, area: Rect, buf: &mut Buffer) {
    let diagnostics = &app.transcript.diagnostics;
    let visible = usize::from(area.height.saturating_sub(4)).max(1);
    let first = cursor.saturating_sub(visible.saturating_sub(1));
    let mut lines: Vec<Line> = diagnostics
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, d)| {
            let place = if d.line == 0 {
                "the file".to_owned()
            } else {
                format!("line {}", d.line)
            };
            let text = format!(
                "{} {place:<10} {}",
                if i == cursor { "›" } else { " " },
                d.message
            );
            let style = if i == cursor {
                theme::cursor()
            } else if d.severity == Severity::Error {
                theme::error()
            } else {
                ratatui::style::Style::new()
            };
            Line::from(Span::styled(text, style))
        })
        .collect();
    let omitted = diagnostics.omitted(Severity::Warning) + diagnostics.omitted(Severity::Error);
    if omitted > 0 {
        lines.push(Line::from(Span::styled(
            format!("… and {omitted} more, not listed (soundbite check counts them)"),
            theme::dim(),
        )));
    }
    lines.push(Line::from(Span::styled(
        "Enter goes to its segment · Esc closes",
        theme::dim(),
    )));
    let title = format!(" Problems ({}) ", diagnostics.len() + omitted);
    let box_area = centred(area, 100, lines.len() as u16 + 2);
    Clear.render(box_area, buf);
    Paragraph::new(lines)
        .block(Block::new().borders(Borders::ALL).title(title))
        .render(box_area, buf);
}

pub fn render_picker(picker: &Picker, area: Rect, buf: &mut Buffer) {
    let title = match picker.kind {
        PickerKind::Roles => " Roles to show ",
        PickerKind::Speakers => " Speakers to show ",
    };
    let widest = picker
        .entries
        .iter()
        .map(|(label, _)| label.chars().count())
        .max()
        .unwrap_or(0);
    let width = (widest as u16).saturating_add(10).clamp(68, 80);
    let shown = picker.visible();
    let visible = usize::from(area.height.saturating_sub(5)).max(1);
    let first = picker.cursor.saturating_sub(visible.saturating_sub(1));
    let mut lines: Vec<Line> = Vec::new();
    if picker.typing || !picker.query.is_empty() {
        let cursor = if picker.typing { "█" } else { "" };
        lines.push(Line::from(vec![
            Span::styled("/", theme::title()),
            Span::raw(picker.query.clone()),
            Span::styled(cursor, theme::dim()),
            Span::styled(
                format!("  {} of {}", shown.len(), picker.entries.len()),
                theme::dim(),
            ),
        ]));
    }
    lines.extend(
        shown
            .iter()
            .enumerate()
            .skip(first)
            .take(visible)
            .filter_map(|(i, &entry)| picker.entries.get(entry).map(|e| (i, e)))
            .map(|(i, (label, on))| {
                let text = format!(
                    "{} [{}] {label}",
                    if i == picker.cursor { "›" } else { " " },
                    if *on { "x" } else { " " }
                );
                let style = if i == picker.cursor {
                    theme::cursor()
                } else if *on {
                    ratatui::style::Style::new()
                } else {
                    theme::dim()
                };
                Line::from(Span::styled(text, style))
            }),
    );
    if shown.is_empty() {
        lines.push(Line::from(Span::styled("  nothing matches", theme::dim())));
    }
    lines.push(Line::from(Span::styled(
        "Space toggles · a all · / narrows · Enter applies · Esc cancels",
        theme::dim(),
    )));
    let box_area = centred(area, width, lines.len() as u16 + 2);
    Clear.render(box_area, buf);
    Paragraph::new(lines)
        .block(Block::new().borders(Borders::ALL).title(title))
        .render(box_area, buf);
}
