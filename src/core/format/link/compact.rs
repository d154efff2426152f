//! The compact form inside a `k1` link: a small JSON object that says how the design differs
//! from a base (a template, or the empty design), with one- or two-letter keys.
//!
//! Both directions work on the file format's JSON value (`to_v1`), not on the model, so the
//! decoder ends in `load_value` and a link passes exactly the checks a file does. Documented in
//! docs/link-format.md; changing a key or a base here is a format change (`k2`).

use crate::core::support::sort::Ordered;

use serde_json::{Map, Value};

use crate::core::document::catalogue::Kind;
use crate::core::document::model::{Design, Node, Point};
use crate::core::document::region::Region;
use crate::core::document::templates;
use crate::core::format::link::error::LinkError;
use crate::core::format::load::{to_v1, MAX_EDGES, MAX_NODES};

/// Longest pricing-table version a link may carry.
const MAX_VERSION_CHARS: usize = 64;

/// Design-level fields: (file key, compact key).
const TOP: &[(&str, &str)] = &[
    ("name", "n"),
    ("region", "r"),
    ("template", "t"),
    ("follows_course", "c"),
];
/// `display` fields.
const DISPLAY: &[(&str, &str)] = &[
    ("currency", "m"),
    ("jpy_per_usd", "j"),
    ("include_tax", "i"),
];
/// Node fields besides `id`, `kind` (`k`) and `params` (`a`).
const NODE: &[(&str, &str)] = &[
    ("label", "l"),
    ("x", "x"),
    ("y", "y"),
    ("w", "w"),
    ("h", "h"),
    ("parent", "p"),
    ("note", "o"),
];
/// Edge fields besides `id` and `rule` (`r`).
const EDGE: &[(&str, &str)] = &[("kind", "k"), ("from", "f"), ("to", "t"), ("label", "l")];
/// Fields of an added node, between its kind and its parameters.
const ADDED_NODE: &[&str] = &["x", "y", "parent", "label", "w", "h", "note"];
/// From this many added nodes (or edges) on, they are written as columns rather than rows.
const COLUMNS_FROM: usize = 4;
/// Every top-level key of the compact form.
const TOP_KEYS: &[&str] = &[
    "b", "v", "n", "r", "t", "c", "m", "j", "i", "u", "N", "R", "A", "E", "S", "F",
];

/// The design as the file format's JSON value, numbers normalised (whole numbers as integers)
/// so that equal designs give equal values.
pub(super) fn file_value(design: &Design) -> Value {
    norm(to_v1(design).into_value())
}

/// Whole floats become integers, recursively; `60.0` and `60` compare equal afterwards.
fn norm(v: Value) -> Value {
    match v {
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 1e15 => Value::from(f as i64),
            _ => Value::Number(n),
        },
        Value::Array(a) => Value::Array(a.into_iter().map(norm).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, norm(v))).to_json_map()),
        other => other,
    }
}

/// The base a link builds on: the empty design, or a template's design.
fn base_value(base: Option<&str>) -> Result<Value, LinkError> {
    match base {
        None => Ok(file_value(&Design::empty("", Region::ApNortheast1))),
        Some(id) => {
            let unknown = || LinkError::UnknownTemplate {
                id: id.chars().take(60).collect(),
            };
            let template = templates::find(id).ok_or_else(unknown)?;
            // Every template loads (tested); a broken one is reported, not a panic.
            let design = template.design().map_err(|_| unknown())?;
            Ok(file_value(&design))
        }
    }
}

/// A node of `kind` with every default, as a file value without its id: what a node that is
/// not in the base is described against.
fn node_defaults(kind: Kind) -> Map<String, Value> {
    let mut d = Design::empty("", Region::ApNortheast1);
    d.add_node(Node::new("_", kind, Point::default()));
    let mut v = file_value(&d);
    let mut node = match v
        .get_mut("nodes")
        .and_then(|n| n.get_mut(0))
        .map(Value::take)
    {
        Some(Value::Object(o)) => o,
        _ => Map::new(),
    };
    node.remove("id");
    node
}

