//! The `soundbite` binary: commands, output, exit codes and messages.

mod common;

use assert_cmd::Command;
use common::fixture_path;
use predicates::prelude::*;
use soundbite::input::SAMPLE_LOG;

fn soundbite() -> Command {
    Command::cargo_bin("soundbite").unwrap_or_else(|_| Command::new("false"))
}

fn sample_file() -> tempfile::NamedTempFile {
    let file = tempfile::NamedTempFile::new().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(file.path(), SAMPLE_LOG).unwrap_or_default();
    file
}

fn json_of(args: &[&str], stdin: Option<&str>) -> serde_json::Value {
    let mut cmd = soundbite();
    cmd.args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    let output = cmd.output().unwrap_or_else(|e| panic!("{e}"));
    assert!(output.status.success());
    serde_json::from_slice(&output.stdout).unwrap_or_default()
}

#[test]
fn export_json_follows_the_schema() {
    let file = sample_file();
    let path = file.path().to_string_lossy().to_string();
    let doc = json_of(&["export", &path], None);
    assert_eq!(doc["format"], "footage-log");
    assert_eq!(doc["source"], path.as_str());
    assert_eq!(doc["metadata"]["date"], "2023-10-19");
    assert_eq!(doc["metadata"]["media_format"], "prores");
    assert!(doc["metadata"]["fields"].is_object());
    assert_eq!(
        doc["speakers"][0],
        serde_json::json!({"id": 0, "name": null, "role": "Interviewer", "language": null, "detail": null, "role_source": "log"})
    );
    let segments = doc["segments"].as_array().cloned().unwrap_or_default();
    assert_eq!(segments.len(), 16);
    let answer = &segments[1];
    assert_eq!(answer["kind"], "answer");
    assert_eq!(answer["speaker"], 1);
    assert_eq!(answer["start_ms"], 140_000);
    // 57 words take 22.8 s; the next start, 81 s on, is too far to be its end.
    assert_eq!(answer["end_ms"], 162_800);
    assert_eq!(answer["end_estimated"], true);
    assert_eq!(segments[0]["end_ms"], 140_000);
    assert_eq!(segments[0]["end_estimated"], false);
    assert_eq!(answer["timecode"], "02:20");
    assert_eq!(answer["question"], 0);
    assert_eq!(answer["line"], 21);
    assert_eq!(segments[8]["start_ms"], serde_json::Value::Null);
    assert_eq!(doc["diagnostics"][0]["severity"], "warning");
    assert!(doc["unparsed"].as_array().is_some_and(Vec::is_empty));
}

#[test]
fn stdin_crlf_and_file_give_the_same_export() {
    let file = sample_file();
    let path = file.path().to_string_lossy().to_string();
    let mut from_file = json_of(&["export", &path], None);
    let mut from_stdin = json_of(&["export", "-"], Some(&SAMPLE_LOG.replace('\n', "\r\n")));
    from_file["source"] = serde_json::Value::Null;
    from_stdin["source"] = serde_json::Value::Null;
    assert_eq!(from_file, from_stdin);
}

#[test]
fn export_jsonl_writes_one_segment_per_line_with_its_speaker() {
    let output = soundbite()
        .args(["export", "--format", "jsonl", "-"])
        .write_stdin(SAMPLE_LOG)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_default())
        .collect();
    assert_eq!(lines.len(), 16);
    assert_eq!(lines[1]["speaker"]["name"], "Sigrun Dahl");
    assert_eq!(lines[1]["speaker"]["role"], "Harbour Master");
    assert_eq!(lines[0]["speaker"]["role"], "Interviewer");
}

#[test]
fn check_reports_file_line_column_and_exits_by_severity() {
    let broken = fixture_path("broken.txt");
    let name = broken.to_string_lossy().to_string();
    soundbite()
        .args(["check", &name])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(format!(
            "{name}:3:1: warning: timecode `99:99` is not valid"
        )))
        .stdout(predicate::str::contains(
            "5 segments, 2 speakers, 0 errors, 4 warnings, 1 unparsed line",
        ));
    soundbite()
        .args(["check", "--deny-warnings", &name])
        .assert()
        .code(1);
    soundbite()
        .args(["check", "-"])
        .write_stdin("")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "<stdin>: error: the input is empty",
        ));
    soundbite()
        .args(["check", "-"])
        .write_stdin(SAMPLE_LOG)
        .assert()
        .code(0);
}

