//! What can be typed after `:`.

use crate::formats::parse_timecode;
use crate::model::Timecode;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    JumpTo(Timecode),
    /// Relative move in milliseconds.
    JumpBy(i64),
    Roles(Vec<String>),
    Speaker(String),
    Clear,
    Problems,
    /// Open media in mpv: this file, or the one found beside the log.
    Media(Option<String>),
    /// Log time minus media time, in milliseconds.
    Offset(i64),
    /// Set the offset so the segment under the cursor starts where the media is.
    OffsetSync,
    /// Which selects the pane shows (`None`: all).
    SelectFilter(Option<super::SelectFilter>),
    /// Write an export of the selects (or what is shown) in a format.
    Export {
        format: String,
        path: Option<String>,
        force: bool,
    },
    Quit,
}

/// What can be typed after `:`, and what it does: the help shows this table.
pub const COMMANDS: [(&str, &str); 12] = [
    ("21:14  1:02:03", "jump to a timecode"),
    ("+30  -1:00", "jump forward or back"),
    ("role NAME, NAME", "show only these roles"),
    ("speaker NAME", "show only this speaker"),
    ("clear", "show everyone again"),
    ("problems", "list the log's problems"),
    (
        "media [PATH]",
        "play media in mpv (the file beside the log)",
    ),
    (
        "offset TC  offset sync",
        "log time minus media time; sync: cursor = media",
    ),
    (
        "select tag NAME",
        "the selects pane shows those tagged #NAME",
    ),
    (
        "select role NAME  select all",
        "... or those of a role; or all again",
    ),
    (
        "export FORMAT [PATH]",
        "edl otio srt vtt csv md json: the selects, else what is shown (! replaces)",
    ),
    ("quit", "leave"),
];

/// Parses a command line; the error is a message for the status line.
pub fn parse_command(input: &str, fps: u32) -> Result<Command, String> {
    let input = input.trim();
    if input.is_empty() {
        return Err("type a timecode, role NAME, speaker NAME or clear".to_owned());
    }
    let (word, rest) = input
        .split_once(' ')
        .map_or((input, ""), |(w, r)| (w, r.trim()));
    match word {
        "role" | "roles" if !rest.is_empty() => Ok(Command::Roles(
            rest.split(',')
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_owned)
                .collect(),
        )),
        "speaker" if !rest.is_empty() => Ok(Command::Speaker(rest.to_owned())),
        "role" | "roles" | "speaker" => Err(format!("{word} needs a name, like :{word} citizen")),
        "clear" => Ok(Command::Clear),
        "media" => Ok(Command::Media((!rest.is_empty()).then(|| rest.to_owned()))),
        "offset" if rest == "sync" => Ok(Command::OffsetSync),
        "select" | "selects" => parse_select_filter(rest).map(Command::SelectFilter),
        "export" | "export!" => {
            let mut words = rest.splitn(2, ' ');
            let format = words.next().unwrap_or_default().to_lowercase();
            if format.is_empty() {
                return Err(
                    "export needs a format: edl, otio, srt, vtt, csv, md or json".to_owned(),
                );
            }
            let path = words.next().map(str::trim).filter(|p| !p.is_empty());
            Ok(Command::Export {
                format,
                path: path.map(str::to_owned),
                force: word.ends_with('!'),
            })
        }
        "offset" => parse_offset(rest, fps).map(Command::Offset),
        "problems" | "warnings" => Ok(Command::Problems),
        "q" | "quit" => Ok(Command::Quit),
        _ => parse_time(input, fps),
    }
}

/// `tag NAME`, `role NAME`, or `all`.
fn parse_select_filter(rest: &str) -> Result<Option<super::SelectFilter>, String> {
    let (what, name) = rest
        .split_once(' ')
        .map_or((rest, ""), |(w, n)| (w, n.trim()));
    match (what, name) {
        ("all" | "clear" | "", _) => Ok(None),
        ("tag", name) if !name.is_empty() => Ok(Some(super::SelectFilter::Tag(
            name.trim_start_matches('#').to_lowercase(),
        ))),
        ("role", name) if !name.is_empty() => Ok(Some(super::SelectFilter::Role(name.to_owned()))),
        _ => Err("select tag NAME, select role NAME or select all".to_owned()),
    }
}

