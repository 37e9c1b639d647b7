//! The header of a log: everything before the first timecode, label or shot.
//!
//! Each header line is classified on its own (a `KEY: value` field, `Created
//! by`, a license, a format line, a place and date, a contact line), then the
//! lines that fit none are placed by position: the title is the last of them
//! before the first license/creator/format/date line, anything before the
//! title is page chrome (kept in `notes`), anything after is description.

use chrono::NaiveDate;

use super::date::{parse_date, split_place_and_date};
use crate::model::{Diagnostic, Diagnostics, Metadata};

/// A header line, sanitized and trimmed; `None` is a blank line.
#[derive(Debug, Clone)]
pub struct HeaderLine {
    /// 1-based line number in the log.
    pub line: usize,
    pub text: Option<String>,
}

/// What one header line says on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Field(String, String),
    Creator(String),
    License(String),
    Technical(Vec<(String, String)>),
    PlaceAndDate(String, NaiveDate),
    Contact,
    Other,
}

impl Kind {
    /// Lines that sit after the title on a footage page.
    fn is_anchor(&self) -> bool {
        matches!(
            self,
            Kind::Creator(_) | Kind::License(_) | Kind::Technical(_) | Kind::PlaceAndDate(..)
        )
    }
}

/// Keys of `KEY: value` lines that are metadata even when not in capitals.
const KNOWN_KEYS: &[&str] = &[
    "title",
    "story",
    "slug",
    "headline",
    "trt",
    "duration",
    "length",
    "dateline",
    "date",
    "location",
    "place",
    "source",
    "restrictions",
    "shotlist",
    "interviewee",
    "interviewees",
    "interviewer",
    "interviewers",
    "language",
    "format",
    "bitrate",
    "license",
    "licence",
    "creator",
    "created by",
    "camera",
    "producer",
    "director",
    "reporter",
    "videographer",
    "editor",
    "type",
    "category",
    "keywords",
    "clip id",
    "id",
    "resolution",
    "frame rate",
    "fps",
    "aspect ratio",
    "copyright",
    "credit",
    "credits",
    "description",
    "summary",
    "notes",
];

/// Words that begin the parts of a technical line: `Format mpeg4, Bitrate 35.284 mbps`.
const TECHNICAL_KEYS: &[&str] = &[
    "format",
    "bitrate",
    "resolution",
    "frame rate",
    "duration",
    "codec",
    "aspect ratio",
    "size",
    "length",
    "audio",
    "fps",
];

/// Whether `key` is one a header uses for a field even when not in capitals.
pub fn is_known_key(key: &str) -> bool {
    KNOWN_KEYS.contains(&key.trim().to_lowercase().as_str())
}

/// `KEY: value`, with a known key or a key in capitals, and a value that is
/// not quoted speech.
pub fn field(line: &str) -> Option<(String, String)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim();
    if !key.starts_with(char::is_alphabetic) {
        return None;
    }
    let value = value.trim();
    let capitals = key.chars().any(char::is_alphabetic)
        && key.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
        && key.split_whitespace().count() <= 4;
    let known = KNOWN_KEYS.contains(&key.to_lowercase().as_str());
    let speech = super::quote::starts_with_opener(value);
    ((known || (capitals && !value.is_empty())) && !speech && !key.is_empty())
        .then(|| (key.to_owned(), value.to_owned()))
}

fn creator(line: &str) -> Option<String> {
    let lower = line.to_lowercase();
    for prefix in [
        "created by ",
        "filmed by ",
        "shot by ",
        "produced by ",
        "by ",
    ] {
        if lower.starts_with(prefix) {
            let name = line[prefix.len()..].trim();
            return (!name.is_empty() && name.split_whitespace().count() <= 8)
                .then(|| name.to_owned());
        }
    }
    None
}

fn is_contact(line: &str) -> bool {
    let lower = line.to_lowercase();
    lower.contains("contact")
        || lower.contains('@')
        || lower.contains("e-mail")
        || lower.contains("call +")
}

fn license(line: &str) -> Option<String> {
    let lower = line.to_lowercase();
    ((lower.contains("license") || lower.contains("licence"))
        && line.split_whitespace().count() <= 10)
        .then(|| line.trim().to_owned())
}

