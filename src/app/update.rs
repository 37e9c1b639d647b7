//! `update()`: one action applied to the app state, per mode. Pure: all it
//! needs is in the app, the action and `now`.

use std::time::Duration;

use super::{Action, App, Effect, Mode, Picker, PickerKind, Prompt, PromptKind, row_of_segment};
use crate::media::MediaCommand;

/// Applies one action and says what the runtime must do about it. Pure:
/// everything it needs is in `app`, `action` and `now`.
pub fn update(app: &mut App, action: Action, now: Duration) -> Vec<Effect> {
    if let Action::Media(state) = action {
        // An engine's report: no key was pressed, so no message goes stale.
        app.media_reported(state, now);
        app.sync_playing(now);
        return std::mem::take(&mut app.effects);
    }
    // A message answers the last thing done: the next key makes it stale.
    let expired = app.status.as_ref().is_some_and(|s| now >= s.until);
    if expired || !matches!(action, Action::Tick | Action::Scroll(_)) {
        app.status = None;
    }
    if action == Action::Tick && app.search.is_searching() {
        // Between keys: the next step of a long log's search.
        app.search.search_step(&app.transcript);
    }
    match app.mode.clone() {
        Mode::Normal => update_normal(app, action, now),
        Mode::Help(scroll) => update_help(app, scroll, action),
        Mode::Problems(at) => update_problems(app, at, action),
        Mode::Selects(at) => update_selects(app, at, action, now),
        Mode::Prompt(prompt) => update_prompt(app, prompt, action, now),
        Mode::Picker(picker) => update_picker(app, picker, action, now),
    }
    app.sync_playing(now);
    std::mem::take(&mut app.effects)
}

fn update_normal(app: &mut App, action: Action, now: Duration) {
    let page = app.page_rows.max(1) as isize;
    match action {
        Action::CursorDown => app.move_cursor_by(1),
        Action::CursorUp => app.move_cursor_by(-1),
        Action::PageDown => app.move_cursor_by(page),
        Action::PageUp => app.move_cursor_by(-page),
        Action::First => app.move_cursor_to(0),
        Action::Last => app.move_cursor_to(usize::MAX),
        Action::NextQuestion => app.step_question(true),
        Action::PreviousQuestion => app.step_question(false),
        Action::Select(row) => app.move_cursor_to(row),
        Action::Scroll(rows) => app.move_cursor_by(rows as isize),
        Action::PlayFromCursor => app.play_from_cursor(now),
        Action::PlayRow(row) => {
            app.move_cursor_to(row);
            app.play_from_cursor(now);
            if app
                .cursor_segment()
                .and_then(|id| app.transcript.segments.get(id))
                .is_some_and(|s| s.start.is_some())
            {
                app.media(MediaCommand::Play, now);
            }
        }
        Action::TogglePlay => toggle_play(app, now),
        Action::Seek(ms) => {
            app.seek_by(ms, now);
            app.follow = true;
        }
        Action::SlowDown | Action::SpeedUp => {
            let speed = app.player.next_speed(action == Action::SpeedUp);
            app.media(MediaCommand::Speed(speed), now);
        }
        Action::Follow => {
            app.follow = true;
            if let Some(segment) = app.playing {
                app.cursor = row_of_segment(&app.rows, segment);
            }
        }
        Action::OpenCommand => app.mode = Mode::prompt(PromptKind::Command),
        Action::OpenJump => app.mode = Mode::prompt(PromptKind::Jump),
        Action::OpenSearch => {
            app.search.clear();
            app.mode = Mode::prompt(PromptKind::Search);
        }
        Action::NextMatch | Action::PreviousMatch => step_match(app, action, now),
        Action::PickRoles => app.open_picker(PickerKind::Roles, now),
        Action::PickSpeakers => app.open_picker(PickerKind::Speakers, now),
        Action::ClearFilters => app.clear_filters(),
        Action::ToggleContext => {
            app.show_context = !app.show_context;
            app.rebuild_rows();
            let state = if app.show_context { "shown" } else { "hidden" };
            app.message(format!("questions of filtered answers {state}"), false, now);
        }
        Action::ToggleSpeakers => app.show_speakers = !app.show_speakers,
        Action::ToggleHelp => app.mode = Mode::Help(0),
        Action::ShowProblems => app.show_problems(now),
        Action::ToggleSelect => app.toggle_select(now),
        Action::MarkIn => app.mark_point(true, now),
        Action::MarkOut => app.mark_point(false, now),
        Action::EditNote => app.open_note(None, now),
        Action::ShowSelects => app.open_selects(now),
        Action::Undo => undo(app, now),
        Action::CopyQuote => app.copy(None, false, now),
        Action::CopyTimecode => app.copy(None, true, now),
        Action::Quit => app.effects.push(Effect::Quit),
        Action::Cancel | Action::Back => cancel_or_back(app, action, now),
        Action::Open
        | Action::SortNext
        | Action::SortReverse
        | Action::OpenFilter
        | Action::Reread
        | Action::Input(_)
        | Action::Backspace
        | Action::Submit
        | Action::PickerToggle
        | Action::PickerAll
        | Action::Tick
        | Action::MoveSelectUp
        | Action::MoveSelectDown
        | Action::RemoveSelect
        | Action::Media(_) => {}
    }
}

