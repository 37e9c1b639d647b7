//! Keystroke to frame on a 200,000-segment log at 120×40: each must stay
//! within 16 ms (update + render).

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use soundbite::app::{Action, App, StartOptions, update};
use soundbite::formats::{ParseOptions, parse_str};
use soundbite::generate::footage_log;
use soundbite::ui::{View, draw};

const SEGMENTS: usize = 200_000;

struct Bench {
    app: App,
    view: View,
    terminal: Terminal<TestBackend>,
}

impl Bench {
    fn new() -> Bench {
        let transcript = parse_str(&footage_log(SEGMENTS), "bench", ParseOptions::default());
        let app = App::new(transcript, StartOptions::default(), Duration::ZERO);
        let terminal = Terminal::new(TestBackend::new(120, 40)).unwrap_or_else(|e| panic!("{e}"));
        let mut bench = Bench {
            app,
            view: View::default(),
            terminal,
        };
        bench.frame();
        bench
    }

    fn frame(&mut self) {
        let (app, view) = (&self.app, &mut self.view);
        let _ = self
            .terminal
            .draw(|frame| draw(frame, app, view, Duration::ZERO));
        self.app.page_rows = self.view.rows_shown.max(1);
    }

    fn press(&mut self, actions: &[Action]) {
        for action in actions {
            update(&mut self.app, *action, Duration::ZERO);
        }
        self.frame();
    }
}

fn keystrokes(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke to frame, 200k segments, 120x40");
    group.sample_size(20);
    let mut bench = Bench::new();

    group.bench_function("page down", |b| b.iter(|| bench.press(&[Action::PageDown])));
    group.bench_function("jump to last and first", |b| {
        b.iter(|| bench.press(&[Action::Last, Action::First]));
    });

    // Search and filter keys, each timed alone: the keys that set them up
    // (and undo them) happen outside the timing.
    let mut timed_key = |name: &str, before: &[Action], key: Action, after: &[Action]| {
        group.bench_function(name, |b| {
            b.iter_custom(|iterations| {
                let mut total = Duration::ZERO;
                for _ in 0..iterations {
                    bench.press(before);
                    let started = Instant::now();
                    bench.press(&[key]);
                    total += started.elapsed();
                    bench.press(after);
                }
                total
            });
        });
    };
    let river: Vec<Action> = std::iter::once(Action::OpenSearch)
        .chain("rive".chars().map(Action::Input))
        .collect();
    timed_key(
        "search: first key (common letter)",
        &[Action::OpenSearch],
        Action::Input('r'),
        &[Action::Cancel],
    );
    timed_key(
        "search: first key (rare letter)",
        &[Action::OpenSearch],
        Action::Input('z'),
        &[Action::Cancel],
    );
    timed_key(
        "search: fifth key",
        &river,
        Action::Input('r'),
        &[Action::Cancel],
    );
    timed_key(
        "filter: apply a role picked in the picker",
        &[Action::PickRoles, Action::CursorDown, Action::PickerToggle],
        Action::Submit,
        &[Action::ClearFilters],
    );
    timed_key(
        "filter: clear",
        &[
            Action::PickRoles,
            Action::CursorDown,
            Action::PickerToggle,
            Action::Submit,
        ],
        Action::ClearFilters,
        &[],
    );
    // The same key, to the moment every row has been searched (the rest
    // is searched between keys, a step at a time).
    group.bench_function("search: fifth key, then every row searched", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                bench.press(&river);
                let started = Instant::now();
                bench.press(&[Action::Input('r')]);
                while bench.app.search.is_searching() {
                    bench.press(&[Action::Tick]);
                }
                total += started.elapsed();
                bench.press(&[Action::Cancel]);
            }
            total
        });
    });
    group.finish();
}

criterion_group!(benches, keystrokes);
criterion_main!(benches);
