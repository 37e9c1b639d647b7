//! The player bar: play state and position, end, speed, follow, current
//! speaker; and beneath it a timeline of the whole interview by role.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::theme;
use crate::app::App;
use crate::model::Timecode;

/// `▶ 10:14` or `⏸ 10:14`: glyph, space, position.
pub fn position_label(playing: bool, at: Timecode) -> String {
    format!("{} {at}", if playing { "▶" } else { "⏸" })
}

pub fn render(app: &App, now: std::time::Duration, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let at = app.player.position(now);
    let speed = app.player.speed_percent();
    let speaker = app
        .playing
        .and_then(|id| app.transcript.segments.get(id))
        .and_then(|s| app.transcript.speaker_of(s))
        .map(crate::model::Speaker::label)
        .unwrap_or_default();
    let line = Line::from(vec![
        Span::styled(
            position_label(app.player.is_playing(), at),
            theme::playhead(),
        ),
        Span::raw(format!(" / {}  ", app.player.end())),
        Span::styled(speed_label(speed), theme::title()),
        Span::styled(
            format!("  follow {}  ", if app.follow { "on" } else { "off" }),
            theme::dim(),
        ),
        Span::styled(
            if app.offset_ms == 0 {
                String::new()
            } else {
                format!("offset {}  ", crate::app::format_offset(app.offset_ms))
            },
            theme::dim(),
        ),
        Span::raw(speaker),
    ]);
    Paragraph::new(line).render(Rect { height: 1, ..area }, buf);
    if area.height > 1 {
        timeline(
            app,
            at,
            Rect {
                y: area.y + 1,
                height: 1,
                ..area
            },
            buf,
        );
    }
}

/// One cell per slice of the interview, coloured by who speaks in it;
/// dim where the filters hide it; the playhead as a bright bar.
fn timeline(app: &App, at: Timecode, area: Rect, buf: &mut Buffer) {
    let end = app.player.end().as_millis().max(1);
    let width = u64::from(area.width.max(1));
    let playhead_cell = (at.as_millis().saturating_mul(width) / end).min(width - 1);
    let mut spans = Vec::with_capacity(area.width.into());
    for cell in 0..width {
        let middle = Timecode::from_millis((cell * 2 + 1) * end / (width * 2));
        let segment = app
            .index
            .segment_at(middle)
            .and_then(|id| app.transcript.segments.get(id));
        let style = match segment {
            _ if cell == playhead_cell => theme::playhead(),
            Some(s) if !app.segment_shown(s.id) => theme::dim(),
            Some(s) => {
                let interviewer = app
                    .transcript
                    .speaker_of(s)
                    .is_some_and(crate::model::Speaker::is_interviewer);
                Style::new().fg(theme::role_colour(
                    s.speaker.and_then(|id| app.index.role_of(id)),
                    interviewer,
                ))
            }
            None => theme::dim(),
        };
        let glyph = if cell == playhead_cell {
            "┃"
        } else if segment.is_some_and(|s| app.is_select(s.id)) {
            "◆"
        } else if segment.is_some() {
            "━"
        } else {
            "─"
        };
        spans.push(Span::styled(glyph, style));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}
/// `0.75×`, `1×`, `1.5×`: the speed with the digits it has, no more.
pub fn speed_label(percent: u32) -> String {
    let whole = percent / 100;
    let fraction = format!("{:02}", percent % 100);
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        format!("{whole}×")
    } else {
        format!("{whole}.{fraction}×")
    }
}

#[cfg(test)]
mod tests {
    use super::speed_label;

    #[test]
    fn speeds_show_every_digit_they_have() {
        let labels: Vec<String> = [50, 75, 100, 125, 150, 200, 300]
            .into_iter()
            .map(speed_label)
            .collect();
        assert_eq!(labels, ["0.5×", "0.75×", "1×", "1.25×", "1.5×", "2×", "3×"]);
    }
}
