//! Turning raw bytes into text: byte-order marks, UTF-16, invalid UTF-8,
//! binary data, and splitting into lines at LF, CRLF or a lone CR.

use std::sync::Arc;

use crate::model::{Buffer, Diagnostic, Diagnostics};

/// The decoded log, shared by every segment that borrows from it.
pub struct Decoded {
    pub text: Arc<Buffer>,
    pub diagnostics: Diagnostics,
}

/// How much of the start of a file is looked at to decide whether it is binary.
const BINARY_SNIFF_LEN: usize = 8192;

/// Decodes a log read whole from a file or stdin. Never fails: what cannot be
/// decoded is replaced and reported.
pub fn decode(bytes: Vec<u8>) -> Decoded {
    let mut diagnostics = Diagnostics::default();
    let text = if let Some(utf16) = decode_utf16(&bytes) {
        utf16
    } else {
        let bytes = strip_utf8_bom(bytes);
        if looks_binary(&bytes) {
            diagnostics.push(Diagnostic::error(
                0,
                0,
                "this looks like binary data, not a text log; showing what can be read",
            ));
        }
        String::from_utf8(bytes).unwrap_or_else(|err| {
            let bytes = err.into_bytes();
            let valid = std::str::from_utf8(&bytes).map_or_else(|err| err.valid_up_to(), str::len);
            let (line, column) = position_of(&bytes[..valid]);
            diagnostics.push(Diagnostic::warning(
                line,
                column,
                "invalid UTF-8: undecodable bytes were replaced with �",
            ));
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    // A byte-order mark alone is as empty as no bytes at all.
    if text.is_empty() {
        diagnostics.push(Diagnostic::error(0, 0, "the input is empty"));
    }
    Decoded {
        text: Buffer::new(text),
        diagnostics,
    }
}

fn strip_utf8_bom(mut bytes: Vec<u8>) -> Vec<u8> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    bytes
}

/// UTF-16 with a byte-order mark, as some word processors save text.
fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let little_endian = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    let units = bytes[2..].chunks(2).map(|pair| match pair {
        [a, b] if little_endian => u16::from_le_bytes([*a, *b]),
        [a, b] => u16::from_be_bytes([*a, *b]),
        _ => 0xFFFD,
    });
    Some(
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    )
}

/// More than a stray NUL, or many control bytes, at the start of the data.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
    let nuls = memchr::memchr_iter(0, head).count();
    if nuls > 4 && nuls * 100 > head.len() {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    controls * 10 > head.len()
}

/// 1-based line and column of the end of `bytes`.
fn position_of(bytes: &[u8]) -> (usize, usize) {
    let line = 1 + memchr::memchr_iter(b'\n', bytes).count();
    let line_start = memchr::memrchr(b'\n', bytes).map_or(0, |i| i + 1);
    let column = 1 + String::from_utf8_lossy(&bytes[line_start..])
        .chars()
        .count();
    (line, column)
}

/// One line of the source, without its line break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceLine<'a> {
    /// 1-based.
    pub number: usize,
    /// Byte offset of the line in the whole text.
    pub offset: usize,
    pub text: &'a str,
}

/// Splits at `\n`, `\r\n` and a lone `\r`, so old Mac files read like the rest.
pub fn lines(text: &str) -> impl Iterator<Item = SourceLine<'_>> {
    let mut number = 0;
    let bytes = text.as_bytes();
    let mut offset = 0;
    std::iter::from_fn(move || {
        if offset >= bytes.len() {
            return None;
        }
        number += 1;
        let start = offset;
        let found = memchr::memchr2(b'\n', b'\r', &bytes[start..]).map(|i| start + i);
        let (end, next) = match found {
            Some(end) => {
                let crlf = bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n');
                (end, end + if crlf { 2 } else { 1 })
            }
            None => (bytes.len(), bytes.len()),
        };
        offset = next;
        Some(SourceLine {
            number,
            offset: start,
            text: text.get(start..end).unwrap_or_default(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        lines(s).map(|l| l.text).collect()
    }

    #[test]
    fn splits_lf_crlf_and_lone_cr_alike() {
        assert_eq!(texts("a\nb\r\nc\rd"), ["a", "b", "c", "d"]);
        assert_eq!(texts("a\n\nb\n"), ["a", "", "b"]);
        assert_eq!(texts(""), Vec::<&str>::new());
    }

    #[test]
    fn numbers_and_offsets_lines() {
        let all: Vec<_> = lines("ab\r\ncd").collect();
        assert_eq!((all[1].number, all[1].offset), (2, 4));
    }

    #[test]
    fn strips_a_bom_and_reports_invalid_utf8_where_it_is() {
        let decoded = decode(b"\xEF\xBB\xBFok\nbad \xFF here".to_vec());
        assert_eq!(decoded.text.as_str(), "ok\nbad \u{FFFD} here");
        assert_eq!(decoded.diagnostics[0].line, 2);
        assert_eq!(decoded.diagnostics[0].column, 5);
    }

    #[test]
    fn decodes_utf16_with_a_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "09:55 hi".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        assert_eq!(decode(bytes).text.as_str(), "09:55 hi");
    }

    #[test]
    fn flags_empty_and_binary_input() {
        assert_eq!(decode(Vec::new()).diagnostics.len(), 1);
        for bom in [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"] {
            let decoded = decode(bom.to_vec());
            assert_eq!(decoded.text.as_str(), "");
            assert!(decoded.diagnostics[0].message.contains("empty"));
        }
        let decoded = decode(vec![0x7f, b'E', b'L', b'F', 0, 0, 1, 2]);
        assert!(decoded.diagnostics[0].message.contains("binary"));
    }
}
