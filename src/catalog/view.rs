//! The library view's state: the interviews read, how they are listed,
//! what is asked across them, and the hits found so far. [`super::update`]
//! is the one function that changes it from the outside, as the player's
//! `update()` does; what reaches outside goes out as [`LibraryEffect`]s.

use std::path::PathBuf;
use std::time::Duration;

use rayon::prelude::*;

use super::hits::{self, Ask};
use super::people::{self, RoleAcross};
use super::{Column, Interview};
use crate::app::{Command, Status, parse_command};
use crate::library::Skipped;
use crate::search::Query;

/// How long a status message stays.
const STATUS_FOR: Duration = Duration::from_secs(4);
/// Text searched in one step of a search across the library: a step
/// takes about 10 ms on two cores.
pub const STEP_BYTES: usize = 16 * 1024 * 1024;

/// What can be typed after `:` in the library, and what it does.
pub const LIBRARY_COMMANDS: [(&str, &str); 5] = [
    (
        "role NAME, NAME",
        "every segment of these roles, in every interview",
    ),
    ("speaker NAME", "every segment of this speaker"),
    (
        "sort COLUMN",
        "file title date place creator format duration segments roles",
    ),
    ("clear", "no search and no filters"),
    ("quit", "leave"),
];

/// A row of the library: an interview, or a hit of a search under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LibraryRow {
    Interview(usize),
    Hit(usize, u32),
}

impl LibraryRow {
    pub fn interview(self) -> usize {
        match self {
            LibraryRow::Interview(i) | LibraryRow::Hit(i, _) => i,
        }
    }
}

/// What is being typed at the bottom line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypingKind {
    /// `/`: words searched in every interview as they are typed.
    Search,
    /// `f`: narrows the interviews by what their rows say.
    Filter,
    /// `:`.
    Command,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibraryMode {
    Normal,
    Typing {
        kind: TypingKind,
        input: String,
        /// What it was before typing began, back on Esc.
        before: String,
    },
    /// The help, scrolled down by this many lines.
    Help(usize),
    /// The skipped files, the cursor on this one.
    Problems(usize),
}

/// What the runtime must do for the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibraryEffect {
    /// Open this interview in the player, at this segment (a hit).
    Open {
        interview: usize,
        segment: Option<usize>,
    },
    /// Read the files again.
    Reread,
    Quit,
}

/// Everything the library view shows and remembers.
pub struct Library {
    /// What the user named: the title of the view.
    pub name: String,
    pub interviews: Vec<Interview>,
    /// Files not read, and why.
    pub skipped: Vec<Skipped>,
    /// Files read of those found, while reading goes on.
    pub reading: Option<(usize, usize)>,
    pub column: Column,
    pub descending: bool,
    /// The filter line's text: rows that mention it are listed.
    pub narrow: String,
    /// The search and filters across interviews.
    pub ask: Ask,
    /// For each interview, the segments `ask` finds; `None` while it is
    /// still to be searched (a search is done a step at a time, in the
    /// order shown, so that each key answers at once however large the
    /// library). Empty when nothing is asked.
    hits: Vec<Option<Vec<u32>>>,
    /// For each interview, the hits of the search this one narrows, to look
    /// only among them.
    wider: Vec<Option<Vec<u32>>>,
    /// The interviews listed, in the order shown.
    order: Vec<usize>,
    pub rows: Vec<LibraryRow>,
    pub cursor: usize,
    pub mode: LibraryMode,
    pub status: Option<Status>,
    pub show_people: bool,
    /// Roles and people across the library, worked out when first shown.
    people: Option<Vec<RoleAcross>>,
    /// Rows in a page, from the terminal size.
    pub page_rows: usize,
    /// The keys in effect: the defaults with the user's config on top.
    pub keymap: crate::app::keymap::Keymap,
    /// The file the cursor was on before a re-read, found again as it comes back.
    restore: Option<PathBuf>,
    pub(super) effects: Vec<LibraryEffect>,
}

