//! The library view's figures on a folder, in this process:
//! `cargo run --release --example library_figures -- DIR`.
//!
//! - reading: the first batch shown, and every file read and summed up,
//!   the way the player's library reads them (batches on every core); every
//!   log parsed, unless `SOUNDBITE_CACHE_DIR` names a cache to read them from;
//! - memory: peak and resident, beside the total size of the logs;
//! - search: each key of `/bread` and of a word found nowhere, from the key
//!   to a drawn frame at 120×40, and a role filter.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rayon::prelude::*;
use soundbite::app::Action;
use soundbite::catalog::{Interview, Library, update};
use soundbite::library::{ReadOptions, WalkOptions, cache, find_logs, read_logs};
use soundbite::ui::library::{LibraryView, draw};

/// Kilobytes of a line of `/proc/self/status`.
fn status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0)
}

fn keys(
    library: &mut Library,
    terminal: &mut Terminal<TestBackend>,
    view: &mut LibraryView,
    actions: &[Action],
) -> Vec<Duration> {
    actions
        .iter()
        .map(|&action| {
            let started = Instant::now();
            update(library, action, Duration::ZERO);
            let _ = terminal.draw(|frame| draw(frame, library, view));
            started.elapsed()
        })
        .collect()
}

/// The rest of a search, done a step at a time as the player does between keys.
fn finish_search(library: &mut Library) -> Duration {
    let started = Instant::now();
    while library.searching() {
        library.search_step();
    }
    started.elapsed()
}

fn show(what: &str, times: &[Duration]) {
    let ms: Vec<String> = times
        .iter()
        .map(|t| format!("{:.1}", t.as_secs_f64() * 1000.0))
        .collect();
    println!("{what}: {} ms", ms.join(" "));
}

fn typed(text: &str) -> Vec<Action> {
    let mut actions = vec![Action::OpenSearch];
    actions.extend(text.chars().map(Action::Input));
    actions
}

fn main() -> ExitCode {
    let Some(root) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: library_figures DIR");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    let (files, _) = find_logs(std::slice::from_ref(&root), WalkOptions::default());
    let bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let read = ReadOptions {
        cache: std::env::var_os(cache::FOLDER_VARIABLE).and_then(|_| cache::Cache::user()),
        ..ReadOptions::default()
    };
    let mut library = Library::new(root.display().to_string());
    let mut first_batch = None;
    // As the player reads them: a small first batch, then larger ones.
    let first = files.len().min(32);
    for batch in std::iter::once(&files[..first]).chain(files[first..].chunks(256)) {
        let (entries, skipped) = read_logs(batch, &read, &|| {});
        let interviews = entries.into_par_iter().map(Interview::new).collect();
        library.add(interviews, skipped);
        first_batch.get_or_insert_with(|| started.elapsed());
    }
    library.finish_reading(Duration::ZERO);
    let read = started.elapsed();
    println!(
        "{} logs, {:.0} MB: first batch {:.0?}, all read {:.2?}",
        library.interviews.len(),
        bytes as f64 / 1e6,
        first_batch.unwrap_or_default(),
        read
    );
    let (peak, resident) = (status_kb("VmHWM:"), status_kb("VmRSS:"));
    println!(
        "memory: peak {} MB, resident {} MB ({:.2}× the logs)",
        peak / 1024,
        resident / 1024,
        (peak * 1024) as f64 / bytes.max(1) as f64
    );
    let mut terminal = match Terminal::new(TestBackend::new(120, 40)) {
        Ok(terminal) => terminal,
        Err(err) => {
            eprintln!("library_figures: {err}");
            return ExitCode::FAILURE;
        }
    };
    let mut view = LibraryView::default();
    let _ = terminal.draw(|frame| draw(frame, &mut library, &mut view));
    show(
        "keys of /bread (a word in every log), typed fast",
        &keys(&mut library, &mut terminal, &mut view, &typed("bread")),
    );
    println!(
        "  ... then every hit found: {:.0?}",
        finish_search(&mut library)
    );
    keys(&mut library, &mut terminal, &mut view, &[Action::Cancel]);
    let mut slow = Vec::new();
    for action in typed("bread") {
        slow.extend(keys(&mut library, &mut terminal, &mut view, &[action]));
        finish_search(&mut library);
    }
    show("keys of /bread, each search finished first", &slow);
    keys(&mut library, &mut terminal, &mut view, &[Action::Cancel]);
    show(
        "keys of /qxv (found nowhere)",
        &keys(&mut library, &mut terminal, &mut view, &typed("qxv")),
    );
    println!(
        "  ... then searched through: {:.0?}",
        finish_search(&mut library)
    );
    keys(&mut library, &mut terminal, &mut view, &[Action::Cancel]);
    let mut role = vec![Action::OpenCommand];
    role.extend("role nurse".chars().map(Action::Input));
    keys(&mut library, &mut terminal, &mut view, &role);
    let enter = keys(&mut library, &mut terminal, &mut view, &[Action::Submit]);
    show(":role nurse, Enter", &enter);
    println!(
        "  ... then every hit found: {:.0?}",
        finish_search(&mut library)
    );
    show(
        "moving down, a page, the end",
        &keys(
            &mut library,
            &mut terminal,
            &mut view,
            &[Action::CursorDown, Action::PageDown, Action::Last],
        ),
    );
    ExitCode::SUCCESS
}