fn get<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.as_object().and_then(|o| o.get(key))
}

/// Records `new` under `ckey` when it differs from `old` (`null`: the field is gone).
fn field_diff(out: &mut Map<String, Value>, ckey: &str, old: Option<&Value>, new: Option<&Value>) {
    if old != new {
        out.insert(ckey.to_owned(), new.cloned().unwrap_or(Value::Null));
    }
}

/// Key-by-key difference of two objects with the same keys (usage, params).
fn map_diff(old: Option<&Value>, new: Option<&Value>) -> Map<String, Value> {
    let empty = Map::new();
    let old = old.and_then(Value::as_object).unwrap_or(&empty);
    let new = new.and_then(Value::as_object).unwrap_or(&empty);
    let mut out = Map::new();
    for k in old.keys().chain(new.keys()) {
        field_diff(&mut out, k, old.get(k), new.get(k));
    }
    out
}

/// Items of a file value's `nodes` or `edges`, by id: each an object without its `id`. A
/// JSON map of objects, like the values around it (one copy of the map code in the wasm).
fn by_id(v: &Value, list: &str) -> Map<String, Value> {
    get(v, list)
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|item| {
                    let mut o = item.as_object()?.clone();
                    let id = o.remove("id")?.as_str()?.to_owned();
                    Some((id, Value::Object(o)))
                })
                .to_json_map()
        })
        .unwrap_or_default()
}

/// The defaults of `kind` (`node_defaults`), made once per kind in `cache` (by kind id).
fn defaults_of(cache: &mut Map<String, Value>, kind: Kind) -> &Value {
    cache
        .entry(kind.id())
        .or_insert_with(|| Value::Object(node_defaults(kind)))
}

/// A rule in the compact form: `[priority, path_pattern]`.
fn rule_to_compact(rule: Option<&Value>) -> Option<Value> {
    let r = rule?;
    Some(Value::Array(vec![
        r.get("priority").cloned().unwrap_or(Value::Null),
        r.get("path_pattern").cloned().unwrap_or(Value::Null),
    ]))
}

