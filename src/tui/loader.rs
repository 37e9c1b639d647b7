//! Opening a large log without making the user wait: the first part is
//! parsed at once and shown, the whole file is parsed on a second thread.

use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread;

use crate::formats::{ParseOptions, parse_bytes};
use crate::input::{InputSource, LoadError};
use crate::model::Transcript;

/// Logs smaller than this are parsed whole before the first frame.
pub const BACKGROUND_FROM_BYTES: usize = 2 * 1024 * 1024;
/// How much is parsed for the first frame of a large log.
const FIRST_PART_BYTES: usize = 256 * 1024;

/// Where the background parse is.
pub enum LoadState {
    Pending,
    Done(Box<Transcript>),
    /// The parsing thread failed, and why; the first part stays on screen.
    Failed(String),
}

/// The rest of a log still being parsed.
pub struct Loading {
    done: Receiver<Result<Transcript, String>>,
}

impl Loading {
    pub fn poll(&self) -> LoadState {
        match self.done.try_recv() {
            Ok(Ok(transcript)) => LoadState::Done(Box::new(transcript)),
            Ok(Err(reason)) => LoadState::Failed(reason),
            Err(TryRecvError::Empty) => LoadState::Pending,
            Err(TryRecvError::Disconnected) => {
                LoadState::Failed("the reading thread stopped".to_owned())
            }
        }
    }
}

/// Opens a log for the player. A large file is not read whole before the
/// first frame: its first part is read and shown, and the loader thread
/// reads and parses the whole file behind it.
pub fn open(
    source: &InputSource,
    options: ParseOptions,
) -> Result<(Transcript, Option<Loading>), LoadError> {
    let name = source.display_name();
    let head = match source.read_head(FIRST_PART_BYTES) {
        Some(head) => head?,
        None => return Ok(load(source.read()?, &name, options)),
    };
    let (head, size) = head;
    let is_utf16 = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
    if size < BACKGROUND_FROM_BYTES as u64 || is_utf16 {
        return Ok(load(source.read()?, &name, options));
    }
    let first = first_part(&head, &name, options);
    let source = source.clone();
    let loading = in_background(options, name, move || {
        source.read().map_err(|e| e.to_string())
    });
    Ok((first, loading))
}

/// The log up to the last line break in `head`, parsed.
fn first_part(head: &[u8], name: &str, options: ParseOptions) -> Transcript {
    let cut = memchr::memrchr(b'\n', head).map_or(head.len(), |i| i + 1);
    parse_bytes(head[..cut].to_vec(), name, options)
}

/// Reads and parses the whole log on the loader thread.
fn in_background(
    options: ParseOptions,
    name: String,
    read: impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static,
) -> Option<Loading> {
    let (send, done) = mpsc::channel();
    let spawned = thread::Builder::new()
        .name(super::terminal::LOADER_THREAD.to_owned())
        .spawn(move || {
            // A failure here is the player's to show, not a reason to end
            // it: the panic is caught and sent on as a message.
            // Nothing the closure holds is looked at after a panic.
            let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
                read().map(|bytes| parse_bytes(bytes, &name, options))
            }))
            .unwrap_or_else(|panic| {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(ToString::to_string)
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                Err(format!("reading the rest of the log failed: {what}"))
            });
            // The receiver is gone only when the player has quit.
            let _ = send.send(parsed);
        });
    spawned.ok().map(|_| Loading { done })
}

/// Parses `bytes`; a large UTF-8 log gives its first part now and the whole later.
pub fn load(bytes: Vec<u8>, source: &str, options: ParseOptions) -> (Transcript, Option<Loading>) {
    let is_utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if bytes.len() < BACKGROUND_FROM_BYTES || is_utf16 {
        return (parse_bytes(bytes, source, options), None);
    }
    let first = first_part(&bytes[..FIRST_PART_BYTES], source, options);
    let loading = in_background(options, source.to_owned(), move || Ok(bytes));
    (first, loading)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn outcome(loading: &Loading) -> LoadState {
        for _ in 0..2000 {
            match loading.poll() {
                LoadState::Pending => std::thread::sleep(Duration::from_millis(2)),
                done => return done,
            }
        }
        LoadState::Pending
    }

    #[test]
    fn a_read_that_fails_or_panics_reaches_the_player_as_a_message() {
        let options = ParseOptions::default();
        let failed = in_background(options, "x".into(), || Err("the file is gone".into()));
        let failed = failed.map(|loading| outcome(&loading));
        assert!(matches!(failed, Some(LoadState::Failed(reason)) if reason.contains("gone")));
        let panicked = in_background(options, "x".into(), || panic!("a bug"));
        let panicked = panicked.map(|loading| outcome(&loading));
        assert!(matches!(panicked, Some(LoadState::Failed(reason)) if reason.contains("a bug")));
        let read = in_background(options, "x".into(), || {
            Ok("00:01 Question:\n\u{201c}Why?\u{201d}".as_bytes().to_vec())
        });
        let read = read.map(|loading| outcome(&loading));
        assert!(matches!(read, Some(LoadState::Done(t)) if t.segments.len() == 1));
    }
}
