//! A log read in parts, joined in order.
//!
//! Parts start at split lines (see `split.rs`), where nothing the fold
//! carries from line to line matters except who answered last and the last
//! start time. Each part numbers its lines, segments and speakers from the
//! start; joining renumbers the later part into the earlier one's numbers,
//! so a log read in any number of parts gives what reading it in one go gives.

use super::collect::{Collect, Segments};
use super::header::{self, HeaderLine};
use super::speakers::SpeakerTable;
use crate::model::{Diagnostic, Format, Speaker, SpeakerId, Timecode, Transcript, Unparsed};

/// What folding one part of a log gives.
pub(super) struct Part<C> {
    pub(super) collected: C,
    pub(super) speakers: SpeakerTable,
    /// The header lines; only the first part has any.
    pub(super) header: Vec<HeaderLine>,
    pub(super) diagnostics: Vec<Diagnostic>,
    pub(super) unparsed: Vec<Unparsed>,
    /// Who answered last, for answers in a later part that carry it on.
    pub(super) last_answer_speaker: Option<SpeakerId>,
    pub(super) last_start: Option<Timecode>,
    /// How many lines the part has.
    pub(super) lines: usize,
}

/// How a later part's numbers become the joined ones.
pub(super) struct Remap {
    /// The joined id of each of the later part's speakers.
    pub(super) speakers: Vec<SpeakerId>,
    /// Who answered last before the later part: [`SpeakerId::CARRIED`] stands for them.
    pub(super) carried: Option<SpeakerId>,
    /// The joined id of the later part's first segment.
    pub(super) first_id: usize,
    /// Lines before the later part.
    pub(super) line_offset: usize,
}

impl Remap {
    pub(super) fn speaker(&self, id: Option<SpeakerId>) -> Option<SpeakerId> {
        match id {
            Some(SpeakerId::CARRIED) => self.carried,
            Some(id) => self.speakers.get(id.index()).copied(),
            None => None,
        }
    }
}

impl<C: Collect> Part<C> {
    /// Adds the part that follows this one in the log.
    pub(super) fn join(&mut self, later: Part<C>) {
        let line_offset = self.lines;
        let remap = Remap {
            speakers: later
                .speakers
                .into_list()
                .into_iter()
                .map(|speaker| self.speakers.intern(speaker))
                .collect(),
            carried: self.last_answer_speaker,
            first_id: self.collected.len(),
            line_offset,
        };
        if let (Some(last), Some((start, line))) = (self.last_start, later.collected.first_start())
            && start < last
        {
            self.diagnostics.push(Diagnostic::warning(
                line + line_offset,
                1,
                format!("timecode {start} goes back before {last}"),
            ));
        }
        self.diagnostics
            .extend(later.diagnostics.into_iter().map(|mut diagnostic| {
                diagnostic.line += line_offset;
                diagnostic
            }));
        self.unparsed
            .extend(later.unparsed.into_iter().map(|mut unparsed| {
                unparsed.line += line_offset;
                unparsed
            }));
        self.last_answer_speaker = remap.speaker(later.last_answer_speaker).or(remap.carried);
        self.last_start = later.last_start.or(self.last_start);
        self.lines += later.lines;
        self.collected.append(later.collected, &remap);
    }

    /// `later` joined after what `joined` holds so far, or the first part.
    pub(super) fn add_to(joined: &mut Option<Self>, later: Self) {
        match joined {
            Some(joined) => joined.join(later),
            None => *joined = Some(later),
        }
    }

    /// The problems of the whole log, in order, once every part is joined.
    fn sorted_diagnostics(&mut self) -> Vec<Diagnostic> {
        if self.collected.len() == 0 && !self.header.is_empty() {
            self.diagnostics.push(Diagnostic::warning(
                0,
                0,
                "no timecodes, questions or speaker lines found; the text is kept as metadata",
            ));
        }
        let mut diagnostics = std::mem::take(&mut self.diagnostics);
        diagnostics.sort_by_key(|d| (d.line, d.column));
        diagnostics
    }

    /// The speakers and problems of the whole log, and what was collected.
    pub(super) fn into_parts(mut self) -> (C, Vec<Speaker>, Vec<Diagnostic>) {
        let diagnostics = self.sorted_diagnostics();
        (self.collected, self.speakers.into_list(), diagnostics)
    }
}

impl Part<Segments> {
    pub(super) fn into_transcript(mut self, source: &str) -> Transcript {
        let diagnostics = self.sorted_diagnostics();
        Transcript {
            format: Format::FootageLog,
            source: source.to_owned(),
            metadata: header::build(&self.header),
            speakers: self.speakers.into_list(),
            segments: self.collected.into_segments(),
            diagnostics,
            unparsed: self.unparsed,
        }
    }
}
