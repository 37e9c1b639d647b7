//! The runtime of a library: the folder is read on a thread of its own
//! while the library view is already on screen, and an interview opened
//! from it plays in a player session until Backspace comes back.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use rayon::prelude::*;

use super::{LOADING_REFRESH, terminal};
use crate::app::Action;
use crate::catalog::hits::Ask;
use crate::catalog::{Interview, Library, LibraryEffect, update};
use crate::library::{ReadOptions, Skipped, WalkOptions, find_logs, read_logs};
use crate::model::Transcript;
use crate::session::{Flow, Inbox, Input, Session};
use crate::ui::View;
use crate::ui::library::LibraryView;

/// Files read before the first report to the view: the first rows show at once.
const FIRST_BATCH: usize = 32;
/// Files read between two later reports.
const READ_BATCH: usize = 256;
/// How long a search across the library goes on between two frames.
const SEARCH_SLICE: Duration = Duration::from_millis(30);

/// What the reading thread reports.
enum Read {
    /// The walk is done: this many files to read, and what it skipped.
    Found(usize, Vec<Skipped>),
    /// A batch is read.
    Batch(Vec<Interview>, Vec<Skipped>),
    /// Reading stopped on a bug: what was read stays.
    Failed,
}

/// How the library is read, again on `R`.
#[derive(Clone)]
pub struct Shelves {
    pub roots: Vec<PathBuf>,
    pub walk: WalkOptions,
    pub read: ReadOptions,
}

/// Makes the player session of an interview opened from the library (its
/// path, and its log read again): at a segment (a hit), with the library's
/// search and filters, on this inbox.
pub type OpenInterview<'a> =
    dyn FnMut(&std::path::Path, Transcript, Option<usize>, &Ask, Inbox, Duration) -> Session + 'a;

/// Starts reading the library on a thread of its own.
fn read_in_background(shelves: Shelves) -> Receiver<Read> {
    let (send, reports) = mpsc::channel();
    let _ = std::thread::Builder::new()
        .name(terminal::LOADER_THREAD.to_owned())
        .spawn(move || {
            // A failure here is the library's to show, not a reason to end it.
            // A pool of its own: a search the view runs meanwhile is not
            // queued behind a batch of files, only shares the cores with it.
            let pool = rayon::ThreadPoolBuilder::new()
                .thread_name(|_| terminal::LOADER_THREAD.to_owned())
                .build();
            let failed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match &pool {
                Ok(pool) => pool.install(|| read_all(&shelves, &send)),
                Err(_) => read_all(&shelves, &send),
            }));
            if failed.is_err() {
                let _ = send.send(Read::Failed);
            }
        });
    reports
}

/// Walks the library and reads it, a batch at a time, until done or
/// until the view stops listening (quit, or a re-read began).
fn read_all(shelves: &Shelves, send: &Sender<Read>) {
    let (files, skipped) = find_logs(&shelves.roots, shelves.walk);
    if send.send(Read::Found(files.len(), skipped)).is_err() {
        return;
    }
    let first = files.len().min(FIRST_BATCH);
    let batches = std::iter::once(&files[..first]).chain(files[first..].chunks(READ_BATCH));
    for batch in batches {
        let (entries, skipped) = read_logs(batch, &shelves.read, &|| {});
        let interviews = entries.into_par_iter().map(Interview::new).collect();
        if send.send(Read::Batch(interviews, skipped)).is_err() {
            return;
        }
    }
}

/// Where reading the library is.
struct Reading {
    reports: Receiver<Read>,
    total: usize,
    done: usize,
}

impl Reading {
    fn start(shelves: &Shelves) -> Reading {
        Reading {
            reports: read_in_background(shelves.clone()),
            total: 0,
            done: 0,
        }
    }

    /// Hands what has been read to the library; whether reading is over.
    fn poll(&mut self, library: &mut Library, now: Duration) -> bool {
        loop {
            match self.reports.try_recv() {
                Ok(Read::Found(total, skipped)) => {
                    self.total = total;
                    library.add(Vec::new(), skipped);
                }
                Ok(Read::Batch(entries, skipped)) => {
                    self.done += entries.len() + skipped.len();
                    library.add(entries, skipped);
                }
                Ok(Read::Failed) => library.show_error(
                    "reading the library stopped on a bug (please report it); R tries again"
                        .to_owned(),
                    now,
                ),
                Err(mpsc::TryRecvError::Empty) => {
                    library.set_progress(self.done, self.total);
                    return false;
                }
                Err(mpsc::TryRecvError::Disconnected) => {
                    library.finish_reading(now);
                    return true;
                }
            }
        }
    }
}

/// What is on screen.
enum Screen {
    Library(Inbox),
    /// An interview in the player: its session, its view, and which one it is.
    Player(Box<Session>, View, usize),
}

