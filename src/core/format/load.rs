//! Loading and saving design files: JSON text ⇄ `dto::DesignV1` ⇄ `model::Design`.
//!
//! Loading never panics. Structural damage (malformed JSON, an unknown version or kind, a
//! duplicate id, a dangling parent or edge end, a containment cycle, a value outside its
//! range) is a `LoadError` naming the place and the reason; harmless oddities (an unknown
//! parameter, a missing one) are repaired and reported as notes. Whether the design is a
//! *good* architecture is the validator's business, not the loader's.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::core::support::numtext::shortest;

use crate::core::document::catalogue::{EdgeKind, Kind, ParamSpec, ParamType, USAGE};
use crate::core::document::model::{
    Currency, Design, Edge, EdgeId, ListenerRule, Node, NodeId, ParamValue, Point, Size,
};
use crate::core::document::region::Region;
use crate::core::format::dto::{
    DesignV1, DisplayV1, EdgeV1, NodeV1, RuleV1, CURRENT_VERSION, FORMAT,
};
use crate::core::support::i18n::Lang;

/// Largest design file accepted, in bytes.
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;
/// Most nodes in one design.
pub const MAX_NODES: usize = 5_000;
/// Most edges in one design.
pub const MAX_EDGES: usize = 20_000;
/// Longest label, note or text parameter, in characters.
pub const MAX_TEXT_CHARS: usize = 1_000;
/// Farthest a node may sit from the origin, in canvas units.
pub const MAX_COORD: f64 = 1_000_000.0;

/// Why a file could not be loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadErrorKind {
    /// Not JSON.
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's words.
        detail: String,
    },
    /// Bigger than `MAX_INPUT_BYTES`, or more nodes/edges than allowed.
    TooLarge {
        /// What is too big.
        what: &'static str,
        /// Its size.
        found: usize,
        /// The limit.
        max: usize,
    },
    /// JSON, but not a kumozu design.
    NotADesign,
    /// A version this build cannot read.
    UnsupportedVersion {
        /// The version in the file.
        found: String,
    },
    /// A field is missing or has the wrong type.
    Field {
        /// serde's explanation.
        detail: String,
    },
    /// An unknown region code.
    UnknownRegion {
        /// The code.
        found: String,
    },
    /// An unknown node kind.
    UnknownKind {
        /// The kind id.
        found: String,
    },
    /// An unknown edge kind.
    UnknownEdgeKind {
        /// The kind id.
        found: String,
    },
    /// Two nodes or two edges share an id.
    DuplicateId {
        /// The id.
        id: String,
    },
    /// An id that is empty or too long.
    BadId,
    /// The parent does not exist.
    DanglingParent {
        /// The missing parent id.
        parent: String,
    },
    /// The parent exists but holds no nodes.
    ParentNotContainer {
        /// The parent id.
        parent: String,
        /// Its kind.
        kind: &'static str,
    },
    /// The edge's end does not exist.
    DanglingEdgeEnd {
        /// `from` or `to`.
        end: &'static str,
        /// The missing node id.
        node: String,
    },
    /// The edge starts and ends at the same node.
    SelfLoop,
    /// Containers contain each other in a circle.
    ContainmentCycle {
        /// The ids in the circle.
        ids: Vec<String>,
    },
    /// An `alb_rule` edge without a rule.
    MissingRule,
    /// A value outside what is possible.
    BadValue {
        /// What the value should be.
        expected: String,
    },
}

/// A file that could not be loaded: where and why.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    /// Where, as a path into the file (`nodes[3] "alb".parent`); empty for the whole file.
    pub place: String,
    /// Why.
    pub kind: LoadErrorKind,
}

impl LoadError {
    fn new(place: impl Into<String>, kind: LoadErrorKind) -> LoadError {
        LoadError {
            place: place.into(),
            kind,
        }
    }

