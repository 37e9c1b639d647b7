//! Media engines: what plays the interview while the transcript follows.
//!
//! The player never moves a clock itself. `update()` asks for a
//! [`MediaCommand`] as an effect; the runtime hands it to the engine in use;
//! the engine reports where it is as a [`MediaState`], which comes back to
//! `update()` as an action. The [`Clock`] is the engine with no media (a
//! playhead in real time); [`mpv`] drives a real media file.

mod clock;
pub mod mpv;
pub mod sibling;

use std::sync::Arc;
use std::time::Duration;

pub use clock::Clock;

use crate::model::Timecode;

/// What the player asks the engine to do, in media time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaCommand {
    /// Go to this time, exactly; keep playing if playing.
    Seek(Timecode),
    Play,
    Pause,
    /// Speed in percent of real time.
    Speed(u32),
}

/// Where the engine is, as it reports it, in media time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MediaState {
    pub position: Timecode,
    pub playing: bool,
    /// Percent of real time.
    pub speed: u32,
    /// How long the media runs, where the engine knows.
    pub duration: Option<Timecode>,
}

/// A report from an engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MediaEvent {
    /// Where it is now: after a command, a seek or pause made in the engine's
    /// own window, or when its clock drifts from what was last reported.
    State(MediaState),
    /// The engine is gone or cannot play, and why; the player goes on with
    /// the clock from the last position it knows.
    Lost(String),
}

/// How engines report: called from whichever thread the engine reads on.
pub type Reporter = Arc<dyn Fn(MediaEvent) + Send + Sync>;

/// Something that plays: the clock, or a real media player.
pub trait MediaEngine: Send {
    /// `clock` or `mpv`, for the status line.
    fn name(&self) -> &'static str;
    /// Carries out a command at `now` (the runtime's clock, which the
    /// virtual clock keeps to); the new state comes back through the reporter.
    fn command(&mut self, command: MediaCommand, now: Duration);

    /// Frames per second of the media, where the engine can tell.
    fn frame_rate(&self) -> Option<f64> {
        None
    }
}