impl Library {
    pub fn new(name: String) -> Library {
        Library {
            name,
            interviews: Vec::new(),
            skipped: Vec::new(),
            reading: Some((0, 0)),
            column: Column::default(),
            descending: false,
            narrow: String::new(),
            ask: Ask::default(),
            hits: Vec::new(),
            wider: Vec::new(),
            order: Vec::new(),
            rows: Vec::new(),
            cursor: 0,
            mode: LibraryMode::Normal,
            status: None,
            show_people: false,
            people: None,
            page_rows: 20,
            keymap: crate::app::keymap::Keymap::default(),
            restore: None,
            effects: Vec::new(),
        }
    }

    /// Interviews read, searched at once if a search is on.
    pub fn add(&mut self, interviews: Vec<Interview>, skipped: Vec<Skipped>) {
        let first_new = self.interviews.len();
        self.interviews.extend(interviews);
        self.skipped.extend(skipped);
        if self.ask.is_active() {
            self.hits.resize(self.interviews.len(), None);
            self.wider.resize(self.interviews.len(), None);
        }
        self.people = None;
        let restore = self.restore.as_ref().and_then(|path| {
            self.interviews[first_new..]
                .iter()
                .position(|i| &i.path == path)
                .map(|at| first_new + at)
        });
        self.rebuild_rows();
        self.search_step();
        if let Some(interview) = restore {
            self.restore = None;
            if let Some(row) = self.rows.iter().position(|r| r.interview() == interview) {
                self.cursor = row;
            }
        }
    }

    /// How far reading has got: `done` of `total` files.
    pub fn set_progress(&mut self, done: usize, total: usize) {
        self.reading = Some((done, total));
    }

    /// Every file is read.
    pub fn finish_reading(&mut self, now: Duration) {
        self.reading = None;
        if self.status.as_ref().is_some_and(|s| s.error) {
            // What went wrong stays in view.
        } else if !self.skipped.is_empty() {
            let skipped = crate::model::plural(self.skipped.len(), "file");
            self.message(format!("{skipped} skipped (! lists them)"), false, now);
        } else if self.interviews.is_empty() {
            self.message("no logs found here", true, now);
        }
    }

    /// The interviews a search or filter found in (all with none), and
    /// all that are listed.
    pub fn hit_counts(&self) -> (usize, usize) {
        let hits = self.hits.iter().flatten().map(Vec::len).sum();
        let listed = self
            .rows
            .iter()
            .filter(|r| matches!(r, LibraryRow::Interview(_)))
            .count();
        (hits, listed)
    }

    /// `12 hits in 3 interviews`: what the search and filters found so far.
    pub fn found(&self) -> String {
        let (hits, interviews) = self.hit_counts();
        format!(
            "{} in {}",
            crate::model::plural(hits, "hit"),
            crate::model::plural(interviews, "interview")
        )
    }

    /// Roles and people across the library, worked out once per reading.
    pub fn people(&mut self) -> &[RoleAcross] {
        self.people
            .get_or_insert_with(|| people::across(&self.interviews))
    }

    /// The interview under the cursor.
    pub fn current(&self) -> Option<&Interview> {
        let row = self.rows.get(self.cursor)?;
        self.interviews.get(row.interview())
    }

    /// A message that stays until a key is pressed: a config file that
    /// could not be used, say.
    pub fn show_error(&mut self, text: String, now: Duration) {
        self.message(text, true, now);
        if let Some(status) = &mut self.status {
            status.until = now + Duration::from_secs(60 * 60 * 24);
        }
    }

    pub(super) fn message(&mut self, text: impl Into<String>, error: bool, now: Duration) {
        self.status = Some(Status {
            text: text.into(),
            error,
            until: now + STATUS_FOR,
            about_problems: false,
        });
    }

