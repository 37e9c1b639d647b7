//! Entering and leaving the terminal's full-screen mode, on every path out:
//! normal quit, error, panic (a hook that restores first) and signals.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
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
        let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
        let _ = out.flush();
    }
}

/// Enters full-screen mode and makes sure panics and signals leave it again.
pub fn enter(title: &str) -> io::Result<Tui> {
    install_panic_hook();
    install_signal_handlers();
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    if let Err(err) = execute!(
        out,
        EnterAlternateScreen,
        EnableMouseCapture,
        SetTitle(title)
    ) {
        restore();
        return Err(err);
    }
    Terminal::new(CrosstermBackend::new(out)).inspect_err(|_| restore())
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// On SIGTERM, SIGHUP or SIGINT: restore the terminal and exit as the signal would.
fn install_signal_handlers() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("soundbite-signals".to_owned())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                restore();
                std::process::exit(128 + signal);
            }
        });
}
