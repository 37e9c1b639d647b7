//! One pass over a block of text that finds its line breaks, where its words
//! start, and the bytes that must be sanitized.
//!
//! Folding a block for figures needs all three, and finding each with a
//! search of its own reads every byte three times: once for each line's end,
//! once to count each segment's words, once to look for controls. Here each
//! 64 bytes are compared once (with AVX-512 or AVX2 where the processor has
//! them) into bit masks: the next line break is the next set bit, and the
//! words of any range are a few population counts. Unclean bytes, which are
//! rare, are kept as positions.

use std::ops::Range;

use super::sanitize::unclean_at;
use super::source::SourceLine;

/// How many bytes one mask covers.
const GROUP: usize = 64;

/// Where a block's lines end, its words start, and its unclean bytes are.
#[derive(Debug, Default)]
pub(crate) struct ByteIndex {
    /// For each group of 64 bytes, bit `i` of which is byte `64 g + i`:
    /// its `\n` and `\r` bytes, and the bytes where a word starts (a byte
    /// over a space after one up to a space, or first in the block).
    groups: Vec<GroupBits>,
    /// Offsets of bytes that start or end something to sanitize, in order.
    unclean: Vec<u32>,
}

#[derive(Debug, Default, Clone, Copy)]
struct GroupBits {
    breaks: u64,
    word_starts: u64,
}

/// The masks of one group of 64 bytes, as compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Masks {
    breaks: u64,
    /// Bytes over a space.
    words: u64,
    /// Bytes that may be part of something to sanitize (see `sanitize.rs`).
    suspects: u64,
}

impl ByteIndex {
    /// Indexes `bytes`, reusing this index's memory. Blocks are at most a
    /// few megabytes: offsets fit in `u32`.
    pub(crate) fn build(&mut self, bytes: &[u8]) {
        self.size_for(bytes);
        #[cfg(target_arch = "x86_64")]
        {
            use pulp::x86::{V3, V4};
            if let Some(simd) = V4::try_new() {
                let masks = Avx512Masks(simd);
                return simd.vectorize(Build {
                    masks,
                    bytes,
                    index: self,
                });
            }
            if let Some(simd) = V3::try_new() {
                let masks = Avx2Masks(simd);
                return simd.vectorize(Build {
                    masks,
                    bytes,
                    index: self,
                });
            }
        }
        self.build_with(bytes, &PlainMasks);
    }

    /// Empties the index and makes room for the groups of `bytes`.
    fn size_for(&mut self, bytes: &[u8]) {
        self.unclean.clear();
        self.groups.clear();
        self.groups
            .resize(bytes.len().div_ceil(GROUP), GroupBits::default());
    }

    /// Fills the index, sized for `bytes`, from the masks `masks` finds.
    #[allow(clippy::inline_always)] // inlined into the vector builds, as `masks` must be
    #[inline(always)]
    fn build_with(&mut self, bytes: &[u8], masks: &impl GroupMasks) {
        let (groups, tail) = bytes.as_chunks::<GROUP>();
        // Whether the byte before the group was over a space.
        let mut in_word = 0;
        let mut bits = self.groups.iter_mut();
        let mut suspects = Vec::new();
        for ((g, group), bits) in groups.iter().enumerate().zip(bits.by_ref()) {
            let masks = masks.of(group);
            *bits = GroupBits {
                breaks: masks.breaks,
                word_starts: masks.words & !(masks.words << 1 | in_word),
            };
            in_word = masks.words >> 63;
            if masks.suspects != 0 {
                suspects.push((g * GROUP, masks.suspects));
            }
        }
        if let (false, Some(bits)) = (tail.is_empty(), bits.next()) {
            // Spaces after the end: no break, word start or control.
            let mut padded = [b' '; GROUP];
            padded[..tail.len()].copy_from_slice(tail);
            let masks = masks.of(&padded);
            *bits = GroupBits {
                breaks: masks.breaks,
                word_starts: masks.words & !(masks.words << 1 | in_word),
            };
            if masks.suspects != 0 {
                suspects.push((groups.len() * GROUP, masks.suspects));
            }
        }
        for (start, mut mask) in suspects {
            while mask != 0 {
                let at = start + mask.trailing_zeros() as usize;
                if unclean_at::<true>(bytes, at) {
                    self.unclean.push(at as u32);
                }
                mask &= mask - 1;
            }
        }
    }

