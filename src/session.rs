//! The player at work: the app, the media engine that plays for it, and
//! one inbox for everything that happens (keys, mouse, the engine's
//! reports). The runtime draws and waits; the session carries out what
//! `update()` asks for and feeds the engine's reports back as actions.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use ratatui::crossterm::event::Event;

use crate::app::{Action, App, Effect, update};
use crate::media::mpv::{Mpv, MpvOptions};
use crate::media::{Clock, MediaEngine, MediaEvent, Reporter};
use crate::selects::Selects;
use crate::selects::sidecar::{self, Saved, Sidecar};

/// Something that happened, from any source.
#[derive(Debug)]
pub enum Input {
    Terminal(Event),
    Media(MediaEvent),
}

/// What to do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    /// Back to the library the log was opened from.
    Back,
    /// Filtered playback played all it shows: on to the library's next interview.
    PlayedThrough,
    /// No more matches this way here: on to another interview's.
    HitsElsewhere {
        forward: bool,
    },
    Quit,
}

/// The inbox's two ends: a library hands the same inbox to each session it
/// opens, since the terminal's reader posts to it.
pub type Inbox = (Sender<Input>, Receiver<Input>);

pub struct Session {
    pub app: App,
    engine: Box<dyn MediaEngine>,
    inbox: Receiver<Input>,
    sender: Sender<Input>,
    mpv: MpvOptions,
    /// The log's path and content hash, for its sidecar.
    log: Option<(PathBuf, String)>,
    /// Where the log's selects, notes and offset are saved.
    sidecar: Option<Sidecar>,
    /// Where copied quotes go: the terminal's clipboard (OSC 52) in the player.
    clipboard: Option<Clipboard>,
    /// The media file mpv was asked to play, for the exports.
    media: Option<PathBuf>,
    /// Whether the user was told that selects are not saved (no log file).
    told_unsaved: bool,
}

/// Puts text on the clipboard.
pub type Clipboard = Box<dyn FnMut(&str) -> std::io::Result<()> + Send>;

impl Session {
    /// The app with the clock playing for it, and what it asked for on
    /// opening carried out.
    pub fn new(app: App, mpv: MpvOptions, now: Duration) -> Session {
        Session::with_inbox(app, mpv, mpsc::channel(), now)
    }

    /// Like [`Session::new`], with an inbox the runtime already reads.
    pub fn with_inbox(app: App, mpv: MpvOptions, inbox: Inbox, now: Duration) -> Session {
        let (sender, inbox) = inbox;
        let report = reporter(&sender);
        let engine = Box::new(Clock::new(app.media_state(now), report, now));
        let mut session = Session {
            app,
            engine,
            inbox,
            sender,
            mpv,
            log: None,
            sidecar: None,
            clipboard: None,
            media: None,
            told_unsaved: false,
        };
        let effects = session.app.take_effects();
        session.carry_out(effects, now);
        session
    }

    /// Opens the log's sidecar (beside the log, or in `folder`): its
    /// selects, found again if the log changed, and its offset unless the
    /// command line gave one. What the user should know goes to the status line.
    pub fn open_sidecar(
        &mut self,
        log: &Path,
        folder: &Path,
        here: bool,
        given_offset: Option<i64>,
        now: Duration,
    ) {
        let hash = match sidecar::content_hash(log) {
            Ok(hash) => hash,
            Err(err) => {
                return self
                    .app
                    .show_error(format!("selects: cannot read the log: {err}"), now);
            }
        };
        let opened = Sidecar::open(&sidecar::locate(log, &hash, here, folder));
        let mut selects = Selects::new(opened.saved.selects);
        let lost = selects.reanchor(&self.app.transcript);
        let changed = !opened.saved.log_hash.is_empty() && opened.saved.log_hash != hash;
        self.app.selects = selects;
        self.log = Some((log.to_path_buf(), hash));
        self.sidecar = Some(opened.sidecar);
        let saved_offset = (opened.saved.offset_ms != 0).then_some(opened.saved.offset_ms);
        if let Some(offset) = given_offset.or(saved_offset) {
            self.start_offset(offset, now);
        }
        if let Some(message) = opened.message {
            self.app.show_error(message, now);
        } else if changed && !self.app.selects.is_empty() {
            let found = self.app.selects.len() - lost;
            self.app.show_error(
                format!("the log changed: {found} selects found again, {lost} not (flagged in S)"),
                now,
            );
        }
    }