    /// The reason in `lang`, without the place.
    pub fn reason(&self, lang: Lang) -> String {
        use LoadErrorKind::*;
        let ja = lang == Lang::Ja;
        match &self.kind {
            Syntax {
                line,
                column,
                detail,
            } => {
                if ja {
                    format!("JSON として読めません ({line} 行 {column} 列: {detail})")
                } else {
                    format!("not valid JSON (line {line}, column {column}: {detail})")
                }
            }
            TooLarge { what, found, max } => {
                if ja {
                    format!("大きすぎます ({what}: {found}、上限 {max})")
                } else {
                    format!("too large ({what}: {found}, at most {max})")
                }
            }
            NotADesign => {
                if ja {
                    format!("kumozu の設計ファイルではありません (\"format\": \"{FORMAT}\" がありません)")
                } else {
                    format!("not a kumozu design (no \"format\": \"{FORMAT}\")")
                }
            }
            UnsupportedVersion { found } => {
                if ja {
                    format!("バージョン {found} の形式は読めません (この kumozu が読めるのは 1〜{CURRENT_VERSION})。新しい kumozu で作られた可能性があります")
                } else {
                    format!("cannot read format version {found} (this kumozu reads 1 to {CURRENT_VERSION}); it may come from a newer kumozu")
                }
            }
            Field { detail } => {
                if ja {
                    format!("項目が正しくありません: {detail}")
                } else {
                    format!("bad field: {detail}")
                }
            }
            UnknownRegion { found } => {
                let known: Vec<_> = Region::ALL.iter().map(|r| r.code()).collect();
                if ja {
                    format!(
                        "未対応のリージョン \"{found}\" (対応: {})",
                        known.join(", ")
                    )
                } else {
                    format!("unknown region \"{found}\" (known: {})", known.join(", "))
                }
            }
            UnknownKind { found } => {
                if ja {
                    format!("未知の種類 \"{found}\"")
                } else {
                    format!("unknown node kind \"{found}\"")
                }
            }
            UnknownEdgeKind { found } => {
                if ja {
                    format!("未知の接続の種類 \"{found}\"")
                } else {
                    format!("unknown edge kind \"{found}\"")
                }
            }
            DuplicateId { id } => {
                if ja {
                    format!("ID \"{id}\" が重複しています")
                } else {
                    format!("duplicate id \"{id}\"")
                }
            }
            BadId => {
                if ja {
                    "ID は 1〜100 文字で指定してください".to_owned()
                } else {
                    "an id must be 1 to 100 characters".to_owned()
                }
            }
            DanglingParent { parent } => {
                if ja {
                    format!("親 \"{parent}\" が存在しません")
                } else {
                    format!("parent \"{parent}\" does not exist")
                }
            }
            ParentNotContainer { parent, kind } => {
                if ja {
                    format!("親 \"{parent}\" ({kind}) は他のノードを入れられる種類ではありません")
                } else {
                    format!("parent \"{parent}\" is a {kind}, which cannot hold other nodes")
                }
            }
            DanglingEdgeEnd { end, node } => {
                if ja {
                    format!("{end} のノード \"{node}\" が存在しません")
                } else {
                    format!("{end} node \"{node}\" does not exist")
                }
            }
            SelfLoop => {
                if ja {
                    "同じノード同士を接続しています".to_owned()
                } else {
                    "the edge connects a node to itself".to_owned()
                }
            }
            ContainmentCycle { ids } => {
                if ja {
                    format!("入れ子が循環しています ({})", ids.join(" → "))
                } else {
                    format!("containment cycle ({})", ids.join(" → "))
                }
            }
            MissingRule => {
                if ja {
                    "alb_rule の接続には rule (priority と path_pattern) が必要です".to_owned()
                } else {
                    "an alb_rule edge needs a rule (priority and path_pattern)".to_owned()
                }
            }
            BadValue { expected } => {
                if ja {
                    format!("値が不正です (期待: {expected})")
                } else {
                    format!("impossible value (expected {expected})")
                }
            }
        }
    }

