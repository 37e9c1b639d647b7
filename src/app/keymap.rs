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

/// A binding: keys, what they do, and how the help describes them.
pub struct Binding {
    pub keys: &'static [Key],
    /// The keys as the help shows them.
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
}

/// Keys in the transcript view.
pub const NORMAL: &[Binding] = &[
    Binding {
        keys: &[ch('j'), key(KeyCode::Down)],
        label: "j ↓",
        action: Action::CursorDown,
        help: "next segment",
    },
    Binding {
        keys: &[ch('k'), key(KeyCode::Up)],
        label: "k ↑",
        action: Action::CursorUp,
        help: "previous segment",
    },
    Binding {
        keys: &[
            key(KeyCode::PageDown),
            Key {
                code: KeyCode::Char('f'),
                ctrl: true,
            },
        ],
        label: "PgDn",
        action: Action::PageDown,
        help: "page down",
    },
    Binding {
        keys: &[
            key(KeyCode::PageUp),
            Key {
                code: KeyCode::Char('b'),
                ctrl: true,
            },
        ],
        label: "PgUp",
        action: Action::PageUp,
        help: "page up",
    },
    Binding {
        keys: &[ch('g'), key(KeyCode::Home)],
        label: "g Home",
        action: Action::First,
        help: "first segment",
    },
    Binding {
        keys: &[ch('G'), key(KeyCode::End)],
        label: "G End",
        action: Action::Last,
        help: "last segment",
    },
    Binding {
        keys: &[ch('}')],
        label: "}",
        action: Action::NextQuestion,
        help: "next question",
    },
    Binding {
        keys: &[ch('{')],
        label: "{",
        action: Action::PreviousQuestion,
        help: "previous question",
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        label: "Enter",
        action: Action::PlayFromCursor,
        help: "playhead to the cursor (also double-click)",
    },
    Binding {
        keys: &[ch(' ')],
        label: "Space",
        action: Action::TogglePlay,
        help: "play / pause",
    },
    Binding {
        keys: &[ch('h'), key(KeyCode::Left)],
        label: "h ←",
        action: Action::Seek(-5_000),
        help: "back 5 s",
    },
    Binding {
        keys: &[ch('l'), key(KeyCode::Right)],
        label: "l →",
        action: Action::Seek(5_000),
        help: "forward 5 s",
    },
    Binding {
        keys: &[ch('H')],
        label: "H",
        action: Action::Seek(-30_000),
        help: "back 30 s",
    },
    Binding {
        keys: &[ch('L')],
        label: "L",
        action: Action::Seek(30_000),
        help: "forward 30 s",
    },
    Binding {
        keys: &[ch('-')],
        label: "-",
        action: Action::SlowDown,
        help: "slower (down to 0.5×)",
    },
    Binding {
        keys: &[ch('+'), ch('=')],
        label: "+",
        action: Action::SpeedUp,
        help: "faster (up to 3×)",
    },
    Binding {
        keys: &[ch('f')],
        label: "f",
        action: Action::Follow,
        help: "follow the playhead again",
    },
    Binding {
        keys: &[ch(':')],
        label: ":",
        action: Action::OpenCommand,
        help: "command: TIMECODE, +30, -1:00, role A,B, speaker X, clear",
    },
    Binding {
        keys: &[ch('t')],
        label: "t",
        action: Action::OpenJump,
        help: "jump to a timecode",
    },
    Binding {
        keys: &[ch('/')],
        label: "/",
        action: Action::OpenSearch,
        help: "search text, names and roles (smart case)",
    },
    Binding {
        keys: &[ch('n')],
        label: "n",
        action: Action::NextMatch,
        help: "next match",
    },
    Binding {
        keys: &[ch('N')],
        label: "N",
        action: Action::PreviousMatch,
        help: "previous match",
    },
    Binding {
        keys: &[ch('r')],
        label: "r",
        action: Action::PickRoles,
        help: "pick roles to show",
    },
    Binding {
        keys: &[ch('s')],
        label: "s",
        action: Action::PickSpeakers,
        help: "pick speakers to show",
    },
    Binding {
        keys: &[ch('x')],
        label: "x",
        action: Action::ClearFilters,
        help: "clear filters and search",
    },
    Binding {
        keys: &[ch('Q')],
        label: "Q",
        action: Action::ToggleContext,
        help: "show or hide questions of filtered answers",
    },
    Binding {
        keys: &[key(KeyCode::Tab)],
        label: "Tab",
        action: Action::ToggleSpeakers,
        help: "speakers panel",
    },
    Binding {
        keys: &[ch('w')],
        label: "w",
        action: Action::ShowProblems,
        help: "this log's problems (also :problems); Enter goes to one",
    },
    Binding {
        keys: &[ch('?')],
        label: "?",
        action: Action::ToggleHelp,
        help: "this help",
    },
    Binding {
        keys: &[
            ch('q'),
            Key {
                code: KeyCode::Char('c'),
                ctrl: true,
            },
        ],
        label: "q Ctrl-C",
        action: Action::Quit,
        help: "quit",
    },
];

