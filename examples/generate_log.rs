//! Writes a generated footage log: `cargo run --release --example generate_log -- 200000 big.txt`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let segments = args.next().and_then(|n| n.parse().ok()).unwrap_or(200_000);
    let path = args
        .next()
        .unwrap_or_else(|| "generated-log.txt".to_owned());
    let log = soundbite::generate::footage_log(segments);
    match std::fs::write(&path, &log) {
        Ok(()) => {
            println!("{path}: {segments} segments, {} bytes", log.len());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("generate_log: cannot write {path}: {err}");
            ExitCode::from(2)
        }
    }
}
