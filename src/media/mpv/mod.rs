//! mpv as the media engine, over its JSON IPC socket: soundbite's own small
//! client (commands with request ids; observed properties read as events on
//! a thread of their own), for an mpv it starts or one the user runs.

mod client;
mod process;
pub mod protocol;
mod watch;

use std::path::Path;
use std::time::Duration;

use serde_json::json;

pub use client::{Client, query};
pub use process::{MpvOptions, end_all, has_display, running};
pub use watch::{DRIFT, Watch};

use super::{MediaCommand, MediaEngine, MediaEvent, MediaState, Reporter};
use protocol::seconds;

/// mpv, playing for the transcript.
pub struct Mpv {
    client: Client,
    socket: std::path::PathBuf,
    /// The process, when soundbite started it (and so ends it).
    spawned: Option<u32>,
    report: Reporter,
}

impl Mpv {
    /// Starts mpv on `media`, in step with `state` (position in media time,
    /// playing or paused, speed).
    pub fn open(
        media: &Path,
        state: MediaState,
        options: &MpvOptions,
        report: Reporter,
    ) -> Result<Mpv, String> {
        let shown = crate::formats::common::sanitize::shown_path(media);
        if !media.is_file() {
            return Err(format!("no media file at {shown}"));
        }
        let Some(path) = media.to_str() else {
            return Err(format!("mpv is sent UTF-8 file names only, not {shown}"));
        };
        let start = [
            format!("--start={}", seconds(state.position.as_millis())),
            format!("--pause={}", if state.playing { "no" } else { "yes" }),
            format!("--speed={}", f64::from(state.speed) / 100.0),
        ];
        let (pid, socket) = process::start(options, &start)?;
        let connected = Client::connect(&socket, false, report.clone()).and_then(|mut client| {
            client.send(&[json!("loadfile"), json!(path), json!("replace")])?;
            Ok(client)
        });
        match connected {
            Ok(client) => Ok(Mpv {
                client,
                socket,
                spawned: Some(pid),
                report,
            }),
            Err(err) => {
                process::end(pid);
                Err(format!("cannot talk to mpv: {err}"))
            }
        }
    }

    /// Attaches to an mpv the user runs with `--input-ipc-server=SOCKET`;
    /// the transcript takes up where that mpv is. It is never closed by soundbite.
    pub fn attach(socket: &Path, report: Reporter) -> Result<Mpv, String> {
        let shown = crate::formats::common::sanitize::shown_path(socket);
        let client = Client::connect(socket, true, report.clone()).map_err(|err| {
            format!(
                "cannot attach to mpv at {shown}: {err} (start mpv with --input-ipc-server={shown})"
            )
        })?;
        Ok(Mpv {
            client,
            socket: socket.to_path_buf(),
            spawned: None,
            report,
        })
    }

    /// The socket mpv listens on.
    pub fn socket(&self) -> &Path {
        &self.socket
    }

    /// The process id of an mpv soundbite started.
    pub fn process_id(&self) -> Option<u32> {
        self.spawned
    }

    /// Whether mpv has the file loaded yet.
    pub fn is_loaded(&self) -> bool {
        self.client.is_loaded()
    }

    /// Sends a raw command (tests ask mpv things through it).
    pub fn send(&mut self, args: &[serde_json::Value]) -> std::io::Result<u64> {
        self.client.send(args)
    }
}

impl MediaEngine for Mpv {
    fn name(&self) -> &'static str {
        "mpv"
    }

    fn frame_rate(&self) -> Option<f64> {
        // Asked on a connection of its own, with a short wait: an export is
        // not held up by an mpv that does not answer.
        client::query(&self.socket, "container-fps", Duration::from_millis(500))
            .and_then(|fps| fps.as_f64())
            .filter(|fps| fps.is_finite() && *fps > 0.0)
    }

    fn command(&mut self, command: MediaCommand, _now: Duration) {
        let sent = match command {
            MediaCommand::Seek(at) => self.client.seek(seconds(at.as_millis())),
            MediaCommand::Play | MediaCommand::Pause => self
                .client
                .send(&[
                    json!("set_property"),
                    json!("pause"),
                    json!(command == MediaCommand::Pause),
                ])
                .map(drop),
            MediaCommand::Speed(percent) => self
                .client
                .send(&[
                    json!("set_property"),
                    json!("speed"),
                    json!(f64::from(percent) / 100.0),
                ])
                .map(drop),
        };
        if let Err(err) = sent {
            (self.report)(MediaEvent::Lost(format!("mpv stopped answering ({err})")));
        }
    }
}

impl Drop for Mpv {
    fn drop(&mut self) {
        if let Some(pid) = self.spawned {
            let _ = self.client.send(&[json!("quit")]);
            process::end(pid);
        }
    }
}
