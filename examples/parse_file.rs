//! Parses a log file and prints what it found, timing the parse: a quick way
//! to measure parsing without criterion. `cargo run --release --example parse_file -- big.txt`

use std::process::ExitCode;
use std::time::Instant;

use soundbite::parse::{ParseOptions, parse_bytes};

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parse_file FILE");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("parse_file: {path}: {err}");
            return ExitCode::from(2);
        }
    };
    let size = bytes.len();
    let started = Instant::now();
    let transcript = parse_bytes(bytes, &path, ParseOptions::default());
    let elapsed = started.elapsed();
    println!(
        "{} segments, {} speakers in {:.1} ms: {:.0} MB/s",
        transcript.segments.len(),
        transcript.speakers.len(),
        elapsed.as_secs_f64() * 1000.0,
        size as f64 / elapsed.as_secs_f64() / 1e6
    );
    ExitCode::SUCCESS
}
