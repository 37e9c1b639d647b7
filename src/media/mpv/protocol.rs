//! mpv's JSON IPC, as text: one JSON object per line each way
//! (<https://mpv.io/manual/stable/#json-ipc>). Pure: lines in, messages out.

use serde_json::{Value, json};

/// The properties soundbite watches, by the id it observes them under.
pub const OBSERVED: [(u64, &str); 5] = [
    (1, "time-pos"),
    (2, "pause"),
    (3, "speed"),
    (4, "duration"),
    (5, "eof-reached"),
];

/// A message from mpv.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// The answer to the command sent with `request_id`; `error` is
    /// `success` when it worked.
    Reply { request_id: u64, error: String },
    /// An observed property changed; `value` is `None` when mpv has none
    /// (no file loaded).
    Property { name: String, value: Option<Value> },
    /// A file could not be played, and why.
    FileFailed(String),
    /// Any other event, by name: `seek`, `playback-restart`, `file-loaded`, …
    Event(String),
}

/// Reads one line from mpv; `None` for a line that is not a message soundbite
/// knows (mpv may add fields and events; garbage is skipped, not fatal).
pub fn parse_line(line: &str) -> Option<Message> {
    let value: Value = serde_json::from_str(line.trim()).ok()?;
    let object = value.as_object()?;
    if let Some(event) = object.get("event").and_then(Value::as_str) {
        return Some(match event {
            "property-change" => Message::Property {
                name: object.get("name")?.as_str()?.to_owned(),
                value: object.get("data").filter(|v| !v.is_null()).cloned(),
            },
            "end-file" if object.get("reason").and_then(Value::as_str) == Some("error") => {
                let why = object
                    .get("file_error")
                    .and_then(Value::as_str)
                    .unwrap_or("unknown error");
                Message::FileFailed(why.to_owned())
            }
            other => Message::Event(other.to_owned()),
        });
    }
    let request_id = object.get("request_id")?.as_u64()?;
    let error = object.get("error")?.as_str()?.to_owned();
    Some(Message::Reply { request_id, error })
}

/// One command line to send: `{"command": [...], "request_id": N}` and a newline.
pub fn command_line(args: &[Value], request_id: u64) -> String {
    let mut line = json!({ "command": args, "request_id": request_id }).to_string();
    line.push('\n');
    line
}

/// Seconds as mpv speaks them, from milliseconds.
pub fn seconds(ms: u64) -> f64 {
    ms as f64 / 1000.0
}

/// Milliseconds from mpv's seconds; negative or not-a-number is zero.
pub fn millis(seconds: f64) -> u64 {
    if seconds.is_finite() && seconds > 0.0 {
        (seconds * 1000.0).round() as u64
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_replies_properties_and_events() {
        assert_eq!(
            parse_line(r#"{"request_id":7,"error":"success","data":null}"#),
            Some(Message::Reply {
                request_id: 7,
                error: "success".into()
            })
        );
        assert_eq!(
            parse_line(r#"{"event":"property-change","id":1,"name":"time-pos","data":12.5}"#),
            Some(Message::Property {
                name: "time-pos".into(),
                value: Some(json!(12.5))
            })
        );
        assert_eq!(
            parse_line(r#"{"event":"property-change","id":4,"name":"duration"}"#),
            Some(Message::Property {
                name: "duration".into(),
                value: None
            })
        );
        assert_eq!(
            parse_line(
                r#"{"event":"end-file","reason":"error","playlist_entry_id":1,"file_error":"unrecognized file format"}"#
            ),
            Some(Message::FileFailed("unrecognized file format".into()))
        );
        assert_eq!(
            parse_line(r#"{"event":"end-file","reason":"quit"}"#),
            Some(Message::Event("end-file".into()))
        );
        assert_eq!(
            parse_line(r#"{"event":"seek"}"#),
            Some(Message::Event("seek".into()))
        );
    }

    #[test]
    fn skips_what_it_does_not_know() {
        for line in [
            "",
            "garbage",
            "[1,2]",
            "{}",
            r#"{"request_id":"x"}"#,
            "{\"event\":",
        ] {
            assert_eq!(parse_line(line), None, "{line}");
        }
    }

    #[test]
    fn writes_commands_as_one_line_each() {
        let line = command_line(&[json!("seek"), json!(1.5), json!("absolute+exact")], 3);
        assert_eq!(
            line,
            "{\"command\":[\"seek\",1.5,\"absolute+exact\"],\"request_id\":3}\n"
        );
        assert!((seconds(1500) - 1.5).abs() < f64::EPSILON);
        assert_eq!(millis(2.0004), 2000);
        assert_eq!(millis(-1.0), 0);
        assert_eq!(millis(f64::NAN), 0);
    }
}
