//! Figures for a log file read a block at a time, never whole.
//!
//! `soundbite stats` keeps no text once it is counted, so the file is read
//! in blocks of about a megabyte, each cut at a split line (see `split.rs`),
//! folded as a [`Part`] of [`Figures`] and dropped. A large file is cut at
//! split lines into a few chunks per core, which the threads take in turn.
//! Memory stays at a few blocks a thread, and each block is parsed while it
//! is still in the cache.
//!
//! Only plain UTF-8 text is read this way. Anything the decoder would have to
//! repair (UTF-16, invalid UTF-8, binary data, an empty file) gives `None`,
//! and the caller reads the file whole instead.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::Path;
use std::sync::{Mutex, PoisonError};

use super::collect::Figures;
use super::part::Part;
use super::split::{PARALLEL_FROM_BYTES, find_split};
use super::{Draft, Fold, lines};
use crate::model::{Buffer, Diagnostic, Speaker};
use crate::parse::source::{BINARY_SNIFF_LEN, looks_binary};

/// How much is read at a time.
const BLOCK_BYTES: usize = 1 << 20;
/// How far back from a block's end a split line is looked for first, so
/// that little is carried over to the next block.
const SPLIT_LOOKBACK: usize = 16 * 1024;
/// How much after a place to cut the file is read to find a split line.
const SPLIT_WINDOW: u64 = 16 * 1024;

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
    // A pipe or device could not be read twice, by the threads or by the
    // caller after a `None`: only regular files are read in blocks.
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() {
        return Ok(None);
    }
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
    let threads = if len.saturating_sub(start) >= parallel_from {
        std::thread::available_parallelism().map_or(1, usize::from)
    } else {
        1
    };
    let count = if threads > 1 {
        threads * CHUNKS_PER_THREAD
    } else {
        1
    };
    let queue = ChunkQueue {
        state: Mutex::new(QueueState {
            file,
            start,
            next_cut: 1,
            taken: 0,
        }),
        range: start..len,
        count,
        fps,
    };
    let parts = fold_chunks(path, &queue, threads, fps, block);
    let mut joined: Option<Part<Figures>> = None;
    for part in parts {
        // A chunk that failed, or is not text: the caller reads the file whole.
        let Some(part) = part? else {
            return Ok(None);
        };
        Part::add_to(&mut joined, part);
    }
    Ok(joined)
}

/// Chunks of the file handed out to the threads as they come free, so that
/// a thread kept waiting by the machine leaves its share to the others, and
/// the last one to finish has little left: on the 55 MB test log, 32 a
/// thread measured a millisecond faster than 16.
const CHUNKS_PER_THREAD: usize = 32;

/// The file cut into up to `count` chunks, each starting at a split line
/// near an even share of `range`. A chunk's end is found when a thread
/// takes it, so that the threads start on the first chunks at once.
struct ChunkQueue {
    state: Mutex<QueueState>,
    range: Range<u64>,
    count: usize,
    fps: u32,
}

struct QueueState {
    /// Read to find split lines.
    file: File,
    /// Where the next chunk starts; the end of the range once all are taken.
    start: u64,
    /// The next of the even cuts `1..count` to look for a split line after.
    next_cut: usize,
    /// How many chunks have been handed out.
    taken: usize,
}

impl ChunkQueue {
    /// The next chunk's place in the file's order and its bytes (or why its
    /// end could not be found); `None` once all are handed out.
    fn take(&self) -> Option<(usize, io::Result<Range<u64>>)> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let start = state.start;
        if start >= self.range.end {
            return None;
        }
        let index = state.taken;
        state.taken += 1;
        let mut end = self.range.end;
        let span = self.range.end - self.range.start;
        while state.next_cut < self.count {
            let cut = state.next_cut as u64;
            state.next_cut += 1;
            let from = self.range.start + span * cut / self.count as u64;
            match split_after(&mut state.file, from, self.fps) {
                Ok(Some(split)) if split > start => {
                    end = split;
                    break;
                }
                Ok(_) => {}
                Err(err) => {
                    state.start = self.range.end;
                    return Some((index, Err(err)));
                }
            }
        }
        state.start = end;
        Some((index, Ok(start..end)))
    }

    /// How many chunks have been handed out.
    fn taken(&self) -> usize {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .taken
    }
}

