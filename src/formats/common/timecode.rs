//! Timecodes as editors write them.
//!
//! ```text
//! timecode  = fields [ frames | fraction ]
//! fields    = number ":" number [ ":" number ]      MM:SS, M:SS, H:MM:SS, HH:MM:SS
//! frames    = ":" number                            HH:MM:SS:FF, at the log's frame rate
//! fraction  = ("." | ",") digit{1,}                  milliseconds; past three digits ignored
//! range     = timecode ws* ("-" | "–" | "—") ws* timecode
//! time_mark = "(" range_or_timecode ")" | "[" range_or_timecode "]" | range_or_timecode
//! ```
//! A timecode must not run straight into a letter or digit (`10:30am` is text).

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::{char, digit1, satisfy, space0};
use nom::combinator::{opt, recognize};
use nom::error::ErrorKind;
use nom::sequence::preceded;
use nom::{IResult, Parser};

use crate::model::Timecode;

/// Interviews are hours long, not years: a timecode at or past this many
/// hours is a mistake in the log, reported rather than read.
pub const MAX_HOURS: u64 = 1000;

/// Frames per second assumed for `HH:MM:SS:FF` when the log does not say.
pub const DEFAULT_FPS: u32 = 25;

/// Why a timecode-shaped token is not a valid time. Small and with nothing
/// to free, as every parsed line carries a place for one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TimecodeError {
    #[error("number too large")]
    NumberTooLarge,
    #[error("past the limit of {MAX_HOURS} hours")]
    PastLimit,
    #[error("seconds must be under 60")]
    SecondsPast59,
    #[error("minutes must be under 60")]
    MinutesPast59,
    #[error("frame number too large")]
    FrameNumberTooLarge,
    #[error("frame {frame} is past the last frame at {fps} fps")]
    FramePastRate { frame: u64, fps: u32 },
}

/// Why a string given as a timecode (`--at`, the jump prompt) is not one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseTimecodeError {
    #[error("not a timecode: {0}")]
    NotATimecode(String),
    #[error("{0}: {1}")]
    OutOfRange(String, TimecodeError),
}

/// The numbers of a timecode before they are checked.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shape<'a> {
    /// Hours (when given), minutes, seconds.
    hours: Option<&'a str>,
    minutes: &'a str,
    seconds: &'a str,
    frames: Option<&'a str>,
    fraction: Option<&'a str>,
}

/// `number ":" number [":" number] [":" frames | ("."|",") fraction]`, not
/// followed by a letter or digit. Written on bytes: every log line that starts
/// with a digit comes here, and most of those are timecodes.
fn shape(input: &str) -> IResult<&str, Shape<'_>> {
    let not_a_timecode = || nom::Err::Error(nom::error::Error::new(input, ErrorKind::Verify));
    let (rest, first) = digits(input)?;
    let (mut rest, second) = after(rest, b':').ok_or_else(not_a_timecode)?;
    let mut third = None;
    if let Some((after_third, digits)) = after(rest, b':') {
        third = Some(digits);
        rest = after_third;
    }
    let mut frames = None;
    let mut fraction = None;
    if let Some((after_frames, digits)) = after(rest, b':') {
        frames = Some(digits);
        rest = after_frames;
    } else if let Some((after_fraction, digits)) = after(rest, b'.').or_else(|| after(rest, b',')) {
        fraction = Some(digits);
        rest = after_fraction;
    }
    if rest.starts_with(|c: char| c.is_alphanumeric()) {
        return Err(not_a_timecode());
    }
    let (hours, minutes, seconds) = match third {
        Some(third) => (Some(first), second, third),
        None => (None, first, second),
    };
    // `MM:SS:FF` has no meaning; four numbers need hours.
    if frames.is_some() && hours.is_none() {
        return Err(not_a_timecode());
    }
    Ok((
        rest,
        Shape {
            hours,
            minutes,
            seconds,
            frames,
            fraction,
        },
    ))
}

/// `digit+`, like nom's `digit1` but on bytes.
fn digits(input: &str) -> IResult<&str, &str> {
    let len = input.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0 {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            ErrorKind::Digit,
        )));
    }
    Ok((&input[len..], &input[..len]))
}

/// `separator digit+` at the start of `input`: what follows, and the digits.
fn after(input: &str, separator: u8) -> Option<(&str, &str)> {
    if input.as_bytes().first() != Some(&separator) {
        return None;
    }
    digits(&input[1..]).ok()
}

/// The value of a run of ASCII digits; `None` when it overflows.
fn number(digits: &str) -> Option<u64> {
    digits.bytes().try_fold(0u64, |total, d| {
        total
            .checked_mul(10)?
            .checked_add(u64::from(d.wrapping_sub(b'0')))
    })
}

