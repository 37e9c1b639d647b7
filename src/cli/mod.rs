//! The `soundbite` command: parses arguments and runs one command.
//!
//! Exit status: 0 when all went well, 1 when `check` found problems, 2 for a
//! usage error or input that cannot be read.

mod args;
mod export;
mod library;
mod report;

use std::ffi::{OsStr, OsString};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

use crate::media::mpv::MpvOptions;
use crate::session::Session;
pub use args::{Cli, Command, ExportArgs, FilterArgs, LibraryArgs, MediaArgs, PlayArgs};
pub use report::summary;

use crate::app::{App, StartOptions};
use crate::config::Config;
use crate::filter::Filter;
use crate::formats::ParseOptions;
use crate::input::InputSource;
use crate::model::{Severity, Transcript};
use crate::search::Query;

/// Exit status when `check` finds problems.
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit status for usage errors and unreadable input.
pub const EXIT_USAGE: u8 = 2;

impl From<&FilterArgs> for Filter {
    fn from(args: &FilterArgs) -> Self {
        Filter {
            roles: args.role.clone(),
            speakers: args.speaker.clone(),
        }
    }
}

/// Runs the command line and gives the process exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let (config, config_problem) = load_config(cli.config.as_deref());
    let options = ParseOptions {
        fps: cli.fps.unwrap_or(config.player.fps),
        from: cli.from,
    };
    let in_player = matches!(cli.command, None | Some(Command::Play(_)));
    if let (false, Some(problem)) = (in_player, &config_problem) {
        eprintln!("soundbite: {problem}");
    }
    let result = match cli.command {
        None => play(&cli.play, options, &config, config_problem),
        Some(Command::Play(args)) => play(&args, options, &config, config_problem),
        Some(Command::Config { default, path }) => {
            show_config(cli.config.as_deref(), default, path)
        }
        Some(Command::Export(args)) => match as_library(&args.files) {
            Some(roots) => library::export(&roots, &args, options),
            None => export::run(&args, options),
        },
        Some(Command::Check {
            deny_warnings,
            files,
            library: walk,
        }) => match as_library(&files) {
            Some(roots) => library::check(&roots, &walk, options, deny_warnings),
            None => check(&files[0], options, deny_warnings),
        },
        Some(Command::List {
            files,
            library: walk,
            filters,
            grep,
        }) => {
            let query = match grep.as_deref().map(Query::new).transpose() {
                Ok(query) => query.flatten(),
                Err(err) => {
                    eprintln!("soundbite: --grep: {err}");
                    return ExitCode::from(EXIT_USAGE);
                }
            };
            let filter = Filter::from(&filters);
            match as_library(&files) {
                Some(roots) => library::list(&roots, &walk, options, &filter, query.as_ref()),
                None => with_log(&files[0], options, |t, out| {
                    report::list(t, &filter, query.as_ref(), "", out)
                }),
            }
        }
        Some(Command::Stats {
            files,
            library: walk,
        }) => match as_library(&files) {
            Some(roots) => library::stats(&roots, &walk, options),
            None => stats(&files[0], options),
        },
        Some(Command::Formats { file }) => formats(file.as_deref()),
    };
    result.unwrap_or_else(ExitCode::from)
}

/// The folders and files named, when they make a library: more than one,
/// or a folder.
fn as_library(files: &[std::ffi::OsString]) -> Option<Vec<std::path::PathBuf>> {
    let library = files.len() > 1 || files.first().is_some_and(|f| Path::new(f).is_dir());
    library.then(|| files.iter().map(std::path::PathBuf::from).collect())
}

/// The user's config, or the defaults and why the file could not be used.
/// A missing file in the usual place is no problem; one named by
/// `--config` or `$SOUNDBITE_CONFIG` is.
fn load_config(explicit: Option<&Path>) -> (Config, Option<String>) {
    let named =
        explicit.is_some() || std::env::var_os("SOUNDBITE_CONFIG").is_some_and(|p| !p.is_empty());
    let Some(path) = crate::config::path(explicit) else {
        return (Config::default(), None);
    };
    let shown = crate::formats::common::sanitize::shown_path(&path);
    match std::fs::read_to_string(&path) {
        Ok(text) => match crate::config::parse(&text, &shown) {
            Ok(config) => (config, None),
            Err(err) => (
                Config::default(),
                Some(format!("config: {err}; using the defaults")),
            ),
        },
        Err(err) if err.kind() == io::ErrorKind::NotFound && !named => (Config::default(), None),
        Err(err) => (
            Config::default(),
            Some(format!("config: {shown}: {err}; using the defaults")),
        ),
    }
}

