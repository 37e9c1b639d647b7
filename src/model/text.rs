//! Text that shares the loaded file's buffer instead of copying it.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

use serde::Serialize;

/// A string slice of a shared buffer: the whole log is held once, and each
/// segment keeps only a pointer and a byte range into it.
#[derive(Clone)]
pub struct Text {
    buffer: Arc<Buffer>,
    range: Range<usize>,
}

/// Text held once and shared by the [`Text`]s sliced from it.
///
/// A thread that slices many texts from a buffer takes its own
/// [`Buffer::handle`] first. Each handle has its own reference count, so two
/// threads making texts of one log do not contend on a single counter.
#[derive(Debug)]
pub struct Buffer {
    text: Arc<String>,
}

impl Buffer {
    pub fn new(text: String) -> Arc<Buffer> {
        Arc::new(Buffer {
            text: Arc::new(text),
        })
    }

    /// Another reference to the same text, with a count of its own.
    pub fn handle(buffer: &Arc<Buffer>) -> Arc<Buffer> {
        Arc::new(Buffer {
            text: Arc::clone(&buffer.text),
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl Text {
    /// A slice of `buffer`; a range off a char boundary or out of bounds gives "".
    pub fn slice(buffer: &Arc<Buffer>, range: Range<usize>) -> Self {
        let range = if buffer.as_str().get(range.clone()).is_some() {
            range
        } else {
            0..0
        };
        Text {
            buffer: Arc::clone(buffer),
            range,
        }
    }

    pub fn as_str(&self) -> &str {
        self.buffer
            .as_str()
            .get(self.range.clone())
            .unwrap_or_default()
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        let range = 0..text.len();
        Text {
            buffer: Buffer::new(text),
            range,
        }
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text::from(text.to_owned())
    }
}

impl Default for Text {
    fn default() -> Self {
        Text::from(String::new())
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_share_the_buffer() {
        let buffer = Buffer::new("hello world".to_owned());
        let text = Text::slice(&buffer, 6..11);
        assert_eq!(text, "world");
        assert_eq!(Arc::strong_count(&buffer), 2);
        let handle = Buffer::handle(&buffer);
        let from_handle = Text::slice(&handle, 0..5);
        assert_eq!(from_handle, "hello");
        assert_eq!(Arc::strong_count(&buffer), 2, "a handle counts on its own");
        assert_eq!(Arc::strong_count(&handle), 2);
        drop((buffer, text));
        assert_eq!(from_handle, "hello", "the handle keeps the text");
    }

    #[test]
    fn bad_ranges_give_empty_text_instead_of_panicking() {
        let buffer = Buffer::new("é".to_owned());
        assert_eq!(Text::slice(&buffer, 1..2), "");
        assert_eq!(Text::slice(&buffer, 0..9), "");
    }
}
