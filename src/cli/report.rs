//! Plain-text output of `check`, `list` and `stats`.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::filter::{Filter, Selection};
use crate::index::Index;
use crate::model::{Diagnostic, Severity, Transcript, plural};
use crate::search::{Query, SegmentMatcher};
use crate::stats::{Tally, format_duration};

fn location(source: &str, diagnostic: &Diagnostic) -> String {
    if diagnostic.line == 0 {
        source.to_owned()
    } else {
        format!("{source}:{}:{}", diagnostic.line, diagnostic.column)
    }
}

/// Every diagnostic, then a one-line summary.
pub fn check(transcript: &Transcript, out: &mut impl Write) -> io::Result<()> {
    for diagnostic in &transcript.diagnostics {
        writeln!(
            out,
            "{}: {}: {}",
            location(&transcript.source, diagnostic),
            diagnostic.severity,
            diagnostic.message
        )?;
    }
    for severity in [Severity::Error, Severity::Warning] {
        let omitted = transcript.diagnostics.omitted(severity);
        if omitted > 0 {
            writeln!(
                out,
                "{}: … and {}, not listed",
                transcript.source,
                plural(omitted, &format!("more {severity}"))
            )?;
        }
    }
    writeln!(out, "{}", summary(transcript))
}

/// `FILE: footage-log, 14 segments, 6 speakers, 0 errors, 1 warning, 0 unparsed lines`.
pub fn summary(transcript: &Transcript) -> String {
    format!(
        "{}: {}, {}, {}, {}, {}, {}",
        transcript.source,
        transcript.format,
        plural(transcript.segments.len(), "segment"),
        plural(transcript.speakers.len(), "speaker"),
        plural(transcript.count(Severity::Error), "error"),
        plural(transcript.count(Severity::Warning), "warning"),
        plural(transcript.unparsed.len(), "unparsed line"),
    )
}

/// `TIMECODE  KIND  NAME (ROLE)  TEXT`, one line per segment, for pipes.
pub fn list(
    transcript: &Transcript,
    filter: &Filter,
    query: Option<&Query>,
    prefix: &str,
    out: &mut impl Write,
) -> io::Result<()> {
    // The same selection and the same timecode column as the player's; the
    // index only for a filter.
    let filtered = (!filter.is_empty()).then(|| {
        let index = Index::new(transcript);
        (Selection::of(filter, transcript, &index), index)
    });
    let time_width = Index::time_width_of(transcript);
    let mut matcher = query.map(|q| (SegmentMatcher::new(transcript, q), q.cache()));
    // Each speaker's label made once, not once a segment.
    let labels: Vec<String> = transcript
        .speakers
        .iter()
        .map(crate::model::Speaker::short_label)
        .collect();
    let mut time = String::new();
    for segment in &transcript.segments {
        if let Some((selection, index)) = &filtered
            && !selection.keeps_segment(segment, index)
        {
            continue;
        }
        if let Some((matcher, cache)) = &mut matcher
            && !matcher.matches(cache, segment)
        {
            continue;
        }
        time.clear();
        match segment.start {
            Some(start) => write!(time, "{start}").map_err(io::Error::other)?,
            None => time.push_str("··:··"),
        }
        let who = segment
            .speaker
            .and_then(|id| labels.get(id.index()))
            .map_or("—", String::as_str);
        // Written piece by piece: formatting with padding costs more than
        // the rest of the line, and a library lists hundreds of thousands.
        let kind = segment.kind.as_str();
        out.write_all(prefix.as_bytes())?;
        spaces(out, time_width.saturating_sub(time.chars().count()))?;
        out.write_all(time.as_bytes())?;
        out.write_all(b"  ")?;
        out.write_all(kind.as_bytes())?;
        spaces(out, 8usize.saturating_sub(kind.len()))?;
        out.write_all(b"  ")?;
        out.write_all(who.as_bytes())?;
        out.write_all(b"  ")?;
        write_on_one_line(&segment.text, out)?;
    }
    Ok(())
}

fn spaces(out: &mut impl Write, count: usize) -> io::Result<()> {
    const SPACES: &[u8] = b"                ";
    let mut left = count;
    while left > 0 {
        let now = left.min(SPACES.len());
        out.write_all(&SPACES[..now])?;
        left -= now;
    }
    Ok(())
}

/// Words with each run of white space (line breaks too) written as one space.
fn write_on_one_line(text: &str, out: &mut impl Write) -> io::Result<()> {
    if crate::model::is_one_line(text) {
        out.write_all(text.as_bytes())?;
    } else {
        out.write_all(crate::model::one_line(text).as_bytes())?;
    }
    out.write_all(b"\n")
}

fn tally_row(out: &mut impl Write, label: &str, tally: &Tally) -> io::Result<()> {
    writeln!(
        out,
        "{label:<40} {:>8} {:>10} {:>8}",
        tally.segments,
        format_duration(tally.talk_ms),
        tally.words
    )
}

/// Per role (with its speakers indented below it), then totals.
pub fn stats(transcript: &Transcript, out: &mut impl Write) -> io::Result<()> {
    let stats = crate::stats::compute(transcript);
    writeln!(
        out,
        "{:<40} {:>8} {:>10} {:>8}",
        "ROLE / SPEAKER", "SEGMENTS", "TALK TIME", "WORDS"
    )?;
    for role in &stats.roles {
        tally_row(
            out,
            role.role.as_deref().unwrap_or("(no role)"),
            &role.tally,
        )?;
        for (id, tally) in &role.speakers {
            let name = transcript
                .speakers
                .get(id.index())
                .and_then(|s| s.name.clone())
                .unwrap_or_else(|| "(no name)".to_owned());
            tally_row(out, &format!("  {name}"), tally)?;
        }
    }
    if stats.unattributed.segments > 0 {
        tally_row(out, "(no speaker)", &stats.unattributed)?;
    }
    tally_row(out, "TOTAL", &stats.total)?;
    writeln!(out, "read as {}", transcript.format)
}
