//! Removing what must never reach a terminal: control characters, escape
//! sequences and bidirectional overrides.

use std::borrow::Cow;

use crate::model::plural;

/// What [`sanitize`] took out of a line, for the warning it earns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Removed {
    /// 0-based byte offset in the original line of the first removal.
    pub first_at: Option<usize>,
    pub controls: usize,
    pub escapes: usize,
    pub bidi: usize,
}

impl Removed {
    pub fn any(&self) -> bool {
        self.first_at.is_some()
    }

    /// A sentence for the diagnostic, naming what was removed.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.escapes > 0 {
            parts.push(plural(self.escapes, "escape sequence"));
        }
        if self.controls > 0 {
            parts.push(plural(self.controls, "control character"));
        }
        if self.bidi > 0 {
            parts.push(plural(self.bidi, "bidirectional control"));
        }
        format!("removed {}", parts.join(", "))
    }
}

/// Whether the UTF-8 text holds anything [`sanitize`] changes: a C0 control
/// or tab, DEL, a C1 control (`C2 80`–`C2 9F`) or a bidi control (`E2 80 AA`–`E2 80 AE`,
/// `E2 81 A6`–`E2 81 A9`).
fn needs_cleaning(bytes: &[u8]) -> bool {
    holds_unclean(bytes, false)
}

/// Whether a whole text holds anything [`sanitize`] changes in a line, its
/// line breaks aside: when it holds nothing, none of its lines needs a look.
pub fn is_clean_text(text: &str) -> bool {
    !holds_unclean(text.as_bytes(), true)
}

/// The check behind [`needs_cleaning`] and [`is_clean_text`].
#[inline]
#[allow(clippy::needless_bitwise_bool)] // branch-free on purpose: see below
fn holds_unclean(bytes: &[u8], line_breaks_allowed: bool) -> bool {
    let allowed = |b: u8| line_breaks_allowed && matches!(b, b'\n' | b'\r');
    // Only these bytes can start or end something to clean; most lines have
    // none, and curly quotes (`E2 80 9C`) only their first.
    // Checked a block at a time with no early exit inside a block, which
    // the compiler turns into a few vector instructions; a block with a
    // suspect byte is then checked exactly.
    // Bitwise, not short-circuit, so that it stays vector code.
    let suspect = |b: u8| {
        let line_break = (b == b'\n') | (b == b'\r');
        ((b < 0x20) & !(line_breaks_allowed & line_break))
            | (b == 0x7f)
            | (b == 0xC2)
            | (b.wrapping_sub(0xA6) <= 0xAE - 0xA6)
    };
    bytes.chunks(64).enumerate().any(|(k, block)| {
        block
            .iter()
            .fold(0u8, |found, &b| found | u8::from(suspect(b)))
            != 0
            && (k * 64..k * 64 + block.len()).any(|at| !allowed(bytes[at]) && unclean_at(bytes, at))
    })
}

/// The exact check at one byte, which may end or start a sequence.
fn unclean_at(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        0x00..=0x1f | 0x7f => true,
        0xC2 => matches!(bytes.get(i + 1), Some(0x80..=0x9f)),
        last @ 0xA6..=0xAE => {
            let before = i.checked_sub(2).and_then(|start| bytes.get(start..i));
            matches!(
                (before, last),
                (Some([0xE2, 0x80]), 0xAA..=0xAE) | (Some([0xE2, 0x81]), 0xA6..=0xA9)
            )
        }
        _ => false,
    }
}

/// Bidirectional embedding, override and isolate characters, which can make
/// text display in an order other than the one it is stored in.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A path as messages show it: lossy UTF-8, sanitized.
pub fn shown_path(path: &std::path::Path) -> String {
    sanitize(&path.to_string_lossy()).0.into_owned()
}

/// The line with controls, escape sequences and bidi controls removed and tabs
/// turned into spaces; borrowed when there was nothing to change.
pub fn sanitize(line: &str) -> (Cow<'_, str>, Removed) {
    if !needs_cleaning(line.as_bytes()) {
        return (Cow::Borrowed(line), Removed::default());
    }
    let mut out = String::with_capacity(line.len());
    let mut removed = Removed::default();
    let mut chars = line.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\t' => out.push(' '),
            '\u{1b}' | '\u{9b}' => {
                removed.escapes += 1;
                removed.first_at.get_or_insert(at);
                skip_escape_sequence(c, &mut chars);
            }
            c if is_bidi_control(c) => {
                removed.bidi += 1;
                removed.first_at.get_or_insert(at);
            }
            c if c.is_control() => {
                removed.controls += 1;
                removed.first_at.get_or_insert(at);
            }
            c => out.push(c),
        }
    }
    (Cow::Owned(out), removed)
}