/// An offset: a timecode, `-` before it for media that starts before the
/// log's clock, or `0`.
pub fn parse_offset(input: &str, fps: u32) -> Result<i64, String> {
    let input = input.trim();
    let (sign, body) = match input.strip_prefix('-') {
        Some(body) => (-1, body),
        None => (1, input.strip_prefix('+').unwrap_or(input)),
    };
    if body.is_empty() {
        return Err("offset needs a timecode, like :offset 10:00:00:00, or sync".to_owned());
    }
    let time = if body.chars().all(|c| c.is_ascii_digit()) {
        body.parse::<u64>().ok().map(Timecode::from_secs)
    } else {
        parse_timecode(body, fps).ok()
    }
    .ok_or_else(|| format!("not an offset: {input} (a timecode, or sync)"))?;
    Ok(i64::try_from(time.as_millis()).unwrap_or(i64::MAX) * sign)
}

/// `21:14`, `1:02:03`, or relative `+30`, `-1:00`, `+1:02:03`.
fn parse_time(input: &str, fps: u32) -> Result<Command, String> {
    let (sign, body) = match input.strip_prefix('+') {
        Some(body) => (1, body),
        None => match input.strip_prefix('-') {
            Some(body) => (-1, body),
            None => (0, input),
        },
    };
    let time = if !body.is_empty() && body.chars().all(|c| c.is_ascii_digit()) && sign != 0 {
        body.parse::<u64>()
            .ok()
            .map(Timecode::from_secs)
            .ok_or_else(|| format!("not a time: {input}"))
    } else {
        parse_timecode(body, fps).map_err(|_| format!("not a timecode or command: {input}"))
    }?;
    let ms = i64::try_from(time.as_millis()).unwrap_or(i64::MAX);
    Ok(match sign {
        0 => Command::JumpTo(time),
        s => Command::JumpBy(ms.saturating_mul(s)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands() {
        assert_eq!(
            parse_command("21:14", 25),
            Ok(Command::JumpTo(Timecode::from_secs(21 * 60 + 14)))
        );
        assert_eq!(
            parse_command("1:02:03", 25),
            Ok(Command::JumpTo(Timecode::from_secs(3723)))
        );
        assert_eq!(parse_command("+30", 25), Ok(Command::JumpBy(30_000)));
        assert_eq!(parse_command("-1:00", 25), Ok(Command::JumpBy(-60_000)));
        assert_eq!(
            parse_command("role citizen, civil defense", 25),
            Ok(Command::Roles(vec![
                "citizen".into(),
                "civil defense".into()
            ]))
        );
        assert_eq!(
            parse_command("speaker Amer", 25),
            Ok(Command::Speaker("Amer".into()))
        );
        assert_eq!(parse_command(" clear ", 25), Ok(Command::Clear));
        assert!(parse_command("99:99x", 25).is_err());
        assert!(parse_command("99:99", 25).is_err());
        assert!(parse_command("role", 25).is_err());
        assert!(parse_command("", 25).is_err());
        assert_eq!(parse_command("media", 25), Ok(Command::Media(None)));
        assert_eq!(
            parse_command("media a b.mp4", 25),
            Ok(Command::Media(Some("a b.mp4".into())))
        );
        assert_eq!(
            parse_command("offset 10:00:00:00", 25),
            Ok(Command::Offset(36_000_000))
        );
        assert_eq!(
            parse_command("offset -1:30", 25),
            Ok(Command::Offset(-90_000))
        );
        assert_eq!(parse_command("offset 0", 25), Ok(Command::Offset(0)));
        assert_eq!(parse_command("offset sync", 25), Ok(Command::OffsetSync));
        assert!(parse_command("offset", 25).is_err());
        assert!(parse_command("offset soon", 25).is_err());
        assert_eq!(
            parse_command("select tag #Intro", 25),
            Ok(Command::SelectFilter(Some(crate::app::SelectFilter::Tag(
                "intro".into()
            ))))
        );
        assert_eq!(
            parse_command("select all", 25),
            Ok(Command::SelectFilter(None))
        );
        assert!(parse_command("select colour red", 25).is_err());
        assert_eq!(
            parse_command("export! EDL cut one.edl", 25),
            Ok(Command::Export {
                format: "edl".into(),
                path: Some("cut one.edl".into()),
                force: true
            })
        );
        assert!(parse_command("export", 25).is_err());
    }
}
