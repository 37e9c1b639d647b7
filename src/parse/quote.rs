//! Quoted speech: curly, straight or guillemet quotes, possibly spread over
//! several lines, possibly never closed.

const OPENERS: [&str; 4] = ["“", "\"", "„", "«"];
const CLOSERS: [&str; 3] = ["”", "\"", "»"];
const TRAILING_PUNCTUATION: [char; 3] = ['.', ',', ';'];

pub fn is_opener(c: char) -> bool {
    matches!(c, '“' | '"' | '„' | '«')
}

pub fn starts_with_opener(text: &str) -> bool {
    OPENERS.iter().any(|quote| text.starts_with(quote))
}

/// A piece of text with its quotes taken off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unquoted<'a> {
    /// The words inside the quotes.
    pub inner: &'a str,
    /// Punctuation written after the closing quote (`”.`), kept with the text.
    pub after_close: &'a str,
    pub opens: bool,
    pub closes: bool,
}

impl Unquoted<'_> {
    /// Whether the words end like a question.
    pub fn is_question(&self) -> bool {
        self.inner.trim_ascii_end().ends_with('?')
    }
}

/// Takes an opening quote off the start and a closing quote (with any
/// punctuation after it) off the end. Read on bytes: every line of speech
/// comes here.
pub fn unquote(text: &str) -> Unquoted<'_> {
    let text = text.trim_ascii();
    let opener = OPENERS
        .iter()
        .find(|quote| text.as_bytes().starts_with(quote.as_bytes()));
    let (opens, body) = match opener {
        Some(quote) => (true, &text[quote.len()..]),
        None => (false, text),
    };
    let without_punctuation = body.trim_end_matches(TRAILING_PUNCTUATION);
    let closer = CLOSERS
        .iter()
        .find(|quote| without_punctuation.as_bytes().ends_with(quote.as_bytes()));
    match closer {
        Some(quote) => {
            let inner = &without_punctuation[..without_punctuation.len() - quote.len()];
            Unquoted {
                inner: inner.trim_ascii(),
                after_close: &body[without_punctuation.len()..],
                opens,
                closes: true,
            }
        }
        None => Unquoted {
            inner: body.trim_ascii(),
            after_close: "",
            opens,
            closes: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_curly_and_straight_quotes_off() {
        let q = unquote("“Tell us which roads are blocked?”");
        assert_eq!(
            (q.inner, q.opens, q.closes),
            ("Tell us which roads are blocked?", true, true)
        );
        assert!(q.is_question());
        let q = unquote("\"We hope not\"");
        assert_eq!((q.inner, q.opens, q.closes), ("We hope not", true, true));
    }

    #[test]
    fn keeps_punctuation_after_the_closing_quote() {
        let q = unquote("“We walked for two days”.");
        assert_eq!((q.inner, q.after_close), ("We walked for two days", "."));
    }

    #[test]
    fn open_and_continuation_lines() {
        let q = unquote("“Yesterday after the prayer");
        assert_eq!(
            (q.inner, q.opens, q.closes),
            ("Yesterday after the prayer", true, false)
        );
        let q = unquote("and then we left.”");
        assert_eq!(
            (q.inner, q.opens, q.closes),
            ("and then we left.", false, true)
        );
        let q = unquote("plain words");
        assert_eq!((q.opens, q.closes), (false, false));
        let q = unquote("\"");
        assert_eq!((q.inner, q.opens, q.closes), ("", true, false));
    }
}
