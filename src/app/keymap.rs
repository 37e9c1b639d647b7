//! The default keymap: one table that both dispatches keys and writes the
//! help overlay, so the help never lies. A user keymap will layer on top.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::Action;

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn key(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

/// A binding: keys, what they do, and how the help describes them. The
/// help shows the keys as [`Key`] prints them, so it cannot drift from them.
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

/// Keys as the help shows them: `pagedown ctrl-f`.
fn label_of(keys: &[Key]) -> String {
    keys.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Binding {
    /// The keys as the help shows them: `pagedown ctrl-f`.
    pub fn label(&self) -> String {
        label_of(self.keys)
    }
}

/// Key names in the notation the help prints and a keymap file will take.
const NAMED_KEYS: &[(&str, KeyCode)] = &[
    ("space", KeyCode::Char(' ')),
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("shift-tab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
];

impl std::fmt::Display for Key {
    /// `j`, `?`, `space`, `pagedown`, `ctrl-f`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        match NAMED_KEYS.iter().find(|(_, code)| *code == self.code) {
            Some((name, _)) => f.write_str(name),
            None => match self.code {
                KeyCode::Char(c) => write!(f, "{c}"),
                KeyCode::F(n) => write!(f, "f{n}"),
                other => write!(f, "{other:?}"),
            },
        }
    }
}

impl std::str::FromStr for Key {
    type Err = String;

    /// The notation [`Key`] prints, any case for names: `ctrl-f`, `pagedown`, `G`.
    fn from_str(text: &str) -> Result<Key, String> {
        let (ctrl, rest) = match text.get(..5) {
            Some(prefix) if prefix.eq_ignore_ascii_case("ctrl-") && text.len() > 5 => {
                (true, &text[5..])
            }
            _ => (false, text),
        };
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => NAMED_KEYS
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(rest))
                .map(|(_, code)| *code)
                .or_else(|| {
                    let n: u8 = rest.strip_prefix(['f', 'F'])?.parse().ok()?;
                    (1..=12).contains(&n).then_some(KeyCode::F(n))
                })
                .ok_or_else(|| format!("no key called `{text}`"))?,
        };
        Ok(Key { code, ctrl })
    }
}

