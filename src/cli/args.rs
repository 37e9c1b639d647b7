//! The command line, as clap reads it.

use std::ffi::OsString;

use clap::{Args, Parser, Subcommand};

use crate::export::ExportFormat;

/// A terminal player for timecoded interview logs.
///
/// With no command, opens FILE (or the bundled sample log) in the player.
#[derive(Debug, Parser)]
#[command(
    name = "soundbite",
    version,
    about,
    subcommand_precedence_over_arg = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub play: PlayArgs,

    /// Frame rate for HH:MM:SS:FF timecodes [default: the config's, else 25].
    #[arg(long, global = true, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub fps: Option<u32>,

    /// The config file to read, instead of `$SOUNDBITE_CONFIG` or the usual place.
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<std::path::PathBuf>,

    /// Read the log as this format instead of detecting it (`soundbite formats` lists them).
    #[arg(long, global = true, value_name = "FORMAT", value_parser = reader_name)]
    pub from: Option<&'static str>,
}

/// A reader's name, as `--from` takes it.
fn reader_name(name: &str) -> Result<&'static str, String> {
    crate::formats::reader_named(name)
        .map(crate::formats::Reader::name)
        .ok_or_else(|| {
            format!(
                "no format called `{name}`; one of: {}",
                crate::formats::reader_names().join(", ")
            )
        })
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open a log in the player (the default command).
    Play(PlayArgs),
    /// Write the log, the segments a filter keeps, or the selects, as JSON
    /// or for the edit (EDL, OTIO, SRT, `WebVTT`, CSV, Markdown).
    Export(ExportArgs),
    /// Report every problem in a log as `FILE:LINE:COL: severity: message`.
    Check {
        /// Exit with status 1 on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// The log to read, or - for stdin; or folders and files, a library.
        #[arg(required = true)]
        files: Vec<OsString>,
        #[command(flatten)]
        library: LibraryArgs,
    },
    /// One line per segment: TIMECODE  KIND  NAME (ROLE)  TEXT.
    List {
        /// The log to read, or - for stdin; or folders and files, a library
        /// (each line then starts with its file).
        #[arg(required = true)]
        files: Vec<OsString>,
        #[command(flatten)]
        library: LibraryArgs,
        #[command(flatten)]
        filters: FilterArgs,
        /// Only segments whose text, name or role contains TEXT (smart case).
        #[arg(long, value_name = "TEXT")]
        grep: Option<String>,
    },
    /// Segments, talk time and words per role and per speaker.
    Stats {
        /// The log to read, or - for stdin; or folders and files, totalled across them.
        #[arg(required = true)]
        files: Vec<OsString>,
        #[command(flatten)]
        library: LibraryArgs,
    },
    /// Show the config file: where it is read from, or the whole default file.
    Config {
        /// Print the default config file, with every setting and key commented.
        #[arg(long, conflicts_with = "path")]
        default: bool,
        /// Print where the config file is read from.
        #[arg(long)]
        path: bool,
    },
    /// List the formats soundbite reads, with an example line of each; with
    /// FILE, how sure each reader is that it fits that file.
    Formats {
        /// A log to test each reader against, or - for stdin.
        file: Option<OsString>,
    },
}

#[derive(Debug, Args, Clone)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
    /// The log to read, or - for stdin; or folders and files (as `jsonl`,
    /// each line with its file).
    #[arg(required = true)]
    pub files: Vec<OsString>,
    #[command(flatten)]
    pub library: LibraryArgs,
    /// The selects marked in the player, in their order (with a filter: those it keeps).
    #[arg(long)]
    pub selects: bool,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Write to FILE (replaced atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// The selects are beside the log (LOG.soundbite.toml).
    #[arg(long)]
    pub sidecar_here: bool,
    /// The media file the clips come from, named in EDL and OTIO [default: one beside the log].
    #[arg(long, value_name = "FILE")]
    pub media: Option<String>,
    /// EDL timecodes in drop frame: with --fps 30 for 29.97, --fps 60 for 59.94.
    #[arg(long)]
    pub drop_frame: bool,
    /// Log time minus media time for EDL and OTIO sources [default: the one saved with the selects].
    #[arg(long, value_name = "TC", allow_hyphen_values = true)]
    pub offset: Option<String>,
}

/// How a folder of logs is read.
#[derive(Debug, Args, Clone)]
pub struct LibraryArgs {
    /// Read hidden files and those .gitignore leaves out too.
    #[arg(long)]
    pub all: bool,
    /// Skip files larger than this many MB.
    #[arg(long, value_name = "MB", default_value_t = 64)]
    pub max_size: u64,
    /// Parse every log, neither using nor filling the cache of logs read
    /// before (in ~/.cache/soundbite/library, or `$SOUNDBITE_CACHE_DIR`).
    #[arg(long)]
    pub no_cache: bool,
}

impl Default for LibraryArgs {
    fn default() -> Self {
        LibraryArgs {
            all: false,
            max_size: crate::library::DEFAULT_MAX_SIZE / (1024 * 1024),
            no_cache: false,
        }
    }
}

#[derive(Debug, Args, Clone, Default)]
pub struct FilterArgs {
    /// Only speakers whose role contains ROLE (repeatable; any case).
    #[arg(long, value_name = "ROLE")]
    pub role: Vec<String>,
    /// Only speakers whose name or role contains NAME (repeatable; any case).
    #[arg(long, value_name = "NAME")]
    pub speaker: Vec<String>,
}

#[derive(Debug, Args, Clone, Default)]
pub struct PlayArgs {
    /// The log to open, or - for stdin; the bundled sample when left out.
    /// A folder, or several logs, open as a library.
    #[arg(value_name = "FILE")]
    pub files: Vec<OsString>,
    #[command(flatten)]
    pub library: LibraryArgs,
    /// Start with the playhead at this timecode.
    #[arg(long, value_name = "TIMECODE")]
    pub at: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Start with this search.
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Start playing at once.
    #[arg(long)]
    pub play: bool,
    /// Keep this log's selects beside it (LOG.soundbite.toml) rather than in the data folder.
    #[arg(long)]
    pub sidecar_here: bool,
    #[command(flatten)]
    pub media: MediaArgs,
}

/// Real media, played by mpv in step with the transcript.
#[derive(Debug, Args, Clone, Default)]
pub struct MediaArgs {
    /// Play this media file in mpv; the transcript follows it. Without it, a
    /// file beside the log with the same name (.mp4, .mov, .wav, …) is offered.
    #[arg(long, value_name = "FILE", conflicts_with = "mpv_socket")]
    pub media: Option<std::path::PathBuf>,
    /// Follow an mpv already running with --input-ipc-server=PATH (never closed on quit).
    #[arg(long, value_name = "PATH")]
    pub mpv_socket: Option<std::path::PathBuf>,
    /// Log time minus media time: 10:00:00:00 when the log counts from ten hours
    /// and the file from zero; -TC for the other way [default: as last saved for this log].
    #[arg(long, value_name = "TC", allow_hyphen_values = true)]
    pub offset: Option<String>,
    /// The mpv to run.
    #[arg(long, value_name = "PATH", default_value = "mpv")]
    pub mpv: std::path::PathBuf,
    /// Sound only: no video window (the default over SSH or with no display).
    #[arg(long)]
    pub no_video: bool,
    /// One more argument for mpv (repeatable), such as --mpv-arg=--ao=null.
    #[arg(long, value_name = "ARG", allow_hyphen_values = true)]
    pub mpv_arg: Vec<String>,
}
