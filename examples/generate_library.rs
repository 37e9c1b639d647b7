//! Writes a generated library of logs in mixed formats (footage logs, SRT
//! and `WebVTT`), in folders of 100:
//! `cargo run --release --example generate_library -- 10000 library/`.

use std::path::PathBuf;
use std::process::ExitCode;

use soundbite::export::{ExportFormat, ExportOptions, Scope, write};
use soundbite::formats::{ParseOptions, parse_str};
use soundbite::generate::footage_log_seeded;

/// Segments per log: about 20 KB each.
const SEGMENTS: usize = 70;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let logs: u64 = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let root = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "generated-library".to_owned()),
    );
    let mut bytes = 0;
    for n in 0..logs {
        let folder = root.join(format!("batch-{:03}", n / 100));
        let log = footage_log_seeded(SEGMENTS, n + 1);
        let (name, text) = match n % 3 {
            0 => (format!("interview-{n:05}.txt"), log),
            other => {
                let format = if other == 1 {
                    ExportFormat::Srt
                } else {
                    ExportFormat::Vtt
                };
                let transcript = parse_str(&log, "generated", ParseOptions::default());
                let mut out = Vec::new();
                let options = ExportOptions {
                    fps: 25,
                    ..ExportOptions::default()
                };
                if write(format, &transcript, &Scope::All, &options, &mut out).is_err() {
                    return ExitCode::from(2);
                }
                let name = format!("interview-{n:05}.{}", format.extension());
                (name, String::from_utf8_lossy(&out).into_owned())
            }
        };
        bytes += text.len();
        let written =
            std::fs::create_dir_all(&folder).and_then(|()| std::fs::write(folder.join(name), text));
        if let Err(err) = written {
            eprintln!("generate_library: {}: {err}", folder.display());
            return ExitCode::from(2);
        }
    }
    println!("{}: {logs} logs, {bytes} bytes", root.display());
    ExitCode::SUCCESS
}