    /// The first `\n` or `\r` at or after `from`.
    fn next_break(&self, from: usize) -> Option<usize> {
        let mut g = from / GROUP;
        let mut mask = self.groups.get(g)?.breaks & (u64::MAX << (from % GROUP));
        while mask == 0 {
            g += 1;
            mask = self.groups.get(g)?.breaks;
        }
        Some(g * GROUP + mask.trailing_zeros() as usize)
    }

    /// The lines of `text`, the block this index was built from, split at
    /// `\n`, `\r\n` and a lone `\r` as [`super::source::lines`] does.
    pub(crate) fn lines<'t>(&'t self, text: &'t str) -> impl Iterator<Item = SourceLine<'t>> {
        let bytes = text.as_bytes();
        let mut offset = 0;
        let mut number = 0;
        std::iter::from_fn(move || {
            if offset >= bytes.len() {
                return None;
            }
            number += 1;
            let start = offset;
            let end = self.next_break(start).unwrap_or(bytes.len());
            let crlf = bytes.get(end) == Some(&b'\r') && bytes.get(end + 1) == Some(&b'\n');
            offset = (end + 1 + usize::from(crlf)).min(bytes.len());
            Some(SourceLine {
                number,
                offset: start,
                text: text.get(start..end).unwrap_or_default(),
            })
        })
    }

    /// How many words the bytes in `range` hold, as
    /// [`crate::model::count_words`] counts them.
    pub(crate) fn words(&self, bytes: &[u8], range: Range<usize>) -> usize {
        if range.is_empty() {
            return 0;
        }
        let Some(&first) = bytes.get(range.start) else {
            return 0;
        };
        usize::from(first > b' ') + self.starts_in(range.start + 1..range.end)
    }

    /// How many word starts the index has in `range`.
    fn starts_in(&self, range: Range<usize>) -> usize {
        if range.is_empty() {
            return 0;
        }
        let (first, last) = (range.start / GROUP, (range.end - 1) / GROUP);
        let Some(groups) = self.groups.get(first..=last) else {
            return 0;
        };
        let from = range.start % GROUP;
        // Bits up to and including the last byte's.
        let to = u64::MAX >> (GROUP - 1 - (range.end - 1) % GROUP);
        match groups {
            [only] => (only.word_starts >> from << from & to).count_ones() as usize,
            [head, middle @ .., tail] => {
                let middle: u32 = middle.iter().map(|g| g.word_starts.count_ones()).sum();
                let ends =
                    (head.word_starts >> from).count_ones() + (tail.word_starts & to).count_ones();
                (ends + middle) as usize
            }
            [] => 0,
        }
    }

    /// Offsets of the bytes that start or end something to sanitize.
    pub(crate) fn unclean(&self) -> &[u32] {
        &self.unclean
    }
}

/// How the masks of a group of bytes are found.
trait GroupMasks {
    fn of(&self, group: &[u8; GROUP]) -> Masks;
}

/// Byte by byte, for processors without AVX2.
struct PlainMasks;

impl GroupMasks for PlainMasks {
    fn of(&self, group: &[u8; GROUP]) -> Masks {
        plain_masks(group)
    }
}

