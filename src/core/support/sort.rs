//! Sorting and ordered collecting that stay small in wasm.
//!
//! The standard library's sorts are fast but large, and each element type and comparator gets its
//! own copy: twiggy counted about 130 KB (8 % of the app's wasm) of `core::slice::sort` in some 30
//! copies. The core's lists are short (a design's nodes, a rule list), so every sort here goes
//! through **one** copy of the standard stable sort, on `u32` indices with a `dyn` comparator,
//! and then moves the elements into place. Collecting into a `BTreeSet`/`BTreeMap` by
//! `FromIterator` sorts too, so [`set`] and [`map`] insert one by one instead.
//!
//! Same results as the standard library: stable, and `sort_by(v, cmp)` orders `v` exactly as
//! `v.sort_by(cmp)` does (tested against it in `tests/sort.rs`).

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// The one place the standard sort is used: positions ordered by `cmp`, stably.
#[allow(clippy::disallowed_methods)] // the one copy every other sort goes through
fn order(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<u32> {
    let mut idx: Vec<u32> = (0..len as u32).collect();
    idx.sort_by(|&a, &b| cmp(a as usize, b as usize));
    idx
}

/// Sorts `v` stably by `cmp` (as `slice::sort_by`).
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut from = order(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    // Apply the permutation in place, cycle by cycle: position i takes the element that was at
    // from[i]; a visited position is marked by from[j] == j.
    for i in 0..v.len() {
        let mut j = i;
        loop {
            let k = from[j] as usize;
            from[j] = j as u32;
            if k == i {
                break;
            }
            v.swap(j, k);
            j = k;
        }
    }
}

/// Sorts `v` stably by the key `key` gives (as `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably in ascending order (as `slice::sort`).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Collects into a `BTreeSet` by inserting (no sort of a temporary vector).
pub fn set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut out = BTreeSet::new();
    for x in items {
        out.insert(x);
    }
    out
}

/// Collects into a `BTreeMap` by inserting; a later duplicate key wins, as with `collect`.
pub fn map<K: Ord, V>(items: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut out = BTreeMap::new();
    for (k, v) in items {
        out.insert(k, v);
    }
    out
}

/// `collect` into the ordered collections without the hidden sort (see the module's note).
pub trait Ordered: Iterator + Sized {
    /// As `collect::<BTreeSet<_>>()`.
    fn to_set(self) -> BTreeSet<Self::Item>
    where
        Self::Item: Ord,
    {
        set(self)
    }

    /// As `collect::<BTreeMap<_, _>>()`.
    fn to_map<K: Ord, V>(self) -> BTreeMap<K, V>
    where
        Self: Iterator<Item = (K, V)>,
    {
        map(self)
    }

    /// As `collect::<serde_json::Map<_, _>>()` (a `BTreeMap` inside).
    fn to_json_map(self) -> serde_json::Map<String, serde_json::Value>
    where
        Self: Iterator<Item = (String, serde_json::Value)>,
    {
        let mut out = serde_json::Map::new();
        for (k, v) in self {
            out.insert(k, v);
        }
        out
    }
}

impl<I: Iterator> Ordered for I {}
