//! The library's cache: a log read once is kept, parsed, in the user's
//! cache folder (`~/.cache/soundbite/library`), so a folder read again (the
//! library view, `list`, `stats`, `check`, `export`) reads the parsed logs
//! instead of parsing every one anew.
//!
//! An entry is used only when everything that made it is unchanged: the
//! log's path, size, times of change, inode and device; the reading options;
//! and this very build of soundbite. Anything else reads the log again and
//! replaces the entry. A log changed in the last few seconds is not kept: on
//! a file system with coarse times, a second change in the same tick would
//! look like none. An entry is written whole or not at all (a temporary
//! file, renamed), and a damaged one only means the log is read again.
//! Deleting the folder is always safe.

mod entry;
mod wire;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use crate::formats::ParseOptions;
use crate::hash::fnv1a;
use crate::model::Transcript;
use wire::Writer;

/// Names the folder instead of the user's cache folder.
pub const FOLDER_VARIABLE: &str = "SOUNDBITE_CACHE_DIR";

/// What every entry starts with; the number changes with the layout.
const MAGIC: &[u8] = b"soundbite library cache 1\n";

/// How long a log must have been left alone before it is kept.
const SETTLED: Duration = Duration::from_secs(3);

/// Where parsed logs are kept, for one build of soundbite.
#[derive(Debug, Clone)]
pub struct Cache {
    folder: PathBuf,
    build: u64,
}

impl Cache {
    /// The cache in `$SOUNDBITE_CACHE_DIR`, else in the user's cache folder;
    /// `None` when there is neither, or this build cannot be told apart
    /// from another.
    pub fn user() -> Option<Cache> {
        let folder = match std::env::var_os(FOLDER_VARIABLE) {
            Some(folder) if !folder.is_empty() => PathBuf::from(folder),
            _ => directories::ProjectDirs::from("", "", "soundbite")?
                .cache_dir()
                .join("library"),
        };
        Cache::at(folder)
    }

    /// The cache in `folder`.
    pub fn at(folder: PathBuf) -> Option<Cache> {
        Some(Cache {
            folder,
            build: build()?,
        })
    }

    /// Where `log`'s entry is and what it must start with, given the log
    /// as it is now (`meta`, looked at before it is read).
    pub fn look_up(
        &self,
        log: &Path,
        meta: &std::fs::Metadata,
        parse: ParseOptions,
    ) -> Option<Lookup> {
        let full = std::path::absolute(log).ok()?;
        let mut header = Writer::default();
        header.bytes.extend_from_slice(MAGIC);
        header.number(self.build);
        header.number(u64::from(parse.fps));
        header.str(parse.from.unwrap_or(""));
        header.str(&full.to_string_lossy());
        header.number(meta.len());
        stamp(meta, &mut header);
        let name = fnv1a(full.as_os_str().as_encoded_bytes());
        let entry = self
            .folder
            .join(format!("{:02x}", name >> 56))
            .join(format!("{name:016x}"));
        let settled = meta
            .modified()
            .ok()
            .and_then(|modified| SystemTime::now().duration_since(modified).ok())
            .is_some_and(|age| age >= SETTLED);
        Some(Lookup {
            entry,
            header: header.bytes,
            settled,
        })
    }
}

/// One log's place in the cache.
pub struct Lookup {
    entry: PathBuf,
    header: Vec<u8>,
    settled: bool,
}

/// An entry read from the cache, not yet decoded.
pub struct Kept {
    bytes: Vec<u8>,
    body: usize,
}

impl Kept {
    /// The encoded transcript: every word of it is in these bytes as
    /// written, so a search that finds nothing here finds nothing in it.
    pub fn body(&self) -> &[u8] {
        self.bytes.get(self.body..).unwrap_or_default()
    }

    /// The transcript, when the entry is whole.
    pub fn transcript(&self) -> Option<Transcript> {
        entry::read(self.body())
    }
}

impl Lookup {
    /// The entry, when there is one made from the log as it is now.
    pub fn load(&self) -> Option<Kept> {
        let bytes = std::fs::read(&self.entry).ok()?;
        let rest = bytes.strip_prefix(self.header.as_slice())?;
        // The body's length comes first: an entry cut short is no entry.
        let mut read = wire::Reader::new(rest);
        let len = read.size()?;
        let body = bytes.len().checked_sub(len)?;
        (body >= self.header.len() && read.remaining() == len).then_some(Kept { bytes, body })
    }

    /// Keeps `transcript`, read from the log as it was when looked up, if
    /// the log has been left alone long enough. Failing to write it only
    /// means it is read again next time.
    pub fn store(&self, transcript: &Transcript) {
        if !self.settled {
            return;
        }
        let mut body = Writer::default();
        entry::write(transcript, &mut body);
        let mut out = Writer {
            bytes: self.header.clone(),
        };
        out.number(body.bytes.len() as u64);
        out.bytes.extend_from_slice(&body.bytes);
        let _ = write_whole(&self.entry, &out.bytes);
    }
}

/// Writes `path` whole or not at all: a temporary file beside it, renamed.
fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    // The folder is made the first time only: asking each time costs a call per log.
    let mut file = match tempfile::NamedTempFile::new_in(folder) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(folder)?;
            tempfile::NamedTempFile::new_in(folder)?
        }
        file => file?,
    };
    file.write_all(bytes)?;
    file.persist(path)?;
    Ok(())
}

/// What tells a file's versions apart besides its size: the times it was
/// modified and changed (which no program can set back), its inode and device.
#[cfg(unix)]
fn stamp(meta: &std::fs::Metadata, out: &mut Writer) {
    use std::os::unix::fs::MetadataExt;
    out.signed(meta.mtime());
    out.signed(meta.mtime_nsec());
    out.signed(meta.ctime());
    out.signed(meta.ctime_nsec());
    out.number(meta.ino());
    out.number(meta.dev());
}

#[cfg(not(unix))]
fn stamp(meta: &std::fs::Metadata, out: &mut Writer) {
    let since = |time: std::io::Result<SystemTime>| {
        time.ok()
            .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as u64)
    };
    out.number(since(meta.modified()));
    out.number(since(meta.created()));
}

/// This build of soundbite, told apart by its program file: a reader that
/// changed in a new build must not be answered by what an old one kept.
fn build() -> Option<u64> {
    static BUILD: OnceLock<Option<u64>> = OnceLock::new();
    *BUILD.get_or_init(|| {
        let exe = std::env::current_exe().ok()?;
        let meta = std::fs::metadata(&exe).ok()?;
        let mut id = Writer::default();
        id.str(env!("CARGO_PKG_VERSION"));
        id.str(&exe.to_string_lossy());
        id.number(meta.len());
        stamp(&meta, &mut id);
        Some(fnv1a(&id.bytes))
    })
}
