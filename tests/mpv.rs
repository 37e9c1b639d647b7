//! The real mpv, driven by soundbite: seek, pause, speed, filtered playback,
//! offsets, attaching to the user's own mpv, mpv lost mid-play, and no mpv
//! left behind. Without mpv these tests skip, unless `SOUNDBITE_REQUIRE_MPV=1`
//! (as in CI), under which they fail.
#![allow(clippy::expect_used)] // a broken test setup fails loudly

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use soundbite::app::{Action, App, StartOptions};
use soundbite::filter::Filter;
use soundbite::formats::{ParseOptions, parse_str};
use soundbite::media::mpv::{self, Mpv, MpvOptions};
use soundbite::model::Timecode;
use soundbite::session::{Input, Session};

/// A short interview: two speakers taking turns every few seconds.
const LOG: &str = "Test reel: two voices on the quay

00:00 (Ana Berg, Pilot)
\u{201c}We left before the light came up.\u{201d}

00:03 (Joe Lund, Cook)
\u{201c}The stove would not stay lit in that swell.\u{201d}

00:06 (Ana Berg, Pilot)
\u{201c}By the second buoy the fog had thinned.\u{201d}

00:30 (Joe Lund, Cook)
\u{201c}Soup, mostly, and bread from the day before.\u{201d}
";

const PATIENCE: Duration = Duration::from_secs(10);

/// Whether to run: mpv is there, or the run requires it (and so fails).
fn mpv_available() -> bool {
    let found = Command::new("mpv")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let required = std::env::var_os("SOUNDBITE_REQUIRE_MPV").is_some_and(|v| v == "1");
    assert!(
        found || !required,
        "SOUNDBITE_REQUIRE_MPV=1 but mpv cannot be run"
    );
    if !found {
        eprintln!("mpv is not installed: skipping");
    }
    found
}

/// A silent WAV of `seconds` in `dir`.
fn silent_wav(dir: &Path, seconds: u32) -> PathBuf {
    let path = dir.join("reel.wav");
    std::fs::write(&path, soundbite::generate::silent_wav(seconds)).expect("write the test media");
    path
}

fn quiet() -> MpvOptions {
    MpvOptions {
        binary: "mpv".into(),
        video: false,
        extra_args: vec!["--ao=null".into(), "--vo=null".into()],
    }
}

fn app(start: StartOptions) -> App {
    App::new(
        parse_str(LOG, "reel", ParseOptions::default()),
        start,
        Duration::ZERO,
    )
}

/// A session on the real clock, with mpv playing `media`.
struct Rig {
    session: Session,
    clock: Instant,
    socket: PathBuf,
    pid: u32,
    _dir: tempfile::TempDir,
}

impl Rig {
    fn new(start: StartOptions, offset_ms: i64) -> Rig {
        let dir = tempfile::tempdir().expect("a temp dir");
        let media = silent_wav(dir.path(), 75);
        let clock = Instant::now();
        let mut session = Session::new(app(start), quiet(), clock.elapsed());
        if offset_ms != 0 {
            session.start_offset(offset_ms, clock.elapsed());
        }
        let now = clock.elapsed();
        let mpv = Mpv::open(
            &media,
            session.app.media_state(now),
            &quiet(),
            session.reporter(),
        )
        .expect("mpv starts");
        let socket = mpv.socket().to_path_buf();
        let pid = mpv.process_id().expect("a spawned mpv");
        session.use_engine(Box::new(mpv), now);
        let mut rig = Rig {
            session,
            clock,
            socket,
            pid,
            _dir: dir,
        };
        // The player knows how long the media runs (past the log's end).
        rig.until("the file loads", |rig| {
            rig.session.app.player.end() >= Timecode::from_secs(75)
        });
        rig
    }

    fn now(&self) -> Duration {
        self.clock.elapsed()
    }

    fn act(&mut self, action: Action) {
        let now = self.now();
        self.session.act(action, now);
    }

    fn command(&mut self, text: &str) {
        self.act(Action::OpenCommand);
        for c in text.chars() {
            self.act(Action::Input(c));
        }
        self.act(Action::Submit);
    }