/// Keys in the transcript view.
pub const NORMAL: &[Binding] = &[
    Binding {
        keys: &[ch('j'), key(KeyCode::Down)],
        action: Action::CursorDown,
        help: "next segment",
    },
    Binding {
        keys: &[ch('k'), key(KeyCode::Up)],
        action: Action::CursorUp,
        help: "previous segment",
    },
    Binding {
        keys: &[key(KeyCode::PageDown), ctrl('f')],
        action: Action::PageDown,
        help: "page down",
    },
    Binding {
        keys: &[key(KeyCode::PageUp), ctrl('b')],
        action: Action::PageUp,
        help: "page up",
    },
    Binding {
        keys: &[ch('g'), key(KeyCode::Home)],
        action: Action::First,
        help: "first segment",
    },
    Binding {
        keys: &[ch('G'), key(KeyCode::End)],
        action: Action::Last,
        help: "last segment",
    },
    Binding {
        keys: &[ch('}')],
        action: Action::NextQuestion,
        help: "next question",
    },
    Binding {
        keys: &[ch('{')],
        action: Action::PreviousQuestion,
        help: "previous question",
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        action: Action::PlayFromCursor,
        help: "playhead to the cursor (also double-click)",
    },
    Binding {
        keys: &[ch(' ')],
        action: Action::TogglePlay,
        help: "play / pause",
    },
    Binding {
        keys: &[ch('h'), key(KeyCode::Left)],
        action: Action::Seek(-5_000),
        help: "back 5 s",
    },
    Binding {
        keys: &[ch('l'), key(KeyCode::Right)],
        action: Action::Seek(5_000),
        help: "forward 5 s",
    },
    Binding {
        keys: &[ch('H')],
        action: Action::Seek(-30_000),
        help: "back 30 s",
    },
    Binding {
        keys: &[ch('L')],
        action: Action::Seek(30_000),
        help: "forward 30 s",
    },
    Binding {
        keys: &[ch('-')],
        action: Action::SlowDown,
        help: "slower (down to 0.5×)",
    },
    Binding {
        keys: &[ch('+'), ch('=')],
        action: Action::SpeedUp,
        help: "faster (up to 3×)",
    },
    Binding {
        keys: &[ch('f')],
        action: Action::Follow,
        help: "follow the playhead again",
    },
    Binding {
        keys: &[ch(':')],
        action: Action::OpenCommand,
        help: "command: TIMECODE, +30, -1:00, role A,B, speaker X, clear",
    },
    Binding {
        keys: &[ch('t')],
        action: Action::OpenJump,
        help: "jump to a timecode",
    },
    Binding {
        keys: &[ch('/')],
        action: Action::OpenSearch,
        help: "search text, names and roles (smart case)",
    },
    Binding {
        keys: &[ch('n')],
        action: Action::NextMatch,
        help: "next match",
    },
    Binding {
        keys: &[ch('N')],
        action: Action::PreviousMatch,
        help: "previous match",
    },
    Binding {
        keys: &[ch('r')],
        action: Action::PickRoles,
        help: "pick roles to show",
    },
    Binding {
        keys: &[ch('s')],
        action: Action::PickSpeakers,
        help: "pick speakers to show",
    },
    Binding {
        keys: &[ch('x')],
        action: Action::ClearFilters,
        help: "clear filters and search",
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        action: Action::Cancel,
        help: "clear the search; then back to the library",
    },
    Binding {
        keys: &[key(KeyCode::Backspace)],
        action: Action::Back,
        help: "back to the library (when opened from one)",
    },
    Binding {
        keys: &[ch('Q')],
        action: Action::ToggleContext,
        help: "show or hide questions of filtered answers",
    },
    Binding {
        keys: &[key(KeyCode::Tab)],
        action: Action::ToggleSpeakers,
        help: "speakers panel",
    },
    Binding {
        keys: &[ch('w')],
        action: Action::ShowProblems,
        help: "this log's problems (also :problems); Enter goes to one",
    },
    Binding {
        keys: &[ch('m')],
        action: Action::ToggleSelect,
        help: "mark / unmark a select (the playing one, when following)",
    },
    Binding {
        keys: &[ch('i')],
        action: Action::MarkIn,
        help: "in point of a select at the playhead",
    },
    Binding {
        keys: &[ch('o')],
        action: Action::MarkOut,
        help: "out point of a select at the playhead",
    },
    Binding {
        keys: &[ch('a')],
        action: Action::EditNote,
        help: "note on the select (#words are tags)",
    },
    Binding {
        keys: &[ch('S')],
        action: Action::ShowSelects,
        help: "the selects pane: order, notes, running time",
    },
    Binding {
        keys: &[ch('u')],
        action: Action::Undo,
        help: "undo the last change to the selects",
    },
    Binding {
        keys: &[ch('y')],
        action: Action::CopyQuote,
        help: "copy as a quote with attribution (works over SSH)",
    },
    Binding {
        keys: &[ch('Y')],
        action: Action::CopyTimecode,
        help: "copy the timecode",
    },
    Binding {
        keys: &[ch('?')],
        action: Action::ToggleHelp,
        help: "this help",
    },
    Binding {
        keys: &[ch('q'), ctrl('c')],
        action: Action::Quit,
        help: "quit",
    },
];

fn is_ctrl_c(event: KeyEvent) -> bool {
    event.code == KeyCode::Char('c') && event.modifiers.contains(KeyModifiers::CONTROL)
}

