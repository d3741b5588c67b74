//! Running independent, pure jobs on every core, results in input order.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The stack of every thread that loads or renders: deeply nested schemas
/// (`$ref` and `allOf` chains a thousand deep) are walked recursively.
pub const STACK_BYTES: usize = 512 * 1024 * 1024;

/// `job` applied to every item, on as many threads as the machine has cores
/// (each with [`STACK_BYTES`] of stack), the results in the items' order.
/// What no thread took (none could be started) runs on the calling thread.
pub fn map<'a, T: Sync, R: Send>(items: &'a [T], job: impl Fn(&'a T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(items.len());
    if workers <= 1 {
        return items.iter().map(&job).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..workers)
            .map(|_| {
                let builder = std::thread::Builder::new().stack_size(STACK_BYTES);
                builder.spawn_scoped(scope, || {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else {
                            return done;
                        };
                        done.push((index, job(item)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| match worker {
                Ok(handle) => handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                // No thread: the others, or this thread below, take its share.
                Err(_) => Vec::new(),
            })
            .collect()
    });
    done.sort_by_key(|(index, _)| *index);
    let mut done = done.into_iter().peekable();
    items
        .iter()
        .enumerate()
        .map(
            |(index, item)| match done.next_if(|(finished, _)| *finished == index) {
                Some((_, result)) => result,
                None => job(item),
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::map;

    #[test]
    fn results_keep_the_items_order() {
        let items: Vec<u64> = (0..100).collect();
        let squares = map(&items, |n| n * n);
        assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
    }

    #[test]
    fn no_items_no_results() {
        assert!(map(&[] as &[u8], |n| *n).is_empty());
    }
}
