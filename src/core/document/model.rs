//! The design document as the app and the engines see it: a flat map of nodes with parent ids,
//! edges between nodes, the region and the usage assumptions.
//!
//! This is the model, not the saved form: files and links go through `dto` (its own serde type,
//! with a version), so the model may change without breaking old files.

use crate::core::support::sort::Ordered;
use std::collections::{BTreeMap, BTreeSet};

use crate::core::document::catalogue::{DefaultValue, EdgeKind, Kind, USAGE};
use crate::core::document::region::Region;
use crate::core::support::i18n::Lang;

/// The id of a node: stable, unique in its design, stored in files and links.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub String);

/// The id of an edge: stable, unique in its design.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EdgeId(pub String);

impl NodeId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl EdgeId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for NodeId {
    fn from(s: &str) -> Self {
        NodeId(s.to_owned())
    }
}

impl From<&str> for EdgeId {
    fn from(s: &str) -> Self {
        EdgeId(s.to_owned())
    }
}

impl std::fmt::Display for NodeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::fmt::Display for EdgeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A point on the canvas, in canvas units (1 unit = 1 CSS pixel at zoom 100%).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
}

/// The size of a container's box, in canvas units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// The value of one parameter.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamValue {
    /// A number (whole numbers too).
    Num(f64),
    /// Yes or no.
    Bool(bool),
    /// A string (choices and free text).
    Str(String),
    /// A list of strings (AZ letters).
    List(Vec<String>),
}

impl From<DefaultValue> for ParamValue {
    fn from(d: DefaultValue) -> Self {
        match d {
            DefaultValue::Num(v) => ParamValue::Num(v),
            DefaultValue::Bool(b) => ParamValue::Bool(b),
            DefaultValue::Str(s) => ParamValue::Str(s.to_owned()),
            DefaultValue::List(l) => ParamValue::List(l.iter().map(|s| (*s).to_owned()).collect()),
        }
    }
}

/// A node: a resource, a container (VPC, subnet tier, ECS cluster, group) or a shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Stable id.
    pub id: NodeId,
    /// What it is.
    pub kind: Kind,
    /// What the user called it; empty means "the kind's name in the current language".
    pub label: String,
    /// Top-left corner on the canvas (absolute, not relative to the parent).
    pub pos: Point,
    /// Box size; containers always have one, other nodes use the standard size.
    pub size: Option<Size>,
    /// The container it sits in directly, if any.
    pub parent: Option<NodeId>,
    /// Every parameter of its kind (the loader fills defaults), keyed by the catalogue's keys.
    pub params: BTreeMap<String, ParamValue>,
    /// A short note on why it is like this (templates explain their choices here).
    pub note: String,
}

/// The width and height of a non-container node on the canvas.
pub const NODE_SIZE: Size = Size { w: 120.0, h: 76.0 };

impl Node {
    /// A node of `kind` with every parameter at its default.
    pub fn new(id: impl Into<String>, kind: Kind, pos: Point) -> Node {
        let params = kind
            .info()
            .params
            .iter()
            .map(|p| (p.key.to_owned(), ParamValue::from(p.default)))
            .to_map();
        Node {
            id: NodeId(id.into()),
            kind,
            label: String::new(),
            pos,
            size: kind.is_container().then_some(Size { w: 300.0, h: 200.0 }),
            parent: None,
            params,
            note: String::new(),
        }
    }

    /// The label to show: the user's label, or the kind's name in `lang`.
    pub fn display_label(&self, lang: Lang) -> &str {
        if self.label.is_empty() {
            self.kind.info().name.get(lang)
        } else {
            &self.label
        }
    }

    /// Its box size on the canvas.
    pub fn box_size(&self) -> Size {
        self.size.unwrap_or(NODE_SIZE)
    }

    /// A numeric parameter (the catalogue default when unset or of another type).
    pub fn num(&self, key: &str) -> f64 {
        match self.params.get(key) {
            Some(ParamValue::Num(v)) => *v,
            _ => match self.kind.param(key).map(|p| p.default) {
                Some(DefaultValue::Num(v)) => v,
                _ => 0.0,
            },
        }
    }

