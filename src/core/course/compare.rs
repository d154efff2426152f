//! Comparing two designs (issue 7, item 3): a teacher's template against a student's design, or
//! a design against its own earlier link. Every difference has a stable JSON form and a one-line
//! description in both languages, and names the node or edge on each side so both canvases can
//! highlight it.
//!
//! # Matching
//!
//! Nodes are paired by id first. The nodes left over on each side are then paired by kind and
//! label (the shown label, so an empty label is the kind's name; spaces around it and ASCII
//! letter case ignored); when several nodes share a kind and label, they pair in id order. So a
//! design drawn from scratch pairs with the template wherever the student used the same kinds
//! and names. The pairs made by label are listed in [`Diff::matched_by_label`].
//!
//! Edges are paired by id first; then listener rules by their ALB (through the node pairing)
//! and path pattern; then any edge by kind and both ends (through the node pairing), in id
//! order.
//!
//! # What is compared
//!
//! Design settings (name, region, template, course expectations, currency, exchange rate, tax,
//! every usage assumption); nodes added, removed, or of another kind; the container a node sits
//! in; labels of nodes and edges; parameters (key, before, after; a node whose kind changed is
//! not compared parameter by parameter); edges added, removed, of another kind or between other
//! nodes; ALB listener rules (priority, path pattern, target); and, with pricing tables
//! ([`diff_priced`]), the cost lines and the monthly total. Notes are not compared.
//!
//! Positions and box sizes are *layout*: students' layouts always differ, so moves and resizes
//! larger than [`MOVE_TOLERANCE`] are listed apart, in [`Diff::layout`], and do not make two
//! designs different.
//!
//! [`diff`] takes no pricing table, so the app (which fetches its tables) never links in the
//! bundled ones; the CLI calls [`diff_priced`] with `PriceTable::bundled`.

use std::collections::{BTreeMap, BTreeSet};

use crate::core::support::sort::Ordered;

use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::core::cost::{self, CostLine, PriceTable};
use crate::core::document::catalogue::{usage_spec, EdgeKind};
use crate::core::document::model::{Currency, Design, Edge, EdgeId, Node, NodeId, ParamValue};
use crate::core::format::load::param_to_json;
use crate::core::support::i18n::Lang;
use crate::core::validate::Message;

/// Moves and resizes up to this many canvas units (in x, y, width or height) are not listed.
pub const MOVE_TOLERANCE: f64 = 40.0;

/// The JSON form's format name and version ([`Diff::to_json`]).
pub const FORMAT: &str = "kumozu-diff";
/// See [`FORMAT`].
pub const VERSION: u32 = 1;

/// What part of a design a difference is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    /// A design-wide setting.
    Setting,
    /// A node added, removed, or of another kind.
    Node,
    /// The container a node sits in.
    Placement,
    /// The label of a node or an edge.
    Label,
    /// A node's parameter.
    Parameter,
    /// An edge added, removed, of another kind or between other nodes.
    Edge,
    /// An ALB listener rule.
    Rule,
    /// A cost line or the monthly total.
    Cost,
    /// A position or box size (listed apart; never makes designs different).
    Layout,
}

impl Category {
    /// Stable id: `setting`, `node`, `placement`, `label`, `parameter`, `edge`, `rule`,
    /// `cost`, `layout`.
    pub fn id(self) -> &'static str {
        match self {
            Category::Setting => "setting",
            Category::Node => "node",
            Category::Placement => "placement",
            Category::Label => "label",
            Category::Parameter => "parameter",
            Category::Edge => "edge",
            Category::Rule => "rule",
            Category::Cost => "cost",
            Category::Layout => "layout",
        }
    }
}

/// How it differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Only in B.
    Added,
    /// Only in A.
    Removed,
    /// In both, with another value.
    Changed,
    /// Its position moved.
    Moved,
    /// Its box changed size.
    Resized,
}

impl Change {
    /// Stable id: `added`, `removed`, `changed`, `moved`, `resized`.
    pub fn id(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
            Change::Moved => "moved",
            Change::Resized => "resized",
        }
    }

    /// The sign a text list puts before it.
    pub fn mark(self) -> &'static str {
        match self {
            Change::Added => "+",
            Change::Removed => "-",
            Change::Changed => "~",
            Change::Moved | Change::Resized => ">",
        }
    }
}

/// What the ids of a difference name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// The design itself (settings, the cost total).
    Design,
    /// A node.
    Node,
    /// An edge.
    Edge,
}

impl Subject {
    /// Stable id: `design`, `node`, `edge`.
    pub fn id(self) -> &'static str {
        match self {
            Subject::Design => "design",
            Subject::Node => "node",
            Subject::Edge => "edge",
        }
    }
}

/// One difference between design A and design B.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// Where it is.
    pub category: Category,
    /// How it differs.
    pub change: Change,
    /// What `a` and `b` name.
    pub subject: Subject,
    /// The node or edge id in A (`None`: not in A, or a design-wide difference).
    pub a: Option<String>,
    /// The node or edge id in B.
    pub b: Option<String>,
    /// What differs: `kind`, `parent`, `label`, a parameter key, `from`, `to`, `priority`,
    /// `path_pattern`, `target`, a setting (`region`, `usage.hours_per_month`…), a cost line's
    /// component, `total_monthly_usd`, `position`, `size`; `None` for an added or removed node
    /// or edge.
    pub field: Option<String>,
    /// The value in A (JSON; null when absent).
    pub before: Value,
    /// The value in B.
    pub after: Value,
    /// One line saying it, in both languages.
    pub text: Message,
}

impl Difference {
    /// The stable JSON form.
    pub fn to_json(&self) -> Value {
        json!({
            "category": self.category.id(),
            "change": self.change.id(),
            "subject": self.subject.id(),
            "a": self.a,
            "b": self.b,
            "field": self.field,
            "before": self.before,
            "after": self.after,
            "text": self.text,
        })
    }
}