    /// The whole message in `lang`: place and reason.
    pub fn message(&self, lang: Lang) -> String {
        if self.place.is_empty() {
            self.reason(lang)
        } else {
            format!("{}: {}", self.place, self.reason(lang))
        }
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for LoadError {}

/// A loaded design and what was repaired on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The design.
    pub design: Design,
    /// Harmless oddities that were repaired (in English; places included).
    pub notes: Vec<String>,
}

/// Loads a design file from JSON text.
pub fn load_json(text: &str) -> Result<Loaded, LoadError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(LoadError::new(
            "",
            LoadErrorKind::TooLarge {
                what: "bytes",
                found: text.len(),
                max: MAX_INPUT_BYTES,
            },
        ));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        LoadError::new(
            "",
            LoadErrorKind::Syntax {
                line: e.line(),
                column: e.column(),
                detail: strip_position(&e.to_string()),
            },
        )
    })?;
    load_value(value)
}

/// serde_json appends " at line L column C"; the error carries those separately.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

/// Loads a design from an already-parsed JSON value.
pub fn load_value(value: Value) -> Result<Loaded, LoadError> {
    let Value::Object(obj) = &value else {
        return Err(LoadError::new("", LoadErrorKind::NotADesign));
    };
    if obj.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(LoadError::new("format", LoadErrorKind::NotADesign));
    }
    match obj.get("version") {
        Some(Value::Number(n)) if n.as_u64() == Some(1) => {}
        Some(v) => {
            return Err(LoadError::new(
                "version",
                LoadErrorKind::UnsupportedVersion {
                    found: v.to_string(),
                },
            ))
        }
        None => {
            return Err(LoadError::new(
                "version",
                LoadErrorKind::Field {
                    detail: "missing field `version`".into(),
                },
            ))
        }
    }
    let dto = DesignV1::from_value(value)
        .map_err(|detail| LoadError::new("", LoadErrorKind::Field { detail }))?;
    from_v1(dto)
}