/// The offset of the first split line a little after byte `from`.
fn split_after(file: &mut File, from: u64, fps: u32) -> io::Result<Option<u64>> {
    file.seek(SeekFrom::Start(from))?;
    let mut window = Vec::new();
    file.take(SPLIT_WINDOW).read_to_end(&mut window)?;
    let Some(first_break) = memchr::memchr(b'\n', &window) else {
        return Ok(None);
    };
    let split = split_in(&window[first_break..], fps).ok().flatten();
    Ok(split.map(|offset| from + (first_break + offset) as u64))
}

/// The offset of the first split line in `window`, which starts at a line
/// break (so on a character boundary), not counting its first line; only
/// whole lines, up to the last break, are looked at.
fn split_in(window: &[u8], fps: u32) -> Result<Option<usize>, NotText> {
    let Some(end) = memchr::memrchr(b'\n', window).map(|i| i + 1) else {
        return Ok(None);
    };
    let text = simdutf8::basic::from_utf8(&window[..end]).map_err(|_| NotText)?;
    Ok(find_split(text, 0, fps).map(|split| split.offset))
}

/// What reading a chunk gives: `None` when the file must be read whole.
type Folded = io::Result<Option<Part<Figures>>>;

/// Each chunk folded, in order, on `threads` threads; `Ok(None)` for a chunk
/// whose thread failed.
fn fold_chunks(
    path: &Path,
    queue: &ChunkQueue,
    threads: usize,
    fps: u32,
    block: usize,
) -> Vec<Folded> {
    let done: Mutex<Vec<Option<Folded>>> = Mutex::new(Vec::new());
    let work = || {
        let mut buffers = Buffers::kept();
        // One handle a thread, for all the chunks it takes.
        let file = File::open(path);
        while let Some((index, range)) = queue.take() {
            let part = range.and_then(|range| {
                let file = file
                    .as_ref()
                    .map_err(|err| io::Error::new(err.kind(), err.to_string()))?;
                read_range(file, range, index == 0, fps, block, &mut buffers)
            });
            let mut done = done.lock().unwrap_or_else(PoisonError::into_inner);
            if done.len() <= index {
                done.resize_with(index + 1, || None);
            }
            done[index] = Some(part);
        }
        buffers.keep();
    };
    std::thread::scope(|scope| {
        // Started before any chunk is cut: a sleeping processor is slow to wake.
        let helpers: Vec<_> = (1..threads)
            .map(|nth| crate::parallel::spawn_elsewhere(scope, nth, work))
            .collect();
        work();
        for helper in helpers {
            // A thread that failed leaves its chunk empty; it is reported below.
            let _ = helper.join();
        }
    });
    let mut done = done.into_inner().unwrap_or_else(PoisonError::into_inner);
    // A chunk whose thread failed has no result, even the last one taken.
    done.resize_with(queue.taken(), || None);
    done.into_iter()
        .map(|part| part.unwrap_or(Ok(None)))
        .collect()
}

/// The memory of a thread's block and its drafts, kept for the next: fresh
/// memory costs a page fault every 4 KiB, as much as reading it.
#[derive(Default)]
struct Buffers {
    /// The block being gathered: what the last one carried over, then new bytes.
    bytes: Vec<u8>,
    /// The end of a block, past its split line, kept for the next one.
    spare: Vec<u8>,
    drafts: Vec<Draft>,
}

/// The [`Buffers`] of threads done reading, kept for the next read rather
/// than given back: giving back a thread's few megabytes made the kernel
/// stop the other core to forget them, a tenth of a millisecond or more at
/// the end of every `stats`. No more than [`MOST_KEPT`] are kept.
static KEPT: Mutex<Vec<Buffers>> = Mutex::new(Vec::new());

