//! Entering and leaving the terminal's full-screen mode, on every path out:
//! normal quit, error, panic (a hook that restores first) and signals.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen, SetTitle};
use ratatui::crossterm::{cursor, execute};

pub type Tui = Terminal<CrosstermBackend<io::Stdout>>;

/// Whether the terminal is in full-screen mode, so restoring happens once.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Raw mode off, mouse off, alternate screen left, cursor shown. Safe to call
/// from any path, any number of times.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = terminal::disable_raw_mode();
        let mut out = io::stdout();
        let _ = execute!(out, LeaveAlternateScreen, cursor::Show, SetTitle(""));
        let _ = out.write_all(MOUSE_OFF.as_bytes());
        // The title the terminal had before, where it keeps a stack of them.
        let _ = out.write_all(POP_TITLE.as_bytes());
        let _ = out.flush();
    }
}

/// Mouse reports for clicks, the wheel and drags, in SGR form: not every
/// move of the mouse, which would wake the player for nothing.
const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1002h\x1b[?1006h";
/// Every mouse report off, any-motion tracking included.
const MOUSE_OFF: &str = "\x1b[?1006l\x1b[?1003l\x1b[?1002l\x1b[?1000l";
/// Save and restore the window title (xterm's title stack).
const PUSH_TITLE: &str = "\x1b[22;0t";
const POP_TITLE: &str = "\x1b[23;0t";
/// The most characters of a log's title put in the window title.
const MAX_TITLE_CHARS: usize = 80;

/// The window title: the log's title, cut at a word and bounded.
fn bounded_title(title: &str) -> String {
    if title.chars().count() <= MAX_TITLE_CHARS {
        return title.to_owned();
    }
    let cut: String = title.chars().take(MAX_TITLE_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

/// Enters full-screen mode and makes sure panics and signals leave it again.
pub fn enter(title: &str, mouse: bool) -> io::Result<Tui> {
    install_panic_hook();
    install_signal_handlers();
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    let entered = out
        .write_all(PUSH_TITLE.as_bytes())
        .and_then(|()| execute!(out, EnterAlternateScreen, SetTitle(bounded_title(title))))
        .and_then(|()| {
            if mouse {
                out.write_all(MOUSE_ON.as_bytes())
            } else {
                Ok(())
            }
        })
        .and_then(|()| out.flush());
    if let Err(err) = entered {
        restore();
        return Err(err);
    }
    Terminal::new(CrosstermBackend::new(out)).inspect_err(|_| restore())
}

/// Puts `text` on the terminal's clipboard with OSC 52, which terminals
/// pass on over SSH (and tmux with `set-clipboard on`). The text is
/// base64-encoded: nothing in it can reach the terminal as a sequence.
pub fn copy_to_clipboard(text: &str) -> io::Result<()> {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let mut out = io::stdout();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}

/// The name of the thread that reads a large log (or a library) in the
/// background: a panic there is caught and shown in the player, not a
/// reason to leave.
pub const LOADER_THREAD: &str = "soundbite-loader";

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Only a panic on the main thread ends the player. One elsewhere (the
        // loader, the workers reading a library's files) is caught where it
        // is and shown as a message: the terminal stays as it is.
        if std::thread::current().name() != Some("main") {
            return;
        }
        restore();
        crate::media::mpv::end_all();
        previous(info);
    }));
}

/// On a signal that would end the process (TERM, HUP, INT, QUIT, USR1,
/// USR2, ALRM): restore the terminal and exit as the signal would.
fn install_signal_handlers() {
    use signal_hook::consts::{SIGALRM, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2};
    let ending = [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM];
    let Ok(mut signals) = signal_hook::iterator::Signals::new(ending) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("soundbite-signals".to_owned())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                restore();
                // No mpv outlives soundbite.
                crate::media::mpv::end_all();
                std::process::exit(128 + signal);
            }
        });
}
