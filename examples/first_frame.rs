//! Time from starting the player to its first full frame, in a real
//! pseudo-terminal: `cargo run --release --example first_frame -- LOG [RUNS]`.
//! Uses the release binary at `target/release/soundbite`.

use std::io::{Read, Write};
use std::process::ExitCode;
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

fn first_frame(log: &str) -> Result<Duration, String> {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .map_err(|e| e.to_string())?;
    let mut cmd = CommandBuilder::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/target/release/soundbite"
    ));
    cmd.arg(log);
    cmd.env("TERM", "xterm-256color");
    if let Ok(dir) = std::env::current_dir() {
        cmd.cwd(dir);
    }
    let started = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).map_err(|e| e.to_string())?;
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().map_err(|e| e.to_string())?;
    let mut writer = pair.master.take_writer().map_err(|e| e.to_string())?;
    let (send, output) = channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || send.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut screen = vt100::Parser::new(40, 120, 0);
    let elapsed = loop {
        let bytes = output.recv_timeout(Duration::from_secs(20)).map_err(|_| {
            format!(
                "no first frame within 20 s; the screen shows:\n{}",
                screen.screen().contents()
            )
        })?;
        screen.process(&bytes);
        let contents = screen.screen().contents();
        let player = contents.contains('⏸') || contents.contains('▶');
        if contents.contains("? help") && (player || contents.contains("Library:")) {
            break started.elapsed();
        }
    };
    // A library: also until every file is read.
    while screen.screen().contents().starts_with("Library:")
        && screen.screen().contents().contains("· reading")
    {
        let bytes = output
            .recv_timeout(Duration::from_secs(60))
            .map_err(|_| "the library was not read within 60 s".to_owned())?;
        screen.process(&bytes);
    }
    if screen.screen().contents().starts_with("Library:") {
        eprintln!("library read whole: {:.0?}", started.elapsed());
    }
    let _ = writer.write_all(b"q");
    let _ = child.wait();
    Ok(elapsed)
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(log) = args.next() else {
        eprintln!("usage: first_frame LOG [RUNS]");
        return ExitCode::from(2);
    };
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(5);
    for _ in 0..runs {
        match first_frame(&log) {
            Ok(elapsed) => println!("first frame: {:.1} ms", elapsed.as_secs_f64() * 1000.0),
            Err(err) => {
                eprintln!("first_frame: {err}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
