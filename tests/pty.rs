//! End-to-end: the real binary in a pseudo-terminal, keys in, screen out.

mod common;

use std::time::{Duration, Instant};

use portable_pty::PtySize;

use common::pty::{PATIENCE, Session};

fn fixture(name: &str) -> String {
    common::fixture_path(name).to_string_lossy().into_owned()
}

#[test]
fn opens_a_log_and_shows_its_first_segments() {
    let mut s = Session::start(&[&fixture("paren-timecodes.txt")]);
    s.wait_for("Lucia · the ferry cook");
    s.wait_for("The galley flooded first");
    s.wait_for("⏸ 07:02");
    assert!(s.parser.screen().alternate_screen());
    let (status, s) = s.quit();
    assert_eq!(status, 0);
    assert!(
        !s.parser.screen().alternate_screen(),
        "left the alternate screen"
    );
}

#[test]
fn the_bundled_sample_opens_with_no_file() {
    let mut s = Session::start(&[]);
    s.wait_for("After the Water: Voices from Saltmarsh Quay");
    s.wait_for("Sigrun Dahl · Harbour Master");
    assert_eq!(s.quit().0, 0);
}

#[test]
fn colon_and_a_timecode_land_on_the_right_speaker() {
    let mut s = Session::start(&[]);
    s.wait_for("⏸ 02:14");
    s.send(":12:10\r");
    // Both on the bar at once: a frame can arrive in pieces.
    s.wait_for_bar(&["⏸ 12:10", "Tomas Lind · Ferry Captain"]);
    assert_eq!(s.quit().0, 0);
}

#[test]
fn role_command_hides_other_roles() {
    let mut s = Session::start(&[]);
    s.wait_for("⏸ 02:14");
    s.send(":role resident\r");
    s.wait_for("role: Resident");
    let screen = s.screen();
    assert!(screen.contains("— · Resident"));
    assert!(!screen.contains("Sigrun Dahl · Harbour Master"), "{screen}");
    assert!(!screen.contains("Lifeboat Volunteer"), "{screen}");
    assert_eq!(s.quit().0, 0);
}

#[test]
fn search_shows_the_match_count() {
    let mut s = Session::start(&[]);
    s.wait_for("⏸ 02:14");
    s.send("/wall");
    s.wait_for("/wall█  1/4");
    s.send("\r");
    s.wait_for("/wall 1/4");
    s.send("n");
    s.wait_for("/wall 2/4");
    assert_eq!(s.quit().0, 0);
}

#[test]
fn space_plays_and_space_again_stops() {
    let mut s = Session::start(&[]);
    s.wait_for("⏸ 02:14");
    s.send(" ");
    s.wait_for("▶ 02:15");
    s.send(" ");
    s.wait_for("⏸ 02:1");
    let stopped = s.player_bar();
    s.pump(Duration::from_millis(1500));
    assert_eq!(s.player_bar(), stopped, "paused stays put");
    assert_eq!(s.quit().0, 0);
}

#[test]
fn escape_sequences_and_bidi_controls_show_as_plain_text() {
    let mut s = Session::start(&[&fixture("hostile.txt")]);
    s.wait_for("Hostile Log");
    s.wait_for("Is this safe?");
    s.wait_for("Evil Name · Role");
    s.wait_for("Nothing here escapes.");
    let raw = String::from_utf8_lossy(&s.raw).into_owned();
    assert!(
        !raw.contains("pwned"),
        "the file's title sequence reached the terminal"
    );
    assert!(
        !raw.contains('\u{202e}'),
        "a bidi override reached the terminal"
    );
    assert!(
        !raw.contains("\u{1b}[31m"),
        "the file's colour escape reached the terminal"
    );
    assert_eq!(s.quit().0, 0);
}

