//! Text taken from the loaded buffer without copying it: slices of a line,
//! segment text that is copied only when a second piece is added, and lines
//! kept only in case they must be reported.

use std::sync::Arc;

use crate::model::Text;

/// One source line after sanitizing, able to turn slices of itself back into
/// [`Text`] that shares the file's buffer.
pub(super) struct LineContext<'l> {
    pub(super) number: usize,
    pub(super) offset: usize,
    pub(super) clean: &'l str,
    pub(super) borrowed: bool,
}

impl LineContext<'_> {
    pub(super) fn text(&self, buffer: &Arc<String>, slice: &str) -> Text {
        if self.borrowed {
            let start = self.offset + (slice.as_ptr() as usize - self.clean.as_ptr() as usize);
            Text::slice(buffer, start..start + slice.len())
        } else {
            Text::from(slice)
        }
    }

    pub(super) fn raw(&self, slice: &str) -> RawLine {
        if self.borrowed {
            let start = self.offset + (slice.as_ptr() as usize - self.clean.as_ptr() as usize);
            RawLine::InBuffer(start..start + slice.len())
        } else {
            RawLine::Cleaned(slice.to_owned())
        }
    }

    /// 1-based column of `slice` within the line.
    pub(super) fn column(&self, slice: &str) -> usize {
        let at = (slice.as_ptr() as usize).saturating_sub(self.clean.as_ptr() as usize);
        self.clean
            .get(..at)
            .map_or(1, |before| before.chars().count() + 1)
    }
}

/// A line kept only in case it has to be reported: where it is in the
/// buffer, or its sanitized copy. No shared text is taken for it, so the
/// common case costs nothing.
pub(super) enum RawLine {
    InBuffer(std::ops::Range<usize>),
    Cleaned(String),
}

impl RawLine {
    pub(super) fn into_string(self, buffer: &str) -> String {
        match self {
            RawLine::InBuffer(range) => buffer.get(range).unwrap_or_default().to_owned(),
            RawLine::Cleaned(text) => text,
        }
    }
}

/// Segment text that stays shared with the file until a second piece is added.
pub(super) enum TextBuf {
    Shared(Text),
    Owned(String),
}

impl TextBuf {
    pub(super) fn append(&mut self, separator: &str, more: &str) {
        if more.is_empty() {
            return;
        }
        let mut owned = match std::mem::replace(self, TextBuf::Owned(String::new())) {
            TextBuf::Shared(text) => text.as_str().to_owned(),
            TextBuf::Owned(text) => text,
        };
        if !owned.is_empty() {
            owned.push_str(separator);
        }
        owned.push_str(more);
        *self = TextBuf::Owned(owned);
    }

    pub(super) fn as_str(&self) -> &str {
        match self {
            TextBuf::Shared(text) => text.as_str(),
            TextBuf::Owned(text) => text,
        }
    }

    pub(super) fn into_text(self) -> Text {
        match self {
            TextBuf::Shared(text) => text,
            TextBuf::Owned(text) => Text::from(text),
        }
    }
}
