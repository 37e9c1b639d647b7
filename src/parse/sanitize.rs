//! Removing what must never reach a terminal: control characters, escape
//! sequences and bidirectional overrides.

use std::borrow::Cow;

use crate::model::plural;
use crate::vector::ByteLoop;

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
    first_unclean::<false>(bytes, 0).is_some()
}

/// Where the first line of `text` from byte `from` on that [`sanitize`]
/// would change starts to need it: the offset of its first byte to clean, or
/// `text.len()` when none is left. Line breaks (`\n`, `\r`) are not counted,
/// so a whole log is checked in one pass and clean lines skip [`sanitize`].
pub fn next_unclean(text: &[u8], from: usize) -> usize {
    first_unclean::<true>(text, from).unwrap_or(text.len())
}

/// The first byte from `from` on that starts or ends something to clean,
/// line breaks counting as such unless `BREAKS_ARE_CLEAN`.
///
/// Almost every line is clean, so blocks of bytes are first checked, in a few
/// vector instructions each, for a byte that can be part of one of these: a
/// control, DEL, `C2`, or a last byte `A6`–`AE`. Curly quotes and dashes
/// (`E2 80 9C`, `E2 80 93`…) pass that check; only a block that fails it is
/// read byte by byte.
fn first_unclean<const BREAKS_ARE_CLEAN: bool>(bytes: &[u8], from: usize) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    if let Some(simd) = crate::vector::avx2() {
        return simd.vectorize(lookup::FirstUnclean::<BREAKS_ARE_CLEAN> { simd, bytes, from });
    }
    first_unclean_plain::<BREAKS_ARE_CLEAN>(bytes, from)
}

/// [`first_unclean`] where there is no AVX2, kept out of line so that the
/// usual way in does not pay for its registers.
#[inline(never)]
fn first_unclean_plain<const BREAKS_ARE_CLEAN: bool>(bytes: &[u8], from: usize) -> Option<usize> {
    crate::vector::widest(FirstUnclean::<BREAKS_ARE_CLEAN> { bytes, from })
}

/// [`first_unclean`]'s search, handed to [`crate::vector::widest`].
struct FirstUnclean<'t, const BREAKS_ARE_CLEAN: bool> {
    bytes: &'t [u8],
    from: usize,
}

impl<const BREAKS_ARE_CLEAN: bool> ByteLoop for FirstUnclean<'_, BREAKS_ARE_CLEAN> {
    type Output = Option<usize>;

    #[allow(clippy::inline_always)] // see `ByteLoop`
    #[inline(always)]
    fn run(self) -> Option<usize> {
        first_unclean_in::<BREAKS_ARE_CLEAN>(self.bytes, self.from)
    }
}

#[allow(clippy::inline_always)] // see `ByteLoop`
#[inline(always)]
fn first_unclean_in<const BREAKS_ARE_CLEAN: bool>(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let mut blocks = rest.chunks_exact(BLOCK);
    for (i, block) in blocks.by_ref().enumerate() {
        let start = from + i * BLOCK;
        if may_need_cleaning::<BREAKS_ARE_CLEAN>(block) {
            let found =
                (start..start + BLOCK).find(|&at| unclean_at::<BREAKS_ARE_CLEAN>(bytes, at));
            if found.is_some() {
                return found;
            }
        }
    }
    let tail = blocks.remainder();
    let mut padded = [b' '; BLOCK];
    padded[..tail.len()].copy_from_slice(tail);
    if !may_need_cleaning::<BREAKS_ARE_CLEAN>(&padded) {
        return None;
    }
    (bytes.len() - tail.len()..bytes.len()).find(|&at| unclean_at::<BREAKS_ARE_CLEAN>(bytes, at))
}

/// How many bytes [`first_unclean`] checks together.
const BLOCK: usize = 64;

