//! The speakers panel: roles with their segments and talk time, the
//! speakers under each, and which are shown under the current filters.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::theme;
use super::wrap::truncate;
use crate::app::App;
use crate::stats::{Tally, format_duration};

/// Columns the figures take: segments, two spaces, talk time up to `999:59:59`.
const FIGURES_WIDTH: usize = 15;

fn figures(tally: &Tally) -> String {
    format!(
        "{:>5}  {:>8}",
        tally.segments,
        format_duration(tally.talk_ms)
    )
}

/// A label cut and padded to `width` columns, after `lead`.
fn label(lead: &str, text: &str, width: usize) -> String {
    let room = width.saturating_sub(lead.chars().count());
    let cut = truncate(text, room);
    let pad = room.saturating_sub(super::wrap::text_width(cut.as_str()));
    format!("{lead}{cut}{}", " ".repeat(pad))
}

pub fn render(app: &App, stats: &crate::stats::Stats, area: Rect, buf: &mut Buffer) {
    let block = Block::new()
        .borders(Borders::LEFT)
        .title(" Speakers ")
        .border_style(theme::dim());
    let inner = block.inner(area);
    block.render(area, buf);
    // Each line: a label column, then the figures, in the same columns for
    // roles and their speakers.
    let label_width = usize::from(inner.width).saturating_sub(FIGURES_WIDTH);
    let mut lines = Vec::new();
    for role in &stats.roles {
        let first = role.speakers.first().map(|(id, _)| *id);
        let role_index = first.and_then(|id| app.index.role_of(id));
        let interviewer = first
            .and_then(|id| app.transcript.speaker(id))
            .is_some_and(crate::model::Speaker::is_interviewer);
        let shown = role.speakers.iter().any(|(id, _)| app.speaker_shown(*id));
        let colour = theme::role_colour(role_index, interviewer);
        let style = if shown {
            Style::new().fg(colour).add_modifier(Modifier::BOLD)
        } else {
            theme::dim()
        };
        let name = role.role.clone().unwrap_or_else(|| "(no role)".to_owned());
        let mark = if shown { "● " } else { "○ " };
        lines.push(Line::from(vec![
            Span::styled(label(mark, &name, label_width), style),
            Span::styled(figures(&role.tally), style),
        ]));
        for (id, tally) in &role.speakers {
            let speaker = app.transcript.speaker(*id);
            // An unnamed speaker by what tells them apart (`Vox Pop 2`).
            let name = speaker
                .and_then(|s| s.name.clone().or_else(|| s.detail.clone()))
                .unwrap_or_else(|| "(no name)".to_owned());
            let style = if app.speaker_shown(*id) {
                Style::new()
            } else {
                theme::dim()
            };
            lines.push(Line::from(vec![
                Span::styled(label("    ", &name, label_width), style),
                Span::styled(figures(tally), style),
            ]));
        }
    }
    // Shots and words no one is named for, as `stats` shows them.
    if stats.unattributed.segments > 0 {
        lines.push(Line::from(vec![
            Span::styled(label("  ", "(no speaker)", label_width), theme::dim()),
            Span::styled(figures(&stats.unattributed), theme::dim()),
        ]));
    }
    Paragraph::new(lines).render(inner, buf);
}
