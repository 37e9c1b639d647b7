//! Saving selects survives being killed at any moment: a child process saves
//! in a loop and is killed with SIGKILL at random times, hundreds of times;
//! every time, the sidecar parses and holds one whole state, old or new.
#![allow(clippy::expect_used)] // a broken test setup fails loudly

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use soundbite::selects::Select;
use soundbite::selects::sidecar::{Saved, Sidecar};

const CHILD: &str = "SOUNDBITE_CRASH_CHILD";
const ROUNDS: u32 = 200;

/// State `k`: `k % 40` selects, each noting `k`, and `k` as the offset, so a
/// file mixing two states is seen at once.
fn state(k: i64) -> Saved {
    let select = |n: usize| Select {
        segment: n,
        in_ms: None,
        out_ms: None,
        note: format!("state {k} #{n}"),
        anchor_ms: Some(n as u64 * 1000),
        anchor_words: "the same first words of a segment".into(),
        lost: false,
    };
    Saved {
        version: 1,
        log: "reel.txt".into(),
        log_hash: "00-0".into(),
        offset_ms: k,
        selects: (0..(k % 40) as usize).map(select).collect(),
    }
}

/// The child: saves state after state until it is killed.
fn save_forever(path: &Path) -> ! {
    let opened = Sidecar::open(path);
    let start = opened.saved.offset_ms + 1;
    for k in start.. {
        opened.sidecar.save(&state(k)).expect("save");
    }
    unreachable!("the states run out")
}

#[test]
fn a_save_killed_at_any_moment_leaves_one_whole_state() {
    if let Some(path) = std::env::var_os(CHILD) {
        save_forever(Path::new(&path));
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("reel.toml");
    let exe = std::env::current_exe().expect("the test binary");
    let mut seed = Instant::now().elapsed().subsec_nanos() | 1;
    let mut last = 0;
    for _ in 0..ROUNDS {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "a_save_killed_at_any_moment_leaves_one_whole_state",
                "--test-threads=1",
            ])
            .env(CHILD, &path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the child");
        // xorshift: a wait of 0 to 40 ms, different every round.
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        std::thread::sleep(Duration::from_micros(u64::from(seed % 40_000)));
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue; // killed before its first save
        };
        let saved: Saved = toml::from_str(&text).expect("the sidecar always parses");
        assert_eq!(saved, state(saved.offset_ms), "one whole state");
        assert!(saved.offset_ms >= last, "never an older state than before");
        last = saved.offset_ms;
    }
    assert!(last > 0, "the children saved something");
    let leftovers = std::fs::read_dir(dir.path())
        .expect("the folder")
        .flatten()
        .filter(|e| {
            e.path()
                .extension()
                .is_none_or(|x| x != "toml" && x != "lock")
        })
        .count();
    assert!(
        leftovers <= ROUNDS as usize,
        "temporary files are only those cut short"
    );
}
