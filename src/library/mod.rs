//! A library: every log in some folders (and files), found recursively and
//! read in parallel, each by the reader that fits it. Files that cannot be
//! logs are skipped, each with one line saying why; they never stop the rest.

pub mod cache;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use cache::Cache;

use crate::formats::common::sanitize::shown_path;
use crate::formats::{LOW_CONFIDENCE, ParseOptions, parse_bytes_sure};
use crate::model::Transcript;

/// Files larger than this are skipped unless `--max-size` says otherwise.
pub const DEFAULT_MAX_SIZE: u64 = 64 * 1024 * 1024;
/// How much of a file is looked at to tell text from binary.
const SNIFF_BYTES: usize = 8192;
/// Extensions of files that are never logs, besides media
/// ([`crate::media::sibling::MEDIA_EXTENSIONS`]).
const NOT_LOGS: &[&str] = &[
    "avi", "aac", "ogg", "jpg", "jpeg", "png", "gif", "tif", "tiff", "pdf", "zip", "gz", "exe",
    "lock", "toml",
];
/// How to look for logs.
#[derive(Debug, Clone, Copy, Default)]
pub struct WalkOptions {
    /// Read hidden files and what `.gitignore` leaves out too.
    pub all: bool,
}

/// A file that is not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub why: String,
}

/// One log of the library.
#[derive(Debug)]
pub struct Entry {
    pub path: PathBuf,
    pub transcript: Transcript,
}

/// Every file under `roots` (files are taken as they are), in a stable
/// order, and what was skipped on the way: what `.gitignore` leaves out and
/// hidden files (unless `all`), symlink loops, unreadable folders, and
/// media. Files are not looked into here: that is done on every core when
/// they are read (empty ones and those over the size limit are skipped then).
pub fn find_logs(roots: &[PathBuf], options: WalkOptions) -> (Vec<PathBuf>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for root in roots {
        let mut walk = ignore::WalkBuilder::new(root);
        walk.follow_links(true)
            .standard_filters(!options.all)
            .sort_by_file_path(Path::cmp);
        for entry in walk.build() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    let path = error_path(&err).unwrap_or_else(|| root.clone());
                    skipped.push(Skipped {
                        path,
                        why: error_reason(&err),
                    });
                    continue;
                }
            };
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let path = entry.into_path();
            let media = path
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
                .is_some_and(|e| {
                    crate::media::sibling::MEDIA_EXTENSIONS.contains(&e.as_str())
                        || NOT_LOGS.contains(&e.as_str())
                });
            if media {
                skipped.push(Skipped {
                    path,
                    why: "not a log (media or another kind of file)".to_owned(),
                });
                continue;
            }
            files.push(path);
        }
    }
    (files, skipped)
}

fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

fn error_reason(err: &ignore::Error) -> String {
    match err {
        ignore::Error::Loop { .. } => "a symlink loop".to_owned(),
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => error_reason(err),
        ignore::Error::Io(io) => io.to_string(),
        other => other.to_string(),
    }
}

/// How logs are read: the reading options, and the cache of logs read
/// before, if one is used.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    pub parse: ParseOptions,
    pub cache: Option<Cache>,
    /// Skip files larger than this many bytes.
    pub max_size: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            parse: ParseOptions::default(),
            cache: None,
            max_size: DEFAULT_MAX_SIZE,
        }
    }
}

/// Reads and parses `files` on every core, in their order; `progress` is
/// told each time one is done. Binary files and files no reader fits are skipped.
pub fn read_logs(
    files: &[PathBuf],
    read: &ReadOptions,
    progress: &(dyn Fn() + Sync),
) -> (Vec<Entry>, Vec<Skipped>) {
    let (entries, skipped, _) = read_logs_holding(files, read, None, progress);
    (entries, skipped)
}

/// Like [`read_logs`], but a file whose bytes cannot match `needle` is not
/// parsed at all (it is counted as passed over, third in the answer).
pub fn read_logs_holding(
    files: &[PathBuf],
    options: &ReadOptions,
    needle: Option<&regex::bytes::Regex>,
    progress: &(dyn Fn() + Sync),
) -> (Vec<Entry>, Vec<Skipped>, usize) {
    let read: Vec<Option<Result<Entry, Skipped>>> = files
        .par_iter()
        .map(|path| {
            let result = read_one(path, options, needle);
            progress();
            result
        })
        .collect();
    let passed_over = read.iter().filter(|r| r.is_none()).count();
    let read: Vec<Result<Entry, Skipped>> = read.into_iter().flatten().collect();
    let mut entries = Vec::with_capacity(read.len());
    let mut skipped = Vec::new();
    for result in read {
        match result {
            Ok(entry) => entries.push(entry),
            Err(skip) => skipped.push(skip),
        }
    }
    (entries, skipped, passed_over)
}

/// A needle to pass over files by their bytes: only for a search of one
/// word of letters and digits, which a reader never splits or changes.
pub fn needle_for(text: &str) -> Option<regex::bytes::Regex> {
    let plain = !text.is_empty() && text.chars().all(char::is_alphanumeric);
    if !plain {
        return None;
    }
    let ignore_case = !text.chars().any(char::is_uppercase);
    regex::bytes::RegexBuilder::new(&regex::escape(text))
        .case_insensitive(ignore_case)
        .build()
        .ok()
}