/// The compact form of a design (`new`: its [`file_value`], computed once for every base the
/// encoder tries) against the base `base` (a template id, or `None` for the empty design),
/// carrying `pricing` (the pricing-table version).
pub(super) fn compact(
    new: &Value,
    base: Option<&str>,
    pricing: Option<&str>,
) -> Result<Value, LinkError> {
    let old = base_value(base)?;
    let mut out = Map::new();
    if let Some(b) = base {
        out.insert("b".into(), Value::from(b));
    }
    if let Some(v) = pricing {
        out.insert("v".into(), Value::from(v));
    }
    for (key, ckey) in TOP {
        field_diff(&mut out, ckey, get(&old, key), get(new, key));
    }
    let (old_display, new_display) = (get(&old, "display"), get(new, "display"));
    for (key, ckey) in DISPLAY {
        field_diff(
            &mut out,
            ckey,
            old_display.and_then(|d| d.get(key)),
            new_display.and_then(|d| d.get(key)),
        );
    }
    let usage = map_diff(get(&old, "usage"), get(new, "usage"));
    if !usage.is_empty() {
        out.insert("u".into(), Value::Object(usage));
    }

    let old_nodes = by_id(&old, "nodes");
    let new_nodes = by_id(new, "nodes");
    let mut defaults = Map::new();
    let mut changed = Map::new();
    let mut added: Vec<(String, Vec<Value>)> = Vec::new();
    let mut removed: Vec<&String> = old_nodes
        .keys()
        .filter(|id| !new_nodes.contains_key(*id))
        .collect();
    for (id, node) in &new_nodes {
        let kind = node.get("kind");
        match old_nodes.get(id) {
            Some(o) if o.get("kind") == kind => {
                let mut diff = Map::new();
                for (key, ckey) in NODE {
                    field_diff(&mut diff, ckey, o.get(*key), node.get(*key));
                }
                let params = map_diff(o.get("params"), node.get("params"));
                if !params.is_empty() {
                    diff.insert("a".into(), Value::Object(params));
                }
                if !diff.is_empty() {
                    changed.insert(id.clone(), Value::Object(diff));
                }
            }
            other => {
                // New, or its kind changed: described against its kind's defaults.
                if other.is_some() {
                    removed.push(id);
                }
                let reference = match kind.and_then(Value::as_str).and_then(Kind::from_id) {
                    Some(k) => defaults_of(&mut defaults, k),
                    None => &Value::Null,
                };
                let mut row = vec![kind.cloned().unwrap_or(Value::Null)];
                for key in ADDED_NODE {
                    let v = node.get(*key);
                    row.push(if v == reference.get(*key) {
                        Value::Null
                    } else {
                        v.cloned().unwrap_or(Value::Null)
                    });
                }
                let params = map_diff(reference.get("params"), node.get("params"));
                row.push(if params.is_empty() {
                    Value::Null
                } else {
                    Value::Object(params)
                });
                added.push((id.clone(), row));
            }
        }
    }
    crate::core::support::sort::sort(&mut removed);
    if !changed.is_empty() {
        out.insert("N".into(), Value::Object(changed));
    }
    if !removed.is_empty() {
        out.insert(
            "R".into(),
            removed
                .into_iter()
                .map(|id| Value::from(id.as_str()))
                .collect(),
        );
    }
    if !added.is_empty() {
        out.insert("A".into(), table(added));
    }

    let old_edges = by_id(&old, "edges");
    let new_edges = by_id(new, "edges");
    let mut changed = Map::new();
    let mut added: Vec<(String, Vec<Value>)> = Vec::new();
    for (id, edge) in &new_edges {
        match old_edges.get(id) {
            Some(o) => {
                let mut diff = Map::new();
                for (key, ckey) in EDGE {
                    field_diff(&mut diff, ckey, o.get(*key), edge.get(*key));
                }
                field_diff(
                    &mut diff,
                    "r",
                    rule_to_compact(o.get("rule")).as_ref(),
                    rule_to_compact(edge.get("rule")).as_ref(),
                );
                if !diff.is_empty() {
                    changed.insert(id.clone(), Value::Object(diff));
                }
            }
            None => {
                let field = |key: &str| edge.get(key).cloned().unwrap_or(Value::Null);
                let row = vec![
                    field("kind"),
                    field("from"),
                    field("to"),
                    rule_to_compact(edge.get("rule")).unwrap_or(Value::Null),
                    field("label"),
                ];
                added.push((id.clone(), row));
            }
        }
    }
    if !changed.is_empty() {
        out.insert("E".into(), Value::Object(changed));
    }
    let removed: Vec<Value> = old_edges
        .keys()
        .filter(|id| !new_edges.contains_key(*id))
        .map(|id| Value::from(id.as_str()))
        .collect();
    if !removed.is_empty() {
        out.insert("S".into(), Value::Array(removed));
    }
    if !added.is_empty() {
        out.insert("F".into(), table(added));
    }
    Ok(Value::Object(out))
}

fn malformed(place: impl Into<String>, detail: impl Into<String>) -> LinkError {
    LinkError::Malformed {
        place: place.into(),
        detail: detail.into(),
    }
}

/// Short, safe text of an id for messages.
fn shown(id: &str) -> String {
    id.chars().take(40).collect()
}

/// Sets `key` to `value`, or removes it when `value` is `null`.
fn set(obj: &mut Map<String, Value>, key: &str, value: &Value) {
    if value.is_null() {
        obj.remove(key);
    } else {
        obj.insert(key.to_owned(), value.clone());
    }
}