fn from_v1(dto: DesignV1) -> Result<Loaded, LoadError> {
    let mut notes = Vec::new();
    let region = Region::from_code(&dto.region).ok_or_else(|| {
        LoadError::new(
            "region",
            LoadErrorKind::UnknownRegion {
                found: dto.region.clone(),
            },
        )
    })?;
    let mut design = Design::empty(check_text("name", dto.name)?, region);
    design.template = dto
        .template
        .map(|t| check_text("template", t))
        .transpose()?;
    design.follows_course = dto.follows_course;
    design.currency = match dto.display.currency.as_str() {
        "USD" => Currency::Usd,
        "JPY" => Currency::Jpy,
        _ => {
            return Err(LoadError::new(
                "display.currency",
                LoadErrorKind::BadValue {
                    expected: "\"USD\" or \"JPY\"".into(),
                },
            ))
        }
    };
    let rate = dto.display.jpy_per_usd;
    if !(rate.is_finite() && rate > 0.0 && rate <= 100_000.0) {
        return Err(LoadError::new(
            "display.jpy_per_usd",
            LoadErrorKind::BadValue {
                expected: "a rate above 0 and at most 100000".into(),
            },
        ));
    }
    design.jpy_per_usd = rate;
    design.include_tax = dto.display.include_tax;

    for (key, value) in dto.usage {
        let place = format!("usage.{key}");
        let Some(spec) = USAGE.iter().find(|u| u.key == key) else {
            notes.push(format!("{place}: unknown usage assumption, ignored"));
            continue;
        };
        match value.as_f64() {
            Some(v) if v.is_finite() && (0.0..=spec.max).contains(&v) => {
                design.usage.insert(key, v);
            }
            _ => {
                return Err(LoadError::new(
                    place,
                    LoadErrorKind::BadValue {
                        expected: format!(
                            "a number from 0 to {} ({})",
                            shortest(spec.max),
                            spec.unit
                        ),
                    },
                ))
            }
        }
    }

    if dto.nodes.len() > MAX_NODES {
        return Err(LoadError::new(
            "nodes",
            LoadErrorKind::TooLarge {
                what: "nodes",
                found: dto.nodes.len(),
                max: MAX_NODES,
            },
        ));
    }
    if dto.edges.len() > MAX_EDGES {
        return Err(LoadError::new(
            "edges",
            LoadErrorKind::TooLarge {
                what: "edges",
                found: dto.edges.len(),
                max: MAX_EDGES,
            },
        ));
    }

    // Nodes, each on its own so that a bad one is named.
    for (i, raw) in dto.nodes.into_iter().enumerate() {
        let id_hint = raw
            .get("id")
            .and_then(Value::as_str)
            .map(|s| format!(" \"{}\"", truncate(s, 40)))
            .unwrap_or_default();
        let place = format!("nodes[{i}]{id_hint}");
        let n = NodeV1::from_value(raw)
            .map_err(|detail| LoadError::new(place.clone(), LoadErrorKind::Field { detail }))?;
        let node = node_from_v1(n, &place, &mut notes)?;
        if design.nodes.contains_key(&node.id) {
            return Err(LoadError::new(
                format!("{place}.id"),
                LoadErrorKind::DuplicateId { id: node.id.0 },
            ));
        }
        design.nodes.insert(node.id.clone(), node);
    }

    // Parents: exist, are containers, no cycles.
    let order: Vec<NodeId> = design.nodes.keys().cloned().collect();
    for id in &order {
        let node = &design.nodes[id];
        let Some(pid) = &node.parent else { continue };
        let place = format!("node \"{id}\".parent");
        let Some(parent) = design.nodes.get(pid) else {
            return Err(LoadError::new(
                place,
                LoadErrorKind::DanglingParent {
                    parent: pid.0.clone(),
                },
            ));
        };
        if !parent.kind.is_container() {
            return Err(LoadError::new(
                place,
                LoadErrorKind::ParentNotContainer {
                    parent: pid.0.clone(),
                    kind: parent.kind.id(),
                },
            ));
        }
    }
    if let Some(cycle) = find_cycle(&design) {
        return Err(LoadError::new(
            format!("node \"{}\".parent", cycle[0]),
            LoadErrorKind::ContainmentCycle { ids: cycle },
        ));
    }

    for (i, raw) in dto.edges.into_iter().enumerate() {
        let id_hint = raw
            .get("id")
            .and_then(Value::as_str)
            .map(|s| format!(" \"{}\"", truncate(s, 40)))
            .unwrap_or_default();
        let place = format!("edges[{i}]{id_hint}");
        let e = EdgeV1::from_value(raw)
            .map_err(|detail| LoadError::new(place.clone(), LoadErrorKind::Field { detail }))?;
        let edge = edge_from_v1(e, &place, &design, &mut notes)?;
        if design.edges.contains_key(&edge.id) {
            return Err(LoadError::new(
                format!("{place}.id"),
                LoadErrorKind::DuplicateId { id: edge.id.0 },
            ));
        }
        design.edges.insert(edge.id.clone(), edge);
    }
    Ok(Loaded { design, notes })
}

fn truncate(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

fn check_id(place: &str, id: String) -> Result<String, LoadError> {
    if id.is_empty() || id.chars().count() > 100 {
        return Err(LoadError::new(format!("{place}.id"), LoadErrorKind::BadId));
    }
    Ok(id)
}

fn check_text(place: &str, text: String) -> Result<String, LoadError> {
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(LoadError::new(
            place,
            LoadErrorKind::BadValue {
                expected: format!("at most {MAX_TEXT_CHARS} characters"),
            },
        ));
    }
    Ok(text)
}

fn check_coord(place: String, v: f64) -> Result<f64, LoadError> {
    if v.is_finite() && v.abs() <= MAX_COORD {
        Ok(v)
    } else {
        Err(LoadError::new(
            place,
            LoadErrorKind::BadValue {
                expected: format!("a coordinate between -{0} and {0}", shortest(MAX_COORD)),
            },
        ))
    }
}

