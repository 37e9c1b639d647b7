//! A connection to mpv's IPC socket: commands out with request ids, and a
//! thread that reads mpv's messages as they come and reports what matters.
//! Nothing here polls: the reader blocks on the socket.

use std::io::{self, BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::protocol::{Message, OBSERVED, command_line, parse_line};
use super::watch::Watch;
use crate::media::{MediaEvent, Reporter};

/// The longest a write to mpv may block: mpv that stops reading is lost.
const WRITE_TIMEOUT: Duration = Duration::from_secs(2);

/// The writing half; the reading half lives on its own thread.
pub struct Client {
    stream: UnixStream,
    next_id: u64,
    watch: Arc<Mutex<Watch>>,
    /// Set when soundbite closes the connection itself: the reader's end of
    /// file is then not news.
    closing: Arc<AtomicBool>,
    /// Whether mpv has a file loaded (seeks need one).
    loaded: Arc<AtomicBool>,
}

impl Client {
    /// Connects, starts the reader and observes the properties the player
    /// follows; mpv answers each with its value at once.
    pub fn connect(socket: &Path, report: Reporter) -> io::Result<Client> {
        let stream = UnixStream::connect(socket)?;
        stream.set_write_timeout(Some(WRITE_TIMEOUT))?;
        let reading = stream.try_clone()?;
        let watch = Arc::new(Mutex::new(Watch::default()));
        let closing = Arc::new(AtomicBool::new(false));
        let loaded = Arc::new(AtomicBool::new(false));
        let reader = Reader {
            watch: Arc::clone(&watch),
            closing: Arc::clone(&closing),
            loaded: Arc::clone(&loaded),
            report,
        };
        std::thread::Builder::new()
            .name("soundbite-mpv".to_owned())
            .spawn(move || reader.run(reading))?;
        let mut client = Client {
            stream,
            next_id: 0,
            watch,
            closing,
            loaded,
        };
        for (id, name) in OBSERVED {
            client.send(&[json!("observe_property"), json!(id), json!(name)])?;
        }
        Ok(client)
    }

    /// Sends a command; returns its request id. Replies are read by the reader.
    pub fn send(&mut self, args: &[Value]) -> io::Result<u64> {
        self.next_id += 1;
        let id = self.next_id;
        self.stream.write_all(command_line(args, id).as_bytes())?;
        Ok(id)
    }

    /// Sends a seek, so that positions from before it are not taken for news.
    pub fn seek(&mut self, seconds: f64) -> io::Result<()> {
        if !self.loaded.load(Ordering::SeqCst) {
            // No file yet: where it will start.
            self.send(&[json!("set"), json!("start"), json!(format!("{seconds}"))])?;
            return Ok(());
        }
        let id = self.next_id + 1;
        if let Ok(mut watch) = self.watch.lock() {
            watch.seek_sent(id);
        }
        self.send(&[json!("seek"), json!(seconds), json!("absolute+exact")])?;
        Ok(())
    }

    pub fn is_loaded(&self) -> bool {
        self.loaded.load(Ordering::SeqCst)
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        self.closing.store(true, Ordering::SeqCst);
        let _ = self.stream.shutdown(std::net::Shutdown::Both);
    }
}

/// The reading half: one message per line, until mpv closes the socket.
struct Reader {
    watch: Arc<Mutex<Watch>>,
    closing: Arc<AtomicBool>,
    loaded: Arc<AtomicBool>,
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
            match &message {
                Message::Event(event) if event == "file-loaded" => {
                    self.loaded.store(true, Ordering::SeqCst);
                }
                Message::Event(event) if event == "shutdown" => break,
                Message::FileFailed(why) => {
                    let why = crate::formats::common::sanitize::sanitize(why).0;
                    (self.report)(MediaEvent::Lost(format!(
                        "mpv cannot play the media: {why}"
                    )));
                }
                _ => {}
            }
            let due = self
                .watch
                .lock()
                .ok()
                .and_then(|mut watch| watch.take(&message, started.elapsed()));
            if let Some(state) = due {
                (self.report)(MediaEvent::State(state));
            }
        }
        if !self.closing.load(Ordering::SeqCst) {
            (self.report)(MediaEvent::Lost("mpv closed".to_owned()));
        }
    }
}