/// Everything that differs between two designs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Diff {
    /// Differences of substance, by category (settings, nodes, placement, labels, parameters,
    /// edges, rules, costs), then by id.
    pub changes: Vec<Difference>,
    /// Moves and resizes beyond [`MOVE_TOLERANCE`], by node id.
    pub layout: Vec<Difference>,
    /// Node pairs made by kind and label (A's id, B's id), for ids that differ.
    pub matched_by_label: Vec<(NodeId, NodeId)>,
}

impl Diff {
    /// Whether the designs are the same apart from layout.
    pub fn is_equal(&self) -> bool {
        self.changes.is_empty()
    }

    /// The stable JSON form (documented in docs/cli.md, `kumozu diff --format json`).
    pub fn to_json(&self) -> Value {
        json!({
            "format": FORMAT,
            "version": VERSION,
            "equal": self.is_equal(),
            "summary": { "changes": self.changes.len(), "layout": self.layout.len() },
            "changes": self.changes.iter().map(Difference::to_json).collect::<Vec<_>>(),
            "layout": self.layout.iter().map(Difference::to_json).collect::<Vec<_>>(),
            "matched_by_label": self.matched_by_label.iter()
                .map(|(a, b)| json!({ "a": a.as_str(), "b": b.as_str() }))
                .collect::<Vec<_>>(),
        })
    }
}

/// The class that marks a node or an edge a difference names, on A's side and on B's side
/// (`diff-added`, `diff-removed`, `diff-changed`, `diff-moved`), for drawing both designs with
/// their differences highlighted (`core::svg::Options::marks`). Where an id has several
/// differences the strongest wins: added/removed over changed over moved.
pub fn marks(
    diff: &Diff,
) -> (
    BTreeMap<String, &'static str>,
    BTreeMap<String, &'static str>,
) {
    fn put(side: &mut BTreeMap<String, &'static str>, id: &Option<String>, class: &'static str) {
        let rank = |c: &str| match c {
            "diff-moved" => 0,
            "diff-changed" => 1,
            _ => 2,
        };
        if let Some(id) = id {
            let old = side.get(id).copied();
            if old.is_none_or(|o| rank(o) < rank(class)) {
                side.insert(id.clone(), class);
            }
        }
    }
    let (mut a, mut b) = (BTreeMap::new(), BTreeMap::new());
    for d in diff.changes.iter().chain(&diff.layout) {
        if d.subject == Subject::Design {
            continue;
        }
        match d.change {
            Change::Added => put(&mut b, &d.b, "diff-added"),
            Change::Removed => put(&mut a, &d.a, "diff-removed"),
            Change::Changed => {
                put(&mut a, &d.a, "diff-changed");
                put(&mut b, &d.b, "diff-changed");
            }
            Change::Moved | Change::Resized => {
                put(&mut a, &d.a, "diff-moved");
                put(&mut b, &d.b, "diff-moved");
            }
        }
    }
    (a, b)
}

/// The differences between `a` and `b`, without costs.
pub fn diff(a: &Design, b: &Design) -> Diff {
    let pairs = Pairs::new(a, b);
    let mut changes = Vec::new();
    let mut layout = Vec::new();
    settings(a, b, &mut changes);
    nodes(a, b, &pairs, &mut changes, &mut layout);
    edges(a, b, &pairs, &mut changes);
    crate::core::support::sort::sort_by_key(&mut changes, |d| d.category);
    Diff {
        changes,
        layout,
        matched_by_label: pairs.by_label.clone(),
    }
}

/// The differences between `a` and `b`, with their cost lines priced from `table_a` and
/// `table_b` (the tables of each design's region).
pub fn diff_priced(a: &Design, b: &Design, table_a: &PriceTable, table_b: &PriceTable) -> Diff {
    let mut d = diff(a, b);
    let pairs = Pairs::new(a, b);
    costs(
        a,
        b,
        &pairs,
        &cost::estimate(a, table_a),
        &cost::estimate(b, table_b),
        &mut d.changes,
    );
    d
}

/// The node pairing (see the module's documentation).
struct Pairs {
    a_to_b: BTreeMap<NodeId, NodeId>,
    b_to_a: BTreeMap<NodeId, NodeId>,
    by_label: Vec<(NodeId, NodeId)>,
}

fn label_key(n: &Node) -> (crate::core::document::catalogue::Kind, String) {
    (
        n.kind,
        n.display_label(Lang::En).trim().to_ascii_lowercase(),
    )
}

impl Pairs {
    fn new(a: &Design, b: &Design) -> Pairs {
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
        Pairs {
            a_to_b,
            b_to_a,
            by_label,
        }
    }

    fn to_b(&self, id: &NodeId) -> Option<&NodeId> {
        self.a_to_b.get(id)
    }
}

/// A node named for a message: `ECS サービス「NestJS」` / `ECS service "NestJS"`.
/// An unlabelled node is its kind's name alone (`ALB`).
fn named(n: &Node) -> (String, String) {
    let kind = n.kind.info().name;
    if n.label.trim().is_empty() {
        return (kind.ja.to_owned(), kind.en.to_owned());
    }
    (
        format!("{}「{}」", kind.ja, n.label),
        format!("{} \"{}\"", kind.en, n.label),
    )
}

/// Yes or no for messages.
fn yes_no(v: bool) -> String {
    if v { "on" } else { "off" }.to_owned()
}