fn node_from_v1(n: NodeV1, place: &str, notes: &mut Vec<String>) -> Result<Node, LoadError> {
    let id = check_id(place, n.id)?;
    let kind = Kind::from_id(&n.kind).ok_or_else(|| {
        LoadError::new(
            format!("{place}.kind"),
            LoadErrorKind::UnknownKind {
                found: truncate(&n.kind, 60),
            },
        )
    })?;
    let mut node = Node::new(id, kind, Point::default());
    node.label = check_text(&format!("{place}.label"), n.label)?;
    node.note = check_text(&format!("{place}.note"), n.note)?;
    node.pos = Point {
        x: check_coord(format!("{place}.x"), n.x)?,
        y: check_coord(format!("{place}.y"), n.y)?,
    };
    let default = node.box_size();
    let size_of = |v: Option<f64>, d: f64, f: &str| -> Result<f64, LoadError> {
        match v {
            None => Ok(d),
            Some(v) if v.is_finite() && v > 0.0 && v <= MAX_COORD => Ok(v),
            Some(_) => Err(LoadError::new(
                format!("{place}.{f}"),
                LoadErrorKind::BadValue {
                    expected: format!("a size above 0 and at most {}", shortest(MAX_COORD)),
                },
            )),
        }
    };
    let (w, h) = (size_of(n.w, default.w, "w")?, size_of(n.h, default.h, "h")?);
    node.size = if kind.is_container() || n.w.is_some() || n.h.is_some() {
        Some(Size { w, h })
    } else {
        None
    };
    node.parent = match n.parent {
        Some(p) if !p.is_empty() => Some(NodeId(p)),
        _ => None,
    };
    for (key, value) in n.params {
        let Some(spec) = kind.param(&key) else {
            notes.push(format!(
                "{place}.params.{key}: not a parameter of {}, ignored",
                kind.id()
            ));
            continue;
        };
        let v = param_from_json(spec, &value)
            .ok_or_else(|| LoadError::new(format!("{place}.params.{key}"), expected(spec)))?;
        node.params.insert(key, v);
    }
    Ok(node)
}

