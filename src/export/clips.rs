//! What an export covers, as clips: each a segment with the stretch of it
//! that is used, and the note of its select.

use crate::filter::Selection;
use crate::index::Index;
use crate::model::{Segment, Timecode, Transcript};
use crate::selects::Select;

/// What to export.
pub enum Scope<'a> {
    /// Every segment.
    All,
    /// The segments a filter keeps.
    Kept(&'a Selection, &'a Index),
    /// The selects, in the paper edit's order (lost ones are left out).
    Selects(&'a [Select]),
}

/// One stretch of one segment.
#[derive(Debug, Clone)]
pub struct Clip<'t> {
    pub segment: &'t Segment,
    pub start: Option<Timecode>,
    pub end: Option<Timecode>,
    pub note: &'t str,
    pub tags: Vec<String>,
}

impl Clip<'_> {
    /// Start and end, when both are known and in order.
    pub fn range(&self) -> Option<(Timecode, Timecode)> {
        match (self.start, self.end) {
            (Some(start), Some(end)) if end > start => Some((start, end)),
            _ => None,
        }
    }
}

/// The clips of `scope`, in order.
pub fn clips<'t>(transcript: &'t Transcript, scope: &Scope<'t>) -> Vec<Clip<'t>> {
    let whole = |segment: &'t Segment| Clip {
        segment,
        start: segment.start,
        end: segment.end.or(segment.start),
        note: "",
        tags: Vec::new(),
    };
    match scope {
        Scope::All => transcript.segments.iter().map(whole).collect(),
        Scope::Kept(selection, index) => transcript
            .segments
            .iter()
            .filter(|s| selection.keeps_segment(s, index))
            .map(whole)
            .collect(),
        Scope::Selects(selects) => selects
            .iter()
            .filter_map(|select| {
                let segment = select.segment_of(transcript)?;
                Some(Clip {
                    segment,
                    start: select.start(transcript),
                    end: select.end(transcript),
                    note: &select.note,
                    tags: select.tags().collect(),
                })
            })
            .collect(),
    }
}
