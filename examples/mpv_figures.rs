//! The media figures, measured against the real mpv playing a silent WAV:
//! how long from a jump (`:TC` Enter) to mpv's `time-pos` being there, and
//! how far the player bar strays from mpv's `time-pos` while playing.
//!
//! `cargo run --release --example mpv_figures [SECONDS_OF_PLAY]` (default 60).
#![allow(clippy::expect_used)] // a measurement that cannot run says so loudly

use std::path::Path;

use std::time::{Duration, Instant};

use soundbite::app::{Action, App, StartOptions};
use soundbite::formats::{ParseOptions, parse_str};
use soundbite::input::SAMPLE_LOG;
use soundbite::media::mpv::{self, Mpv, MpvOptions};
use soundbite::session::{Input, Session};

fn main() {
    let play_secs: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let dir = tempfile::tempdir().expect("a temp dir");
    let media = dir.path().join("silence.wav");
    std::fs::write(&media, soundbite::generate::silent_wav(330)).expect("write the WAV");
    let options = MpvOptions {
        binary: "mpv".into(),
        video: false,
        extra_args: vec!["--ao=null".into(), "--vo=null".into()],
    };
    let clock = Instant::now();
    let app = App::new(
        parse_str(SAMPLE_LOG, "sample", ParseOptions::default()),
        StartOptions::default(),
        clock.elapsed(),
    );
    let mut session = Session::new(app, options.clone(), clock.elapsed());
    let state = session.app.media_state(clock.elapsed());
    let mpv = Mpv::open(&media, state, &options, session.reporter()).expect("mpv starts");
    let socket = mpv.socket().to_path_buf();
    session.use_engine(Box::new(mpv), clock.elapsed());
    while session.app.player.end().as_millis() < 330_000 {
        pump(&mut session, clock, Duration::from_millis(10));
    }
    let position = |socket: &Path| {
        mpv::query(socket, "time-pos", Duration::from_secs(1))
            .and_then(|v| v.as_f64())
            .map_or(-1, |s| (s * 1000.0) as i64)
    };

    // Jumps: key to mpv being there.
    let mut jumps = Vec::new();
    for target_secs in [60_u64, 290, 240, 134, 30, 200, 310, 42, 75, 180] {
        let target = (target_secs * 1000) as i64;
        let typed = format!("{}:{:02}", target_secs / 60, target_secs % 60);
        session.act(Action::OpenCommand, clock.elapsed());
        for c in typed.chars() {
            session.act(Action::Input(c), clock.elapsed());
        }
        let pressed = Instant::now();
        session.act(Action::Submit, clock.elapsed());
        while (position(&socket) - target).abs() > 40 {
            assert!(
                pressed.elapsed() < Duration::from_secs(5),
                "mpv never got there"
            );
        }
        jumps.push(pressed.elapsed());
        if std::env::var_os("VERBOSE").is_some() {
            println!("{typed}: {:.1} ms", ms(pressed.elapsed()));
        }
        pump(&mut session, clock, Duration::from_millis(50));
    }
    jumps.sort();
    println!(
        "jump to mpv time-pos: median {:.1} ms, max {:.1} ms ({} jumps)",
        ms(jumps[jumps.len() / 2]),
        ms(jumps[jumps.len() - 1]),
        jumps.len()
    );

    // Drift while playing: the bar against mpv, every 250 ms.
    session.act(Action::TogglePlay, clock.elapsed());
    pump(&mut session, clock, Duration::from_millis(500));
    let mut worst = 0_i64;
    let mut samples = 0;
    let until = Instant::now() + Duration::from_secs(play_secs.min(250));
    while Instant::now() < until {
        pump(&mut session, clock, Duration::from_millis(250));
        let before = session.app.player.position(clock.elapsed()).as_millis() as i64;
        let actual = position(&socket);
        let after = session.app.player.position(clock.elapsed()).as_millis() as i64;
        // mpv answered somewhere between the two readings of the bar.
        let drift = if actual < before {
            before - actual
        } else if actual > after {
            actual - after
        } else {
            0
        };
        worst = worst.max(drift);
        samples += 1;
    }
    println!(
        "drift of the bar from mpv over {play_secs} s: at most {worst} ms ({samples} samples)"
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Takes in what mpv reports for `wait`.
fn pump(session: &mut Session, clock: Instant, wait: Duration) {
    let deadline = Instant::now() + wait;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match session.wait(Some(left)) {
            Some(Input::Media(event)) => {
                session.media_event(event, clock.elapsed());
            }
            Some(Input::Terminal(_)) => {}
            None => {
                session.act(Action::Tick, clock.elapsed());
            }
        }
    }
}
