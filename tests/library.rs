//! A library from the command line: folders of mixed logs read together,
//! every line saying which log it is from, bad files skipped and named.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;

fn soundbite() -> Command {
    Command::cargo_bin("soundbite").unwrap_or_else(|_| Command::new("false"))
}

/// A folder of mixed formats, nested, with a symlink loop, a binary file,
/// an empty file, media, and a hidden log.
fn library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path();
    let copy = |fixture: &str, to: &str| {
        let to = root.join(to);
        std::fs::create_dir_all(to.parent().unwrap_or(root)).unwrap_or_default();
        std::fs::copy(common::fixture_path(fixture), to).unwrap_or_default();
    };
    copy("documentary-log.txt", "day 1/documentary-log.txt");
    copy("press-briefing.txt", "day 1/press.txt");
    copy("captions.vtt", "day 2/cam b/captions.vtt");
    copy("source-timecode.txt", "lock.txt");
    copy("broken.txt", "drafts/broken.txt");
    copy("tv-script.txt", ".hidden/tv.txt");
    std::fs::write(root.join("notes.bin.txt"), b"PK\x03\x04\0\0binary").unwrap_or_default();
    std::fs::write(root.join("empty.txt"), b"").unwrap_or_default();
    std::fs::write(root.join("lock.mxf"), b"\0\0\0").unwrap_or_default();
    #[cfg(unix)]
    std::os::unix::fs::symlink(root, root.join("day 2/back up")).unwrap_or_default();
    dir
}

fn run(args: &[&str]) -> (i32, String, String) {
    let output = soundbite()
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn list_finds_one_role_across_every_log_and_names_the_file() {
    let dir = library();
    let root = dir.path().to_string_lossy().into_owned();
    let (code, out, err) = run(&["list", &root, "--role", "keeper", "--grep", "gates"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines
            .iter()
            .all(|l| l.contains("lock.txt:") && l.contains("Pieter Vos (Lock Keeper)"))
    );
    // Files that cannot hold the word are not even read as logs; without
    // a search every file is, and the bad ones are named.
    let (_, _, err) = run(&["list", &root]);
    for skipped in [
        "notes.bin.txt: skipped: binary",
        "empty.txt: skipped: empty",
        "lock.mxf: skipped: not a log",
    ] {
        assert!(err.contains(skipped), "{skipped} in {err}");
    }
    #[cfg(unix)]
    assert!(err.contains("skipped: a symlink loop"), "{err}");
    assert!(!out.contains("tv.txt"), "hidden folders are left out");
    let (_, everything, _) = run(&["list", &root, "--all", "--role", "narrator"]);
    assert!(everything.contains(".hidden/tv.txt:"), "{everything}");
}

#[test]
fn check_checks_every_log_and_fails_when_one_has_problems() {
    let dir = library();
    let root = dir.path().to_string_lossy().into_owned();
    let (code, _, _) = run(&["check", &root]);
    assert_eq!(code, 0, "warnings only");
    let (code, out, _) = run(&["check", "--deny-warnings", &root]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("broken.txt:"), "{out}");
    assert!(
        out.lines()
            .last()
            .is_some_and(|l| l.starts_with("5 logs: ")),
        "{out}"
    );
    let lock = dir.path().join("lock.txt").to_string_lossy().into_owned();
    let press = dir
        .path()
        .join("day 1/press.txt")
        .to_string_lossy()
        .into_owned();
    let (code, out, _) = run(&["check", &lock, &press]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("2 logs: 0 errors"), "{out}");
}

#[test]
fn stats_total_roles_across_interviews_and_export_writes_each_line_with_its_file() {
    let dir = library();
    let root = dir.path().to_string_lossy().into_owned();
    let (code, out, _) = run(&["stats", &root]);
    assert_eq!(code, 0);
    let keeper = out
        .lines()
        .find(|l| l.starts_with("Lock Keeper"))
        .unwrap_or_default();
    assert!(keeper.ends_with(" 1"), "in one interview: {keeper}");
    assert!(
        out.lines()
            .last()
            .is_some_and(|l| l.starts_with("TOTAL") && l.ends_with(" 5")),
        "{out}"
    );
    let (code, out, _) = run(&["export", &root, "--format", "jsonl", "--role", "relief"]);
    assert_eq!(code, 0);
    let line: serde_json::Value =
        serde_json::from_str(out.lines().next().unwrap_or("{}")).unwrap_or_default();
    assert!(
        line["source"]
            .as_str()
            .is_some_and(|s| s.ends_with("lock.txt")),
        "{out}"
    );
    assert_eq!(line["speaker"]["name"], "Anouk de Wit");
    soundbite()
        .args(["export", &root, "--format", "edl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("exports as --format jsonl"));
    soundbite()
        .args(["list", &root, "-"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be part of a library"));
}
