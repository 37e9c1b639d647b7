//! Reading speed on generated footage logs. Goals: at least 250 MB/s on one
//! thread for the 200,000-segment (about 55 MB) log, and a 2 MB log (8,000
//! segments, the size of a long oral history) read in under 10 ms.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use soundbite::formats::{ParseOptions, parse_bytes};
use soundbite::generate::footage_log;
use soundbite::index::Index;

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    group.sample_size(10);
    for segments in [8_000, 200_000] {
        let log = footage_log(segments);
        group.throughput(Throughput::Bytes(log.len() as u64));
        group.bench_function(format!("parse {segments} segments"), |b| {
            b.iter_batched(
                || log.as_bytes().to_vec(),
                |bytes| parse_bytes(bytes, "bench", ParseOptions::default()),
                criterion::BatchSize::PerIteration,
            );
        });
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

criterion_group!(benches, parse);
criterion_main!(benches);
