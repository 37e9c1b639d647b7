//! OHMS oral-history indexes: an XML record whose `<index>` holds `<point>`
//! entries, each a chapter of the interview (`<time>` in seconds, `<title>`,
//! `<synopsis>`, `<keywords>`, a `<partial_transcript>`). Record fields
//! (title, date, interviewee, interviewer, repository…) are metadata; a
//! transcript embedded in the record is read by the reader that fits it.

use std::sync::Arc;

use quick_xml::events::Event;

use super::common::build::Builder;
use super::{Confidence, ParseOptions, Reader};
use crate::model::{Buffer, Diagnostic, Diagnostics, Metadata, SegmentKind, Timecode, Transcript};

pub struct Ohms;

impl Reader for Ohms {
    fn about(&self) -> &'static super::About {
        &super::About {
            name: "ohms",
            description: "OHMS oral-history index XML: <point> chapters with <time> in seconds, titles, synopses and keywords",
            example: "<point><time>212</time><title>Growing up by the harbour</title></point>",
        }
    }

    fn sniff(&self, head: &str, extension: Option<&str>) -> Confidence {
        let xml = head.trim_start().starts_with('<');
        let ohms = head.contains("ohms") || head.contains("<point>") || head.contains("<index>");
        match (xml, ohms, extension == Some("xml")) {
            (true, true, _) => 100,
            (true, false, true) => 30,
            _ => 0,
        }
    }

    fn read(
        &self,
        text: &Arc<Buffer>,
        source: &str,
        options: &ParseOptions,
        diagnostics: Diagnostics,
    ) -> Transcript {
        let mut builder = Builder::new(diagnostics);
        let record = read_record(text.as_str(), &mut builder);
        let mut metadata = Metadata::default();
        for (key, value) in record.fields {
            match key.as_str() {
                "title" => metadata.title = metadata.title.or(Some(value)),
                "date" => metadata.date = metadata.date.or_else(|| super::parse_date(&value)),
                "repository" => metadata.creator = metadata.creator.or(Some(value)),
                "description" => metadata.description = metadata.description.or(Some(value)),
                _ => metadata.add_field(&key, &value),
            }
        }
        builder.metadata = Some(metadata);
        for point in record.points {
            let text = [
                point.title.as_str(),
                point.synopsis.as_str(),
                &labelled("Keywords", &point.keywords),
                point.partial_transcript.as_str(),
            ]
            .iter()
            .filter(|part| !part.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("\n");
            let start = point.seconds(&mut builder);
            builder.push(SegmentKind::Chapter, None, start, &text, point.line);
            builder.set_written_timecode(&point.time);
        }
        if let Some((line, payload)) = record.transcript {
            // OHMS embeds WebVTT or a plain speaker-turn transcript.
            let from = if payload.trim_start().starts_with("WEBVTT") {
                "webvtt"
            } else {
                "transcript"
            };
            let inner = super::parse_str(
                &payload,
                source,
                ParseOptions {
                    from: Some(from),
                    ..*options
                },
            );
            builder.absorb(inner, line.saturating_sub(1));
        }
        if builder.segments.is_empty() {
            builder.warn(
                0,
                0,
                "no <point> entries and no transcript found in this OHMS record",
            );
        }
        builder.finish(self.name(), source)
    }
}

/// `Keywords: a; b` for a list, or nothing for none.
fn labelled(label: &str, list: &str) -> String {
    if list.trim().is_empty() {
        String::new()
    } else {
        format!(
            "{label}: {}",
            list.replace(';', "; ").replace("  ", " ").trim()
        )
    }
}

/// One `<point>` of the index.
#[derive(Debug, Default)]
struct Point {
    line: usize,
    time: String,
    title: String,
    synopsis: String,
    keywords: String,
    partial_transcript: String,
}

impl Point {
    /// `<time>` is seconds from the start, whole or not.
    fn seconds(&self, builder: &mut Builder) -> Option<Timecode> {
        let Ok(seconds) = self.time.trim().parse::<f64>() else {
            builder.warn(
                self.line,
                1,
                format!("<time> `{}` is not a number of seconds", self.time),
            );
            return None;
        };
        let limit = (super::MAX_HOURS * 3600) as f64;
        if !(0.0..limit).contains(&seconds) {
            builder.warn(
                self.line,
                1,
                format!("<time> `{}` is out of range", self.time),
            );
            return None;
        }
        Some(Timecode::from_millis((seconds * 1000.0).round() as u64))
    }
}