#[test]
fn every_ending_signal_restores_the_terminal() {
    for (name, number) in [
        ("TERM", 15),
        ("QUIT", 3),
        ("USR1", 10),
        ("ALRM", 14),
        ("HUP", 1),
    ] {
        let mut s = Session::start(&[]);
        s.wait_for("⏸ 02:14");
        assert!(s.parser.screen().alternate_screen());
        let pid = s.child.process_id().expect("a pid");
        let killed = std::process::Command::new("kill")
            .args([format!("-{name}"), pid.to_string()])
            .status()
            .expect("kill");
        assert!(killed.success());
        let deadline = Instant::now() + PATIENCE;
        let status = loop {
            s.pump(Duration::from_millis(50));
            if let Some(status) = s.child.try_wait().expect("wait") {
                break status;
            }
            assert!(Instant::now() < deadline, "soundbite ignored SIG{name}");
        };
        s.pump(Duration::from_millis(100));
        assert_eq!(status.exit_code(), 128 + number, "SIG{name}");
        assert!(
            !s.parser.screen().alternate_screen(),
            "SIG{name}: left the alternate screen"
        );
        assert!(!s.parser.screen().hide_cursor(), "SIG{name}: cursor shown");
        let raw = String::from_utf8_lossy(&s.raw);
        let after = raw.rsplit("\u{1b}[?1049l").next().unwrap_or_default();
        assert!(
            raw.contains("\u{1b}[?1000l"),
            "SIG{name}: mouse reports off"
        );
        assert!(
            !after.contains("\u{1b}[?1000h"),
            "SIG{name}: mouse not on again"
        );
    }
}

#[test]
fn the_mouse_reports_clicks_not_every_move_and_the_title_is_bounded() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("long-title.txt");
    let log = format!("{}\n\n00:01 Question:\n“Why?”\n", "Title ".repeat(20_000));
    std::fs::write(&path, log).expect("write the log");
    let mut s = Session::start(&[path.to_str().expect("a UTF-8 path")]);
    s.wait_for("Why?");
    let (_, s) = s.quit();
    let raw = String::from_utf8_lossy(&s.raw);
    assert!(raw.contains("\u{1b}[?1000h"), "clicks reported");
    assert!(!raw.contains("\u{1b}[?1003h"), "no any-motion tracking");
    let title = raw
        .split("\u{1b}]0;")
        .nth(1)
        .and_then(|rest| rest.split('\u{7}').next())
        .unwrap_or_default();
    assert!(
        title.chars().count() <= 100,
        "title of {} characters",
        title.chars().count()
    );
    assert!(
        raw.contains("\u{1b}[23;0t"),
        "the title before is given back"
    );
}

#[test]
fn a_dumb_terminal_is_told_to_use_list() {
    let mut s = Session::start_with_term(&[], "dumb");
    let deadline = Instant::now() + PATIENCE;
    while s.child.try_wait().expect("wait").is_none() {
        s.pump(Duration::from_millis(50));
        assert!(
            Instant::now() < deadline,
            "soundbite waited on a dumb terminal"
        );
    }
    s.pump(Duration::from_millis(100));
    let raw = String::from_utf8_lossy(&s.raw);
    assert!(raw.contains("soundbite list"), "{raw:?}");
    assert!(!raw.contains("\u{1b}[?1049h"), "no alternate screen");
}

#[test]
fn a_tiny_terminal_still_quits_cleanly() {
    let pair_size = (3, 10);
    let mut s = Session::start(&[]);
    s.master
        .resize(PtySize {
            rows: pair_size.0,
            cols: pair_size.1,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("resize");
    s.pump(Duration::from_millis(300));
    s.send("?");
    s.pump(Duration::from_millis(300));
    s.send("?");
    s.pump(Duration::from_millis(300));
    assert_eq!(s.quit().0, 0);
}

#[test]
fn a_large_log_shows_its_first_part_then_the_whole() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("large.txt");
    let log = soundbite::generate::footage_log(12_000);
    assert!(log.len() > 3 * 1024 * 1024);
    std::fs::write(&path, &log).expect("write the log");
    let whole =
        soundbite::formats::parse_str(&log, "large", soundbite::formats::ParseOptions::default());
    let end = soundbite::index::Index::new(&whole).end().to_string();
    let mut s = Session::start(&[path.to_str().expect("a UTF-8 path")]);
    s.wait_for("⏸ 00:05");
    s.wait_for_bar(&[&format!("/ {end}")]);
    s.send("G");
    s.wait_for(whole.segments.last().map_or("", |last| &last.text[..20]));
    let (code, _) = s.quit();
    assert_eq!(code, 0);
}

#[test]
fn keys_from_the_config_file_drive_the_player_and_its_help() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[player]\nspeed = 1.5\n\n[keys.normal]\n\"z\" = \"last\"\n\"G\" = \"unbind\"\n",
    )
    .expect("write the config");
    let mut s = Session::start(&["--config", config.to_str().expect("a UTF-8 path")]);
    s.wait_for_bar(&["1.5×"]);
    s.send("z");
    s.wait_for("Come in the summer");
    s.send("?");
    s.wait_for("end z");
    s.send("?");
    let (code, _) = s.quit();
    assert_eq!(code, 0);
}