/// A source line with what must not reach a terminal taken out, and a
/// warning in `diagnostics` at the line and column of the first removal.
pub fn clean_line<'t>(
    line: crate::formats::common::source::SourceLine<'t>,
    diagnostics: &mut crate::model::Diagnostics,
) -> Cow<'t, str> {
    let (clean, removed) = sanitize(line.text);
    if removed.any() {
        let column = line
            .text
            .get(..removed.first_at.unwrap_or(0))
            .map_or(1, |s| s.chars().count() + 1);
        diagnostics.push(crate::model::Diagnostic::warning(
            line.number,
            column,
            removed.describe(),
        ));
    }
    clean
}

/// Skips the body of an escape sequence that began with ESC or CSI (0x9B):
/// CSI parameters up to the final byte, OSC/DCS/APC/PM strings up to BEL or
/// ST, or the single character of a two-character escape.
fn skip_escape_sequence(
    introducer: char,
    chars: &mut std::iter::Peekable<impl Iterator<Item = (usize, char)>>,
) {
    let kind = if introducer == '\u{9b}' {
        '['
    } else {
        match chars.next() {
            Some((_, c)) => c,
            None => return,
        }
    };
    match kind {
        '[' => {
            // Parameter and intermediate bytes, then one final byte.
            while let Some(&(_, c)) = chars.peek() {
                chars.next();
                if ('\u{40}'..='\u{7e}').contains(&c) || !(' '..='\u{7e}').contains(&c) {
                    break;
                }
            }
        }
        ']' | 'P' | '_' | '^' | 'X' => {
            // A string, ended by BEL, ST (ESC \) or the C1 ST (0x9C).
            while let Some((_, c)) = chars.next() {
                match c {
                    '\u{7}' | '\u{9c}' => break,
                    '\u{1b}' => {
                        if chars.peek().is_some_and(|&(_, n)| n == '\\') {
                            chars.next();
                        }
                        break;
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> String {
        sanitize(s).0.into_owned()
    }

    #[test]
    fn clean_text_is_borrowed() {
        let (out, removed) = sanitize("“Curly quotes” – and a dash");
        assert!(matches!(out, Cow::Borrowed(_)));
        assert!(!removed.any());
    }

    #[test]
    fn removes_csi_osc_and_two_character_escapes() {
        assert_eq!(clean("a\u{1b}[31;1mred\u{1b}[0m b"), "ared b");
        assert_eq!(clean("\u{1b}]0;evil title\u{7}text"), "text");
        assert_eq!(clean("\u{1b}]52;c;aGk=\u{1b}\\paste"), "paste");
        assert_eq!(clean("x\u{1b}cy"), "xy");
        assert_eq!(clean("x\u{9b}2Jy"), "xy");
    }

    #[test]
    fn removes_controls_and_bidi_and_expands_tabs() {
        let (out, removed) = sanitize("a\u{0}b\u{7f}c\u{85}d\u{202E}e\u{2066}f\tg");
        assert_eq!(out, "abcdef g");
        assert_eq!(removed.controls, 3);
        assert_eq!(removed.bidi, 2);
        assert_eq!(removed.first_at, Some(1));
    }

    #[test]
    fn the_byte_scan_agrees_with_the_char_rules() {
        for c in [
            '\u{0}', '\t', '\u{1b}', '\u{7f}', '\u{80}', '\u{9f}', '\u{202a}', '\u{202e}',
            '\u{2066}', '\u{2069}',
        ] {
            assert!(needs_cleaning(format!("a{c}b").as_bytes()), "{c:?}");
        }
        for c in ['“', '”', '’', '–', '\u{a0}', '\u{2065}', '\u{202f}', 'é'] {
            assert!(!needs_cleaning(format!("a{c}b").as_bytes()), "{c:?}");
        }
    }

    #[test]
    fn the_block_check_finds_what_the_exact_check_finds_anywhere() {
        for c in [
            '\u{0}', '\t', '\u{1b}', '\u{7f}', '\u{85}', '\u{202a}', '\u{2069}',
        ] {
            for at in 0..70 {
                let mut text = "a".repeat(at);
                text.push(c);
                text.push_str(&"b".repeat(70 - at));
                assert!(needs_cleaning(text.as_bytes()), "{c:?} at {at}");
            }
        }
        let clean = "“Curly” quotes – and dashes: é ’ ".repeat(5);
        assert!(!needs_cleaning(clean.as_bytes()));
    }

    #[test]
    fn a_lone_escape_at_the_end_is_removed() {
        assert_eq!(clean("end\u{1b}"), "end");
        assert_eq!(clean("end\u{1b}["), "end");
    }
}
