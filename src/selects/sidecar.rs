//! Where one log's selects, notes and offset are kept: a TOML file per log
//! (`LOG.soundbite.toml` beside the log when that exists or is asked for,
//! else in the data folder, found by the log's path or, for a log that
//! moved, by its content), saved atomically after every change, and locked
//! against a second soundbite on the same log.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Select;
use crate::formats::common::sanitize::shown_path;

/// What the file holds. Stable and meant to be edited by hand.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    /// The file's format; 1.
    #[serde(default = "version_one")]
    pub version: u32,
    /// The log these belong to, as last opened.
    #[serde(default)]
    pub log: String,
    /// A hash of the log's content (its first MiB and its length).
    #[serde(default)]
    pub log_hash: String,
    /// Log time minus media time, in milliseconds.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub offset_ms: i64,
    /// The selects in the paper edit's order.
    #[serde(default, rename = "select")]
    pub selects: Vec<Select>,
}

fn version_one() -> u32 {
    1
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde passes a reference
fn is_zero(n: &i64) -> bool {
    *n == 0
}

/// How much of a log its content hash reads.
const HASHED_BYTES: u64 = 1024 * 1024;

/// A hash of a log's content: FNV-1a over its first MiB, and its length. It
/// finds a moved log's selects again, and tells when a log has changed.
pub fn content_hash(log: &Path) -> io::Result<String> {
    let mut file = File::open(log)?;
    let len = file.metadata()?.len();
    let mut head = Vec::new();
    (&mut file).take(HASHED_BYTES).read_to_end(&mut head)?;
    Ok(format!("{:016x}-{len}", crate::hash::fnv1a(&head)))
}

/// The sidecar beside a log: `interview.txt.soundbite.toml`.
pub fn beside(log: &Path) -> PathBuf {
    let mut name = log.file_name().unwrap_or_default().to_os_string();
    name.push(".soundbite.toml");
    log.with_file_name(name)
}

/// The folder for sidecars that are not beside their log.
pub fn data_folder() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "soundbite").map(|d| d.data_dir().join("selects"))
}

/// Where `log`'s sidecar is: beside it if there is one there (or `here`),
/// else in `folder` under a name made from its path, else the one in
/// `folder` made for the same content (the log moved), else the new name.
pub fn locate(log: &Path, hash: &str, here: bool, folder: &Path) -> PathBuf {
    let next_to = beside(log);
    if here || next_to.exists() {
        return next_to;
    }
    let full = fs::canonicalize(log).unwrap_or_else(|_| log.to_path_buf());
    let stem = log.file_stem().unwrap_or_default().to_string_lossy();
    let stem: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    let by_path = folder.join(format!(
        "{stem}-{:016x}.toml",
        crate::hash::fnv1a(full.as_os_str().as_encoded_bytes())
    ));
    if by_path.exists() {
        return by_path;
    }
    let wanted = format!("log_hash = \"{hash}\"");
    let by_content = fs::read_dir(folder).ok().and_then(|entries| {
        entries.flatten().map(|e| e.path()).find(|path| {
            path.extension().is_some_and(|e| e == "toml")
                && fs::read_to_string(path).is_ok_and(|text| text.lines().any(|l| l == wanted))
        })
    });
    by_content.unwrap_or(by_path)
}

/// An open sidecar: saves go to its file, while this process holds its lock.
#[derive(Debug)]
pub struct Sidecar {
    path: PathBuf,
    /// The lock file, when this process holds it; without it nothing is saved.
    lock: Option<PathBuf>,
}

/// A sidecar opened: what it holds and anything the user should be told.
#[derive(Debug)]
pub struct Opened {
    pub sidecar: Sidecar,
    pub saved: Saved,
    pub message: Option<String>,
}