#[test]
fn unreadable_input_exits_2_naming_the_file() {
    soundbite()
        .args(["check", "no/such/log.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/log.txt: no such file"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // A folder is a library: it exports as JSONL, and an empty one has nothing to read.
    soundbite()
        .args(["export", &dir.path().to_string_lossy()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "a library exports as --format jsonl",
        ));
    soundbite()
        .args(["export", "--format", "jsonl", &dir.path().to_string_lossy()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no logs found"));
    soundbite().args(["list"]).assert().code(2);
    soundbite()
        .args(["export", "--format", "xml", "x"])
        .assert()
        .code(2);
}

#[test]
fn hostile_file_names_are_sanitized_in_messages() {
    soundbite()
        .args(["check", "evil\u{1b}]0;title\u{7}name"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("evilname: no such file"))
        .stderr(predicate::str::contains("\u{1b}").not());
}

#[test]
fn list_filters_by_role_speaker_and_text() {
    let list = |args: &[&str]| {
        let output = soundbite()
            .arg("list")
            .arg("-")
            .args(args)
            .write_stdin(SAMPLE_LOG)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let all = list(&[]);
    assert_eq!(all.len(), 16);
    assert_eq!(
        all[1]
            .split("  ")
            .filter(|s| !s.is_empty())
            .take(3)
            .collect::<Vec<_>>(),
        ["02:20", "answer", "Sigrun Dahl (Harbour Master)"]
    );
    assert!(
        all[8]
            .trim_start()
            .starts_with("··:··  question  (Interviewer)  Is the village")
    );
    let masters = list(&["--role", "harbour MASTER"]);
    assert_eq!(masters.len(), 4);
    assert!(masters.iter().all(|l| l.contains("Sigrun Dahl")));
    let two_roles = list(&["--role", "ferry", "--role", "resident"]);
    assert_eq!(two_roles.len(), 3);
    assert_eq!(list(&["--speaker", "tomas"]).len(), 2);
    assert_eq!(list(&["--grep", "wall"]).len(), 4);
    assert_eq!(list(&["--grep", "Wall"]).len(), 0);
}

#[test]
fn stats_totals_per_role_and_speaker() {
    let output = soundbite()
        .args(["stats", "-"])
        .write_stdin(SAMPLE_LOG)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&output.stdout);
    let row = |label: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(label))
            .map(|l| l.split_whitespace().rev().take(3).collect::<Vec<_>>())
    };
    assert!(text.starts_with("ROLE / SPEAKER"));
    assert_eq!(
        row("Harbour Master").map(|r| r[2].to_owned()),
        Some("4".to_owned())
    );
    assert_eq!(row("TOTAL").map(|r| r[2].to_owned()), Some("16".to_owned()));
    assert!(text.contains("  Sigrun Dahl"));
}

#[test]
fn stats_of_a_large_file_match_stats_of_it_read_from_stdin() {
    // Over 4 MiB, so the file is read on two threads; stdin is read whole.
    let mut log = soundbite::generate::footage_log(20_000);
    log.push_str("\n00:01 (Late Caller, Guest)\n“Back in time, with a \u{1b}[1mbold escape.”\n");
    let file = tempfile::NamedTempFile::new().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(file.path(), &log).unwrap_or_default();
    let path = file.path().to_string_lossy().to_string();
    let from_file = soundbite()
        .args(["stats", &path])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let from_stdin = soundbite()
        .args(["stats", "-"])
        .write_stdin(log)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(from_file.status.success());
    assert_eq!(from_file.stdout, from_stdin.stdout);
    assert!(String::from_utf8_lossy(&from_file.stdout).contains("  Late Caller"));
    let problems = |output: &std::process::Output| {
        let stderr = String::from_utf8_lossy(&output.stderr).to_string();
        stderr.rsplit_once(": ").map(|(_, rest)| rest.to_owned())
    };
    assert_eq!(problems(&from_file), problems(&from_stdin));
    assert!(problems(&from_file).is_some_and(|p| p.contains("2 warnings")));
}

#[test]
fn without_a_terminal_the_player_prints_a_summary_of_the_sample() {
    soundbite()
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "sample-footage-log.txt: footage-log, 16 segments",
        ));
}

#[test]
fn every_problem_is_counted_but_only_the_first_thousand_of_a_kind_are_listed() {
    let mut log = String::from("09:55 Question:\n“Why?”\n");
    for _ in 0..2500 {
        log.push_str("99:99 x\n");
    }
    let check = soundbite()
        .args(["check", "-"])
        .write_stdin(log.clone())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let out = String::from_utf8_lossy(&check.stdout);
    assert!(
        out.contains("… and 1500 more warnings, not listed"),
        "{out}"
    );
    assert!(out.contains("2500 warnings"), "{out}");
    let doc = json_of(&["export", "-"], Some(&log));
    assert_eq!(doc["diagnostics"].as_array().map(Vec::len), Some(1000));
    assert_eq!(doc["diagnostics_omitted"]["warnings"], 1500);
}

#[test]
fn list_keeps_hour_timecodes_in_one_column() {
    let log = "00:09:55 Question:\n“Where were you?”\n12:49:15 (Ana Berg, Pilot)\n“On the quay.”";
    let output = soundbite()
        .args(["list", "-"])
        .write_stdin(log)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let out = String::from_utf8_lossy(&output.stdout);
    let kinds: Vec<usize> = out
        .lines()
        .map(|line| {
            line.find("question")
                .or_else(|| line.find("answer"))
                .unwrap_or(0)
        })
        .collect();
    assert_eq!(kinds.len(), 2, "{out}");
    assert_eq!(kinds[0], kinds[1], "{out}");
}

#[test]
fn global_options_go_before_the_command_and_file_names_need_not_be_utf8() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    #[cfg(unix)]
    let name = {
        use std::os::unix::ffi::OsStrExt;
        std::ffi::OsStr::from_bytes(b"log-\xff.txt").to_owned()
    };
    #[cfg(not(unix))]
    let name = std::ffi::OsString::from("log.txt");
    let path = dir.path().join(&name);
    std::fs::write(&path, "00:00:01:15 Question:\n“Why?”").unwrap_or_else(|e| panic!("{e}"));
    let output = soundbite()
        .arg("--fps")
        .arg("30")
        .arg("export")
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_default();
    // Frame 15 at 30 fps is half a second.
    assert_eq!(doc["segments"][0]["start_ms"], 1_500);
    assert!(
        doc["source"]
            .as_str()
            .is_some_and(|s| s.contains('\u{FFFD}'))
    );
}

