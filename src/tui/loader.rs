//! Opening a large log without making the user wait: the first part is
//! parsed at once and shown, the whole file is parsed on a second thread.

use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread;

use crate::formats::{ParseOptions, parse_bytes};
use crate::model::Transcript;

/// Logs smaller than this are parsed whole before the first frame.
pub const BACKGROUND_FROM_BYTES: usize = 2 * 1024 * 1024;
/// How much is parsed for the first frame of a large log.
const FIRST_PART_BYTES: usize = 256 * 1024;

/// Where the background parse is.
pub enum LoadState {
    Pending,
    Done(Box<Transcript>),
    /// The parsing thread died; the first part stays on screen.
    Failed,
}

/// The rest of a log still being parsed.
pub struct Loading {
    done: Receiver<Transcript>,
}

impl Loading {
    pub fn poll(&self) -> LoadState {
        match self.done.try_recv() {
            Ok(transcript) => LoadState::Done(Box::new(transcript)),
            Err(TryRecvError::Empty) => LoadState::Pending,
            Err(TryRecvError::Disconnected) => LoadState::Failed,
        }
    }
}

/// Parses `bytes`; a large UTF-8 log gives its first part now and the whole later.
pub fn load(bytes: Vec<u8>, source: &str, options: ParseOptions) -> (Transcript, Option<Loading>) {
    let is_utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if bytes.len() < BACKGROUND_FROM_BYTES || is_utf16 {
        return (parse_bytes(bytes, source, options), None);
    }
    let cut =
        memchr::memrchr(b'\n', &bytes[..FIRST_PART_BYTES]).map_or(FIRST_PART_BYTES, |i| i + 1);
    let first = parse_bytes(bytes[..cut].to_vec(), source, options);
    let (send, done) = mpsc::channel();
    let name = source.to_owned();
    let spawned = thread::Builder::new()
        .name("soundbite-loader".to_owned())
        .spawn(move || {
            let transcript = parse_bytes(bytes, &name, options);
            // The receiver is gone only when the player has quit.
            let _ = send.send(transcript);
        });
    match spawned {
        Ok(_) => (first, Some(Loading { done })),
        Err(_) => (first, None),
    }
}