/// Keys while typing a command or a search.
pub const PROMPT: &[Binding] = &[
    Binding {
        keys: &[key(KeyCode::Enter)],
        action: Action::Submit,
        help: "run the command / keep the search",
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        action: Action::Cancel,
        help: "cancel (clears the search)",
    },
    Binding {
        keys: &[key(KeyCode::Backspace)],
        action: Action::Backspace,
        help: "delete a character",
    },
];

/// Keys in the help overlay.
pub const HELP: &[Binding] = &[
    Binding {
        keys: &[ch('j'), key(KeyCode::Down)],
        action: Action::CursorDown,
        help: "scroll down",
    },
    Binding {
        keys: &[ch('k'), key(KeyCode::Up)],
        action: Action::CursorUp,
        help: "scroll up",
    },
    Binding {
        keys: &[key(KeyCode::PageDown), ch(' ')],
        action: Action::PageDown,
        help: "page down",
    },
    Binding {
        keys: &[key(KeyCode::PageUp)],
        action: Action::PageUp,
        help: "page up",
    },
    Binding {
        keys: &[ch('?'), key(KeyCode::Esc), ch('q'), key(KeyCode::Enter)],
        action: Action::ToggleHelp,
        help: "close the help",
    },
];

/// Keys in the list of problems.
pub const PROBLEMS: &[Binding] = &[
    Binding {
        keys: &[ch('j'), key(KeyCode::Down)],
        action: Action::CursorDown,
        help: "next problem",
    },
    Binding {
        keys: &[ch('k'), key(KeyCode::Up)],
        action: Action::CursorUp,
        help: "previous problem",
    },
    Binding {
        keys: &[key(KeyCode::PageDown)],
        action: Action::PageDown,
        help: "page down",
    },
    Binding {
        keys: &[key(KeyCode::PageUp)],
        action: Action::PageUp,
        help: "page up",
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        action: Action::Submit,
        help: "go to the segment it concerns",
    },
    Binding {
        keys: &[key(KeyCode::Esc), ch('q'), ch('w')],
        action: Action::Cancel,
        help: "close",
    },
];

/// Keys in the selects pane.
pub const SELECTS: &[Binding] = &[
    Binding {
        keys: &[ch('j'), key(KeyCode::Down)],
        action: Action::CursorDown,
        help: "next select",
    },
    Binding {
        keys: &[ch('k'), key(KeyCode::Up)],
        action: Action::CursorUp,
        help: "previous select",
    },
    Binding {
        keys: &[ch('K')],
        action: Action::MoveSelectUp,
        help: "move it earlier in the edit",
    },
    Binding {
        keys: &[ch('J')],
        action: Action::MoveSelectDown,
        help: "move it later in the edit",
    },
    Binding {
        keys: &[ch('d')],
        action: Action::RemoveSelect,
        help: "remove it",
    },
    Binding {
        keys: &[ch('a')],
        action: Action::EditNote,
        help: "its note",
    },
    Binding {
        keys: &[ch('u')],
        action: Action::Undo,
        help: "undo the last change",
    },
    Binding {
        keys: &[ch('y')],
        action: Action::CopyQuote,
        help: "copy it as a quote",
    },
    Binding {
        keys: &[ch('Y')],
        action: Action::CopyTimecode,
        help: "copy its timecode",
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        action: Action::Submit,
        help: "go to it",
    },
    Binding {
        keys: &[key(KeyCode::Esc), ch('q'), ch('S')],
        action: Action::Cancel,
        help: "close",
    },
];

/// Keys in the role and speaker pickers.
pub const PICKER: &[Binding] = &[
    Binding {
        keys: &[ch('j'), key(KeyCode::Down)],
        action: Action::CursorDown,
        help: "next entry",
    },
    Binding {
        keys: &[ch('k'), key(KeyCode::Up)],
        action: Action::CursorUp,
        help: "previous entry",
    },
    Binding {
        keys: &[ch(' ')],
        action: Action::PickerToggle,
        help: "show / hide this entry",
    },
    Binding {
        keys: &[ch('a')],
        action: Action::PickerAll,
        help: "all shown on / all off",
    },
    Binding {
        keys: &[ch('/')],
        action: Action::OpenSearch,
        help: "type to narrow the list (Enter keeps it, Esc clears it)",
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        action: Action::Submit,
        help: "apply",
    },
    Binding {
        keys: &[key(KeyCode::Esc), ch('q')],
        action: Action::Cancel,
        help: "cancel",
    },
];