fn expected(spec: &ParamSpec) -> LoadErrorKind {
    let expected = match spec.ty {
        ParamType::Number { min, max } => {
            format!("a number from {} to {}", shortest(min), shortest(max))
        }
        ParamType::Integer { min, max } => format!("a whole number from {min} to {max}"),
        ParamType::Choice(c) => format!("one of {}", c.join(", ")),
        ParamType::NumberChoice(c) => format!(
            "one of {}",
            c.iter()
                .map(|v| shortest(*v))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        ParamType::Bool => "true or false".into(),
        ParamType::Text => format!("text of at most {MAX_TEXT_CHARS} characters"),
        ParamType::AzList => "a list of availability-zone letters such as [\"a\", \"c\"]".into(),
    };
    LoadErrorKind::BadValue { expected }
}

/// Checks a JSON value against a parameter's type; `None` when it does not fit.
pub fn param_from_json(spec: &ParamSpec, value: &Value) -> Option<ParamValue> {
    match spec.ty {
        ParamType::Number { min, max } => {
            let v = value.as_f64()?;
            (v.is_finite() && v >= min && v <= max).then_some(ParamValue::Num(v))
        }
        ParamType::Integer { min, max } => {
            let v = value.as_f64()?;
            (v.fract() == 0.0 && v >= min as f64 && v <= max as f64).then_some(ParamValue::Num(v))
        }
        ParamType::Choice(choices) => {
            let s = value.as_str()?;
            choices.contains(&s).then(|| ParamValue::Str(s.to_owned()))
        }
        ParamType::NumberChoice(choices) => {
            let v = value.as_f64()?;
            choices.contains(&v).then_some(ParamValue::Num(v))
        }
        ParamType::Bool => value.as_bool().map(ParamValue::Bool),
        ParamType::Text => {
            let s = value.as_str()?;
            (s.chars().count() <= MAX_TEXT_CHARS).then(|| ParamValue::Str(s.to_owned()))
        }
        ParamType::AzList => {
            let items = value.as_array()?;
            if items.is_empty() || items.len() > 6 {
                return None;
            }
            let mut out: Vec<String> = Vec::new();
            for item in items {
                let s = item.as_str()?;
                let ok = s.len() == 1 && s.chars().all(|c| c.is_ascii_lowercase());
                if !ok || out.iter().any(|o| o == s) {
                    return None;
                }
                out.push(s.to_owned());
            }
            Some(ParamValue::List(out))
        }
    }
}

fn edge_from_v1(
    e: EdgeV1,
    place: &str,
    design: &Design,
    notes: &mut Vec<String>,
) -> Result<Edge, LoadError> {
    let id = check_id(place, e.id)?;
    let kind = EdgeKind::from_id(&e.kind).ok_or_else(|| {
        LoadError::new(
            format!("{place}.kind"),
            LoadErrorKind::UnknownEdgeKind {
                found: truncate(&e.kind, 60),
            },
        )
    })?;
    for (end, node) in [("from", &e.from), ("to", &e.to)] {
        if design.node(node).is_none() {
            return Err(LoadError::new(
                format!("{place}.{end}"),
                LoadErrorKind::DanglingEdgeEnd {
                    end,
                    node: truncate(node, 100),
                },
            ));
        }
    }
    if e.from == e.to {
        return Err(LoadError::new(place, LoadErrorKind::SelfLoop));
    }
    let rule = match (kind, e.rule) {
        (EdgeKind::AlbRule, None) => {
            return Err(LoadError::new(
                format!("{place}.rule"),
                LoadErrorKind::MissingRule,
            ))
        }
        (EdgeKind::AlbRule, Some(r)) => {
            if !(1..=50_000).contains(&r.priority) {
                return Err(LoadError::new(
                    format!("{place}.rule.priority"),
                    LoadErrorKind::BadValue {
                        expected: "a priority from 1 to 50000".into(),
                    },
                ));
            }
            Some(ListenerRule {
                priority: r.priority as u32,
                path_pattern: check_text(&format!("{place}.rule.path_pattern"), r.path_pattern)?,
            })
        }
        (_, Some(_)) => {
            notes.push(format!(
                "{place}.rule: only alb_rule edges carry a rule, ignored"
            ));
            None
        }
        (_, None) => None,
    };
    Ok(Edge {
        id: EdgeId(id),
        kind,
        from: NodeId(e.from),
        to: NodeId(e.to),
        label: check_text(&format!("{place}.label"), e.label)?,
        rule,
    })
}

/// A containment cycle, as the ids around it (the first repeated at the end), if any.
fn find_cycle(design: &Design) -> Option<Vec<String>> {
    let mut done: BTreeSet<&NodeId> = BTreeSet::new();
    for start in design.nodes.keys() {
        let mut path: Vec<&NodeId> = Vec::new();
        let mut cur = Some(start);
        while let Some(id) = cur {
            if done.contains(id) {
                break;
            }
            if let Some(i) = path.iter().position(|p| *p == id) {
                let mut ids: Vec<String> = path[i..].iter().map(|p| p.0.clone()).collect();
                ids.push(id.0.clone());
                return Some(ids);
            }
            path.push(id);
            cur = design.nodes.get(id).and_then(|n| n.parent.as_ref());
        }
        done.extend(path);
    }
    None
}

/// Converts the model to the saved form (every parameter written out).
pub fn to_v1(design: &Design) -> DesignV1 {
    let nodes = design
        .nodes_outer_first()
        .into_iter()
        .map(|n| {
            let mut params = Map::new();
            for (k, v) in &n.params {
                params.insert(k.clone(), param_to_json(v));
            }
            let dto = NodeV1 {
                id: n.id.0.clone(),
                kind: n.kind.id().to_owned(),
                label: n.label.clone(),
                x: n.pos.x,
                y: n.pos.y,
                w: n.size.map(|s| s.w),
                h: n.size.map(|s| s.h),
                parent: n.parent.as_ref().map(|p| p.0.clone()),
                params,
                note: n.note.clone(),
            };
            dto.into_value()
        })
        .collect();
    let edges = design
        .edges
        .values()
        .map(|e| {
            let dto = EdgeV1 {
                id: e.id.0.clone(),
                kind: e.kind.id().to_owned(),
                from: e.from.0.clone(),
                to: e.to.0.clone(),
                label: e.label.clone(),
                rule: e.rule.as_ref().map(|r| RuleV1 {
                    priority: i64::from(r.priority),
                    path_pattern: r.path_pattern.clone(),
                }),
            };
            dto.into_value()
        })
        .collect();
    DesignV1 {
        format: FORMAT.to_owned(),
        version: CURRENT_VERSION,
        name: design.name.clone(),
        region: design.region.code().to_owned(),
        template: design.template.clone(),
        follows_course: design.follows_course,
        display: DisplayV1 {
            currency: match design.currency {
                Currency::Usd => "USD".into(),
                Currency::Jpy => "JPY".into(),
            },
            jpy_per_usd: design.jpy_per_usd,
            include_tax: design.include_tax,
        },
        usage: {
            let mut usage = Map::new();
            for (k, v) in &design.usage {
                usage.insert(k.clone(), num_to_json(*v));
            }
            usage
        },
        nodes,
        edges,
    }
}

fn num_to_json(v: f64) -> Value {
    // Whole numbers are written without ".0" so files stay tidy.
    if v.fract() == 0.0 && v.abs() < 1e15 {
        Value::from(v as i64)
    } else {
        Value::from(v)
    }
}

/// A parameter value as JSON (the form files hold it in).
pub fn param_to_json(v: &ParamValue) -> Value {
    match v {
        ParamValue::Num(n) => num_to_json(*n),
        ParamValue::Bool(b) => Value::Bool(*b),
        ParamValue::Str(s) => Value::String(s.clone()),
        ParamValue::List(l) => Value::Array(l.iter().cloned().map(Value::String).collect()),
    }
}

/// A file name from the design's name: ASCII letters and digits, `-`, `_` and every other
/// visible character beyond ASCII (パーティー, é) kept; spaces, ASCII punctuation (`/`, `:`,
/// `*`, `?`, quotes, …) and control characters become `-`. (Not `char::is_alphanumeric`: its
/// Unicode tables cost about 2 KB of the first load, gzipped.)
pub fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            let kept = c.is_ascii_alphanumeric()
                || c == '-'
                || c == '_'
                || (!c.is_ascii() && !c.is_whitespace() && !c.is_control());
            if kept {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_matches('-');
    if stem.is_empty() {
        "kumozu-design".to_owned()
    } else {
        stem.chars().take(60).collect()
    }
}

/// The design as pretty JSON, the form files and the CLI use.
pub fn to_json(design: &Design) -> String {
    to_v1(design).into_pretty()
}

#[cfg(test)]
mod file_stem_tests {
    use crate::core::format::load::file_stem;

    #[test]
    fn file_names_keep_letters_in_any_script_and_drop_what_paths_refuse() {
        assert_eq!(file_stem("Party Box"), "Party-Box");
        assert_eq!(file_stem("パーティー ボックス"), "パーティー-ボックス");
        assert_eq!(file_stem("café_v2"), "café_v2");
        assert_eq!(file_stem("a/b:c*d?\"e\"<f>|g\\h"), "a-b-c-d--e--f--g-h");
        assert_eq!(file_stem("tab\there\u{7}"), "tab-here");
        assert_eq!(file_stem("  //  "), "kumozu-design");
        assert_eq!(file_stem(""), "kumozu-design");
        assert_eq!(file_stem("\u{3000}全角スペース\u{3000}"), "全角スペース");
        assert_eq!(file_stem(&"x".repeat(100)).chars().count(), 60);
    }
}