impl Shape<'_> {
    /// Checks ranges (minutes and seconds under 60, frames under the rate) and
    /// converts to milliseconds.
    fn to_timecode(&self, fps: u32) -> Result<Timecode, TimecodeError> {
        let too_large = TimecodeError::NumberTooLarge;
        let hours = self.hours.map_or(Some(0), number).ok_or(too_large)?;
        if hours >= MAX_HOURS {
            return Err(TimecodeError::PastLimit);
        }
        let minutes = number(self.minutes).ok_or(too_large)?;
        let seconds = number(self.seconds).ok_or(too_large)?;
        if seconds >= 60 {
            return Err(TimecodeError::SecondsPast59);
        }
        if self.hours.is_some() && minutes >= 60 {
            return Err(TimecodeError::MinutesPast59);
        }
        let mut ms = hours
            .checked_mul(3600)
            .and_then(|h| minutes.checked_mul(60).and_then(|m| h.checked_add(m)))
            .and_then(|s| s.checked_add(seconds))
            .and_then(|s| s.checked_mul(1000))
            .ok_or(too_large)?;
        if let Some(frames) = self.frames {
            let frames = number(frames).ok_or(TimecodeError::FrameNumberTooLarge)?;
            if frames >= u64::from(fps) {
                return Err(TimecodeError::FramePastRate { frame: frames, fps });
            }
            ms = ms
                .checked_add(frames * 1000 / u64::from(fps.max(1)))
                .ok_or(too_large)?;
        }
        if let Some(fraction) = self.fraction {
            // Milliseconds from the first three digits: ".5" is 500, ".25" is 250.
            let digits = fraction.bytes().chain(*b"00").take(3);
            let millis = digits.fold(0, |total, d| total * 10 + u64::from(d - b'0'));
            ms = ms.checked_add(millis).ok_or(too_large)?;
        }
        if ms >= MAX_HOURS * 3_600_000 {
            return Err(TimecodeError::PastLimit);
        }
        Ok(Timecode::from_millis(ms))
    }
}

/// One timecode, checked. The outer `Result` is nom's (is it shaped like a
/// timecode?); the inner one says whether its numbers are in range.
pub fn timecode(fps: u32) -> impl Fn(&str) -> IResult<&str, Result<Timecode, TimecodeError>> {
    move |input| shape(input).map(|(rest, shape)| (rest, shape.to_timecode(fps)))
}

/// Parses a whole string as one timecode, e.g. for `--at` and the jump prompt.
pub fn parse_timecode(input: &str, fps: u32) -> Result<Timecode, ParseTimecodeError> {
    let input = input.trim();
    match timecode(fps)(input) {
        Ok(("", Ok(tc))) => Ok(tc),
        Ok(("", Err(err))) => Err(ParseTimecodeError::OutOfRange(input.to_owned(), err)),
        _ => Err(ParseTimecodeError::NotATimecode(input.to_owned())),
    }
}

/// A dash between the two ends of a range.
fn range_dash(input: &str) -> IResult<&str, char> {
    preceded(space0, satisfy(|c| matches!(c, '-' | '–' | '—'))).parse(input)
}

/// A checked timecode, or why it is out of range.
pub type Checked = Result<Timecode, TimecodeError>;

/// A start and an optional end, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMark<'a> {
    pub start: Checked,
    pub end: Option<Checked>,
    /// The mark exactly as written, brackets included.
    pub written: &'a str,
}

/// `timecode [range_dash timecode]`
fn range(fps: u32) -> impl Fn(&str) -> IResult<&str, (Checked, Option<Checked>)> {
    move |input| {
        (
            timecode(fps),
            opt(preceded((range_dash, space0), timecode(fps))),
        )
            .parse(input)
    }
}

/// `timecode ws* "-->" ws* timecode`: the timing line of an SRT or `WebVTT` cue.
pub fn cue_range(fps: u32) -> impl Fn(&str) -> IResult<&str, (Checked, Checked)> {
    move |input| {
        (timecode(fps), space0, tag("-->"), space0, timecode(fps))
            .map(|(start, _, _, _, end)| (start, end))
            .parse(input)
    }
}

/// `"(" range ")" | "[" range "]" | range`.
pub fn time_mark(fps: u32) -> impl Fn(&str) -> IResult<&str, TimeMark<'_>> {
    move |input| {
        let bracketed = |open: char, close: char| {
            move |i| {
                (char(open), space0, range(fps), space0, char(close))
                    .map(|(_, _, r, _, _)| r)
                    .parse(i)
            }
        };
        // The first character says which form it can be.
        let (rest, (start, end)) =
            alt((bracketed('(', ')'), bracketed('[', ']'), range(fps))).parse(input)?;
        let written = &input[..input.len() - rest.len()];
        Ok((
            rest,
            TimeMark {
                start,
                end,
                written,
            },
        ))
    }
}

/// `digits ws* unit` with a unit of seconds: `12 sec`, `8s`, `30 seconds`.
pub fn duration_seconds(input: &str) -> IResult<&str, u64> {
    let (rest, (digits, _, _)) = (
        digit1,
        space0,
        alt((
            tag("seconds"),
            tag("second"),
            tag("secs"),
            tag("sec"),
            tag("s"),
        )),
    )
        .parse(input)?;
    if rest.starts_with(char::is_alphanumeric) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    }
    let seconds = number(digits).unwrap_or(u64::MAX / 1000);
    Ok((rest, seconds))
}

