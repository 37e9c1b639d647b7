//! The runtime: the only part that reads events, reads the clock and draws.
//!
//! It blocks on input until the next moment the screen changes (the app's
//! `next_wake`), so a paused player uses no CPU at all.

mod loader;
mod terminal;

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{
    self, Event, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};

pub use loader::{LoadState, Loading, load, open};
pub use terminal::restore;

use crate::app::{Action, App, Effect, update};
use crate::ui::{self, View};

/// How often the screen refreshes while a large log loads in the background.
const LOADING_REFRESH: Duration = Duration::from_millis(100);
/// Two clicks on the same row within this time are a double-click.
const DOUBLE_CLICK: Duration = Duration::from_millis(400);

/// Runs the player until the user quits.
pub fn run(
    mut app: App,
    mut loading: Option<Loading>,
    clock: Instant,
    mouse: bool,
) -> std::io::Result<()> {
    // https://no-color.org: set and not empty means no colours.
    ui::theme::set_plain(std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()));
    let title = format!(
        "soundbite — {}",
        app.transcript.title().unwrap_or(&app.transcript.source)
    );
    let mut tui = terminal::enter(&title, mouse)?;
    let result = event_loop(&mut tui, &mut app, &mut loading, clock);
    terminal::restore();
    result
}

fn event_loop(
    tui: &mut terminal::Tui,
    app: &mut App,
    loading: &mut Option<Loading>,
    clock: Instant,
) -> std::io::Result<()> {
    let mut view = View::default();
    let mut last_click: Option<(Instant, usize)> = None;
    // Whether something changed since the last frame: an event that asks
    // for nothing (a mouse move) draws nothing.
    let mut dirty = true;
    loop {
        let now = clock.elapsed();
        if let Some(pending) = loading.as_ref() {
            match pending.poll() {
                LoadState::Done(whole) => {
                    app.replace_transcript(*whole, now);
                    view.stats = None;
                    *loading = None;
                }
                LoadState::Pending => {}
                LoadState::Failed(reason) => {
                    app.loading = None;
                    app.loader_failed(&reason, now);
                    *loading = None;
                }
            }
            dirty = true;
        }
        if dirty {
            tui.draw(|frame| ui::draw(frame, app, &mut view, now))?;
            app.page_rows = view.rows_shown.max(1);
        }

        let mut timeout = app.next_wake(now);
        if loading.is_some() {
            timeout = Some(timeout.map_or(LOADING_REFRESH, |t| t.min(LOADING_REFRESH)));
        }
        let ready = match timeout {
            Some(timeout) => event::poll(timeout)?,
            None => true,
        };
        let now = clock.elapsed();
        let action = if ready {
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    app.keymap.action_for(&app.mode, key)
                }
                Event::Mouse(mouse) => mouse_action(mouse, &view, &mut last_click),
                Event::Resize(..) => Some(Action::Tick),
                _ => None,
            }
        } else {
            Some(Action::Tick)
        };
        dirty = action.is_some();
        if let Some(action) = action
            && update(app, action, now) == Effect::Quit
        {
            return Ok(());
        }
    }
}

fn mouse_action(
    mouse: MouseEvent,
    view: &View,
    last_click: &mut Option<(Instant, usize)>,
) -> Option<Action> {
    match mouse.kind {
        MouseEventKind::ScrollDown => Some(Action::Scroll(3)),
        MouseEventKind::ScrollUp => Some(Action::Scroll(-3)),
        MouseEventKind::Down(MouseButton::Left) => {
            let row = view.row_at(mouse.row)?;
            let now = Instant::now();
            let double =
                last_click.is_some_and(|(at, r)| r == row && now.duration_since(at) < DOUBLE_CLICK);
            *last_click = Some((now, row));
            Some(if double {
                Action::PlayRow(row)
            } else {
                Action::Select(row)
            })
        }
        _ => None,
    }
}
