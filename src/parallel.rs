//! Spreading work over the cores soundbite counts on.

use std::thread::{Scope, ScopedJoinHandle};

/// `work` applied to the whole of `items`, in two halves on two threads when
/// there are at least `parallel_from` of them. `work` maps a slice to one
/// result per item, so the halves join in order.
pub fn in_two_halves<T: Sync, R: Send>(
    items: &[T],
    parallel_from: usize,
    work: impl Fn(&[T]) -> Vec<R> + Sync,
) -> Vec<R> {
    if items.len() < parallel_from {
        return work(items);
    }
    let (first, second) = items.split_at(items.len() / 2);
    std::thread::scope(|scope| {
        let later = spawn_elsewhere(scope, 1, || work(second));
        let mut results = work(first);
        // A panic on the other thread: do its half here instead.
        results.extend(later.join().unwrap_or_else(|_| work(second)));
        results
    })
}

/// Starts `work` on a scoped thread that, if it finds itself on the caller's
/// core, first moves to the `nth` core after it, so that helpers 1, 2, …
/// each start on a core of their own.
///
/// Some kernels (those of small virtual machines that pack threads onto as
/// few processors as they can) queue a new thread behind its busy parent and
/// wake the idle core only when they next balance, 1–5 ms later, while all
/// of `stats` on a large log takes 18. Asked for another core, the kernel
/// moves the thread at once; the caller steps aside for a moment so that the
/// thread can ask before it waits behind it. The scheduler is then free to
/// move it again. Elsewhere this costs a few microseconds.
pub fn spawn_elsewhere<'scope, T: Send + 'scope>(
    scope: &'scope Scope<'scope, '_>,
    nth: usize,
    work: impl FnOnce() -> T + Send + 'scope,
) -> ScopedJoinHandle<'scope, T> {
    let from = cores::current();
    let handle = scope.spawn(move || {
        if let Some(from) = from {
            cores::move_off(from, nth);
        }
        work()
    });
    std::thread::yield_now();
    handle
}

#[cfg(target_os = "linux")]
mod cores {
    use nix::sched::{CpuSet, sched_getaffinity, sched_getcpu, sched_setaffinity};
    use nix::unistd::Pid;

    /// The core the calling thread runs on.
    pub fn current() -> Option<usize> {
        sched_getcpu().ok()
    }

    /// Moves the calling thread, if it runs on core `from`, to the `nth`
    /// core after it among those it may run on, then lets it run on any of
    /// them again.
    pub fn move_off(from: usize, nth: usize) {
        if current() != Some(from) {
            // Already put elsewhere, most likely on a core left idle.
            return;
        }
        let Some((allowed, usable)) = allowed() else {
            return;
        };
        let Some(at) = usable.iter().position(|&core| core == from) else {
            return;
        };
        let target = usable[(at + nth) % usable.len()];
        let mut only_target = CpuSet::new();
        if target == from || only_target.set(target).is_err() {
            return;
        }
        let this_thread = Pid::from_raw(0);
        if sched_setaffinity(this_thread, &only_target).is_ok() {
            // Failing, the thread stays on a core it may use: no harm done.
            let _ = sched_setaffinity(this_thread, &allowed);
        }
    }

    /// The cores the calling thread may run on, as the kernel has them and
    /// as a list.
    pub fn allowed() -> Option<(CpuSet, Vec<usize>)> {
        let allowed = sched_getaffinity(Pid::from_raw(0)).ok()?;
        let usable = (0..CpuSet::count())
            .filter(|&core| allowed.is_set(core).unwrap_or(false))
            .collect();
        Some((allowed, usable))
    }
}

#[cfg(not(target_os = "linux"))]
mod cores {
    /// Not known here: new threads are left where the scheduler puts them.
    pub fn current() -> Option<usize> {
        None
    }

    pub fn move_off(_from: usize, _nth: usize) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_join_in_order() {
        let items: Vec<u32> = (0..1000).collect();
        let doubled = in_two_halves(&items, 10, |part| part.iter().map(|n| n * 2).collect());
        assert_eq!(doubled, items.iter().map(|n| n * 2).collect::<Vec<_>>());
        assert_eq!(in_two_halves(&items[..3], 10, <[u32]>::to_vec), [0, 1, 2]);
    }

    #[cfg(target_os = "linux")]
    fn allowed_cores() -> Vec<usize> {
        cores::allowed()
            .map(|(_, usable)| usable)
            .unwrap_or_default()
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_thread_started_elsewhere_may_run_anywhere_its_parent_may() {
        let parents = allowed_cores();
        assert!(!parents.is_empty());
        // Helpers past the number of cores come round to the caller's own.
        for nth in [1, 2, parents.len(), parents.len() + 1] {
            let helpers = std::thread::scope(|scope| {
                spawn_elsewhere(scope, nth, allowed_cores)
                    .join()
                    .unwrap_or_else(|_| panic!("helper {nth} failed"))
            });
            assert_eq!(helpers, parents, "helper {nth}");
        }
    }
}
