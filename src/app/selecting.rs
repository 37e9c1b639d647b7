//! The app's side of selects: marking while listening, notes, the pane's
//! order, and quotes for the clipboard. Every change asks for a save.

use std::time::Duration;

use super::{App, Effect, Mode, Prompt, PromptKind, row_of_segment};
use crate::media::MediaCommand;
use crate::model::{Segment, Timecode, Transcript};
use crate::selects::Select;

/// Which selects the pane shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SelectFilter {
    /// Those whose note has `#NAME` (lower case, no `#`).
    Tag(String),
    /// Those whose speaker's role contains NAME (any case).
    Role(String),
}

/// The longest quote put on the clipboard, in characters: terminals and
/// tmux take OSC 52 sequences of a few kilobytes.
pub const MAX_QUOTE_CHARS: usize = 2000;

/// `"Text" — Name, Role (Title, 21:14)`: a segment, or a select of it, as
/// a quote to paste into a script, with who said it and where.
pub fn quote(transcript: &Transcript, segment: &Segment, select: Option<&Select>) -> String {
    let text = crate::model::one_line(&segment.text);
    let speaker = transcript.speaker_of(segment);
    let who: Vec<&str> = speaker
        .into_iter()
        .flat_map(|s| [s.name.as_deref(), s.role.as_deref()])
        .flatten()
        .collect();
    let at = select
        .and_then(|s| s.start(transcript))
        .or(segment.start)
        .map(|t| t.to_string());
    let title = transcript.title().unwrap_or(&transcript.source);
    let source: Vec<&str> = std::iter::once(title).chain(at.as_deref()).collect();
    let credit = if who.is_empty() {
        String::new()
    } else {
        format!(" \u{2014} {}", who.join(", "))
    };
    format!("\u{201c}{text}\u{201d}{credit} ({})", source.join(", "))
}

/// No control characters (they would end the clipboard sequence early or
/// reach the terminal), and at most `max` characters, cut at a word with
/// an ellipsis. Says whether it was cut.
fn clipboard_safe(text: &str, max: usize) -> (String, bool) {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if clean.chars().count() <= max {
        return (clean, false);
    }
    let cut: String = clean.chars().take(max.saturating_sub(1)).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    (format!("{}…", at_word.trim_end()), true)
}

impl App {
    /// The segment a mark is for: the one playing while playing and
    /// following, else the one under the cursor.
    fn target_segment(&self) -> Option<usize> {
        if self.player.is_playing() && self.follow {
            self.playing.or_else(|| self.cursor_segment())
        } else {
            self.cursor_segment()
        }
    }

    fn selects_changed(&mut self) {
        self.effects.push(Effect::SaveSelects);
    }

    pub(super) fn toggle_select(&mut self, now: Duration) {
        let Some(segment) = self
            .target_segment()
            .and_then(|id| self.transcript.segments.get(id))
        else {
            return self.message("nothing to mark", true, now);
        };
        let marked = self.selects.toggle(segment);
        let total = self.selects.len();
        self.message(
            if marked {
                format!("marked: {total} selects (S lists them)")
            } else {
                format!("unmarked: {total} selects")
            },
            false,
            now,
        );
        self.selects_changed();
    }

    /// An in (`is_in`) or out point at the playhead, on the segment playing.
    pub(super) fn mark_point(&mut self, is_in: bool, now: Duration) {
        let at = self.player.position(now);
        let Some(segment) = self.playing.and_then(|id| self.transcript.segments.get(id)) else {
            return self.message("no segment under the playhead", true, now);
        };
        self.selects.set_point(segment, at, is_in);
        let which = if is_in { "in" } else { "out" };
        self.message(format!("{which} point at {at}"), false, now);
        self.selects_changed();
    }

    /// Opens the note prompt for a select: the one at `position` in the
    /// pane, or the one on the target segment (marked first if need be).
    pub(super) fn open_note(&mut self, from_pane: Option<usize>, now: Duration) {
        let position = if let Some(position) = from_pane {
            position
        } else {
            let Some(segment) = self
                .target_segment()
                .and_then(|id| self.transcript.segments.get(id))
            else {
                return self.message("nothing to note", true, now);
            };
            if let Some(position) = self.selects.position_of(segment.id) {
                position
            } else {
                self.selects.toggle(segment);
                self.selects_changed();
                self.selects.len() - 1
            }
        };
        let Some(select) = self.selects.items().get(position) else {
            return;
        };
        self.mode = Mode::Prompt(Prompt {
            kind: PromptKind::Note {
                select: position,
                from_pane: from_pane.is_some(),
            },
            input: select.note.clone(),
        });
    }

