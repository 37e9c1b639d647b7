//! Counting words, which `stats` does for every segment of a log: by
//! comparing bytes, 32 at a time.

use crate::vector::ByteLoop;

/// Words separated by spaces and line breaks, counted by comparing bytes so
/// that statistics over a large log stay cheap. Text is sanitized, so every
/// byte up to `b' '` is a space or a line break; other white space (rare in
/// logs) does not separate words.
pub fn count_words(text: &str) -> usize {
    #[cfg(target_arch = "x86_64")]
    if let Some(simd) = crate::vector::avx2() {
        return simd.vectorize(in_masks::WordStarts(simd, text.as_bytes()));
    }
    count_words_plain(text.as_bytes())
}

/// [`count_words`] where there is no AVX2, kept out of line so that the
/// usual way in does not pay for its registers.
#[inline(never)]
fn count_words_plain(bytes: &[u8]) -> usize {
    crate::vector::widest(WordStarts(bytes))
}

/// [`word_starts`] on AVX2: which of 32 bytes are over a space, as the bits
/// of a number, then the bits that follow an unset one, counted.
#[cfg(target_arch = "x86_64")]
mod in_masks {
    use std::arch::x86_64::__m256i;

    use pulp::x86::V3;

    pub(super) struct WordStarts<'t>(pub V3, pub &'t [u8]);

    impl pulp::NullaryFnOnce for WordStarts<'_> {
        type Output = usize;

        #[allow(clippy::inline_always)] // run with the instructions `vectorize` enables
        #[inline(always)]
        fn call(self) -> usize {
            let WordStarts(simd, bytes) = self;
            let least_word_byte = simd.avx._mm256_set1_epi8(b'!'.cast_signed());
            // Bit i is set when byte i of the 32 is over a space.
            let over_space = |block: &[u8; 32]| {
                let block: __m256i = pulp::cast(*block);
                let over = simd
                    .avx2
                    ._mm256_cmpeq_epi8(simd.avx2._mm256_max_epu8(block, least_word_byte), block);
                simd.avx2._mm256_movemask_epi8(over).cast_unsigned()
            };
            let (blocks, tail) = bytes.as_chunks::<32>();
            let Some(last) = bytes.last_chunk::<32>() else {
                return super::word_starts(bytes);
            };
            let mut starts = 0;
            // Whether the byte before the block is over a space.
            let mut in_word = 0;
            for block in blocks {
                let over = over_space(block);
                starts += (over & !((over << 1) | in_word)).count_ones();
                in_word = over >> 31;
            }
            // The last few bytes: the last 32 again, counting only the bits
            // of the bytes no block above has counted.
            if !tail.is_empty() {
                let over = over_space(last);
                let new = u32::MAX << (32 - tail.len());
                starts += (over & !(over << 1) & new).count_ones();
            }
            starts as usize
        }
    }
}

/// How many bytes over a space follow one up to a space, or start the text.
struct WordStarts<'t>(&'t [u8]);

impl ByteLoop for WordStarts<'_> {
    type Output = usize;

    #[allow(clippy::inline_always)] // see `ByteLoop`
    #[inline(always)]
    fn run(self) -> usize {
        word_starts(self.0)
    }
}