#[test]
fn selects_are_marked_noted_copied_and_found_again_after_a_restart() {
    use base64::Engine;
    let dir = tempfile::tempdir().expect("a temp dir");
    let log = dir.path().join("quay.txt");
    std::fs::write(&log, soundbite::input::SAMPLE_LOG).expect("write the log");
    let data = dir.path().join("data").to_string_lossy().into_owned();
    let log = log.to_string_lossy().into_owned();
    let env = [("XDG_DATA_HOME", data.as_str())];
    let mut s = Session::start_with_env(&[&log], &env);
    s.wait_for("⏸ 02:14");
    s.send("jm");
    s.wait_for("A◆ Sigrun Dahl");
    s.send("a");
    s.wait_for("note (#tags):");
    s.send("wall at midnight #open\r");
    s.wait_for("note kept on select 1");
    s.send("y");
    s.wait_for("copied the quote");
    let quote = "\u{201c}The water came over the wall a little after midnight.";
    let raw = String::from_utf8_lossy(&s.raw).into_owned();
    let encoded = raw
        .split("\u{1b}]52;c;")
        .nth(1)
        .and_then(|rest| rest.split('\u{7}').next())
        .expect("an OSC 52 sequence");
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .expect("base64");
    let decoded = String::from_utf8(decoded).expect("UTF-8");
    assert!(decoded.starts_with(quote), "{decoded}");
    assert!(decoded.ends_with(
        "\u{2014} Sigrun Dahl, Harbour Master (After the Water: Voices from Saltmarsh Quay, 02:20)"
    ));
    let (code, _) = s.quit();
    assert_eq!(code, 0);

    let mut again = Session::start_with_env(&[&log], &env);
    again.wait_for("A◆ Sigrun Dahl");
    again.send("S");
    again.wait_for("[wall at midnight #open]");
    // q closes the pane; the next one quits.
    again.send("q");
    let (code, _) = again.quit();
    assert_eq!(code, 0);
}

/// A folder of mixed logs, nested, with files that are not logs beside them.
fn library_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path();
    let copy = |name: &str, to: &str| {
        let to = root.join(to);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::copy(common::fixture_path(name), to).unwrap_or_else(|e| panic!("{e}"));
    };
    copy("captions.srt", "day 1/captions.srt");
    copy("captions.vtt", "day 2/cam b/captions.vtt");
    copy("tv-script.txt", "script.txt");
    std::fs::write(root.join("empty.txt"), "").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(root.join("blob.txt"), [0u8; 64]).unwrap_or_else(|e| panic!("{e}"));
    dir
}

#[test]
fn a_folder_opens_as_a_library_searched_across_and_a_hit_opens_and_comes_back() {
    let dir = library_folder();
    let data = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path().to_string_lossy().into_owned();
    let data = data.path().to_string_lossy().into_owned();
    let mut s = Session::start_with_env(&[&root], &[("XDG_DATA_HOME", data.as_str())]);
    s.wait_for("3 interviews");
    s.wait_for("2 files skipped");
    s.send("/wall");
    s.wait_for("hits in 3 interviews");
    s.send("\r");
    // The first hit is in the first interview by file: day 1's captions.
    s.send("\r");
    s.wait_for("/wall 1/1");
    assert!(s.player_bar().contains("00:04"), "{}", s.screen());
    // Past its last match, `n` goes on to the next interview's hits.
    s.send("n");
    s.wait_for("Harbour interview");
    s.wait_for("/wall 1/1");
    // Backspace: back to the library, its search and place kept.
    s.send("\x7f");
    s.wait_for("Library:");
    assert!(
        s.screen().contains("hits in 3 interviews"),
        "{}",
        s.screen()
    );
    s.send("!");
    s.wait_for("Skipped (2)");
    s.send("\x1b");
    // Alone, or the next key would read as Alt with it.
    s.pump(Duration::from_millis(300));
    s.send("\t");
    s.wait_for("Roles and people");
    assert_eq!(s.quit().0, 0);
}