    /// A yes/no parameter (the catalogue default when unset).
    pub fn flag(&self, key: &str) -> bool {
        match self.params.get(key) {
            Some(ParamValue::Bool(b)) => *b,
            _ => matches!(
                self.kind.param(key).map(|p| p.default),
                Some(DefaultValue::Bool(true))
            ),
        }
    }

    /// A string parameter (the catalogue default when unset).
    pub fn text(&self, key: &str) -> &str {
        match self.params.get(key) {
            Some(ParamValue::Str(s)) => s,
            _ => match self.kind.param(key).map(|p| p.default) {
                Some(DefaultValue::Str(s)) => s,
                _ => "",
            },
        }
    }

    /// A list parameter (empty when unset).
    pub fn list(&self, key: &str) -> &[String] {
        match self.params.get(key) {
            Some(ParamValue::List(l)) => l,
            _ => &[],
        }
    }
}

/// An ALB listener rule carried by an `alb_rule` edge (ALB → target service).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListenerRule {
    /// Evaluation order: lower first (1–50000).
    pub priority: u32,
    /// Path pattern, e.g. `/api/*` (case-sensitive; `*` and `?` wildcards).
    pub path_pattern: String,
}

/// An edge: a connection between two nodes.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Stable id.
    pub id: EdgeId,
    /// What kind of connection.
    pub kind: EdgeKind,
    /// Where it starts.
    pub from: NodeId,
    /// Where it ends.
    pub to: NodeId,
    /// What the user wrote on it; empty means "derive from the kind or rule".
    pub label: String,
    /// The listener rule, for `alb_rule` edges.
    pub rule: Option<ListenerRule>,
}

impl Edge {
    /// The label to show: the user's label, the rule's path pattern, or nothing.
    pub fn display_label(&self) -> &str {
        if !self.label.is_empty() {
            &self.label
        } else if let Some(rule) = &self.rule {
            &rule.path_pattern
        } else {
            ""
        }
    }
}

/// How money is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Currency {
    /// US dollars (AWS prices are in USD).
    #[default]
    Usd,
    /// Japanese yen at `Design::jpy_per_usd`.
    Jpy,
}

/// The whole design document.
#[derive(Debug, Clone, PartialEq)]
pub struct Design {
    /// The design's name.
    pub name: String,
    /// Where it runs.
    pub region: Region,
    /// The template it was made from, if any (`party-box`).
    pub template: Option<String>,
    /// Whether the course's expectations (e.g. Party Box's routes) apply.
    pub follows_course: bool,
    /// How money is shown.
    pub currency: Currency,
    /// The user's exchange rate for JPY display (yen per dollar); an assumption, not a price.
    pub jpy_per_usd: f64,
    /// Whether Japan's 10% consumption tax is added.
    pub include_tax: bool,
    /// Design-wide usage assumptions (keys of `catalogue::USAGE`).
    pub usage: BTreeMap<String, f64>,
    /// Every node, by id. Containment is the `parent` field.
    pub nodes: BTreeMap<NodeId, Node>,
    /// Every edge, by id.
    pub edges: BTreeMap<EdgeId, Edge>,
}

impl Design {
    /// An empty design in `region` with default usage assumptions.
    pub fn empty(name: impl Into<String>, region: Region) -> Design {
        Design {
            name: name.into(),
            region,
            template: None,
            follows_course: false,
            currency: Currency::Usd,
            jpy_per_usd: 150.0,
            include_tax: false,
            usage: USAGE.iter().map(|u| (u.key.to_owned(), u.default)).to_map(),
            nodes: BTreeMap::new(),
            edges: BTreeMap::new(),
        }
    }

    /// A usage assumption (its default when unset).
    pub fn usage(&self, key: &str) -> f64 {
        self.usage.get(key).copied().unwrap_or_else(|| {
            crate::core::document::catalogue::usage_spec(key)
                .map(|u| u.default)
                .unwrap_or(0.0)
        })
    }