/// What the record holds.
#[derive(Debug, Default)]
struct Record {
    fields: Vec<(String, String)>,
    points: Vec<Point>,
    /// An embedded transcript, with the line it starts on.
    transcript: Option<(usize, String)>,
}

/// Record fields kept as metadata, by element name.
const FIELDS: &[&str] = &[
    "title",
    "date",
    "accession",
    "duration",
    "series_name",
    "collection_name",
    "repository",
    "interviewee",
    "interviewer",
    "subject",
    "language",
    "file_name",
    "media_url",
    "description",
    "rights",
    "usage",
    "funding",
];

/// Walks the XML, collecting fields, points and an embedded transcript.
/// Broken XML is reported where it breaks; what came before it is kept.
fn read_record(text: &str, builder: &mut Builder) -> Record {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
        .collect();
    let line_of = |offset: u64| {
        line_starts
            .partition_point(|&start| start as u64 <= offset)
            .max(1)
    };
    let mut reader = quick_xml::Reader::from_str(text);
    let mut record = Record::default();
    let mut path: Vec<String> = Vec::new();
    let mut content = String::new();
    let mut content_line = 0;
    loop {
        let at = reader.buffer_position();
        match reader.read_event() {
            Ok(Event::Start(start)) => {
                let name = start.local_name().as_ref().to_owned();
                if name == "point" {
                    record.points.push(Point {
                        line: line_of(at),
                        ..Point::default()
                    });
                }
                if name == "date"
                    && let Some(value) = attribute(&start, "value")
                {
                    record.fields.push(("date".to_owned(), value));
                }
                path.push(name);
                content.clear();
                content_line = line_of(reader.buffer_position());
            }
            Ok(Event::Empty(empty)) => {
                let name = empty.local_name().as_ref().to_owned();
                if name == "date"
                    && let Some(value) = attribute(&empty, "value")
                {
                    record.fields.push(("date".to_owned(), value));
                }
            }
            Ok(Event::Text(text)) if path.is_empty() => {
                // Text outside the record is no XML: kept as it was written.
                let first = line_of(at);
                for (i, line) in text.xml10_content().lines().enumerate() {
                    if !line.trim().is_empty() {
                        builder.leftover(first + i, line.trim(), "text outside the XML record");
                    }
                }
            }
            Ok(Event::Text(text)) => content.push_str(&text.xml10_content()),
            Ok(Event::CData(data)) => content.push_str(&data),
            Ok(Event::GeneralRef(reference)) => match reference.resolve_char_ref() {
                Ok(Some(c)) => content.push(c),
                _ => content.push_str(entity(&reference)),
            },
            Ok(Event::End(_)) => {
                let name = path.pop().unwrap_or_default();
                let value = std::mem::take(&mut content);
                take_element(&mut record, &path, &name, value.trim(), content_line);
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(err) => {
                let broken = line_of(reader.error_position());
                builder.diagnostics.push(Diagnostic::error(
                    broken,
                    1,
                    format!("the XML breaks here ({err}); the lines from here on are kept unread"),
                ));
                for (i, line) in text.lines().enumerate().skip(broken - 1) {
                    if !line.trim().is_empty() {
                        builder.unparsed.push(crate::model::Unparsed {
                            line: i + 1,
                            text: line.trim().to_owned(),
                        });
                    }
                }
                break;
            }
        }
    }
    record
}

/// Files an element's text where it belongs.
fn take_element(record: &mut Record, path: &[String], name: &str, value: &str, line: usize) {
    if value.is_empty() {
        return;
    }
    let in_point = path.iter().any(|p| p == "point");
    if in_point {
        if let Some(point) = record.points.last_mut() {
            let slot = match name {
                "time" => &mut point.time,
                "title" => &mut point.title,
                "synopsis" => &mut point.synopsis,
                "keywords" => &mut point.keywords,
                "partial_transcript" => &mut point.partial_transcript,
                _ => return,
            };
            value.clone_into(slot);
        }
        return;
    }
    match name {
        "transcript" | "vtt_transcript" if record.transcript.is_none() => {
            record.transcript = Some((line, value.to_owned()));
        }
        _ if FIELDS.contains(&name) && name != "date" => {
            record.fields.push((name.to_owned(), value.to_owned()));
        }
        _ => {}
    }
}

/// The value of an attribute, unescaped.
fn attribute(element: &quick_xml::events::BytesStart, key: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .map(|a| a.value.to_string())
}

/// The five named XML entities; others are kept as written.
fn entity(reference: &quick_xml::events::BytesRef) -> &'static str {
    match &**reference {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    }
}
