//! One small sort for the whole engine, and for the site's own lists.
//!
//! The standard library's sorts are fast but large, and they are compiled
//! anew for every element type and comparison: the engine's nine sorts were
//! about 24 KB of the site's wasm, and the site's own five another ~20 KB
//! (before wasm-opt). The lists sorted here are short (at most
//! one entry per category, ~380), so a heapsort — O(n log n), no allocation,
//! a few hundred bytes per use — costs nothing noticeable. It is not stable:
//! every caller's order is total (ties broken by position) or ties are equal.

/// Sorts `items` so that no item is `less` than the one before it.
pub fn sort_by<T>(items: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    let len = items.len();
    for start in (0..len / 2).rev() {
        sift_down(items, start, len, &mut less);
    }
    for end in (1..len).rev() {
        items.swap(0, end);
        sift_down(items, 0, end, &mut less);
    }
}

/// Sorts by a key; see [`sort_by`].
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a) < key(b));
}

/// Sorts into ascending order; see [`sort_by`].
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, |a, b| a < b);
}

/// Moves `items[node]` down the max-heap `items[..end]` until the heap is ordered.
fn sift_down<T>(
    items: &mut [T],
    mut node: usize,
    end: usize,
    less: &mut impl FnMut(&T, &T) -> bool,
) {
    loop {
        let mut child = 2 * node + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && less_at(items, child, child + 1, less) {
            child += 1;
        }
        if !less_at(items, node, child, less) {
            return;
        }
        items.swap(node, child);
        node = child;
    }
}

fn less_at<T>(items: &[T], a: usize, b: usize, less: &mut impl FnMut(&T, &T) -> bool) -> bool {
    match (items.get(a), items.get(b)) {
        (Some(a), Some(b)) => less(a, b),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_like_the_standard_library(mut items in proptest::collection::vec(any::<i16>(), 0..200)) {
            let mut expected = items.clone();
            expected.sort();
            sort(&mut items);
            prop_assert_eq!(items, expected);
        }

        #[test]
        fn sorts_by_key_with_ties_broken_by_position(items in proptest::collection::vec(0u8..5, 0..100)) {
            let mut indexed: Vec<(usize, u8)> = items.iter().copied().enumerate().collect();
            let mut expected = indexed.clone();
            expected.sort_by_key(|&(i, k)| (k, i));
            sort_by_key(&mut indexed, |&(i, k)| (k, i));
            prop_assert_eq!(indexed, expected);
        }
    }
}
