//! A pseudo-terminal running the real binary: keys in, screen out.
#![allow(clippy::expect_used)] // helpers fail loudly on a broken pty

use std::io::{Read, Write};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const ROWS: u16 = 30;
pub const COLS: u16 = 100;
pub const PATIENCE: Duration = Duration::from_secs(15);

pub struct Session {
    pub parser: vt100::Parser,
    pub output: Receiver<Vec<u8>>,
    pub raw: Vec<u8>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub master: Box<dyn MasterPty + Send>,
}

impl Session {
    pub fn start(args: &[&str]) -> Session {
        Session::start_with_term(args, "xterm-256color")
    }

    pub fn start_with_term(args: &[&str], term: &str) -> Session {
        Session::start_with_env(args, &[("TERM", term)])
    }

    /// Starts soundbite with `args` and these environment variables set.
    pub fn start_with_env(args: &[&str], env: &[(&str, &str)]) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_soundbite"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        for (name, value) in env {
            cmd.env(name, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn soundbite");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let (send, output) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || send.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Session {
            parser: vt100::Parser::new(ROWS, COLS, 0),
            output,
            raw: Vec::new(),
            writer,
            child,
            master: pair.master,
        }
    }

    pub fn pump(&mut self, wait: Duration) {
        if let Ok(bytes) = self.output.recv_timeout(wait) {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
        while let Ok(bytes) = self.output.try_recv() {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Waits until the screen shows `text`, or fails with what it shows.
    pub fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            if self.screen().contains(text) {
                return;
            }
            self.pump(Duration::from_millis(50));
        }
        panic!("screen never showed {text:?}; it shows:\n{}", self.screen());
    }

    /// Waits until the player bar shows every one of `texts`, or fails with
    /// what it shows.
    pub fn wait_for_bar(&mut self, texts: &[&str]) {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            let bar = self.player_bar();
            if texts.iter().all(|text| bar.contains(text)) {
                return;
            }
            self.pump(Duration::from_millis(50));
        }
        panic!(
            "the player bar never showed {texts:?}; it shows:\n{}",
            self.player_bar()
        );
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    /// The line of the player bar.
    pub fn player_bar(&self) -> String {
        self.screen()
            .lines()
            .find(|l| l.starts_with('▶') || l.starts_with('⏸'))
            .unwrap_or_default()
            .to_owned()
    }

    pub fn quit(mut self) -> (u32, Session) {
        self.send("q");
        let deadline = Instant::now() + PATIENCE;
        loop {
            self.pump(Duration::from_millis(50));
            if let Some(status) = self.child.try_wait().expect("wait") {
                self.pump(Duration::from_millis(100));
                return (status.exit_code(), self);
            }
            assert!(Instant::now() < deadline, "soundbite did not quit");
        }
    }
}
