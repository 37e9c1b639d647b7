//! The first layer of the parser: one line in, one [`Line`] out.
//!
//! ```text
//! line      = [bullet] [shot_no] [time_mark] [label] text [end_mark]
//! bullet    = ("•" | "·" | "*" | "-" | "–") ws+
//! shot_no   = digit{1,3} "." ws+                          numbered shots in shotlists
//! label     = qa_label | soundbite | vox_pop | paren_speaker | named_speaker
//! qa_label  = ("Question" | "Answer" | "Q" | "A") ws* ":"   any case
//! end_mark  = "(" timecode ")"                             a trailing end time
//! ```
//! See `timecode.rs` and `speaker.rs` for the rules they name.

use std::sync::Arc;

use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::{char, one_of, space0, space1};
use nom::combinator::{map, recognize};
use nom::{IResult, Parser};

use super::quote::starts_with_opener;
use super::speaker::{
    LabelShape, SpeakerLabel, keyword, named_speaker, paren_speaker, soundbite, vox_pop,
};
use super::timecode::{TimeMark, plain_time_mark, time_mark};

/// What a label at the start of a line says about who speaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label<'a> {
    Question,
    Answer,
    Speaker(SpeakerLabel<'a>),
}

/// One line taken apart. A line with none of `time`, `label` or `shot` is plain text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line<'a> {
    pub time: Option<TimeMark<'a>>,
    pub label: Option<Label<'a>>,
    /// A numbered line with no label: a shot description.
    pub shot: bool,
    /// What follows the markers, trimmed; borrowed from the line.
    pub text: &'a str,
    /// A trailing `(04:33)` end time, taken off `text`.
    pub end_mark: Option<TimeMark<'a>>,
    /// Which entry of the [`LabelMemo`] the label was found in or kept as,
    /// so that the fold can keep what it made of the label by the same number.
    pub memo_slot: Option<u32>,
}

impl Line<'_> {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty() && !self.has_marker()
    }

    /// Whether the line carries a timecode, a label or a shot number: the
    /// signs that the body of a log has begun.
    pub fn has_marker(&self) -> bool {
        self.time.is_some() || self.label.is_some() || self.shot
    }
}

/// `("•" | "·" | "*" | "-" | "–") ws+`
fn bullet(input: &str) -> IResult<&str, &str> {
    // The first byte of each bullet, tested before any character is decoded.
    let could_be_bullet = matches!(input.as_bytes().first(), Some(b'*' | b'-' | 0xC2 | 0xE2));
    if !could_be_bullet || !input.starts_with(['•', '·', '*', '-', '–']) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::OneOf,
        )));
    }
    recognize((one_of("•·*-–"), space1)).parse(input)
}

/// `digit{1,3} "." ws+`, on bytes: every line that starts with a digit
/// (every timecode) is tried for it first.
fn shot_number(input: &str) -> IResult<&str, &str> {
    let bytes = input.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let spaces = bytes.get(digits + 1..).map_or(0, |after| {
        after
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count()
    });
    if !(1..=3).contains(&digits) || bytes.get(digits) != Some(&b'.') || spaces == 0 {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Digit,
        )));
    }
    let end = digits + 1 + spaces;
    Ok((&input[end..], &input[..end]))
}

/// `("Question" | "Answer" | "Q" | "A") ws* ":"`, any case for the words.
fn qa_label(input: &str) -> IResult<&str, Label<'_>> {
    let (rest, label) = alt((
        map(keyword("question"), |_| Label::Question),
        map(keyword("answer"), |_| Label::Answer),
        map(tag("Q"), |_| Label::Question),
        map(tag("A"), |_| Label::Answer),
    ))
    .parse(input)?;
    let (rest, _) = (space0, char(':')).parse(rest)?;
    Ok((rest, label))
}

fn speaker_label(input: &str) -> IResult<&str, Label<'_>> {
    map(
        alt((soundbite, vox_pop, paren_speaker, named_speaker)),
        Label::Speaker,
    )
    .parse(input)
}

/// Tries only the rules that can start with the line's first character:
/// most lines are `(Name, Role)` or speech, and need no keyword tests.
fn label(input: &str) -> IResult<&str, Label<'_>> {
    match input.as_bytes().first() {
        Some(b'(') => map(paren_speaker, Label::Speaker).parse(input),
        Some(b'Q' | b'q' | b'A' | b'a' | b'S' | b's' | b'V' | b'v') => {
            alt((qa_label, speaker_label)).parse(input)
        }
        _ => map(named_speaker, Label::Speaker).parse(input),
    }
}

