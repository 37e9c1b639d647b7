//! The session: what `update()` asks for reaches the engine, in media time,
//! and what the engine reports comes back to the playhead.
#![allow(clippy::expect_used)] // a broken test setup fails loudly

use std::sync::{Arc, Mutex};
use std::time::Duration;

use soundbite::app::{Action, App, StartOptions};
use soundbite::formats::{ParseOptions, parse_str};
use soundbite::input::SAMPLE_LOG;
use soundbite::media::mpv::MpvOptions;
use soundbite::media::{MediaCommand, MediaEngine, MediaEvent, MediaState};
use soundbite::model::Timecode;
use soundbite::session::{Flow, Session};

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn mmss(m: u64, s: u64) -> Timecode {
    Timecode::from_secs(m * 60 + s)
}

fn session() -> Session {
    let app = App::new(
        parse_str(SAMPLE_LOG, "sample", ParseOptions::default()),
        StartOptions::default(),
        Duration::ZERO,
    );
    Session::new(app, MpvOptions::default(), Duration::ZERO)
}

fn act(session: &mut Session, action: Action, now: Duration) -> Flow {
    let flow = session.act(action, now);
    session.settle(now);
    flow
}

/// An engine that keeps what it is told, and says nothing back.
struct Recorder(Arc<Mutex<Vec<MediaCommand>>>);

impl MediaEngine for Recorder {
    fn name(&self) -> &'static str {
        "mpv"
    }
    fn command(&mut self, command: MediaCommand, _now: Duration) {
        if let Ok(mut seen) = self.0.lock() {
            seen.push(command);
        }
    }
}

fn recorded(seen: &Arc<Mutex<Vec<MediaCommand>>>) -> Vec<MediaCommand> {
    seen.lock()
        .map(|mut s| std::mem::take(&mut *s))
        .unwrap_or_default()
}

#[test]
fn the_clock_plays_through_effects_and_reports() {
    let mut s = session();
    assert_eq!(s.engine_name(), "clock");
    act(&mut s, Action::TogglePlay, secs(10));
    assert!(s.app.player.is_playing());
    act(&mut s, Action::Tick, secs(13));
    assert_eq!(s.app.player.position(secs(13)), mmss(2, 17));
    act(&mut s, Action::Seek(30_000), secs(13));
    act(&mut s, Action::SpeedUp, secs(13));
    act(&mut s, Action::Tick, secs(17));
    assert_eq!(s.app.player.position(secs(17)), mmss(2, 52));
    assert_eq!(act(&mut s, Action::Quit, secs(18)), Flow::Quit);
}

#[test]
fn commands_go_out_in_media_time_and_reports_come_back_in_log_time() {
    let mut s = session();
    let seen = Arc::new(Mutex::new(Vec::new()));
    s.use_engine(Box::new(Recorder(Arc::clone(&seen))), secs(0));
    assert_eq!(s.engine_name(), "mpv");
    assert_eq!(s.app.engine, "mpv");
    // The log counts from two minutes into the media.
    s.start_offset(120_000, secs(0));
    assert_eq!(s.app.player.position(secs(0)), mmss(2, 14));
    assert_eq!(recorded(&seen), [MediaCommand::Seek(mmss(0, 14))]);
    s.act(Action::OpenJump, secs(0));
    for c in "12:02".chars() {
        s.act(Action::Input(c), secs(0));
    }
    s.act(Action::Submit, secs(0));
    assert_eq!(recorded(&seen), [MediaCommand::Seek(mmss(10, 2))]);
    s.act(Action::TogglePlay, secs(0));
    assert_eq!(recorded(&seen), [MediaCommand::Play]);
    // mpv's own window paused it elsewhere: the transcript follows.
    let report = MediaState {
        position: mmss(15, 0),
        playing: false,
        speed: 150,
        duration: Some(mmss(40, 0)),
    };
    s.media_event(MediaEvent::State(report), secs(1));
    assert!(!s.app.player.is_playing());
    assert_eq!(s.app.player.position(secs(9)), mmss(17, 0));
    assert_eq!(s.app.player.speed_percent(), 150);
    assert_eq!(
        s.app.player.end(),
        mmss(42, 0),
        "the media runs past the log"
    );
}