    /// The note typed for a select: one clean line.
    pub(super) fn set_note(&mut self, position: usize, text: &str, now: Duration) {
        let clean = crate::formats::common::sanitize::sanitize(text).0;
        let line = crate::model::one_line(&clean);
        let tags = line
            .split_whitespace()
            .filter(|w| w.starts_with('#'))
            .count();
        self.selects.set_note(position, line);
        self.message(
            format!("note kept on select {} ({tags} tags)", position + 1),
            false,
            now,
        );
        self.selects_changed();
    }

    /// Positions of the selects the pane shows, in order.
    pub fn shown_selects(&self) -> Vec<usize> {
        let keeps = |select: &Select| match &self.select_filter {
            None => true,
            Some(SelectFilter::Tag(tag)) => select.tags().any(|t| &t == tag),
            Some(SelectFilter::Role(role)) => select
                .segment_of(&self.transcript)
                .and_then(|s| self.transcript.speaker_of(s))
                .and_then(|s| s.role.as_deref())
                .is_some_and(|r| r.to_lowercase().contains(&role.to_lowercase())),
        };
        self.selects
            .items()
            .iter()
            .enumerate()
            .filter(|(_, s)| keeps(s))
            .map(|(i, _)| i)
            .collect()
    }

    pub(super) fn filter_selects(&mut self, filter: Option<SelectFilter>, now: Duration) {
        self.select_filter = filter;
        let shown = self.shown_selects().len();
        if self.select_filter.is_some() && shown == 0 {
            self.message("no select matches: :select all shows them all", true, now);
        }
        self.mode = Mode::Selects(0);
    }

    /// The pane: the selects (of those shown) in order.
    pub(super) fn open_selects(&mut self, now: Duration) {
        if self.selects.is_empty() {
            return self.message(
                "no selects yet: m marks the segment under the cursor",
                true,
                now,
            );
        }
        self.mode = Mode::Selects(0);
    }

    /// Closes the pane on a select: the cursor on its segment, the playhead at its start.
    pub(super) fn go_to_select(&mut self, position: usize, now: Duration) {
        self.mode = Mode::Normal;
        let Some(select) = self.selects.items().get(position).cloned() else {
            return;
        };
        let Some(segment) = select.segment_of(&self.transcript) else {
            return self.message("this select's segment is no longer in the log", true, now);
        };
        let (id, start) = (segment.id, select.start(&self.transcript));
        if let Some(start) = start {
            self.media(MediaCommand::Seek(start), now);
        }
        self.cursor = row_of_segment(&self.rows, id);
        self.follow = false;
    }

    /// Copies the select at `position` (in the pane) or the segment under
    /// the cursor: as a quote, or its timecode alone.
    pub(super) fn copy(&mut self, position: Option<usize>, timecode_only: bool, now: Duration) {
        let select = position.and_then(|p| self.selects.items().get(p));
        let segment = match select {
            Some(select) => select.segment_of(&self.transcript),
            None => self
                .cursor_segment()
                .and_then(|id| self.transcript.segments.get(id)),
        };
        let Some(segment) = segment else {
            return self.message("nothing to copy", true, now);
        };
        let select = select.or_else(|| {
            self.selects
                .position_of(segment.id)
                .and_then(|p| self.selects.items().get(p))
        });
        let text = if timecode_only {
            let start = select
                .and_then(|s| s.start(&self.transcript))
                .or(segment.start);
            match start {
                Some(at) => at.to_string(),
                None => return self.message("this segment has no timecode", true, now),
            }
        } else {
            quote(&self.transcript, segment, select)
        };
        let (text, cut) = clipboard_safe(&text, MAX_QUOTE_CHARS);
        let said = if cut {
            format!("copied, cut to {MAX_QUOTE_CHARS} characters")
        } else if timecode_only {
            format!("copied {text}")
        } else {
            "copied the quote".to_owned()
        };
        self.message(said, false, now);
        self.effects.push(Effect::Clipboard(text));
    }

    /// Whether a segment is a select, for the marks on screen.
    pub fn is_select(&self, segment: usize) -> bool {
        self.selects.position_of(segment).is_some()
    }
}

/// A start, for the pane: `··:··` when there is none.
pub fn selecting_time(at: Option<Timecode>) -> String {
    at.map_or_else(|| "··:··".to_owned(), |t| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::clipboard_safe;

    #[test]
    fn clipboard_text_has_no_controls_and_is_cut_at_a_word() {
        assert_eq!(
            clipboard_safe("a\u{1b}]52;c;x\u{7}b", 100),
            ("a ]52;c;x b".into(), false)
        );
        let (cut, was) = clipboard_safe("one two three four", 12);
        assert!(was);
        assert_eq!(cut, "one two…");
    }
}
