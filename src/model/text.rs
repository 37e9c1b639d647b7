//! Text that shares the loaded file's buffer instead of copying it.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

use serde::Serialize;
use yoke::Yoke;

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
///
/// A thread that slices many texts from a buffer takes its own
/// [`Buffer::handle`] first. Each handle has its own reference count, so two
/// threads making texts of one log do not contend on a single counter.
pub struct Buffer {
    store: Arc<Store>,
}

/// The text itself: a string, or bytes checked to be UTF-8 and kept with the
/// `&str` the check gave, so a file's bytes need neither a copy nor a second
/// check to be text.
enum Store {
    Owned(String),
    Checked(Yoke<&'static str, Arc<Vec<u8>>>),
}

impl Buffer {
    pub fn new(text: String) -> Arc<Buffer> {
        Self::from_store(Store::Owned(text))
    }

    /// The bytes as text, checked with SIMD instructions; the bytes back if
    /// they are not UTF-8.
    pub fn from_utf8(bytes: Vec<u8>) -> Result<Arc<Buffer>, Vec<u8>> {
        let cart = Arc::new(bytes);
        let checked = Yoke::try_attach_to_cart(Arc::clone(&cart), |bytes: &Vec<u8>| {
            simdutf8::basic::from_utf8(bytes)
        });
        match checked {
            Ok(text) => Ok(Self::from_store(Store::Checked(text))),
            Err(_) => Err(Arc::try_unwrap(cart).unwrap_or_else(|shared| shared.to_vec())),
        }
    }

    /// The bytes back, for reuse, once nothing else holds the buffer.
    pub fn into_bytes(buffer: Arc<Buffer>) -> Option<Vec<u8>> {
        let store = Arc::try_unwrap(buffer).ok()?.store;
        match Arc::try_unwrap(store).ok()? {
            Store::Owned(text) => Some(text.into_bytes()),
            Store::Checked(text) => Arc::try_unwrap(text.into_backing_cart()).ok(),
        }
    }

    fn from_store(store: Store) -> Arc<Buffer> {
        Arc::new(Buffer {
            store: Arc::new(store),
        })
    }

    /// Another reference to the same text, with a count of its own.
    pub fn handle(buffer: &Arc<Buffer>) -> Arc<Buffer> {
        Arc::new(Buffer {
            store: Arc::clone(&buffer.store),
        })
    }

    pub fn as_str(&self) -> &str {
        match &*self.store {
            Store::Owned(text) => text,
            Store::Checked(text) => text.get(),
        }
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
        let handle = Buffer::handle(&buffer);
        let from_handle = Text::slice(&handle, 0..5);
        assert_eq!(from_handle, "hello");
        assert_eq!(Arc::strong_count(&buffer), 2, "a handle counts on its own");
        assert_eq!(Arc::strong_count(&handle), 2);
        drop((buffer, text));
        assert_eq!(from_handle, "hello", "the handle keeps the text");
    }

    #[test]
    fn checked_bytes_are_text_and_bad_bytes_come_back() {
        let buffer = Buffer::from_utf8("“quoted” words".as_bytes().to_vec()).expect("UTF-8");
        assert_eq!(Text::slice(&buffer, 0..12), "“quoted”");
        let bad = b"ok \xFF".to_vec();
        assert_eq!(Buffer::from_utf8(bad.clone()).err(), Some(bad));
    }

    #[test]
    fn bad_ranges_give_empty_text_instead_of_panicking() {
        let buffer = Buffer::new("é".to_owned());
        assert_eq!(Text::slice(&buffer, 1..2), "");
        assert_eq!(Text::slice(&buffer, 0..9), "");
    }
}