/// Runs the library until the user quits.
pub fn run(
    shelves: &Shelves,
    mut library: Library,
    open: &mut OpenInterview<'_>,
    clock: Instant,
    mouse: bool,
) -> std::io::Result<()> {
    // https://no-color.org: set and not empty means no colours.
    crate::ui::theme::set_plain(std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()));
    let mut tui = terminal::enter(&format!("soundbite — {}", library.name), mouse)?;
    let (sender, inbox): (Sender<Input>, Receiver<Input>) = mpsc::channel();
    super::read_terminal(sender.clone());
    let mut screen = Screen::Library((sender, inbox));
    let mut reading = Some(Reading::start(shelves));
    let result = event_loop(
        &mut tui,
        shelves,
        &mut library,
        &mut screen,
        &mut reading,
        open,
        clock,
    );
    drop(screen);
    terminal::restore();
    result
}

fn event_loop(
    tui: &mut terminal::Tui,
    shelves: &Shelves,
    library: &mut Library,
    screen: &mut Screen,
    reading: &mut Option<Reading>,
    open: &mut OpenInterview<'_>,
    clock: Instant,
) -> std::io::Result<()> {
    let mut view = LibraryView::default();
    let mut last_click: Option<(Instant, usize)> = None;
    let mut dirty = true;
    loop {
        let now = clock.elapsed();
        if let Some(pending) = reading {
            if pending.poll(library, now) {
                *reading = None;
            }
            dirty |= matches!(screen, Screen::Library(_));
        }
        if dirty {
            match screen {
                Screen::Library(_) => {
                    tui.draw(|frame| crate::ui::library::draw(frame, library, &mut view))?;
                    library.page_rows = view.rows_shown.max(1);
                }
                Screen::Player(session, player_view, _) => {
                    let app = &mut session.app;
                    tui.draw(|frame| crate::ui::draw(frame, app, player_view, now))?;
                    app.page_rows = player_view.rows_shown.max(1);
                }
            }
        }
        let mut timeout = match screen {
            Screen::Library(_) => library.next_wake(now),
            Screen::Player(session, ..) => session.app.next_wake(now),
        };
        if reading.is_some() {
            timeout = Some(timeout.map_or(LOADING_REFRESH, |t| t.min(LOADING_REFRESH)));
        }
        let searching = matches!(screen, Screen::Library(_)) && library.searching();
        if searching {
            // Keys first; the search goes on between them.
            timeout = Some(Duration::ZERO);
        }
        let input = match screen {
            Screen::Library((_, inbox)) => match timeout {
                Some(timeout) => inbox.recv_timeout(timeout).ok(),
                None => inbox.recv().ok(),
            },
            Screen::Player(session, ..) => session.wait(timeout),
        };
        let now = clock.elapsed();
        dirty = input.is_none();
        if input.is_none() && searching {
            let started = Instant::now();
            while library.searching() && started.elapsed() < SEARCH_SLICE {
                library.search_step();
            }
        }
        let mut input = input;
        if let (None, Screen::Player(session, ..)) = (&input, &mut *screen) {
            let flow = session.act(Action::Tick, now);
            if follow(flow, library, shelves, screen, open, now) {
                return Ok(());
            }
        }
        while let Some(next) = input {
            let (changed, quit) = match screen {
                Screen::Library(_) => {
                    let action = library_action(library, next, &view, &mut last_click);
                    let changed = action.is_some();
                    let effects = action.map(|a| update(library, a, now)).unwrap_or_default();
                    let mut quit = false;
                    for effect in effects {
                        match effect {
                            LibraryEffect::Quit => quit = true,
                            LibraryEffect::Reread => {
                                library.begin_reread();
                                *reading = Some(Reading::start(shelves));
                            }
                            LibraryEffect::Open { interview, segment } => {
                                open_interview(
                                    library, shelves, screen, open, interview, segment, now,
                                );
                            }
                        }
                    }
                    (changed, quit)
                }
                Screen::Player(session, player_view, _) => {
                    let (changed, flow) =
                        super::handle(session, next, player_view, &mut last_click, now);
                    let quit = follow(flow, library, shelves, screen, open, now);
                    (changed || flow != Flow::Continue, quit)
                }
            };
            dirty |= changed;
            if quit {
                return Ok(());
            }
            input = match screen {
                Screen::Library((_, inbox)) => inbox.try_recv().ok(),
                Screen::Player(session, ..) => session.try_next(),
            };
        }
    }
}