/// `Format mpeg4, Bitrate 35.284 mbps`: every comma-separated part starts with a technical key.
fn technical(line: &str) -> Option<Vec<(String, String)>> {
    let mut pairs = Vec::new();
    for part in line.split(',') {
        let part = part.trim();
        let lower = part.to_lowercase();
        let key = TECHNICAL_KEYS
            .iter()
            .find(|key| lower.starts_with(*key) && lower[key.len()..].starts_with([' ', ':']))?;
        let value = part[key.len()..].trim_start_matches([' ', ':']).trim();
        if value.is_empty() {
            return None;
        }
        pairs.push((part[..key.len()].to_owned(), value.to_owned()));
    }
    (!pairs.is_empty()).then_some(pairs)
}

fn classify(line: &str) -> Kind {
    if let Some((key, value)) = field(line) {
        return Kind::Field(key, value);
    }
    if let Some(name) = creator(line) {
        return Kind::Creator(name);
    }
    if is_contact(line) {
        return Kind::Contact;
    }
    if let Some(license) = license(line) {
        return Kind::License(license);
    }
    if let Some(pairs) = technical(line) {
        return Kind::Technical(pairs);
    }
    if let Some((place, date)) = split_place_and_date(line) {
        return Kind::PlaceAndDate(place, date);
    }
    Kind::Other
}

/// Short enough, and without a full stop, to be a place name on its own line.
fn could_be_place(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (1..=5).contains(&words) && !line.contains(['.', '?', '!', ':'])
}

fn could_be_title(line: &str) -> bool {
    line.chars().count() <= 150 && !line.trim_end().ends_with('.')
}

/// Files one `KEY: value` field under its typed place, or in `fields`.
fn apply_field(metadata: &mut Metadata, key: &str, value: &str) {
    let lower = key.to_lowercase();
    let set = |slot: &mut Option<String>| {
        if slot.is_none() && !value.is_empty() {
            *slot = Some(value.to_owned());
        }
    };
    match lower.as_str() {
        "title" | "story" | "slug" | "headline" => set(&mut metadata.title),
        "creator" | "created by" => set(&mut metadata.creator),
        "location" | "place" => set(&mut metadata.location),
        "license" | "licence" => set(&mut metadata.license),
        "format" => set(&mut metadata.media_format),
        "bitrate" => set(&mut metadata.bitrate),
        "description" | "summary" => set(&mut metadata.description),
        "date" if parse_date(value).is_some() && metadata.date.is_none() => {
            metadata.date = parse_date(value);
        }
        "dateline" if split_place_and_date(value).is_some() => {
            if let Some((place, date)) = split_place_and_date(value) {
                metadata.date.get_or_insert(date);
                if !place.is_empty() {
                    metadata.location.get_or_insert(place);
                }
            }
        }
        _ => metadata.add_field(key, value),
    }
}

/// What slot of the metadata a line fills that may be filled already, and
/// what to call such a line in a warning.
fn slot_taken(metadata: &Metadata, kind: &Kind) -> Option<&'static str> {
    let title_key =
        |key: &str| ["title", "story", "slug", "headline"].contains(&key.to_lowercase().as_str());
    match kind {
        Kind::Creator(_) if metadata.creator.is_some() => Some("creator"),
        Kind::License(_) if metadata.license.is_some() => Some("license"),
        Kind::Technical(_) if metadata.media_format.is_some() || metadata.bitrate.is_some() => {
            Some("format")
        }
        Kind::PlaceAndDate(place, _)
            if metadata.date.is_some() || (!place.is_empty() && metadata.location.is_some()) =>
        {
            Some("place and date")
        }
        Kind::Field(key, _) if title_key(key) && metadata.title.is_some() => Some("title"),
        Kind::Field(key, value) => field_slot_taken(metadata, key, value),
        _ => None,
    }
}

/// The typed slot a `KEY: value` field fills, when it is filled already:
/// a second one would be dropped by [`apply_field`] otherwise.
fn field_slot_taken(metadata: &Metadata, key: &str, value: &str) -> Option<&'static str> {
    let taken = match key.to_lowercase().as_str() {
        "creator" | "created by" => metadata.creator.is_some(),
        "location" | "place" => metadata.location.is_some(),
        "license" | "licence" => metadata.license.is_some(),
        "format" => metadata.media_format.is_some(),
        "bitrate" => metadata.bitrate.is_some(),
        "description" | "summary" => metadata.description.is_some(),
        "dateline" => {
            split_place_and_date(value).is_some()
                && (metadata.date.is_some() || metadata.location.is_some())
        }
        _ => false,
    };
    taken.then(|| {
        if key.eq_ignore_ascii_case("dateline") {
            "place and date"
        } else {
            "field"
        }
    })
}