fn object<'a>(v: &'a Value, place: &str) -> Result<&'a Map<String, Value>, LinkError> {
    v.as_object()
        .ok_or_else(|| malformed(place, "expected an object"))
}

fn check_keys(obj: &Map<String, Value>, allowed: &[&str], place: &str) -> Result<(), LinkError> {
    match obj.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(malformed(place, format!("unknown key \"{}\"", shown(k)))),
        None => Ok(()),
    }
}

/// Ids listed for removal: a list of strings, each in `items`.
fn remove_listed(
    items: &mut Map<String, Value>,
    list: Option<&Value>,
    place: &str,
) -> Result<(), LinkError> {
    let Some(list) = list else { return Ok(()) };
    let list = list
        .as_array()
        .ok_or_else(|| malformed(place, "expected a list of ids"))?;
    for (i, id) in list.iter().enumerate() {
        let id = id
            .as_str()
            .ok_or_else(|| malformed(format!("{place}[{i}]"), "expected an id"))?;
        if items.remove(id).is_none() {
            return Err(malformed(
                format!("{place}[{i}]"),
                format!("\"{}\" is not in the base design", shown(id)),
            ));
        }
    }
    Ok(())
}

/// Applies a compact diff of parameters or usage (`null`: removed).
fn apply_map(
    target: &mut Map<String, Value>,
    key: &str,
    diff: &Value,
    place: &str,
) -> Result<(), LinkError> {
    let diff = object(diff, place)?;
    let mut map = match target.remove(key) {
        Some(Value::Object(m)) => m,
        _ => Map::new(),
    };
    for (k, v) in diff {
        set(&mut map, k, v);
    }
    target.insert(key.to_owned(), Value::Object(map));
    Ok(())
}

