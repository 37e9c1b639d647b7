//! A transcript under construction: what a reader adds segment by segment,
//! with the speakers, problems and leftovers it meets on the way.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use super::sanitize::clean_line;
use super::source::SourceLine;
use super::speakers::SpeakerTable;
use crate::model::{
    Buffer, Diagnostic, Diagnostics, Metadata, Segment, SegmentKind, Speaker, SpeakerId, Text,
    Timecode, Transcript, Unparsed,
};

/// Segments, speakers, diagnostics and unparsed lines, added in order.
#[derive(Debug, Default)]
pub struct Builder {
    speakers: SpeakerTable,
    pub segments: Vec<Segment>,
    pub diagnostics: Diagnostics,
    pub unparsed: Vec<Unparsed>,
    pub metadata: Option<Metadata>,
    /// Every segment's text, one after another; only the last may still
    /// grow. It becomes the transcript's one buffer at the end.
    texts: String,
    /// Where each segment's text starts in `texts`.
    text_starts: Vec<usize>,
    /// Timecodes as written, for the segments that keep them, by segment.
    written: String,
    written_ranges: Vec<(usize, Range<usize>)>,
    /// The empty text a segment holds until [`Builder::finish`] gives it its own.
    placeholder: Arc<Buffer>,
}

impl Builder {
    /// A builder that starts with the problems decoding found.
    pub fn new(diagnostics: Diagnostics) -> Self {
        Builder {
            diagnostics,
            ..Builder::default()
        }
    }

    /// A source line with what must not reach a terminal taken out, and a
    /// warning saying what, at the line and column of the first removal.
    pub fn clean<'t>(&mut self, line: SourceLine<'t>) -> Cow<'t, str> {
        clean_line(line, &mut self.diagnostics)
    }

    pub fn warn(&mut self, line: usize, column: usize, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::warning(line, column, message));
    }

    /// A line that fits no rule, kept with a warning.
    pub fn leftover(&mut self, line: usize, text: &str, why: &str) {
        self.warn(line, 1, why);
        self.unparsed.push(Unparsed {
            line,
            text: text.to_owned(),
        });
    }

    /// A line that belongs to no segment but is kept with the metadata.
    pub fn note(&mut self, text: &str) {
        self.metadata
            .get_or_insert_with(Metadata::default)
            .notes
            .push(text.to_owned());
    }

    /// The id of a speaker, the same for every mention of the same person.
    pub fn speaker(&mut self, speaker: Speaker) -> SpeakerId {
        self.speakers.intern(speaker)
    }

    /// The speakers so far, to look one up by name.
    pub fn speakers(&self) -> &[Speaker] {
        self.speakers.list()
    }

    /// Gives a speaker a role the log states elsewhere (a header line).
    pub fn set_role(&mut self, id: SpeakerId, role: &str) {
        self.speakers.set_role(id, role);
    }

    /// Starts a segment; its text may grow with [`Builder::append`].
    pub fn push(
        &mut self,
        kind: SegmentKind,
        speaker: Option<SpeakerId>,
        start: Option<Timecode>,
        text: &str,
        line: usize,
    ) -> usize {
        let id = self.segments.len();
        let mut segment = Segment::new(id, kind, Text::slice(&self.placeholder, 0..0), line);
        segment.speaker = speaker;
        segment.start = start;
        self.segments.push(segment);
        self.text_starts.push(self.texts.len());
        self.texts.push_str(text.trim());
        id
    }

    /// Keeps the last segment's timecode as the log writes it (`00:01:02,500 --> …`).
    pub fn set_written_timecode(&mut self, written: &str) {
        let Some(id) = self.segments.len().checked_sub(1) else {
            return;
        };
        let start = self.written.len();
        self.written.push_str(written);
        self.written_ranges.push((id, start..self.written.len()));
    }

    /// The segment being built, to set what the log gives of it.
    pub fn last_mut(&mut self) -> Option<&mut Segment> {
        self.segments.last_mut()
    }

    /// Adds words to the last segment, after `separator` (a space, or a
    /// line break between paragraphs).
    pub fn append(&mut self, separator: &str, more: &str) {
        let more = more.trim();
        if more.is_empty() {
            return;
        }
        if let Some(&start) = self.text_starts.last() {
            if self.texts.len() > start {
                self.texts.push_str(separator);
            }
            self.texts.push_str(more);
        }
    }

    /// A segment's text so far.
    pub fn text_of(&self, id: usize) -> Option<&str> {
        let start = *self.text_starts.get(id)?;
        let end = self
            .text_starts
            .get(id + 1)
            .copied()
            .unwrap_or(self.texts.len());
        self.texts.get(start..end)
    }

    /// Takes in a transcript read from part of this one (a payload inside
    /// it) that starts `line_offset` lines in: its speakers, segments,
    /// problems and leftovers join this one's.
    pub fn absorb(&mut self, inner: Transcript, line_offset: usize) {
        let speakers: Vec<SpeakerId> = inner
            .speakers
            .into_iter()
            .map(|speaker| self.speaker(speaker))
            .collect();
        let first_id = self.segments.len();
        for mut segment in inner.segments {
            segment.id += first_id;
            segment.line += line_offset;
            segment.speaker = segment
                .speaker
                .and_then(|id| speakers.get(id.index()).copied());
            segment.question = segment.question.map(|q| q + first_id);
            self.text_starts.push(self.texts.len());
            self.texts.push_str(&segment.text);
            self.segments.push(segment);
        }
        self.diagnostics.absorb(inner.diagnostics, line_offset);
        for mut unparsed in inner.unparsed {
            unparsed.line += line_offset;
            self.unparsed.push(unparsed);
        }
    }

    /// The transcript, with problems in order of where they are.
    pub fn finish(mut self, format: &'static str, source: &str) -> Transcript {
        // Every text in one buffer: one allocation for the transcript, not one a segment.
        let texts_end = self.texts.len();
        let mut all = self.texts;
        all.push_str(&self.written);
        let buffer = Buffer::new(all);
        let ends = self.text_starts.iter().skip(1).copied().chain([texts_end]);
        for ((segment, &start), end) in self.segments.iter_mut().zip(&self.text_starts).zip(ends) {
            segment.text = Text::slice(&buffer, start..end);
        }
        for (id, range) in self.written_ranges {
            if let Some(segment) = self.segments.get_mut(id) {
                let range = texts_end + range.start..texts_end + range.end;
                segment.timecode = Some(Text::slice(&buffer, range));
            }
        }
        self.diagnostics.sort();
        Transcript {
            format,
            source: source.to_owned(),
            metadata: self.metadata.filter(|m| !m.is_empty()),
            speakers: self.speakers.into_list(),
            segments: self.segments,
            diagnostics: self.diagnostics,
            unparsed: self.unparsed,
        }
    }
}
