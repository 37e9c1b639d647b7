//! A connection to mpv's IPC socket: commands out with request ids, and a
//! thread that reads mpv's messages as they come and reports what matters.
//! Nothing here polls: the reader blocks on the socket.

use std::io::{self, BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::protocol::{Message, OBSERVED, command_line, parse_line};
use super::watch::Watch;
use crate::media::{MediaEvent, Reporter};

/// The longest a write to mpv may block: mpv that stops reading is lost.
const WRITE_TIMEOUT: Duration = Duration::from_secs(2);

/// What the writing side and the reader share, under one lock.
struct Shared {
    stream: UnixStream,
    next_id: u64,
    watch: Watch,
    /// Whether mpv has the file loaded (seeks need one).
    loaded: bool,
    /// A seek asked for while the file loads, sent once it has.
    pending_seek: Option<f64>,
    /// Whether the file was in before soundbite connected (an mpv the user runs).
    attached: bool,
}

impl Shared {
    fn send(&mut self, args: &[Value]) -> io::Result<u64> {
        self.next_id += 1;
        let id = self.next_id;
        self.stream.write_all(command_line(args, id).as_bytes())?;
        Ok(id)
    }

    fn seek(&mut self, seconds: f64) -> io::Result<()> {
        if !self.loaded {
            self.pending_seek = Some(seconds);
            return Ok(());
        }
        let id = self.send(&[json!("seek"), json!(seconds), json!("absolute+exact")])?;
        self.watch.seek_sent(id);
        Ok(())
    }
}

/// The writing half; the reading half lives on its own thread.
pub struct Client {
    shared: Arc<Mutex<Shared>>,
    /// Set when soundbite closes the connection itself: the reader's end of
    /// file is then not news.
    closing: Arc<AtomicBool>,
}

impl Client {
    /// Connects, starts the reader and observes the properties the player
    /// follows; mpv answers each with its value at once.
    /// `attached`: mpv already has its file (the user's own mpv), rather
    /// than one soundbite is about to load.
    pub fn connect(socket: &Path, attached: bool, report: Reporter) -> io::Result<Client> {
        let stream = UnixStream::connect(socket)?;
        stream.set_write_timeout(Some(WRITE_TIMEOUT))?;
        let reading = stream.try_clone()?;
        let shared = Arc::new(Mutex::new(Shared {
            stream,
            next_id: 0,
            watch: Watch::default(),
            loaded: false,
            pending_seek: None,
            attached,
        }));
        let closing = Arc::new(AtomicBool::new(false));
        let reader = Reader {
            shared: Arc::clone(&shared),
            closing: Arc::clone(&closing),
            report,
        };
        let client = Client { shared, closing };
        {
            // Observed before the reader starts: no message can be missed.
            let mut shared = client.lock()?;
            for (id, name) in OBSERVED {
                shared.send(&[json!("observe_property"), json!(id), json!(name)])?;
            }
        }
        std::thread::Builder::new()
            .name("soundbite-mpv".to_owned())
            .spawn(move || reader.run(reading))?;
        Ok(client)
    }

    fn lock(&self) -> io::Result<MutexGuard<'_, Shared>> {
        self.shared
            .lock()
            .map_err(|_| io::Error::other("the mpv reader failed"))
    }

    /// Sends a command; returns its request id. Replies are read by the reader.
    pub fn send(&mut self, args: &[Value]) -> io::Result<u64> {
        self.lock()?.send(args)
    }

    /// Seeks exactly, so that positions from before are not taken for news;
    /// while the file loads, once it has.
    pub fn seek(&mut self, seconds: f64) -> io::Result<()> {
        self.lock()?.seek(seconds)
    }

    pub fn is_loaded(&self) -> bool {
        self.lock().is_ok_and(|shared| shared.loaded)
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        self.closing.store(true, Ordering::SeqCst);
        if let Ok(shared) = self.lock() {
            let _ = shared.stream.shutdown(std::net::Shutdown::Both);
        }
    }
}

/// The reading half: one message per line, until mpv closes the socket.
struct Reader {
    shared: Arc<Mutex<Shared>>,
    closing: Arc<AtomicBool>,
    report: Reporter,
}

