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
use crate::media::offsets::Offsets;
use crate::media::{Clock, MediaEngine, MediaEvent, Reporter};

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
    Quit,
}

pub struct Session {
    pub app: App,
    engine: Box<dyn MediaEngine>,
    inbox: Receiver<Input>,
    sender: Sender<Input>,
    mpv: MpvOptions,
    /// The log's path, to remember its offset under.
    log: Option<PathBuf>,
    offsets: Option<Offsets>,
}

impl Session {
    /// The app with the clock playing for it, and what it asked for on
    /// opening carried out.
    pub fn new(app: App, mpv: MpvOptions, now: Duration) -> Session {
        let (sender, inbox) = mpsc::channel();
        let report = reporter(&sender);
        let engine = Box::new(Clock::new(app.media_state(now), report, now));
        let mut session = Session {
            app,
            engine,
            inbox,
            sender,
            mpv,
            log: None,
            offsets: None,
        };
        let effects = session.app.take_effects();
        session.carry_out(effects, now);
        session
    }

    /// Remembers offsets for `log` in `offsets`; takes the saved one now
    /// unless the command line gave one.
    pub fn remember_offsets(
        &mut self,
        log: &Path,
        offsets: Offsets,
        given: Option<i64>,
        now: Duration,
    ) {
        let offset = given.or_else(|| offsets.load(log));
        self.log = Some(log.to_path_buf());
        self.offsets = Some(offsets);
        if let Some(offset) = offset {
            self.start_offset(offset, now);
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
            Ok(mpv) => self.use_engine(Box::new(mpv), now),
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
                Effect::SaveOffset(offset) => {
                    if let (Some(log), Some(offsets)) = (&self.log, &self.offsets)
                        && let Err(err) = offsets.save(log, offset)
                    {
                        self.app
                            .show_error(format!("cannot save the offset: {err}"), now);
                    }
                }
                Effect::Quit => return Flow::Quit,
            }
        }
        Flow::Continue
    }
}

/// A reporter that posts an engine's reports to the session's inbox.
fn reporter(sender: &Sender<Input>) -> Reporter {
    let sender = sender.clone();
    Arc::new(move |event| {
        // The inbox is gone only when the player has quit.
        let _ = sender.send(Input::Media(event));
    })
}