/// Keys in the library: the list of interviews, or the hits of a search
/// across them.
pub const LIBRARY: &[Binding] = &[
    Binding {
        keys: &[ch('j'), key(KeyCode::Down)],
        action: Action::CursorDown,
        help: "next row",
    },
    Binding {
        keys: &[ch('k'), key(KeyCode::Up)],
        action: Action::CursorUp,
        help: "previous row",
    },
    Binding {
        keys: &[key(KeyCode::PageDown), ctrl('f')],
        action: Action::PageDown,
        help: "page down",
    },
    Binding {
        keys: &[key(KeyCode::PageUp), ctrl('b')],
        action: Action::PageUp,
        help: "page up",
    },
    Binding {
        keys: &[ch('g'), key(KeyCode::Home)],
        action: Action::First,
        help: "first row",
    },
    Binding {
        keys: &[ch('G'), key(KeyCode::End)],
        action: Action::Last,
        help: "last row",
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        action: Action::Open,
        help: "open the interview, at the hit (Backspace comes back)",
    },
    Binding {
        keys: &[ch('/')],
        action: Action::OpenSearch,
        help: "search every interview",
    },
    Binding {
        keys: &[ch('n')],
        action: Action::NextMatch,
        help: "next hit",
    },
    Binding {
        keys: &[ch('N')],
        action: Action::PreviousMatch,
        help: "previous hit",
    },
    Binding {
        keys: &[ch(':')],
        action: Action::OpenCommand,
        help: "command (:role, :speaker, :sort)",
    },
    Binding {
        keys: &[ch('f')],
        action: Action::OpenFilter,
        help: "narrow the interviews by title, place, roles…",
    },
    Binding {
        keys: &[ch('s')],
        action: Action::SortNext,
        help: "sort by the next column",
    },
    Binding {
        keys: &[ch('r')],
        action: Action::SortReverse,
        help: "reverse the order",
    },
    Binding {
        keys: &[key(KeyCode::Esc), ch('x')],
        action: Action::ClearFilters,
        help: "clear the search and the filters",
    },
    Binding {
        keys: &[key(KeyCode::Tab)],
        action: Action::ToggleSpeakers,
        help: "roles and speakers across the library",
    },
    Binding {
        keys: &[ch('!')],
        action: Action::ShowProblems,
        help: "files skipped, and why",
    },
    Binding {
        keys: &[ch('R')],
        action: Action::Reread,
        help: "read the files again",
    },
    Binding {
        keys: &[ch('?')],
        action: Action::ToggleHelp,
        help: "this help",
    },
    Binding {
        keys: &[ch('q'), ctrl('c')],
        action: Action::Quit,
        help: "quit",
    },
];

/// The modes a keymap has, as a config file names them.
pub const MODES: &[&str] = &[
    "normal", "prompt", "picker", "problems", "selects", "help", "library",
];

/// The default table of a mode.
fn table(mode: &str) -> &'static [Binding] {
    match mode {
        "prompt" => PROMPT,
        "picker" => PICKER,
        "problems" => PROBLEMS,
        "selects" => SELECTS,
        "help" => HELP,
        "library" => LIBRARY,
        _ => NORMAL,
    }
}

/// An action and the keys that ask for it, with what the help says of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Bound {
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: String,
}

impl Bound {
    /// The keys as the help shows them: `pagedown ctrl-f`.
    pub fn label(&self) -> String {
        label_of(&self.keys)
    }
}