/// The masks of a group, eight bytes at a time in a `u64` each: every
/// compare below sets the high bit of each byte where it holds, exactly (no
/// carry crosses from one byte to the next), and [`byte_flags`] gathers them.
fn plain_masks(group: &[u8; GROUP]) -> Masks {
    let mut masks = Masks {
        breaks: 0,
        words: 0,
        suspects: 0,
    };
    let (words, _) = group.as_chunks::<8>();
    for (i, word) in words.iter().enumerate() {
        let v = u64::from_le_bytes(*word);
        let breaks = equal(v, b'\n') | equal(v, b'\r');
        let controls = !at_least(v, 0x20) & HIGH & !breaks;
        // `A6`–`AE`: a high byte whose low seven bits are `26`–`2E`.
        let low = v & !HIGH;
        let a6_to_ae = v & HIGH & at_least(low, 0x26) & !at_least(low, 0x2F);
        let suspects = controls | a6_to_ae | equal(v, 0x7f) | equal(v, 0xC2);
        let shift = 8 * i;
        masks.breaks |= byte_flags(breaks) << shift;
        masks.words |= byte_flags(at_least(v, 0x21)) << shift;
        masks.suspects |= byte_flags(suspects) << shift;
    }
    masks
}

const HIGH: u64 = 0x8080_8080_8080_8080;
const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte of `v` that is at least `n`, for `n` in `1..=0x80`.
fn at_least(v: u64, n: u8) -> u64 {
    // A byte under 0x80 reaches the high bit when `n` or more; adding to
    // seven bits never carries out of the byte.
    (((v & !HIGH) + ONES * u64::from(0x80 - n)) | v) & HIGH
}

/// The high bit of each byte of `v` equal to `b`.
fn equal(v: u64, b: u8) -> u64 {
    !at_least(v ^ (ONES * u64::from(b)), 1) & HIGH
}

/// Byte `k`'s high bit as bit `k`.
fn byte_flags(high: u64) -> u64 {
    (high >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// [`ByteIndex::build_with`], to run with a processor's vector features enabled.
#[cfg(target_arch = "x86_64")]
struct Build<'a, M> {
    masks: M,
    bytes: &'a [u8],
    index: &'a mut ByteIndex,
}

#[cfg(target_arch = "x86_64")]
impl<M: GroupMasks> pulp::NullaryFnOnce for Build<'_, M> {
    type Output = ();

    #[allow(clippy::inline_always)] // the features apply only to what is inlined
    #[inline(always)]
    fn call(self) {
        self.index.build_with(self.bytes, &self.masks);
    }
}

/// 64 bytes at a time, each compare giving a mask: AVX-512.
#[cfg(target_arch = "x86_64")]
struct Avx512Masks(pulp::x86::V4);

#[cfg(target_arch = "x86_64")]
impl GroupMasks for Avx512Masks {
    #[allow(clippy::inline_always, clippy::cast_possible_wrap)] // see `Build::call`
    #[inline(always)]
    fn of(&self, group: &[u8; GROUP]) -> Masks {
        use std::arch::x86_64::__m512i;
        let (f, bw) = (self.0.avx512f, self.0.avx512bw);
        let v: __m512i = pulp::cast(*group);
        let breaks = bw._mm512_cmpeq_epi8_mask(v, f._mm512_set1_epi8(b'\n' as i8))
            | bw._mm512_cmpeq_epi8_mask(v, f._mm512_set1_epi8(b'\r' as i8));
        let words = bw._mm512_cmpgt_epu8_mask(v, f._mm512_set1_epi8(b' ' as i8));
        let controls = bw._mm512_cmplt_epu8_mask(v, f._mm512_set1_epi8(0x20)) & !breaks;
        let from_a6 = bw._mm512_sub_epi8(v, f._mm512_set1_epi8(0xA6_u8 as i8));
        let a6_to_ae = bw._mm512_cmple_epu8_mask(from_a6, f._mm512_set1_epi8((0xAE - 0xA6) as i8));
        let others = bw._mm512_cmpeq_epi8_mask(v, f._mm512_set1_epi8(0x7f))
            | bw._mm512_cmpeq_epi8_mask(v, f._mm512_set1_epi8(0xC2_u8 as i8));
        Masks {
            breaks,
            words,
            suspects: controls | a6_to_ae | others,
        }
    }
}