/// A log from the cache when it holds it as the log is now, else read and
/// parsed (and then kept in the cache); `None` when `needle` is not in it.
fn read_one(
    path: &Path,
    options: &ReadOptions,
    needle: Option<&regex::bytes::Regex>,
) -> Option<Result<Entry, Skipped>> {
    let skip = |why: String| {
        Some(Err(Skipped {
            path: path.to_path_buf(),
            why,
        }))
    };
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(err) => return skip(err.to_string()),
    };
    if meta.len() > options.max_size {
        let limit = options.max_size / (1024 * 1024);
        return skip(format!("larger than {limit} MB (--max-size)"));
    }
    if meta.len() == 0 {
        return skip("empty".to_owned());
    }
    let lookup = options
        .cache
        .as_ref()
        .and_then(|cache| cache.look_up(path, &meta, options.parse));
    if let Some(kept) = lookup.as_ref().and_then(cache::Lookup::load) {
        if needle.is_some_and(|needle| !needle.is_match(kept.body())) {
            return None;
        }
        if let Some(transcript) = kept.transcript() {
            return Some(Ok(Entry {
                path: path.to_path_buf(),
                transcript,
            }));
        }
    }
    let read = parse_file(path, options.parse, needle);
    if let (Some(lookup), Some(Ok(entry))) = (&lookup, &read) {
        lookup.store(&entry.transcript);
    }
    read
}

/// A log read and parsed; `None` when `needle` is not in its bytes.
fn parse_file(
    path: &Path,
    parse: ParseOptions,
    needle: Option<&regex::bytes::Regex>,
) -> Option<Result<Entry, Skipped>> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            return Some(Err(Skipped {
                path: path.to_path_buf(),
                why: err.to_string(),
            }));
        }
    };
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if !utf16 && needle.is_some_and(|needle| !needle.is_match(&bytes)) {
        return None;
    }
    // A reader's bug skips the file, with a line saying so; the rest go on.
    let parsed = std::panic::catch_unwind(|| parse_one(path, bytes, parse));
    Some(parsed.unwrap_or_else(|_| {
        Err(Skipped {
            path: path.to_path_buf(),
            why: "soundbite failed to read it (a bug; please report it)".to_owned(),
        })
    }))
}

fn parse_one(path: &Path, bytes: Vec<u8>, parse: ParseOptions) -> Result<Entry, Skipped> {
    let skip = |why: String| Skipped {
        path: path.to_path_buf(),
        why,
    };
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let utf16 = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
    // A stray NUL is a damaged log, read like any other; many are a binary file.
    let nuls = memchr::memchr_iter(0, head).count();
    if !utf16 && nuls * 100 > head.len() {
        return Err(skip("binary, not a log".to_owned()));
    }
    let source = shown_path(path);
    let (transcript, confidence) = parse_bytes_sure(bytes, &source, parse);
    if confidence < LOW_CONFIDENCE / 4 {
        return Err(skip("no reader fits it (try --from)".to_owned()));
    }
    Ok(Entry {
        path: path.to_path_buf(),
        transcript,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_nested_folders_and_skips_what_is_not_a_log() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        std::fs::create_dir_all(root.join("day 2/cam b"))?;
        std::fs::write(
            root.join("a.txt"),
            "00:10 (Ana Berg, Pilot)\n\u{201c}We left.\u{201d}\n",
        )?;
        std::fs::write(
            root.join("day 2/cam b/b.srt"),
            "1\n00:00:01,000 --> 00:00:02,000\nHello.\n",
        )?;
        std::fs::write(root.join("empty.txt"), "")?;
        std::fs::write(root.join("clip.mp4"), b"\0\0\0 ftyp")?;
        std::fs::write(root.join("blob.txt"), b"abc\0def")?;
        std::fs::write(
            root.join(".hidden.txt"),
            "00:01 Question:\n\u{201c}Why?\u{201d}\n",
        )?;
        #[cfg(unix)]
        std::os::unix::fs::symlink(root, root.join("day 2/loop"))?;
        let (files, skipped) = find_logs(&[root.to_path_buf()], WalkOptions::default());
        let names: Vec<String> = files
            .iter()
            .map(|f| f.strip_prefix(root).map(shown_path).unwrap_or_default())
            .collect();
        assert_eq!(
            names,
            ["a.txt", "blob.txt", "day 2/cam b/b.srt", "empty.txt"]
        );
        let why = |name: &str| {
            skipped
                .iter()
                .find(|s| s.path.ends_with(name))
                .map(|s| s.why.clone())
        };
        assert!(why("clip.mp4").is_some_and(|w| w.contains("not a log")));
        #[cfg(unix)]
        assert!(
            skipped.iter().any(|s| s.why == "a symlink loop"),
            "{skipped:?}"
        );
        let (entries, unread) = read_logs(&files, &ReadOptions::default(), &|| {});
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1].transcript.format, "srt");
        let whys: Vec<&str> = unread.iter().map(|s| s.why.as_str()).collect();
        assert_eq!(whys, ["binary, not a log", "empty"]);
        let (with_hidden, _) = find_logs(&[root.to_path_buf()], WalkOptions { all: true });
        assert_eq!(with_hidden.len(), 5);
        Ok(())
    }
}