impl Sidecar {
    /// Opens the sidecar at `path` (which may not exist yet). A corrupt
    /// file is moved aside, named with the time, and the message says where;
    /// one held by another soundbite is read but not saved to.
    pub fn open(path: &Path) -> Opened {
        let shown = shown_path(path);
        if let Some(folder) = path.parent() {
            remove_stale_temporaries(folder);
        }
        let (lock, mut message) = match take_lock(path) {
            Ok(lock) => (Some(lock), None),
            Err(why) => (None, Some(why)),
        };
        let sidecar = Sidecar {
            path: path.to_path_buf(),
            lock,
        };
        let text = match fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                return Opened {
                    sidecar,
                    saved: Saved::default(),
                    message,
                };
            }
            Err(err) => {
                // Unreadable: never written over.
                let mut sidecar = sidecar;
                sidecar.release();
                let why =
                    format!("selects: {shown}: {err}; opened without them, and nothing is saved");
                return Opened {
                    sidecar,
                    saved: Saved::default(),
                    message: Some(why),
                };
            }
        };
        match toml::from_str::<Saved>(&text) {
            Ok(saved) => Opened {
                sidecar,
                saved,
                message,
            },
            Err(err) => {
                let (line, column) = err
                    .span()
                    .map_or((1, 1), |span| line_and_column(&text, span.start));
                let aside = aside_name(path);
                let moved = fs::rename(path, &aside);
                let why = err
                    .message()
                    .lines()
                    .next()
                    .unwrap_or("not valid")
                    .to_owned();
                let mut note = format!("selects: {shown}:{line}:{column}: {why}; ");
                if moved.is_err() {
                    note.push_str("opened without selects, and nothing is saved over it");
                    let mut sidecar = sidecar;
                    sidecar.release();
                    return Opened {
                        sidecar,
                        saved: Saved::default(),
                        message: Some(note),
                    };
                }
                note.push_str("kept aside as ");
                note.push_str(&shown_name(&aside));
                note.push_str("; opened without selects");
                message = Some(note);
                Opened {
                    sidecar,
                    saved: Saved::default(),
                    message,
                }
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether saves go through (this process holds the lock).
    pub fn is_writable(&self) -> bool {
        self.lock.is_some()
    }

    /// Saves atomically: a new file in the same folder, flushed to disk,
    /// renamed over the old one, and the folder flushed. A crash at any
    /// moment leaves the old file or the new one, never a torn one.
    pub fn save(&self, saved: &Saved) -> io::Result<()> {
        if self.lock.is_none() {
            return Ok(());
        }
        let folder = self.path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(folder)?;
        let mut text = String::from(
            "# soundbite: selects, notes and offset of one log (README: \"Selects\")\n",
        );
        text.push_str(&toml::to_string(saved).map_err(io::Error::other)?);
        let mut file = tempfile::NamedTempFile::new_in(folder)?;
        file.write_all(text.as_bytes())?;
        file.as_file().sync_all()?;
        file.persist(&self.path).map_err(|e| e.error)?;
        File::open(folder)?.sync_all()
    }

    fn release(&mut self) {
        if let Some(lock) = self.lock.take() {
            let _ = fs::remove_file(lock);
        }
    }
}

impl Drop for Sidecar {
    fn drop(&mut self) {
        self.release();
    }
}

/// How old a temporary file must be to count as left by a save that was
/// cut off (a save takes milliseconds).
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(60);

/// Removes the temporary files of saves cut off by a crash: `.tmp…` files
/// in the folder, older than a minute, so none being written now.
fn remove_stale_temporaries(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let is_temporary = entry.file_name().to_string_lossy().starts_with(".tmp");
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|at| at.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if is_temporary && stale && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    path.with_file_name(name)
}

/// Takes the lock beside the sidecar, unless a soundbite that is still
/// running holds it (its process id is in the lock).
fn take_lock(path: &Path) -> Result<PathBuf, String> {
    let lock = lock_path(path);
    if let Some(folder) = lock.parent() {
        fs::create_dir_all(folder)
            .map_err(|e| format!("selects: {}: {e}; nothing is saved", shown_path(path)))?;
    }
    for _ in 0..2 {
        match OpenOptions::new().write(true).create_new(true).open(&lock) {
            Ok(mut file) => {
                let _ = write!(file, "{}", std::process::id());
                return Ok(lock);
            }
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {
                let holder = fs::read_to_string(&lock)
                    .ok()
                    .and_then(|pid| pid.trim().parse::<u32>().ok());
                match holder {
                    Some(pid) if is_running(pid) => {
                        return Err(format!(
                            "these selects are open in another soundbite (process {pid}): changes here are not saved"
                        ));
                    }
                    // Left by a soundbite that is gone: taken over.
                    _ => {
                        let _ = fs::remove_file(&lock);
                    }
                }
            }
            Err(err) => {
                return Err(format!(
                    "selects: {}: {err}; nothing is saved",
                    shown_path(path)
                ));
            }
        }
    }
    Err(format!(
        "selects: {}: cannot take the lock; nothing is saved",
        shown_path(path)
    ))
}

/// Whether a process runs: where `/proc` tells, else assumed so.
fn is_running(pid: u32) -> bool {
    if Path::new("/proc/self").exists() {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

/// `FILE.bad-20261202T101500`: where a corrupt file is kept.
fn aside_name(path: &Path) -> PathBuf {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let stamp = chrono::DateTime::from_timestamp(i64::try_from(seconds).unwrap_or(0), 0)
        .unwrap_or_default()
        .format("%Y%m%dT%H%M%S");
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".bad-{stamp}"));
    path.with_file_name(name)
}

fn line_and_column(text: &str, at: usize) -> (usize, usize) {
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn shown_name(path: &Path) -> String {
    shown_path(Path::new(path.file_name().unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn select(segment: usize, note: &str) -> Select {
        Select {
            segment,
            in_ms: None,
            out_ms: None,
            note: note.into(),
            anchor_ms: Some(1000),
            anchor_words: "We left".into(),
            lost: false,
        }
    }

    #[test]
    fn saves_and_reads_back_with_one_writer_at_a_time() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("reel.toml");
        let opened = Sidecar::open(&path);
        assert!(opened.message.is_none());
        assert!(opened.sidecar.is_writable());
        let saved = Saved {
            version: 1,
            log: "reel.txt".into(),
            log_hash: "ab-3".into(),
            offset_ms: -2000,
            selects: vec![select(3, "cold open #intro"), select(1, "")],
        };
        opened.sidecar.save(&saved)?;
        // A second soundbite on the same log reads, but does not save.
        let second = Sidecar::open(&path);
        assert_eq!(second.saved, saved);
        assert!(!second.sidecar.is_writable());
        assert!(
            second
                .message
                .as_ref()
                .is_some_and(|m| m.contains("another soundbite"))
        );
        drop(second);
        drop(opened);
        let reopened = Sidecar::open(&path);
        assert!(
            reopened.sidecar.is_writable(),
            "the lock went with the first"
        );
        Ok(())
    }

    #[test]
    fn temporaries_of_cut_off_saves_are_removed_but_not_fresh_ones() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let old = dir.path().join(".tmpAbC123");
        let fresh = dir.path().join(".tmpXyZ789");
        fs::write(&old, "half a save")?;
        fs::write(&fresh, "a save under way")?;
        let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(600);
        File::options()
            .write(true)
            .open(&old)?
            .set_modified(long_ago)?;
        let _ = Sidecar::open(&dir.path().join("reel.toml"));
        assert!(!old.exists());
        assert!(fresh.exists());
        Ok(())
    }

    #[test]
    fn a_corrupt_file_is_kept_aside_and_named_with_its_line() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("reel.toml");
        fs::write(&path, "version = 1\n[[select]]\nsegment = \"three\"\n")?;
        let opened = Sidecar::open(&path);
        assert!(opened.saved.selects.is_empty());
        let message = opened.message.unwrap_or_default();
        assert!(message.contains("reel.toml:3:11"), "{message}");
        assert!(
            message.contains("kept aside as reel.toml.bad-"),
            "{message}"
        );
        assert!(!path.exists());
        let aside = fs::read_dir(dir.path())?
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains(".bad-"))
            .count();
        assert_eq!(aside, 1);
        Ok(())
    }

    #[test]
    fn a_moved_log_finds_its_selects_by_content() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let folder = dir.path().join("data");
        fs::create_dir_all(&folder)?;
        let old = dir.path().join("old.txt");
        fs::write(&old, "00:01 Question:\n\u{201c}Why?\u{201d}\n")?;
        let hash = content_hash(&old)?;
        let path = locate(&old, &hash, false, &folder);
        let opened = Sidecar::open(&path);
        let saved = Saved {
            log_hash: hash.clone(),
            ..Saved::default()
        };
        opened.sidecar.save(&saved)?;
        drop(opened);
        let new = dir.path().join("renamed.txt");
        fs::rename(&old, &new)?;
        assert_eq!(locate(&new, &content_hash(&new)?, false, &folder), path);
        assert_eq!(
            locate(&new, &hash, true, &folder),
            dir.path().join("renamed.txt.soundbite.toml")
        );
        Ok(())
    }
}