impl Reader {
    fn run(self, stream: UnixStream) {
        let started = Instant::now();
        let mut lines = BufReader::new(stream);
        let mut line = Vec::new();
        loop {
            line.clear();
            match lines.read_until(b'\n', &mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
            let Some(message) = parse_line(&String::from_utf8_lossy(&line)) else {
                continue;
            };
            if let Message::FileFailed(why) = &message {
                let why = crate::formats::common::sanitize::sanitize(why).0;
                (self.report)(MediaEvent::Lost(format!(
                    "mpv cannot play the media: {why}"
                )));
            }
            if matches!(&message, Message::Event(e) if e == "shutdown") {
                break;
            }
            let Ok(mut shared) = self.shared.lock() else {
                break;
            };
            // A file soundbite loads is ready once it plays from its start
            // position (a seek before then would be undone); the user's own
            // mpv is ready when it tells its position.
            let loaded = matches!(&message, Message::Event(e) if e == "playback-restart")
                || (shared.attached
                    && matches!(&message, Message::Property { name, value: Some(_) } if name == "time-pos"));
            let due = shared.watch.take(&message, started.elapsed());
            if loaded && !shared.loaded {
                shared.loaded = true;
                if let Some(seconds) = shared.pending_seek.take() {
                    let _ = shared.seek(seconds);
                }
            }
            drop(shared);
            if let Some(state) = due {
                (self.report)(MediaEvent::State(state));
            }
        }
        if !self.closing.load(Ordering::SeqCst) {
            (self.report)(MediaEvent::Lost("mpv closed".to_owned()));
        }
    }
}

/// Asks mpv for one property over a connection of its own, waiting at most
/// `timeout`: for tests and measurements that check mpv itself.
pub fn query(socket: &Path, property: &str, timeout: Duration) -> Option<Value> {
    let stream = UnixStream::connect(socket).ok()?;
    stream.set_read_timeout(Some(timeout)).ok()?;
    stream.set_write_timeout(Some(timeout)).ok()?;
    let line = command_line(&[json!("get_property"), json!(property)], 1);
    (&stream).write_all(line.as_bytes()).ok()?;
    let mut lines = BufReader::new(&stream);
    let mut text = String::new();
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        text.clear();
        if lines.read_line(&mut text).ok()? == 0 {
            return None;
        }
        let value: Value = serde_json::from_str(&text).ok()?;
        if value.get("request_id").and_then(Value::as_u64) == Some(1) {
            return value.get("data").cloned();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use std::io::Read;
    use std::os::unix::net::UnixListener;
    use std::sync::mpsc;

    use super::*;
    use crate::model::Timecode;

    /// A client on a fake mpv that says `script` (with pauses between
    /// pieces), then hangs up; returns what the client reported and what it sent.
    fn talk(script: &[&str], seek_at_start: Option<f64>) -> (Vec<MediaEvent>, String) {
        let Ok(dir) = tempfile::tempdir() else {
            return (Vec::new(), String::new());
        };
        let socket = dir.path().join("fake.sock");
        let Ok(listener) = UnixListener::bind(&socket) else {
            return (Vec::new(), String::new());
        };
        let script: Vec<String> = script.iter().map(|s| (*s).to_owned()).collect();
        let server = std::thread::spawn(move || {
            let Ok((mut stream, _)) = listener.accept() else {
                return String::new();
            };
            for piece in script {
                let _ = stream.write_all(piece.as_bytes());
                std::thread::sleep(Duration::from_millis(15));
            }
            let _ = stream.shutdown(std::net::Shutdown::Write);
            let mut heard = String::new();
            let _ = stream.read_to_string(&mut heard);
            heard
        });
        let (send, events) = mpsc::channel();
        let report: Reporter = Arc::new(move |event| {
            let _ = send.send(event);
        });
        let client = Client::connect(&socket, false, report);
        let mut seen = Vec::new();
        if let Ok(mut client) = client {
            if let Some(seconds) = seek_at_start {
                let _ = client.seek(seconds);
            }
            while let Ok(event) = events.recv_timeout(Duration::from_secs(5)) {
                let lost = matches!(event, MediaEvent::Lost(_));
                seen.push(event);
                if lost {
                    break;
                }
            }
        }
        (seen, server.join().unwrap_or_default())
    }

    fn position(event: &MediaEvent) -> Option<u64> {
        match event {
            MediaEvent::State(state) => Some(state.position.as_millis()),
            MediaEvent::Lost(_) => None,
        }
    }

    #[test]
    fn garbage_and_split_lines_are_survived_and_a_hang_up_is_reported() {
        let (seen, heard) = talk(
            &[
                "not json at all\n",
                "{\"request_id\":3,\"error\":\"success\"}\n",
                "{\"event\":\"property-change\",\"id\":1,\"na",
                "me\":\"time-pos\",\"data\":5.0}\n{\"event\":\"some-new-event\"}\n",
                "\u{1b}[31m{\"broken\n",
                "{\"event\":\"property-change\",\"id\":2,\"name\":\"pause\",\"data\":false}\n",
            ],
            None,
        );
        assert_eq!(seen.len(), 3, "{seen:?}");
        assert_eq!(position(&seen[0]), Some(5000));
        assert!(matches!(&seen[1], MediaEvent::State(s) if s.playing));
        assert_eq!(seen[2], MediaEvent::Lost("mpv closed".into()));
        assert_eq!(heard.matches("observe_property").count(), OBSERVED.len());
    }

    #[test]
    fn a_seek_before_the_file_plays_waits_for_it_and_stale_positions_are_ignored() {
        let (seen, heard) = talk(
            &[
                "{\"event\":\"file-loaded\"}\n",
                "{\"event\":\"property-change\",\"id\":1,\"name\":\"time-pos\",\"data\":0.0}\n",
                "{\"event\":\"playback-restart\"}\n",
                // From before the seek went out: stale.
                "{\"event\":\"property-change\",\"id\":1,\"name\":\"time-pos\",\"data\":0.2}\n",
                "{\"event\":\"seek\"}\n{\"event\":\"playback-restart\"}\n",
                "{\"event\":\"property-change\",\"id\":1,\"name\":\"time-pos\",\"data\":42.0}\n",
            ],
            Some(42.0),
        );
        let sought = heard.find("\"seek\"");
        let observed = heard.rfind("observe_property");
        assert!(
            sought > observed,
            "the seek went out after loading: {heard}"
        );
        let positions: Vec<u64> = seen.iter().filter_map(position).collect();
        assert_eq!(positions, [0, 42_000], "{seen:?}");
        assert_eq!(
            seen.first().and_then(position).map(Timecode::from_millis),
            Some(Timecode::ZERO)
        );
    }

    #[test]
    fn a_file_mpv_cannot_play_is_reported_as_lost_with_the_reason() {
        let (seen, _) = talk(
            &[
                "{\"event\":\"end-file\",\"reason\":\"error\",\"file_error\":\"no \\u001b[2Jdemuxer\"}\n",
            ],
            None,
        );
        assert_eq!(
            seen.first(),
            Some(&MediaEvent::Lost(
                "mpv cannot play the media: no demuxer".into()
            ))
        );
    }
}