/// A node's label for messages (`「NestJS」` / `"NestJS"`), or `(なし)` / `(none)`.
fn short(d: &Design, id: Option<&NodeId>) -> (String, String) {
    match id.and_then(|i| d.nodes.get(i)) {
        Some(n) => (
            format!("「{}」", n.display_label(Lang::Ja)),
            format!("\"{}\"", n.display_label(Lang::En)),
        ),
        None => match id {
            Some(i) => (format!("「{i}」"), format!("\"{i}\"")),
            None => ("(なし)".to_owned(), "(none)".to_owned()),
        },
    }
}

fn num(v: f64) -> String {
    crate::core::validate::context::num(v)
}

fn num_json(v: f64) -> Value {
    param_to_json(&ParamValue::Num(v))
}

/// A parameter value for messages, with its unit.
fn show(v: &ParamValue, unit: Option<&str>) -> (String, String) {
    let with_unit = |s: String| match unit {
        Some(u) if !u.is_empty() => format!("{s} {u}"),
        _ => s,
    };
    match v {
        ParamValue::Num(n) => {
            let s = with_unit(num(*n));
            (s.clone(), s)
        }
        ParamValue::Bool(true) => ("オン".to_owned(), "on".to_owned()),
        ParamValue::Bool(false) => ("オフ".to_owned(), "off".to_owned()),
        ParamValue::Str(s) => (s.clone(), s.clone()),
        ParamValue::List(l) => (l.join("・"), l.join(", ")),
    }
}

#[allow(clippy::too_many_arguments)]
fn push(
    out: &mut Vec<Difference>,
    category: Category,
    change: Change,
    subject: Subject,
    a: Option<&str>,
    b: Option<&str>,
    field: Option<&str>,
    before: Value,
    after: Value,
    ja: String,
    en: String,
) {
    out.push(Difference {
        category,
        change,
        subject,
        a: a.map(str::to_owned),
        b: b.map(str::to_owned),
        field: field.map(str::to_owned),
        before,
        after,
        text: Message::new(ja, en),
    });
}

fn settings(a: &Design, b: &Design, out: &mut Vec<Difference>) {
    let mut setting =
        |field: &str, ja: &str, en: &str, before: Value, after: Value, shown: (String, String)| {
            if before != after {
                let (x, y) = shown;
                push(
                    out,
                    Category::Setting,
                    Change::Changed,
                    Subject::Design,
                    None,
                    None,
                    Some(field),
                    before,
                    after,
                    format!("{ja}: {x} → {y}"),
                    format!("{en}: {x} → {y}"),
                );
            }
        };
    setting(
        "name",
        "設計の名前",
        "Design name",
        json!(a.name),
        json!(b.name),
        (a.name.clone(), b.name.clone()),
    );
    setting(
        "region",
        "リージョン",
        "Region",
        json!(a.region.code()),
        json!(b.region.code()),
        (a.region.code().to_owned(), b.region.code().to_owned()),
    );
    let tpl = |d: &Design| d.template.clone().unwrap_or_else(|| "-".to_owned());
    setting(
        "template",
        "テンプレート",
        "Template",
        json!(a.template),
        json!(b.template),
        (tpl(a), tpl(b)),
    );
    setting(
        "follows_course",
        "コースの前提",
        "Course expectations",
        json!(a.follows_course),
        json!(b.follows_course),
        (yes_no(a.follows_course), yes_no(b.follows_course)),
    );
    let cur = |d: &Design| match d.currency {
        Currency::Usd => "USD",
        Currency::Jpy => "JPY",
    };
    setting(
        "currency",
        "通貨",
        "Currency",
        json!(cur(a)),
        json!(cur(b)),
        (cur(a).to_owned(), cur(b).to_owned()),
    );
    setting(
        "jpy_per_usd",
        "為替レート (円/ドル)",
        "Exchange rate (JPY per USD)",
        num_json(a.jpy_per_usd),
        num_json(b.jpy_per_usd),
        (num(a.jpy_per_usd), num(b.jpy_per_usd)),
    );
    setting(
        "include_tax",
        "消費税",
        "Consumption tax",
        json!(a.include_tax),
        json!(b.include_tax),
        (yes_no(a.include_tax), yes_no(b.include_tax)),
    );
    let keys: BTreeSet<&String> = a.usage.keys().chain(b.usage.keys()).to_set();
    for key in keys {
        let (x, y) = (a.usage(key), b.usage(key));
        let (ja, en) = match usage_spec(key) {
            Some(u) => (u.name.ja.to_owned(), u.name.en.to_owned()),
            None => (key.clone(), key.clone()),
        };
        setting(
            &format!("usage.{key}"),
            &ja,
            &en,
            num_json(x),
            num_json(y),
            (num(x), num(y)),
        );
    }
}