#[test]
fn formats_lists_every_reader_and_how_sure_each_is_of_a_file() {
    let output = soundbite()
        .arg("formats")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let listing = String::from_utf8_lossy(&output.stdout);
    for name in [
        "footage-log",
        "webvtt",
        "srt",
        "transcript",
        "ohms",
        "timecode-log",
    ] {
        assert!(listing.contains(name), "{name} missing from:\n{listing}");
    }
    assert!(listing.contains("e.g."));
    let srt = common::fixture_path("captions.srt");
    let output = soundbite()
        .arg("formats")
        .arg(&srt)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let sure = String::from_utf8_lossy(&output.stdout);
    assert!(
        sure.lines()
            .next()
            .is_some_and(|first| first.ends_with("srt")),
        "{sure}"
    );
    soundbite()
        .args(["--from", "nonsense", "check"])
        .arg(&srt)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no format called `nonsense`"));
    soundbite()
        .args(["check", "--from", "webvtt"])
        .arg(&srt)
        .assert()
        .stdout(predicate::str::contains("webvtt"));
}

#[test]
fn the_default_config_prints_and_a_bad_one_says_where_and_is_not_used() {
    let output = soundbite()
        .args(["config", "--default"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let default = String::from_utf8_lossy(&output.stdout).to_string();
    assert!(
        default.contains("[player]") && default.contains("[keys.normal]"),
        "{default}"
    );
    assert!(
        default.contains("\"pagedown\" = \"page_down\""),
        "{default}"
    );
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let good = dir.path().join("good.toml");
    std::fs::write(&good, &default).unwrap_or_else(|e| panic!("{e}"));
    soundbite()
        .arg("--config")
        .arg(&good)
        .args(["check", "-"])
        .write_stdin("00:01 Question:\n“Why?”")
        .assert()
        .code(0)
        .stderr(predicate::str::is_empty());
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[player]\nfps = 30\n\n[keys.normal]\n\"j\" = \"fly\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    soundbite()
        .arg("--config")
        .arg(&bad)
        .args(["export", "-"])
        .write_stdin("00:00:01:15 Question:\n“Why?”")
        .assert()
        .code(0)
        .stderr(predicate::str::contains("bad.toml:5:7: no action called"))
        // The defaults, 25 fps: frame 15 is 600 ms.
        .stdout(predicate::str::contains("\"start_ms\": 1600"));
    let path = soundbite()
        .args(["config", "--path"])
        .env("SOUNDBITE_CONFIG", &good)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(String::from_utf8_lossy(&path.stdout).contains("good.toml"));
}

#[test]
fn list_and_the_player_keep_the_same_segments_for_a_filter() {
    use soundbite::app::{App, StartOptions};
    use soundbite::filter::Filter;
    use soundbite::formats::{ParseOptions, parse_str};
    let file = sample_file();
    let path = file.path().to_string_lossy().into_owned();
    for (roles, speakers) in [
        (vec!["harbour"], vec![]),
        (vec!["interviewer", "captain"], vec![]),
        (vec![], vec!["sigrun"]),
        (vec!["volunteer"], vec!["lifeboat"]),
    ] {
        let mut args = vec!["list".to_owned(), path.clone()];
        for role in &roles {
            args.extend(["--role".to_owned(), (*role).to_owned()]);
        }
        for speaker in &speakers {
            args.extend(["--speaker".to_owned(), (*speaker).to_owned()]);
        }
        let output = soundbite()
            .args(&args)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let listed = String::from_utf8_lossy(&output.stdout).lines().count();
        let start = StartOptions {
            filter: Filter {
                roles: roles.iter().map(|r| (*r).to_owned()).collect(),
                speakers: speakers.iter().map(|s| (*s).to_owned()).collect(),
            },
            ..StartOptions::default()
        };
        let transcript = parse_str(SAMPLE_LOG, "sample", ParseOptions::default());
        let app = App::new(transcript, start, std::time::Duration::ZERO);
        let shown = app.rows.iter().filter(|row| !row.context).count();
        assert!(listed > 0, "{roles:?} {speakers:?} lists something");
        assert_eq!(listed, shown, "{roles:?} {speakers:?}");
    }
}

#[test]
fn export_writes_the_selects_a_filter_or_everything_in_each_format() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let log = dir.path().join("quay.txt");
    std::fs::write(&log, SAMPLE_LOG).unwrap_or_default();
    // Selects as the player saves them, beside the log; by hand, as a user may.
    std::fs::write(
        dir.path().join("quay.txt.soundbite.toml"),
        "version = 1\noffset_ms = 0\n\n[[select]]\nsegment = 3\nnote = \"dog #open\"\n\
         anchor_words = \"We knocked on every door below the church.\"\n\n\
         [[select]]\nsegment = 1\nanchor_words = \"The water came over the wall a little\"\n",
    )
    .unwrap_or_default();
    let path = log.to_string_lossy().into_owned();
    let run = |args: &[&str]| {
        let output = soundbite()
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
        )
    };
    let (code, csv) = run(&[
        "export",
        &path,
        "--selects",
        "--sidecar-here",
        "--format",
        "csv",
    ]);
    assert_eq!(code, Some(0));
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(
        rows[1].starts_with("03:47,") && rows[1].ends_with(",dog #open,open"),
        "{csv}"
    );
    assert!(rows[2].contains("Sigrun Dahl"), "{csv}");
    let (_, filtered) = run(&[
        "export",
        &path,
        "--selects",
        "--sidecar-here",
        "--role",
        "harbour",
        "--format",
        "md",
    ]);
    assert!(
        filtered.contains("Sigrun Dahl") && !filtered.contains("Lifeboat"),
        "{filtered}"
    );
    let (_, everyone) = run(&["export", &path, "--role", "captain", "--format", "srt"]);
    assert!(everyone.starts_with("1\r\n00:09:38,000 --> "), "{everyone}");
    let out = dir.path().join("cut.edl");
    let out_path = out.to_string_lossy().into_owned();
    let (code, stdout) = run(&[
        "export",
        &path,
        "--selects",
        "--sidecar-here",
        "--format",
        "edl",
        "-o",
        &out_path,
    ]);
    assert_eq!((code, stdout.as_str()), (Some(0), ""));
    let edl = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(edl.starts_with("TITLE: After the Water"), "{edl}");
    assert_eq!(edl.matches(" AX ").count(), 2, "{edl}");
    soundbite()
        .args(["export", "-", "--selects"])
        .write_stdin(SAMPLE_LOG)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--selects needs a log file"));
}

#[test]
fn the_player_given_a_folder_off_a_terminal_says_what_it_would_open() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("a.txt"), SAMPLE_LOG).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("b.srt"),
        "1\n00:00:01,000 --> 00:00:02,000\nHi.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    soundbite()
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("a library of 2 files"));
    soundbite()
        .args(["-", "x.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be part of a library"));
}
