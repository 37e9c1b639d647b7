//! The player's state and the one function that changes it.
//!
//! `update(app, action, now)` is pure: no terminal, no clock (time comes in as
//! `now`, time since start), no files. The runtime in `tui` turns keys into
//! [`Action`]s through the [`keymap`], calls `update`, and draws `&App`.

mod action;
mod command;
pub mod keymap;
mod picker;
mod rows;
mod search;
mod selecting;
mod update;

use std::path::PathBuf;
use std::time::Duration;

pub use action::Action;
pub use command::{COMMANDS, Command, parse_command, parse_offset};
pub use picker::{Picker, PickerKind};
pub use rows::{Row, row_of_segment, visible_rows};
pub use search::SearchState;
pub use selecting::{MAX_QUOTE_CHARS, SelectFilter, quote, selecting_time};
pub use update::update;

use crate::filter::{Filter, Selection};
use crate::formats::DEFAULT_FPS;
use crate::index::Index;
use crate::media::{MediaCommand, MediaState};
use crate::model::{SegmentKind, SpeakerId, Timecode, Transcript};
use crate::playback::Player;

/// How long a status message stays.
const STATUS_FOR: Duration = Duration::from_secs(4);

/// What the user is doing besides browsing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// The help overlay, scrolled down by this many lines.
    Help(usize),
    /// The log's problems, the cursor on this one.
    Problems(usize),
    /// The selects pane, the cursor on this one of those shown.
    Selects(usize),
    Prompt(Prompt),
    Picker(Picker),
}