    /// The node with `id`.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.get(&NodeId(id.to_owned()))
    }

    /// Adds a node (replacing one with the same id).
    pub fn add_node(&mut self, node: Node) {
        self.nodes.insert(node.id.clone(), node);
    }

    /// Adds an edge (replacing one with the same id).
    pub fn add_edge(&mut self, edge: Edge) {
        self.edges.insert(edge.id.clone(), edge);
    }

    /// The nodes sitting directly in `parent` (`None`: top level).
    pub fn children<'a>(&'a self, parent: Option<&'a NodeId>) -> impl Iterator<Item = &'a Node> {
        self.nodes
            .values()
            .filter(move |n| n.parent.as_ref() == parent)
    }

    /// The containers around `id`, innermost first. Stops at a cycle or a missing parent,
    /// so it is safe on any design. Linear in the depth (a set takes over from the scan of
    /// what is already collected once the chain is longer than a few levels).
    pub fn ancestors(&self, id: &NodeId) -> Vec<&Node> {
        /// Up to this many levels a scan of the collected list is cheaper than a set.
        const SCAN: usize = 16;
        let mut out: Vec<&Node> = Vec::new();
        let mut seen: BTreeSet<&NodeId> = BTreeSet::new();
        let mut cur = self.nodes.get(id).and_then(|n| n.parent.as_ref());
        while let Some(pid) = cur {
            let Some(parent) = self.nodes.get(pid) else {
                break;
            };
            if &parent.id == id {
                break;
            }
            let repeated = if out.len() < SCAN {
                out.iter().any(|n| n.id == parent.id)
            } else {
                if seen.is_empty() {
                    seen.extend(out.iter().map(|n| &n.id));
                }
                !seen.insert(&parent.id)
            };
            if repeated {
                break;
            }
            out.push(parent);
            cur = parent.parent.as_ref();
        }
        out
    }

    /// The innermost container of `kind` around `id`.
    pub fn enclosing(&self, id: &NodeId, kind: Kind) -> Option<&Node> {
        self.ancestors(id).into_iter().find(|n| n.kind == kind)
    }

    /// How deep `id` is nested (0: top level).
    pub fn depth(&self, id: &NodeId) -> usize {
        self.ancestors(id).len()
    }

    /// Every node's depth (0: top level), each chain walked once: O(n log n) however deep the
    /// nesting. Equal to [`Design::depth`] on a design without cycles; finite on any design.
    pub fn depths(&self) -> BTreeMap<&NodeId, usize> {
        let mut known: BTreeMap<&NodeId, usize> = BTreeMap::new();
        let mut path: Vec<&NodeId> = Vec::new();
        let mut on_path: BTreeSet<&NodeId> = BTreeSet::new();
        for start in self.nodes.values() {
            if known.contains_key(&start.id) {
                continue;
            }
            path.clear();
            on_path.clear();
            path.push(&start.id);
            on_path.insert(&start.id);
            // Up to the top, a missing parent, a node already known, or a repeat (a cycle).
            let mut cur = start.parent.as_ref();
            let top = loop {
                let Some(parent) = cur.and_then(|p| self.nodes.get(p)) else {
                    break 0;
                };
                if let Some(&d) = known.get(&parent.id) {
                    break d + 1;
                }
                if !on_path.insert(&parent.id) {
                    break 0;
                }
                path.push(&parent.id);
                cur = parent.parent.as_ref();
            };
            for (i, id) in path.iter().rev().enumerate() {
                known.insert(id, top + i);
            }
        }
        known
    }

    /// How many levels of containers there are at most around a node (0: nothing nested).
    pub fn nesting(&self) -> usize {
        self.depths().into_values().max().unwrap_or(0)
    }

    /// Nodes ordered so that every container comes before what it contains
    /// (the order to draw them in); ties by id.
    pub fn nodes_outer_first(&self) -> Vec<&Node> {
        let depths = self.depths();
        let mut nodes: Vec<(usize, &Node)> = self
            .nodes
            .values()
            .map(|n| (depths.get(&n.id).copied().unwrap_or(0), n))
            .collect();
        crate::core::support::sort::sort_by(&mut nodes, |a, b| {
            a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id))
        });
        nodes.into_iter().map(|(_, n)| n).collect()
    }

    /// Edges that start or end at `id`.
    pub fn edges_of<'a>(&'a self, id: &'a NodeId) -> impl Iterator<Item = &'a Edge> {
        self.edges
            .values()
            .filter(move |e| &e.from == id || &e.to == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Design {
        let mut d = Design::empty("t", Region::ApNortheast1);
        let vpc = Node::new("vpc", Kind::Vpc, Point::default());
        let mut sub = Node::new("sub", Kind::Subnet, Point { x: 10.0, y: 10.0 });
        sub.parent = Some("vpc".into());
        let mut alb = Node::new("alb", Kind::Alb, Point { x: 20.0, y: 20.0 });
        alb.parent = Some("sub".into());
        d.add_node(alb);
        d.add_node(sub);
        d.add_node(vpc);
        d
    }

    #[test]
    fn ancestors_and_draw_order() {
        let d = tiny();
        let anc: Vec<_> = d
            .ancestors(&"alb".into())
            .iter()
            .map(|n| n.id.0.clone())
            .collect();
        assert_eq!(anc, ["sub", "vpc"]);
        assert_eq!(d.enclosing(&"alb".into(), Kind::Vpc).unwrap().id.0, "vpc");
        let order: Vec<_> = d
            .nodes_outer_first()
            .iter()
            .map(|n| n.id.0.clone())
            .collect();
        assert_eq!(order, ["vpc", "sub", "alb"]);
    }

    #[test]
    fn ancestors_stop_at_a_cycle() {
        let mut d = tiny();
        d.nodes.get_mut(&NodeId::from("vpc")).unwrap().parent = Some("alb".into());
        assert_eq!(d.ancestors(&"alb".into()).len(), 2);
    }

    /// A chain of groups `g0 ⊃ g1 ⊃ … ⊃ g{n-1}`.
    fn chain(n: usize) -> Design {
        let mut d = Design::empty("t", Region::ApNortheast1);
        for i in 0..n {
            let mut g = Node::new(format!("g{i:05}"), Kind::Group, Point::default());
            if i > 0 {
                g.parent = Some(NodeId(format!("g{:05}", i - 1)));
            }
            d.add_node(g);
        }
        d
    }

    #[test]
    fn depths_agree_with_ancestors_on_a_deep_chain_and_on_cycles() {
        let d = chain(40);
        let depths = d.depths();
        for n in d.nodes.values() {
            assert_eq!(depths[&n.id], d.depth(&n.id), "{}", n.id);
        }
        assert_eq!(d.nesting(), 39);
        let order: Vec<_> = d
            .nodes_outer_first()
            .iter()
            .map(|n| n.id.0.clone())
            .collect();
        let sorted: Vec<_> = d.nodes.keys().map(|k| k.0.clone()).collect();
        assert_eq!(order, sorted);
        // A cycle longer than the scan: every ancestor once, then it stops.
        let mut c = chain(40);
        c.nodes.get_mut(&NodeId::from("g00000")).unwrap().parent = Some("g00039".into());
        assert_eq!(c.ancestors(&"g00039".into()).len(), 39);
        assert_eq!(c.depths().len(), 40);
        assert_eq!(c.nodes_outer_first().len(), 40);
    }

    #[test]
    fn a_chain_thousands_deep_is_ordered_in_well_under_a_second() {
        // The depth walk once re-scanned what it had built, once per node: cubic in depth.
        let d = chain(5_000);
        let t = std::time::Instant::now();
        assert_eq!(d.nodes_outer_first().len(), 5_000);
        assert_eq!(d.nesting(), 4_999);
        assert_eq!(d.ancestors(&"g04999".into()).len(), 4_999);
        assert!(t.elapsed().as_secs_f64() < 1.0, "{:?}", t.elapsed());
    }

    #[test]
    fn params_fall_back_to_catalogue_defaults() {
        let mut n = Node::new("svc", Kind::EcsService, Point::default());
        assert_eq!(n.num("vcpu"), 0.5);
        n.params.clear();
        assert_eq!(n.num("desired_tasks"), 2.0);
        assert_eq!(n.text("launch_type"), "FARGATE");
        assert!(!n.flag("sticky_sessions"));
        assert_eq!(n.display_label(Lang::Ja), "ECS サービス");
        n.label = "NestJS".into();
        assert_eq!(n.display_label(Lang::En), "NestJS");
    }
}
