//! Quoted speech: curly, straight or guillemet quotes, possibly spread over
//! several lines, possibly never closed.

pub fn starts_with_opener(text: &str) -> bool {
    opener_len(text.as_bytes()) > 0
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
/// punctuation after it) off the end. Read on bytes, each quote matched
/// whole, so every cut falls between characters.
pub fn unquote(text: &str) -> Unquoted<'_> {
    let text = text.trim_ascii();
    let opener = opener_len(text.as_bytes());
    let body = &text[opener..];
    let kept = body
        .as_bytes()
        .iter()
        .rposition(|b| !matches!(b, b'.' | b',' | b';'))
        .map_or(0, |last| last + 1);
    let without_punctuation = &body[..kept];
    match closer_len(without_punctuation.as_bytes()) {
        0 => Unquoted {
            inner: body.trim_ascii(),
            after_close: "",
            opens: opener > 0,
            closes: false,
        },
        closer => Unquoted {
            inner: without_punctuation[..kept - closer].trim_ascii(),
            after_close: &body[kept..],
            opens: opener > 0,
            closes: true,
        },
    }
}

/// Splits quoted speech from words written after its closing quote on the
/// same line (`“We ran out of beds,” Roe said.`): the quote, closer and any
/// punctuation right after it included, then the words after, if any.
pub fn split_after_quote(text: &str) -> (&str, Option<&str>) {
    let text = text.trim_ascii();
    let opener = opener_len(text.as_bytes());
    // Speech that ends with its closing quote (and punctuation) is all quote.
    let unpunctuated = text.trim_end_matches(['.', ',', ';', ':', '!', '?']);
    if opener == 0 || closer_len(unpunctuated.as_bytes()) > 0 {
        return (text, None);
    }
    let body = &text[opener..];
    let closers: &[char] = if text.starts_with('"') {
        &['"']
    } else {
        &['”', '»', '"', '“']
    };
    let Some(close) = body.find(closers) else {
        return (text, None);
    };
    let closer = body[close..].chars().next().map_or(1, char::len_utf8);
    let mut end = opener + close + closer;
    end += text[end..]
        .find(|c: char| !matches!(c, '.' | ',' | ';' | ':' | '!' | '?'))
        .unwrap_or(text.len() - end);
    let after = text[end..].trim();
    if after.chars().any(char::is_alphabetic) {
        (&text[..end], Some(after))
    } else {
        (text, None)
    }
}

/// The length in bytes of the quote that opens `text` (`“`, `„`, `«` or `"`), or 0.
fn opener_len(text: &[u8]) -> usize {
    match text {
        [0xE2, 0x80, 0x9C | 0x9E, ..] => 3, // “ „
        [0xC2, 0xAB, ..] => 2,              // «
        [b'"', ..] => 1,
        _ => 0,
    }
}

/// The length in bytes of the quote that closes `text` (`”`, `»` or `"`), or 0.
fn closer_len(text: &[u8]) -> usize {
    match text {
        [.., 0xE2, 0x80, 0x9D] => 3, // ”
        [.., 0xC2, 0xBB] => 2,       // »
        [.., b'"'] => 1,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_rules_know_every_quote() {
        for quote in ["“", "\"", "„", "«"] {
            assert_eq!(opener_len(format!("{quote}a").as_bytes()), quote.len());
        }
        for quote in ["”", "\"", "»"] {
            assert_eq!(closer_len(format!("a{quote}").as_bytes()), quote.len());
        }
        assert_eq!(
            (opener_len("”a".as_bytes()), closer_len("a“".as_bytes())),
            (0, 0)
        );
    }

    #[test]
    fn words_after_the_closing_quote_are_split_off() {
        assert_eq!(
            split_after_quote("“We ran out of beds,” Roe said."),
            ("“We ran out of beds,”", Some("Roe said."))
        );
        assert_eq!(
            split_after_quote("\"Fine.\" He left."),
            ("\"Fine.\"", Some("He left."))
        );
        assert_eq!(
            split_after_quote("“Only a quote.”"),
            ("“Only a quote.”", None)
        );
        assert_eq!(split_after_quote("“A quote”."), ("“A quote”.", None));
        assert_eq!(split_after_quote("“Never closed"), ("“Never closed", None));
        assert_eq!(split_after_quote("Not quoted."), ("Not quoted.", None));
    }

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
