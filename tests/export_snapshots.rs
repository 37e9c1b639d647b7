//! The JSON export of every fixture and of the bundled sample, frozen with
//! insta. A change to any of them is either a fix the commit names, or a bug.

mod common;

use std::path::Path;

use soundbite::export::write_json;
use soundbite::input::SAMPLE_LOG;

fn json_of(name: &str, bytes: Vec<u8>) -> String {
    let transcript = common::parse_named(bytes, name);
    let mut out = Vec::new();
    write_json(&transcript, &mut out).unwrap_or_default();
    String::from_utf8(out).unwrap_or_default()
}

#[test]
fn the_sample_exports_as_frozen() {
    insta::assert_snapshot!(
        "sample",
        json_of("sample-footage-log.txt", SAMPLE_LOG.as_bytes().to_vec())
    );
}

#[test]
fn every_fixture_exports_as_frozen() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    assert!(names.len() >= 10, "fixtures found: {names:?}");
    for name in names {
        let bytes = std::fs::read(dir.join(&name)).unwrap_or_default();
        insta::assert_snapshot!(format!("fixture-{name}"), json_of(&name, bytes));
    }
}