/// `n`/`N`: the next match, round the log; from a library, past this
/// interview's last match (or before its first) to the next interview's.
fn step_match(app: &mut App, action: Action, now: Duration) {
    let forward = action == Action::NextMatch;
    if !app.search.is_active() {
        return app.message("no search: press / to search", true, now);
    }
    let from = app.cursor_segment().unwrap_or(0);
    if app.in_library {
        // Whether a match lies beyond this one needs every row searched.
        app.search.finish(&app.transcript);
    }
    let matches = &app.search.matches;
    let beyond = if forward {
        matches.last().is_none_or(|&last| last <= from)
    } else {
        matches.first().is_none_or(|&first| first >= from)
    };
    if app.in_library && beyond {
        return app.effects.push(Effect::HitsElsewhere { forward });
    }
    app.next_match(forward, false);
    if app.search.matches.is_empty() {
        app.message("no matches", true, now);
    }
}

/// Space: play, or pause. Filtered playback follows what it plays.
fn toggle_play(app: &mut App, now: Duration) {
    let command = if app.player.is_playing() {
        MediaCommand::Pause
    } else {
        MediaCommand::Play
    };
    app.media(command, now);
    if app.player.is_playing() && app.is_filtered() {
        app.follow = true;
    }
}

/// Esc clears the search; then, like Backspace, it goes back to the
/// library the log was opened from.
fn cancel_or_back(app: &mut App, action: Action, now: Duration) {
    if action == Action::Cancel && app.search.is_active() {
        app.search.clear();
    } else if app.in_library {
        app.effects.push(Effect::Back);
    } else if action == Action::Back {
        app.message(
            "Backspace goes back to a library; this log was opened on its own",
            true,
            now,
        );
    }
}

fn update_help(app: &mut App, scroll: usize, action: Action) {
    let last = crate::ui::help_lines(&app.keymap).len().saturating_sub(1);
    let page = app.page_rows.max(1);
    let scroll = match action {
        Action::ToggleHelp | Action::Cancel => {
            app.mode = Mode::Normal;
            return;
        }
        Action::Quit => return app.effects.push(Effect::Quit),
        Action::CursorDown => scroll + 1,
        Action::CursorUp => scroll.saturating_sub(1),
        Action::PageDown => scroll + page,
        Action::PageUp => scroll.saturating_sub(page),
        _ => scroll,
    };
    app.mode = Mode::Help(scroll.min(last));
}

fn update_problems(app: &mut App, at: usize, action: Action) {
    let last = app.transcript.diagnostics.len().saturating_sub(1);
    let page = app.page_rows.max(1);
    let at = match action {
        Action::Cancel | Action::ShowProblems => {
            app.mode = Mode::Normal;
            return;
        }
        Action::Submit => {
            app.mode = Mode::Normal;
            app.go_to_problem(at);
            return;
        }
        Action::Quit => return app.effects.push(Effect::Quit),
        Action::CursorDown => at + 1,
        Action::CursorUp => at.saturating_sub(1),
        Action::PageDown => at + page,
        Action::PageUp => at.saturating_sub(page),
        Action::First => 0,
        Action::Last => last,
        _ => at,
    };
    app.mode = Mode::Problems(at.min(last));
}

fn undo(app: &mut App, now: Duration) {
    if app.selects.undo() {
        app.effects.push(Effect::SaveSelects);
        app.message(format!("undone: {} selects", app.selects.len()), false, now);
    } else {
        app.message("nothing to undo", true, now);
    }
}

/// Where a prompt returns to: the selects pane for a note typed there.
fn leave_prompt(app: &mut App, kind: PromptKind) {
    app.mode = match kind {
        PromptKind::Note {
            select,
            from_pane: true,
        } => {
            let at = app.shown_selects().iter().position(|&p| p == select);
            Mode::Selects(at.unwrap_or(0))
        }
        _ => Mode::Normal,
    };
}