// Bitwise `|` and `&` on purpose: with no branches the loop compiles to vector code.
#[allow(
    clippy::nonminimal_bool,
    clippy::needless_bitwise_bool,
    clippy::inline_always // see `ByteLoop`
)]
#[inline(always)]
fn may_need_cleaning<const BREAKS_ARE_CLEAN: bool>(block: &[u8]) -> bool {
    block.iter().fold(false, |found, &b| {
        let control = if BREAKS_ARE_CLEAN {
            (b < 0x20) & (b != b'\n') & (b != b'\r')
        } else {
            b < 0x20
        };
        found | control | (b == 0x7f) | (b == 0xC2) | (b.wrapping_sub(0xA6) <= 0xAE - 0xA6)
    })
}

/// [`first_unclean_in`] on AVX2, with each block checked by looking up both
/// halves of each byte in a table: a third of the instructions of the
/// compares the compiler makes of [`may_need_cleaning`].
#[cfg(target_arch = "x86_64")]
mod lookup {
    use std::arch::x86_64::__m256i;

    use pulp::x86::V3;

    use super::{BLOCK, unclean_at};

    pub(super) struct FirstUnclean<'t, const BREAKS_ARE_CLEAN: bool> {
        pub simd: V3,
        pub bytes: &'t [u8],
        pub from: usize,
    }

    impl<const BREAKS_ARE_CLEAN: bool> pulp::NullaryFnOnce for FirstUnclean<'_, BREAKS_ARE_CLEAN> {
        type Output = Option<usize>;

        #[allow(clippy::inline_always)] // run with the instructions `vectorize` enables
        #[inline(always)]
        fn call(self) -> Option<usize> {
            first_unclean_in::<BREAKS_ARE_CLEAN>(self.simd, self.bytes, self.from)
        }
    }

    /// One bit for each kind of byte to look at: `00`-`0F` (but for the line
    /// breaks, unless `breaks_count`), `10`-`1F`, DEL, `C2`, and `A6`-`AE`.
    /// A byte is of a kind when both the entry for its low half here and the
    /// one for its high half in [`HIGH_HALVES`] have its bit. Each table is
    /// written twice, once for each 16-byte lane.
    const fn low_halves(breaks_count: bool) -> [u8; 32] {
        let mut table = [0; 32];
        let mut i = 0;
        while i < 32 {
            let low = i % 16;
            let mut kinds = 2;
            if breaks_count || (low != 0x0A && low != 0x0D) {
                kinds |= 1;
            }
            if low == 0x0F {
                kinds |= 4;
            }
            if low == 0x02 {
                kinds |= 8;
            }
            if low >= 0x06 && low <= 0x0E {
                kinds |= 16;
            }
            table[i] = kinds;
            i += 1;
        }
        table
    }

    /// The other half of [`low_halves`].
    const HIGH_HALVES: [u8; 32] = {
        let mut table = [0; 32];
        let mut i = 0;
        while i < 32 {
            table[i] = match i % 16 {
                0x0 => 1,
                0x1 => 2,
                0x7 => 4,
                0xC => 8,
                0xA => 16,
                _ => 0,
            };
            i += 1;
        }
        table
    };

    /// The bytes of `half` of a kind to look at, as the lanes that are not zero.
    #[allow(clippy::inline_always)] // see `FirstUnclean::call`
    #[inline(always)]
    pub(super) fn kinds<const BREAKS_ARE_CLEAN: bool>(simd: V3, half: &[u8; 32]) -> __m256i {
        let low: __m256i = pulp::cast(low_halves(!BREAKS_ARE_CLEAN));
        let high: __m256i = pulp::cast(HIGH_HALVES);
        let halves_of = simd.avx._mm256_set1_epi8(0x0F);
        let bytes: __m256i = pulp::cast(*half);
        let low_half = simd.avx2._mm256_and_si256(bytes, halves_of);
        let high_half = simd
            .avx2
            ._mm256_and_si256(simd.avx2._mm256_srli_epi16::<4>(bytes), halves_of);
        simd.avx2._mm256_and_si256(
            simd.avx2._mm256_shuffle_epi8(low, low_half),
            simd.avx2._mm256_shuffle_epi8(high, high_half),
        )
    }

    #[allow(clippy::inline_always)] // see `FirstUnclean::call`
    #[inline(always)]
    fn first_unclean_in<const BREAKS_ARE_CLEAN: bool>(
        simd: V3,
        bytes: &[u8],
        from: usize,
    ) -> Option<usize> {
        let rest = bytes.get(from..)?;
        let (halves, _) = rest.as_chunks::<32>();
        let blocks = halves.chunks_exact(2);
        let checked = from + (halves.len() / 2) * BLOCK;
        for (i, block) in blocks.enumerate() {
            let found = simd.avx2._mm256_or_si256(
                kinds::<BREAKS_ARE_CLEAN>(simd, &block[0]),
                kinds::<BREAKS_ARE_CLEAN>(simd, &block[1]),
            );
            if simd.avx._mm256_testz_si256(found, found) == 0 {
                let start = from + i * BLOCK;
                let exact =
                    (start..start + BLOCK).find(|&at| unclean_at::<BREAKS_ARE_CLEAN>(bytes, at));
                if exact.is_some() {
                    return exact;
                }
            }
        }
        (checked..bytes.len()).find(|&at| unclean_at::<BREAKS_ARE_CLEAN>(bytes, at))
    }
}