/// The keys in effect: the default tables with the user's bindings on top.
/// The help overlay and the config file's documentation are drawn from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    modes: Vec<(&'static str, Vec<Bound>)>,
}

impl Default for Keymap {
    fn default() -> Self {
        let modes = MODES
            .iter()
            .map(|mode| {
                let bound = table(mode)
                    .iter()
                    .map(|binding| Bound {
                        keys: binding.keys.to_vec(),
                        action: binding.action,
                        help: binding.help.to_owned(),
                    })
                    .collect();
                (*mode, bound)
            })
            .collect();
        Keymap { modes }
    }
}

/// What the help says of an action bound by the user: what the mode's
/// default table says of it, else another table, else its name.
fn help_for(mode: &str, action: Action) -> String {
    table(mode)
        .iter()
        .chain(MODES.iter().flat_map(|other| table(other).iter()))
        .find(|binding| binding.action == action)
        .map_or_else(|| action_name(action), |binding| binding.help.to_owned())
}

/// `cursor_down`, or `seek -5000` for an action with a value.
fn action_name(action: Action) -> String {
    match serde_json::to_value(action).unwrap_or_default() {
        serde_json::Value::String(name) => name,
        serde_json::Value::Object(map) => map
            .iter()
            .map(|(name, value)| format!("{name} {value}"))
            .collect::<Vec<_>>()
            .join(" "),
        other => other.to_string(),
    }
}

/// An action as a config file writes it: `"cursor_down"` or `{ seek = -5000 }`.
fn action_in_toml(action: Action) -> String {
    match serde_json::to_value(action).unwrap_or_default() {
        serde_json::Value::Object(map) => {
            let fields: Vec<String> = map.iter().map(|(k, v)| format!("{k} = {v}")).collect();
            format!("{{ {} }}", fields.join(", "))
        }
        other => other.to_string(),
    }
}

impl Keymap {
    fn mode_mut(&mut self, mode: &str) -> Option<&mut Vec<Bound>> {
        self.modes
            .iter_mut()
            .find(|(name, _)| *name == mode)
            .map(|(_, bound)| bound)
    }

    /// The bindings of a mode, for the help.
    pub fn bindings(&self, mode: &str) -> &[Bound] {
        self.modes
            .iter()
            .find(|(name, _)| *name == mode)
            .map_or(&[], |(_, bound)| bound.as_slice())
    }

    /// Binds `key` to `action` in `mode`, replacing what it did there;
    /// `None` unbinds it.
    pub fn bind(&mut self, mode: &str, key: Key, action: Option<Action>) {
        if action.is_some() && self.action(mode, key) == action {
            return;
        }
        let Some(bound) = self.mode_mut(mode) else {
            return;
        };
        for binding in bound.iter_mut() {
            binding.keys.retain(|k| *k != key);
        }
        bound.retain(|binding| !binding.keys.is_empty());
        let Some(action) = action else {
            return;
        };
        match bound.iter_mut().find(|binding| binding.action == action) {
            Some(binding) => binding.keys.push(key),
            None => bound.push(Bound {
                keys: vec![key],
                action,
                help: help_for(mode, action),
            }),
        }
    }

    /// What `key` does in `mode`.
    pub fn action(&self, mode: &str, key: Key) -> Option<Action> {
        self.bindings(mode)
            .iter()
            .find(|binding| binding.keys.contains(&key))
            .map(|binding| binding.action)
    }

    fn lookup(&self, mode: &str, event: KeyEvent) -> Option<Action> {
        let key = Key {
            code: event.code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
        };
        self.action(mode, key)
    }

