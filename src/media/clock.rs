//! The engine with no media: a playhead in real time, for logs without
//! footage, and to carry on from when a media player is lost.

use std::time::Duration;

use super::{MediaCommand, MediaEngine, MediaEvent, MediaState, Reporter};
use crate::model::Timecode;
use crate::playback::Player;

/// A virtual clock: reports its new state at once after every command.
pub struct Clock {
    player: Player,
    report: Reporter,
}

impl Clock {
    /// A clock at `state`'s position and speed at `now`, playing if it was.
    pub fn new(state: MediaState, report: Reporter, now: Duration) -> Self {
        let mut player = Player::new(state.position, Timecode::MAX);
        player.sync(state.position, state.playing, state.speed, now);
        Clock { player, report }
    }
}

impl MediaEngine for Clock {
    fn name(&self) -> &'static str {
        "clock"
    }

    fn command(&mut self, command: MediaCommand, now: Duration) {
        match command {
            MediaCommand::Seek(to) => self.player.seek(to, now),
            MediaCommand::Play => self.player.play(now),
            MediaCommand::Pause => self.player.pause(now),
            MediaCommand::Speed(percent) => self.player.set_speed_percent(percent, now),
        }
        (self.report)(MediaEvent::State(MediaState {
            position: self.player.position(now),
            playing: self.player.is_playing(),
            speed: self.player.speed_percent(),
            duration: None,
        }));
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    #[test]
    fn reports_every_command_at_once() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&seen);
        let report: Reporter = Arc::new(move |event| {
            if let Ok(mut seen) = sink.lock() {
                seen.push(event);
            }
        });
        let start = MediaState {
            position: Timecode::from_secs(5),
            playing: false,
            speed: 100,
            duration: None,
        };
        let mut clock = Clock::new(start, report, Duration::ZERO);
        clock.command(MediaCommand::Seek(Timecode::from_secs(30)), Duration::ZERO);
        clock.command(MediaCommand::Speed(150), Duration::ZERO);
        let seen = seen.lock().map(|s| s.clone()).unwrap_or_default();
        assert_eq!(
            seen,
            [
                MediaEvent::State(MediaState {
                    position: Timecode::from_secs(30),
                    ..start
                }),
                MediaEvent::State(MediaState {
                    position: Timecode::from_secs(30),
                    speed: 150,
                    ..start
                }),
            ]
        );
        assert_eq!(clock.name(), "clock");
    }
}