#[allow(clippy::inline_always)] // see `ByteLoop`
#[inline(always)]
fn word_starts(bytes: &[u8]) -> usize {
    let Some(&first) = bytes.first() else {
        return 0;
    };
    // A word starts at each byte over a space that follows one up to a space.
    let (before, at) = (&bytes[..bytes.len() - 1], &bytes[1..]);
    let mut starts = usize::from(first > b' ');
    if at.len() < LANES {
        let pairs = before.iter().zip(at);
        return starts + pairs.filter(|&(&b, &a)| b <= b' ' && a > b' ').count();
    }
    // One-byte counters, LANES pairs at a time, emptied before they overflow:
    // the loop compiles to vector instructions.
    let mut lanes = [0u8; LANES];
    let mut rounds = 0;
    let (before_blocks, _) = before.as_chunks::<LANES>();
    let (at_blocks, left) = at.as_chunks::<LANES>();
    for (before, at) in before_blocks.iter().zip(at_blocks) {
        lanes = count_starts(lanes, before, at, 0);
        rounds += 1;
        if rounds == u8::MAX {
            starts += lanes.iter().map(|&lane| usize::from(lane)).sum::<usize>();
            lanes = [0; LANES];
            rounds = 0;
        }
    }
    // The last few pairs: the last LANES pairs again, counting only the
    // lanes no block above has counted.
    if let (false, Some(before), Some(at)) = (
        left.is_empty(),
        before.last_chunk::<LANES>(),
        at.last_chunk::<LANES>(),
    ) {
        lanes = count_starts(lanes, before, at, LANES - left.len());
    }
    starts + lanes.iter().map(|&lane| usize::from(lane)).sum::<usize>()
}

/// How many pairs of bytes [`count_words`] compares at once: two 16-byte
/// vectors, or one 32-byte vector.
const LANES: usize = 32;

/// Adds to each lane from `skip` on whether a word starts at that byte of
/// `at`, after the byte at the same place in `before`.
// Bitwise `&` on purpose: with no branches the loop compiles to vector code.
#[allow(clippy::needless_bitwise_bool, clippy::inline_always)]
#[inline(always)]
fn count_starts(
    lanes: [u8; LANES],
    before: &[u8; LANES],
    at: &[u8; LANES],
    skip: usize,
) -> [u8; LANES] {
    // By value, so the counters stay in a register; lane numbers as bytes,
    // so that all the comparisons are of bytes.
    const LANE: [u8; LANES] = {
        let mut lane = [0; LANES];
        let mut i = 0;
        while i < LANES {
            lane[i] = i as u8;
            i += 1;
        }
        lane
    };
    let skip = skip as u8;
    let mut lanes = lanes;
    for (i, lane) in lanes.iter_mut().enumerate() {
        let starts = (before[i] <= b' ') & (at[i] > b' ') & (LANE[i] >= skip);
        *lane = lane.wrapping_add(u8::from(starts));
    }
    lanes
}

#[cfg(test)]
mod tests {
    use super::{count_words, word_starts};

    /// The words of `text` as a split at every character up to a space finds them.
    fn words_by_split(text: &str) -> usize {
        text.split(|c: char| c <= ' ')
            .filter(|w| !w.is_empty())
            .count()
    }

    #[test]
    fn counts_words_between_ascii_white_space() {
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words("   "), 0);
        assert_eq!(count_words("one"), 1);
        assert_eq!(count_words("  two  words\n"), 2);
        assert_eq!(count_words("It’s been five days."), 4);
    }

    /// Every length around the vector width, and lines long enough to empty
    /// the one-byte counters, on the widest vectors and on the plain ones.
    #[test]
    fn counts_the_same_at_every_length_and_vector_width() {
        let pattern = "ab  c\td\n“e” f";
        for len in 0..300 {
            let text: String = pattern.chars().cycle().take(len).collect();
            let expected = words_by_split(&text);
            assert_eq!(count_words(&text), expected, "{text:?}");
            assert_eq!(word_starts(text.as_bytes()), expected, "{text:?}");
        }
        let long = "a ".repeat(20_000) + "b";
        assert_eq!(count_words(&long), 20_001);
        assert_eq!(word_starts(long.as_bytes()), 20_001);
    }

    proptest::proptest! {
        /// Any text: bytes on either side of a space, and of the sign bit
        /// that the vector compare must read as unsigned.
        #[test]
        fn counts_as_a_split_at_spaces_would(text in "[ a!~\\t\\n\\x00-\\x1f\\x7f\u{80}é“’日]{0,200}") {
            let expected = words_by_split(&text);
            proptest::prop_assert_eq!(count_words(&text), expected);
            proptest::prop_assert_eq!(word_starts(text.as_bytes()), expected);
        }
    }
}