/// `soundbite config`: where the file is read from, or the default file.
fn show_config(explicit: Option<&Path>, default: bool, path: bool) -> Result<ExitCode, u8> {
    write_stdout(|out| {
        if default || !path {
            out.write_all(crate::config::default_file().as_bytes())?;
        }
        if path {
            match crate::config::path(explicit) {
                Some(path) => writeln!(out, "{}", path.display())?,
                None => writeln!(out, "(no config folder on this system)")?,
            }
        }
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Loads a log, or prints why it cannot be read and gives status 2.
pub(crate) fn load(file: Option<&OsStr>, options: ParseOptions) -> Result<Transcript, u8> {
    let (source, bytes) = read_input(file)?;
    Ok(crate::formats::parse_bytes(
        bytes,
        &source.display_name(),
        options,
    ))
}

/// Reads a log's bytes, or prints why it cannot be read and gives status 2.
pub(crate) fn read_input(file: Option<&OsStr>) -> Result<(InputSource, Vec<u8>), u8> {
    let source = InputSource::from_arg(file);
    match source.read() {
        Ok(bytes) => Ok((source, bytes)),
        Err(err) => {
            eprintln!("soundbite: {err}");
            Err(EXIT_USAGE)
        }
    }
}

/// Writes to stdout through a buffer; a closed pipe (`| head`) is not an error.
pub(crate) fn write_stdout(
    write: impl FnOnce(&mut BufWriter<io::StdoutLock>) -> io::Result<()>,
) -> Result<(), u8> {
    let mut out = BufWriter::new(io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(err) => {
            eprintln!("soundbite: cannot write output: {err}");
            Err(EXIT_USAGE)
        }
    }
}

/// A note on stderr when a log had problems that the command does not show.
pub(crate) fn mention_problems(transcript: &Transcript) {
    let source = &transcript.source;
    let (errors, warnings) = (
        transcript.count(Severity::Error),
        transcript.count(Severity::Warning),
    );
    if errors + warnings > 0 {
        eprintln!(
            "soundbite: {source}: {}, {} (see `soundbite check`)",
            crate::model::plural(errors, "error"),
            crate::model::plural(warnings, "warning")
        );
    }
}

fn with_log(
    file: &OsStr,
    options: ParseOptions,
    write: impl FnOnce(&Transcript, &mut BufWriter<io::StdoutLock>) -> io::Result<()>,
) -> Result<ExitCode, u8> {
    let transcript = load(Some(file), options)?;
    mention_problems(&transcript);
    write_stdout(|out| write(&transcript, out))?;
    Ok(ExitCode::SUCCESS)
}

fn stats(file: &OsStr, options: ParseOptions) -> Result<ExitCode, u8> {
    with_log(file, options, |transcript, out| {
        report::stats(transcript, out)
    })
}

/// `soundbite formats`: each reader's name, what it reads, and a made-up
/// line of it; for a file, how sure each reader is, the one chosen first.
fn formats(file: Option<&OsStr>) -> Result<ExitCode, u8> {
    let Some(file) = file else {
        write_stdout(|out| {
            for reader in crate::formats::READERS {
                writeln!(out, "{:<14} {}", reader.name(), reader.about().description)?;
                writeln!(out, "{:<14}   e.g. {}", "", reader.about().example)?;
            }
            Ok(())
        })?;
        return Ok(ExitCode::SUCCESS);
    };
    let (source, bytes) = read_input(Some(file))?;
    let name = source.display_name();
    let decoded = crate::formats::common::source::decode(bytes);
    let extension = crate::formats::extension_of(&name);
    let mut sure = crate::formats::confidences(decoded.text.as_str(), extension.as_deref());
    sure.sort_by_key(|(_, confidence)| std::cmp::Reverse(*confidence));
    write_stdout(|out| {
        for (reader, confidence) in &sure {
            writeln!(out, "{confidence:>4}%  {}", reader.name())?;
        }
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

fn check(file: &OsStr, options: ParseOptions, deny_warnings: bool) -> Result<ExitCode, u8> {
    let transcript = load(Some(file), options)?;
    write_stdout(|out| report::check(&transcript, out))?;
    let failed =
        transcript.has_errors() || (deny_warnings && transcript.count(Severity::Warning) > 0);
    Ok(if failed {
        ExitCode::from(EXIT_PROBLEMS)
    } else {
        ExitCode::SUCCESS
    })
}

fn play(
    args: &PlayArgs,
    options: ParseOptions,
    config: &Config,
    config_problem: Option<String>,
) -> Result<ExitCode, u8> {
    let clock = std::time::Instant::now();
    let at = match args
        .at
        .as_deref()
        .map(|at| crate::formats::parse_timecode(at, options.fps))
    {
        Some(Err(err)) => {
            eprintln!("soundbite: --at: {err}");
            return Err(EXIT_USAGE);
        }
        Some(Ok(at)) => Some(at),
        None => None,
    };
    let offset = match args
        .media
        .offset
        .as_deref()
        .map(|o| crate::app::parse_offset(o, options.fps))
    {
        Some(Err(err)) => {
            eprintln!("soundbite: --offset: {err}");
            return Err(EXIT_USAGE);
        }
        Some(Ok(offset)) => Some(offset),
        None => None,
    };
    if std::env::var_os("TERM").is_some_and(|term| term == "dumb") && io::stdout().is_terminal() {
        eprintln!(
            "soundbite: the player needs a terminal that can draw a full screen, and TERM=dumb says \
             this one cannot; `soundbite list FILE` prints the transcript instead"
        );
        return Err(EXIT_USAGE);
    }
    if let Some(roots) = as_library(&args.files) {
        return library::play(roots, args, options, config, config_problem, clock);
    }
    if !io::stdout().is_terminal() {
        // Not a terminal: say what would be played instead of drawing a screen.
        let (source, bytes) = read_input(args.files.first().map(OsString::as_os_str))?;
        let transcript = crate::formats::parse_bytes(bytes, &source.display_name(), options);
        write_stdout(|out| writeln!(out, "{}", summary(&transcript)))?;
        return Ok(ExitCode::SUCCESS);
    }
    let source = InputSource::from_arg(args.files.first().map(OsString::as_os_str));
    let (transcript, loading) = match crate::tui::open(&source, options) {
        Ok(opened) => opened,
        Err(err) => {
            eprintln!("soundbite: {err}");
            return Err(EXIT_USAGE);
        }
    };
    let start = StartOptions {
        at,
        filter: Filter::from(&args.filters),
        search: args.search.clone(),
        segment: None,
        play: args.play,
    };
    let mut app = App::new(transcript, start, clock.elapsed());
    crate::ui::theme::set_colours(config.colours.clone());
    let now = clock.elapsed();
    configure(&mut app, config, options.fps, now);
    if let Some(problem) = config_problem {
        app.show_error(problem, now);
    }
    if loading.is_some() {
        app.begin_loading();
    }
    let session = start_media(
        app,
        &args.media,
        args.sidecar_here,
        source.path(),
        offset,
        clock.elapsed(),
    );
    if let Err(err) = crate::tui::run(session, loading, clock, config.player.mouse) {
        crate::tui::restore();
        eprintln!("soundbite: terminal error: {err}");
        return Err(EXIT_USAGE);
    }
    Ok(ExitCode::SUCCESS)
}

/// The player as the user's config and the command line set it up.
pub(crate) fn configure(app: &mut App, config: &Config, fps: u32, now: std::time::Duration) {
    app.fps = fps;
    app.keymap = config.keymap.clone();
    app.follow = config.player.follow;
    app.play_questions = config.player.play_questions;
    app.set_speed(crate::config::speed_percent(config.player.speed), now);
}

/// How mpv is started, from the command line.
pub(crate) fn mpv_options(args: &MediaArgs) -> MpvOptions {
    MpvOptions {
        binary: args.mpv.clone(),
        video: !args.no_video && crate::media::mpv::has_display(),
        extra_args: args.mpv_arg.clone(),
    }
}

/// The session the player runs: the clock, or mpv on `--media` or
/// `--mpv-socket`; media found beside the log is offered.
pub(crate) fn start_media(
    mut app: App,
    args: &MediaArgs,
    sidecar_here: bool,
    log: Option<&std::path::Path>,
    offset: Option<i64>,
    now: std::time::Duration,
) -> Session {
    let beside = log.and_then(crate::media::sibling::beside);
    if args.media.is_none() && args.mpv_socket.is_none() {
        // Offered in the status line until opened.
        app.media_offer = beside;
    }
    let mut session = Session::new(app, mpv_options(args), now);
    match (log, crate::selects::sidecar::data_folder()) {
        (Some(log), Some(folder)) => {
            session.open_sidecar(log, &folder, sidecar_here, offset, now);
        }
        _ => {
            if let Some(offset) = offset {
                session.start_offset(offset, now);
            }
        }
    }
    if let Some(media) = &args.media {
        session.open_media(media, now);
    } else if let Some(socket) = &args.mpv_socket {
        session.attach(socket, now);
    }
    session
}
