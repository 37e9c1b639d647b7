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
    /// Byte offsets as `u32`, which keeps a segment small: logs are read up
    /// to 2 GiB, well under the 4 GiB these reach.
    start: u32,
    end: u32,
}

/// Text held once and shared by the [`Text`]s sliced from it.
#[derive(Default)]
pub struct Buffer(String);

impl Buffer {
    pub fn new(text: String) -> Arc<Buffer> {
        Arc::new(Buffer(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Buffer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Buffer")
            .field("len", &self.as_str().len())
            .finish()
    }
}

impl Text {
    /// A slice of `buffer`; a range off a char boundary, out of bounds or
    /// past 4 GiB gives "".
    pub fn slice(buffer: &Arc<Buffer>, range: Range<usize>) -> Self {
        let offsets = (u32::try_from(range.start), u32::try_from(range.end));
        let (start, end) = match offsets {
            (Ok(start), Ok(end)) if buffer.as_str().get(range).is_some() => (start, end),
            _ => (0, 0),
        };
        Text {
            buffer: Arc::clone(buffer),
            start,
            end,
        }
    }

    /// The text's bytes, sliced without looking at them: a search that
    /// stops early never touches the end of a long text.
    pub fn as_bytes(&self) -> &[u8] {
        self.buffer
            .as_str()
            .as_bytes()
            .get(self.start as usize..self.end as usize)
            .unwrap_or_default()
    }

    pub fn as_str(&self) -> &str {
        self.buffer
            .as_str()
            .get(self.start as usize..self.end as usize)
            .unwrap_or_default()
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        let len = text.len();
        Text::slice(&Buffer::new(text), 0..len)
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
        drop(buffer);
        assert_eq!(text, "world", "the slice keeps the text");
    }

    #[test]
    fn bad_ranges_give_empty_text_instead_of_panicking() {
        let buffer = Buffer::new("é".to_owned());
        assert_eq!(Text::slice(&buffer, 1..2), "");
        assert_eq!(Text::slice(&buffer, 0..9), "");
    }
}