    /// Lists the interviews the filter line keeps, sorted, each followed by
    /// its hits when something is asked; the cursor stays on its row, or
    /// its interview, where it can.
    pub(super) fn rebuild_rows(&mut self) {
        let was = self.rows.get(self.cursor).copied();
        let narrow = self.narrow.to_lowercase();
        let mut order: Vec<usize> = (0..self.interviews.len())
            .filter(|&i| narrow.is_empty() || self.interviews[i].summary.mentions(&narrow))
            .collect();
        let column = self.column;
        order.sort_by(|&a, &b| {
            let ordering = column.compare(&self.interviews[a].summary, &self.interviews[b].summary);
            if self.descending {
                ordering.reverse()
            } else {
                ordering
            }
        });
        self.rows.clear();
        let asking = self.ask.is_active();
        self.order = order;
        for &i in &self.order {
            let hits = self.hits.get(i).and_then(Option::as_deref).unwrap_or(&[]);
            if asking && hits.is_empty() {
                continue;
            }
            self.rows.push(LibraryRow::Interview(i));
            if asking {
                self.rows
                    .extend(hits.iter().map(|&segment| LibraryRow::Hit(i, segment)));
            }
        }
        let found = was.and_then(|was| {
            self.rows.iter().position(|r| *r == was).or_else(|| {
                self.rows
                    .iter()
                    .position(|r| r.interview() == was.interview())
            })
        });
        self.cursor = found.unwrap_or(self.cursor.min(self.rows.len().saturating_sub(1)));
    }

    /// Searches for `ask` (its first step at once), only among the last
    /// hits when it narrows them.
    pub fn set_ask(&mut self, ask: Ask) {
        let narrows = self.ask.is_active() && self.ask.is_narrowed_by(&ask);
        let count = self.interviews.len();
        if !ask.is_active() {
            self.hits.clear();
            self.wider.clear();
        } else if narrows {
            // What the last search found, or was still to look among.
            let last = std::mem::replace(&mut self.hits, vec![None; count]);
            let before = std::mem::take(&mut self.wider);
            self.wider = last
                .into_iter()
                .zip(before.into_iter().chain(std::iter::repeat(None)))
                .map(|(found, wider)| found.or(wider))
                .collect();
        } else {
            self.hits = vec![None; count];
            self.wider = vec![None; count];
        }
        self.ask = ask;
        self.rebuild_rows();
        self.search_step();
    }

    /// Whether a search is still looking through interviews shown.
    pub fn searching(&self) -> bool {
        self.ask.is_active()
            && self
                .order
                .iter()
                .any(|&i| self.hits.get(i).is_none_or(Option::is_none))
    }

    /// Searches the next interviews shown (about [`STEP_BYTES`] of text,
    /// on every core) and lists their hits.
    pub fn search_step(&mut self) {
        if !self.ask.is_active() {
            return;
        }
        let mut step = Vec::new();
        let mut bytes = 0;
        for &i in &self.order {
            if bytes >= STEP_BYTES {
                break;
            }
            if self.hits.get(i).is_some_and(Option::is_none) {
                step.push(i);
                bytes += self.interviews.get(i).map_or(0, |v| v.text().len());
            }
        }
        if step.is_empty() {
            return;
        }
        let interviews = &self.interviews;
        let (ask, wider) = (&self.ask, &self.wider);
        let found: Vec<Vec<u32>> = step
            .par_iter()
            .map(|&i| {
                let candidates = wider.get(i).and_then(Option::as_deref);
                hits::hits_in(&interviews[i], ask, candidates)
            })
            .collect();
        for (i, found) in step.into_iter().zip(found) {
            self.hits[i] = Some(found);
            if let Some(wider) = self.wider.get_mut(i) {
                *wider = None;
            }
        }
        self.rebuild_rows();
    }

    fn search_for(&mut self, text: &str, now: Duration) {
        match Query::new(text) {
            Ok(query) => {
                let ask = Ask {
                    query,
                    filter: self.ask.filter.clone(),
                };
                self.set_ask(ask);
            }
            Err(err) => self.message(err.to_string(), true, now),
        }
    }

    pub(super) fn move_cursor_by(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
    }

    /// The next (or previous) hit row from the cursor, round the end.
    pub(super) fn step_hit(&mut self, forward: bool, now: Duration) {
        if !self.ask.is_active() {
            return self.message("no search: press / to search every interview", true, now);
        }
        let is_hit = |r: &LibraryRow| matches!(r, LibraryRow::Hit(..));
        let len = self.rows.len();
        let found = (1..=len)
            .map(|step| {
                if forward {
                    (self.cursor + step) % len
                } else {
                    (self.cursor + len - step % len) % len
                }
            })
            .find(|&row| self.rows.get(row).is_some_and(is_hit));
        match found {
            Some(row) => self.cursor = row,
            None => self.message("no hits", true, now),
        }
    }