fn nodes(
    a: &Design,
    b: &Design,
    pairs: &Pairs,
    out: &mut Vec<Difference>,
    layout: &mut Vec<Difference>,
) {
    for n in a.nodes.values() {
        let Some(bid) = pairs.to_b(&n.id) else {
            let (ja, en) = named(n);
            push(
                out,
                Category::Node,
                Change::Removed,
                Subject::Node,
                Some(n.id.as_str()),
                None,
                None,
                json!(n.kind.id()),
                Value::Null,
                format!("{ja} ({}) を削除", n.id),
                format!("Removed {en} ({})", n.id),
            );
            continue;
        };
        let Some(m) = b.nodes.get(bid) else { continue };
        let (aid, bid) = (Some(n.id.as_str()), Some(m.id.as_str()));
        let (nja, nen) = named(m);
        if n.kind != m.kind {
            let (kja, ken) = (n.kind.info().name, m.kind.info().name);
            push(
                out,
                Category::Node,
                Change::Changed,
                Subject::Node,
                aid,
                bid,
                Some("kind"),
                json!(n.kind.id()),
                json!(m.kind.id()),
                format!(
                    "「{}」の種類: {} → {}",
                    m.display_label(Lang::Ja),
                    kja.ja,
                    m.kind.info().name.ja
                ),
                format!(
                    "Kind of \"{}\": {} → {}",
                    m.display_label(Lang::En),
                    kja.en,
                    ken.en
                ),
            );
        }
        let parent_a = n.parent.as_ref().map(|p| pairs.to_b(p).unwrap_or(p));
        if parent_a != m.parent.as_ref() {
            let (xja, xen) = short(a, n.parent.as_ref());
            let (yja, yen) = short(b, m.parent.as_ref());
            push(
                out,
                Category::Placement,
                Change::Changed,
                Subject::Node,
                aid,
                bid,
                Some("parent"),
                json!(n.parent.as_ref().map(|p| p.as_str())),
                json!(m.parent.as_ref().map(|p| p.as_str())),
                format!("{nja}の置き場所: {xja} → {yja}"),
                format!("{nen} sits in: {xen} → {yen}"),
            );
        }
        if n.label != m.label {
            push(
                out,
                Category::Label,
                Change::Changed,
                Subject::Node,
                aid,
                bid,
                Some("label"),
                json!(n.label),
                json!(m.label),
                format!(
                    "{} ({}) のラベル: 「{}」 → 「{}」",
                    m.kind.info().name.ja,
                    m.id,
                    n.label,
                    m.label
                ),
                format!(
                    "Label of {} ({}): \"{}\" → \"{}\"",
                    m.kind.info().name.en,
                    m.id,
                    n.label,
                    m.label
                ),
            );
        }
        if n.kind == m.kind {
            let keys: BTreeSet<&String> = n.params.keys().chain(m.params.keys()).to_set();
            for key in keys {
                let (x, y) = (n.params.get(key), m.params.get(key));
                if x == y {
                    continue;
                }
                let spec = n.kind.param(key);
                let unit = spec.and_then(|s| s.unit);
                let (pja, pen) = spec
                    .map(|s| (s.name.ja.to_owned(), s.name.en.to_owned()))
                    .unwrap_or_else(|| (key.clone(), key.clone()));
                let none = ("-".to_owned(), "-".to_owned());
                let (xja, xen) = x.map(|v| show(v, unit)).unwrap_or_else(|| none.clone());
                let (yja, yen) = y.map(|v| show(v, unit)).unwrap_or(none);
                push(
                    out,
                    Category::Parameter,
                    Change::Changed,
                    Subject::Node,
                    aid,
                    bid,
                    Some(key),
                    x.map(param_to_json).unwrap_or(Value::Null),
                    y.map(param_to_json).unwrap_or(Value::Null),
                    format!("{nja}の{pja} ({key}): {xja} → {yja}"),
                    format!("{nen} · {pen} ({key}): {xen} → {yen}"),
                );
            }
        }
        let (dx, dy) = (m.pos.x - n.pos.x, m.pos.y - n.pos.y);
        if dx.abs() > MOVE_TOLERANCE || dy.abs() > MOVE_TOLERANCE {
            push(
                layout,
                Category::Layout,
                Change::Moved,
                Subject::Node,
                aid,
                bid,
                Some("position"),
                json!({ "x": num_json(n.pos.x), "y": num_json(n.pos.y) }),
                json!({ "x": num_json(m.pos.x), "y": num_json(m.pos.y) }),
                format!("{nja}を ({}, {}) 動かしました", num(dx), num(dy)),
                format!("{nen} moved by ({}, {})", num(dx), num(dy)),
            );
        }
        let (sa, sb) = (n.box_size(), m.box_size());
        if (sb.w - sa.w).abs() > MOVE_TOLERANCE || (sb.h - sa.h).abs() > MOVE_TOLERANCE {
            push(
                layout,
                Category::Layout,
                Change::Resized,
                Subject::Node,
                aid,
                bid,
                Some("size"),
                json!({ "w": num_json(sa.w), "h": num_json(sa.h) }),
                json!({ "w": num_json(sb.w), "h": num_json(sb.h) }),
                format!(
                    "{nja}の大きさ: {}×{} → {}×{}",
                    num(sa.w),
                    num(sa.h),
                    num(sb.w),
                    num(sb.h)
                ),
                format!(
                    "{nen} resized: {}×{} → {}×{}",
                    num(sa.w),
                    num(sa.h),
                    num(sb.w),
                    num(sb.h)
                ),
            );
        }
    }
    for m in b.nodes.values() {
        if pairs.b_to_a.contains_key(&m.id) {
            continue;
        }
        let (ja, en) = named(m);
        push(
            out,
            Category::Node,
            Change::Added,
            Subject::Node,
            None,
            Some(m.id.as_str()),
            None,
            Value::Null,
            json!(m.kind.id()),
            format!("{ja} ({}) を追加", m.id),
            format!("Added {en} ({})", m.id),
        );
    }
}

/// An edge for messages: `SQL「NestJS」→「PostgreSQL」` / `SQL "NestJS" → "PostgreSQL"`;
/// a listener rule by its pattern and target.
fn edge_named(d: &Design, e: &Edge) -> (String, String) {
    let (fja, fen) = short(d, Some(&e.from));
    let (tja, ten) = short(d, Some(&e.to));
    match &e.rule {
        Some(r) if e.kind == EdgeKind::AlbRule => (
            format!(
                "ALB のルール `{}` (優先度 {}) →{tja}",
                r.path_pattern, r.priority
            ),
            format!(
                "ALB rule `{}` (priority {}) → {ten}",
                r.path_pattern, r.priority
            ),
        ),
        _ => {
            let k = e.kind.info().name;
            (
                format!("{}の接続{fja}→{tja}", k.ja),
                format!("{} connection {fen} → {ten}", k.en),
            )
        }
    }
}

