//! Counting words, for talk-time estimates and `stats`.

/// Words separated by white space. Text is sanitized, so every byte up to
/// `b' '` is a space or a line break; other white space (rare in logs) does
/// not separate words.
pub fn count_words(text: &str) -> usize {
    // A word starts at each byte over a space that follows one that is not.
    let mut words = 0;
    let mut in_word = false;
    for &byte in text.as_bytes() {
        let word_byte = byte > b' ';
        words += usize::from(word_byte && !in_word);
        in_word = word_byte;
    }
    words
}

/// A text on one line: its words with one space between them.
pub fn one_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    line
}

/// Whether `text` has at least `least` words, counting no further than that.
pub fn has_words(text: &str, least: usize) -> bool {
    if least == 0 {
        return true;
    }
    let mut words = 0;
    let mut in_word = false;
    for &byte in text.as_bytes() {
        let word_byte = byte > b' ';
        if word_byte && !in_word {
            words += 1;
            if words >= least {
                return true;
            }
        }
        in_word = word_byte;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::{count_words, has_words};

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
            for least in 0..expected + 2 {
                proptest::prop_assert_eq!(has_words(&text, least), expected >= least);
            }
        }
    }
}