    /// Takes in what mpv reports for a while.
    fn pump(&mut self, wait: Duration) {
        let deadline = Instant::now() + wait;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.session.wait(Some(left)) {
                Some(Input::Media(event)) => {
                    let now = self.now();
                    self.session.media_event(event, now);
                }
                Some(Input::Terminal(_)) => {}
                None => {
                    let now = self.now();
                    self.session.act(Action::Tick, now);
                }
            }
        }
    }

    /// Pumps until `ready` holds, or fails naming what was awaited.
    fn until(&mut self, what: &str, ready: impl Fn(&mut Rig) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            if ready(self) {
                return;
            }
            self.pump(Duration::from_millis(20));
        }
        panic!(
            "timed out waiting until {what}: mpv at {} ms, the bar at {} ms",
            self.mpv_ms(),
            self.shown_ms()
        );
    }

    fn mpv_f64(&self, property: &str) -> Option<f64> {
        mpv::query(&self.socket, property, Duration::from_secs(2)).and_then(|v| v.as_f64())
    }

    fn mpv_bool(&self, property: &str) -> Option<bool> {
        mpv::query(&self.socket, property, Duration::from_secs(2)).and_then(|v| v.as_bool())
    }

    /// mpv's position, in milliseconds.
    fn mpv_ms(&self) -> i64 {
        self.mpv_f64("time-pos").map_or(-1, |s| (s * 1000.0) as i64)
    }

    /// The player bar's position, in milliseconds.
    fn shown_ms(&self) -> i64 {
        self.session.app.player.position(self.now()).as_millis() as i64
    }
}

/// Takes in a session's media reports until `ready` holds, or fails
/// naming what was awaited.
fn settle_until(
    session: &mut Session,
    clock: Instant,
    what: &str,
    ready: impl Fn(&Session) -> bool,
) {
    let deadline = Instant::now() + PATIENCE;
    while !ready(session) {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        if let Some(Input::Media(event)) = session.wait(Some(Duration::from_millis(50))) {
            session.media_event(event, clock.elapsed());
        }
    }
}

/// Whether the process still runs (and is not a zombie).
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        !stat
            .rsplit(')')
            .next()
            .unwrap_or_default()
            .trim_start()
            .starts_with('Z')
    })
}

#[test]
fn seek_pause_and_speed_act_on_mpv_and_the_bar_follows_it() {
    if !mpv_available() {
        return;
    }
    let mut rig = Rig::new(StartOptions::default(), 0);
    assert_eq!(rig.session.app.engine, "mpv");
    rig.command("1:00");
    rig.until("mpv is at 1:00", |r| (r.mpv_ms() - 60_000).abs() < 50);
    assert_eq!(rig.shown_ms(), 60_000);
    rig.act(Action::TogglePlay);
    rig.until("mpv plays", |r| r.mpv_bool("pause") == Some(false));
    rig.pump(Duration::from_millis(1200));
    let (mpv_at, shown) = (rig.mpv_ms(), rig.shown_ms());
    assert!(mpv_at > 60_500, "mpv moved on: {mpv_at}");
    assert!(
        (mpv_at - shown).abs() < 100,
        "bar {shown} ms, mpv {mpv_at} ms"
    );
    rig.act(Action::SpeedUp);
    rig.until("mpv runs at 1.25", |r| r.mpv_f64("speed") == Some(1.25));
    rig.act(Action::TogglePlay);
    rig.until("mpv pauses", |r| r.mpv_bool("pause") == Some(true));
    // A seek made in mpv itself shows in the transcript.
    let mut raw = Mpv::attach(&rig.socket, rig.session.reporter()).expect("a second connection");
    raw.send(&[
        serde_json::json!("seek"),
        serde_json::json!(31),
        serde_json::json!("absolute+exact"),
    ])
    .expect("seek in mpv");
    rig.until("the bar shows mpv's seek", |r| {
        (r.shown_ms() - 31_000).abs() < 50
    });
    assert_eq!(rig.session.app.playing, Some(3));
    drop(raw);
    drop(rig.session);
    assert!(!alive(rig.pid), "mpv ended with the session");
    assert!(!rig.socket.exists(), "the socket is removed");
}

#[test]
fn filtered_playback_skips_what_the_filter_hides() {
    if !mpv_available() {
        return;
    }
    let start = StartOptions {
        filter: Filter {
            roles: vec!["pilot".into()],
            speakers: Vec::new(),
        },
        ..StartOptions::default()
    };
    let mut rig = Rig::new(start, 0);
    rig.act(Action::TogglePlay);
    // The cook speaks from 0:03 to 0:06: mpv jumps over him.
    rig.until("mpv reaches the pilot's second answer", |r| {
        r.mpv_ms() >= 6_000
    });
    assert!(rig.mpv_ms() < 9_000, "not past it: {}", rig.mpv_ms());
    rig.pump(Duration::from_millis(300));
    assert_eq!(rig.session.app.playing, Some(2));
}

#[test]
fn an_offset_maps_log_time_to_media_time() {
    if !mpv_available() {
        return;
    }
    // The log says 0:30 where the media is at 0:10.
    let mut rig = Rig::new(StartOptions::default(), 20_000);
    rig.command("0:30");
    rig.until("mpv is at 0:10", |r| (r.mpv_ms() - 10_000).abs() < 50);
    assert_eq!(rig.shown_ms(), 30_000);
    assert_eq!(rig.session.app.playing, Some(3));
}