impl Mode {
    fn prompt(kind: PromptKind) -> Mode {
        Mode::Prompt(Prompt {
            kind,
            input: String::new(),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// `:` — timecodes and commands.
    Command,
    /// `t` — a timecode only.
    Jump,
    /// `/` — incremental search.
    Search,
    /// `a` — the note of the select at this position, typed in the pane or not.
    Note { select: usize, from_pane: bool },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: String,
}

/// A message in the status line until `until`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
    pub until: Duration,
    /// Whether it reports the log's problems, which a fully loaded log replaces.
    pub about_problems: bool,
}

/// What the runtime must do after an update: all that reaches outside the
/// app's state goes through here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// A command for the media engine, in media time.
    Media(MediaCommand),
    /// Play this file in mpv, in place of the engine in use.
    OpenMedia(PathBuf),
    /// Remember this log's offset (log time minus media time, ms) for next time.
    SaveOffset(i64),
    /// The selects changed: save them.
    SaveSelects,
    /// Leave the interview for the library it was opened from.
    Back,
    /// No more matches this way in a log opened from a library: the
    /// library goes on to the next (or previous) interview's.
    HitsElsewhere {
        forward: bool,
    },
    /// Filtered playback has played all the filters show, in a log opened
    /// from a library: the library may go on with its next interview.
    PlayedThrough,
    /// Put this text on the clipboard (sanitized and bounded already).
    Clipboard(String),
    /// Write an export: the format's name, where (`None`: beside the log),
    /// and whether an existing file may be replaced.
    Export {
        format: String,
        path: Option<PathBuf>,
        force: bool,
    },
    Quit,
}

/// How the player starts, from the command line.
#[derive(Debug, Clone, Default)]
pub struct StartOptions {
    pub at: Option<Timecode>,
    pub filter: Filter,
    pub search: Option<String>,
    /// The segment to put the cursor and the playhead on (a library's hit).
    pub segment: Option<usize>,
    pub play: bool,
}

/// Everything the player shows and remembers.
// Each bool is a switch of its own the user flips (follow, context,
// panel, questions in playback): no state machine hides among them.
#[allow(clippy::struct_excessive_bools)]
pub struct App {
    pub transcript: Transcript,
    pub index: Index,
    pub player: Player,
    /// What the transcript pane lists.
    pub rows: Vec<Row>,
    /// Position in `rows`.
    pub cursor: usize,
    /// Whether the cursor follows the playhead.
    pub follow: bool,
    /// What the role and speaker filters keep.
    pub selection: Selection,
    /// Questions of visible answers stay in view when a filter hides them.
    pub show_context: bool,
    /// Whether filtered playback also plays the questions shown as context
    /// before the answers it plays, or skips them (the default).
    pub play_questions: bool,
    pub search: SearchState,
    pub mode: Mode,
    /// The keys in effect: the defaults with the user's config on top.
    pub keymap: keymap::Keymap,
    pub status: Option<Status>,
    pub show_speakers: bool,
    /// Rows in a page, set by the runtime from the terminal size.
    pub page_rows: usize,
    /// The segment under the playhead, as of the last update.
    pub playing: Option<usize>,
    pub fps: u32,
    /// Percent of a large log parsed so far, while the rest loads.
    pub loading: Option<usize>,
    /// Role names a `:role` or `--role` filter asked for, re-applied when the
    /// whole log replaces its first part.
    role_names: Option<Vec<String>>,
    speaker_name: Option<String>,
    /// The engine that plays, as the runtime names it: `clock` or `mpv`.
    pub engine: &'static str,
    /// Log time minus media time, in milliseconds: a log in source timecode
    /// (10:00:00:00) over a file that starts at 0 has 10 hours.
    pub offset_ms: i64,
    /// A media file found beside the log, offered until it is opened.
    pub media_offer: Option<PathBuf>,
    /// How long the media runs, once an engine says.
    media_duration: Option<Timecode>,
    /// What this update asks of the runtime, handed over when it returns.
    effects: Vec<Effect>,
    /// The selects, in the paper edit's order.
    pub selects: crate::selects::Selects,
    /// Which selects the pane shows: those with a tag or of a role.
    pub select_filter: Option<SelectFilter>,
    /// Whether the log was opened from a library, which Backspace goes back to.
    pub in_library: bool,
}

impl App {
    pub fn new(transcript: Transcript, start: StartOptions, now: Duration) -> Self {
        let index = Index::new(&transcript);
        let first = index.first_timed().map_or(Timecode::ZERO, |(at, _)| at);
        let mut app = App {
            play_questions: false,
            keymap: keymap::Keymap::default(),
            player: Player::new(first, index.end()),
            rows: Vec::new(),
            cursor: 0,
            follow: true,
            selection: Selection::default(),
            show_context: true,
            search: SearchState::default(),
            mode: Mode::Normal,
            status: None,
            show_speakers: false,
            page_rows: 20,
            playing: None,
            fps: DEFAULT_FPS,
            loading: None,
            role_names: None,
            speaker_name: None,
            engine: "clock",
            offset_ms: 0,
            media_offer: None,
            media_duration: None,
            effects: Vec::new(),
            selects: crate::selects::Selects::default(),
            select_filter: None,
            in_library: false,
            transcript,
            index,
        };
        app.rebuild_rows();
        app.report_problems(now);
        if !start.filter.roles.is_empty() {
            app.filter_roles(&start.filter.roles, now);
        }
        if !start.filter.speakers.is_empty() {
            for name in &start.filter.speakers {
                app.filter_speaker(name, now);
            }
        }
        if let Some(at) = start.at {
            app.jump_to(at, now);
        }
        app.sync_playing(now);
        if let Some(text) = start.search {
            app.search.set_query(&text, &app.transcript, &app.rows);
            if start.segment.is_none() {
                app.next_match(true, true);
            }
        }
        if let Some(segment) = start.segment {
            app.go_to_segment(segment, now);
        }
        if start.play {
            app.media(MediaCommand::Play, now);
        }
        app
    }

    /// What the app has asked of the runtime since the last update (on
    /// opening: the start's seek and play).
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Asks the engine for something. The playhead on screen moves at once,
    /// as asked; the engine's report then confirms or corrects it.
    fn media(&mut self, command: MediaCommand, now: Duration) {
        let command = match command {
            MediaCommand::Seek(at) => {
                self.player.seek(at, now);
                MediaCommand::Seek(self.to_media_time(self.player.position(now)))
            }
            MediaCommand::Play => {
                let before = self.player.position(now);
                self.player.play(now);
                let at = self.player.position(now);
                if at != before {
                    // Playing from the end starts over: the engine goes there too.
                    let at = self.to_media_time(at);
                    self.effects.push(Effect::Media(MediaCommand::Seek(at)));
                }
                MediaCommand::Play
            }
            MediaCommand::Pause => {
                self.player.pause(now);
                MediaCommand::Pause
            }
            MediaCommand::Speed(percent) => {
                self.player.set_speed_percent(percent, now);
                MediaCommand::Speed(self.player.speed_percent())
            }
        };
        self.effects.push(Effect::Media(command));
    }

