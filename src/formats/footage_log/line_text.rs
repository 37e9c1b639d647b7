//! Text taken from the loaded buffer without copying it.
//!
//! While folding, text is kept as a [`Piece`]: a byte range of the buffer, or
//! an owned copy where it had to change (sanitized, or joined from several
//! lines). Pieces become shared [`Text`] when the drafts become segments.

use std::ops::Range;
use std::sync::Arc;

use crate::model::{Buffer, Text};

/// One source line after sanitizing, able to turn slices of itself into
/// [`Piece`]s of the file's buffer.
pub(super) struct LineContext<'l> {
    pub(super) number: usize,
    pub(super) offset: usize,
    pub(super) clean: &'l str,
    pub(super) borrowed: bool,
}

impl LineContext<'_> {
    /// A slice of this line as a piece: a range of the buffer when the line
    /// is the buffer's own text, else a copy of the sanitized text.
    pub(super) fn piece(&self, slice: &str) -> Piece {
        if self.borrowed {
            let start = self.offset + (slice.as_ptr() as usize - self.clean.as_ptr() as usize);
            Piece::InBuffer(start..start + slice.len())
        } else {
            Piece::Owned(slice.to_owned())
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

/// Text of the log: where it is in the buffer, or an owned copy.
#[derive(Debug, Clone)]
pub(super) enum Piece {
    InBuffer(Range<usize>),
    Owned(String),
}

impl Piece {
    pub(super) fn as_str<'a>(&'a self, buffer: &'a str) -> &'a str {
        match self {
            Piece::InBuffer(range) => buffer.get(range.clone()).unwrap_or_default(),
            Piece::Owned(text) => text,
        }
    }

    /// Adds more text after a separator; the piece becomes an owned copy.
    pub(super) fn append(&mut self, buffer: &str, separator: &str, more: &str) {
        if more.is_empty() {
            return;
        }
        let mut owned = match std::mem::replace(self, Piece::Owned(String::new())) {
            Piece::InBuffer(range) => buffer.get(range).unwrap_or_default().to_owned(),
            Piece::Owned(text) => text,
        };
        if !owned.is_empty() {
            owned.push_str(separator);
        }
        owned.push_str(more);
        *self = Piece::Owned(owned);
    }

    pub(super) fn into_string(self, buffer: &str) -> String {
        match self {
            Piece::InBuffer(range) => buffer.get(range).unwrap_or_default().to_owned(),
            Piece::Owned(text) => text,
        }
    }

    pub(super) fn into_text(self, buffer: &Arc<Buffer>) -> Text {
        match self {
            Piece::InBuffer(range) => Text::slice(buffer, range),
            Piece::Owned(text) => Text::from(text),
        }
    }
}
