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
    if is_one_line(text) {
        return text.to_owned();
    }
    let mut line = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    line
}

/// Whether `text` is already on one line: its words with one space between
/// them, as [`one_line`] would make it. Most texts are, and this looks at
/// their bytes a block at a time; only text beyond ASCII is looked at char
/// by char, for the rare white space there (a no-break space).
pub fn is_one_line(text: &str) -> bool {
    let bytes = text.as_bytes();
    let spaced = bytes.first() == Some(&b' ')
        || bytes.last() == Some(&b' ')
        || memchr::memmem::find(bytes, b"  ").is_some();
    // The other ASCII characters `char::is_whitespace` takes: tab to carriage return.
    let broken = memchr::memchr3(b'\t', b'\n', b'\r', bytes).is_some()
        || memchr::memchr2(0x0B, 0x0C, bytes).is_some();
    !spaced
        && !broken
        && (text.is_ascii() || !text.chars().any(|c| !c.is_ascii() && c.is_whitespace()))
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
    use super::{count_words, has_words, is_one_line, one_line};

    proptest::proptest! {
        #[test]
        fn a_text_is_on_one_line_when_its_words_joined_by_spaces_are_it(
            text in "([a-z“”é]{0,4}[ \t\n\r\u{0b}\u{0c}\u{a0}\u{2003}\u{3000}\u{85}]{0,3}){0,12}"
        ) {
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(is_one_line(&text), joined == text);
            proptest::prop_assert_eq!(one_line(&text), joined);
        }
    }

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