    /// Moves the playhead by a signed number of milliseconds.
    fn seek_by(&mut self, ms: i64, now: Duration) {
        let to = offset_by(self.player.position(now), ms);
        self.media(MediaCommand::Seek(to), now);
    }

    /// Puts the engine where the playhead is (after the offset changed
    /// under it, say).
    pub fn resync(&mut self, now: Duration) {
        let at = self.player.position(now);
        self.media(MediaCommand::Seek(at), now);
    }

    /// Sets the playing speed, in percent.
    pub fn set_speed(&mut self, percent: u32, now: Duration) {
        self.media(MediaCommand::Speed(percent), now);
    }

    fn to_media_time(&self, at: Timecode) -> Timecode {
        offset_by(at, -self.offset_ms)
    }

    /// Takes on where the engine says it is.
    fn media_reported(&mut self, state: MediaState, now: Duration) {
        if state.duration.is_some() {
            self.media_duration = state.duration;
            self.player.set_end(self.playable_end(), now);
        }
        let at = offset_by(state.position, self.offset_ms);
        self.player.sync(at, state.playing, state.speed, now);
    }

    /// Where playing stops: the end of the log, or of the media if later.
    fn playable_end(&self) -> Timecode {
        let media_end = self
            .media_duration
            .map_or(Timecode::ZERO, |d| offset_by(d, self.offset_ms));
        self.index.end().max(media_end)
    }

    /// A new offset: the media keeps its place, and the log time shown moves with it.
    fn set_offset(&mut self, offset_ms: i64, now: Duration) {
        let media_at = self.to_media_time(self.player.position(now));
        self.offset_ms = offset_ms;
        self.player.set_end(self.playable_end(), now);
        let playing = self.player.is_playing();
        let speed = self.player.speed_percent();
        self.player
            .sync(offset_by(media_at, offset_ms), playing, speed, now);
        self.follow = true;
        self.effects.push(Effect::SaveOffset(offset_ms));
        let shown = format_offset(offset_ms);
        self.message(
            format!("offset {shown}: log time = media time + {shown}"),
            false,
            now,
        );
    }

    /// `:offset sync`: the segment under the cursor starts where the media is now.
    fn sync_offset(&mut self, now: Duration) {
        let start = self
            .cursor_segment()
            .and_then(|id| self.transcript.segments.get(id))
            .and_then(|s| s.start);
        let Some(start) = start else {
            self.message(
                "offset sync needs the cursor on a segment with a timecode",
                true,
                now,
            );
            return;
        };
        let media_at = self.to_media_time(self.player.position(now));
        let offset = start.as_millis() as i64 - media_at.as_millis() as i64;
        self.set_offset(offset, now);
    }

    /// The runtime changed engines: `clock` or `mpv`.
    pub fn engine_changed(&mut self, name: &'static str, now: Duration) {
        self.engine = name;
        if name == "clock" {
            self.media_duration = None;
            self.player.set_end(self.playable_end(), now);
        } else {
            self.media_offer = None;
        }
    }

    /// The media engine failed or went away: the clock plays on from here.
    pub fn media_lost(&mut self, reason: &str, now: Duration) {
        self.engine_changed("clock", now);
        self.show_error(format!("{reason}; the clock plays on"), now);
    }

    /// Where the engine should be to match the playhead on screen, to
    /// start a new engine in step.
    pub fn media_state(&self, now: Duration) -> MediaState {
        MediaState {
            position: self.to_media_time(self.player.position(now)),
            playing: self.player.is_playing(),
            speed: self.player.speed_percent(),
            duration: self.media_duration,
        }
    }

    /// Says on opening whether the log had problems: the first error, or how many warnings.
    fn report_problems(&mut self, now: Duration) {
        use crate::model::Severity;
        let warnings = self.transcript.count(Severity::Warning);
        let first_error = self
            .transcript
            .diagnostics
            .iter()
            .find(|d| d.severity == Severity::Error);
        let text = match (first_error, warnings) {
            (Some(error), _) => format!("error: {} (w lists every problem)", error.message),
            (None, 0) => return,
            (None, 1) => "1 warning in this log (w shows it)".to_owned(),
            (None, n) => format!("{n} warnings in this log (w lists them)"),
        };
        let error = first_error.is_some();
        self.message(text, error, now);
        if let Some(status) = &mut self.status {
            status.about_problems = true;
        }
    }

