//! The role and speaker pickers: a checklist edited before it is applied.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerKind {
    Roles,
    Speakers,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub kind: PickerKind,
    /// Label and whether it is shown.
    pub entries: Vec<(String, bool)>,
    pub cursor: usize,
}

impl Picker {
    pub fn new(kind: PickerKind, entries: Vec<(String, bool)>) -> Self {
        Picker {
            kind,
            entries,
            cursor: 0,
        }
    }

    pub fn move_cursor(&mut self, down: bool) {
        let last = self.entries.len().saturating_sub(1);
        self.cursor = if down {
            (self.cursor + 1).min(last)
        } else {
            self.cursor.saturating_sub(1)
        };
    }

    pub fn toggle(&mut self) {
        if let Some(entry) = self.entries.get_mut(self.cursor) {
            entry.1 = !entry.1;
        }
    }

    /// All on, or all off when all are on already.
    pub fn toggle_all(&mut self) {
        let all_on = self.entries.iter().all(|e| e.1);
        for entry in &mut self.entries {
            entry.1 = !all_on;
        }
    }

    /// `None` when everything is picked: no filter at all.
    pub fn mask(&self) -> Option<Vec<bool>> {
        let mask: Vec<bool> = self.entries.iter().map(|e| e.1).collect();
        (!mask.iter().all(|&on| on)).then_some(mask)
    }
}
