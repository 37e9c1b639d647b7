//! Parsing speed on generated logs. Goal: 500 MB/s or more for parse + index
//! on a 200,000-segment (about 55 MB) log.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use soundbite::formats::{ParseOptions, parse_bytes};
use soundbite::generate::footage_log;
use soundbite::index::Index;

fn parse_and_index(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    group.sample_size(10);
    for segments in [2_000, 200_000] {
        let log = footage_log(segments);
        group.throughput(Throughput::Bytes(log.len() as u64));
        group.bench_function(format!("parse+index {segments} segments"), |b| {
            b.iter_batched(
                || log.as_bytes().to_vec(),
                |bytes| {
                    let transcript = parse_bytes(bytes, "bench", ParseOptions::default());
                    let index = Index::new(&transcript);
                    (transcript, index)
                },
                criterion::BatchSize::PerIteration,
            );
        });
    }
    group.finish();
}

criterion_group!(benches, parse_and_index);
criterion_main!(benches);
