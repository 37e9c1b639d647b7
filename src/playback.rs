//! The playhead: where in the interview we are, and whether time moves.
//!
//! Time is passed in (`now`, time since the program started) rather than
//! read from a clock, so playback is tested without sleeping.

use std::time::Duration;

use crate::model::Timecode;

/// Playback speeds, in percent, that `-` and `+` step through.
pub const SPEEDS: [u32; 7] = [50, 75, 100, 125, 150, 200, 300];
const NORMAL_SPEED: u32 = 100;
/// The slowest and fastest speeds an engine may report (mpv's own keys
/// reach others than [`SPEEDS`]).
const SPEED_RANGE: std::ops::RangeInclusive<u32> = 1..=10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Paused {
        at: Timecode,
    },
    /// Playing since `since`, when the playhead stood at `from`.
    Playing {
        from: Timecode,
        since: Duration,
    },
}

/// A playhead that moves in real time × speed between zero and `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Player {
    state: State,
    /// Percent of real time.
    speed: u32,
    end: Timecode,
}

impl Player {
    pub fn new(at: Timecode, end: Timecode) -> Self {
        Player {
            state: State::Paused { at: at.min(end) },
            speed: NORMAL_SPEED,
            end,
        }
    }

    pub fn is_playing(&self) -> bool {
        matches!(self.state, State::Playing { .. })
    }

    pub fn end(&self) -> Timecode {
        self.end
    }

    /// Sets the speed in percent; the position does not jump.
    pub fn set_speed_percent(&mut self, percent: u32, now: Duration) {
        let at = self.position(now);
        self.speed = percent.clamp(*SPEED_RANGE.start(), *SPEED_RANGE.end());
        self.seek(at, now);
    }

    /// Speed in percent of real time.
    pub fn speed_percent(&self) -> u32 {
        self.speed
    }

    /// Takes on what an engine reports: its position at `now`, whether it
    /// plays, and its speed.
    pub fn sync(&mut self, at: Timecode, playing: bool, speed: u32, now: Duration) {
        self.speed = speed.clamp(*SPEED_RANGE.start(), *SPEED_RANGE.end());
        let at = at.min(self.end);
        self.state = if playing {
            State::Playing {
                from: at,
                since: now,
            }
        } else {
            State::Paused { at }
        };
    }

    /// Where the playhead is at `now`, never past the end.
    pub fn position(&self, now: Duration) -> Timecode {
        match self.state {
            State::Paused { at } => at,
            State::Playing { from, since } => {
                let elapsed = now.saturating_sub(since).as_millis() as u64;
                let moved = elapsed.saturating_mul(u64::from(self.speed)) / 100;
                from.saturating_add_millis(moved).min(self.end)
            }
        }
    }

    /// A new end (the whole log has loaded); the position stays, within it.
    pub fn set_end(&mut self, end: Timecode, now: Duration) {
        let at = self.position(now);
        self.end = end;
        self.seek(at, now);
    }

    /// Whether playing has run into the end (time to pause).
    pub fn reached_end(&self, now: Duration) -> bool {
        self.is_playing() && self.position(now) >= self.end
    }

    pub fn play(&mut self, now: Duration) {
        if let State::Paused { at } = self.state {
            let from = if at >= self.end { Timecode::ZERO } else { at };
            self.state = State::Playing { from, since: now };
        }
    }

    pub fn pause(&mut self, now: Duration) {
        self.state = State::Paused {
            at: self.position(now),
        };
    }

    pub fn toggle(&mut self, now: Duration) {
        if self.is_playing() {
            self.pause(now);
        } else {
            self.play(now);
        }
    }

    /// Moves the playhead, keeping it playing if it was.
    pub fn seek(&mut self, to: Timecode, now: Duration) {
        let to = to.min(self.end);
        self.state = match self.state {
            State::Paused { .. } => State::Paused { at: to },
            State::Playing { .. } => State::Playing {
                from: to,
                since: now,
            },
        };
    }