fn update_prompt(app: &mut App, mut prompt: Prompt, action: Action, now: Duration) {
    let searching = prompt.kind == PromptKind::Search;
    match action {
        Action::Input(c) => prompt.input.push(c),
        Action::Backspace if prompt.input.pop().is_none() => {
            // Backspace on an empty prompt leaves it.
            if searching {
                app.search.clear();
            }
            return leave_prompt(app, prompt.kind);
        }
        Action::Cancel => {
            if searching {
                app.search.clear();
            }
            return leave_prompt(app, prompt.kind);
        }
        Action::Submit => {
            leave_prompt(app, prompt.kind);
            if let PromptKind::Note { select, .. } = prompt.kind {
                return app.set_note(select, &prompt.input, now);
            }
            if searching {
                while app.search.matches.is_empty() && app.search.search_step(&app.transcript) {}
                if app.search.is_active() && app.search.matches.is_empty() {
                    app.message(format!("no matches for {}", prompt.input), true, now);
                }
                return;
            }
            return app.run_command(prompt.kind, &prompt.input, now);
        }
        Action::Quit => return app.effects.push(Effect::Quit),
        _ => {}
    }
    if searching && matches!(action, Action::Input(_) | Action::Backspace) {
        app.search
            .set_query(&prompt.input, &app.transcript, &app.rows);
        app.next_match(true, true);
    }
    app.mode = Mode::Prompt(prompt);
}

fn update_selects(app: &mut App, at: usize, action: Action, now: Duration) {
    let shown = app.shown_selects();
    let last = shown.len().saturating_sub(1);
    let at = at.min(last);
    let position = shown.get(at).copied();
    let page = app.page_rows.max(1);
    let at = match (action, position) {
        (Action::Cancel | Action::ShowSelects, _) => return app.mode = Mode::Normal,
        (Action::Quit, _) => return app.effects.push(Effect::Quit),
        (Action::Submit, Some(p)) => return app.go_to_select(p, now),
        (Action::EditNote, Some(p)) => return app.open_note(Some(p), now),
        (Action::CursorDown, _) => at + 1,
        (Action::CursorUp, _) => at.saturating_sub(1),
        (Action::PageDown, _) => at + page,
        (Action::PageUp, _) => at.saturating_sub(page),
        (Action::First, _) => 0,
        (Action::Last, _) => last,
        (Action::MoveSelectUp | Action::MoveSelectDown, Some(p)) => {
            let moved = app.selects.move_by_one(p, action == Action::MoveSelectUp);
            app.effects.push(Effect::SaveSelects);
            app.shown_selects()
                .iter()
                .position(|&q| q == moved)
                .unwrap_or(at)
        }
        (Action::RemoveSelect, Some(p)) => {
            app.selects.remove(p);
            app.effects.push(Effect::SaveSelects);
            app.message("removed (u brings it back)", false, now);
            at
        }
        (Action::Undo, _) => {
            undo(app, now);
            at
        }
        (Action::CopyQuote | Action::CopyTimecode, Some(p)) => {
            app.copy(Some(p), action == Action::CopyTimecode, now);
            at
        }
        _ => at,
    };
    if app.selects.is_empty() {
        app.mode = Mode::Normal;
        return;
    }
    let last = app.shown_selects().len().saturating_sub(1);
    app.mode = Mode::Selects(at.min(last));
}

fn update_picker(app: &mut App, mut picker: Picker, action: Action, now: Duration) {
    if picker.typing {
        match action {
            Action::Input(c) => picker.edit_query(Some(c)),
            Action::Backspace => picker.edit_query(None),
            Action::Submit => picker.typing = false,
            Action::Cancel => {
                picker.query.clear();
                picker.cursor = 0;
                picker.typing = false;
            }
            Action::Quit => return app.effects.push(Effect::Quit),
            _ => {}
        }
        app.mode = Mode::Picker(picker);
        return;
    }
    match action {
        Action::OpenSearch => picker.typing = true,
        Action::CursorDown => picker.move_cursor(true),
        Action::CursorUp => picker.move_cursor(false),
        Action::PickerToggle => picker.toggle(),
        Action::PickerAll => picker.toggle_all(),
        Action::Cancel => {
            app.mode = Mode::Normal;
            return;
        }
        Action::Submit => {
            app.mode = Mode::Normal;
            let mask = picker.mask();
            if mask.as_ref().is_some_and(|m| !m.iter().any(|&on| on)) {
                app.message("nothing picked: filter unchanged", true, now);
                return;
            }
            match picker.kind {
                PickerKind::Roles => app.selection.roles = mask,
                PickerKind::Speakers => app.selection.speakers = mask,
            }
            app.rebuild_rows();
            return;
        }
        Action::Quit => return app.effects.push(Effect::Quit),
        _ => {}
    }
    app.mode = Mode::Picker(picker);
}