/// The exact check at one byte, which may end or start a sequence.
fn unclean_at<const BREAKS_ARE_CLEAN: bool>(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\n' | b'\r' if BREAKS_ARE_CLEAN => false,
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

    /// The block check finds what the byte rule finds, from any offset, on
    /// the widest vectors and on the plain ones.
    #[test]
    fn finds_the_first_unclean_byte_at_any_offset_and_vector_width() {
        let mut text = "“Plain” words – and more\r\n".repeat(9).into_bytes();
        let at = text.len() - 7;
        text.splice(at..at, "\u{202E}".bytes());
        text.push(0x1b);
        for from in 0..text.len() {
            let expected = (from..text.len()).find(|&i| unclean_at::<true>(&text, i));
            assert_eq!(first_unclean::<true>(&text, from), expected, "from {from}");
            assert_eq!(
                first_unclean_in::<true>(&text, from),
                expected,
                "from {from}"
            );
        }
    }

    /// Every byte value, at every place in 32: the table lookup on AVX2
    /// picks the bytes the compares pick.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn the_table_lookup_picks_the_bytes_the_compares_pick() {
        let Some(simd) = crate::vector::avx2() else {
            return;
        };
        let picked = |lanes| simd.avx._mm256_testz_si256(lanes, lanes) == 0;
        for byte in 0..=u8::MAX {
            for at in 0..32 {
                let mut half = [b'a'; 32];
                half[at] = byte;
                assert_eq!(
                    picked(lookup::kinds::<true>(simd, &half)),
                    may_need_cleaning::<true>(&half),
                    "{byte:#x} at {at}"
                );
                assert_eq!(
                    picked(lookup::kinds::<false>(simd, &half)),
                    may_need_cleaning::<false>(&half),
                    "{byte:#x} at {at}"
                );
            }
        }
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

    proptest::proptest! {
        #[test]
        fn the_scan_over_a_whole_text_marks_exactly_the_lines_to_clean(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "plain words ", "“curly” – ", "\n", "\r\n", "\r", "\t", "\u{1b}[1m",
                "\u{202e}", "\u{85}", "\u{7f}", "é",
                "a long line of text, longer than the blocks that are checked at once, so that it spans two",
            ]), 0..40)
        ) {
            let text = pieces.concat();
            let bytes = text.as_bytes();
            for line in crate::parse::lines(&text) {
                let end = line.offset + line.text.len();
                let scanned = next_unclean(bytes, line.offset) < end;
                proptest::prop_assert_eq!(scanned, needs_cleaning(line.text.as_bytes()), "{:?}", line.text);
            }
        }
    }
}