    /// Says that only the first part of the log is shown while the rest
    /// loads. The first part's problems are not the log's (a label cut off
    /// at its end looks unanswered), so they are reported when the whole is in.
    pub fn begin_loading(&mut self) {
        self.loading = Some(0);
        self.forget_problem_report();
    }

    fn forget_problem_report(&mut self) {
        if self
            .status
            .as_ref()
            .is_some_and(|status| status.about_problems)
        {
            self.status = None;
        }
    }

    /// The segment id under the cursor.
    pub fn cursor_segment(&self) -> Option<usize> {
        self.rows.get(self.cursor).map(|r| r.segment)
    }

    pub fn is_filtered(&self) -> bool {
        self.selection.is_active()
    }

    /// Whether a speaker passes the role and speaker filters.
    pub fn speaker_shown(&self, id: SpeakerId) -> bool {
        self.selection.keeps_speaker(id, &self.index)
    }

    /// Whether filtered playback plays a segment: one the filters show, or
    /// a question shown as context when `play_questions` is on.
    fn segment_played(&self, id: usize) -> bool {
        self.segment_shown(id)
            || (self.play_questions && {
                let row = row_of_segment(&self.rows, id);
                self.rows
                    .get(row)
                    .is_some_and(|r| r.segment == id && r.context)
            })
    }

    /// Whether a segment passes the filters (segments with no speaker only when none is set).
    pub fn segment_shown(&self, id: usize) -> bool {
        self.transcript
            .segments
            .get(id)
            .is_some_and(|s| self.selection.keeps_segment(s, &self.index))
    }

    /// Names of the active filters, for the status line.
    pub fn filter_summary(&self) -> Vec<String> {
        let mut parts = Vec::new();
        if let Some(mask) = &self.selection.roles {
            let names: Vec<&str> = self
                .index
                .roles()
                .iter()
                .zip(mask)
                .filter(|(_, on)| **on)
                .map(|(r, _)| r.name.as_str())
                .collect();
            parts.push(format!("role: {}", names.join(", ")));
        }
        if let Some(mask) = &self.selection.speakers {
            let names: Vec<String> = self
                .transcript
                .speakers
                .iter()
                .zip(mask)
                .filter(|(_, on)| **on)
                .map(|(s, _)| s.name.clone().unwrap_or_else(|| s.label()))
                .collect();
            parts.push(format!("speaker: {}", names.join(", ")));
        }
        // Both on: only what both keep is shown.
        if parts.len() == 2 {
            return vec![parts.join(" and ")];
        }
        parts
    }

    fn rebuild_rows(&mut self) {
        let keep = self.cursor_segment();
        let rows = visible_rows(
            &self.transcript,
            |id| self.segment_shown(id),
            self.show_context && self.is_filtered(),
        );
        self.rows = rows;
        self.cursor = keep.map_or(0, |id| row_of_segment(&self.rows, id));
        self.search.refresh(&self.transcript, &self.rows);
    }

    fn message(&mut self, text: impl Into<String>, error: bool, now: Duration) {
        self.status = Some(Status {
            text: text.into(),
            error,
            until: now + STATUS_FOR,
            about_problems: false,
        });
    }

    fn move_cursor_to(&mut self, row: usize) {
        self.cursor = row.min(self.rows.len().saturating_sub(1));
        self.follow = false;
    }

    fn move_cursor_by(&mut self, delta: isize) {
        let row = self.cursor.saturating_add_signed(delta);
        self.move_cursor_to(row);
    }

    fn step_question(&mut self, forward: bool) {
        let is_question = |row: &Row| {
            self.transcript
                .segments
                .get(row.segment)
                .is_some_and(|s| s.kind == SegmentKind::Question)
        };
        let found = if forward {
            self.rows
                .iter()
                .skip(self.cursor + 1)
                .position(is_question)
                .map(|p| self.cursor + 1 + p)
        } else {
            self.rows[..self.cursor.min(self.rows.len())]
                .iter()
                .rposition(is_question)
        };
        if let Some(row) = found {
            self.move_cursor_to(row);
        }
    }