#[test]
fn mpv_killed_mid_play_leaves_the_clock_playing_on() {
    if !mpv_available() {
        return;
    }
    let mut rig = Rig::new(StartOptions::default(), 0);
    rig.act(Action::TogglePlay);
    rig.pump(Duration::from_millis(500));
    let killed = Command::new("kill")
        .args(["-KILL", &rig.pid.to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    rig.until("the clock takes over", |r| {
        r.session.engine_name() == "clock"
    });
    let status = rig.session.app.status.as_ref().map(|s| s.text.clone());
    assert!(status.is_some_and(|s| s.contains("mpv closed")));
    assert!(rig.session.app.player.is_playing());
    let before = rig.shown_ms();
    rig.pump(Duration::from_millis(400));
    assert!(rig.shown_ms() > before, "the playhead moves on");
    assert!(!alive(rig.pid));
}

#[test]
fn attaching_follows_the_users_mpv_and_leaves_it_running() {
    if !mpv_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    let media = silent_wav(dir.path(), 60);
    let socket = dir.path().join("mine.sock");
    let mut mine: Child = Command::new("mpv")
        .arg("--no-terminal")
        .arg("--idle=yes")
        .arg("--keep-open=yes")
        .arg("--pause=yes")
        .arg("--start=40")
        .args(["--ao=null", "--vo=null", "--no-video"])
        .arg(format!("--input-ipc-server={}", socket.display()))
        .arg(&media)
        .spawn()
        .expect("start the user's mpv");
    let deadline = Instant::now() + PATIENCE;
    // The socket file appears a moment before mpv listens on it.
    while std::os::unix::net::UnixStream::connect(&socket).is_err() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let clock = Instant::now();
    let mut session = Session::new(app(StartOptions::default()), quiet(), clock.elapsed());
    session.attach(&socket, clock.elapsed());
    assert_eq!(session.engine_name(), "mpv");
    settle_until(&mut session, clock, "the bar takes mpv's place", |s| {
        s.app.player.position(clock.elapsed()) == Timecode::from_secs(40)
    });
    assert_eq!(session.app.playing, Some(3));
    drop(session);
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        mine.try_wait().expect("wait").is_none(),
        "the user's mpv is left running"
    );
    let _ = mine.kill();
    let _ = mine.wait();
}

#[test]
fn a_file_mpv_cannot_play_leaves_the_clock_and_says_why() {
    if !mpv_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    let bogus = dir.path().join("not-media.mp4");
    std::fs::write(&bogus, b"this is text, not a film").expect("write");
    let clock = Instant::now();
    let mut session = Session::new(app(StartOptions::default()), quiet(), clock.elapsed());
    let state = session.app.media_state(clock.elapsed());
    let mpv = Mpv::open(&bogus, state, &quiet(), session.reporter()).expect("mpv starts");
    let pid = mpv.process_id().expect("a spawned mpv");
    session.use_engine(Box::new(mpv), clock.elapsed());
    settle_until(
        &mut session,
        clock,
        "mpv's failure reaches the player",
        |s| s.engine_name() == "clock",
    );
    let status = session
        .app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(status.contains("cannot play"), "{status}");
    assert!(!alive(pid), "the failed mpv was ended");
}

#[test]
fn no_mpv_named_means_a_clear_message() {
    let clock = Instant::now();
    let options = MpvOptions {
        binary: "/nonexistent/bin/mpv".into(),
        ..quiet()
    };
    let mut session = Session::new(app(StartOptions::default()), options, clock.elapsed());
    let dir = tempfile::tempdir().expect("a temp dir");
    let media = silent_wav(dir.path(), 2);
    session.open_media(&media, clock.elapsed());
    assert_eq!(session.engine_name(), "clock");
    let status = session
        .app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(status.contains("mpv is not installed"), "{status}");
}

/// The processes whose parent is `pid`.
fn children(pid: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|child| {
            std::fs::read_to_string(format!("/proc/{child}/stat")).is_ok_and(|stat| {
                let after = stat.rsplit(')').next().unwrap_or_default();
                after.split_whitespace().nth(1) == Some(&pid.to_string())
            })
        })
        .collect()
}

