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

/// A log made to look untouched for an hour, so the cache may keep it.
fn settled(path: &std::path::Path) {
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|file| file.set_modified(hour_ago))
        .unwrap_or_else(|e| panic!("{e}"));
}

/// Every entry file under the cache folder.
fn entries(cache: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for folder in std::fs::read_dir(cache).into_iter().flatten().flatten() {
        for entry in std::fs::read_dir(folder.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            found.push(entry.path());
        }
    }
    found
}

#[test]
fn a_library_read_again_comes_from_the_cache_until_a_log_changes() {
    let logs = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let cache = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let captions = logs.path().join("captions.vtt");
    std::fs::copy(common::fixture_path("captions.vtt"), &captions).unwrap_or_default();
    let fresh = logs.path().join("fresh.vtt");
    std::fs::copy(common::fixture_path("captions.vtt"), &fresh).unwrap_or_default();
    settled(&captions);
    let list = |extra: &[&str]| {
        let output = soundbite()
            .env("SOUNDBITE_CACHE_DIR", cache.path())
            .arg("list")
            .arg(logs.path())
            .args(extra)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(output.status.success());
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let first = list(&[]);
    assert!(first.contains("quay road was a river"), "{first}");
    // A log changed a moment ago is not kept: a second change in the same
    // tick of a coarse clock would go unseen.
    let kept = entries(cache.path());
    assert_eq!(kept.len(), 1, "only the settled log is kept: {kept:?}");

    // The entry answers the next reading: changed by hand (same length), it shows.
    let entry = &kept[0];
    let mut bytes = std::fs::read(entry).unwrap_or_default();
    let at = bytes
        .windows(11)
        .position(|w| w == b"was a river")
        .unwrap_or_else(|| panic!("the words are in the entry"));
    bytes[at..at + 11].copy_from_slice(b"was a canal");
    std::fs::write(entry, &bytes).unwrap_or_default();
    let from_cache = list(&[]);
    // Only in the settled log: the fresh one, listed after it, was read anew.
    assert_eq!(from_cache, first.replacen("was a river", "was a canal", 1));
    assert!(list(&["--grep", "canal"]).contains("was a canal"));
    // Not with --no-cache, which reads every log.
    assert_eq!(list(&["--no-cache"]), first);

    // A log changed since is read again, and kept anew.
    std::fs::write(
        &captions,
        std::fs::read_to_string(common::fixture_path("captions.vtt"))
            .unwrap_or_default()
            .replace("was a river", "was a stream"),
    )
    .unwrap_or_default();
    settled(&captions);
    let changed = list(&[]);
    assert!(
        changed.contains("was a stream") && !changed.contains("canal"),
        "{changed}"
    );
    assert!(list(&[]).contains("was a stream"));

    // A damaged entry is no entry: the log is read again.
    let entry = &entries(cache.path())[0];
    let bytes = std::fs::read(entry).unwrap_or_default();
    std::fs::write(entry, &bytes[..bytes.len() / 2]).unwrap_or_default();
    assert_eq!(list(&[]), changed);
}
