//! Reporting the differences of two paired designs: design settings, nodes, edges and cost
//! lines, each a [`Difference`] with its values and one line in both languages.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::core::cost::{self, CostLine};
use crate::core::document::catalogue::{usage_spec, EdgeKind};
use crate::core::document::model::{Currency, Design, Edge, EdgeId, Node, NodeId, ParamValue};
use crate::core::format::load::param_to_json;
use crate::core::support::i18n::Lang;
use crate::core::support::sort::Ordered;
use crate::core::validate::Message;

use super::pairing::Pairs;
use super::{Category, Change, Difference, Subject, MOVE_TOLERANCE};

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

/// Where a difference is and what it concerns (everything but its values and its words):
/// [`Draft::says`] completes it. Reporting code fills one per difference it finds.
struct Draft<'x> {
    category: Category,
    change: Change,
    subject: Subject,
    /// The node or edge id in A.
    a: Option<&'x str>,
    /// The node or edge id in B.
    b: Option<&'x str>,
    /// What differs (see [`Difference::field`]).
    field: Option<&'x str>,
}

impl Draft<'_> {
    /// The difference, with the value in A, the value in B and one line saying it.
    fn says(self, before: Value, after: Value, ja: String, en: String) -> Difference {
        Difference {
            category: self.category,
            change: self.change,
            subject: self.subject,
            a: self.a.map(str::to_owned),
            b: self.b.map(str::to_owned),
            field: self.field.map(str::to_owned),
            before,
            after,
            text: Message::new(ja, en),
        }
    }
}

