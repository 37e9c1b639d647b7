//! The runtime: the only part that reads the terminal, reads the clock and draws.
//!
//! It waits for the next input (a key, the mouse, a report from the media
//! engine) or the next moment the screen changes (the app's `next_wake`),
//! whichever comes first, so a paused player uses no CPU at all.

mod library;
mod loader;
mod terminal;

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{
    self, Event, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};

pub use library::{OpenInterview, Shelves, run as run_library};
pub use loader::{LoadState, Loading, load, open};
pub use terminal::restore;

use crate::app::{Action, App};
use crate::session::{Flow, Input, Session};
use crate::ui::{self, View};

/// How often the screen refreshes while a large log loads in the background.
const LOADING_REFRESH: Duration = Duration::from_millis(100);
/// Two clicks on the same row within this time are a double-click.
const DOUBLE_CLICK: Duration = Duration::from_millis(400);

/// Runs the player until the user quits.
pub fn run(
    mut session: Session,
    mut loading: Option<Loading>,
    clock: Instant,
    mouse: bool,
) -> std::io::Result<()> {
    // https://no-color.org: set and not empty means no colours.
    ui::theme::set_plain(std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()));
    let app = &session.app;
    let title = format!(
        "soundbite — {}",
        app.transcript.title().unwrap_or(&app.transcript.source)
    );
    let mut tui = terminal::enter(&title, mouse)?;
    session.set_clipboard(Box::new(terminal::copy_to_clipboard));
    read_terminal(session.sender());
    let result = event_loop(&mut tui, &mut session, &mut loading, clock);
    // mpv ends with the session, before the terminal is given back.
    drop(session);
    terminal::restore();
    result
}

/// Reads the terminal on a thread of its own, into the session's inbox, so
/// the runtime waits on one inbox for keys and media reports alike.
fn read_terminal(sender: std::sync::mpsc::Sender<Input>) {
    let _ = std::thread::Builder::new()
        .name("soundbite-input".to_owned())
        .spawn(move || {
            while let Ok(event) = event::read() {
                if sender.send(Input::Terminal(event)).is_err() {
                    break;
                }
            }
        });
}

fn event_loop(
    tui: &mut terminal::Tui,
    session: &mut Session,
    loading: &mut Option<Loading>,
    clock: Instant,
) -> std::io::Result<()> {
    let mut view = View::default();
    let mut last_click: Option<(Instant, usize)> = None;
    // Whether something changed since the last frame: an event that asks
    // for nothing (a mouse move, a media report on time) draws nothing.
    let mut dirty = true;
    loop {
        let now = clock.elapsed();
        if let Some(pending) = loading.as_ref() {
            let app = &mut session.app;
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
            session.settle(now);
            dirty = true;
        }
        if dirty {
            let app = &mut session.app;
            tui.draw(|frame| ui::draw(frame, app, &mut view, now))?;
            app.page_rows = view.rows_shown.max(1);
        }

        let mut timeout = session.app.next_wake(now);
        if loading.is_some() {
            timeout = Some(timeout.map_or(LOADING_REFRESH, |t| t.min(LOADING_REFRESH)));
        }
        let mut input = session.wait(timeout);
        let now = clock.elapsed();
        dirty = false;
        if input.is_none() {
            // Time to move the playhead or let a message go.
            dirty = true;
            if session.act(Action::Tick, now) == Flow::Quit {
                return Ok(());
            }
        }
        // Everything already waiting is taken before the next frame.
        while let Some(next) = input {
            let (changed, flow) = handle(session, next, &view, &mut last_click, now);
            dirty |= changed;
            if flow == Flow::Quit {
                return Ok(());
            }
            input = session.try_next();
        }
    }
}

/// One input: whether the screen changed, and whether to go on.
fn handle(
    session: &mut Session,
    input: Input,
    view: &View,
    last_click: &mut Option<(Instant, usize)>,
    now: Duration,
) -> (bool, Flow) {
    match input {
        Input::Terminal(event) => {
            let action = match event {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    session.app.keymap.action_for(&session.app.mode, key)
                }
                Event::Mouse(mouse) => mouse_action(mouse, view, last_click),
                Event::Resize(..) => Some(Action::Tick),
                _ => None,
            };
            match action {
                Some(action) => (true, session.act(action, now)),
                None => (false, Flow::Continue),
            }
        }
        Input::Media(event) => {
            // Reports that only confirm what is shown draw nothing.
            let before = shown_playhead(&session.app, now);
            let flow = session.media_event(event, now);
            (shown_playhead(&session.app, now) != before, flow)
        }
    }
}

/// What of the playhead the screen shows: the second, play or pause, the
/// speed, the playing segment, the cursor, the engine and the message.
fn shown_playhead(app: &App, now: Duration) -> impl PartialEq + use<> {
    (
        app.player.position(now).whole_seconds(),
        app.player.is_playing(),
        app.player.speed_percent(),
        app.player.end(),
        app.playing,
        app.cursor,
        app.engine,
        app.status.clone(),
    )
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
            Some(click(row, last_click))
        }
        _ => None,
    }
}

/// A click on a row: it selects the row, or, twice in a moment, plays (or opens) it.
fn click(row: usize, last_click: &mut Option<(Instant, usize)>) -> Action {
    let now = Instant::now();
    let double =
        last_click.is_some_and(|(at, r)| r == row && now.duration_since(at) < DOUBLE_CLICK);
    *last_click = Some((now, row));
    if double {
        Action::PlayRow(row)
    } else {
        Action::Select(row)
    }
}
