//! The library as the player shows it: every interview read from a folder,
//! one summary row each, sorted and narrowed as the user asks, searched and
//! filtered by role across all of them. Pure: the files are read by the
//! runtime ([`crate::library`]) and handed in.

pub mod hits;
pub mod people;
mod update;
pub mod view;

use std::cmp::Ordering;
use std::path::PathBuf;

use crate::index::{Index, NO_ROLE};
use crate::library::Entry;
use crate::model::{SegmentKind, Speaker, SpeakerId, Timecode, Transcript};
use crate::stats::Stats;

pub use update::update;
pub use view::{Library, LibraryEffect, LibraryMode, LibraryRow, TypingKind};

/// One interview of the library, read and summed up once, and held
/// compactly: the words of its segments in one string, and for each
/// segment only what a search across the library needs. Opening it in the
/// player reads the file again.
pub struct Interview {
    pub path: PathBuf,
    pub summary: Summary,
    pub stats: Stats,
    pub speakers: Vec<Speaker>,
    /// Every segment's text, one after another, each followed by a line break.
    text: String,
    pub spots: Vec<Spot>,
}

/// A segment as the library holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    pub start: Option<Timecode>,
    pub speaker: Option<SpeakerId>,
    pub kind: SegmentKind,
    /// Where its text is in [`Interview`]'s string.
    text_start: u32,
    text_end: u32,
}

impl Interview {
    pub fn new(entry: Entry) -> Interview {
        let Entry { path, transcript } = entry;
        let index = Index::new(&transcript);
        let stats = crate::stats::compute(&transcript);
        let summary = Summary::of(&transcript, &index);
        let mut text =
            String::with_capacity(transcript.segments.iter().map(|s| s.text.len() + 1).sum());
        let mut spots = Vec::with_capacity(transcript.segments.len());
        for segment in &transcript.segments {
            // Past 4 GiB of text (never, for a log read whole), a segment
            // is held without its words.
            let text_start = u32::try_from(text.len()).unwrap_or(u32::MAX);
            if text_start < u32::MAX {
                text.push_str(&segment.text);
            }
            let text_end = u32::try_from(text.len()).unwrap_or(text_start);
            text.push('\n');
            spots.push(Spot {
                start: segment.start,
                speaker: segment.speaker,
                kind: segment.kind,
                text_start,
                text_end,
            });
        }
        Interview {
            path,
            summary,
            stats,
            speakers: transcript.speakers,
            text,
            spots,
        }
    }

    /// The text of every segment, one after another, as searched.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// A segment's text.
    pub fn text_of(&self, spot: &Spot) -> &str {
        self.text
            .get(spot.text_start as usize..spot.text_end as usize)
            .unwrap_or_default()
    }

    /// Where a segment's text ends in [`Interview::text`].
    pub fn text_end(&self, spot: &Spot) -> usize {
        spot.text_end as usize
    }

    /// The segment whose text holds byte `at` of [`Interview::text`].
    pub fn spot_at(&self, at: usize) -> Option<usize> {
        let found = self
            .spots
            .partition_point(|spot| (spot.text_end as usize) < at);
        (found < self.spots.len()).then_some(found)
    }

    pub fn speaker_of(&self, spot: &Spot) -> Option<&Speaker> {
        spot.speaker.and_then(|id| self.speakers.get(id.index()))
    }

    /// The segment of `transcript` (this interview read again) that is
    /// `segment` here, and whether the log changed since: then the one
    /// at the same time, or the same place.
    pub fn find_again(&self, transcript: &Transcript, segment: usize) -> (usize, bool) {
        let same = transcript.segments.len() == self.spots.len()
            && transcript
                .segments
                .iter()
                .zip(&self.spots)
                .all(|(s, spot)| s.start == spot.start && s.text.as_str() == self.text_of(spot));
        if same {
            return (segment, false);
        }
        let start = self.spots.get(segment).and_then(|spot| spot.start);
        let found = start.map_or(segment, |start| {
            transcript
                .segments
                .iter()
                .position(|s| s.start.is_some_and(|at| at >= start))
                .unwrap_or(segment)
        });
        (found.min(transcript.segments.len().saturating_sub(1)), true)
    }
}

/// What the library's row of an interview says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    /// The log's title, or its file name when it has none.
    pub title: String,
    /// `YYYY-MM-DD`, or empty.
    pub date: String,
    pub place: String,
    pub creator: String,
    pub format: &'static str,
    /// From the first timecode to the last end, in milliseconds.
    pub duration_ms: u64,
    pub segments: usize,
    /// Its roles, in order of first appearance, comma-separated.
    pub roles: String,
    /// The path as shown.
    pub file: String,
    /// All of the above in lower case, which the filter line looks in.
    haystack: String,
}

impl Summary {
    fn of(transcript: &Transcript, index: &Index) -> Summary {
        let metadata = transcript.metadata.as_ref();
        let field = |get: fn(&crate::model::Metadata) -> Option<&String>| {
            metadata
                .and_then(get)
                .map(|s| crate::model::one_line(s))
                .unwrap_or_default()
        };
        let file = transcript.source.clone();
        let title = Some(field(|m| m.title.as_ref()))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| {
                std::path::Path::new(&file)
                    .file_name()
                    .map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned())
            });
        let date = metadata
            .and_then(|m| m.date)
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        let first = index.first_timed().map_or(0, |(at, _)| at.as_millis());
        let roles: Vec<&str> = index
            .roles()
            .iter()
            .map(|r| r.name.as_str())
            .filter(|name| *name != NO_ROLE)
            .collect();
        let mut summary = Summary {
            title,
            date,
            place: field(|m| m.location.as_ref()),
            creator: field(|m| m.creator.as_ref()),
            format: transcript.format,
            duration_ms: index.end().as_millis().saturating_sub(first),
            segments: transcript.segments.len(),
            roles: crate::model::one_line(&roles.join(", ")),
            file,
            haystack: String::new(),
        };
        summary.haystack = [
            &summary.title,
            &summary.file,
            &summary.date,
            &summary.place,
            &summary.creator,
            summary.format,
            &summary.roles,
        ]
        .map(str::to_lowercase)
        .join("\u{1f}");
        summary
    }

    /// Whether the row says `lowercase` anywhere (title, file, date, place,
    /// creator, format or roles).
    pub fn mentions(&self, lowercase: &str) -> bool {
        self.haystack.contains(lowercase)
    }
}