/// Labels already taken apart, by the text they were read from: a log
/// repeats a few labels (`Question:`, `(Ahmed, Citizen)`) on thousands of
/// lines, and finding one again costs a fraction of parsing it.
#[derive(Debug, Default)]
pub struct LabelMemo {
    /// Each text's place in `kept`.
    seen: foldhash::HashMap<Arc<str>, u32>,
    /// The texts, shared with `seen`, and what they were read as, in the
    /// order they came.
    kept: Vec<(Arc<str>, Option<MemoEntry>)>,
    /// Places in `kept` by a quick sum of a text's length and two of its
    /// bytes: a log's few labels are mostly found here, with one comparison
    /// and no hashing.
    recent: [Option<u32>; RECENT_SLOTS],
}

/// How many places [`LabelMemo::recent`] has.
const RECENT_SLOTS: usize = 32;

/// The place in [`LabelMemo::recent`] for a text.
fn recent_slot(text: &[u8]) -> usize {
    let middle = text.get(text.len() / 2).copied().unwrap_or_default();
    let last = text.last().copied().unwrap_or_default();
    (text.len() ^ (usize::from(middle) << 1) ^ (usize::from(last) * 3)) % RECENT_SLOTS
}

/// `a == b` for texts as short as labels, compared in two overlapping
/// pieces of a fixed size: with no call to `memcmp`, which for so few bytes
/// costs more than the comparison.
fn same_short_bytes(a: &[u8], b: &[u8]) -> bool {
    fn ends_match<const N: usize>(a: &[u8], b: &[u8]) -> bool {
        a.first_chunk::<N>() == b.first_chunk::<N>() && a.last_chunk::<N>() == b.last_chunk::<N>()
    }
    a.len() == b.len()
        && match a.len() {
            0..4 => a.iter().zip(b).all(|(x, y)| x == y),
            4..8 => ends_match::<4>(a, b),
            8..16 => ends_match::<8>(a, b),
            16..=32 => ends_match::<16>(a, b),
            _ => a == b,
        }
}

/// A label as [`LabelMemo`] keeps it: how to find it in its text again,
/// and where the text after it starts. Its number in the memo is its place
/// in [`LabelMemo::kept`].
#[derive(Debug, Clone)]
struct MemoEntry {
    label: MemoLabel,
    after: usize,
}

#[derive(Debug, Clone)]
enum MemoLabel {
    Question,
    Answer,
    Speaker(LabelShape),
}

/// Lines longer than this after their timecode are not labels worth keeping: prose.
const MEMO_MAX_LEN: usize = 96;
/// How many texts the memo keeps, so that a log of short distinct lines cannot grow it without end.
const MEMO_MAX_ENTRIES: usize = 4096;

impl LabelMemo {
    /// [`label`], or what it gave for the same text before, with the
    /// label's number in the memo when it is kept there.
    fn label<'a>(&mut self, input: &'a str) -> Option<(&'a str, Label<'a>, Option<u32>)> {
        if input.len() > MEMO_MAX_LEN {
            return label(input).ok().map(|(rest, found)| (rest, found, None));
        }
        let recent = recent_slot(input.as_bytes());
        let known = match self.recent[recent] {
            Some(at)
                if self.kept.get(at as usize).is_some_and(|(text, _)| {
                    same_short_bytes(text.as_bytes(), input.as_bytes())
                }) =>
            {
                Some(at)
            }
            _ => self.seen.get(input).copied(),
        };
        if let Some(at) = known {
            self.recent[recent] = Some(at);
            let known = self
                .kept
                .get(at as usize)
                .and_then(|(_, entry)| entry.as_ref());
            return known.map(|entry| {
                let found = match &entry.label {
                    MemoLabel::Question => Label::Question,
                    MemoLabel::Answer => Label::Answer,
                    MemoLabel::Speaker(shape) => Label::Speaker(shape.label_in(input)),
                };
                let rest = input.get(entry.after..).unwrap_or_default();
                (rest, found, Some(at))
            });
        }
        let found = label(input).ok();
        // A full memo keeps what it has and reads further labels afresh.
        let free_slot = (self.seen.len() < MEMO_MAX_ENTRIES)
            .then(|| u32::try_from(self.seen.len()).ok())
            .flatten();
        let Some(slot) = free_slot else {
            return found.map(|(rest, found)| (rest, found, None));
        };
        let entry = found.as_ref().map(|(rest, found)| MemoEntry {
            label: match found {
                Label::Question => MemoLabel::Question,
                Label::Answer => MemoLabel::Answer,
                Label::Speaker(speaker) => MemoLabel::Speaker(speaker.shape_in(input)),
            },
            after: input.len() - rest.len(),
        });
        let text: Arc<str> = input.into();
        self.seen.insert(Arc::clone(&text), slot);
        self.kept.push((text, entry));
        self.recent[recent] = Some(slot);
        found.map(|(rest, found)| (rest, found, Some(slot)))
    }
}

