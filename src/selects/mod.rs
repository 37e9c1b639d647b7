//! Selects: the soundbites the user picks while listening, in the order of
//! the paper edit, each with an optional in and out point and a note.
//! Pure: the [`sidecar`] saves them.

pub mod sidecar;

use serde::{Deserialize, Serialize};

use crate::model::{Segment, Timecode, Transcript};

/// How many words of a segment's text anchor a select to it.
const ANCHOR_WORDS: usize = 8;
/// How many changes `u` can undo.
const UNDO_DEPTH: usize = 100;

/// One select.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Select {
    /// The segment it is on, by position in the log as it is now.
    pub segment: usize,
    /// An in point later than the segment's start, in log time (ms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_ms: Option<u64>,
    /// An out point before the segment's end, in log time (ms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_ms: Option<u64>,
    /// One line; `#words` in it are tags.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// To find the segment again if the log changes: its start (ms) ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor_ms: Option<u64>,
    /// ... and its first words.
    #[serde(default)]
    pub anchor_words: String,
    /// Not found again in the log as it is now: kept and flagged, never dropped.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub lost: bool,
}

impl Select {
    /// A select of a whole segment.
    pub fn of(segment: &Segment) -> Select {
        Select {
            segment: segment.id,
            in_ms: None,
            out_ms: None,
            note: String::new(),
            anchor_ms: segment.start.map(Timecode::as_millis),
            anchor_words: first_words(&segment.text),
            lost: false,
        }
    }

    /// Where it starts: its in point, else its segment's start.
    pub fn start(&self, transcript: &Transcript) -> Option<Timecode> {
        self.in_ms
            .map(Timecode::from_millis)
            .or_else(|| self.segment_of(transcript).and_then(|s| s.start))
    }

    /// Where it ends: its out point, else its segment's end.
    pub fn end(&self, transcript: &Transcript) -> Option<Timecode> {
        self.out_ms
            .map(Timecode::from_millis)
            .or_else(|| self.segment_of(transcript).and_then(|s| s.end.or(s.start)))
    }

    /// Its length in milliseconds, where both ends are known.
    pub fn duration_ms(&self, transcript: &Transcript) -> u64 {
        match (self.start(transcript), self.end(transcript)) {
            (Some(start), Some(end)) => end.since(start),
            _ => 0,
        }
    }

    /// The segment it is on, unless it is lost.
    pub fn segment_of<'t>(&self, transcript: &'t Transcript) -> Option<&'t Segment> {
        if self.lost {
            return None;
        }
        transcript.segments.get(self.segment)
    }

    /// The `#tags` of its note, without the `#`, in lower case.
    pub fn tags(&self) -> impl Iterator<Item = String> + '_ {
        self.note
            .split_whitespace()
            .filter_map(|word| word.strip_prefix('#'))
            .map(|tag| {
                tag.trim_end_matches(|c: char| c.is_ascii_punctuation())
                    .to_lowercase()
            })
            .filter(|tag| !tag.is_empty())
    }
}

/// The first words of a text, as an anchor.
fn first_words(text: &str) -> String {
    text.split_whitespace()
        .take(ANCHOR_WORDS)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The selects of one log, in the paper edit's order, with undo.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selects {
    items: Vec<Select>,
    undo: Vec<Vec<Select>>,
}

impl Selects {
    pub fn new(items: Vec<Select>) -> Selects {
        Selects {
            items,
            undo: Vec::new(),
        }
    }