/// Builds the metadata from the header lines; `None` when there were none.
/// A second line for a slot already filled (a second `Created by`, license,
/// format, date or title) is kept in the notes, with a warning.
pub fn build(lines: &[HeaderLine], diagnostics: &mut Diagnostics) -> Option<Metadata> {
    let texts: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| l.text.as_deref().map(|t| (i, t)))
        .collect();
    if texts.is_empty() {
        return None;
    }
    let kinds: Vec<Kind> = texts.iter().map(|(_, t)| classify(t)).collect();
    let mut metadata = Metadata::default();
    let mut used = vec![false; texts.len()];

    for (k, kind) in kinds.iter().enumerate() {
        if let Some(what) = slot_taken(&metadata, kind) {
            let (index, text) = texts[k];
            metadata.notes.push(text.to_owned());
            used[k] = true;
            diagnostics.push(Diagnostic::warning(
                lines[index].line,
                1,
                format!("a second {what} line; the first is kept, this one goes to the notes"),
            ));
            continue;
        }
        match kind {
            Kind::Field(key, value) => apply_field(&mut metadata, key, value),
            Kind::Creator(name) => {
                metadata.creator.get_or_insert_with(|| name.clone());
            }
            Kind::License(license) => {
                metadata.license.get_or_insert_with(|| license.clone());
            }
            Kind::Technical(pairs) => {
                for (key, value) in pairs {
                    apply_field(&mut metadata, key, value);
                }
            }
            Kind::PlaceAndDate(place, date) => {
                metadata.date.get_or_insert(*date);
                if !place.is_empty() {
                    metadata.location.get_or_insert_with(|| place.clone());
                } else if metadata.location.is_none() {
                    // The place on the line before or after the date.
                    let neighbour =
                        [k.checked_sub(1), Some(k + 1)]
                            .into_iter()
                            .flatten()
                            .find(|&n| {
                                kinds.get(n) == Some(&Kind::Other) && could_be_place(texts[n].1)
                            });
                    if let Some(n) = neighbour {
                        metadata.location = Some(texts[n].1.to_owned());
                        used[n] = true;
                    }
                }
            }
            Kind::Contact | Kind::Other => {}
        }
        if !matches!(kind, Kind::Other | Kind::Contact) {
            used[k] = true;
        }
    }

    let first_anchor = kinds.iter().position(Kind::is_anchor);
    let others: Vec<usize> = (0..texts.len())
        .filter(|&k| kinds[k] == Kind::Other && !used[k])
        .collect();
    let title_at = if metadata.title.is_some() {
        None
    } else {
        match first_anchor {
            Some(anchor) => others.iter().copied().rfind(|&k| k < anchor),
            None => others.iter().copied().find(|&k| could_be_title(texts[k].1)),
        }
        .filter(|&k| could_be_title(texts[k].1))
    };
    if let Some(k) = title_at {
        metadata.title = Some(texts[k].1.to_owned());
    }

    place_leftovers(&mut metadata, lines, &texts, &kinds, &used, title_at);
    (!metadata.is_empty()).then_some(metadata)
}

