//! The first layer of the parser: one line in, one [`Line`] out.
//!
//! ```text
//! line      = [bullet] [shot_no] [time_mark] [label] text [end_mark]
//! bullet    = ("•" | "·" | "*" | "-" | "–") ws+
//! shot_no   = digit{1,3} "." ws+                          numbered shots in shotlists
//! label     = qa_label | soundbite | vox_pop | tv_speaker | tv_detail | anchor
//!           | paren_speaker | named_speaker
//! tv_detail = "((" [detail] " in " language "))"          ((Female in Arabic))
//! anchor    = "[[" text "]]"                               a TV script's anchor intro
//! qa_label  = ("Question" | "Answer" | "Q" | "A") ws* ":"   any case
//! end_mark  = "(" timecode ")"                             a trailing end time
//! ```
//! See `timecode.rs` and `speaker.rs` for the rules they name.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_until, take_while_m_n};
use nom::character::complete::{char, one_of, space0, space1};
use nom::combinator::{map, recognize};
use nom::sequence::delimited;
use nom::{IResult, Parser};

use crate::formats::common::quote::starts_with_opener;
use crate::formats::common::speaker::{
    SpeakerLabel, keyword, named_speaker, paren_speaker, soundbite, speaker_detail, tv_speaker,
    vox_pop,
};
use crate::formats::common::timecode::{TimeMark, time_mark};

/// What a label at the start of a line says about who speaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label<'a> {
    Question,
    Answer,
    Speaker(SpeakerLabel<'a>),
    /// `((Female in Arabic))`: who the speaker named before is, and their language.
    Detail {
        detail: Option<String>,
        language: String,
    },
    /// `[[ANCHOR INTRO: …]]`: the studio's words before a report.
    Anchor,
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
    recognize((one_of("•·*-–"), space1)).parse(input)
}

/// `digit{1,3} "." ws+`
fn shot_number(input: &str) -> IResult<&str, &str> {
    recognize((
        take_while_m_n(1, 3, |c: char| c.is_ascii_digit()),
        char('.'),
        space1,
    ))
    .parse(input)
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
        alt((soundbite, vox_pop, tv_speaker, paren_speaker, named_speaker)),
        Label::Speaker,
    )
    .parse(input)
}

/// `"((" [detail] " in " language "))"`
fn tv_detail(input: &str) -> IResult<&str, Label<'_>> {
    let (rest, inside) = delimited(tag("(("), take_until("))"), tag("))")).parse(input)?;
    // A line of its own: words after it would be lost with it.
    match speaker_detail(inside).filter(|_| rest.trim().is_empty()) {
        Some((detail, language)) => Ok((rest, Label::Detail { detail, language })),
        None => Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        ))),
    }
}

/// `"[[" text "]]"`: the text is the rest of the line, with a leading
/// `ANCHOR INTRO:` (or `ANCHOR:`, `INTRO:`) taken off.
fn anchor(input: &str) -> IResult<&str, Label<'_>> {
    let (rest, inside) = delimited(tag("[["), take_until("]]"), tag("]]")).parse(input)?;
    if !rest.trim().is_empty() {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    }
    let inside = inside.trim();
    let text = ["anchor intro:", "anchor:", "intro:"]
        .iter()
        .find_map(|prefix| {
            inside
                .get(..prefix.len())
                .filter(|head| head.eq_ignore_ascii_case(prefix))
                .map(|_| inside[prefix.len()..].trim())
        })
        .unwrap_or(inside);
    Ok((text, Label::Anchor))
}

/// `qa_label | speaker_label | tv_detail | anchor`
fn label(input: &str) -> IResult<&str, Label<'_>> {
    alt((qa_label, tv_detail, anchor, speaker_label)).parse(input)
}

/// A `(timecode)` that ends the text, split off.
pub fn split_end_mark(text: &str, fps: u32) -> (&str, Option<TimeMark<'_>>) {
    if !text.ends_with(')') {
        return (text, None);
    }
    let Some(open) = text.rfind('(') else {
        return (text, None);
    };
    match time_mark(fps)(&text[open..]) {
        Ok(("", mark)) if open > 0 => (text[..open].trim_ascii_end(), Some(mark)),
        _ => (text, None),
    }
}

/// Takes one (sanitized) line apart. Never fails: what fits no rule is text.
pub fn parse_line(input: &str, fps: u32) -> Line<'_> {
    let mut line = Line::default();
    // ASCII white space only: a no-break space after a timecode stays text.
    let mut rest = input.trim_ascii();
    // Quoted speech: no bullet, number, timecode or label starts with a quote.
    if starts_with_opener(rest) {
        (line.text, line.end_mark) = split_end_mark(rest, fps);
        return line;
    }
    if let Ok((after, _)) = bullet(rest) {
        rest = after;
    }
    // `12. ` numbers a shot, unless it is the start of a timecode.
    let mut timed = time_mark(fps)(rest);
    let mut numbered = false;
    if timed.is_err()
        && let Ok((after, _)) = shot_number(rest)
    {
        rest = after;
        numbered = true;
        timed = time_mark(fps)(rest);
    }
    if let Ok((after, mark)) = timed
        && ends_timecode(after)
    {
        line.time = Some(mark);
        rest = after.trim_ascii_start();
    }
    // Every label starts with a letter or "("; quoted speech never holds one.
    if rest.starts_with(|c: char| c == '(' || c == '[' || c.is_alphabetic())
        && !starts_with_opener(rest)
        && let Ok((after, found)) = label(rest)
    {
        line.label = Some(found);
        rest = after;
    }
    line.shot = numbered && line.label.is_none();
    (line.text, line.end_mark) = split_end_mark(rest.trim_ascii(), fps);
    line
}

/// A timecode ends at white space, a colon or the end of the line.
fn ends_timecode(after: &str) -> bool {
    after.is_empty() || after.starts_with(|c: char| c == ':' || c.is_whitespace())
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
}