    /// Moves the playhead to `at` and the cursor to the segment under it.
    fn jump_to(&mut self, at: Timecode, now: Duration) {
        self.media(MediaCommand::Seek(at), now);
        self.follow = true;
        self.sync_playing(now);
        if let Some(segment) = self.index.segment_at(self.player.position(now)) {
            self.cursor = row_of_segment(&self.rows, segment);
        }
    }

    /// Puts the cursor on a segment, and the playhead at its start.
    fn go_to_segment(&mut self, segment: usize, now: Duration) {
        if segment >= self.transcript.segments.len() {
            return;
        }
        self.cursor = row_of_segment(&self.rows, segment);
        self.play_from_cursor(now);
        self.search.search_past(segment, true, &self.transcript);
        if let Some(found) = self.search.matches.iter().position(|&m| m == segment) {
            self.search.current = Some(found);
        }
    }

    fn play_from_cursor(&mut self, now: Duration) {
        let Some(segment) = self
            .cursor_segment()
            .and_then(|id| self.transcript.segments.get(id))
        else {
            return;
        };
        match segment.start {
            Some(start) => {
                self.media(MediaCommand::Seek(start), now);
                self.follow = true;
                self.sync_playing(now);
            }
            None => self.message("this segment has no timecode", true, now),
        }
    }

    /// Re-reads the playhead: skips what the filters hide while playing,
    /// pauses at the end, and keeps the cursor on the playing segment when following.
    fn sync_playing(&mut self, now: Duration) {
        if self.player.reached_end(now) {
            self.media(MediaCommand::Pause, now);
            if self.in_library && self.is_filtered() {
                self.effects.push(Effect::PlayedThrough);
            }
        }
        let mut at = self.player.position(now);
        if self.player.is_playing() && self.is_filtered() {
            let current = self.index.segment_at(at);
            if current.is_some_and(|id| !self.segment_played(id)) {
                // On to the next segment the filters show, or the end.
                let next = self.index.next_timed_from(at, |id| self.segment_played(id));
                at = next.map_or(self.player.end(), |(start, _)| start);
                self.media(MediaCommand::Seek(at), now);
                if next.is_none() {
                    self.media(MediaCommand::Pause, now);
                    if self.in_library {
                        self.effects.push(Effect::PlayedThrough);
                    }
                }
            }
        }
        let playing = self.index.segment_at(at);
        if playing != self.playing {
            self.playing = playing;
            if self.follow
                && let Some(segment) = playing
            {
                self.cursor = row_of_segment(&self.rows, segment);
            }
        }
    }

    /// Which roles in the index a `role` filter with these names keeps.
    fn role_mask_for(&self, names: &[String]) -> Vec<bool> {
        let filter = Filter {
            roles: names.to_vec(),
            speakers: Vec::new(),
        };
        let selection = Selection::of(&filter, &self.transcript, &self.index);
        selection.roles.unwrap_or_default()
    }

    /// Which speakers a `speaker` filter with this name keeps.
    fn speaker_mask_for(&self, name: &str) -> Vec<bool> {
        let filter = Filter {
            roles: Vec::new(),
            speakers: vec![name.to_owned()],
        };
        let selection = Selection::of(&filter, &self.transcript, &self.index);
        selection.speakers.unwrap_or_default()
    }

    /// A role filter and a speaker filter combine: a segment is shown when
    /// both keep it. A new filter that would leave nothing with the other
    /// is not applied, and the message says which filter is in the way.
    fn filter_roles(&mut self, names: &[String], now: Duration) {
        let mask = self.role_mask_for(names);
        if !mask.iter().any(|&on| on) {
            self.message(format!("no role matches {}", names.join(", ")), true, now);
            return;
        }
        let (old_mask, old_names) = (self.selection.roles.replace(mask), self.role_names.take());
        self.role_names = Some(names.to_vec());
        self.rebuild_rows();
        if self.rows.is_empty() && self.selection.speakers.is_some() {
            self.selection.roles = old_mask;
            self.role_names = old_names;
            self.rebuild_rows();
            self.message(
                format!(
                    "no segment of role {} with the speaker filter on (filters combine; x clears them)",
                    names.join(", ")
                ),
                true,
                now,
            );
        }
    }

