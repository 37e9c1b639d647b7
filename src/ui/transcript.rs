//! The main pane: one entry per visible row. Each entry is a header line
//! (cursor bar, playhead mark, timecode, Q/A marker, speaker) and its text
//! wrapped beneath. Only the rows on screen are laid out.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::View;
use super::theme;
use super::wrap::wrap_at_most;
use crate::app::App;
use crate::model::{Segment, SegmentKind};

/// Columns before the text: bar, playhead mark, the timecode column, marker.
fn text_indent(app: &App) -> usize {
    app.index.time_width() + 5
}

fn indent_for(app: &App, width: u16) -> usize {
    if usize::from(width) >= text_indent(app) + 20 {
        text_indent(app)
    } else {
        2
    }
}

fn text_width(app: &App, width: u16) -> usize {
    usize::from(width)
        .saturating_sub(indent_for(app, width))
        .max(1)
}

/// Lines an entry takes at this width (its header and its wrapped text), up
/// to `limit`: an entry taller than the screen is cut anyway.
pub fn entry_height(app: &App, row: usize, width: u16, limit: usize) -> usize {
    let Some(segment) = app
        .rows
        .get(row)
        .and_then(|r| app.transcript.segments.get(r.segment))
    else {
        return 1;
    };
    1 + wrap_at_most(&segment.text, text_width(app, width), limit).len()
}

/// The first row to draw so that the cursor's entry is in view. Only the
/// entries between the top and the cursor are measured, at most a screenful.
fn scroll_top(app: &App, view: &View, height: usize, width: u16) -> usize {
    let cursor = app.cursor.min(app.rows.len().saturating_sub(1));
    let top = if cursor < view.top || cursor - view.top >= height {
        // Far away (every entry takes a line at least): the cursor at the
        // top, or at the bottom with the screen filled upwards when it
        // moved down.
        let mut top = cursor;
        let mut used = entry_height(app, cursor, width, height);
        while top > 0 && cursor >= view.top {
            let above = entry_height(app, top - 1, width, height);
            if used + above > height {
                break;
            }
            used += above;
            top -= 1;
        }
        top
    } else {
        let mut top = view.top;
        let mut used: usize = (top..=cursor)
            .map(|row| entry_height(app, row, width, height))
            .sum();
        while used > height && top < cursor {
            used -= entry_height(app, top, width, height);
            top += 1;
        }
        top
    };
    fill_upwards(app, top, height, width)
}

/// Moves the top up while the entries from it to the end of the list leave
/// lines empty below them: after a filter or a larger window, the screen
/// shows as many entries as fit rather than a few and blank lines.
fn fill_upwards(app: &App, top: usize, height: usize, width: u16) -> usize {
    let mut used = 0;
    for row in top..app.rows.len() {
        used += entry_height(app, row, width, height);
        if used >= height {
            return top;
        }
    }
    let mut top = top;
    while top > 0 {
        let above = entry_height(app, top - 1, width, height);
        if used + above > height {
            break;
        }
        used += above;
        top -= 1;
    }
    top
}

fn marker(kind: SegmentKind) -> &'static str {
    match kind {
        SegmentKind::Question => "Q",
        SegmentKind::Answer => "A",
        SegmentKind::Shot => "S",
        SegmentKind::Chapter => "C",
    }
}

fn header_line<'a>(app: &'a App, segment: &'a Segment, is_cursor: bool, context: bool) -> Line<'a> {
    let playing = app.playing == Some(segment.id);
    let bar = if is_cursor { "▌" } else { " " };
    let mark = if playing { "▶" } else { " " };
    let time = segment
        .start
        .map_or_else(|| "··:··".to_owned(), |t| t.to_string());
    let speaker = app.transcript.speaker_of(segment);
    let colour = theme::role_colour(
        segment.speaker.and_then(|id| app.index.role_of(id)),
        speaker.is_some_and(crate::model::Speaker::is_interviewer),
    );
    let who = match (segment.kind, speaker) {
        (SegmentKind::Shot, _) => "shot".to_owned(),
        (_, Some(s)) => s.label(),
        (_, None) => "— · —".to_owned(),
    };
    let base = if context {
        theme::context()
    } else {
        Style::new()
    };
    let time_style = if playing {
        theme::playhead()
    } else if is_cursor {
        theme::cursor()
    } else {
        base
    };
    let mut who_style = base.fg(colour).add_modifier(Modifier::BOLD);
    if context {
        who_style = theme::context();
    }
    Line::from(vec![
        Span::styled(bar, theme::playhead()),
        Span::styled(mark, theme::playhead()),
        Span::styled(
            format!("{time:>width$}", width = app.index.time_width()),
            time_style,
        ),
        Span::raw(" "),
        Span::styled(
            marker(segment.kind),
            if is_cursor { theme::cursor() } else { base },
        ),
        // A select is marked beside its Q/A marker.
        Span::styled(
            if app.is_select(segment.id) {
                "◆"
            } else {
                " "
            },
            theme::playhead(),
        ),
        Span::raw(" "),
        Span::styled(who, who_style),
    ])
}