/// Enough for every thread of a small machine; on a large one, the rest are
/// given back.
const MOST_KEPT: usize = 4;

impl Buffers {
    /// Memory kept from an earlier read, or none yet.
    fn kept() -> Buffers {
        let mut kept = KEPT.lock().unwrap_or_else(PoisonError::into_inner);
        kept.pop().unwrap_or_default()
    }

    /// Keeps this memory for the next read, if there is room.
    fn keep(self) {
        let mut kept = KEPT.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.len() < MOST_KEPT {
            kept.push(self);
        }
    }
}

/// Folds the bytes of `range` block by block; `first` when the range starts the log.
fn read_range(
    mut file: &File,
    range: Range<u64>,
    first: bool,
    fps: u32,
    block: usize,
    buffers: &mut Buffers,
) -> io::Result<Option<Part<Figures>>> {
    file.seek(SeekFrom::Start(range.start))?;
    let mut reader = file.take(range.end.saturating_sub(range.start));
    let mut joined: Option<Part<Figures>> = None;
    let Buffers {
        bytes,
        spare,
        drafts,
    } = buffers;
    bytes.clear();
    // How much of `bytes` holds no split line.
    let mut searched = 0;
    loop {
        let want = block.max(bytes.len());
        bytes.reserve(want);
        let read = (&mut reader).take(want as u64).read_to_end(bytes)?;
        let at_end = read < want;
        let cut = if at_end {
            Some(bytes.len())
        } else {
            match find_cut(bytes, searched, fps) {
                Ok(cut) => cut,
                Err(NotText) => return Ok(None),
            }
        };
        let Some(cut) = cut else {
            searched = memchr::memrchr(b'\n', bytes).map_or(0, |i| i + 1);
            continue;
        };
        // The rest is carried over in a small buffer, so that the one large
        // buffer stays in the cache from block to block.
        spare.clear();
        spare.extend_from_slice(&bytes[cut..]);
        bytes.truncate(cut);
        let first_block = first && joined.is_none();
        let Some((part, used)) = fold_block(std::mem::take(bytes), first_block, fps, drafts) else {
            return Ok(None);
        };
        *bytes = used;
        bytes.clear();
        bytes.extend_from_slice(spare);
        Part::add_to(&mut joined, part);
        if at_end {
            return Ok(joined);
        }
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
        // From the line break before `from`; the split line is looked for after it.
        let start = memchr::memrchr(b'\n', &bytes[..from]).unwrap_or(0);
        if let Some(offset) = split_in(&bytes[start..usable], fps)? {
            return Ok(Some(start + offset));
        }
        if from == searched {
            break;
        }
    }
    Ok(None)
}