#[test]
fn the_real_binary_plays_media_and_leaves_no_mpv_after_quit_or_sigterm() {
    if !mpv_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    let media = silent_wav(dir.path(), 60);
    let log = dir.path().join("reel.txt");
    std::fs::write(&log, LOG).expect("write the log");
    let state = dir.path().join("state");
    let state = state.to_string_lossy().into_owned();
    let (log, media) = (log.to_string_lossy(), media.to_string_lossy());
    for ending in ["quit", "TERM"] {
        let args = [
            log.as_ref(),
            "--media",
            media.as_ref(),
            "--mpv-arg=--ao=null",
            "--mpv-arg=--vo=null",
            "--no-video",
        ];
        let mut s = common::pty::Session::start_with_env(&args, &[("XDG_STATE_HOME", &state)]);
        s.wait_for("· mpv ·");
        s.send(":0:30\r");
        s.wait_for_bar(&["⏸ 00:30"]);
        s.send(" ");
        s.wait_for_bar(&["▶ 00:31"]);
        let pid = s.child.process_id().expect("a pid");
        let spawned = children(pid);
        assert_eq!(spawned.len(), 1, "one mpv started: {spawned:?}");
        if ending == "quit" {
            let (code, _) = s.quit();
            assert_eq!(code, 0);
        } else {
            Command::new("kill")
                .args(["-TERM", &pid.to_string()])
                .status()
                .expect("kill");
            let deadline = Instant::now() + PATIENCE;
            while s.child.try_wait().expect("wait").is_none() {
                assert!(Instant::now() < deadline, "soundbite ignored SIGTERM");
                s.pump(Duration::from_millis(50));
            }
        }
        std::thread::sleep(Duration::from_millis(100));
        assert!(
            spawned.iter().all(|&mpv| !alive(mpv)),
            "{ending}: no mpv left behind"
        );
    }
}

#[test]
fn offset_sync_lines_the_cursor_segment_up_with_where_mpv_is() {
    if !mpv_available() {
        return;
    }
    let mut rig = Rig::new(StartOptions::default(), 0);
    // The media has 12 s of something else before the interview begins.
    let mut raw = Mpv::attach(&rig.socket, rig.session.reporter()).expect("a second connection");
    raw.send(&[
        serde_json::json!("seek"),
        serde_json::json!(12),
        serde_json::json!("absolute+exact"),
    ])
    .expect("seek in mpv");
    rig.until("the bar follows mpv", |r| {
        (r.shown_ms() - 12_000).abs() < 50
    });
    rig.act(Action::First);
    rig.command("offset sync");
    assert_eq!(rig.session.app.offset_ms, -12_000);
    assert_eq!(rig.shown_ms(), 0, "the first segment starts where mpv is");
    rig.command("0:30");
    rig.until("mpv is at 0:42", |r| (r.mpv_ms() - 42_000).abs() < 50);
    drop(raw);
}

#[test]
fn listening_through_a_role_goes_on_to_the_next_interview_of_the_library() {
    if !mpv_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let state = tempfile::tempdir().expect("a temporary folder");
    let (root, state) = (dir.path(), state.path().to_string_lossy().into_owned());
    std::fs::write(
        root.join("a.txt"),
        "00:01 (Ana Berg, Nurse)\n\u{201c}The ward flooded.\u{201d}\n\
         00:02 (Ivo Sand, Driver)\n\u{201c}The road went.\u{201d}\n",
    )
    .expect("write a log");
    std::fs::write(
        root.join("b.txt"),
        "00:01 (Ivo Sand, Driver)\n\u{201c}Then the rain.\u{201d}\n\
         00:02 (Mira Holt, Nurse)\n\u{201c}Nobody slept that week.\u{201d}\n",
    )
    .expect("write a log");
    // Media beside each log, by the same name.
    let reel = silent_wav(root, 4);
    std::fs::copy(&reel, root.join("a.wav")).expect("copy the media");
    std::fs::rename(&reel, root.join("b.wav")).expect("move the media");
    let folder = root.to_string_lossy().into_owned();
    let args = [
        folder.as_str(),
        "--mpv-arg=--ao=null",
        "--mpv-arg=--vo=null",
        "--no-video",
    ];
    let env = [
        ("XDG_STATE_HOME", state.as_str()),
        ("XDG_DATA_HOME", state.as_str()),
    ];
    let mut s = common::pty::Session::start_with_env(&args, &env);
    s.wait_for("2 interviews");
    s.send(":role nurse\r");
    s.wait_for("2 hits in 2 interviews");
    s.send("\r");
    s.wait_for("The ward flooded.");
    s.send(":media\r");
    s.wait_for("· mpv ·");
    s.send(" ");
    s.wait_for_bar(&["▶ 00:01"]);
    // The nurse in a.txt is done by 00:02; b.txt's nurse plays on in b.wav.
    s.wait_for("Nobody slept that week.");
    s.wait_for("· mpv ·");
    s.wait_for_bar(&["▶ 00:02"]);
    let (code, _) = s.quit();
    assert_eq!(code, 0);
}
