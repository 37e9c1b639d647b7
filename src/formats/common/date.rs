//! Dates as logs write them: `06 Feb 2016`, `14 March 2019`, `March 14, 2019`,
//! `2019-03-14`, `12 OCT 2018`, `6th February 2016`.

use chrono::NaiveDate;

const FORMATS: &[&str] = &[
    "%d %b %Y", "%d %B %Y", "%B %d %Y", "%b %d %Y", "%Y-%m-%d", "%d.%m.%Y",
];

/// A whole string as one date.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let cleaned: String = text
        .replace(',', " ")
        .split_whitespace()
        .map(strip_ordinal)
        .collect::<Vec<_>>()
        .join(" ");
    if cleaned.is_empty() || cleaned.len() > 40 {
        return None;
    }
    FORMATS
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(&cleaned, format).ok())
}

/// `6th` → `6`, leaving other words alone.
fn strip_ordinal(word: &str) -> &str {
    for suffix in ["st", "nd", "rd", "th"] {
        if let Some(number) = word.strip_suffix(suffix)
            && !number.is_empty()
            && number.chars().all(|c| c.is_ascii_digit())
        {
            return number;
        }
    }
    word
}

/// A place and a date on one line, the date at either end:
/// `Syria 06 Feb 2016`, `12 OCT 2018, RIVERTON`. The place may be empty.
pub fn split_place_and_date(line: &str) -> Option<(String, NaiveDate)> {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 10 {
        return None;
    }
    for take in [3, 1] {
        if words.len() < take {
            continue;
        }
        let (place, date) = words.split_at(words.len() - take);
        if let Some(date) = parse_date(&date.join(" ")) {
            return Some((tidy_place(&place.join(" ")), date));
        }
        let (date, place) = words.split_at(take);
        if let Some(date) = parse_date(&date.join(" ")) {
            return Some((tidy_place(&place.join(" ")), date));
        }
    }
    None
}

fn tidy_place(place: &str) -> String {
    place
        .trim_matches(|c: char| c == ',' || c == '-' || c == '–' || c == '|' || c.is_whitespace())
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn reads_the_usual_forms() {
        assert_eq!(parse_date("06 Feb 2016"), Some(ymd(2016, 2, 6)));
        assert_eq!(parse_date("14 March 2019"), Some(ymd(2019, 3, 14)));
        assert_eq!(parse_date("March 14, 2019"), Some(ymd(2019, 3, 14)));
        assert_eq!(parse_date("2019-03-14"), Some(ymd(2019, 3, 14)));
        assert_eq!(parse_date("12 OCT 2018"), Some(ymd(2018, 10, 12)));
        assert_eq!(parse_date("6th February 2016"), Some(ymd(2016, 2, 6)));
        assert_eq!(parse_date("31 Feb 2016"), None);
        assert_eq!(parse_date("Syria"), None);
    }

    #[test]
    fn splits_place_and_date_either_way_round() {
        assert_eq!(
            split_place_and_date("Syria 06 Feb 2016"),
            Some(("Syria".into(), ymd(2016, 2, 6)))
        );
        assert_eq!(
            split_place_and_date("12 OCT 2018, RIVERTON"),
            Some(("RIVERTON".into(), ymd(2018, 10, 12)))
        );
        assert_eq!(
            split_place_and_date("March 14, 2019"),
            Some((String::new(), ymd(2019, 3, 14)))
        );
        assert_eq!(split_place_and_date("Tripoli, Lebanon"), None);
    }
}