/// Rebuilds the design file value from a compact form; returns it with the pricing version.
/// Checks only the compact form's own shape: the result goes to `load_value` for the rest.
pub(super) fn expand(compact: &Value) -> Result<(Value, Option<String>), LinkError> {
    let top = object(compact, "link")?;
    check_keys(top, TOP_KEYS, "link")?;
    let base = match top.get("b") {
        None => None,
        Some(Value::String(s)) => Some(s.as_str()),
        Some(_) => return Err(malformed("b", "expected a template id")),
    };
    let pricing = match top.get("v") {
        None => None,
        Some(Value::String(s)) if s.chars().count() <= MAX_VERSION_CHARS => Some(s.clone()),
        Some(_) => {
            return Err(malformed(
                "v",
                format!(
                    "expected a pricing-table version of at most {MAX_VERSION_CHARS} characters"
                ),
            ))
        }
    };
    let base = base_value(base)?;
    let Value::Object(mut doc) = base else {
        return Err(malformed("b", "the base is not a design"));
    };
    let old_nodes = by_id(&Value::Object(doc.clone()), "nodes");
    let old_edges = by_id(&Value::Object(doc.clone()), "edges");

    for (key, ckey) in TOP {
        if let Some(v) = top.get(*ckey) {
            set(&mut doc, key, v);
        }
    }
    let mut display = match doc.remove("display") {
        Some(Value::Object(d)) => d,
        _ => Map::new(),
    };
    for (key, ckey) in DISPLAY {
        if let Some(v) = top.get(*ckey) {
            set(&mut display, key, v);
        }
    }
    doc.insert("display".into(), Value::Object(display));
    if let Some(u) = top.get("u") {
        apply_map(&mut doc, "usage", u, "u")?;
    }

    // Nodes: removed, then changed, then added.
    let mut nodes = old_nodes;
    remove_listed(&mut nodes, top.get("R"), "R")?;
    if let Some(diffs) = top.get("N") {
        let diffs = object(diffs, "N")?;
        for (id, diff) in diffs {
            let place = format!("N.\"{}\"", shown(id));
            let diff = object(diff, &place)?;
            check_keys(diff, &["l", "x", "y", "w", "h", "p", "o", "a"], &place)?;
            let node = nodes
                .get_mut(id)
                .and_then(Value::as_object_mut)
                .ok_or_else(|| malformed(&place, "not in the base design"))?;
            for (key, ckey) in NODE {
                if let Some(v) = diff.get(*ckey) {
                    set(node, key, v);
                }
            }
            if let Some(a) = diff.get("a") {
                apply_map(node, "params", a, &format!("{place}.a"))?;
            }
        }
    }
    if let Some(table) = top.get("A") {
        let mut defaults = Map::new();
        for (id, row) in read_table(table, ADDED_NODE.len() + 2, MAX_NODES, "A")? {
            let place = format!("A.\"{}\"", shown(&id));
            if nodes.contains_key(&id) {
                return Err(malformed(place, "already in the design"));
            }
            // An unknown kind is left for the loader to name.
            let mut node = match row[0].as_str().and_then(Kind::from_id) {
                Some(k) => defaults_of(&mut defaults, k)
                    .as_object()
                    .cloned()
                    .unwrap_or_default(),
                None => Map::new(),
            };
            node.insert("kind".into(), row[0].clone());
            for (key, v) in ADDED_NODE.iter().zip(&row[1..]) {
                if !v.is_null() {
                    node.insert((*key).to_owned(), v.clone());
                }
            }
            if let Some(a) = row.last().filter(|a| !a.is_null()) {
                apply_map(&mut node, "params", a, &format!("{place}.a"))?;
            }
            nodes.insert(id, Value::Object(node));
        }
    }

    // Edges: removed, then changed, then added.
    let mut edges = old_edges;
    remove_listed(&mut edges, top.get("S"), "S")?;
    if let Some(diffs) = top.get("E") {
        let diffs = object(diffs, "E")?;
        for (id, diff) in diffs {
            let place = format!("E.\"{}\"", shown(id));
            let diff = object(diff, &place)?;
            check_keys(diff, &["k", "f", "t", "l", "r"], &place)?;
            let edge = edges
                .get_mut(id)
                .and_then(Value::as_object_mut)
                .ok_or_else(|| malformed(&place, "not in the base design"))?;
            for (key, ckey) in EDGE {
                if let Some(v) = diff.get(*ckey) {
                    set(edge, key, v);
                }
            }
            if let Some(r) = diff.get("r") {
                set_rule(edge, r, &format!("{place}.r"))?;
            }
        }
    }
    if let Some(table) = top.get("F") {
        for (id, row) in read_table(table, 5, MAX_EDGES, "F")? {
            let place = format!("F.\"{}\"", shown(&id));
            if edges.contains_key(&id) {
                return Err(malformed(place, "already in the design"));
            }
            let mut edge = Map::new();
            for (key, v) in ["kind", "from", "to"].iter().zip(&row) {
                set(&mut edge, key, v);
            }
            set_rule(&mut edge, &row[3], &format!("{place}[3]"))?;
            set(&mut edge, "label", &row[4]);
            edges.insert(id, Value::Object(edge));
        }
    }
    let with_ids = |items: Map<String, Value>| -> Value {
        Value::Array(
            items
                .into_iter()
                .map(|(id, mut item)| {
                    if let Value::Object(o) = &mut item {
                        o.insert("id".into(), Value::String(id));
                    }
                    item
                })
                .collect(),
        )
    };
    doc.insert("nodes".into(), with_ids(nodes));
    doc.insert("edges".into(), with_ids(edges));
    Ok((Value::Object(doc), pricing))
}

