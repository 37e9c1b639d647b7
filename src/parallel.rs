//! Splitting a long list between the two cores soundbite counts on.

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
        let later = scope.spawn(|| work(second));
        let mut results = work(first);
        // A panic on the other thread: do its half here instead.
        results.extend(later.join().unwrap_or_else(|_| work(second)));
        results
    })
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
}