/// A `(timecode)` that ends the text, split off. The test for the closing
/// bracket is inlined: most lines have none, and a call that returns this
/// pair through memory costs more than the test.
#[inline]
pub fn split_end_mark(text: &str, fps: u32) -> (&str, Option<TimeMark<'_>>) {
    if text.ends_with(')') {
        split_bracketed_end_mark(text, fps)
    } else {
        (text, None)
    }
}

/// [`split_end_mark`] for a text that ends with `)`.
#[inline(never)]
fn split_bracketed_end_mark(text: &str, fps: u32) -> (&str, Option<TimeMark<'_>>) {
    let Some(open) = text.rfind('(') else {
        return (text, None);
    };
    match time_mark(fps)(&text[open..]) {
        Ok(("", mark)) if open > 0 => (text[..open].trim_ascii_end(), Some(mark)),
        _ => (text, None),
    }
}

/// Whether `text` starts with a letter or "(": quoted speech never starts
/// a label. The first byte decides for ASCII, most lines; only other
/// characters are decoded.
fn starts_label(text: &str) -> bool {
    match text.as_bytes().first() {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphabetic() || *b == b'(',
        Some(_) => !starts_with_opener(text) && text.starts_with(char::is_alphabetic),
    }
}

/// Takes one (sanitized) line apart. Never fails: what fits no rule is text.
/// Lines are trimmed of ASCII white space only: logs pad with spaces and tabs
/// (tabs are spaces by now), and Unicode-aware trimming costs a table lookup
/// for every curly quote at a line end.
pub fn parse_line(input: &str, fps: u32) -> Line<'_> {
    parse_line_with(input, fps, None)
}