    /// What a key does in the given mode. Ctrl-C always quits (or leaves a
    /// prompt).
    pub fn action_for(&self, mode: &super::Mode, event: KeyEvent) -> Option<Action> {
        use super::Mode;
        match mode {
            Mode::Normal => self.action_in("normal", false, event),
            Mode::Prompt(_) => self.action_in("prompt", true, event),
            Mode::Picker(picker) if picker.typing => {
                let ctrl_c = is_ctrl_c(event);
                self.action_in("prompt", true, event)
                    .map(|action| if ctrl_c { Action::Quit } else { action })
            }
            Mode::Help(_) => self.action_in("help", false, event),
            Mode::Problems(_) => self.action_in("problems", false, event),
            Mode::Selects(_) => self.action_in("selects", false, event),
            Mode::Picker(_) => self.action_in("picker", false, event),
        }
    }

    /// What a key does in the mode named `mode`. While `typing`, a
    /// character the mode does not bind is typed and Ctrl-C cancels;
    /// otherwise Ctrl-C quits.
    pub fn action_in(&self, mode: &str, typing: bool, event: KeyEvent) -> Option<Action> {
        let ctrl_c = is_ctrl_c(event);
        if !typing {
            return if ctrl_c && mode != "normal" && mode != "library" {
                Some(Action::Quit)
            } else {
                self.lookup(mode, event)
            };
        }
        self.lookup(mode, event).or(match event.code {
            _ if ctrl_c => Some(Action::Cancel),
            KeyCode::Char(c) if !event.modifiers.contains(KeyModifiers::CONTROL) => {
                Some(Action::Input(c))
            }
            _ => None,
        })
    }

    /// The keymap as a config file's `[keys.MODE]` tables, each binding
    /// with the help's words as a comment.
    pub fn to_config(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        for (mode, bound) in &self.modes {
            let _ = write!(out, "\n[keys.{mode}]\n");
            for binding in bound {
                let _ = writeln!(out, "# {}", binding.help);
                for key in &binding.keys {
                    let _ = writeln!(
                        out,
                        "{:?} = {}",
                        key.to_string(),
                        action_in_toml(binding.action)
                    );
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_print_and_read_back_in_one_notation() {
        for table in [NORMAL, PROMPT, PICKER, PROBLEMS, HELP] {
            for binding in table {
                for key in binding.keys {
                    assert_eq!(key.to_string().parse::<Key>(), Ok(*key), "{key}");
                }
            }
        }
        assert_eq!(
            "Ctrl-F".parse::<Key>(),
            Ok(Key {
                code: KeyCode::Char('F'),
                ctrl: true
            })
        );
        assert_eq!("PageDown".parse::<Key>(), Ok(key(KeyCode::PageDown)));
        assert!("hyper-x".parse::<Key>().is_err());
    }

    #[test]
    fn the_help_names_every_key_a_binding_has() {
        let page_down = NORMAL.iter().find(|b| b.action == Action::PageDown);
        assert_eq!(
            page_down.map(Binding::label).as_deref(),
            Some("pagedown ctrl-f")
        );
        let cancel = PICKER.iter().find(|b| b.action == Action::Cancel);
        assert_eq!(cancel.map(Binding::label).as_deref(), Some("esc q"));
        let keymap = Keymap::default();
        let bound = keymap
            .bindings("normal")
            .iter()
            .find(|b| b.action == Action::PageDown);
        assert_eq!(bound.map(Bound::label).as_deref(), Some("pagedown ctrl-f"));
    }

    #[test]
    fn every_bound_action_has_a_snake_case_name_that_reads_back() {
        for table in [NORMAL, PROMPT, PICKER, PROBLEMS, HELP] {
            for binding in table {
                let written = serde_json::to_value(binding.action).unwrap_or_default();
                // `"cursor_down"`, or `{"seek": -5000}` for an action that carries a value.
                let name = written
                    .as_str()
                    .or_else(|| written.as_object()?.keys().next().map(String::as_str))
                    .unwrap_or_default();
                assert!(
                    !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                    "{written}"
                );
                let read: Option<Action> = serde_json::from_value(written).ok();
                assert_eq!(read, Some(binding.action));
            }
        }
    }
}