    /// Ends the session (and the mpv it started) and gives its inbox back.
    pub fn close(self) -> Inbox {
        (self.sender, self.inbox)
    }

    /// Where copied quotes go.
    pub fn set_clipboard(&mut self, clipboard: Clipboard) {
        self.clipboard = Some(clipboard);
    }

    /// Saves the selects and the offset, at once and atomically.
    fn save(&mut self, now: Duration) {
        let (Some(sidecar), Some((log, hash))) = (&self.sidecar, &self.log) else {
            if !std::mem::replace(&mut self.told_unsaved, true) {
                self.app.show_note(
                    "selects here are not saved: this log is not a file (export them with :export)"
                        .to_owned(),
                    now,
                );
            }
            return;
        };
        let saved = Saved {
            version: 1,
            log: log.to_string_lossy().into_owned(),
            log_hash: hash.clone(),
            offset_ms: self.app.offset_ms,
            selects: self.app.selects.items().to_vec(),
        };
        if let Err(err) = sidecar.save(&saved) {
            self.app
                .show_error(format!("cannot save the selects: {err}"), now);
        }
    }

    /// Writes an export of the selects (else of what is shown) beside the
    /// log or at `path`; an existing file only with `force`.
    fn export(&mut self, format: &str, path: Option<PathBuf>, force: bool, now: Duration) {
        use clap::ValueEnum;
        let Ok(format) = crate::export::ExportFormat::from_str(format, true) else {
            let names = crate::export::format_names().join(", ");
            return self
                .app
                .show_error(format!("no export format {format}: one of {names}"), now);
        };
        let base = self.log.as_ref().map_or_else(
            || PathBuf::from(crate::input::SAMPLE_NAME),
            |(log, _)| log.clone(),
        );
        let path = path.unwrap_or_else(|| crate::export::default_path(&base, format));
        let shown = crate::formats::common::sanitize::shown_path(&path);
        if path.exists() && !force {
            return self
                .app
                .show_error(format!("{shown} exists: :export! replaces it"), now);
        }
        let app = &self.app;
        let media = self.media.clone().or_else(|| app.media_offer.clone());
        // The media's own frame rate where mpv plays it (29.97 and 59.94
        // as drop frame), else the log's.
        let (fps, drop_frame) = match self.engine.frame_rate() {
            Some(rate) => frame_rate_for_export(rate),
            None => (app.fps, false),
        };
        let options = crate::export::ExportOptions {
            fps,
            offset_ms: app.offset_ms,
            media: media.map(|m| m.to_string_lossy().into_owned()),
            drop_frame,
        };
        let (what, scope) = if app.selects.is_empty() {
            (
                "what is shown",
                crate::export::Scope::Kept(&app.selection, &app.index),
            )
        } else {
            (
                "the selects",
                crate::export::Scope::Selects(app.selects.items()),
            )
        };
        let written = crate::export::write_file(&path, format, &app.transcript, &scope, &options);
        match written {
            Ok(()) => self
                .app
                .show_note(format!("exported {what} to {shown}"), now),
            Err(err) => self
                .app
                .show_error(format!("cannot export to {shown}: {err}"), now),
        }
    }

    /// The offset to start with: the engine moves so that the playhead
    /// stays where it is in the log.
    pub fn start_offset(&mut self, offset_ms: i64, now: Duration) {
        self.app.offset_ms = offset_ms;
        self.app.resync(now);
        let effects = self.app.take_effects();
        self.carry_out(effects, now);
        self.settle(now);
    }

    /// How an engine made outside the session reports to it.
    pub fn reporter(&self) -> Reporter {
        reporter(&self.sender)
    }

    /// Where other sources (the terminal's reader) send their input.
    pub fn sender(&self) -> Sender<Input> {
        self.sender.clone()
    }

    /// Waits for the next input, at most `timeout` (`None`: as long as it takes).
    pub fn wait(&self, timeout: Option<Duration>) -> Option<Input> {
        match timeout {
            Some(timeout) => self.inbox.recv_timeout(timeout).ok(),
            None => self.inbox.recv().ok(),
        }
    }