/// Whether a word looks like a timecode that failed (`99:99`), for warnings.
/// Inlined for the usual line, which starts with no digit.
#[inline]
pub fn looks_like_timecode(input: &str) -> bool {
    input.as_bytes().first().is_some_and(u8::is_ascii_digit) && digits_and_colons(input)
}

/// [`looks_like_timecode`] for text that starts with a digit.
fn digits_and_colons(input: &str) -> bool {
    let result: IResult<&str, &str> = recognize((
        take_while1(|c: char| c.is_ascii_digit()),
        char(':'),
        take_while(|c: char| c.is_ascii_digit() || c == ':'),
    ))
    .parse(input);
    result.is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn any_timecode_shaped_text_reads_without_panic(
            input in "[0-9]{1,16}:[0-9]{1,16}(:[0-9]{1,16}){0,2}([.,][0-9]{1,20})?"
        ) {
            if let Ok(tc) = parse_timecode(&input, 25) {
                proptest::prop_assert!(tc.as_millis() < MAX_HOURS * 3_600_000);
            }
        }

        #[test]
        fn printed_timecodes_read_back(ms in 0u64..MAX_HOURS * 3_600_000) {
            let tc = Timecode::from_millis(ms / 1000 * 1000);
            proptest::prop_assert_eq!(parse_timecode(&tc.to_string(), 25), Ok(tc));
        }
    }

    fn ms(input: &str) -> u64 {
        parse_timecode(input, DEFAULT_FPS).map_or(u64::MAX, Timecode::as_millis)
    }

    #[test]
    fn reads_every_written_form() {
        assert_eq!(ms("09:55"), 595_000);
        assert_eq!(ms("9:55"), 595_000);
        assert_eq!(ms("1:02:03"), 3_723_000);
        assert_eq!(ms("01:02:03"), 3_723_000);
        assert_eq!(ms("00:00:01:12"), 1_480);
        assert_eq!(ms("00:00:01.5"), 1_500);
        assert_eq!(ms("00:00:01,250"), 1_250);
        assert_eq!(ms("75:00"), 4_500_000);
    }

    #[test]
    fn rejects_out_of_range_fields() {
        assert!(
            parse_timecode("99:99", 25)
                .unwrap_err()
                .to_string()
                .contains("seconds")
        );
        assert!(
            parse_timecode("1:60:00", 25)
                .unwrap_err()
                .to_string()
                .contains("minutes")
        );
        assert!(
            parse_timecode("00:00:00:25", 25)
                .unwrap_err()
                .to_string()
                .contains("frame")
        );
        assert!(parse_timecode("99999999999999999999:00", 25).is_err());
        assert!(parse_timecode("10:30am", 25).is_err());
        assert!(parse_timecode("12:00:00:00:00", 25).is_err());
        assert!(
            parse_timecode("5124095576030:25:51.999", 25)
                .unwrap_err()
                .to_string()
                .contains("limit")
        );
        assert!(parse_timecode("300000000000000:00", 25).is_err());
        assert!(parse_timecode("999:59:59", 25).is_ok());
        assert!(parse_timecode("1000:00:00", 25).is_err());
    }

    #[test]
    fn frames_follow_the_rate() {
        assert_eq!(
            parse_timecode("00:00:00:15", 30).map(Timecode::as_millis),
            Ok(500)
        );
    }

    #[test]
    fn time_marks_leave_the_rest() {
        let (rest, mark) = time_mark(25)("(04:10) Faris").unwrap();
        assert_eq!((rest, mark.written), (" Faris", "(04:10)"));
        let (rest, mark) = time_mark(25)("01:05 – 01:31").unwrap();
        assert_eq!(rest, "");
        assert_eq!(mark.end, Some(Ok(Timecode::from_secs(91))));
        let (rest, mark) = time_mark(25)("[00:00:05]\tx").unwrap();
        assert_eq!((rest, mark.start), ("\tx", Ok(Timecode::from_secs(5))));
        let (rest, _) = time_mark(25)("09:55 Question:").unwrap();
        assert_eq!(rest, " Question:");
    }

    #[test]
    fn cue_ranges() {
        let (rest, (start, end)) =
            cue_range(25)("00:00:01,000 --> 00:00:04.500 align:start").unwrap();
        assert_eq!(rest, " align:start");
        assert_eq!(
            (start, end),
            (Ok(Timecode::from_secs(1)), Ok(Timecode::from_millis(4500)))
        );
        assert!(cue_range(25)("00:01 - 00:04").is_err());
    }

    #[test]
    fn durations_in_seconds() {
        assert_eq!(duration_seconds("12 sec)"), Ok((")", 12)));
        assert_eq!(duration_seconds("8s"), Ok(("", 8)));
        assert!(duration_seconds("12 sector").is_err());
    }

    #[test]
    fn spots_broken_timecodes() {
        assert!(looks_like_timecode("99:99x"));
        assert!(!looks_like_timecode("Question:"));
    }
}
