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

/// Frames per second assumed for `HH:MM:SS:FF` when the log does not say.
pub const DEFAULT_FPS: u32 = 25;

/// Why a timecode-shaped token is not a valid time. Small and with nothing
/// to free, as every parsed line carries a place for one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimecodeError {
    NumberTooLarge,
    SecondsPast59,
    MinutesPast59,
    FrameNumberTooLarge,
    FramePastRate { frame: u64, fps: u32 },
}

impl std::fmt::Display for TimecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TimecodeError::NumberTooLarge => f.write_str("number too large"),
            TimecodeError::SecondsPast59 => f.write_str("seconds must be under 60"),
            TimecodeError::MinutesPast59 => f.write_str("minutes must be under 60"),
            TimecodeError::FrameNumberTooLarge => f.write_str("frame number too large"),
            TimecodeError::FramePastRate { frame, fps } => {
                write!(f, "frame {frame} is past the last frame at {fps} fps")
            }
        }
    }
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
            ms += frames * 1000 / u64::from(fps.max(1));
        }
        if let Some(fraction) = self.fraction {
            // Milliseconds from the first three digits: ".5" is 500, ".25" is 250.
            let digits = fraction.bytes().chain(*b"00").take(3);
            ms += digits.fold(0, |total, d| total * 10 + u64::from(d - b'0'));
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
pub fn parse_timecode(input: &str, fps: u32) -> Result<Timecode, String> {
    match timecode(fps)(input.trim()) {
        Ok(("", Ok(tc))) => Ok(tc),
        Ok(("", Err(err))) => Err(format!("{}: {err}", input.trim())),
        _ => Err(format!("not a timecode: {}", input.trim())),
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

/// `timecode [range_dash timecode]`, taking the short way for a plain
/// timecode with no end, as almost every timecode in a log is.
fn range(fps: u32) -> impl Fn(&str) -> IResult<&str, (Checked, Option<Checked>)> {
    move |input| match plain_timecode(input.as_bytes()) {
        Some((len, timecode)) => Ok((&input[len..], (Ok(timecode), None))),
        None => full_range(fps)(input),
    }
}

/// `timecode [range_dash timecode]`, every rule.
fn full_range(fps: u32) -> impl Fn(&str) -> IResult<&str, (Checked, Option<Checked>)> {
    move |input| {
        (
            timecode(fps),
            opt(preceded((range_dash, space0), timecode(fps))),
        )
            .parse(input)
    }
}

/// `M:SS`, `MM:SS`, `H:MM:SS` or `HH:MM:SS`, each number after the first
/// two digits and in range, followed by neither more of a timecode nor a range: its
/// length and value. `None` leaves the input to [`full_range`].
#[allow(clippy::inline_always)] // see `plain_time_mark`
#[inline(always)]
fn plain_timecode(bytes: &[u8]) -> Option<(usize, Timecode)> {
    // The first number may be long (hours, or minutes past the hour); nine
    // digits cannot overflow. Longer numbers take the full rules.
    let mut first = 0;
    let mut digits = 0;
    while let Some(digit) = bytes.get(digits).map(|b| b.wrapping_sub(b'0'))
        && digit <= 9
    {
        if digits == 9 {
            return None;
        }
        first = first * 10 + u64::from(digit);
        digits += 1;
    }
    if digits == 0 {
        return None;
    }
    // Then one or two more, of two digits each.
    let two_digits = |at: usize| match bytes.get(at..at + 3) {
        Some(&[b':', tens @ b'0'..=b'9', ones @ b'0'..=b'9']) => {
            Some(u64::from(tens - b'0') * 10 + u64::from(ones - b'0'))
        }
        _ => None,
    };
    let (hours, minutes, seconds, at) = match (two_digits(digits), two_digits(digits + 3)) {
        (Some(minutes), Some(seconds)) if minutes < 60 => (first, minutes, seconds, digits + 6),
        (Some(_), Some(_)) | (None, _) => return None,
        (Some(seconds), None) => (0, first, seconds, digits + 3),
    };
    if seconds >= 60 {
        return None;
    }
    // More of a timecode, a letter, anything not ASCII, or a range: the full rules decide.
    match bytes.get(at) {
        None => {}
        Some(&b) if b.is_ascii_alphanumeric() || matches!(b, b'.' | b',' | b':') => return None,
        Some(_) => {
            let after_spaces = bytes[at..].iter().find(|&&b| b != b' ' && b != b'\t');
            if after_spaces.is_some_and(|&b| b == b'-' || !b.is_ascii()) {
                return None;
            }
        }
    }
    let ms = ((hours * 60 + minutes) * 60 + seconds) * 1000;
    Some((at, Timecode::from_millis(ms)))
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
        let (rest, (start, end)) = match input.as_bytes().first() {
            Some(b'(') => bracketed('(', ')')(input)?,
            Some(b'[') => bracketed('[', ']')(input)?,
            _ => range(fps)(input)?,
        };
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

/// The plain timecode that starts most timed lines, as [`time_mark`]
/// reads it, with what follows; `None` leaves the input to [`time_mark`].
/// Inlined: a call that returns a [`TimeMark`] through memory costs more
/// than reading it.
#[allow(clippy::inline_always)] // measured: plain `inline` leaves the call
#[inline(always)]
pub fn plain_time_mark(input: &str) -> Option<(&str, TimeMark<'_>)> {
    let (len, timecode) = plain_timecode(input.as_bytes())?;
    let mark = TimeMark {
        start: Ok(timecode),
        end: None,
        written: &input[..len],
    };
    Some((&input[len..], mark))
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
        fn the_short_way_gives_what_every_rule_gives(input in "[0-9:., \t–a(-]{0,14}") {
            proptest::prop_assert_eq!(range(25)(&input), full_range(25)(&input));
        }

        #[test]
        fn the_inline_way_gives_what_time_mark_gives(input in "[0-9:., \t–a(\\[\\])-]{0,14}") {
            if let Some(inline) = plain_time_mark(&input) {
                proptest::prop_assert_eq!(Ok(inline), time_mark(25)(&input));
            }
        }

        #[test]
        fn the_short_way_agrees_on_timecode_shaped_input(
            input in "[0-9]{1,12}:[0-9]{1,3}(:[0-9]{1,3}){0,2}[:.,  \t–—a(-]{0,3}[0-9a ]{0,3}"
        ) {
            proptest::prop_assert_eq!(range(25)(&input), full_range(25)(&input));
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
        assert!(parse_timecode("99:99", 25).unwrap_err().contains("seconds"));
        assert!(
            parse_timecode("1:60:00", 25)
                .unwrap_err()
                .contains("minutes")
        );
        assert!(
            parse_timecode("00:00:00:25", 25)
                .unwrap_err()
                .contains("frame")
        );
        assert!(parse_timecode("99999999999999999999:00", 25).is_err());
        assert!(parse_timecode("10:30am", 25).is_err());
        assert!(parse_timecode("12:00:00:00:00", 25).is_err());
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