    pub fn items(&self) -> &[Select] {
        &self.items
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The position of the select on a segment, if there is one.
    pub fn position_of(&self, segment: usize) -> Option<usize> {
        self.items
            .iter()
            .position(|s| !s.lost && s.segment == segment)
    }

    /// Remembers the state before a change, for [`Selects::undo`].
    fn checkpoint(&mut self) {
        if self.undo.len() == UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.undo.push(self.items.clone());
    }

    /// Marks a segment (at the end of the order), or unmarks it; says which.
    pub fn toggle(&mut self, segment: &Segment) -> bool {
        self.checkpoint();
        if let Some(at) = self.position_of(segment.id) {
            self.items.remove(at);
            false
        } else {
            self.items.push(Select::of(segment));
            true
        }
    }

    /// Sets the in (`is_in`) or out point of the select on `segment`,
    /// making the select first if there is none.
    pub fn set_point(&mut self, segment: &Segment, at: Timecode, is_in: bool) {
        self.checkpoint();
        let position = if let Some(at) = self.position_of(segment.id) {
            at
        } else {
            self.items.push(Select::of(segment));
            self.items.len() - 1
        };
        let select = &mut self.items[position];
        let at = Some(at.as_millis());
        if is_in {
            select.in_ms = at;
            if select.out_ms.is_some_and(|out| Some(out) < at) {
                select.out_ms = None;
            }
        } else {
            select.out_ms = at;
            if select.in_ms.is_some_and(|start| Some(start) > at) {
                select.in_ms = None;
            }
        }
    }

    /// Sets the note of the select at `position` (already one clean line).
    pub fn set_note(&mut self, position: usize, note: String) {
        if self.items.get(position).is_some_and(|s| s.note != note) {
            self.checkpoint();
            self.items[position].note = note;
        }
    }

    /// Moves a select one place earlier (`up`) or later; returns where it is now.
    pub fn move_by_one(&mut self, position: usize, up: bool) -> usize {
        let other = if up {
            position.checked_sub(1)
        } else {
            Some(position + 1).filter(|&p| p < self.items.len())
        };
        match other {
            Some(other) if position < self.items.len() => {
                self.checkpoint();
                self.items.swap(position, other);
                other
            }
            _ => position,
        }
    }

    pub fn remove(&mut self, position: usize) {
        if position < self.items.len() {
            self.checkpoint();
            self.items.remove(position);
        }
    }

    /// Undoes the last change; false when there is none.
    pub fn undo(&mut self) -> bool {
        match self.undo.pop() {
            Some(items) => {
                self.items = items;
                true
            }
            None => false,
        }
    }

    /// Total running time of the selects, in milliseconds.
    pub fn running_time_ms(&self, transcript: &Transcript) -> u64 {
        self.items.iter().map(|s| s.duration_ms(transcript)).sum()
    }

    /// After the log changed: each select finds its segment again by its
    /// start and first words, else by its words alone; one not found is
    /// flagged as lost. Returns how many are lost.
    pub fn reanchor(&mut self, transcript: &Transcript) -> usize {
        for select in &mut self.items {
            let words_of = |segment: &Segment| first_words(&segment.text);
            let holds = |segment: &Segment| {
                words_of(segment) == select.anchor_words
                    && (select.anchor_ms.is_none()
                        || segment.start.map(Timecode::as_millis) == select.anchor_ms)
            };
            if transcript.segments.get(select.segment).is_some_and(holds) {
                select.lost = false;
                continue;
            }
            let found = transcript.segments.iter().find(|s| holds(s)).or_else(|| {
                transcript
                    .segments
                    .iter()
                    .find(|s| !select.anchor_words.is_empty() && words_of(s) == select.anchor_words)
            });
            match found {
                Some(segment) => {
                    select.segment = segment.id;
                    select.anchor_ms = segment.start.map(Timecode::as_millis);
                    select.lost = false;
                }
                None => select.lost = true,
            }
        }
        self.items.iter().filter(|s| s.lost).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::{ParseOptions, parse_str};

    const LOG: &str = "00:10 (Ana Berg, Pilot)\n\u{201c}We left before the light came up.\u{201d}\n\
        00:20 (Joe Lund, Cook)\n\u{201c}The stove would not stay lit.\u{201d}\n\
        00:40 (Ana Berg, Pilot)\n\u{201c}By the second buoy the fog had thinned.\u{201d}\n";

    fn log(text: &str) -> Transcript {
        parse_str(text, "t", ParseOptions::default())
    }

    #[test]
    fn marks_orders_notes_and_undoes() {
        let t = log(LOG);
        let mut selects = Selects::default();
        assert!(selects.toggle(&t.segments[2]));
        assert!(selects.toggle(&t.segments[0]));
        assert_eq!(selects.position_of(0), Some(1));
        assert_eq!(selects.move_by_one(1, true), 0);
        assert_eq!(selects.items()[0].segment, 0);
        selects.set_note(0, "opening line #cold #Open.".into());
        assert_eq!(
            selects.items()[0].tags().collect::<Vec<_>>(),
            ["cold", "open"]
        );
        selects.set_point(&t.segments[0], Timecode::from_secs(12), true);
        selects.set_point(&t.segments[0], Timecode::from_secs(18), false);
        assert_eq!(selects.items()[0].duration_ms(&t), 6000);
        assert_eq!(
            selects.running_time_ms(&t),
            6000 + t.segments[2]
                .end
                .map_or(0, |e| e.since(Timecode::from_secs(40)))
        );
        assert!(!selects.toggle(&t.segments[2]));
        assert_eq!(selects.len(), 1);
        assert!(selects.undo());
        assert_eq!(selects.len(), 2);
        selects.remove(0);
        assert!(selects.undo());
        assert_eq!(selects.items()[0].note, "opening line #cold #Open.");
    }

    #[test]
    fn a_changed_log_finds_its_selects_again_or_flags_them() {
        let t = log(LOG);
        let mut selects = Selects::default();
        selects.toggle(&t.segments[1]);
        selects.toggle(&t.segments[2]);
        // A new answer at the top moves everything down; the cook's line is reworded.
        let changed = format!(
            "00:05 (Ana Berg, Pilot)\n\u{201c}First.\u{201d}\n{}",
            LOG.replace("would not stay lit", "kept going out")
        );
        let lost = selects.reanchor(&log(&changed));
        assert_eq!(lost, 1);
        assert!(
            selects.items()[0].lost,
            "the reworded one is flagged, not dropped"
        );
        assert_eq!(selects.items()[1].segment, 3);
        assert!(!selects.items()[1].lost);
    }
}