/// Added items as rows (`{id: [field, …]}`) when few, else as columns (`[[id, …], [field of
/// each, …], …]`), which compress much better: similar values sit side by side. Trailing
/// `null`s (defaults) are left out of rows and tables.
fn table(rows: Vec<(String, Vec<Value>)>) -> Value {
    fn trim(mut v: Vec<Value>) -> Vec<Value> {
        while v.len() > 1 && v.last() == Some(&Value::Null) {
            v.pop();
        }
        v
    }
    if rows.len() < COLUMNS_FROM {
        return Value::Object(
            rows.into_iter()
                .map(|(id, row)| (id, Value::Array(trim(row))))
                .to_json_map(),
        );
    }
    let width = rows.iter().map(|(_, r)| r.len()).max().unwrap_or(0);
    let mut columns = vec![Value::Array(
        rows.iter()
            .map(|(id, _)| Value::from(id.as_str()))
            .collect(),
    )];
    for j in 0..width {
        let column: Vec<Value> = rows
            .iter()
            .map(|(_, r)| r.get(j).cloned().unwrap_or(Value::Null))
            .collect();
        columns.push(if column.iter().all(Value::is_null) {
            Value::Null
        } else {
            Value::Array(column)
        });
    }
    Value::Array(trim(columns))
}

/// Reads added items written by `table`: `(id, fields)` with exactly `width` fields each.
fn read_table(
    v: &Value,
    width: usize,
    max: usize,
    place: &str,
) -> Result<Vec<(String, Vec<Value>)>, LinkError> {
    let too_many = |found: usize| LinkError::TooLarge {
        what: if place == "A" { "nodes" } else { "edges" },
        found,
        max,
    };
    let pad = |mut row: Vec<Value>| {
        row.resize(width, Value::Null);
        row
    };
    match v {
        Value::Object(rows) => {
            if rows.len() > max {
                return Err(too_many(rows.len()));
            }
            rows.iter()
                .map(|(id, row)| match row {
                    Value::Array(r) if !r.is_empty() && r.len() <= width => {
                        Ok((id.clone(), pad(r.clone())))
                    }
                    _ => Err(malformed(
                        format!("{place}.\"{}\"", shown(id)),
                        format!("expected a list of 1 to {width} fields"),
                    )),
                })
                .collect()
        }
        Value::Array(columns) => {
            let ids = match columns.first() {
                Some(Value::Array(ids)) if columns.len() <= width + 1 => ids,
                _ => {
                    return Err(malformed(
                        place,
                        format!("expected a list of ids and at most {width} columns"),
                    ))
                }
            };
            if ids.len() > max {
                return Err(too_many(ids.len()));
            }
            let mut rows = Vec::with_capacity(ids.len());
            for (i, id) in ids.iter().enumerate() {
                let id = id
                    .as_str()
                    .ok_or_else(|| malformed(format!("{place}[0][{i}]"), "expected an id"))?;
                rows.push((id.to_owned(), vec![Value::Null; width]));
            }
            for (j, column) in columns.iter().enumerate().skip(1) {
                match column {
                    Value::Null => {}
                    Value::Array(values) if values.len() == rows.len() => {
                        for (row, value) in rows.iter_mut().zip(values) {
                            row.1[j - 1] = value.clone();
                        }
                    }
                    _ => {
                        return Err(malformed(
                            format!("{place}[{j}]"),
                            format!("expected null or a list of {} values", rows.len()),
                        ))
                    }
                }
            }
            Ok(rows)
        }
        _ => Err(malformed(place, "expected rows or columns")),
    }
}

/// Sets or removes an edge's rule from its compact `[priority, path_pattern]`.
fn set_rule(edge: &mut Map<String, Value>, r: &Value, place: &str) -> Result<(), LinkError> {
    match r {
        Value::Null => {
            edge.remove("rule");
        }
        Value::Array(r) if r.len() == 2 => {
            let mut rule = Map::new();
            rule.insert("priority".into(), r[0].clone());
            rule.insert("path_pattern".into(), r[1].clone());
            edge.insert("rule".into(), Value::Object(rule));
        }
        _ => return Err(malformed(place, "expected [priority, path_pattern]")),
    }
    Ok(())
}