    pub(super) fn open(&mut self) {
        match self.rows.get(self.cursor).copied() {
            Some(LibraryRow::Hit(interview, segment)) => self.effects.push(LibraryEffect::Open {
                interview,
                segment: Some(segment as usize),
            }),
            Some(LibraryRow::Interview(interview)) => {
                // With a search on, an interview opens at its first hit.
                let segment = self
                    .hits
                    .get(interview)
                    .and_then(Option::as_ref)
                    .and_then(|h| h.first())
                    .map(|&s| s as usize);
                self.effects
                    .push(LibraryEffect::Open { interview, segment });
            }
            None => {}
        }
    }

    /// The interview listed after `interview`, and its first hit: where
    /// listening through a role goes on.
    pub fn next_listed(&self, interview: usize) -> Option<(usize, Option<usize>)> {
        let at = self
            .rows
            .iter()
            .position(|r| *r == LibraryRow::Interview(interview))?;
        let next = self.rows[at + 1..].iter().find_map(|r| match r {
            LibraryRow::Interview(i) => Some(*i),
            LibraryRow::Hit(..) => None,
        })?;
        let first_hit = self
            .hits
            .get(next)
            .and_then(Option::as_ref)
            .and_then(|h| h.first())
            .map(|&s| s as usize);
        Some((next, first_hit))
    }

    /// The first hit of the interview listed after `interview` (or the
    /// last hit of the one before), where `n` (or `N`) goes on from an
    /// interview's last match; the cursor goes there too.
    pub fn hit_beyond(&mut self, interview: usize, forward: bool) -> Option<(usize, usize)> {
        let at = self
            .rows
            .iter()
            .position(|r| *r == LibraryRow::Interview(interview))?;
        let other_hit = |r: &LibraryRow| match *r {
            LibraryRow::Hit(i, segment) if i != interview => Some((i, segment as usize)),
            _ => None,
        };
        let found = if forward {
            (at + 1..self.rows.len()).find(|&row| other_hit(&self.rows[row]).is_some())
        } else {
            (0..at)
                .rev()
                .find(|&row| other_hit(&self.rows[row]).is_some())
        }?;
        self.cursor = found;
        other_hit(&self.rows[found])
    }

    /// Forgets what was read, keeping the search, filters, sort and the
    /// file under the cursor, for a re-read.
    pub fn begin_reread(&mut self) {
        self.restore = self.current().map(|i| i.path.clone());
        self.interviews.clear();
        self.skipped.clear();
        self.hits.clear();
        self.wider.clear();
        self.people = None;
        self.rows.clear();
        self.reading = Some((0, 0));
    }

    pub(super) fn run_command(&mut self, input: &str, now: Duration) {
        let input = input.trim();
        if let Some(rest) = input.strip_prefix("sort") {
            match super::Column::named(rest) {
                Some(column) => {
                    self.column = column;
                    self.rebuild_rows();
                }
                None => self.message(
                    "sort by: file, title, date, place, creator, format, duration, segments or roles",
                    true,
                    now,
                ),
            }
            return;
        }
        let mut ask = self.ask.clone();
        match parse_command(input, crate::formats::DEFAULT_FPS) {
            Ok(Command::Roles(roles)) => ask.filter.roles = roles,
            Ok(Command::Speaker(name)) => ask.filter.speakers = vec![name],
            Ok(Command::Clear) => ask = Ask::default(),
            Ok(Command::Quit) => return self.effects.push(LibraryEffect::Quit),
            Ok(Command::Problems) => return self.show_problems(now),
            Ok(_) => {
                return self.message(
                    "that works in an interview: open one with Enter first",
                    true,
                    now,
                );
            }
            Err(err) => return self.message(err, true, now),
        }
        self.set_ask(ask);
        if self.searching() {
            // The header counts them as they are found.
            return;
        }
        self.message(self.found(), false, now);
    }

    pub(super) fn show_problems(&mut self, now: Duration) {
        if self.skipped.is_empty() {
            self.message("no files were skipped", false, now);
        } else {
            self.mode = LibraryMode::Problems(0);
        }
    }

