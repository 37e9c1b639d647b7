//! Figures for a log file read a block at a time, never whole.
//!
//! `soundbite stats` keeps no text once it is counted, so the file is read
//! in blocks of about a megabyte, each cut at a split line (see `split.rs`),
//! folded as a [`Part`] of [`Figures`] and dropped. The two halves of a large
//! file are read this way on two threads. Memory stays at a few blocks, and
//! each block is parsed while it is still in the cache.
//!
//! Only plain UTF-8 text is read this way. Anything the decoder would have to
//! repair (UTF-16, invalid UTF-8, binary data, an empty file) gives `None`,
//! and the caller reads the file whole instead.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::Path;

use super::collect::Figures;
use super::part::Part;
use super::split::{PARALLEL_FROM_BYTES, find_split};
use super::{Fold, lines};
use crate::model::{Buffer, Diagnostic, Speaker};
use crate::parse::source::{BINARY_SNIFF_LEN, looks_binary};

/// How much is read at a time.
const BLOCK_BYTES: usize = 1 << 20;
/// How far back from a block's end a split line is looked for first, so
/// that little is carried over to the next block.
const SPLIT_LOOKBACK: usize = 16 * 1024;
/// How much around the middle of the file is read to split it in two.
const MIDDLE_WINDOW: u64 = 256 * 1024;

const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

/// The figures, speakers and problems of the log at `path`, or `None` when
/// it must be read whole.
pub(crate) fn figures_of_file(
    path: &Path,
    fps: u32,
) -> Option<(Figures, Vec<Speaker>, Vec<Diagnostic>)> {
    let part = read_in_blocks(path, fps, BLOCK_BYTES, PARALLEL_FROM_BYTES as u64);
    part.ok().flatten().map(Part::into_parts)
}

/// Bytes that are not UTF-8: the file must go through the lenient decoder.
struct NotText;

fn read_in_blocks(
    path: &Path,
    fps: u32,
    block: usize,
    parallel_from: u64,
) -> io::Result<Option<Part<Figures>>> {
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    let mut head = Vec::new();
    (&mut file)
        .take(BINARY_SNIFF_LEN as u64)
        .read_to_end(&mut head)?;
    let utf16 = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
    if head.is_empty() || utf16 {
        return Ok(None);
    }
    let start = if head.starts_with(UTF8_BOM) { 3 } else { 0 };
    if looks_binary(&head[start as usize..]) {
        return Ok(None);
    }
    let middle = if len.saturating_sub(start) >= parallel_from {
        find_middle(&mut file, start..len, fps)?
    } else {
        None
    };
    let Some(middle) = middle else {
        return read_range(path, start..len, true, fps, block);
    };
    std::thread::scope(|scope| {
        let later = scope.spawn(|| read_range(path, middle..len, false, fps, block));
        let first = read_range(path, start..middle, true, fps, block)?;
        // A failed thread: the caller reads the file whole instead.
        let later = later.join().unwrap_or(Ok(None))?;
        Ok(first.zip(later).map(|(mut first, later)| {
            first.join(later);
            first
        }))
    })
}

/// The offset of a split line a little past the middle of `range`.
fn find_middle(file: &mut File, range: Range<u64>, fps: u32) -> io::Result<Option<u64>> {
    let from = range.start + (range.end - range.start) / 2;
    file.seek(SeekFrom::Start(from))?;
    let mut window = Vec::new();
    file.take(MIDDLE_WINDOW).read_to_end(&mut window)?;
    let breaks = (
        memchr::memchr(b'\n', &window),
        memchr::memrchr(b'\n', &window),
    );
    let (Some(first), Some(last)) = breaks else {
        return Ok(None);
    };
    let Ok(text) = simdutf8::basic::from_utf8(&window[first..=last]) else {
        return Ok(None);
    };
    Ok(find_split(text, 0, fps).map(|split| from + (first + split.offset) as u64))
}

/// Folds the bytes of `range` block by block; `first` when the range starts the log.
fn read_range(
    path: &Path,
    range: Range<u64>,
    first: bool,
    fps: u32,
    block: usize,
) -> io::Result<Option<Part<Figures>>> {
    let mut file = File::open(path)?;
    file.seek(SeekFrom::Start(range.start))?;
    let mut reader = file.take(range.end.saturating_sub(range.start));
    let mut joined: Option<Part<Figures>> = None;
    // The block being gathered: what the last one carried over, then new bytes.
    let mut bytes: Vec<u8> = Vec::new();
    // How much of `bytes` holds no split line.
    let mut searched = 0;
    loop {
        let want = block.max(bytes.len());
        bytes.reserve(want);
        let read = (&mut reader).take(want as u64).read_to_end(&mut bytes)?;
        let at_end = read < want;
        let cut = if at_end {
            Some(bytes.len())
        } else {
            match find_cut(&bytes, searched, fps) {
                Ok(cut) => cut,
                Err(NotText) => return Ok(None),
            }
        };
        let Some(cut) = cut else {
            searched = memchr::memrchr(b'\n', &bytes).map_or(0, |i| i + 1);
            continue;
        };
        let rest = bytes.split_off(cut);
        let Some(part) = fold_block(bytes, first && joined.is_none(), fps) else {
            return Ok(None);
        };
        match &mut joined {
            Some(joined) => joined.join(part),
            None => joined = Some(part),
        }
        if at_end {
            return Ok(joined);
        }
        bytes = rest;
        searched = 0;
    }
}

/// Where to end the block in `bytes`: at a split line near its end, else at
/// any split line past `searched`; `None` when it needs more bytes.
fn find_cut(bytes: &[u8], searched: usize, fps: u32) -> Result<Option<usize>, NotText> {
    let Some(usable) = memchr::memrchr(b'\n', bytes).map(|i| i + 1) else {
        return Ok(None);
    };
    let near_end = usable.saturating_sub(SPLIT_LOOKBACK).max(searched);
    for from in [near_end, searched] {
        // A window from a line break, so that it starts on a character
        // boundary; the split line is looked for after it.
        let start = memchr::memrchr(b'\n', &bytes[..from]).unwrap_or(0);
        let text = simdutf8::basic::from_utf8(&bytes[start..usable]).map_err(|_| NotText)?;
        if let Some(split) = find_split(text, 0, fps) {
            return Ok(Some(start + split.offset));
        }
        if from == searched {
            break;
        }
    }
    Ok(None)
}

/// One block folded; `None` when it is not UTF-8.
fn fold_block(bytes: Vec<u8>, first: bool, fps: u32) -> Option<Part<Figures>> {
    let buffer = Buffer::from_utf8(bytes).ok()?;
    let text = buffer.as_str();
    let mut fold = if first {
        Fold::new(&buffer, fps, Vec::new())
    } else {
        Fold::later_part(&buffer, fps)
    };
    fold.read(lines(text), text.len(), None);
    Some(fold.finish_part())
}
