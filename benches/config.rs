//! Reading the config file and building the keymap: goal under 1 ms, for the
//! whole default file (every setting and key).

use criterion::{Criterion, criterion_group, criterion_main};
use soundbite::config::{default_file, parse};

fn config(c: &mut Criterion) {
    let text = default_file();
    c.bench_function("config: read the default file and build the keymap", |b| {
        b.iter(|| parse(&text, "config.toml"));
    });
}

criterion_group!(benches, config);
criterion_main!(benches);
