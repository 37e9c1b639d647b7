//! Reading a log from a path, from stdin (`-`), or the bundled sample.

use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};

use thiserror::Error;

/// The sample footage log bundled into the binary, opened when no file is given.
pub const SAMPLE_LOG: &str = include_str!("../assets/sample-footage-log.txt");
/// The name the sample goes by in messages and exports.
pub const SAMPLE_NAME: &str = "sample-footage-log.txt";

/// Logs past this size are refused rather than risking running out of memory.
const MAX_INPUT_BYTES: u64 = 2 * 1024 * 1024 * 1024;

#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{name}: no such file")]
    NotFound { name: String },
    #[error(
        "{name}: is a folder; the player opens one log at a time (`soundbite list {name}` reads every log in it)"
    )]
    IsDirectory { name: String },
    #[error("{name}: cannot be read: {reason}")]
    Unreadable { name: String, reason: String },
    #[error("{name}: too large to open ({size} bytes; the limit is 2 GiB)")]
    TooLarge { name: String, size: u64 },
}

/// Where a log comes from, as the user named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputSource {
    Sample,
    Stdin,
    /// Any path the system takes, UTF-8 or not.
    Path(PathBuf),
}

impl InputSource {
    /// `None` → the sample, `-` → stdin, anything else a path.
    pub fn from_arg(arg: Option<&OsStr>) -> Self {
        match arg {
            None => InputSource::Sample,
            Some(dash) if dash == "-" => InputSource::Stdin,
            Some(path) => InputSource::Path(PathBuf::from(path)),
        }
    }

    /// The file's path, when it is one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            InputSource::Path(path) => Some(path),
            InputSource::Sample | InputSource::Stdin => None,
        }
    }

    /// The name for messages, made safe to print.
    pub fn display_name(&self) -> String {
        match self {
            InputSource::Sample => SAMPLE_NAME.to_owned(),
            InputSource::Stdin => "<stdin>".to_owned(),
            InputSource::Path(path) => crate::formats::common::sanitize::shown_path(path),
        }
    }

    pub fn read(&self) -> Result<Vec<u8>, LoadError> {
        let name = self.display_name();
        match self {
            InputSource::Sample => Ok(SAMPLE_LOG.as_bytes().to_vec()),
            InputSource::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .take(MAX_INPUT_BYTES + 1)
                    .read_to_end(&mut bytes)
                    .map_err(|err| LoadError::Unreadable {
                        name: name.clone(),
                        reason: err.to_string(),
                    })?;
                if bytes.len() as u64 > MAX_INPUT_BYTES {
                    return Err(LoadError::TooLarge {
                        name,
                        size: bytes.len() as u64,
                    });
                }
                bytes.shrink_to_fit();
                Ok(bytes)
            }
            InputSource::Path(path) => read_path(path, name),
        }
    }
}

impl InputSource {
    /// The first `limit` bytes of a file, and its whole size, so that a
    /// large log can be shown before it is read to the end. `None` for
    /// stdin and the sample, which are read whole.
    pub fn read_head(&self, limit: usize) -> Option<Result<(Vec<u8>, u64), LoadError>> {
        let InputSource::Path(path) = self else {
            return None;
        };
        let name = self.display_name();
        let unreadable = |err: std::io::Error| match err.kind() {
            std::io::ErrorKind::NotFound => LoadError::NotFound { name: name.clone() },
            _ => LoadError::Unreadable {
                name: name.clone(),
                reason: err.to_string(),
            },
        };
        let read = || {
            let file = std::fs::File::open(path).map_err(unreadable)?;
            let metadata = file.metadata().map_err(unreadable)?;
            if metadata.is_dir() {
                return Err(LoadError::IsDirectory { name: name.clone() });
            }
            let mut head = Vec::with_capacity(limit);
            file.take(limit as u64)
                .read_to_end(&mut head)
                .map_err(unreadable)?;
            Ok((head, metadata.len()))
        };
        Some(read())
    }
}

fn read_path(path: &Path, name: String) -> Result<Vec<u8>, LoadError> {
    let metadata = std::fs::metadata(path).map_err(|err| match err.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound { name: name.clone() },
        _ => LoadError::Unreadable {
            name: name.clone(),
            reason: err.to_string(),
        },
    })?;
    if metadata.is_dir() {
        return Err(LoadError::IsDirectory { name });
    }
    if metadata.len() > MAX_INPUT_BYTES {
        return Err(LoadError::TooLarge {
            name,
            size: metadata.len(),
        });
    }
    std::fs::read(path).map_err(|err| LoadError::Unreadable {
        name,
        reason: err.to_string(),
    })
}