/// [`parse_line`], finding labels read before in `memo`.
pub fn parse_line_with<'a>(input: &'a str, fps: u32, memo: Option<&mut LabelMemo>) -> Line<'a> {
    // Filled in place: a line put together from parts and then returned is
    // copied with wide loads of narrow stores, which stall the processor.
    let mut line = Line::default();
    let mut rest = input.trim_ascii();
    // Quoted speech, most lines of a log: no bullet, number, timecode or
    // label starts with a quote.
    if starts_with_opener(rest) {
        (line.text, line.end_mark) = split_end_mark(rest, fps);
        return line;
    }
    if let Ok((after, _)) = bullet(rest) {
        rest = after;
    }
    // A plain timecode first, the start of most timed lines: a line it fits
    // has a colon after its first digits, so no shot number (`12. `) starts it.
    let mut plain = plain_time_mark(rest);
    let mut numbered = false;
    if plain.is_none()
        && let Ok((after, _)) = shot_number(rest)
    {
        rest = after;
        numbered = true;
        plain = plain_time_mark(rest);
    }
    // A timecode ends at white space, a colon or the end of the line.
    let ends_timecode = |after: &str| match after.as_bytes().first() {
        None | Some(b' ' | b'\t' | b':') => true,
        Some(b) if b.is_ascii() => b.is_ascii_whitespace(),
        Some(_) => after.starts_with(char::is_whitespace),
    };
    if let Some((after, mark)) = plain {
        if ends_timecode(after) {
            line.time = Some(mark);
            rest = after.trim_ascii_start();
        }
    } else if rest.starts_with(|c: char| c.is_ascii_digit() || c == '(' || c == '[')
        && let Ok((after, mark)) = time_mark(fps)(rest)
        && ends_timecode(after)
    {
        line.time = Some(mark);
        rest = after.trim_ascii_start();
    }
    // Every label starts with a letter or "("; quoted speech never holds one.
    let found = if starts_label(rest) {
        match memo {
            Some(memo) => memo.label(rest),
            None => label(rest).ok().map(|(after, found)| (after, found, None)),
        }
    } else {
        None
    };
    if let Some((after, found, slot)) = found {
        line.label = Some(found);
        line.memo_slot = slot;
        rest = after;
    }
    line.shot = numbered && line.label.is_none();
    (line.text, line.end_mark) = split_end_mark(rest.trim_ascii(), fps);
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Timecode;

    fn line(input: &str) -> Line<'_> {
        parse_line(input, 25)
    }

    fn start(line: &Line) -> Option<u64> {
        line.time
            .as_ref()
            .and_then(|t| t.start.ok())
            .map(Timecode::as_millis)
    }

    #[test]
    fn timecode_and_question_label() {
        let l = line("09:55 Question:");
        assert_eq!(
            (start(&l), l.label, l.text),
            (Some(595_000), Some(Label::Question), "")
        );
    }

    #[test]
    fn timecode_and_paren_speaker() {
        let l = line("10:01 (Ahmed, Citizen)");
        let Some(Label::Speaker(s)) = &l.label else {
            panic!("no speaker")
        };
        assert_eq!(s.read().speaker.name.as_deref(), Some("Ahmed"));
        assert_eq!(start(&l), Some(601_000));
    }

    #[test]
    fn timecode_and_quote_with_no_speaker() {
        let l = line("22:40 “We hope not”");
        assert_eq!((&l.label, l.text), (&None, "“We hope not”"));
        assert!(l.has_marker());
    }

    #[test]
    fn inline_questions_and_answers_in_any_case() {
        assert_eq!(
            line("Question: Why only half?").label,
            Some(Label::Question)
        );
        assert_eq!(line("ANSWER: Many left.").text, "Many left.");
        assert_eq!(line("answer : yes").label, Some(Label::Answer));
    }

    #[test]
    fn bullets_parenthesised_times_and_end_marks() {
        let l = line("  • (04:10) Faris, the shop owner’s son (man, Arabic):");
        assert_eq!(start(&l), Some(250_000));
        assert!(matches!(l.label, Some(Label::Speaker(_))));
        let l = line("(04:34) Did anyone help you repair it? (04:38)");
        assert_eq!(l.text, "Did anyone help you repair it?");
        assert_eq!(l.end_mark.map(|m| m.written), Some("(04:38)"));
        let l = line("The shutters were bent. (04:33)");
        assert!(!l.has_marker());
        assert_eq!(l.text, "The shutters were bent.");
    }

    #[test]
    fn every_bullet_and_labels_that_start_outside_ascii() {
        for bullet in ["•", "·", "*", "-", "–"] {
            let text = format!("{bullet} 04:10 Question:");
            let l = line(&text);
            assert_eq!((start(&l), l.label), (Some(250_000), Some(Label::Question)));
        }
        assert!(matches!(
            line("04:10 Émile Roux, Baker:").label,
            Some(Label::Speaker(_))
        ));
        let l = line("04:10\u{a0}“Quoted”");
        assert_eq!((start(&l), l.label), (Some(250_000), None));
        assert_eq!(line("„Quoted“").label, None);
    }

    #[test]
    fn ranges_shots_and_numbered_soundbites() {
        let l = line("01:05 – 01:31");
        assert!(l.time.as_ref().is_some_and(|t| t.end.is_some()));
        assert!(l.text.is_empty() && l.label.is_none());
        let l = line("1. Wide of flooded main street");
        assert!(l.shot);
        assert_eq!(l.text, "Wide of flooded main street");
        let l = line("2. SOUNDBITE (English) Maya Stone, town mayor:");
        assert!(!l.shot && matches!(l.label, Some(Label::Speaker(_))));
    }

    #[test]
    fn plain_prose_is_text() {
        let l = line("Video shot on February 6, 2016 inside the area.");
        assert!(!l.has_marker());
        assert!(line("   ").is_blank());
        assert!(!line("10:30am we left").has_marker());
        assert!(!line("1.5 million people").shot);
    }

    use proptest::strategy::Strategy;

    proptest::proptest! {
        #[test]
        fn short_texts_compare_as_bytes_do(
            a in proptest::collection::vec(proptest::sample::select(vec![b'a', b'b', 0xE2]), 0..70),
            flip in proptest::option::of(0usize..70),
        ) {
            let mut b = a.clone();
            if let Some(at) = flip.filter(|&at| at < b.len()) {
                b[at] = if b[at] == b'a' { b'b' } else { b'a' };
            }
            proptest::prop_assert_eq!(same_short_bytes(&a, &b), a == b);
            proptest::prop_assert!(!same_short_bytes(&a, &b[..b.len().saturating_sub(1)]) || a.is_empty());
        }
    }

    proptest::proptest! {
        #[test]
        fn a_label_found_again_in_the_memo_is_the_label_parsed_afresh(
            lines in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(vec![
                        "Question:", "ANSWER : yes", "(Ahmed, Citizen)", "(laughs) yes", "Rana, Teacher:",
                        "SCHNEIDER:  Okay.", "SOUNDBITE (Arabic, Woman) Huda Karim, Nurse",
                        "Vox Pop 2: Omar Saleh - Red Crescent (English)", "Vox Pop 3:",
                        "Q: why?", "A: because", "(Farmer, no name given) “quoted”",
                    ]).prop_map(str::to_owned),
                    "[A-Za-z(),:“” -]{0,30}",
                ],
                1..30,
            )
        ) {
            let mut memo = LabelMemo::default();
            for round in 0..2 {
                for line in &lines {
                    let timed = format!("0{round}:10 {line}");
                    let from_memo = parse_line_with(&timed, 25, Some(&mut memo));
                    proptest::prop_assert_eq!(
                        Line { memo_slot: None, ..from_memo },
                        parse_line(&timed, 25)
                    );
                }
            }
        }
    }
}
