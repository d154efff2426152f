#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::disallowed_methods)] // native tests: not part of the first load
//! `core::sort` orders exactly as the standard library's stable sorts do, and `set`/`map`
//! collect as `collect` does.

use kumozu::core::support::sort;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

proptest! {
    #[test]
    fn sort_by_equals_the_standard_stable_sort(v in prop::collection::vec((0u8..6, any::<u16>()), 0..200)) {
        // Sorting by the first field only: equal keys must keep their order (stability), which
        // the second field makes visible.
        let mut ours = v.clone();
        sort::sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
        let mut std = v.clone();
        std.sort_by_key(|a| a.0);
        prop_assert_eq!(ours, std);
    }

    #[test]
    fn sort_by_key_and_sort_equal_the_standard_ones(v in prop::collection::vec(any::<(u8, String)>(), 0..60)) {
        let mut ours = v.clone();
        sort::sort_by_key(&mut ours, |x| std::cmp::Reverse(x.0));
        let mut std = v.clone();
        std.sort_by_key(|x| std::cmp::Reverse(x.0));
        prop_assert_eq!(&ours, &std);
        let mut ours = v.clone();
        sort::sort(&mut ours);
        let mut std = v;
        std.sort();
        prop_assert_eq!(ours, std);
    }

    #[test]
    fn set_and_map_equal_collect(v in prop::collection::vec((0u8..20, any::<u8>()), 0..80)) {
        prop_assert_eq!(sort::set(v.iter().map(|x| x.0)), v.iter().map(|x| x.0).collect::<BTreeSet<_>>());
        prop_assert_eq!(sort::map(v.iter().copied()), v.iter().copied().collect::<BTreeMap<_, _>>());
    }
}

#[test]
fn a_reversed_list_comes_out_in_order() {
    let mut v: Vec<u32> = (0..1000).rev().collect();
    sort::sort(&mut v);
    assert_eq!(v, (0..1000).collect::<Vec<_>>());
}
