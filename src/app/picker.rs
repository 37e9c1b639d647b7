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
    /// Position of the cursor among the entries that match `query`.
    pub cursor: usize,
    /// Narrows the list to the labels that hold it (any case): a log may name
    /// dozens of speakers.
    pub query: String,
    /// Whether keys type into `query` (after `/`).
    pub typing: bool,
}

impl Picker {
    pub fn new(kind: PickerKind, entries: Vec<(String, bool)>) -> Self {
        Picker {
            kind,
            entries,
            cursor: 0,
            query: String::new(),
            typing: false,
        }
    }

    /// The indices of the entries whose label holds the query, in order.
    pub fn visible(&self) -> Vec<usize> {
        let query = self.query.to_lowercase();
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, (label, _))| label.to_lowercase().contains(&query))
            .map(|(i, _)| i)
            .collect()
    }

    /// Types into the query, or takes a character back off it.
    pub fn edit_query(&mut self, typed: Option<char>) {
        match typed {
            Some(c) => self.query.push(c),
            None => {
                self.query.pop();
            }
        }
        self.cursor = 0;
    }

    pub fn move_cursor(&mut self, down: bool) {
        let last = self.visible().len().saturating_sub(1);
        self.cursor = if down {
            (self.cursor + 1).min(last)
        } else {
            self.cursor.saturating_sub(1)
        };
    }

    pub fn toggle(&mut self) {
        let at = self.visible().get(self.cursor).copied();
        if let Some(entry) = at.and_then(|at| self.entries.get_mut(at)) {
            entry.1 = !entry.1;
        }
    }

    /// All the entries shown on, or all off when all are on already.
    pub fn toggle_all(&mut self) {
        let shown = self.visible();
        let all_on = shown.iter().all(|&i| self.entries[i].1);
        for i in shown {
            self.entries[i].1 = !all_on;
        }
    }

    /// `None` when everything is picked: no filter at all.
    pub fn mask(&self) -> Option<Vec<bool>> {
        let mask: Vec<bool> = self.entries.iter().map(|e| e.1).collect();
        (!mask.iter().all(|&on| on)).then_some(mask)
    }
}
