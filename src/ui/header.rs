//! The top line: title · creator · location · date · format.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::theme;
use crate::app::App;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let metadata = app.transcript.metadata.as_ref();
    let title = metadata
        .and_then(|m| m.title.clone())
        .unwrap_or_else(|| app.transcript.source.clone());
    let mut details: Vec<String> = Vec::new();
    if let Some(m) = metadata {
        details.extend(m.creator.clone());
        details.extend(m.location.clone());
        details.extend(m.date.map(|d| d.format("%-d %b %Y").to_string()));
        details.extend(m.media_format.clone());
    }
    let mut spans = vec![Span::styled(title, theme::title())];
    for detail in details {
        spans.push(Span::styled(" · ", theme::dim()));
        spans.push(Span::raw(detail));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}