#[test]
fn a_lost_engine_gives_way_to_the_clock_where_the_playhead_is() {
    let mut s = session();
    let seen = Arc::new(Mutex::new(Vec::new()));
    s.use_engine(Box::new(Recorder(Arc::clone(&seen))), secs(0));
    s.act(Action::TogglePlay, secs(0));
    s.media_event(MediaEvent::Lost("mpv closed".into()), secs(5));
    assert_eq!(s.engine_name(), "clock");
    assert_eq!(s.app.engine, "clock");
    let status = s
        .app
        .status
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(status.contains("mpv closed"), "{status}");
    assert!(s.app.player.is_playing());
    act(&mut s, Action::Tick, secs(8));
    assert_eq!(s.app.player.position(secs(8)), mmss(2, 22));
    // A second report of the same loss changes nothing.
    s.media_event(MediaEvent::Lost("mpv closed".into()), secs(8));
    assert_eq!(s.engine_name(), "clock");
}

#[test]
fn media_that_cannot_be_opened_leaves_the_clock_and_says_why() {
    let mut s = session();
    let missing = std::path::Path::new("/nonexistent/soundbite-test/interview.mp4");
    s.open_media(missing, secs(0));
    assert_eq!(s.engine_name(), "clock");
    let status = s
        .app
        .status
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(status.contains("no media file"), "{status}");
}

#[test]
fn an_offset_set_in_the_player_is_saved_with_the_selects_and_taken_next_time() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let log = dir.path().join("reel.txt");
    std::fs::write(&log, SAMPLE_LOG).expect("write the log");
    let folder = dir.path().join("data");
    let opened = |given: Option<i64>| {
        let mut s = session();
        s.open_sidecar(&log, &folder, false, given, secs(0));
        s
    };
    let mut s = opened(None);
    assert_eq!(s.app.offset_ms, 0);
    s.act(Action::OpenCommand, secs(0));
    for c in "offset 10:00".chars() {
        s.act(Action::Input(c), secs(0));
    }
    s.act(Action::Submit, secs(0));
    s.act(Action::ToggleSelect, secs(0));
    drop(s);
    let next = opened(None);
    assert_eq!(next.app.offset_ms, 600_000);
    assert_eq!(next.app.selects.len(), 1);
    drop(next);
    // One given on the command line wins over the saved one.
    let given = opened(Some(-2_000));
    assert_eq!(given.app.offset_ms, -2_000);
}

#[test]
fn attaching_to_no_mpv_says_how_to_start_one() {
    let mut s = session();
    s.attach(
        std::path::Path::new("/nonexistent/soundbite/mpv.sock"),
        secs(0),
    );
    assert_eq!(s.engine_name(), "clock");
    let status = s
        .app
        .status
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(status.contains("--input-ipc-server"), "{status}");
}

#[test]
fn media_frame_rates_count_for_exports_with_drop_frame_at_29_97() {
    use soundbite::session::frame_rate_for_export;
    assert_eq!(frame_rate_for_export(25.0), (25, false));
    assert_eq!(frame_rate_for_export(30_000.0 / 1001.0), (30, true));
    assert_eq!(frame_rate_for_export(60_000.0 / 1001.0), (60, true));
    assert_eq!(frame_rate_for_export(23.976), (24, false));
}

#[test]
fn selects_of_a_log_that_is_no_file_are_said_not_to_be_saved() {
    let mut s = session();
    act(&mut s, Action::ToggleSelect, secs(0));
    let status = s
        .app
        .status
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(status.contains("not saved"), "{status}");
}
