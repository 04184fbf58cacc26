//! Work spread over the machine's cores with results kept in order, for the
//! stages whose items are independent (lint checks, findings, frames). It
//! knows nothing of any stage, so every stage may use it.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Threads to use: the cores the process may run on, or one.
pub fn workers() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// `f` of each item, in the items' order, computed on up to [`workers`]
/// threads. Items are handed out one at a time, so one slow item (a check
/// that walks every schema) does not hold a whole share of the others back.
/// Fewer than `min_items` items are done on this thread: a thread costs
/// more than a few small items.
pub fn map<T: Sync, R: Send>(items: &[T], min_items: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = workers().min(items.len());
    if threads <= 1 || items.len() < min_items {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            done.push((i, f(item)));
        }
        done
    };
    let mut parts: Vec<Vec<(usize, R)>> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut parts = vec![work()];
        for helper in helpers {
            match helper.join() {
                Ok(part) => parts.push(part),
                // A panic in `f` is a bug; it surfaces as it would have on
                // this thread.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        parts
    });
    let mut slots: Vec<Option<R>> = (0..items.len()).map(|_| None).collect();
    for (i, r) in parts.iter_mut().flat_map(std::mem::take) {
        slots[i] = Some(r);
    }
    slots.into_iter().flatten().collect()
}

/// As [`map`], for many small items: they are handed out in runs of
/// `chunk`, one atomic step per run.
pub fn map_chunks<T: Sync, R: Send>(
    items: &[T],
    chunk: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let runs: Vec<&[T]> = items.chunks(chunk.max(1)).collect();
    map(&runs, 2, |run| run.iter().map(&f).collect::<Vec<R>>())
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<u64> = (0..1000).collect();
        let squares = map(&items, 2, |&x| {
            // Uneven work, so threads finish out of order.
            (0..(x % 7) * 100).fold(x * x, |a, _| std::hint::black_box(a))
        });
        assert_eq!(squares, items.iter().map(|x| x * x).collect::<Vec<_>>());
        let chunked = map_chunks(&items, 64, |&x| x + 1);
        assert_eq!(chunked, (1..=1000).collect::<Vec<_>>());
        assert!(map(&items[..0], 2, |&x| x).is_empty());
    }
}