/// A column of the library, which it can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Column {
    #[default]
    File,
    Title,
    Date,
    Place,
    Creator,
    Format,
    Duration,
    Segments,
    Roles,
}

impl Column {
    pub const ALL: [Column; 9] = [
        Column::File,
        Column::Title,
        Column::Date,
        Column::Place,
        Column::Creator,
        Column::Format,
        Column::Duration,
        Column::Segments,
        Column::Roles,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Column::File => "file",
            Column::Title => "title",
            Column::Date => "date",
            Column::Place => "place",
            Column::Creator => "creator",
            Column::Format => "format",
            Column::Duration => "duration",
            Column::Segments => "segments",
            Column::Roles => "roles",
        }
    }

    /// The column's head in the library view.
    pub fn heading(self) -> &'static str {
        match self {
            Column::File => "FILE",
            Column::Title => "TITLE",
            Column::Date => "DATE",
            Column::Place => "PLACE",
            Column::Creator => "CREATOR",
            Column::Format => "FORMAT",
            Column::Duration => "LENGTH",
            Column::Segments => "SEGS",
            Column::Roles => "ROLES",
        }
    }

    /// The column a `:sort` names, by any unambiguous start of its name.
    pub fn named(text: &str) -> Option<Column> {
        let text = text.trim().to_lowercase();
        let mut found = Column::ALL
            .into_iter()
            .filter(|c| !text.is_empty() && c.name().starts_with(&text));
        let first = found.next()?;
        found.next().is_none().then_some(first)
    }

    /// The column after this one, round to the first.
    #[must_use]
    pub fn next(self) -> Column {
        let at = Column::ALL.iter().position(|c| *c == self).unwrap_or(0);
        Column::ALL[(at + 1) % Column::ALL.len()]
    }

    /// How two rows compare in this column; empty values go last, and
    /// ties keep the file order.
    pub fn compare(self, a: &Summary, b: &Summary) -> Ordering {
        let text = |x: &str, y: &str| match (x.is_empty(), y.is_empty()) {
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            _ => x.to_lowercase().cmp(&y.to_lowercase()),
        };
        let by_column = match self {
            Column::File => Ordering::Equal,
            Column::Title => text(&a.title, &b.title),
            Column::Date => text(&a.date, &b.date),
            Column::Place => text(&a.place, &b.place),
            Column::Creator => text(&a.creator, &b.creator),
            Column::Format => a.format.cmp(b.format),
            Column::Duration => a.duration_ms.cmp(&b.duration_ms),
            Column::Segments => a.segments.cmp(&b.segments),
            Column::Roles => text(&a.roles, &b.roles),
        };
        by_column.then_with(|| a.file.cmp(&b.file))
    }
}

/// An interview read from `text` as if it were the file `file`, for the tests.
#[cfg(test)]
pub(crate) fn interview_for_test(file: &str, text: &str) -> Interview {
    Interview::new(Entry {
        path: PathBuf::from(file),
        transcript: crate::formats::parse_str(text, file, crate::formats::ParseOptions::default()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn interview(text: &str, file: &str) -> Interview {
        interview_for_test(file, text)
    }

    #[test]
    fn a_summary_falls_back_to_the_file_name_and_lists_roles_once() {
        let one = interview(
            "00:10 (Ana Berg, Pilot)\n\u{201c}We left.\u{201d}\n\
             01:10 (Ivo Sand, pilot)\n\u{201c}We came back.\u{201d}\n\
             02:00 (Mira, Nurse)\n\u{201c}Nobody slept.\u{201d}\n",
            "logs/day one.txt",
        );
        assert_eq!(one.summary.title, "day one.txt");
        assert_eq!(one.summary.roles, "Pilot, Nurse");
        assert_eq!(one.summary.segments, 3);
        assert!(one.summary.duration_ms >= 110_000);
        assert!(one.summary.mentions("nurse"));
        assert!(!one.summary.mentions("surgeon"));
    }

    #[test]
    fn columns_are_named_by_any_unambiguous_start() {
        assert_eq!(Column::named("ti"), Some(Column::Title));
        assert_eq!(Column::named("DUR"), Some(Column::Duration));
        // `f` could be file or format.
        assert_eq!(Column::named("f"), None);
        assert_eq!(Column::named(""), None);
        assert_eq!(Column::Roles.next(), Column::File);
    }

    #[test]
    fn empty_values_sort_last_and_ties_keep_the_file_order() {
        let a = Summary {
            place: "Oslo".into(),
            file: "b".into(),
            ..Summary::default()
        };
        let b = Summary {
            file: "a".into(),
            ..Summary::default()
        };
        assert_eq!(Column::Place.compare(&a, &b), Ordering::Less);
        assert_eq!(Column::Title.compare(&a, &b), Ordering::Greater);
    }
}