    /// The next input if one is waiting.
    pub fn try_next(&self) -> Option<Input> {
        self.inbox.try_recv().ok()
    }

    /// Which engine plays: `clock` or `mpv`.
    pub fn engine_name(&self) -> &'static str {
        self.engine.name()
    }

    /// One action: the app updates, and what it asks for is carried out.
    pub fn act(&mut self, action: Action, now: Duration) -> Flow {
        let effects = update(&mut self.app, action, now);
        self.carry_out(effects, now)
    }

    /// An engine's report: a state becomes an action; a lost engine gives
    /// way to the clock, from where the playhead is.
    pub fn media_event(&mut self, event: MediaEvent, now: Duration) -> Flow {
        match event {
            MediaEvent::State(state) => self.act(Action::Media(state), now),
            MediaEvent::Lost(reason) => {
                if self.engine.name() != "clock" {
                    self.use_clock(now);
                    self.app.media_lost(&reason, now);
                }
                Flow::Continue
            }
        }
    }

    /// Takes every engine report waiting (the clock's come at once); other
    /// input is left for the runtime. For tests and for settling after a key.
    pub fn settle(&mut self, now: Duration) {
        while let Ok(input) = self.inbox.try_recv() {
            if let Input::Media(event) = input {
                self.media_event(event, now);
            }
        }
    }

    /// Plays `media` in a new mpv, in step with the playhead; on failure
    /// the engine in use stays and the status line says why.
    pub fn open_media(&mut self, media: &Path, now: Duration) {
        let state = self.app.media_state(now);
        match Mpv::open(media, state, &self.mpv, reporter(&self.sender)) {
            Ok(mpv) => {
                self.media = Some(media.to_path_buf());
                self.use_engine(Box::new(mpv), now);
            }
            Err(reason) => self.app.show_error(reason, now),
        }
    }

    /// Follows an mpv the user runs, from where it is.
    pub fn attach(&mut self, socket: &Path, now: Duration) {
        match Mpv::attach(socket, reporter(&self.sender)) {
            Ok(mpv) => self.use_engine(Box::new(mpv), now),
            Err(reason) => self.app.show_error(reason, now),
        }
    }

    /// Plays with `engine` from now on.
    pub fn use_engine(&mut self, engine: Box<dyn MediaEngine>, now: Duration) {
        self.engine = engine;
        self.app.engine_changed(self.engine.name(), now);
    }

    fn use_clock(&mut self, now: Duration) {
        let clock = Clock::new(self.app.media_state(now), reporter(&self.sender), now);
        self.use_engine(Box::new(clock), now);
    }

    fn carry_out(&mut self, effects: Vec<Effect>, now: Duration) -> Flow {
        for effect in effects {
            match effect {
                Effect::Media(command) => self.engine.command(command, now),
                Effect::OpenMedia(path) => self.open_media(&path, now),
                Effect::SaveOffset(_) | Effect::SaveSelects => self.save(now),
                Effect::Clipboard(text) => match &mut self.clipboard {
                    Some(clipboard) => {
                        if let Err(err) = clipboard(&text) {
                            self.app.show_error(format!("cannot copy: {err}"), now);
                        }
                    }
                    None => self.app.show_error("no clipboard here".to_owned(), now),
                },
                Effect::Export {
                    format,
                    path,
                    force,
                } => self.export(&format, path, force, now),
                Effect::Back => return Flow::Back,
                Effect::PlayedThrough => return Flow::PlayedThrough,
                Effect::HitsElsewhere { forward } => return Flow::HitsElsewhere { forward },
                Effect::Quit => return Flow::Quit,
            }
        }
        Flow::Continue
    }
}

/// A media frame rate as the exports count it: whole frames per second,
/// and whether that is 29.97 or 59.94 counted as drop frame.
pub fn frame_rate_for_export(rate: f64) -> (u32, bool) {
    let whole = rate.round().clamp(1.0, 1000.0) as u32;
    let fractional = (rate - f64::from(whole)).abs() > 0.001;
    (whole, fractional && matches!(whole, 30 | 60))
}

/// A reporter that posts an engine's reports to the session's inbox.
fn reporter(sender: &Sender<Input>) -> Reporter {
    let sender = sender.clone();
    Arc::new(move |event| {
        // The inbox is gone only when the player has quit.
        let _ = sender.send(Input::Media(event));
    })
}