/// Splits a wrapped line into spans, highlighting the search matches in it.
pub(super) fn text_spans<'a>(
    text: &'a str,
    line: Range<usize>,
    matches: &[Range<usize>],
    style: Style,
) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    let mut at = line.start;
    for m in matches
        .iter()
        .filter(|m| m.start < line.end && m.end > line.start)
    {
        let (start, end) = (m.start.max(line.start), m.end.min(line.end));
        if start > at {
            spans.push(Span::styled(&text[at..start], style));
        }
        spans.push(Span::styled(&text[start..end], theme::highlight()));
        at = end;
    }
    if at < line.end {
        spans.push(Span::styled(&text[at..line.end], style));
    }
    spans
}

/// Draws the visible entries and records where each one is, for the mouse.
/// Why there is nothing to show: the filters, or what reading the log found.
fn empty_reason(app: &App, height: usize) -> Vec<Line<'static>> {
    if app.is_filtered() {
        return vec![Line::styled(
            "nothing matches the filters (x clears them)",
            theme::dim(),
        )];
    }
    let mut lines = vec![Line::styled(
        format!(
            "no segments in this log: it was read as {} and no line of it is a timecode, a speaker or a question",
            app.transcript.format
        ),
        theme::dim(),
    )];
    for diagnostic in app
        .transcript
        .diagnostics
        .iter()
        .take(height.saturating_sub(2))
    {
        let place = if diagnostic.line == 0 {
            String::new()
        } else {
            format!("line {}: ", diagnostic.line)
        };
        lines.push(Line::raw(format!(
            "{place}{}: {}",
            diagnostic.severity, diagnostic.message
        )));
    }
    lines
}

pub fn render(app: &App, view: &mut View, area: Rect, buf: &mut Buffer) {
    view.hits.clear();
    if area.is_empty() {
        return;
    }
    if app.rows.is_empty() {
        Paragraph::new(empty_reason(app, usize::from(area.height)))
            .wrap(ratatui::widgets::Wrap { trim: false })
            .render(area, buf);
        return;
    }
    let height = usize::from(area.height);
    view.top = scroll_top(app, view, height, area.width);
    let indent = " ".repeat(indent_for(app, area.width));
    let mut y = 0usize;
    let mut row = view.top;
    while y < height && row < app.rows.len() {
        let entry = app.rows[row];
        let Some(segment) = app.transcript.segments.get(entry.segment) else {
            break;
        };
        let is_cursor = row == app.cursor;
        let mut lines = vec![header_line(app, segment, is_cursor, entry.context)];
        let style = match (entry.context, segment.kind) {
            (true, _) => theme::context(),
            (false, SegmentKind::Question) => theme::question_text(),
            _ => Style::new(),
        };
        let matches: Vec<Range<usize>> = match &app.search.query {
            Some(q) if !entry.context => q.ranges(&segment.text).collect(),
            _ => Vec::new(),
        };
        for range in wrap_at_most(&segment.text, text_width(app, area.width), height - y) {
            if y + lines.len() >= height {
                break;
            }
            let bar = Span::styled(if is_cursor { "▌" } else { " " }, theme::playhead());
            let mut spans = vec![bar, Span::raw(&indent[1..])];
            spans.extend(text_spans(&segment.text, range, &matches, style));
            lines.push(Line::from(spans));
        }
        let entry_height = lines.len();
        let entry_area = Rect {
            x: area.x,
            y: area.y + y as u16,
            width: area.width,
            height: entry_height as u16,
        };
        Paragraph::new(lines).render(entry_area, buf);
        view.hits
            .push((entry_area.y, entry_area.y + entry_height as u16, row));
        y += entry_height;
        row += 1;
    }
    view.rows_shown = view.hits.len();
}
