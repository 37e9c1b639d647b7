//! The bytes of a cache entry: numbers as LEB128 varints, strings as a
//! length and their UTF-8. Reading never trusts the bytes: anything short,
//! too large or not UTF-8 gives `None`, and the log is read again.

/// Bytes being written.
#[derive(Default)]
pub struct Writer {
    pub bytes: Vec<u8>,
}

impl Writer {
    pub fn number(&mut self, mut value: u64) {
        loop {
            let low = (value & 0x7f) as u8;
            value >>= 7;
            if value == 0 {
                self.bytes.push(low);
                return;
            }
            self.bytes.push(low | 0x80);
        }
    }

    /// A signed number, zigzag-encoded so small negatives stay short.
    pub fn signed(&mut self, value: i64) {
        self.number(((value << 1) ^ (value >> 63)) as u64);
    }

    pub fn flag(&mut self, value: bool) {
        self.bytes.push(u8::from(value));
    }

    pub fn str(&mut self, text: &str) {
        self.number(text.len() as u64);
        self.bytes.extend_from_slice(text.as_bytes());
    }

    pub fn maybe_number(&mut self, value: Option<u64>) {
        self.flag(value.is_some());
        if let Some(value) = value {
            self.number(value);
        }
    }

    pub fn maybe_str(&mut self, text: Option<&str>) {
        self.flag(text.is_some());
        if let Some(text) = text {
            self.str(text);
        }
    }
}

/// Bytes being read, from the front.
pub struct Reader<'b> {
    bytes: &'b [u8],
}

impl<'b> Reader<'b> {
    pub fn new(bytes: &'b [u8]) -> Self {
        Reader { bytes }
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// How many bytes are left to read.
    pub fn remaining(&self) -> usize {
        self.bytes.len()
    }

    pub fn number(&mut self) -> Option<u64> {
        // Most numbers (lengths, lines, kinds) fit in one byte.
        if let Some((&byte, rest)) = self.bytes.split_first()
            && byte < 0x80
        {
            self.bytes = rest;
            return Some(u64::from(byte));
        }
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let (&byte, rest) = self.bytes.split_first()?;
            self.bytes = rest;
            value |= u64::from(byte & 0x7f).checked_shl(shift)?;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    pub fn signed(&mut self) -> Option<i64> {
        let zigzag = self.number()?;
        Some((zigzag >> 1) as i64 ^ -((zigzag & 1) as i64))
    }

    /// A number that indexes or counts something held in memory.
    pub fn size(&mut self) -> Option<usize> {
        usize::try_from(self.number()?).ok()
    }

    /// How many items follow: each takes a byte at least, so never more
    /// than the bytes left.
    pub fn count(&mut self) -> Option<usize> {
        self.size().filter(|&n| n <= self.bytes.len())
    }

    pub fn flag(&mut self) -> Option<bool> {
        let (&byte, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        match byte {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    pub fn str(&mut self) -> Option<&'b str> {
        let len = self.size()?;
        let bytes = self.bytes.get(..len)?;
        self.bytes = &self.bytes[len..];
        std::str::from_utf8(bytes).ok()
    }

    pub fn string(&mut self) -> Option<String> {
        self.str().map(str::to_owned)
    }

    /// An optional number: the outer `None` says the bytes are damaged,
    /// the inner one that no number was written.
    #[allow(clippy::option_option)]
    pub fn maybe_number(&mut self) -> Option<Option<u64>> {
        self.maybe(Reader::number)
    }

    /// An optional string, as [`Reader::maybe_number`].
    #[allow(clippy::option_option)]
    pub fn maybe_string(&mut self) -> Option<Option<String>> {
        self.maybe(Reader::string)
    }

    /// A flag, then what `read` reads when the flag is set.
    #[allow(clippy::option_option)]
    fn maybe<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.flag()? {
            Some(Some(read(self)?))
        } else {
            Some(None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn what_is_written_reads_back(
            numbers in proptest::collection::vec(proptest::num::u64::ANY, 0..8),
            signed in proptest::num::i64::ANY,
            text in ".{0,20}",
            maybe in proptest::option::of(proptest::num::u64::ANY),
        ) {
            let mut out = Writer::default();
            for &n in &numbers {
                out.number(n);
            }
            out.signed(signed);
            out.str(&text);
            out.maybe_number(maybe);
            out.maybe_str(Some(&text));
            let mut read = Reader::new(&out.bytes);
            for &n in &numbers {
                proptest::prop_assert_eq!(read.number(), Some(n));
            }
            proptest::prop_assert_eq!(read.signed(), Some(signed));
            proptest::prop_assert_eq!(read.str(), Some(text.as_str()));
            proptest::prop_assert_eq!(read.maybe_number(), Some(maybe));
            proptest::prop_assert_eq!(read.maybe_string(), Some(Some(text.clone())));
            proptest::prop_assert!(read.is_empty());
        }

        #[test]
        fn any_bytes_read_without_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..64)) {
            let mut read = Reader::new(&bytes);
            while read.number().is_some() && read.str().is_some() && read.flag().is_some() {}
        }
    }
}
