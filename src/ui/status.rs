//! The bottom line: the prompt while typing; otherwise filters, search
//! position, the latest message, and a hint for help.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::theme;
use super::wrap::truncate;
use crate::app::{App, Mode, PromptKind};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    if let Mode::Prompt(prompt) = &app.mode {
        let lead = match prompt.kind {
            PromptKind::Command => ":",
            PromptKind::Jump => "jump to: ",
            PromptKind::Search => "/",
            PromptKind::Note { .. } => "note (#tags): ",
        };
        let mut spans = vec![
            Span::styled(lead, theme::title()),
            Span::raw(prompt.input.clone()),
            Span::styled("█", theme::dim()),
        ];
        if prompt.kind == PromptKind::Search {
            spans.push(Span::styled(
                format!("  {}", search_position(app)),
                theme::dim(),
            ));
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
        return;
    }
    // Which reader read the log, where there is room to say so.
    // The key that opens the help, as the keymap in effect has it.
    let help_key = app
        .keymap
        .bindings("normal")
        .iter()
        .find(|b| b.action == crate::app::Action::ToggleHelp)
        .and_then(|b| b.keys.first())
        .map(ToString::to_string);
    let short = help_key
        .map(|key| format!("{key} help"))
        .unwrap_or_default();
    let with_format = format!("{} · {} · {short}", app.transcript.format, app.engine);
    let hint = if area.width >= 60 {
        with_format.as_str()
    } else {
        short.as_str()
    };
    let mut parts: Vec<String> = app.filter_summary();
    if app.loading.is_some() {
        parts.insert(
            0,
            format!(
                "loading the rest… ({} segments so far)",
                app.transcript.segments.len()
            ),
        );
    }
    if let Some(query) = &app.search.query {
        parts.push(format!("/{} {}", query.text(), search_position(app)));
    }
    if let Some(media) = &app.media_offer {
        let name = media
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let name = crate::formats::common::sanitize::sanitize(&name).0;
        parts.push(format!("{name} is beside the log: :media plays it"));
    }
    let mut spans = Vec::new();
    let left_width = usize::from(area.width).saturating_sub(super::wrap::text_width(hint) + 1);
    let mut text = parts.join("  ");
    if let Some(status) = &app.status {
        let style = if status.error {
            theme::error()
        } else {
            theme::title()
        };
        if !text.is_empty() {
            text.push_str("  ");
        }
        spans.push(Span::raw(truncate(&text, left_width)));
        let remaining = left_width.saturating_sub(super::wrap::text_width(text.as_str()));
        spans.push(Span::styled(truncate(&status.text, remaining), style));
    } else {
        spans.push(Span::raw(truncate(&text, left_width)));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
    let hint_width = super::wrap::text_width(hint);
    if usize::from(area.width) > hint_width {
        let x = area.x + area.width - hint_width as u16;
        buf.set_string(x, area.y, hint, theme::dim());
    }
}

/// `k/n`: the current match and how many there are; `n+` while rows are
/// left to search.
pub fn search_position(app: &App) -> String {
    let n = app.search.matches.len();
    let more = if app.search.is_searching() { "+" } else { "" };
    match app.search.current {
        Some(k) if n > 0 => format!("{}/{n}{more}", k + 1),
        _ => format!("0/{n}{more}"),
    }
}
