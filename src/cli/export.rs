//! `soundbite export`: the log, what a filter keeps, or the selects, in a
//! format for scripts or for the edit.

use std::io;
use std::path::Path;
use std::process::ExitCode;

use super::{EXIT_USAGE, ExportArgs, load, mention_problems, write_stdout};
use crate::export::{ExportOptions, Scope, write, write_file};
use crate::filter::{Filter, Selection};
use crate::formats::ParseOptions;
use crate::index::Index;
use crate::input::InputSource;
use crate::selects::sidecar::{self, Saved};
use crate::selects::{Select, Selects};

pub fn run(args: &ExportArgs, options: ParseOptions) -> Result<ExitCode, u8> {
    let file = args
        .files
        .first()
        .map_or(std::ffi::OsStr::new("-"), |f| f.as_os_str());
    let transcript = load(Some(file), options)?;
    mention_problems(&transcript);
    let source = InputSource::from_arg(Some(file));
    let log = source.path();
    let saved = if args.selects {
        let Some(log) = log else {
            eprintln!("soundbite: --selects needs a log file: the selects are kept per file");
            return Err(EXIT_USAGE);
        };
        Some(read_selects(log, args.sidecar_here)?)
    } else {
        None
    };
    let offset_ms = match args.offset.as_deref() {
        Some(offset) => crate::app::parse_offset(offset, options.fps).map_err(|err| {
            eprintln!("soundbite: --offset: {err}");
            EXIT_USAGE
        })?,
        None => saved.as_ref().map_or(0, |s| s.offset_ms),
    };
    let media = args.media.clone().or_else(|| {
        log.and_then(crate::media::sibling::beside)
            .and_then(|m| m.file_name().map(|n| n.to_string_lossy().into_owned()))
    });
    let export_options = ExportOptions {
        fps: options.fps,
        offset_ms,
        media,
        drop_frame: args.drop_frame,
    };
    let filter = Filter::from(&args.filters);
    let index = Index::new(&transcript);
    let selection = Selection::of(&filter, &transcript, &index);
    let mut selects: Vec<Select> = Vec::new();
    if let Some(saved) = saved {
        let mut found = Selects::new(saved.selects);
        let lost = found.reanchor(&transcript);
        if lost > 0 {
            eprintln!("soundbite: {lost} selects are no longer in the log and are left out");
        }
        selects = found
            .items()
            .iter()
            .filter(|s| {
                s.segment_of(&transcript)
                    .is_some_and(|seg| selection.keeps_segment(seg, &index))
            })
            .cloned()
            .collect();
    }
    let scope = if args.selects {
        Scope::Selects(&selects)
    } else if filter.is_empty() {
        Scope::All
    } else {
        Scope::Kept(&selection, &index)
    };
    match &args.output {
        Some(path) => {
            write_file(path, args.format, &transcript, &scope, &export_options).map_err(|err| {
                let shown = crate::formats::common::sanitize::shown_path(path);
                eprintln!("soundbite: cannot write {shown}: {err}");
                EXIT_USAGE
            })?;
        }
        None => write_stdout(|out| write(args.format, &transcript, &scope, &export_options, out))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The selects saved for `log`, read without taking the player's lock.
fn read_selects(log: &Path, here: bool) -> Result<Saved, u8> {
    let hash = sidecar::content_hash(log).unwrap_or_default();
    let folder = sidecar::data_folder().unwrap_or_default();
    let path = sidecar::locate(log, &hash, here, &folder);
    let shown = crate::formats::common::sanitize::shown_path(&path);
    match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str(&text).map_err(|err| {
            eprintln!("soundbite: {shown}: {}", err.message());
            EXIT_USAGE
        }),
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            eprintln!("soundbite: no selects for this log yet (mark them in the player with m)");
            Ok(Saved::default())
        }
        Err(err) => {
            eprintln!("soundbite: {shown}: {err}");
            Err(EXIT_USAGE)
        }
    }
}