/// One block folded, and its memory back; `None` when it is not UTF-8.
fn fold_block(
    bytes: Vec<u8>,
    first: bool,
    fps: u32,
    drafts: &mut Vec<Draft>,
) -> Option<(Part<Figures>, Vec<u8>)> {
    let buffer = Buffer::from_utf8(bytes).ok()?;
    let text = buffer.as_str();
    let mut fold = if first {
        Fold::new(&buffer, fps, Vec::new())
    } else {
        Fold::later_part(&buffer, fps)
    };
    fold.count_words = true;
    fold.drafts = std::mem::take(drafts);
    fold.read(lines(text), text.len(), None);
    let part = fold.finish_part_into(drafts);
    Some((part, Buffer::into_bytes(buffer).unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use proptest::prelude::*;

    use super::*;
    use crate::parse::footage_log::test_logs;
    use crate::parse::{LogStats, ParseOptions, parse_bytes};

    fn file_with(bytes: &[u8]) -> tempfile::NamedTempFile {
        let mut file = tempfile::NamedTempFile::new().unwrap_or_else(|e| panic!("{e}"));
        file.write_all(bytes).unwrap_or_else(|e| panic!("{e}"));
        file
    }

    /// What reading the file in blocks gives, as the command shows it.
    fn in_blocks(bytes: &[u8], block: usize, parallel_from: u64) -> Option<LogStats> {
        let file = file_with(bytes);
        let part = read_in_blocks(file.path(), 25, block, parallel_from).ok()??;
        let (figures, speakers, diagnostics) = part.into_parts();
        Some(LogStats {
            stats: figures.into_tallies().into_stats(&speakers),
            speakers,
            diagnostics,
        })
    }

    fn whole(bytes: &[u8]) -> LogStats {
        LogStats::of(&parse_bytes(bytes.to_vec(), "t", ParseOptions::default()))
    }

    #[test]
    fn a_generated_log_in_blocks_has_the_figures_of_its_transcript() {
        let log = crate::generate::footage_log(3000);
        let expected = whole(log.as_bytes());
        assert!(expected.stats.total.segments >= 3000);
        for (block, parallel_from) in [(1 << 20, u64::MAX), (4096, 1 << 16), (100, 1 << 10)] {
            assert_eq!(
                in_blocks(log.as_bytes(), block, parallel_from).as_ref(),
                Some(&expected),
                "blocks of {block}, two threads from {parallel_from}"
            );
        }
    }

    #[test]
    fn memory_kept_for_the_next_read_is_bounded_and_leaves_no_trace() {
        let log = crate::generate::footage_log(500);
        let other = crate::generate::footage_log(40);
        let expected = whole(log.as_bytes());
        // Reads on many threads at once, each with memory another read left.
        std::thread::scope(|scope| {
            for _ in 0..8 {
                scope.spawn(|| in_blocks(other.as_bytes(), 300, 1000));
            }
        });
        assert!(KEPT.lock().map_or(0, |kept| kept.len()) <= MOST_KEPT);
        assert_eq!(in_blocks(log.as_bytes(), 700, 2000), Some(expected));
    }

    #[test]
    fn line_endings_and_a_bom_read_the_same_way_in_blocks() {
        let log = crate::generate::footage_log(300);
        let expected = whole(log.as_bytes());
        let crlf = log.replace('\n', "\r\n");
        let cr = log.replace('\n', "\r");
        let bom = [b"\xEF\xBB\xBF".as_slice(), log.as_bytes()].concat();
        for bytes in [crlf.as_bytes(), cr.as_bytes(), &bom] {
            let read = in_blocks(bytes, 512, 4096);
            assert_eq!(read.map(|s| s.stats), Some(expected.stats.clone()));
        }
    }

    #[test]
    fn what_the_decoder_must_repair_is_left_to_it() {
        let invalid_late = [crate::generate::footage_log(200).as_bytes(), b"\xFF\n"].concat();
        for bytes in [
            b"".as_slice(),
            b"\xFF\xFE0\x000\x00",
            b"\x7fELF\x00\x00\x01\x02\x00\x00\x00",
            &invalid_late,
        ] {
            assert_eq!(
                in_blocks(bytes, 256, 1024),
                None,
                "{:?}",
                &bytes[..bytes.len().min(8)]
            );
        }
    }

    #[test]
    fn a_missing_file_is_an_error_and_a_directory_is_left_to_the_caller() {
        let missing = Path::new("/nonexistent/soundbite/log.txt");
        assert!(read_in_blocks(missing, 25, 1024, 1024).is_err());
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(
            read_in_blocks(dir.path(), 25, 1024, 1024),
            Ok(None)
        ));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn any_log_in_any_blocks_has_the_figures_of_its_transcript(
            log in test_logs::log(80),
            block in 1usize..300,
            parallel_from in 0u64..2000,
        ) {
            let expected = whole(log.as_bytes());
            match in_blocks(log.as_bytes(), block, parallel_from) {
                Some(read) => prop_assert_eq!(read, expected),
                // Left to the decoder: empty, or looks like binary data.
                None => prop_assert!(expected.diagnostics.iter().any(|d| d.severity == crate::model::Severity::Error)),
            }
        }
    }
}