fn edge_json(e: &Edge) -> Value {
    json!({
        "kind": e.kind.id(),
        "from": e.from.as_str(),
        "to": e.to.as_str(),
        "label": e.label,
        "rule": e.rule.as_ref().map(|r| json!({ "priority": r.priority, "path_pattern": r.path_pattern })),
    })
}

fn edges(a: &Design, b: &Design, pairs: &Pairs, out: &mut Vec<Difference>) {
    // Pairing: id, then rules by ALB and pattern, then kind and both ends.
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

    for e in a.edges.values() {
        let is_rule = |e: &Edge| e.kind == EdgeKind::AlbRule;
        let Some(f) = a_to_b.get(&e.id).and_then(|id| b.edges.get(*id)) else {
            let (ja, en) = edge_named(a, e);
            let cat = if is_rule(e) {
                Category::Rule
            } else {
                Category::Edge
            };
            push(
                out,
                cat,
                Change::Removed,
                Subject::Edge,
                Some(e.id.as_str()),
                None,
                None,
                edge_json(e),
                Value::Null,
                format!("{ja} ({}) を削除", e.id),
                format!("Removed {en} ({})", e.id),
            );
            continue;
        };
        let (aid, bid) = (Some(e.id.as_str()), Some(f.id.as_str()));
        let (nja, nen) = edge_named(b, f);
        let mut change =
            |cat: Category, field: &str, before: Value, after: Value, ja: String, en: String| {
                push(
                    out,
                    cat,
                    Change::Changed,
                    Subject::Edge,
                    aid,
                    bid,
                    Some(field),
                    before,
                    after,
                    ja,
                    en,
                );
            };
        if e.kind != f.kind {
            let (x, y) = (e.kind.info().name, f.kind.info().name);
            change(
                Category::Edge,
                "kind",
                json!(e.kind.id()),
                json!(f.kind.id()),
                format!("{nja}の種類: {} → {}", x.ja, y.ja),
                format!("Kind of {nen}: {} → {}", x.en, y.en),
            );
        }
        let mapped = |id: &NodeId| pairs.to_b(id).cloned().unwrap_or_else(|| id.clone());
        if mapped(&e.from) != f.from {
            let ((xja, xen), (yja, yen)) = (short(a, Some(&e.from)), short(b, Some(&f.from)));
            change(
                Category::Edge,
                "from",
                json!(e.from.as_str()),
                json!(f.from.as_str()),
                format!("{nja}の始点: {xja} → {yja}"),
                format!("{nen} starts at: {xen} → {yen}"),
            );
        }
        if mapped(&e.to) != f.to {
            let ((xja, xen), (yja, yen)) = (short(a, Some(&e.to)), short(b, Some(&f.to)));
            let both_rules = is_rule(e) && is_rule(f);
            let (cat, field) = if both_rules {
                (Category::Rule, "target")
            } else {
                (Category::Edge, "to")
            };
            change(
                cat,
                field,
                json!(e.to.as_str()),
                json!(f.to.as_str()),
                format!(
                    "{nja}の{}: {xja} → {yja}",
                    if both_rules { "転送先" } else { "終点" }
                ),
                format!(
                    "{nen} {}: {xen} → {yen}",
                    if both_rules { "forwards to" } else { "ends at" }
                ),
            );
        }
        if e.label != f.label {
            change(
                Category::Label,
                "label",
                json!(e.label),
                json!(f.label),
                format!("{nja}のラベル: 「{}」 → 「{}」", e.label, f.label),
                format!("Label of {nen}: \"{}\" → \"{}\"", e.label, f.label),
            );
        }
        if let (Some(x), Some(y)) = (&e.rule, &f.rule) {
            if x.priority != y.priority {
                change(
                    Category::Rule,
                    "priority",
                    json!(x.priority),
                    json!(y.priority),
                    format!("{nja}の優先度: {} → {}", x.priority, y.priority),
                    format!("Priority of {nen}: {} → {}", x.priority, y.priority),
                );
            }
            if x.path_pattern != y.path_pattern {
                change(
                    Category::Rule,
                    "path_pattern",
                    json!(x.path_pattern),
                    json!(y.path_pattern),
                    format!(
                        "{nja}のパスパターン: `{}` → `{}`",
                        x.path_pattern, y.path_pattern
                    ),
                    format!(
                        "Path pattern of {nen}: `{}` → `{}`",
                        x.path_pattern, y.path_pattern
                    ),
                );
            }
        }
    }
    let paired: BTreeSet<&&EdgeId> = a_to_b.values().to_set();
    for f in b.edges.values() {
        if paired.contains(&&f.id) {
            continue;
        }
        let (ja, en) = edge_named(b, f);
        let cat = if f.kind == EdgeKind::AlbRule {
            Category::Rule
        } else {
            Category::Edge
        };
        push(
            out,
            cat,
            Change::Added,
            Subject::Edge,
            None,
            Some(f.id.as_str()),
            None,
            Value::Null,
            edge_json(f),
            format!("{ja} ({}) を追加", f.id),
            format!("Added {en} ({})", f.id),
        );
    }
}

/// Dollars as a JSON number (whole numbers as integers), like the CLI's estimate.
fn usd_json(d: Decimal) -> Value {
    let text = d.normalize().to_string();
    if let Ok(i) = text.parse::<i64>() {
        return Value::from(i);
    }
    text.parse::<f64>().map(Value::from).unwrap_or(Value::Null)
}

fn amount(l: Option<&CostLine>) -> (Value, String, String) {
    match l.and_then(|l| l.monthly_cents()) {
        Some(m) => (usd_json(m), cost::fmt_usd(m), cost::fmt_usd(m)),
        None if l.is_some() => (Value::Null, "価格不明".into(), "price unknown".into()),
        None => (Value::Null, "-".into(), "-".into()),
    }
}