/// What no rule took: chrome before the title goes to notes, prose after it
/// is the description, with paragraphs kept apart.
fn place_leftovers(
    metadata: &mut Metadata,
    lines: &[HeaderLine],
    texts: &[(usize, &str)],
    kinds: &[Kind],
    used: &[bool],
    title_at: Option<usize>,
) {
    let mut description = String::new();
    let mut previous_line: Option<usize> = None;
    for (k, (index, text)) in texts.iter().enumerate() {
        let leftover = (kinds[k] == Kind::Other && !used[k] && Some(k) != title_at)
            || kinds[k] == Kind::Contact;
        if !leftover {
            continue;
        }
        let before_title = title_at.is_some_and(|t| k < t);
        if kinds[k] == Kind::Contact || before_title {
            metadata.notes.push((*text).to_owned());
            continue;
        }
        if let Some(previous) = previous_line {
            let blank_between = lines[previous + 1..*index].iter().any(|l| l.text.is_none())
                || previous + 1 != *index;
            description.push_str(if blank_between { "\n\n" } else { "\n" });
        }
        description.push_str(text);
        previous_line = Some(*index);
    }
    if !description.is_empty() {
        match &mut metadata.description {
            Some(existing) => {
                existing.push_str("\n\n");
                existing.push_str(&description);
            }
            None => metadata.description = Some(description),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(text: &str) -> Metadata {
        header_and_warnings(text).0
    }

    fn header_and_warnings(text: &str) -> (Metadata, Diagnostics) {
        let lines: Vec<HeaderLine> = text
            .lines()
            .enumerate()
            .map(|(i, t)| HeaderLine {
                line: i + 1,
                text: (!t.trim().is_empty()).then(|| t.trim().to_owned()),
            })
            .collect();
        let mut warnings = Diagnostics::default();
        let metadata = build(&lines, &mut warnings).unwrap_or_default();
        (metadata, warnings)
    }

    #[test]
    fn a_second_line_for_a_filled_slot_is_kept_in_the_notes_with_a_warning() {
        let (m, warnings) = header_and_warnings(
            "STORY: A title\nCreated by Sam Roe\nCreated by Ada Park\nLicense $10\nLicense $20\nFormat mov, Bitrate 2 mbps\nFormat mp4\nHEADLINE: Second title",
        );
        assert_eq!(m.title.as_deref(), Some("A title"));
        assert_eq!(m.creator.as_deref(), Some("Sam Roe"));
        assert_eq!(m.license.as_deref(), Some("License $10"));
        assert_eq!(
            m.notes,
            [
                "Created by Ada Park",
                "License $20",
                "Format mp4",
                "HEADLINE: Second title"
            ]
        );
        let lines: Vec<_> = warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines, [3, 5, 7, 8]);
    }

    #[test]
    fn a_footage_page_header() {
        let m = header(
            "Home > Footage\nRiver Crossing at Dawn\n\nExclusive License $90.00\n\nQuestions? Contact sales@example.org\n\nCreated by Lena Park\n\nGeorgia 03 Apr 2021\n\nFormat mov, Bitrate 12 mbps\n\nFirst line of prose.\nSecond line.\n\nAnother paragraph.",
        );
        assert_eq!(m.title.as_deref(), Some("River Crossing at Dawn"));
        assert_eq!(m.license.as_deref(), Some("Exclusive License $90.00"));
        assert_eq!(m.creator.as_deref(), Some("Lena Park"));
        assert_eq!(m.location.as_deref(), Some("Georgia"));
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2021, 4, 3));
        assert_eq!(m.media_format.as_deref(), Some("mov"));
        assert_eq!(m.bitrate.as_deref(), Some("12 mbps"));
        assert_eq!(
            m.description.as_deref(),
            Some("First line of prose.\nSecond line.\n\nAnother paragraph.")
        );
        assert_eq!(
            m.notes,
            ["Home > Footage", "Questions? Contact sales@example.org"]
        );
    }

    #[test]
    fn place_and_date_on_two_lines_in_either_order() {
        let m = header("A Title\nBy Sam Roe\nTripoli, Lebanon\nMarch 14, 2019");
        assert_eq!(m.location.as_deref(), Some("Tripoli, Lebanon"));
        assert_eq!(m.creator.as_deref(), Some("Sam Roe"));
        let m = header("A Title\nCreated by Sam Roe\n14 March 2019\nTripoli, Lebanon");
        assert_eq!(m.location.as_deref(), Some("Tripoli, Lebanon"));
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2019, 3, 14));
    }

    #[test]
    fn agency_fields() {
        let m = header("STORY: FLOODS / RIVER TOWN\nTRT: 01:52\nDATELINE: 12 OCT 2018, RIVERTON");
        // A second dateline, or a second typed field, goes to the notes whole.
        let twice = header(
            "DATELINE: 12 OCT 2018, RIVERTON\nDATELINE: 13 OCT 2018, LOWFORD\nPLACE: A\nPLACE: B",
        );
        // RIVERTON is the place already: both PLACE lines are second ones.
        assert_eq!(
            twice.notes,
            ["DATELINE: 13 OCT 2018, LOWFORD", "PLACE: A", "PLACE: B"]
        );
        assert_eq!(m.title.as_deref(), Some("FLOODS / RIVER TOWN"));
        assert_eq!(m.fields.get("TRT").map(String::as_str), Some("01:52"));
        assert_eq!(m.location.as_deref(), Some("RIVERTON"));
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2018, 10, 12));
    }

    #[test]
    fn fields_are_not_speech() {
        assert!(field("TDB: “We stayed”").is_none());
        assert_eq!(
            field("Location: via video call"),
            Some(("Location".into(), "via video call".into()))
        );
        assert!(field("Rana, Teacher:").is_none());
    }
}
