//! The selects pane: the paper edit in order, one line each (number,
//! timecode, length, speaker, note, first words), and the running time.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::theme;
use super::wrap::truncate;
use crate::app::{App, SelectFilter};
use crate::model::Timecode;

pub fn render(app: &App, cursor: usize, area: Rect, buf: &mut Buffer) {
    let shown = app.shown_selects();
    let width = area.width.min(120);
    let inner = usize::from(width.saturating_sub(2));
    let visible = usize::from(area.height.saturating_sub(4)).max(1);
    let first = cursor.saturating_sub(visible.saturating_sub(1));
    let transcript = &app.transcript;
    let mut lines: Vec<Line> = shown
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .filter_map(|(row, &position)| {
            let select = app.selects.items().get(position)?;
            let mark = if row == cursor { "›" } else { " " };
            let text = match select.segment_of(transcript) {
                Some(segment) => {
                    let start = crate::app::selecting_time(select.start(transcript));
                    let length = Timecode::from_millis(select.duration_ms(transcript));
                    let who = transcript
                        .speaker_of(segment)
                        .map_or_else(|| "—".to_owned(), crate::model::Speaker::label);
                    let note = if select.note.is_empty() {
                        String::new()
                    } else {
                        format!("[{}] ", select.note)
                    };
                    let words = crate::model::one_line(&segment.text);
                    format!(
                        "{mark}{:>3} {start:>8} {length:>7}  {who}  {note}{words}",
                        position + 1
                    )
                }
                None => format!(
                    "{mark}{:>3} ! not in the log now: \u{201c}{}\u{201d} {}",
                    position + 1,
                    select.anchor_words,
                    select.note
                ),
            };
            let style = if row == cursor {
                theme::cursor()
            } else if select.lost {
                theme::error()
            } else {
                ratatui::style::Style::new()
            };
            Some(Line::from(Span::styled(truncate(&text, inner), style)))
        })
        .collect();
    lines.push(Line::from(Span::styled(
        truncate(
            "K/J move · d remove · a note · u undo · y copy · Enter goes to it · Esc closes",
            inner,
        ),
        theme::dim(),
    )));
    let total = Timecode::from_millis(
        shown
            .iter()
            .filter_map(|&p| app.selects.items().get(p))
            .map(|s| s.duration_ms(transcript))
            .sum(),
    );
    let filter = match &app.select_filter {
        None => String::new(),
        Some(SelectFilter::Tag(tag)) => format!(" · #{tag}"),
        Some(SelectFilter::Role(role)) => format!(" · role {role}"),
    };
    let title = format!(" Selects ({} · {total} in all{filter}) ", shown.len());
    let box_area = super::overlay::centred(area, width, lines.len() as u16 + 2);
    Clear.render(box_area, buf);
    Paragraph::new(lines)
        .block(
            Block::new()
                .borders(Borders::ALL)
                .title(truncate(&title, inner)),
        )
        .render(box_area, buf);
}