fn costs(
    a: &Design,
    b: &Design,
    pairs: &Pairs,
    ea: &cost::Estimate,
    eb: &cost::Estimate,
    out: &mut Vec<Difference>,
) {
    // Lines keyed by (B's node id, component); A's node ids go through the pairing.
    type Key = (Option<NodeId>, &'static str);
    let mut left: BTreeMap<Key, Vec<&CostLine>> = BTreeMap::new();
    for l in &ea.lines {
        let node = l
            .node
            .as_ref()
            .map(|n| pairs.to_b(n).cloned().unwrap_or_else(|| n.clone()));
        left.entry((node, l.component.en)).or_default().push(l);
    }
    let mut right: BTreeMap<Key, Vec<&CostLine>> = BTreeMap::new();
    for l in &eb.lines {
        right
            .entry((l.node.clone(), l.component.en))
            .or_default()
            .push(l);
    }
    let keys: BTreeSet<&Key> = left.keys().chain(right.keys()).to_set();
    for key in keys {
        let xs = left.get(key).map(Vec::as_slice).unwrap_or_default();
        let ys = right.get(key).map(Vec::as_slice).unwrap_or_default();
        for i in 0..xs.len().max(ys.len()) {
            let (x, y) = (xs.get(i).copied(), ys.get(i).copied());
            let same = match (x, y) {
                (Some(x), Some(y)) => {
                    x.monthly_cents() == y.monthly_cents() && x.is_unknown() == y.is_unknown()
                }
                _ => false,
            };
            if same {
                continue;
            }
            let change = match (x, y) {
                (Some(_), None) => Change::Removed,
                (None, Some(_)) => Change::Added,
                _ => Change::Changed,
            };
            let line = x.or(y).expect("one side has the line");
            let (who_ja, who_en) = match (
                x.and_then(|l| l.node.as_ref()),
                y.and_then(|l| l.node.as_ref()),
            ) {
                (_, Some(n)) => short(b, Some(n)),
                (Some(n), None) => short(a, Some(n)),
                (None, None) => ("(構成全体)".to_owned(), "(design)".to_owned()),
            };
            let (bv, bja, ben) = amount(x);
            let (av, aja, aen) = amount(y);
            let subject = if line.node.is_some() {
                Subject::Node
            } else {
                Subject::Design
            };
            push(
                out,
                Category::Cost,
                change,
                subject,
                x.and_then(|l| l.node.as_ref()).map(|n| n.as_str()),
                y.and_then(|l| l.node.as_ref()).map(|n| n.as_str()),
                Some(line.component.en),
                bv,
                av,
                format!("{who_ja} · {} (月額): {bja} → {aja}", line.component.ja),
                format!("{who_en} · {} (monthly): {ben} → {aen}", line.component.en),
            );
        }
    }
    if ea.total_monthly_usd != eb.total_monthly_usd {
        let (x, y) = (ea.total_monthly_usd, eb.total_monthly_usd);
        push(
            out,
            Category::Cost,
            Change::Changed,
            Subject::Design,
            None,
            None,
            Some("total_monthly_usd"),
            usd_json(x),
            usd_json(y),
            format!(
                "月額合計: {} → {} (税抜)",
                cost::fmt_usd(x),
                cost::fmt_usd(y)
            ),
            format!(
                "Monthly total: {} → {} (before tax)",
                cost::fmt_usd(x),
                cost::fmt_usd(y)
            ),
        );
    }
}

/// The differences as text lines in `lang` (what `kumozu diff` prints): a summary, then one
/// line per difference, `~ [category] text`, then the layout moves apart.
pub fn render_text(diff: &Diff, lang: Lang) -> String {
    let mut out = String::new();
    let (n, m) = (diff.changes.len(), diff.layout.len());
    out.push_str(&match (lang, n) {
        (Lang::Ja, 0) => "違いはありません (レイアウトを除く)。\n".to_owned(),
        (Lang::En, 0) => "No differences (layout aside).\n".to_owned(),
        (Lang::Ja, n) => format!("違い {n} 件:\n"),
        (Lang::En, n) => format!("{n} difference{}:\n", if n == 1 { "" } else { "s" }),
    });
    for d in &diff.changes {
        out.push_str(&format!(
            "  {} [{}] {}\n",
            d.change.mark(),
            d.category.id(),
            d.text.get(lang)
        ));
    }
    if m > 0 {
        out.push_str(&match lang {
            Lang::Ja => format!("\nレイアウト ({m} 件、違いには数えません):\n"),
            Lang::En => format!("\nLayout ({m}, not counted as differences):\n"),
        });
        for d in &diff.layout {
            out.push_str(&format!(
                "  {} [{}] {}\n",
                d.change.mark(),
                d.category.id(),
                d.text.get(lang)
            ));
        }
    }
    if !diff.matched_by_label.is_empty() {
        let pairs: Vec<String> = diff
            .matched_by_label
            .iter()
            .map(|(a, b)| format!("{a} = {b}"))
            .collect();
        out.push_str(&match lang {
            Lang::Ja => format!("\n種類とラベルで対応づけたノード: {}\n", pairs.join("、")),
            Lang::En => format!("\nNodes paired by kind and label: {}\n", pairs.join(", ")),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::catalogue::Kind;
    use crate::core::document::region::Region;
    use crate::core::document::templates;
    use crate::core::edit::{apply, Command, Meta};

    fn template(id: &str) -> Design {
        templates::find(id).unwrap().design().unwrap()
    }

    fn edited(id: &str, commands: &[Command]) -> Design {
        let mut d = template(id);
        for c in commands {
            apply(&mut d, c).unwrap_or_else(|r| panic!("{c:?} refused: {}", r.0.en));
        }
        d
    }

    fn fields(d: &Diff) -> Vec<(&'static str, &'static str, Option<&str>)> {
        d.changes
            .iter()
            .map(|x| (x.category.id(), x.change.id(), x.field.as_deref()))
            .collect()
    }

    fn table(r: Region) -> PriceTable {
        PriceTable::bundled(r).unwrap()
    }

    #[test]
    fn a_template_equals_itself() {
        for t in templates::TEMPLATES {
            let d = t.design().unwrap();
            let x = diff_priced(&d, &d, &table(d.region), &table(d.region));
            assert!(x.is_equal(), "{}: {:?}", t.id, x.changes);
            assert!(x.layout.is_empty() && x.matched_by_label.is_empty());
        }
    }

    #[test]
    fn a_parameter_change_with_its_cost() {
        let b = edited(
            "party-box",
            &[Command::SetParams {
                id: "nestjs".into(),
                values: vec![("desired_tasks".into(), ParamValue::Num(3.0))],
            }],
        );
        let a = template("party-box");
        let plain = diff(&a, &b);
        assert_eq!(
            fields(&plain),
            [("parameter", "changed", Some("desired_tasks"))]
        );
        let p = &plain.changes[0];
        assert_eq!((p.before.clone(), p.after.clone()), (json!(2), json!(3)));
        assert_eq!(
            (p.a.as_deref(), p.b.as_deref()),
            (Some("nestjs"), Some("nestjs"))
        );
        assert!(
            p.text.en.contains(
                "ECS service \"NestJS\" · Desired tasks (desired_tasks): 2 tasks → 3 tasks"
            ),
            "{}",
            p.text.en
        );
        assert!(p.text.ja.contains("希望タスク数"), "{}", p.text.ja);
        let priced = diff_priced(&a, &b, &table(a.region), &table(b.region));
        assert!(!priced.is_equal());
        let costs: Vec<&Difference> = priced
            .changes
            .iter()
            .filter(|d| d.category == Category::Cost)
            .collect();
        assert!(
            costs.iter().any(|d| d.b.as_deref() == Some("nestjs")),
            "{costs:?}"
        );
        let total = costs
            .iter()
            .find(|d| d.field.as_deref() == Some("total_monthly_usd"))
            .unwrap();
        assert!(total.after.as_f64().unwrap() > total.before.as_f64().unwrap());
        assert!(
            total.text.en.starts_with("Monthly total: $"),
            "{}",
            total.text.en
        );
    }

    #[test]
    fn nodes_added_removed_and_edges_with_them() {
        let b = edited(
            "party-box",
            &[
                Command::Delete {
                    nodes: vec!["cloudwatch".into()],
                    edges: vec![],
                },
                Command::AddNode {
                    kind: Kind::Elasticache,
                    at: None,
                    parent: Some("private".into()),
                },
            ],
        );
        let x = diff(&template("party-box"), &b);
        let f = fields(&x);
        assert!(f.contains(&("node", "removed", None)), "{f:?}");
        assert!(f.contains(&("node", "added", None)), "{f:?}");
        let removed_edges = x
            .changes
            .iter()
            .filter(|d| d.category == Category::Edge && d.change == Change::Removed)
            .count();
        assert_eq!(removed_edges, 4, "logs and scaling edges of CloudWatch");
        let added = x
            .changes
            .iter()
            .find(|d| d.change == Change::Added)
            .unwrap();
        assert_eq!(added.after, json!("elasticache"));
        assert!(
            added.text.en.starts_with("Added ElastiCache"),
            "{}",
            added.text.en
        );
        let removed = x
            .changes
            .iter()
            .find(|d| d.change == Change::Removed)
            .unwrap();
        assert!(removed.text.ja.contains("を削除"));
    }

    #[test]
    fn rules_priority_pattern_and_target() {
        let b = edited(
            "party-box",
            &[
                Command::SetRule {
                    id: "rule-api".into(),
                    priority: 30,
                    path_pattern: "/api/v1/*".into(),
                },
                Command::SetEdgeTarget {
                    id: "rule-socketio".into(),
                    to: "nextjs".into(),
                },
            ],
        );
        let x = diff(&template("party-box"), &b);
        assert_eq!(
            fields(&x),
            [
                ("rule", "changed", Some("priority")),
                ("rule", "changed", Some("path_pattern")),
                ("rule", "changed", Some("target")),
            ]
        );
        assert!(
            x.changes[1].text.en.contains("`/api/*` → `/api/v1/*`"),
            "{}",
            x.changes[1].text.en
        );
        assert_eq!(x.changes[2].after, json!("nextjs"));
        assert!(
            x.changes[2]
                .text
                .en
                .contains("forwards to: \"NestJS\" → \"Next.js\""),
            "{}",
            x.changes[2].text.en
        );
    }

    #[test]
    fn placement_labels_and_edge_kinds() {
        let b = edited(
            "party-box",
            &[
                Command::Place {
                    ids: vec!["nextjs".into()],
                    parent: Some("private".into()),
                },
                Command::SetLabel {
                    id: "rds".into(),
                    label: "DB".into(),
                },
                Command::SetEdgeKind {
                    id: "users-alb".into(),
                    kind: EdgeKind::Http,
                },
                Command::SetEdgeLabel {
                    id: "users-alb".into(),
                    label: "HTTP".into(),
                },
            ],
        );
        let x = diff(&template("party-box"), &b);
        let f = fields(&x);
        assert!(
            f.contains(&("placement", "changed", Some("parent"))),
            "{f:?}"
        );
        assert!(f.contains(&("label", "changed", Some("label"))), "{f:?}");
        assert!(f.contains(&("edge", "changed", Some("kind"))), "{f:?}");
        let parent = x
            .changes
            .iter()
            .find(|d| d.field.as_deref() == Some("parent"))
            .unwrap();
        assert_eq!(
            (parent.before.clone(), parent.after.clone()),
            (json!("cluster"), json!("private"))
        );
        assert!(
            parent
                .text
                .en
                .contains("sits in: \"ECS Cluster\" → \"Private Subnet\""),
            "{}",
            parent.text.en
        );
        // Categories come in a fixed order.
        let cats: Vec<Category> = x.changes.iter().map(|d| d.category).collect();
        let mut sorted = cats.clone();
        crate::core::support::sort::sort(&mut sorted);
        assert_eq!(cats, sorted);
    }

    #[test]
    fn moves_are_layout_within_a_tolerance() {
        let small = edited(
            "party-box",
            &[Command::Move {
                ids: vec!["users".into()],
                dx: MOVE_TOLERANCE,
                dy: -10.0,
            }],
        );
        let x = diff(&template("party-box"), &small);
        assert!(x.is_equal() && x.layout.is_empty(), "{x:?}");
        let big = edited(
            "party-box",
            &[Command::Move {
                ids: vec!["users".into()],
                dx: 200.0,
                dy: 0.0,
            }],
        );
        let x = diff(&template("party-box"), &big);
        assert!(x.is_equal(), "a move is not a difference");
        assert_eq!(x.layout.len(), 1);
        assert_eq!(x.layout[0].change, Change::Moved);
        assert!(
            x.layout[0].text.en.contains("moved by (200, 0)"),
            "{}",
            x.layout[0].text.en
        );
    }

    #[test]
    fn settings_region_and_usage() {
        let a = template("party-box");
        let mut meta = Meta::of(&a);
        meta.region = Region::UsEast1;
        meta.usage.insert("hours_per_month".into(), 300.0);
        let b = edited("party-box", &[Command::SetMeta(Box::new(meta))]);
        let x = diff(&a, &b);
        assert_eq!(
            fields(&x),
            [
                ("setting", "changed", Some("region")),
                ("setting", "changed", Some("usage.hours_per_month")),
            ]
        );
        assert_eq!(x.changes[0].text.en, "Region: ap-northeast-1 → us-east-1");
        let priced = diff_priced(&a, &b, &table(a.region), &table(b.region));
        assert!(priced
            .changes
            .iter()
            .any(|d| d.field.as_deref() == Some("total_monthly_usd")));
    }

    #[test]
    fn nodes_drawn_separately_pair_by_kind_and_label() {
        // A student's copy with other ids: rename every node id of Party Box by hand, as a
        // design drawn from scratch would have them.
        let a = template("party-box");
        let mut b = a.clone();
        let rename = |id: &NodeId| NodeId(format!("s-{id}"));
        b.nodes = a
            .nodes
            .values()
            .map(|n| {
                let mut n = n.clone();
                n.id = rename(&n.id);
                n.parent = n.parent.as_ref().map(rename);
                (n.id.clone(), n)
            })
            .collect();
        b.edges = a
            .edges
            .values()
            .map(|e| {
                let mut e = e.clone();
                e.id = EdgeId(format!("s-{}", e.id));
                e.from = rename(&e.from);
                e.to = rename(&e.to);
                (e.id.clone(), e)
            })
            .collect();
        let x = diff_priced(&a, &b, &table(a.region), &table(b.region));
        assert!(x.is_equal(), "{}", render_text(&x, Lang::En));
        assert_eq!(x.matched_by_label.len(), a.nodes.len());
        assert!(x
            .matched_by_label
            .contains(&(NodeId::from("nestjs"), NodeId::from("s-nestjs"))));
        // Then one real change shows up, named on both sides.
        apply(
            &mut b,
            &Command::SetRule {
                id: "s-rule-api".into(),
                priority: 10,
                path_pattern: "/v1/*".into(),
            },
        )
        .unwrap();
        let x = diff(&a, &b);
        assert_eq!(fields(&x), [("rule", "changed", Some("path_pattern"))]);
        assert_eq!(
            (x.changes[0].a.as_deref(), x.changes[0].b.as_deref()),
            (Some("rule-api"), Some("s-rule-api"))
        );
    }

    #[test]
    fn kind_change_is_reported_once_without_parameters() {
        let a = template("party-box");
        let mut b = a.clone();
        let n = b.nodes.get_mut(&NodeId::from("ecr")).unwrap();
        *n = Node::new("ecr", Kind::S3, n.pos);
        let x = diff(&a, &b);
        assert_eq!(fields(&x), [("node", "changed", Some("kind"))]);
        assert!(
            x.changes[0].text.en.contains("→ S3"),
            "{}",
            x.changes[0].text.en
        );
    }

    #[test]
    fn json_and_text_forms() {
        let b = edited(
            "party-box",
            &[Command::SetLabel {
                id: "alb".into(),
                label: "Front door".into(),
            }],
        );
        let x = diff(&template("party-box"), &b);
        let j = x.to_json();
        assert_eq!(j["format"], "kumozu-diff");
        assert_eq!(j["version"], 1);
        assert_eq!(j["equal"], false);
        assert_eq!(j["summary"]["changes"], 1);
        let c = &j["changes"][0];
        assert_eq!(c["category"], "label");
        assert_eq!(c["change"], "changed");
        assert_eq!(c["subject"], "node");
        assert_eq!(c["a"], "alb");
        assert_eq!(c["after"], "Front door");
        assert!(c["text"]["ja"].is_string());
        let en = render_text(&x, Lang::En);
        assert!(
            en.starts_with("1 difference:\n  ~ [label] Label of ALB (alb): \"\" → \"Front door\""),
            "{en}"
        );
        let ja = render_text(&diff(&b, &b), Lang::Ja);
        assert_eq!(ja, "違いはありません (レイアウトを除く)。\n");
    }
}
