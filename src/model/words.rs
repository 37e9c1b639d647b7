//! Counting words, for talk-time estimates and `stats`.

/// Words separated by white space. Text is sanitized, so every byte up to
/// `b' '` is a space or a line break; other white space (rare in logs) does
/// not separate words.
pub fn count_words(text: &str) -> usize {
    text.as_bytes()
        .split(|&b| b <= b' ')
        .filter(|word| !word.is_empty())
        .count()
}

#[cfg(test)]
mod tests {
    use super::count_words;

    #[test]
    fn counts_words_between_spaces_and_breaks() {
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words("  one  two\nthree "), 3);
        assert_eq!(count_words("“Quoted” words – and a dash"), 6);
    }

    proptest::proptest! {
        #[test]
        fn matches_splitting_at_ascii_white_space(text in "[a b\n\t“”–é]{0,80}") {
            let expected = text.split(|c: char| c <= ' ').filter(|w| !w.is_empty()).count();
            proptest::prop_assert_eq!(count_words(&text), expected);
        }
    }
}
