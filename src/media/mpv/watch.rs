//! Which of mpv's many reports are worth passing on. mpv tells `time-pos`
//! on every frame; the player predicts the position itself between
//! reports, so only what it cannot predict is passed on: a pause, a new
//! speed, a seek's landing, the end, or a clock that drifts.

use std::time::Duration;

use super::protocol::{Message, millis};
use crate::media::MediaState;
use crate::model::Timecode;

/// How far mpv's clock may stray from the prediction before it is reported.
pub const DRIFT: Duration = Duration::from_millis(40);

/// What mpv has said so far, and what was last passed on.
#[derive(Debug, Default)]
pub struct Watch {
    time_pos: Option<u64>,
    pause: bool,
    speed: Option<u32>,
    duration: Option<u64>,
    eof: bool,
    /// A seek soundbite asked for (its request id) has not landed yet:
    /// positions from before it are stale.
    seeking: Option<u64>,
    /// The next position is a seek's landing and is passed on.
    landed: bool,
    /// The last state passed on, and when.
    reported: Option<(MediaState, Duration)>,
}

impl Watch {
    /// A seek went out as request `id`.
    pub fn seek_sent(&mut self, id: u64) {
        self.seeking = Some(id);
    }

    /// Takes in one message from mpv at `now`; returns the state to pass
    /// on, if one is due.
    pub fn take(&mut self, message: &Message, now: Duration) -> Option<MediaState> {
        match message {
            Message::Reply { request_id, error } => {
                if self.seeking == Some(*request_id) && error != "success" {
                    self.seeking = None;
                }
                None
            }
            Message::Event(event) => {
                match event.as_str() {
                    "playback-restart" => {
                        self.seeking = None;
                        self.landed = true;
                    }
                    // Seeks made in mpv's own window count as landings too.
                    "seek" => self.landed = true,
                    _ => {}
                }
                None
            }
            Message::FileFailed(_) => None,
            Message::Property { name, value } => self.property(name, value.as_ref(), now),
        }
    }

    fn property(
        &mut self,
        name: &str,
        value: Option<&serde_json::Value>,
        now: Duration,
    ) -> Option<MediaState> {
        let number = value.and_then(serde_json::Value::as_f64);
        let flag = value.and_then(serde_json::Value::as_bool).unwrap_or(false);
        match name {
            "time-pos" => {
                self.time_pos = number.map(millis);
                if self.seeking.is_some() {
                    return None;
                }
                let due = std::mem::take(&mut self.landed) || self.drifted(now);
                return if due { self.report(now) } else { None };
            }
            "pause" => self.pause = flag,
            "speed" => {
                self.speed = number
                    .filter(|s| s.is_finite() && *s > 0.0)
                    .map(|s| (s * 100.0).round() as u32);
            }
            "duration" => self.duration = number.map(millis),
            "eof-reached" => self.eof = flag,
            _ => return None,
        }
        self.report(now)
    }

    /// Whether mpv's position is off from where the last report predicts.
    fn drifted(&self, now: Duration) -> bool {
        let (Some(at), Some((last, when))) = (self.time_pos, self.reported) else {
            return true;
        };
        let predicted = if last.playing {
            let elapsed = now.saturating_sub(when).as_millis() as u64;
            last.position.as_millis() + elapsed * u64::from(last.speed) / 100
        } else {
            last.position.as_millis()
        };
        at.abs_diff(predicted) > DRIFT.as_millis() as u64
    }

    /// The state now, once mpv has a position to tell.
    fn report(&mut self, now: Duration) -> Option<MediaState> {
        let state = MediaState {
            position: Timecode::from_millis(self.time_pos?),
            playing: !self.pause && !self.eof,
            speed: self.speed.unwrap_or(100),
            duration: self.duration.map(Timecode::from_millis),
        };
        self.reported = Some((state, now));
        Some(state)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn property(name: &str, value: serde_json::Value) -> Message {
        Message::Property {
            name: name.into(),
            value: Some(value),
        }
    }

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn passes_on_changes_and_drift_but_not_every_frame() {
        let mut watch = Watch::default();
        assert_eq!(watch.take(&property("pause", json!(true)), ms(0)), None);
        let first = watch.take(&property("time-pos", json!(0.0)), ms(0));
        assert!(first.is_some_and(|s| !s.playing && s.speed == 100));
        let playing = watch.take(&property("pause", json!(false)), ms(10));
        assert!(playing.is_some_and(|s| s.playing));
        // On time: nothing to say.
        assert_eq!(watch.take(&property("time-pos", json!(0.5)), ms(510)), None);
        assert_eq!(
            watch.take(&property("time-pos", json!(1.02)), ms(1000)),
            None
        );
        // 100 ms behind the prediction: said.
        let late = watch.take(&property("time-pos", json!(1.4)), ms(1510));
        assert_eq!(late.map(|s| s.position), Some(Timecode::from_millis(1400)));
        let faster = watch.take(&property("speed", json!(1.25)), ms(1600));
        assert_eq!(faster.map(|s| s.speed), Some(125));
    }

    #[test]
    fn positions_from_before_a_seek_are_stale_until_it_lands() {
        let mut watch = Watch::default();
        watch.take(&property("time-pos", json!(5.0)), ms(0));
        watch.seek_sent(9);
        assert_eq!(watch.take(&property("time-pos", json!(9.0)), ms(0)), None);
        watch.take(&Message::Event("playback-restart".into()), ms(5));
        let landed = watch.take(&property("time-pos", json!(60.0)), ms(6));
        assert_eq!(landed.map(|s| s.position), Some(Timecode::from_secs(60)));
        // A seek mpv refused does not leave the watch deaf.
        watch.seek_sent(10);
        let refused = Message::Reply {
            request_id: 10,
            error: "error running command".into(),
        };
        watch.take(&refused, ms(7));
        let later = watch.take(&property("time-pos", json!(80.0)), ms(8));
        assert!(later.is_some());
    }

    #[test]
    fn the_end_of_the_file_stops_play() {
        let mut watch = Watch::default();
        watch.take(&property("time-pos", json!(3.0)), ms(0));
        watch.take(&property("pause", json!(false)), ms(0));
        let end = watch.take(&property("eof-reached", json!(true)), ms(0));
        assert!(end.is_some_and(|s| !s.playing));
    }
}
