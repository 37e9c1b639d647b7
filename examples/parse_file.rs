//! Parses a log file and prints what it found, timing the parse: a quick way
//! to measure parsing without criterion.
//! `cargo run --release --example parse_file -- big.txt [RUNS]` prints the
//! fastest and the median of RUNS parses (default 1).

use std::process::ExitCode;
use std::time::{Duration, Instant};

use soundbite::formats::{ParseOptions, parse_bytes};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: parse_file FILE [RUNS]");
        return ExitCode::from(2);
    };
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1).max(1);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("parse_file: {path}: {err}");
            return ExitCode::from(2);
        }
    };
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    let mut found = String::new();
    for _ in 0..runs {
        let input = bytes.clone();
        let started = Instant::now();
        let transcript = parse_bytes(input, &path, ParseOptions::default());
        times.push(started.elapsed());
        found = format!(
            "{} segments, {} speakers",
            transcript.segments.len(),
            transcript.speakers.len()
        );
    }
    times.sort();
    let rate = |time: Duration| bytes.len() as f64 / time.as_secs_f64() / 1e6;
    let (fastest, median) = (times[0], times[runs / 2]);
    println!(
        "{found}: fastest {:.1} ms ({:.0} MB/s), median {:.1} ms ({:.0} MB/s) of {runs}",
        fastest.as_secs_f64() * 1000.0,
        rate(fastest),
        median.as_secs_f64() * 1000.0,
        rate(median),
    );
    ExitCode::SUCCESS
}