    pub(super) fn start_typing(&mut self, kind: TypingKind) {
        let before = match kind {
            TypingKind::Search => self
                .ask
                .query
                .as_ref()
                .map(|q| q.text().to_owned())
                .unwrap_or_default(),
            TypingKind::Filter => self.narrow.clone(),
            TypingKind::Command => String::new(),
        };
        let input = if kind == TypingKind::Command {
            String::new()
        } else {
            before.clone()
        };
        self.mode = LibraryMode::Typing {
            kind,
            input,
            before,
        };
    }

    /// What typing so far means at once: a search or the filter line follows each key.
    pub(super) fn typed(&mut self, kind: TypingKind, input: &str, now: Duration) {
        match kind {
            TypingKind::Search => self.search_for(input, now),
            TypingKind::Filter => {
                input.clone_into(&mut self.narrow);
                self.rebuild_rows();
            }
            TypingKind::Command => {}
        }
    }

    /// The next moment the screen changes by itself: a message going.
    pub fn next_wake(&self, now: Duration) -> Option<Duration> {
        self.status
            .as_ref()
            .map(|status| status.until.saturating_sub(now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Action;
    use crate::catalog::update;

    const NOW: Duration = Duration::ZERO;

    fn entry(file: &str, text: &str) -> Interview {
        crate::catalog::interview_for_test(file, text)
    }

    fn library() -> Library {
        let mut library = Library::new("logs".into());
        library.add(
            vec![
                entry(
                    "b.txt",
                    "00:10 (Ana Berg, Nurse)\n\u{201c}The ward flooded.\u{201d}\n\
                     00:20 (Ivo Sand, Driver)\n\u{201c}The road flooded too.\u{201d}\n",
                ),
                entry(
                    "a.txt",
                    "00:05 (Mira Holt, nurse)\n\u{201c}We moved the beds.\u{201d}\n",
                ),
            ],
            vec![Skipped {
                path: PathBuf::from("blob.bin"),
                why: "binary, not a log".into(),
            }],
        );
        library.finish_reading(NOW);
        library
    }

    fn type_text(library: &mut Library, text: &str) {
        for c in text.chars() {
            update(library, Action::Input(c), NOW);
        }
    }

    #[test]
    fn rows_sort_by_any_column_and_reverse() {
        let mut library = library();
        let files = |l: &Library| -> Vec<String> {
            l.rows
                .iter()
                .map(|r| l.interviews[r.interview()].summary.file.clone())
                .collect()
        };
        assert_eq!(files(&library), ["a.txt", "b.txt"]);
        update(&mut library, Action::SortReverse, NOW);
        assert_eq!(files(&library), ["b.txt", "a.txt"]);
        update(&mut library, Action::OpenCommand, NOW);
        type_text(&mut library, "sort seg");
        update(&mut library, Action::Submit, NOW);
        assert_eq!(library.column, Column::Segments);
        assert_eq!(files(&library), ["b.txt", "a.txt"]);
    }

    #[test]
    fn the_filter_line_narrows_by_what_rows_say_and_esc_restores() {
        let mut library = library();
        update(&mut library, Action::OpenFilter, NOW);
        type_text(&mut library, "driver");
        assert_eq!(library.rows, [LibraryRow::Interview(0)]);
        update(&mut library, Action::Cancel, NOW);
        assert_eq!(library.rows.len(), 2);
    }

    #[test]
    fn a_search_lists_hits_under_their_interviews_and_opens_at_one() {
        let mut library = library();
        update(&mut library, Action::OpenSearch, NOW);
        type_text(&mut library, "flood");
        assert_eq!(
            library.rows,
            [
                LibraryRow::Interview(0),
                LibraryRow::Hit(0, 0),
                LibraryRow::Hit(0, 1)
            ]
        );
        update(&mut library, Action::Submit, NOW);
        assert_eq!(library.cursor, 1, "on the first hit");
        update(&mut library, Action::NextMatch, NOW);
        assert_eq!(library.cursor, 2);
        update(&mut library, Action::NextMatch, NOW);
        assert_eq!(library.cursor, 1, "round to the first");
        update(&mut library, Action::PreviousMatch, NOW);
        assert_eq!(library.cursor, 2);
        let effects = update(&mut library, Action::Open, NOW);
        assert_eq!(
            effects,
            [LibraryEffect::Open {
                interview: 0,
                segment: Some(1)
            }]
        );
        update(&mut library, Action::Cancel, NOW);
        assert!(!library.ask.is_active());
        assert_eq!(library.rows.len(), 2);
    }

    #[test]
    fn role_filters_reach_across_interviews_and_combine_with_words() {
        let mut library = library();
        update(&mut library, Action::OpenCommand, NOW);
        type_text(&mut library, "role nurse");
        update(&mut library, Action::Submit, NOW);
        assert_eq!(library.hit_counts(), (2, 2));
        update(&mut library, Action::OpenSearch, NOW);
        type_text(&mut library, "beds");
        update(&mut library, Action::Submit, NOW);
        assert_eq!(
            library.rows,
            [LibraryRow::Interview(1), LibraryRow::Hit(1, 0)]
        );
        update(&mut library, Action::OpenCommand, NOW);
        type_text(&mut library, "10:00");
        update(&mut library, Action::Submit, NOW);
        assert!(library.status.as_ref().is_some_and(|s| s.error));
    }

    #[test]
    fn listening_on_goes_to_the_next_interview_listed_at_its_first_hit() {
        let mut library = library();
        update(&mut library, Action::OpenCommand, NOW);
        type_text(&mut library, "role nurse");
        update(&mut library, Action::Submit, NOW);
        // Listed by file: a.txt (interview 1), then b.txt (interview 0).
        assert_eq!(library.next_listed(1), Some((0, Some(0))));
        assert_eq!(library.next_listed(0), None);
        update(&mut library, Action::SortReverse, NOW);
        assert_eq!(library.next_listed(0), Some((1, Some(0))));
    }

    #[test]
    fn past_an_interviews_hits_n_and_shift_n_reach_the_next_and_previous() {
        let mut library = library();
        update(&mut library, Action::OpenSearch, NOW);
        type_text(&mut library, "the");
        update(&mut library, Action::Submit, NOW);
        // a.txt (interview 1) first, then b.txt (interview 0) with two hits.
        assert_eq!(library.hit_beyond(1, true), Some((0, 0)));
        assert_eq!(library.rows[library.cursor], LibraryRow::Hit(0, 0));
        assert_eq!(library.hit_beyond(0, false), Some((1, 0)));
        assert_eq!(library.hit_beyond(0, true), None);
    }

    #[test]
    fn hits_of_interviews_read_later_join_a_search_in_progress() {
        let mut library = Library::new("logs".into());
        update(&mut library, Action::OpenSearch, NOW);
        type_text(&mut library, "beds");
        assert!(library.rows.is_empty());
        library.add(
            vec![entry(
                "c.txt",
                "00:05 (Mira Holt, nurse)\n\u{201c}We moved the beds.\u{201d}\n",
            )],
            Vec::new(),
        );
        assert_eq!(library.hit_counts(), (1, 1));
    }

    #[test]
    fn skipped_files_are_listed_and_a_reread_keeps_the_place() {
        let mut library = library();
        update(&mut library, Action::ShowProblems, NOW);
        assert_eq!(library.mode, LibraryMode::Problems(0));
        update(&mut library, Action::Cancel, NOW);
        update(&mut library, Action::Last, NOW);
        let effects = update(&mut library, Action::Reread, NOW);
        assert_eq!(effects, [LibraryEffect::Reread]);
        library.begin_reread();
        assert!(library.rows.is_empty());
        library.add(
            vec![
                entry("a.txt", "00:05 (Mira Holt, nurse)\n\u{201c}Beds.\u{201d}\n"),
                entry("b.txt", "00:05 (Ana Berg, nurse)\n\u{201c}Beds.\u{201d}\n"),
            ],
            Vec::new(),
        );
        assert_eq!(
            library.current().map(|i| i.summary.file.as_str()),
            Some("b.txt")
        );
    }

    #[test]
    fn keys_on_an_empty_library_do_nothing_wrong() {
        let mut library = Library::new("empty".into());
        library.finish_reading(NOW);
        for action in [
            Action::CursorDown,
            Action::Last,
            Action::Open,
            Action::NextMatch,
            Action::SortNext,
            Action::ToggleSpeakers,
            Action::ShowProblems,
        ] {
            update(&mut library, action, NOW);
        }
        assert!(library.rows.is_empty());
        assert!(library.people().is_empty());
    }
}
