//! The commands on a library: folders and files read together, each line
//! or row saying which log it is from. Skipped files are named on stderr,
//! one line each; they never stop the rest.

use std::collections::HashMap;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use rayon::prelude::*;

use super::{EXIT_PROBLEMS, EXIT_USAGE, ExportArgs, LibraryArgs, PlayArgs, report, write_stdout};
use crate::app::{App, StartOptions};
use crate::catalog::Library;
use crate::catalog::hits::Ask;
use crate::config::Config;
use crate::export::{ExportFormat, Scope, clips, write_jsonl_with_source};
use crate::filter::{Filter, Selection};
use crate::formats::ParseOptions;
use crate::index::Index;
use crate::library::cache::Cache;
use crate::library::{
    Entry, ReadOptions, Skipped, WalkOptions, find_logs, needle_for, read_logs_holding,
};
use crate::model::Severity;
use crate::search::Query;
use crate::session::{Inbox, Session};
use crate::stats::Tally;

/// Files at which reading shows a progress bar (on a terminal).
const PROGRESS_FROM: usize = 50;

/// Files read and parsed together: a library is never held whole, so its
/// memory stays that of one batch.
const BATCH: usize = 256;

/// What a walk through the library found.
struct Walked {
    logs: usize,
    passed_over: usize,
}

fn walk_options(walk: &LibraryArgs) -> WalkOptions {
    WalkOptions { all: walk.all }
}

/// How the library's logs are read: with the cache, unless told not to.
fn read_options(walk: &LibraryArgs, parse: ParseOptions) -> ReadOptions {
    ReadOptions {
        parse,
        cache: if walk.no_cache { None } else { Cache::user() },
        max_size: walk.max_size.saturating_mul(1024 * 1024),
    }
}