    /// Moves by a signed number of milliseconds.
    pub fn seek_by(&mut self, delta_ms: i64, now: Duration) {
        let at = self.position(now);
        let to = if delta_ms >= 0 {
            at.saturating_add_millis(delta_ms.unsigned_abs())
        } else {
            at.saturating_sub_millis(delta_ms.unsigned_abs())
        };
        self.seek(to, now);
    }

    /// The next of [`SPEEDS`] above (`up`) or below the speed now; at
    /// either end, the speed now.
    pub fn next_speed(&self, up: bool) -> u32 {
        let next = if up {
            SPEEDS.iter().find(|&&s| s > self.speed)
        } else {
            SPEEDS.iter().rev().find(|&&s| s < self.speed)
        };
        next.copied().unwrap_or(self.speed)
    }

    /// One step faster (`up`) or slower; the position does not jump.
    pub fn change_speed(&mut self, up: bool, now: Duration) {
        self.set_speed_percent(self.next_speed(up), now);
    }

    /// Real time until the playhead reaches `target`, if playing towards it.
    pub fn real_time_until(&self, target: Timecode, now: Duration) -> Option<Duration> {
        if !self.is_playing() {
            return None;
        }
        let ahead = target.since(self.position(now));
        let real_ms = (ahead * 100).div_ceil(u64::from(self.speed_percent()));
        Some(Duration::from_millis(real_ms))
    }

    /// Real time until the next whole second shows on the clock, while playing.
    pub fn real_time_to_next_second(&self, now: Duration) -> Option<Duration> {
        let position = self.position(now);
        let next = Timecode::from_millis((position.whole_seconds() + 1) * 1000);
        self.real_time_until(next, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    fn tc(s: u64) -> Timecode {
        Timecode::from_secs(s)
    }

    #[test]
    fn plays_in_real_time_and_pauses_where_it_is() {
        let mut p = Player::new(tc(10), tc(100));
        assert_eq!(p.position(secs(50)), tc(10));
        p.play(secs(1));
        assert_eq!(p.position(secs(4)), tc(13));
        p.pause(secs(6));
        assert_eq!(p.position(secs(60)), tc(15));
        assert!(!p.is_playing());
    }

    #[test]
    fn speed_changes_keep_the_position() {
        let mut p = Player::new(tc(0), tc(100));
        p.play(secs(0));
        p.change_speed(true, secs(10));
        assert_eq!(p.speed_percent(), 125);
        assert_eq!(p.position(secs(10)), tc(10));
        assert_eq!(p.position(secs(14)), tc(15));
        for _ in 0..10 {
            p.change_speed(false, secs(14));
        }
        assert_eq!(p.speed_percent(), 50);
        for _ in 0..10 {
            p.change_speed(true, secs(14));
        }
        assert_eq!(p.speed_percent(), 300);
    }

    #[test]
    fn stops_at_the_end_and_replays_from_the_start() {
        let mut p = Player::new(tc(95), tc(100));
        p.play(secs(0));
        assert_eq!(p.position(secs(30)), tc(100));
        assert!(p.reached_end(secs(30)));
        p.pause(secs(30));
        p.play(secs(31));
        assert_eq!(p.position(secs(31)), tc(0));
    }

    #[test]
    fn seeking_clamps_and_keeps_playing() {
        let mut p = Player::new(tc(5), tc(100));
        p.seek_by(-30_000, secs(0));
        assert_eq!(p.position(secs(0)), tc(0));
        p.play(secs(0));
        p.seek(tc(500), secs(2));
        assert_eq!(p.position(secs(2)), tc(100));
        p.seek(tc(20), secs(3));
        assert_eq!(p.position(secs(5)), tc(22));
    }

    #[test]
    fn wake_ups_are_in_real_time() {
        let mut p = Player::new(tc(0), tc(100));
        assert_eq!(p.real_time_until(tc(10), secs(0)), None);
        p.play(secs(0));
        p.change_speed(true, secs(0));
        p.change_speed(true, secs(0));
        assert_eq!(p.real_time_until(tc(3), secs(0)), Some(secs(2)));
        assert_eq!(
            p.real_time_to_next_second(Duration::from_millis(500)),
            Some(Duration::from_millis(167))
        );
    }
}
