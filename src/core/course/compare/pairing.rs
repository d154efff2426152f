//! Pairing the two designs' nodes and edges before any difference is reported: nodes by id,
//! then by kind and label; edges by id, then listener rules by ALB and path pattern, then by
//! kind and both ends (the module documentation says why).

use std::collections::{BTreeMap, BTreeSet};

use crate::core::document::catalogue::{EdgeKind, Kind};
use crate::core::document::model::{Design, Edge, EdgeId, Node, NodeId};
use crate::core::support::i18n::Lang;
use crate::core::support::sort::Ordered;

/// The node pairing (see the module's documentation).
pub(super) struct Pairs<'d> {
    /// Node ids: A's → B's.
    a_to_b: BTreeMap<NodeId, NodeId>,
    /// Node ids: B's → A's.
    pub(super) b_to_a: BTreeMap<NodeId, NodeId>,
    /// The node pairs made by kind and label, in id order.
    pub(super) by_label: Vec<(NodeId, NodeId)>,
    /// Edge ids: A's → B's.
    pub(super) edges: BTreeMap<&'d EdgeId, &'d EdgeId>,
}

fn label_key(n: &Node) -> (Kind, String) {
    (
        n.kind,
        n.display_label(Lang::En).trim().to_ascii_lowercase(),
    )
}

impl<'d> Pairs<'d> {
    /// Pairs the nodes, then the edges, of `a` and `b`.
    pub(super) fn new(a: &'d Design, b: &'d Design) -> Pairs<'d> {
        let mut a_to_b = BTreeMap::new();
        for id in a.nodes.keys() {
            if b.nodes.contains_key(id) {
                a_to_b.insert(id.clone(), id.clone());
            }
        }
        let mut left: BTreeMap<_, Vec<&NodeId>> = BTreeMap::new();
        for n in a.nodes.values().filter(|n| !b.nodes.contains_key(&n.id)) {
            left.entry(label_key(n)).or_default().push(&n.id);
        }
        let mut right: BTreeMap<_, Vec<&NodeId>> = BTreeMap::new();
        for n in b.nodes.values().filter(|n| !a.nodes.contains_key(&n.id)) {
            right.entry(label_key(n)).or_default().push(&n.id);
        }
        let mut by_label = Vec::new();
        for (key, ids) in &left {
            if let Some(others) = right.get(key) {
                for (x, y) in ids.iter().zip(others) {
                    a_to_b.insert((*x).clone(), (*y).clone());
                    by_label.push(((*x).clone(), (*y).clone()));
                }
            }
        }
        crate::core::support::sort::sort(&mut by_label);
        let b_to_a = a_to_b.iter().map(|(x, y)| (y.clone(), x.clone())).to_map();
        let mut pairs = Pairs {
            a_to_b,
            b_to_a,
            by_label,
            edges: BTreeMap::new(),
        };
        pairs.edges = pair_edges(a, b, &pairs);
        pairs
    }

    /// The node of B paired with A's node `id`.
    pub(super) fn to_b(&self, id: &NodeId) -> Option<&NodeId> {
        self.a_to_b.get(id)
    }
}

/// The edge pairing, A's id → B's id: by id, then listener rules by their ALB (through the
/// node pairing) and path pattern, then any edge by kind and both ends, in id order.
fn pair_edges<'d>(a: &'d Design, b: &'d Design, pairs: &Pairs) -> BTreeMap<&'d EdgeId, &'d EdgeId> {
    let mut a_to_b: BTreeMap<&EdgeId, &EdgeId> = BTreeMap::new();
    for id in a.edges.keys() {
        if let Some((bid, _)) = b.edges.get_key_value(id) {
            a_to_b.insert(id, bid);
        }
    }
    let rule_key = |e: &Edge, from: Option<&NodeId>| -> Option<(NodeId, String)> {
        match (&e.rule, from) {
            (Some(r), Some(f)) if e.kind == EdgeKind::AlbRule => {
                Some((f.clone(), r.path_pattern.clone()))
            }
            _ => None,
        }
    };
    let end_key = |e: &Edge, from: Option<&NodeId>, to: Option<&NodeId>| match (from, to) {
        (Some(f), Some(t)) => Some((e.kind, f.clone(), t.clone())),
        _ => None,
    };
    type Keyed<'d, K> = BTreeMap<K, Vec<&'d EdgeId>>;
    fn pair_up<'d, K: Ord>(
        left: Keyed<'d, K>,
        right: &Keyed<'d, K>,
        a_to_b: &mut BTreeMap<&'d EdgeId, &'d EdgeId>,
        taken: &mut BTreeSet<&'d EdgeId>,
    ) {
        for (key, ids) in left {
            if let Some(others) = right.get(&key) {
                // `left` holds only edges not yet paired; `taken` the B edges already paired.
                let free: Vec<&'d EdgeId> = others
                    .iter()
                    .copied()
                    .filter(|o| !taken.contains(o))
                    .collect();
                for (x, y) in ids.into_iter().zip(free) {
                    a_to_b.insert(x, y);
                    taken.insert(y);
                }
            }
        }
    }
    let mut taken: BTreeSet<&EdgeId> = a_to_b.values().copied().to_set();
    {
        let (mut left, mut right): (Keyed<_>, Keyed<_>) = Default::default();
        for e in a.edges.values().filter(|e| !a_to_b.contains_key(&e.id)) {
            if let Some(k) = rule_key(e, pairs.to_b(&e.from)) {
                left.entry(k).or_default().push(&e.id);
            }
        }
        for e in b.edges.values().filter(|e| !taken.contains(&e.id)) {
            if let Some(k) = rule_key(e, Some(&e.from)) {
                right.entry(k).or_default().push(&e.id);
            }
        }
        pair_up(left, &right, &mut a_to_b, &mut taken);
    }
    {
        let (mut left, mut right): (Keyed<_>, Keyed<_>) = Default::default();
        for e in a.edges.values().filter(|e| !a_to_b.contains_key(&e.id)) {
            if let Some(k) = end_key(e, pairs.to_b(&e.from), pairs.to_b(&e.to)) {
                left.entry(k).or_default().push(&e.id);
            }
        }
        for e in b.edges.values().filter(|e| !taken.contains(&e.id)) {
            if let Some(k) = end_key(e, Some(&e.from), Some(&e.to)) {
                right.entry(k).or_default().push(&e.id);
            }
        }
        pair_up(left, &right, &mut a_to_b, &mut taken);
    }

    a_to_b
}
