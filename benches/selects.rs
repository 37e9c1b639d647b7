//! Selects and exports. Goals: saving after a change under 5 ms with 1,000
//! selects (the whole sidecar, written atomically and flushed to disk), and
//! every export of a 200,000-segment log within 3× the time of its JSON.

use clap::ValueEnum;
use criterion::{Criterion, criterion_group, criterion_main};
use soundbite::export::{ExportFormat, ExportOptions, Scope, write};
use soundbite::formats::{ParseOptions, parse_str};
use soundbite::generate::footage_log;
use soundbite::selects::Selects;
use soundbite::selects::sidecar::{Saved, Sidecar};

fn save(c: &mut Criterion) {
    let transcript = parse_str(&footage_log(2_000), "bench", ParseOptions::default());
    let mut selects = Selects::default();
    for segment in transcript.segments.iter().step_by(2).take(1_000) {
        selects.toggle(segment);
    }
    for n in 0..selects.len() {
        selects.set_note(n, format!("select {n} for the opening #cold #open"));
    }
    let Ok(dir) = tempfile::tempdir() else { return };
    let opened = Sidecar::open(&dir.path().join("bench.toml"));
    let saved = Saved {
        version: 1,
        log: "bench.txt".into(),
        log_hash: "0-0".into(),
        offset_ms: 0,
        selects: selects.items().to_vec(),
    };
    c.bench_function("save 1000 selects", |b| {
        b.iter(|| opened.sidecar.save(&saved));
    });
}

fn exports(c: &mut Criterion) {
    let transcript = parse_str(&footage_log(200_000), "bench", ParseOptions::default());
    let options = ExportOptions {
        fps: 25,
        offset_ms: 0,
        media: Some("bench.mov".into()),
        drop_frame: false,
    };
    let mut group = c.benchmark_group("export 200k segments");
    group.sample_size(10);
    for &format in ExportFormat::value_variants() {
        group.bench_function(format.extension(), |b| {
            b.iter(|| {
                let mut out = Vec::with_capacity(64 << 20);
                write(format, &transcript, &Scope::All, &options, &mut out).map(|()| out.len())
            });
        });
    }
    group.finish();
}

criterion_group!(benches, save, exports);
criterion_main!(benches);
