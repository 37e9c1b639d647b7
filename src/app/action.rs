//! Everything the user can ask for: the keymap, the help overlay, the mouse
//! and the tests all speak this vocabulary.

/// One thing to do to the app state. Its name (`cursor_down`, `{"seek": -5000}`)
/// is how a keymap file will refer to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    CursorDown,
    CursorUp,
    PageDown,
    PageUp,
    First,
    Last,
    NextQuestion,
    PreviousQuestion,
    /// Move the cursor to a row of the visible list (a mouse click).
    Select(usize),
    /// Scroll by rows (mouse wheel); negative is up.
    Scroll(i32),
    PlayFromCursor,
    /// Move the cursor to a row and play from it (a double-click).
    PlayRow(usize),
    TogglePlay,
    /// Move the playhead by milliseconds; negative is back.
    Seek(i64),
    SlowDown,
    SpeedUp,
    Follow,
    OpenCommand,
    OpenJump,
    OpenSearch,
    NextMatch,
    PreviousMatch,
    PickRoles,
    PickSpeakers,
    ClearFilters,
    ToggleContext,
    ToggleSpeakers,
    ToggleHelp,
    /// The list of the log's problems.
    ShowProblems,
    /// Mark the segment under the cursor (or playing, when following) as a select, or unmark it.
    ToggleSelect,
    /// Set the in point of a select at the playhead.
    MarkIn,
    /// Set the out point of a select at the playhead.
    MarkOut,
    /// Write or change the note of a select.
    EditNote,
    /// The selects pane.
    ShowSelects,
    /// Move a select one place earlier in the paper edit.
    MoveSelectUp,
    /// Move a select one place later.
    MoveSelectDown,
    RemoveSelect,
    /// Undo the last change to the selects.
    Undo,
    /// Copy the segment or select as a quote with attribution.
    CopyQuote,
    /// Copy its timecode.
    CopyTimecode,
    Quit,
    /// Open the interview (or the hit) under the cursor in the player.
    Open,
    /// Leave the interview for the library it was opened from.
    Back,
    /// Sort the library by the next column.
    SortNext,
    /// Reverse the library's order.
    SortReverse,
    /// Narrow the library's rows by what they say (title, place, roles…).
    OpenFilter,
    /// Read the library's files again.
    Reread,
    /// Typing in a prompt.
    Input(char),
    Backspace,
    Submit,
    Cancel,
    PickerToggle,
    PickerAll,
    /// Time passed; the playhead may have moved.
    Tick,
    /// The media engine says where it is (never bound to a key).
    #[serde(skip)]
    Media(crate::media::MediaState),
}
