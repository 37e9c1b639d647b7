//! Which segments the transcript pane lists, given the filters.

use crate::model::{SegmentKind, Transcript};

/// One entry of the visible list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub segment: usize,
    /// A question shown dimmed only because a visible answer answers it.
    pub context: bool,
}

/// The rows to list: every segment `shown` keeps, in file order, with the
/// question each kept answer answers put before it as context when
/// `with_context` is on and the filter hid it.
pub fn visible_rows(
    transcript: &Transcript,
    shown: impl Fn(usize) -> bool,
    with_context: bool,
) -> Vec<Row> {
    let mut rows = Vec::with_capacity(transcript.segments.len());
    let mut last_context = None;
    for segment in &transcript.segments {
        if !shown(segment.id) {
            continue;
        }
        if with_context
            && segment.kind == SegmentKind::Answer
            && let Some(question) = segment.question
            && !shown(question)
            && last_context != Some(question)
        {
            rows.push(Row {
                segment: question,
                context: true,
            });
            last_context = Some(question);
        }
        rows.push(Row {
            segment: segment.id,
            context: false,
        });
    }
    rows
}

/// The row showing `segment` (as itself, not as context), or the first row after it.
pub fn row_of_segment(rows: &[Row], segment: usize) -> usize {
    let at = rows.partition_point(|r| r.segment < segment);
    let exact = rows[at..]
        .iter()
        .take_while(|r| r.segment == segment)
        .position(|r| !r.context);
    (at + exact.unwrap_or(0)).min(rows.len().saturating_sub(1))
}