    fn filter_speaker(&mut self, name: &str, now: Duration) {
        let mask = self.speaker_mask_for(name);
        if !mask.iter().any(|&on| on) {
            self.message(format!("no speaker matches {name}"), true, now);
            return;
        }
        let (old_mask, old_name) = (
            self.selection.speakers.replace(mask),
            self.speaker_name.take(),
        );
        self.speaker_name = Some(name.to_owned());
        self.rebuild_rows();
        if self.rows.is_empty() && self.selection.roles.is_some() {
            self.selection.speakers = old_mask;
            self.speaker_name = old_name;
            self.rebuild_rows();
            self.message(
                format!(
                    "{name} speaks in none of the roles shown (filters combine; x clears them)"
                ),
                true,
                now,
            );
        }
    }

    fn clear_filters(&mut self) {
        self.selection.roles = None;
        self.selection.speakers = None;
        self.role_names = None;
        self.speaker_name = None;
        self.search.clear();
        self.rebuild_rows();
    }

    fn next_match(&mut self, forward: bool, inclusive: bool) {
        let from = self.cursor_segment().unwrap_or(0);
        self.search.search_past(from, forward, &self.transcript);
        if let Some(segment) = self.search.step(from, forward, inclusive) {
            let row = row_of_segment(&self.rows, segment);
            self.move_cursor_to(row);
        }
    }