pub(super) fn settings(a: &Design, b: &Design, out: &mut Vec<Difference>) {
    let mut setting =
        |field: &str, ja: &str, en: &str, before: Value, after: Value, shown: (String, String)| {
            if before != after {
                let (x, y) = shown;
                out.push(
                    Draft {
                        category: Category::Setting,
                        change: Change::Changed,
                        subject: Subject::Design,
                        a: None,
                        b: None,
                        field: Some(field),
                    }
                    .says(
                        before,
                        after,
                        format!("{ja}: {x} → {y}"),
                        format!("{en}: {x} → {y}"),
                    ),
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

pub(super) fn nodes(
    a: &Design,
    b: &Design,
    pairs: &Pairs,
    out: &mut Vec<Difference>,
    layout: &mut Vec<Difference>,
) {
    for n in a.nodes.values() {
        let Some(bid) = pairs.to_b(&n.id) else {
            let (ja, en) = named(n);
            out.push(
                Draft {
                    category: Category::Node,
                    change: Change::Removed,
                    subject: Subject::Node,
                    a: Some(n.id.as_str()),
                    b: None,
                    field: None,
                }
                .says(
                    json!(n.kind.id()),
                    Value::Null,
                    format!("{ja} ({}) を削除", n.id),
                    format!("Removed {en} ({})", n.id),
                ),
            );
            continue;
        };
        let Some(m) = b.nodes.get(bid) else { continue };
        let (aid, bid) = (Some(n.id.as_str()), Some(m.id.as_str()));
        let (nja, nen) = named(m);
        if n.kind != m.kind {
            let (kja, ken) = (n.kind.info().name, m.kind.info().name);
            out.push(
                Draft {
                    category: Category::Node,
                    change: Change::Changed,
                    subject: Subject::Node,
                    a: aid,
                    b: bid,
                    field: Some("kind"),
                }
                .says(
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
                ),
            );
        }
        let parent_a = n.parent.as_ref().map(|p| pairs.to_b(p).unwrap_or(p));
        if parent_a != m.parent.as_ref() {
            let (xja, xen) = short(a, n.parent.as_ref());
            let (yja, yen) = short(b, m.parent.as_ref());
            out.push(
                Draft {
                    category: Category::Placement,
                    change: Change::Changed,
                    subject: Subject::Node,
                    a: aid,
                    b: bid,
                    field: Some("parent"),
                }
                .says(
                    json!(n.parent.as_ref().map(|p| p.as_str())),
                    json!(m.parent.as_ref().map(|p| p.as_str())),
                    format!("{nja}の置き場所: {xja} → {yja}"),
                    format!("{nen} sits in: {xen} → {yen}"),
                ),
            );
        }
        if n.label != m.label {
            out.push(
                Draft {
                    category: Category::Label,
                    change: Change::Changed,
                    subject: Subject::Node,
                    a: aid,
                    b: bid,
                    field: Some("label"),
                }
                .says(
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
                out.push(
                    Draft {
                        category: Category::Parameter,
                        change: Change::Changed,
                        subject: Subject::Node,
                        a: aid,
                        b: bid,
                        field: Some(key),
                    }
                    .says(
                        x.map(param_to_json).unwrap_or(Value::Null),
                        y.map(param_to_json).unwrap_or(Value::Null),
                        format!("{nja}の{pja} ({key}): {xja} → {yja}"),
                        format!("{nen} · {pen} ({key}): {xen} → {yen}"),
                    ),
                );
            }
        }
        let (dx, dy) = (m.pos.x - n.pos.x, m.pos.y - n.pos.y);
        if dx.abs() > MOVE_TOLERANCE || dy.abs() > MOVE_TOLERANCE {
            layout.push(
                Draft {
                    category: Category::Layout,
                    change: Change::Moved,
                    subject: Subject::Node,
                    a: aid,
                    b: bid,
                    field: Some("position"),
                }
                .says(
                    json!({ "x": num_json(n.pos.x), "y": num_json(n.pos.y) }),
                    json!({ "x": num_json(m.pos.x), "y": num_json(m.pos.y) }),
                    format!("{nja}を ({}, {}) 動かしました", num(dx), num(dy)),
                    format!("{nen} moved by ({}, {})", num(dx), num(dy)),
                ),
            );
        }
        let (sa, sb) = (n.box_size(), m.box_size());
        if (sb.w - sa.w).abs() > MOVE_TOLERANCE || (sb.h - sa.h).abs() > MOVE_TOLERANCE {
            layout.push(
                Draft {
                    category: Category::Layout,
                    change: Change::Resized,
                    subject: Subject::Node,
                    a: aid,
                    b: bid,
                    field: Some("size"),
                }
                .says(
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
                ),
            );
        }
    }
    for m in b.nodes.values() {
        if pairs.b_to_a.contains_key(&m.id) {
            continue;
        }
        let (ja, en) = named(m);
        out.push(
            Draft {
                category: Category::Node,
                change: Change::Added,
                subject: Subject::Node,
                a: None,
                b: Some(m.id.as_str()),
                field: None,
            }
            .says(
                Value::Null,
                json!(m.kind.id()),
                format!("{ja} ({}) を追加", m.id),
                format!("Added {en} ({})", m.id),
            ),
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

/// The edges added, removed and changed, through the edge pairing.
pub(super) fn edges(a: &Design, b: &Design, pairs: &Pairs, out: &mut Vec<Difference>) {
    let a_to_b = &pairs.edges;
    for e in a.edges.values() {
        let is_rule = |e: &Edge| e.kind == EdgeKind::AlbRule;
        let Some(f) = a_to_b.get(&e.id).and_then(|id| b.edges.get(*id)) else {
            let (ja, en) = edge_named(a, e);
            let cat = if is_rule(e) {
                Category::Rule
            } else {
                Category::Edge
            };
            out.push(
                Draft {
                    category: cat,
                    change: Change::Removed,
                    subject: Subject::Edge,
                    a: Some(e.id.as_str()),
                    b: None,
                    field: None,
                }
                .says(
                    edge_json(e),
                    Value::Null,
                    format!("{ja} ({}) を削除", e.id),
                    format!("Removed {en} ({})", e.id),
                ),
            );
            continue;
        };
        let (aid, bid) = (Some(e.id.as_str()), Some(f.id.as_str()));
        let (nja, nen) = edge_named(b, f);
        let mut change =
            |cat: Category, field: &str, before: Value, after: Value, ja: String, en: String| {
                out.push(
                    Draft {
                        category: cat,
                        change: Change::Changed,
                        subject: Subject::Edge,
                        a: aid,
                        b: bid,
                        field: Some(field),
                    }
                    .says(before, after, ja, en),
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
        out.push(
            Draft {
                category: cat,
                change: Change::Added,
                subject: Subject::Edge,
                a: None,
                b: Some(f.id.as_str()),
                field: None,
            }
            .says(
                Value::Null,
                edge_json(f),
                format!("{ja} ({}) を追加", f.id),
                format!("Added {en} ({})", f.id),
            ),
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

pub(super) fn costs(
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
            out.push(
                Draft {
                    category: Category::Cost,
                    change,
                    subject,
                    a: x.and_then(|l| l.node.as_ref()).map(|n| n.as_str()),
                    b: y.and_then(|l| l.node.as_ref()).map(|n| n.as_str()),
                    field: Some(line.component.en),
                }
                .says(
                    bv,
                    av,
                    format!("{who_ja} · {} (月額): {bja} → {aja}", line.component.ja),
                    format!("{who_en} · {} (monthly): {ben} → {aen}", line.component.en),
                ),
            );
        }
    }
    if ea.total_monthly_usd != eb.total_monthly_usd {
        let (x, y) = (ea.total_monthly_usd, eb.total_monthly_usd);
        out.push(
            Draft {
                category: Category::Cost,
                change: Change::Changed,
                subject: Subject::Design,
                a: None,
                b: None,
                field: Some("total_monthly_usd"),
            }
            .says(
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
            ),
        );
    }
}
