//! What a part's drafts become: segments for a transcript, or only the
//! figures `soundbite stats` shows, which keep nothing of the text.

use std::sync::Arc;

use super::Draft;
use super::part::Remap;
use crate::model::{Buffer, Segment, SegmentKind, SpeakerId, Timecode, count_words};
use crate::stats::{Tallies, Tally};

/// Drafts of one part, turned into what the caller keeps, and joined in order.
pub(super) trait Collect: Sized {
    /// Takes a part's drafts, their ends settled as far as the part can tell,
    /// leaving `drafts` empty: `open_end` is the last timed draft when its
    /// end is an estimate. `speakers` is how many speakers the part named.
    fn collect(
        drafts: &mut Vec<Draft>,
        open_end: Option<usize>,
        buffer: &Arc<Buffer>,
        speakers: usize,
    ) -> Self;

    /// How many segments there are.
    fn len(&self) -> usize;

    /// The start and line of the first timed segment.
    fn first_start(&self) -> Option<(Timecode, usize)>;

    /// Adds what the next part collected; an open end here ends where it starts.
    fn append(&mut self, later: Self, remap: &Remap);
}

/// The segments of a transcript.
pub(super) struct Segments {
    list: Vec<Segment>,
    /// The last timed segment, when its end is an estimate that a later part may settle.
    open_end: Option<usize>,
}

impl Segments {
    pub(super) fn into_segments(mut self) -> Vec<Segment> {
        self.list.shrink_to_fit();
        self.list
    }
}

impl Collect for Segments {
    fn collect(
        drafts: &mut Vec<Draft>,
        open_end: Option<usize>,
        buffer: &Arc<Buffer>,
        _speakers: usize,
    ) -> Self {
        // Segments are smaller than drafts, so this reuses the drafts' memory.
        let list = std::mem::take(drafts)
            .into_iter()
            .enumerate()
            .map(|(id, draft)| draft.into_segment(id, buffer))
            .collect();
        Segments { list, open_end }
    }

    fn len(&self) -> usize {
        self.list.len()
    }

    fn first_start(&self) -> Option<(Timecode, usize)> {
        self.list
            .iter()
            .find_map(|segment| Some((segment.start?, segment.line)))
    }

    fn append(&mut self, mut later: Self, remap: &Remap) {
        if let Some((next, _)) = later.first_start() {
            if let Some(open) = self.open_end.and_then(|i| self.list.get_mut(i))
                && open.start.is_some_and(|start| next > start)
            {
                open.end = Some(next);
            }
            self.open_end = later.open_end.map(|i| i + remap.first_id);
        }
        for segment in &mut later.list {
            segment.id += remap.first_id;
            segment.speaker = remap.speaker(segment.speaker);
            segment.question = segment.question.map(|q| q + remap.first_id);
            segment.line += remap.line_offset;
        }
        self.list.append(&mut later.list);
    }
}

/// Segments, talk time and words per speaker: all `soundbite stats` needs,
/// so a part's text can go as soon as it is counted.
pub(crate) struct Figures {
    tallies: Tallies,
    /// Answers by whoever answered last before this part.
    carried: Tally,
    segments: usize,
    first_start: Option<(Timecode, usize)>,
    /// The last timed segment while its end is an estimate, not yet counted.
    open: Option<OpenSegment>,
}

#[derive(Clone, Copy)]
struct OpenSegment {
    kind: SegmentKind,
    speaker: Option<SpeakerId>,
    start: Timecode,
    end: Timecode,
    words: usize,
}

impl Figures {
    fn add(&mut self, kind: SegmentKind, speaker: Option<SpeakerId>, talk_ms: u64, words: usize) {
        if speaker == Some(SpeakerId::CARRIED) && kind != SegmentKind::Shot {
            let one = Tally::one(talk_ms, words);
            self.tallies.total.merge(&one);
            self.carried.merge(&one);
        } else {
            self.tallies.add(kind, speaker, talk_ms, words);
        }
    }

    fn add_open(&mut self, open: OpenSegment) {
        let talk_ms = open.end.since(open.start);
        self.add(open.kind, open.speaker, talk_ms, open.words);
    }

    /// The figures of the whole log, once every part is joined.
    pub(crate) fn into_tallies(mut self) -> Tallies {
        if let Some(open) = self.open.take() {
            self.add_open(open);
        }
        self.tallies
    }
}

impl Collect for Figures {
    fn collect(
        drafts: &mut Vec<Draft>,
        open_end: Option<usize>,
        buffer: &Arc<Buffer>,
        speakers: usize,
    ) -> Self {
        let text = buffer.as_str();
        let mut figures = Figures {
            tallies: Tallies::for_speakers(speakers),
            carried: Tally::default(),
            segments: drafts.len(),
            first_start: drafts
                .iter()
                .find_map(|draft| Some((draft.start?, draft.line as usize))),
            open: None,
        };
        for (i, draft) in drafts.iter().enumerate() {
            let words = draft
                .words
                .map_or_else(|| count_words(draft.text.as_str(text)), |w| w as usize);
            match (draft.start, draft.end) {
                (Some(start), Some(end)) if open_end == Some(i) => {
                    figures.open = Some(OpenSegment {
                        kind: draft.kind,
                        speaker: draft.speaker,
                        start,
                        end,
                        words,
                    });
                }
                (Some(start), Some(end)) => {
                    figures.add(draft.kind, draft.speaker, end.since(start), words);
                }
                _ => figures.add(draft.kind, draft.speaker, 0, words),
            }
        }
        // Emptied but not freed: the next block's drafts go in the same memory.
        drafts.clear();
        figures
    }

    fn len(&self) -> usize {
        self.segments
    }

    fn first_start(&self) -> Option<(Timecode, usize)> {
        self.first_start
    }

    fn append(&mut self, later: Self, remap: &Remap) {
        if let Some((next, _)) = later.first_start {
            if let Some(mut open) = self.open.take() {
                if next > open.start {
                    open.end = next;
                }
                self.add_open(open);
            }
            self.open = later.open.map(|open| OpenSegment {
                speaker: remap.speaker(open.speaker),
                ..open
            });
        }
        if self.first_start.is_none() {
            self.first_start = later
                .first_start
                .map(|(start, line)| (start, line + remap.line_offset));
        }
        let room = remap.speakers.iter().map(|id| id.index() + 1).max();
        self.tallies.make_room(room.unwrap_or(0));
        for (index, tally) in later.tallies.per_speaker.iter().enumerate() {
            let id = remap.speakers.get(index).copied();
            self.tallies.speaker_mut(id).merge(tally);
        }
        match remap.carried {
            Some(SpeakerId::CARRIED) => self.carried.merge(&later.carried),
            other => self.tallies.speaker_mut(other).merge(&later.carried),
        }
        self.tallies.unattributed.merge(&later.tallies.unattributed);
        self.tallies.total.merge(&later.tallies.total);
        self.segments += later.segments;
    }
}