/// A key or the mouse, as the library's action.
fn library_action(
    library: &Library,
    input: Input,
    view: &LibraryView,
    last_click: &mut Option<(Instant, usize)>,
) -> Option<Action> {
    let Input::Terminal(event) = input else {
        // An engine's report from an interview left behind.
        return None;
    };
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            let keymap = &library.keymap;
            match &library.mode {
                crate::catalog::LibraryMode::Normal => keymap.action_in("library", false, key),
                crate::catalog::LibraryMode::Typing { .. } => keymap.action_in("prompt", true, key),
                crate::catalog::LibraryMode::Help(_) => keymap.action_in("help", false, key),
                crate::catalog::LibraryMode::Problems(_) => {
                    keymap.action_in("problems", false, key)
                }
            }
        }
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown => Some(Action::Scroll(3)),
            MouseEventKind::ScrollUp => Some(Action::Scroll(-3)),
            MouseEventKind::Down(MouseButton::Left) => {
                let row = view.row_at(mouse.row, library.rows.len())?;
                Some(super::click(row, last_click))
            }
            _ => None,
        },
        Event::Resize(..) => Some(Action::Tick),
        _ => None,
    }
}

/// Reads the interview's log again and opens it in the player; if it
/// cannot be read now, the library says why and stays.
fn open_interview(
    library: &mut Library,
    shelves: &Shelves,
    screen: &mut Screen,
    open: &mut OpenInterview<'_>,
    interview: usize,
    segment: Option<usize>,
    now: Duration,
) {
    let Some(held) = library.interviews.get(interview) else {
        return;
    };
    let path = held.path.clone();
    let (mut entries, skipped) = read_logs(std::slice::from_ref(&path), &shelves.read, &|| {});
    let Some(entry) = entries.pop() else {
        let why = skipped.first().map_or("gone", |s| s.why.as_str());
        let shown = crate::formats::common::sanitize::shown_path(&path);
        return library.show_error(format!("{shown}: cannot open it now: {why}"), now);
    };
    let (segment, changed) = match segment {
        Some(segment) => {
            let (found, changed) = held.find_again(&entry.transcript, segment);
            (Some(found), changed)
        }
        None => (None, false),
    };
    let placeholder = Screen::Library(mpsc::channel());
    let Screen::Library(inbox) = std::mem::replace(screen, placeholder) else {
        return;
    };
    let mut session = open(&path, entry.transcript, segment, &library.ask, inbox, now);
    session.set_clipboard(Box::new(terminal::copy_to_clipboard));
    if changed {
        session.app.show_note(
            "this log changed since the library read it (R in the library reads it again)"
                .to_owned(),
            now,
        );
    }
    *screen = Screen::Player(Box::new(session), View::default(), interview);
}

/// Does what the player's session asks of the library; whether to quit.
fn follow(
    flow: Flow,
    library: &mut Library,
    shelves: &Shelves,
    screen: &mut Screen,
    open: &mut OpenInterview<'_>,
    now: Duration,
) -> bool {
    match flow {
        Flow::Continue => false,
        Flow::Quit => true,
        Flow::Back => {
            back_to_library(screen);
            false
        }
        Flow::PlayedThrough => {
            listen_on(library, shelves, screen, open, now);
            false
        }
        Flow::HitsElsewhere { forward } => {
            let Screen::Player(session, _, current) = screen else {
                return false;
            };
            match library.hit_beyond(*current, forward) {
                Some((next, hit)) => {
                    back_to_library(screen);
                    open_interview(library, shelves, screen, open, next, Some(hit), now);
                }
                None => session
                    .app
                    .show_note("no more hits in the library this way".to_owned(), now),
            }
            false
        }
    }
}

/// Listening through a role (or a speaker) across the library: when the
/// filtered playback of one interview ends with media attached, the next
/// interview listed opens at its first hit, plays its media (the file
/// beside it), and goes on.
fn listen_on(
    library: &mut Library,
    shelves: &Shelves,
    screen: &mut Screen,
    open: &mut OpenInterview<'_>,
    now: Duration,
) {
    let Screen::Player(session, _, current) = screen else {
        return;
    };
    if session.app.engine != "mpv" {
        return session.app.show_note(
            "all the filters show here has played; Backspace goes back to the library".to_owned(),
            now,
        );
    }
    let Some((next, hit)) = library.next_listed(*current) else {
        return session
            .app
            .show_note("that was the last interview listed".to_owned(), now);
    };
    back_to_library(screen);
    open_interview(library, shelves, screen, open, next, hit, now);
    if let Screen::Player(session, ..) = screen {
        match session.app.media_offer.clone() {
            Some(media) => {
                session.open_media(&media, now);
                if session.app.engine == "mpv" {
                    session.act(Action::TogglePlay, now);
                }
            }
            None => session.app.show_note(
                "no media beside this log to play on with (:media PATH opens one)".to_owned(),
                now,
            ),
        }
    }
}

/// Ends the interview's session (and its mpv) and shows the library again.
fn back_to_library(screen: &mut Screen) {
    let placeholder = Screen::Library(mpsc::channel());
    if let Screen::Player(session, ..) = std::mem::replace(screen, placeholder) {
        *screen = Screen::Library(session.close());
    }
}