/// Keys while typing a command or a search.
pub const PROMPT: &[Binding] = &[
    Binding {
        keys: &[key(KeyCode::Enter)],
        label: "Enter",
        action: Action::Submit,
        help: "run the command / keep the search",
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        label: "Esc",
        action: Action::Cancel,
        help: "cancel (clears the search)",
    },
    Binding {
        keys: &[key(KeyCode::Backspace)],
        label: "Backspace",
        action: Action::Backspace,
        help: "delete a character",
    },
];

/// Keys in the list of problems.
pub const PROBLEMS: &[Binding] = &[
    Binding {
        keys: &[ch('j'), key(KeyCode::Down)],
        label: "j ↓",
        action: Action::CursorDown,
        help: "next problem",
    },
    Binding {
        keys: &[ch('k'), key(KeyCode::Up)],
        label: "k ↑",
        action: Action::CursorUp,
        help: "previous problem",
    },
    Binding {
        keys: &[key(KeyCode::PageDown)],
        label: "PgDn",
        action: Action::PageDown,
        help: "page down",
    },
    Binding {
        keys: &[key(KeyCode::PageUp)],
        label: "PgUp",
        action: Action::PageUp,
        help: "page up",
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        label: "Enter",
        action: Action::Submit,
        help: "go to the segment it concerns",
    },
    Binding {
        keys: &[key(KeyCode::Esc), ch('q'), ch('w')],
        label: "Esc q w",
        action: Action::Cancel,
        help: "close",
    },
];

/// Keys in the role and speaker pickers.
pub const PICKER: &[Binding] = &[
    Binding {
        keys: &[ch('j'), key(KeyCode::Down)],
        label: "j ↓",
        action: Action::CursorDown,
        help: "next entry",
    },
    Binding {
        keys: &[ch('k'), key(KeyCode::Up)],
        label: "k ↑",
        action: Action::CursorUp,
        help: "previous entry",
    },
    Binding {
        keys: &[ch(' ')],
        label: "Space",
        action: Action::PickerToggle,
        help: "show / hide this entry",
    },
    Binding {
        keys: &[ch('a')],
        label: "a",
        action: Action::PickerAll,
        help: "all shown on / all off",
    },
    Binding {
        keys: &[ch('/')],
        label: "/",
        action: Action::OpenSearch,
        help: "type to narrow the list (Enter keeps it, Esc clears it)",
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        label: "Enter",
        action: Action::Submit,
        help: "apply",
    },
    Binding {
        keys: &[key(KeyCode::Esc), ch('q')],
        label: "Esc",
        action: Action::Cancel,
        help: "cancel",
    },
];

fn lookup(table: &[Binding], event: KeyEvent) -> Option<Action> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    table
        .iter()
        .find(|b| {
            b.keys
                .iter()
                .any(|k| k.code == event.code && k.ctrl == ctrl)
        })
        .map(|b| b.action)
}

/// What a key does in the given mode.
pub fn action_for(mode: &super::Mode, event: KeyEvent) -> Option<Action> {
    use super::Mode;
    let ctrl_c =
        event.code == KeyCode::Char('c') && event.modifiers.contains(KeyModifiers::CONTROL);
    match mode {
        Mode::Normal => lookup(NORMAL, event),
        Mode::Help(_) => match event.code {
            _ if ctrl_c => Some(Action::Quit),
            KeyCode::Char('q' | '?') | KeyCode::Esc | KeyCode::Enter => Some(Action::ToggleHelp),
            KeyCode::Char('j') | KeyCode::Down => Some(Action::CursorDown),
            KeyCode::Char('k') | KeyCode::Up => Some(Action::CursorUp),
            KeyCode::PageDown | KeyCode::Char(' ') => Some(Action::PageDown),
            KeyCode::PageUp => Some(Action::PageUp),
            _ => None,
        },
        Mode::Prompt(_) => lookup(PROMPT, event).or(match event.code {
            _ if ctrl_c => Some(Action::Cancel),
            KeyCode::Char(c) if !event.modifiers.contains(KeyModifiers::CONTROL) => {
                Some(Action::Input(c))
            }
            _ => None,
        }),
        Mode::Problems(_) => {
            if ctrl_c {
                Some(Action::Quit)
            } else {
                lookup(PROBLEMS, event)
            }
        }
        Mode::Picker(picker) if picker.typing => lookup(PROMPT, event).or(match event.code {
            _ if ctrl_c => Some(Action::Quit),
            KeyCode::Char(c) if !event.modifiers.contains(KeyModifiers::CONTROL) => {
                Some(Action::Input(c))
            }
            _ => None,
        }),
        Mode::Picker(_) => {
            if ctrl_c {
                Some(Action::Quit)
            } else {
                lookup(PICKER, event)
            }
        }
    }
}
