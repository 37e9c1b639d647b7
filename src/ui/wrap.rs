//! Word wrapping by display width, giving byte ranges so highlights can be
//! laid over the wrapped lines.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Columns a piece of text takes, measured by grapheme cluster as ratatui
/// draws it: a flag, an emoji joined with ZWJ or one with VS16 takes two,
/// whatever its characters would add up to.
pub fn text_width(text: &str) -> usize {
    text.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// `text` wrapped to `width` columns: one byte range per line. Paragraphs
/// (`\n`) start new lines; words longer than a line are broken.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    wrap_at_most(text, width, usize::MAX)
}

/// Like [`wrap`], stopping after about `max_lines` lines: a screen never shows
/// more, and a segment may be megabytes long.
pub fn wrap_at_most(text: &str, width: usize, max_lines: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut paragraph_start = 0;
    for paragraph in text.split('\n') {
        if lines.len() >= max_lines {
            break;
        }
        wrap_paragraph(paragraph, paragraph_start, width, max_lines, &mut lines);
        paragraph_start += paragraph.len() + 1;
    }
    lines.truncate(max_lines);
    lines
}

fn wrap_paragraph(
    paragraph: &str,
    offset: usize,
    width: usize,
    max_lines: usize,
    lines: &mut Vec<Range<usize>>,
) {
    let mut line_start: Option<usize> = None;
    let mut line_end = 0;
    let mut line_width = 0;
    let mut position = 0;
    for word in paragraph.split(' ') {
        if lines.len() > max_lines {
            return;
        }
        let start = position;
        position += word.len() + 1;
        if word.is_empty() {
            continue;
        }
        let word_width = text_width(word);
        if let Some(begin) = line_start {
            if line_width + 1 + word_width <= width {
                line_width += 1 + word_width;
                line_end = start + word.len();
                continue;
            }
            lines.push(offset + begin..offset + line_end);
        }
        if word_width <= width {
            line_start = Some(start);
            line_end = start + word.len();
            line_width = word_width;
            continue;
        }
        // A word wider than the line: break it between grapheme clusters.
        let mut piece_start = start;
        let mut piece_width = 0;
        for (i, grapheme) in word.grapheme_indices(true) {
            let w = UnicodeWidthStr::width(grapheme);
            if piece_width + w > width && piece_width > 0 {
                lines.push(offset + piece_start..offset + start + i);
                piece_start = start + i;
                piece_width = 0;
            }
            piece_width += w;
        }
        line_start = Some(piece_start);
        line_end = start + word.len();
        line_width = piece_width;
    }
    match line_start {
        Some(begin) => lines.push(offset + begin..offset + line_end),
        None if lines.is_empty() || paragraph.is_empty() => lines.push(offset..offset),
        None => {}
    }
}

/// Cuts `text` to at most `width` columns, with `…` when something was cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text_width(text) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for grapheme in text.graphemes(true) {
        let w = UnicodeWidthStr::width(grapheme);
        if used + w + 1 > width {
            break;
        }
        out.push_str(grapheme);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_zwj_sequences_and_vs16_emoji_are_two_columns_whole() {
        for emoji in ["🇳🇴", "👩\u{200d}🔬", "❤\u{fe0f}"] {
            assert_eq!(text_width(emoji), 2, "{emoji:?}");
            // Never cut inside one: a cut falls before or after it.
            let cut = truncate(&format!("a{emoji}bcdef"), 4);
            assert!(
                cut.starts_with('a') && (cut.contains(emoji) || cut == "a…"),
                "{cut:?}"
            );
        }
        let text = "🇳🇴🇳🇴🇳🇴";
        for range in wrap(text, 3) {
            assert_eq!(text_width(&text[range]), 2, "one flag a line at width 3");
        }
    }

    fn lines(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn wraps_at_word_boundaries() {
        assert_eq!(lines("the quick brown fox", 9), ["the quick", "brown fox"]);
        assert_eq!(lines("a  b", 10), ["a  b"]);
        assert_eq!(lines("", 5), [""]);
    }

    #[test]
    fn breaks_long_words_and_keeps_paragraphs() {
        assert_eq!(lines("abcdefgh ij", 3), ["abc", "def", "gh", "ij"]);
        assert_eq!(lines("one\ntwo", 10), ["one", "two"]);
    }

    #[test]
    fn stops_after_the_lines_asked_for() {
        let long = "word ".repeat(100_000);
        assert_eq!(wrap_at_most(&long, 10, 3).len(), 3);
        assert_eq!(wrap_at_most("a\nb\nc\nd", 10, 2).len(), 2);
    }

    #[test]
    fn wide_characters_count_double() {
        assert_eq!(lines("日本語 日本", 6), ["日本語", "日本"]);
        assert_eq!(truncate("日本語", 5), "日本…");
        assert_eq!(truncate("abc", 0), "");
    }
}