/// Two halves of 32 bytes: AVX2.
#[cfg(target_arch = "x86_64")]
struct Avx2Masks(pulp::x86::V3);

#[cfg(target_arch = "x86_64")]
impl GroupMasks for Avx2Masks {
    #[allow(clippy::inline_always)] // see `Build::call`
    #[inline(always)]
    fn of(&self, group: &[u8; GROUP]) -> Masks {
        let (halves, _) = group.as_chunks::<{ GROUP / 2 }>();
        let low = avx2_masks(self.0, &halves[0]);
        let high = avx2_masks(self.0, &halves[1]);
        Masks {
            breaks: u64::from(low[0]) | u64::from(high[0]) << 32,
            words: u64::from(low[1]) | u64::from(high[1]) << 32,
            suspects: u64::from(low[2]) | u64::from(high[2]) << 32,
        }
    }
}

/// Breaks, bytes over a space, and suspects among 32 bytes, as
/// [`PlainMasks`] finds them. No closures: they would not be inlined, and
/// each compare would become a call.
#[cfg(target_arch = "x86_64")]
#[allow(
    clippy::inline_always,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss
)]
#[inline(always)]
fn avx2_masks(simd: pulp::x86::V3, bytes: &[u8; GROUP / 2]) -> [u32; 3] {
    use std::arch::x86_64::__m256i;
    let (avx, avx2) = (simd.avx, simd.avx2);
    let v: __m256i = pulp::cast(*bytes);
    let breaks = avx2._mm256_or_si256(
        avx2._mm256_cmpeq_epi8(v, avx._mm256_set1_epi8(b'\n' as i8)),
        avx2._mm256_cmpeq_epi8(v, avx._mm256_set1_epi8(b'\r' as i8)),
    );
    // Unsigned compares: `max(v, 0x21) == v` is `v > 0x20`, and so on.
    let over_space = avx2._mm256_cmpeq_epi8(avx2._mm256_max_epu8(v, avx._mm256_set1_epi8(0x21)), v);
    let control = avx2._mm256_cmpeq_epi8(avx2._mm256_min_epu8(v, avx._mm256_set1_epi8(0x1f)), v);
    let from_a6 = avx2._mm256_sub_epi8(v, avx._mm256_set1_epi8(0xA6_u8 as i8));
    let a6_to_ae = avx2._mm256_cmpeq_epi8(
        avx2._mm256_min_epu8(from_a6, avx._mm256_set1_epi8((0xAE - 0xA6) as i8)),
        from_a6,
    );
    let del = avx2._mm256_cmpeq_epi8(v, avx._mm256_set1_epi8(0x7f));
    let c2 = avx2._mm256_cmpeq_epi8(v, avx._mm256_set1_epi8(0xC2_u8 as i8));
    let suspects = avx2._mm256_or_si256(
        avx2._mm256_or_si256(avx2._mm256_andnot_si256(breaks, control), a6_to_ae),
        avx2._mm256_or_si256(del, c2),
    );
    [
        avx2._mm256_movemask_epi8(breaks) as u32,
        avx2._mm256_movemask_epi8(over_space) as u32,
        avx2._mm256_movemask_epi8(suspects) as u32,
    ]
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::count_words;
    use crate::parse::sanitize::next_unclean;
    use crate::parse::source::lines;

    /// The index built in each way this processor can.
    fn built_each_way(bytes: &[u8]) -> Vec<ByteIndex> {
        let mut ways = vec![ByteIndex::default()];
        ways[0].size_for(bytes);
        ways[0].build_with(bytes, &PlainMasks);
        #[cfg(target_arch = "x86_64")]
        {
            use pulp::x86::{V3, V4};
            if let Some(simd) = V3::try_new() {
                let mut index = ByteIndex::default();
                index.size_for(bytes);
                simd.vectorize(Build {
                    masks: Avx2Masks(simd),
                    bytes,
                    index: &mut index,
                });
                ways.push(index);
            }
            if let Some(simd) = V4::try_new() {
                let mut index = ByteIndex::default();
                index.size_for(bytes);
                simd.vectorize(Build {
                    masks: Avx512Masks(simd),
                    bytes,
                    index: &mut index,
                });
                ways.push(index);
            }
        }
        ways
    }

    /// The masks, one byte at a time.
    fn reference_masks(group: &[u8; GROUP]) -> Masks {
        let mut masks = Masks {
            breaks: 0,
            words: 0,
            suspects: 0,
        };
        for (i, &b) in group.iter().enumerate() {
            let bit = 1u64 << i;
            if matches!(b, b'\n' | b'\r') {
                masks.breaks |= bit;
            } else if b < 0x20 || b == 0x7f || b == 0xC2 || (0xA6..=0xAE).contains(&b) {
                masks.suspects |= bit;
            }
            if b > b' ' {
                masks.words |= bit;
            }
        }
        masks
    }

    /// Each way of finding masks, applied to one group.
    fn masks_each_way(group: &[u8; GROUP]) -> Vec<Masks> {
        let mut ways = vec![PlainMasks.of(group)];
        #[cfg(target_arch = "x86_64")]
        {
            if let Some(simd) = pulp::x86::V3::try_new() {
                ways.push(simd.vectorize(|| Avx2Masks(simd).of(group)));
            }
            if let Some(simd) = pulp::x86::V4::try_new() {
                ways.push(simd.vectorize(|| Avx512Masks(simd).of(group)));
            }
        }
        ways
    }

    #[test]
    fn every_byte_value_gets_the_same_masks_every_way() {
        for value in 0..=u8::MAX {
            for at in [0, 7, 8, 31, 32, 63] {
                // Neighbours on both sides that fall on the other side of each compare.
                for fill in [b' ', b'a', 0x00, 0xFF, 0xA5, 0xAF] {
                    let mut group = [fill; GROUP];
                    group[at] = value;
                    let expected = reference_masks(&group);
                    for masks in masks_each_way(&group) {
                        assert_eq!(masks, expected, "{value:#x} at {at} among {fill:#x}");
                    }
                }
            }
        }
    }

    /// Everything the index answers, checked against the searches it replaces.
    fn agrees_with_searches(text: &str) {
        let bytes = text.as_bytes();
        for index in built_each_way(bytes) {
            let indexed: Vec<_> = index.lines(text).collect();
            assert_eq!(indexed, lines(text).collect::<Vec<_>>(), "{text:?}");
            let mut expected = Vec::new();
            let mut from = 0;
            while from < bytes.len() {
                from = next_unclean(bytes, from);
                if from < bytes.len() {
                    expected.push(from as u32);
                    from += 1;
                }
            }
            assert_eq!(index.unclean(), expected, "{text:?}");
            for start in 0..=bytes.len() {
                for end in start..=bytes.len() {
                    let Some(slice) = text.get(start..end) else {
                        continue;
                    };
                    assert_eq!(
                        index.words(bytes, start..end),
                        count_words(slice),
                        "{start}..{end} of {text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn finds_breaks_words_and_controls_across_groups() {
        let long = format!(
            "{}\r\n“quoted” words\rend\u{202E}x\u{1b}[0m\n\n",
            "a b ".repeat(20)
        );
        for text in ["", " ", "\n", "a", "\r\n\r", "ab\n cd ", long.as_str()] {
            agrees_with_searches(text);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn agrees_with_the_searches_it_replaces(
            text in proptest::string::string_regex("[a-c \t\r\n“”…\u{202E}\u{85}\u{7f}\u{1}]{0,150}")
                .unwrap_or_else(|e| panic!("{e}")),
        ) {
            agrees_with_searches(&text);
        }
    }
}