    /// Opens a picker, or says why there is nothing to pick.
    fn open_picker(&mut self, kind: PickerKind, now: Duration) {
        let entries: Vec<(String, bool)> = match kind {
            PickerKind::Roles => self
                .index
                .roles()
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    (
                        r.name.clone(),
                        self.selection
                            .roles
                            .as_ref()
                            .is_none_or(|m| m.get(i).copied().unwrap_or(false)),
                    )
                })
                .collect(),
            PickerKind::Speakers => self
                .transcript
                .speakers
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    (
                        s.label(),
                        self.selection
                            .speakers
                            .as_ref()
                            .is_none_or(|m| m.get(i).copied().unwrap_or(false)),
                    )
                })
                .collect(),
        };
        if entries.is_empty() {
            let what = match kind {
                PickerKind::Roles => "no roles to pick: this log names no one",
                PickerKind::Speakers => "no speakers to pick: this log names no one",
            };
            self.message(what, true, now);
            return;
        }
        self.mode = Mode::Picker(Picker::new(kind, entries));
    }

    fn run_command(&mut self, kind: PromptKind, input: &str, now: Duration) {
        let command = match parse_command(input, self.fps) {
            Ok(command) => command,
            Err(err) => {
                self.message(err, true, now);
                return;
            }
        };
        let is_time = matches!(command, Command::JumpTo(_) | Command::JumpBy(_));
        if kind == PromptKind::Jump && !is_time {
            self.message(format!("not a timecode: {}", input.trim()), true, now);
            return;
        }
        match command {
            Command::JumpTo(at) => self.jump_to(at, now),
            Command::JumpBy(ms) => self.jump_to(offset_by(self.player.position(now), ms), now),
            Command::Roles(names) => self.filter_roles(&names, now),
            Command::Speaker(name) => self.filter_speaker(&name, now),
            Command::Clear => self.clear_filters(),
            Command::Problems => self.show_problems(now),
            Command::Media(path) => match path.map(PathBuf::from).or(self.media_offer.clone()) {
                Some(path) => self.effects.push(Effect::OpenMedia(path)),
                None => self.message("no media beside this log: :media PATH opens one", true, now),
            },
            Command::Offset(ms) => self.set_offset(ms, now),
            Command::OffsetSync => self.sync_offset(now),
            Command::SelectFilter(filter) => self.filter_selects(filter, now),
            Command::Export {
                format,
                path,
                force,
            } => self.effects.push(Effect::Export {
                format,
                path: path.map(PathBuf::from),
                force,
            }),
            Command::Quit => self.effects.push(Effect::Quit),
        }
    }

    /// Swaps in the whole log once it has loaded, keeping the cursor, the
    /// playhead, the filters and the search where they were.
    /// Opens the list of the log's problems, or says there are none.
    pub fn show_problems(&mut self, now: Duration) {
        if self.transcript.diagnostics.is_empty() {
            self.message("no problems in this log", false, now);
        } else {
            self.mode = Mode::Problems(0);
        }
    }

    /// Moves the cursor to the segment a problem concerns: the last one that
    /// starts at or before its line.
    pub fn go_to_problem(&mut self, index: usize) {
        let Some(line) = self.transcript.diagnostics.get(index).map(|d| d.line) else {
            return;
        };
        let segment = self
            .transcript
            .segments
            .partition_point(|s| s.line <= line.max(1))
            .saturating_sub(1);
        self.cursor = row_of_segment(&self.rows, segment);
        self.follow = false;
    }

    /// An error the status line keeps until a key is pressed: a config
    /// file that could not be used, say.
    pub fn show_error(&mut self, text: String, now: Duration) {
        self.status = Some(Status {
            text,
            error: true,
            until: now + Duration::from_secs(60 * 60 * 24),
            about_problems: false,
        });
    }

    /// A message that stays for the usual time (not an error).
    pub fn show_note(&mut self, text: String, now: Duration) {
        self.message(text, false, now);
    }

    /// Reading the rest of a large log failed: the part on screen stays,
    /// and the status line says why until a key is pressed.
    pub fn loader_failed(&mut self, reason: &str, now: Duration) {
        self.show_error(
            format!("{reason}; only the first part of the log is shown"),
            now,
        );
    }

    pub fn replace_transcript(&mut self, transcript: Transcript, now: Duration) {
        let had_timed = self.index.first_timed().is_some();
        self.index = Index::new(&transcript);
        self.transcript = transcript;
        self.player.set_end(self.playable_end(), now);
        if !had_timed && let Some((first, _)) = self.index.first_timed() {
            // The first part had nothing timed: start where the log does.
            self.media(MediaCommand::Seek(first), now);
        }
        // Filters asked for by name are matched again against the whole log;
        // picked ones keep their picks, and what is new stays hidden.
        let (roles, speakers) = (self.index.roles().len(), self.transcript.speakers.len());
        if let Some(names) = &self.role_names {
            self.selection.roles = Some(self.role_mask_for(names));
        } else if let Some(mask) = &mut self.selection.roles {
            mask.resize(roles, false);
        }
        if let Some(name) = &self.speaker_name {
            self.selection.speakers = Some(self.speaker_mask_for(name));
        } else if let Some(mask) = &mut self.selection.speakers {
            mask.resize(speakers, false);
        }
        self.loading = None;
        if !self.selects.is_empty() {
            // The first part's segment numbers hold in the whole, but make sure.
            self.selects.reanchor(&self.transcript);
        }
        self.rebuild_rows();
        self.playing = None;
        self.sync_playing(now);
        self.forget_problem_report();
        if self.status.is_none() {
            self.report_problems(now);
        }
    }

    /// When something on screen changes next without input: the playhead's
    /// next second or segment, or a status message expiring. `None`: never.
    pub fn next_wake(&self, now: Duration) -> Option<Duration> {
        let position = self.player.position(now);
        let next_segment = self
            .index
            .next_timed_from(position.saturating_add_millis(1), |_| true)
            .map_or(self.player.end(), |(start, _)| start);
        let candidates = [
            self.player.real_time_to_next_second(now),
            self.player.real_time_until(next_segment, now),
            self.status.as_ref().map(|s| s.until.saturating_sub(now)),
            // A search with rows left goes on as soon as no key waits.
            self.search.is_searching().then_some(Duration::ZERO),
        ];
        candidates.into_iter().flatten().min()
    }
}

/// `at` moved by a signed number of milliseconds, never below zero.
fn offset_by(at: Timecode, ms: i64) -> Timecode {
    if ms >= 0 {
        at.saturating_add_millis(ms.unsigned_abs())
    } else {
        at.saturating_sub_millis(ms.unsigned_abs())
    }
}

/// `+10:00:00` or `-0:05`: an offset as the player bar shows it.
pub fn format_offset(ms: i64) -> String {
    let sign = if ms < 0 { '-' } else { '+' };
    format!("{sign}{}", Timecode::from_millis(ms.unsigned_abs()))
}