/// The player on a library: the view of every interview, filled in as the
/// files are read behind it; Enter opens one in the player.
pub fn play(
    roots: Vec<PathBuf>,
    args: &PlayArgs,
    options: ParseOptions,
    config: &Config,
    config_problem: Option<String>,
    clock: std::time::Instant,
) -> Result<ExitCode, u8> {
    if roots.iter().any(|r| r.as_os_str() == "-") {
        eprintln!("soundbite: - (stdin) cannot be part of a library; name files and folders");
        return Err(EXIT_USAGE);
    }
    let walk = walk_options(&args.library);
    let name = roots
        .iter()
        .map(|root| crate::formats::common::sanitize::shown_path(root))
        .collect::<Vec<_>>()
        .join(", ");
    if !io::stdout().is_terminal() {
        // Not a terminal: say what would be opened instead of drawing a screen.
        let (files, skipped) = find_logs(&roots, walk);
        write_stdout(|out| {
            writeln!(
                out,
                "{name}: a library of {} to read ({} skipped); `soundbite list` prints them",
                crate::model::plural(files.len(), "file"),
                skipped.len()
            )
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    crate::ui::theme::set_colours(config.colours.clone());
    let now = clock.elapsed();
    let mut library = Library::new(name);
    library.keymap = config.keymap.clone();
    let query = match args.search.as_deref().map(Query::new).transpose() {
        Ok(query) => query.flatten(),
        Err(err) => {
            eprintln!("soundbite: --search: {err}");
            return Err(EXIT_USAGE);
        }
    };
    library.set_ask(Ask {
        query,
        filter: Filter::from(&args.filters),
    });
    if let Some(problem) = config_problem {
        library.show_error(problem, now);
    }
    let mpv = super::mpv_options(&args.media);
    let data_folder = crate::selects::sidecar::data_folder();
    let mut open = |path: &std::path::Path,
                    transcript: crate::model::Transcript,
                    segment: Option<usize>,
                    ask: &Ask,
                    inbox: Inbox,
                    now: std::time::Duration| {
        let start = StartOptions {
            at: None,
            filter: ask.filter.clone(),
            search: ask.query.as_ref().map(|q| q.text().to_owned()),
            segment,
            play: false,
        };
        let mut app = App::new(transcript, start, now);
        super::configure(&mut app, config, options.fps, now);
        app.in_library = true;
        app.media_offer = crate::media::sibling::beside(path);
        let mut session = Session::with_inbox(app, mpv.clone(), inbox, now);
        if let Some(folder) = &data_folder {
            session.open_sidecar(path, folder, args.sidecar_here, None, now);
        }
        session
    };
    let shelves = crate::tui::Shelves {
        roots,
        walk,
        read: read_options(&args.library, options),
    };
    if let Err(err) =
        crate::tui::run_library(&shelves, library, &mut open, clock, config.player.mouse)
    {
        crate::tui::restore();
        eprintln!("soundbite: terminal error: {err}");
        return Err(EXIT_USAGE);
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads every log under `roots` that could hold `needle` (a search's
/// word: the rest are not parsed), a batch at a time on every core, and
/// hands each batch to `visit` in order; says on stderr what was skipped.
fn each_batch(
    roots: &[PathBuf],
    walk: &LibraryArgs,
    options: ParseOptions,
    needle: Option<&regex::bytes::Regex>,
    mut visit: impl FnMut(&[Entry]) -> io::Result<()>,
) -> io::Result<Walked> {
    let (files, skipped) = find_logs(roots, walk_options(walk));
    let read = read_options(walk, options);
    let bar = (files.len() >= PROGRESS_FROM && io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(files.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("reading {pos}/{len} logs {wide_bar} {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let mut unread = Vec::new();
    let mut walked = Walked {
        logs: 0,
        passed_over: 0,
    };
    let mut with_problems = 0;
    // The next batch is read while this one is written: reading takes
    // every core, and writing one.
    let visited = std::thread::scope(|scope| -> io::Result<()> {
        let (send, batches) = std::sync::mpsc::sync_channel(1);
        let bar = bar.as_ref();
        let (files, read) = (&files, &read);
        scope.spawn(move || {
            for batch in files.chunks(BATCH) {
                let read = read_logs_holding(batch, read, needle, &|| {
                    if let Some(bar) = bar {
                        bar.inc(1);
                    }
                });
                // The writer stopped (an error): so does reading.
                if send.send(read).is_err() {
                    return;
                }
            }
        });
        for (entries, skipped, passed_over) in batches {
            walked.logs += entries.len();
            walked.passed_over += passed_over;
            with_problems += entries
                .iter()
                .filter(|e| !e.transcript.diagnostics.is_empty())
                .count();
            unread.extend(skipped);
            visit(&entries)?;
            // Freed on a worker, while the next batch is written.
            rayon::spawn(move || drop(entries));
        }
        Ok(())
    });
    visited?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    for skip in skipped.iter().chain(&unread) {
        say_skipped(skip);
    }
    if with_problems > 0 {
        eprintln!(
            "soundbite: {with_problems} of {} logs have problems (soundbite check lists them)",
            walked.logs
        );
    }
    Ok(walked)
}

/// Runs `command` over the library, writing to stdout; a library with no
/// logs at all is a usage error.
fn over_library(
    roots: &[PathBuf],
    walk: &LibraryArgs,
    options: ParseOptions,
    needle: Option<&regex::bytes::Regex>,
    mut visit: impl FnMut(&[Entry], &mut dyn Write) -> io::Result<()>,
) -> Result<Walked, u8> {
    if roots.iter().any(|r| r.as_os_str() == "-") {
        eprintln!("soundbite: - (stdin) cannot be part of a library; name files and folders");
        return Err(EXIT_USAGE);
    }
    let mut walked = None;
    let mut wrote = false;
    write_stdout(|out| {
        walked = Some(each_batch(roots, walk, options, needle, |entries| {
            wrote = true;
            visit(entries, out)
        })?);
        Ok(())
    })?;
    match walked {
        Some(walked) if walked.logs + walked.passed_over > 0 => Ok(walked),
        // The reader of the output closed it (`| head`): logs were found.
        None if wrote => Ok(Walked {
            logs: 0,
            passed_over: 0,
        }),
        _ => {
            eprintln!("soundbite: no logs found to read");
            Err(EXIT_USAGE)
        }
    }
}

fn say_skipped(skip: &Skipped) {
    eprintln!(
        "soundbite: {}: skipped: {}",
        crate::formats::common::sanitize::shown_path(&skip.path),
        skip.why
    );
}

/// `FILE:TIMECODE  KIND  NAME (ROLE)  TEXT` for every log.
pub fn list(
    roots: &[PathBuf],
    walk: &LibraryArgs,
    options: ParseOptions,
    filter: &Filter,
    query: Option<&Query>,
) -> Result<ExitCode, u8> {
    let needle = query.and_then(|q| needle_for(q.text()));
    over_library(roots, walk, options, needle.as_ref(), |entries, out| {
        // Each log's lines are made on every core; they are written in order.
        let lines: Vec<io::Result<Vec<u8>>> = entries
            .par_iter()
            .map(|entry| {
                let prefix = format!("{}:", entry.transcript.source);
                // Room for every segment: growing the buffer copies it over and over.
                let segments = &entry.transcript.segments;
                let room = segments.iter().map(|s| s.text.len()).sum::<usize>()
                    + segments.len() * (prefix.len() + 64);
                let mut lines = Vec::with_capacity(room);
                report::list(&entry.transcript, filter, query, &prefix, &mut lines)?;
                Ok(lines)
            })
            .collect();
        for log in lines {
            out.write_all(&log?)?;
        }
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Every log checked; status 1 when any has errors (or warnings, denied).
pub fn check(
    roots: &[PathBuf],
    walk: &LibraryArgs,
    options: ParseOptions,
    deny_warnings: bool,
) -> Result<ExitCode, u8> {
    let (mut errors, mut warnings) = (0, 0);
    let walked = over_library(roots, walk, options, None, |entries, mut out| {
        for entry in entries {
            errors += entry.transcript.count(Severity::Error);
            warnings += entry.transcript.count(Severity::Warning);
            report::check(&entry.transcript, &mut out)?;
        }
        Ok(())
    })?;
    write_stdout(|out| {
        writeln!(
            out,
            "{} logs: {errors} errors, {warnings} warnings",
            walked.logs
        )
    })?;
    let failed = errors > 0 || (deny_warnings && warnings > 0);
    Ok(if failed {
        ExitCode::from(EXIT_PROBLEMS)
    } else {
        ExitCode::SUCCESS
    })
}

/// One role across the library.
#[derive(Default)]
struct RoleAcross {
    name: String,
    tally: Tally,
    interviews: usize,
}

/// Per role across every log (roles match in any case): segments, talk
/// time, words, and in how many interviews it speaks; then the totals.
pub fn stats(roots: &[PathBuf], walk: &LibraryArgs, options: ParseOptions) -> Result<ExitCode, u8> {
    let mut order: Vec<String> = Vec::new();
    let mut roles: HashMap<String, RoleAcross> = HashMap::new();
    let mut total = Tally::default();
    let walked = over_library(roots, walk, options, None, |entries, _| {
        for entry in entries {
            let stats = crate::stats::compute(&entry.transcript);
            total.merge(&stats.total);
            for role in &stats.roles {
                let name = role.role.clone().unwrap_or_else(|| "(no role)".to_owned());
                let across = roles.entry(name.to_lowercase()).or_insert_with(|| {
                    order.push(name.to_lowercase());
                    RoleAcross {
                        name: name.clone(),
                        ..RoleAcross::default()
                    }
                });
                across.tally.merge(&role.tally);
                across.interviews += 1;
            }
        }
        Ok(())
    })?;
    write_stdout(|out| {
        writeln!(
            out,
            "{:<40} {:>8} {:>10} {:>8} {:>10}",
            "ROLE", "SEGMENTS", "TALK TIME", "WORDS", "INTERVIEWS"
        )?;
        for key in &order {
            if let Some(role) = roles.get(key) {
                row(out, &role.name, &role.tally, role.interviews)?;
            }
        }
        row(out, "TOTAL", &total, walked.logs)
    })?;
    Ok(ExitCode::SUCCESS)
}

fn row(out: &mut impl Write, label: &str, tally: &Tally, interviews: usize) -> io::Result<()> {
    writeln!(
        out,
        "{label:<40} {:>8} {:>10} {:>8} {:>10}",
        tally.segments,
        crate::stats::format_duration(tally.talk_ms),
        tally.words,
        interviews
    )
}

/// One JSON line per segment (kept by the filters), each with its log.
pub fn export(roots: &[PathBuf], args: &ExportArgs, options: ParseOptions) -> Result<ExitCode, u8> {
    if args.format != ExportFormat::Jsonl || args.selects || args.output.is_some() {
        eprintln!(
            "soundbite: a library exports as --format jsonl to stdout, one line per segment with its file"
        );
        return Err(EXIT_USAGE);
    }
    let filter = Filter::from(&args.filters);
    over_library(roots, &args.library, options, None, |entries, mut out| {
        for entry in entries {
            let index = Index::new(&entry.transcript);
            let selection = Selection::of(&filter, &entry.transcript, &index);
            let scope = Scope::Kept(&selection, &index);
            let clips = clips(&entry.transcript, &scope);
            write_jsonl_with_source(&entry.transcript, &clips, &mut out)?;
        }
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
