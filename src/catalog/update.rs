//! `update()` for the library: one action applied to its state, per mode.
//! Pure, like the player's: time comes in as `now`, and what reaches
//! outside goes out as [`LibraryEffect`]s.

use std::time::Duration;

use super::hits::Ask;
use super::view::{Library, LibraryEffect, LibraryMode, LibraryRow, TypingKind};
use crate::app::Action;

/// Applies one action to the library and says what the runtime must do.
pub fn update(library: &mut Library, action: Action, now: Duration) -> Vec<LibraryEffect> {
    let expired = library.status.as_ref().is_some_and(|s| now >= s.until);
    if expired || !matches!(action, Action::Tick | Action::Scroll(_)) {
        library.status = None;
    }
    match library.mode.clone() {
        LibraryMode::Normal => update_normal(library, action, now),
        LibraryMode::Typing {
            kind,
            input,
            before,
        } => update_typing(library, kind, input, before, action, now),
        LibraryMode::Help(scroll) => {
            library.mode = match action {
                Action::ToggleHelp | Action::Cancel | Action::Quit => LibraryMode::Normal,
                Action::CursorDown => LibraryMode::Help(scroll + 1),
                Action::CursorUp => LibraryMode::Help(scroll.saturating_sub(1)),
                Action::PageDown => LibraryMode::Help(scroll + library.page_rows.max(1)),
                Action::PageUp => {
                    LibraryMode::Help(scroll.saturating_sub(library.page_rows.max(1)))
                }
                _ => LibraryMode::Help(scroll),
            };
        }
        LibraryMode::Problems(at) => {
            let last = library.skipped.len().saturating_sub(1);
            let page = library.page_rows.max(1);
            library.mode = match action {
                Action::Cancel | Action::ShowProblems | Action::Submit => LibraryMode::Normal,
                Action::Quit => return vec![LibraryEffect::Quit],
                Action::CursorDown => LibraryMode::Problems((at + 1).min(last)),
                Action::CursorUp => LibraryMode::Problems(at.saturating_sub(1)),
                Action::PageDown => LibraryMode::Problems((at + page).min(last)),
                Action::PageUp => LibraryMode::Problems(at.saturating_sub(page)),
                Action::First => LibraryMode::Problems(0),
                Action::Last => LibraryMode::Problems(last),
                _ => LibraryMode::Problems(at),
            };
        }
    }
    std::mem::take(&mut library.effects)
}

fn update_normal(library: &mut Library, action: Action, now: Duration) {
    let page = library.page_rows.max(1) as isize;
    match action {
        Action::CursorDown => library.move_cursor_by(1),
        Action::CursorUp => library.move_cursor_by(-1),
        Action::PageDown => library.move_cursor_by(page),
        Action::PageUp => library.move_cursor_by(-page),
        Action::First => library.cursor = 0,
        Action::Last => library.cursor = library.rows.len().saturating_sub(1),
        Action::Select(row) => library.cursor = row.min(library.rows.len().saturating_sub(1)),
        Action::Scroll(rows) => library.move_cursor_by(rows as isize),
        Action::Open | Action::PlayRow(_) => {
            if let Action::PlayRow(row) = action {
                library.cursor = row.min(library.rows.len().saturating_sub(1));
            }
            library.open();
        }
        Action::OpenSearch => library.start_typing(TypingKind::Search),
        Action::OpenFilter => library.start_typing(TypingKind::Filter),
        Action::OpenCommand => library.start_typing(TypingKind::Command),
        Action::NextMatch => library.step_hit(true, now),
        Action::PreviousMatch => library.step_hit(false, now),
        Action::SortNext | Action::SortReverse => {
            if action == Action::SortNext {
                library.column = library.column.next();
            } else {
                library.descending = !library.descending;
            }
            library.rebuild_rows();
            let order = if library.descending { "▼" } else { "▲" };
            library.message(
                format!("sorted by {} {order}", library.column.name()),
                false,
                now,
            );
        }
        Action::ClearFilters | Action::Cancel => {
            library.narrow.clear();
            library.set_ask(Ask::default());
        }
        Action::ToggleSpeakers => library.show_people = !library.show_people,
        Action::ShowProblems => library.show_problems(now),
        Action::Reread => library.effects.push(LibraryEffect::Reread),
        Action::ToggleHelp => library.mode = LibraryMode::Help(0),
        Action::Quit => library.effects.push(LibraryEffect::Quit),
        _ => {}
    }
}

fn update_typing(
    library: &mut Library,
    kind: TypingKind,
    mut input: String,
    before: String,
    action: Action,
    now: Duration,
) {
    match action {
        Action::Input(c) => {
            if !c.is_control() {
                input.push(c);
            }
            library.typed(kind, &input, now);
        }
        Action::Backspace => {
            input.pop();
            library.typed(kind, &input, now);
        }
        Action::Submit => {
            library.mode = LibraryMode::Normal;
            if kind == TypingKind::Command {
                library.run_command(&input, now);
            } else if kind == TypingKind::Search && library.ask.is_active() {
                // The cursor goes to the first hit.
                let first = library
                    .rows
                    .iter()
                    .position(|r| matches!(r, LibraryRow::Hit(..)));
                library.cursor = first.unwrap_or(0);
                if !library.searching() {
                    let none = library.hit_counts().0 == 0;
                    library.message(library.found(), none, now);
                }
            }
            return;
        }
        Action::Cancel => {
            library.mode = LibraryMode::Normal;
            library.typed(kind, &before, now);
            return;
        }
        Action::Quit => return library.effects.push(LibraryEffect::Quit),
        _ => {}
    }
    library.mode = LibraryMode::Typing {
        kind,
        input,
        before,
    };
}
