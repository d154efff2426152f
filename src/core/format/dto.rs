//! The saved form of a design (files, the CLI, templates): its own types, versioned,
//! converted by hand to and from the model in `load`. Documented in docs/design-format.md.
//!
//! Change these types only together with a new version number and a named migration.
//!
//! They are read from and written to `Value` by hand (`from_value`, `into_value`,
//! `DesignV1::into_pretty`) rather than with serde's derive: the derived code for the three
//! ways the app reads and writes them (a parsed value, a value, pretty text) was about 18 KB
//! of the first-load wasm, gzipped. The messages follow serde's wording
//! (`missing field \`id\``, `invalid type: string "10", expected f64`), checked in
//! `tests/load.rs`, and the text is the one serde wrote (checked against frozen files).

use serde_json::{Map, Value};

/// The value of `format` in every design file.
pub const FORMAT: &str = "kumozu-design";

/// The newest schema version this build reads and the one it writes.
pub const CURRENT_VERSION: u64 = 1;

/// Version 1 of the design file.
#[derive(Debug, Clone, PartialEq)]
pub struct DesignV1 {
    /// Always `kumozu-design`.
    pub format: String,
    /// Always 1 for this type.
    pub version: u64,
    /// The design's name.
    pub name: String,
    /// Region code, e.g. `ap-northeast-1`.
    pub region: String,
    /// The template it was made from.
    pub template: Option<String>,
    /// Whether the course's expectations apply.
    pub follows_course: bool,
    /// How money is shown.
    pub display: DisplayV1,
    /// Design-wide usage assumptions.
    pub usage: Map<String, Value>,
    /// Nodes, containers first by convention (any order is accepted).
    pub nodes: Vec<Value>,
    /// Edges.
    pub edges: Vec<Value>,
}

/// Money display settings.
#[derive(Debug, Clone, PartialEq)]
pub struct DisplayV1 {
    /// `USD` or `JPY`.
    pub currency: String,
    /// Yen per dollar, set by the user.
    pub jpy_per_usd: f64,
    /// Add Japan's 10% consumption tax.
    pub include_tax: bool,
}

fn usd() -> String {
    "USD".into()
}

fn default_rate() -> f64 {
    150.0
}

impl Default for DisplayV1 {
    fn default() -> Self {
        DisplayV1 {
            currency: usd(),
            jpy_per_usd: default_rate(),
            include_tax: false,
        }
    }
}

/// One node.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeV1 {
    /// Stable id.
    pub id: String,
    /// Kind id from the catalogue.
    pub kind: String,
    /// The user's label; empty for the kind's name.
    pub label: String,
    /// Left edge on the canvas.
    pub x: f64,
    /// Top edge on the canvas.
    pub y: f64,
    /// Box width (containers).
    pub w: Option<f64>,
    /// Box height (containers).
    pub h: Option<f64>,
    /// Id of the container it sits in.
    pub parent: Option<String>,
    /// Parameters of its kind.
    pub params: Map<String, Value>,
    /// Why it is like this.
    pub note: String,
}

/// One edge.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeV1 {
    /// Stable id.
    pub id: String,
    /// Edge kind id from the catalogue.
    pub kind: String,
    /// Start node id.
    pub from: String,
    /// End node id.
    pub to: String,
    /// The user's label.
    pub label: String,
    /// The listener rule (`alb_rule` edges only).
    pub rule: Option<RuleV1>,
}

/// An ALB listener rule.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleV1 {
    /// 1–50000, lower first.
    pub priority: i64,
    /// Path pattern, e.g. `/api/*`.
    pub path_pattern: String,
}

/// An object of `entries`, inserted one by one (collecting into a map would bring in a sort).
fn object_of(entries: Vec<(&'static str, Value)>) -> Value {
    let mut m = Map::new();
    for (k, v) in entries {
        m.insert(k.to_owned(), v);
    }
    Value::Object(m)
}

/// A reading error, in serde's words.
type Res<T> = Result<T, String>;

/// How serde_json names a value it did not expect.
fn unexpected(v: &Value) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) if n.is_f64() => format!("floating point `{n}`"),
        Value::Number(n) => format!("integer `{n}`"),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "sequence".to_owned(),
        Value::Object(_) => "map".to_owned(),
    }
}

fn invalid_type(v: &Value, expected: &str) -> String {
    format!("invalid type: {}, expected {expected}", unexpected(v))
}

fn missing(field: &str) -> String {
    format!("missing field `{field}`")
}

fn string(v: Value) -> Res<String> {
    match v {
        Value::String(s) => Ok(s),
        other => Err(invalid_type(&other, "a string")),
    }
}

fn boolean(v: Value) -> Res<bool> {
    v.as_bool().ok_or_else(|| invalid_type(&v, "a boolean"))
}

/// Any JSON number, as serde reads an `f64`.
fn float(v: Value) -> Res<f64> {
    v.as_f64().ok_or_else(|| invalid_type(&v, "f64"))
}

fn int(v: Value) -> Res<i64> {
    match &v {
        Value::Number(n) if n.is_f64() => Err(invalid_type(&v, "i64")),
        Value::Number(n) => n
            .as_i64()
            .ok_or_else(|| format!("invalid value: integer `{n}`, expected i64")),
        _ => Err(invalid_type(&v, "i64")),
    }
}

fn uint(v: Value) -> Res<u64> {
    match &v {
        Value::Number(n) if n.is_f64() => Err(invalid_type(&v, "u64")),
        Value::Number(n) => n
            .as_u64()
            .ok_or_else(|| format!("invalid value: integer `{n}`, expected u64")),
        _ => Err(invalid_type(&v, "u64")),
    }
}

fn list(v: Value) -> Res<Vec<Value>> {
    match v {
        Value::Array(a) => Ok(a),
        other => Err(invalid_type(&other, "a sequence")),
    }
}

fn map(v: Value) -> Res<Map<String, Value>> {
    match v {
        Value::Object(m) => Ok(m),
        other => Err(invalid_type(&other, "a map")),
    }
}

/// The fields of a struct, in the order serde visits them (a map's order).
fn object(v: Value, name: &str) -> Res<Map<String, Value>> {
    match v {
        Value::Object(m) => Ok(m),
        other => Err(invalid_type(&other, &format!("struct {name}"))),
    }
}

/// `null` is `None`, as for serde's `Option`.
fn opt<T>(v: Value, read: fn(Value) -> Res<T>) -> Res<Option<T>> {
    match v {
        Value::Null => Ok(None),
        other => read(other).map(Some),
    }
}

/// Checks required fields after the others, in declaration order, as serde does.
fn required(fields: &[(&str, bool)]) -> Res<()> {
    match fields.iter().find(|(_, seen)| !seen) {
        Some((name, _)) => Err(missing(name)),
        None => Ok(()),
    }
}

impl DesignV1 {
    /// Reads a design file's value. Unknown fields are ignored; the nodes and edges stay
    /// values, read one by one so that a bad one is named.
    pub fn from_value(v: Value) -> Res<DesignV1> {
        let mut d = DesignV1 {
            format: String::new(),
            version: 0,
            name: String::new(),
            region: String::new(),
            template: None,
            follows_course: false,
            display: DisplayV1::default(),
            usage: Map::new(),
            nodes: Vec::new(),
            edges: Vec::new(),
        };
        let (mut format, mut version, mut region) = (false, false, false);
        for (key, v) in object(v, "DesignV1")? {
            match key.as_str() {
                "format" => (d.format, format) = (string(v)?, true),
                "version" => (d.version, version) = (uint(v)?, true),
                "name" => d.name = string(v)?,
                "region" => (d.region, region) = (string(v)?, true),
                "template" => d.template = opt(v, string)?,
                "follows_course" => d.follows_course = boolean(v)?,
                "display" => d.display = DisplayV1::from_value(v)?,
                "usage" => d.usage = map(v)?,
                "nodes" => d.nodes = list(v)?,
                "edges" => d.edges = list(v)?,
                _ => {}
            }
        }
        required(&[("format", format), ("version", version), ("region", region)])?;
        Ok(d)
    }

    /// The fields as written, in order (taken, not copied: the nodes are most of a design).
    fn into_entries(self) -> Vec<(&'static str, Value)> {
        let mut out = vec![
            ("format", Value::from(self.format)),
            ("version", Value::from(self.version)),
            ("name", Value::from(self.name)),
            ("region", Value::from(self.region)),
        ];
        if let Some(t) = self.template {
            out.push(("template", Value::from(t)));
        }
        out.push(("follows_course", Value::Bool(self.follows_course)));
        out.push(("display", self.display.to_value()));
        out.push(("usage", Value::Object(self.usage)));
        out.push(("nodes", Value::Array(self.nodes)));
        out.push(("edges", Value::Array(self.edges)));
        out
    }

    /// The design file as a value (object keys sorted, as `serde_json::Map` keeps them).
    pub fn into_value(self) -> Value {
        object_of(self.into_entries())
    }

    /// The design file as pretty JSON text: fields in declaration order, two-space indent,
    /// byte for byte what `serde_json::to_string_pretty` wrote for the derived types.
    pub fn into_pretty(self) -> String {
        let display = self.display.entries();
        let mut out = String::from("{");
        for (i, (key, v)) in self.into_entries().into_iter().enumerate() {
            out.push_str(if i == 0 { "\n  " } else { ",\n  " });
            push_key(&mut out, key);
            if key == "display" {
                out.push('{');
                for (j, (key, v)) in display.iter().enumerate() {
                    out.push_str(if j == 0 { "\n    " } else { ",\n    " });
                    push_key(&mut out, key);
                    push_pretty(&mut out, v, 2);
                }
                out.push_str("\n  }");
            } else {
                push_pretty(&mut out, &v, 1);
            }
        }
        out.push_str("\n}");
        out
    }
}

fn push_key(out: &mut String, key: &str) {
    out.push_str(&Value::from(key).to_string());
    out.push_str(": ");
}

/// `v` as serde_json's pretty printer writes it at `depth` (two spaces a level).
fn push_pretty(out: &mut String, v: &Value, depth: usize) {
    let line = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    match v {
        Value::Array(a) if !a.is_empty() => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                line(out, depth + 1);
                push_pretty(out, x, depth + 1);
            }
            line(out, depth);
            out.push(']');
        }
        Value::Object(m) if !m.is_empty() => {
            out.push('{');
            for (i, (k, x)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                line(out, depth + 1);
                push_key(out, k);
                push_pretty(out, x, depth + 1);
            }
            line(out, depth);
            out.push('}');
        }
        leaf => out.push_str(&leaf.to_string()),
    }
}

impl DisplayV1 {
    fn from_value(v: Value) -> Res<DisplayV1> {
        let mut d = DisplayV1::default();
        for (key, v) in object(v, "DisplayV1")? {
            match key.as_str() {
                "currency" => d.currency = string(v)?,
                "jpy_per_usd" => d.jpy_per_usd = float(v)?,
                "include_tax" => d.include_tax = boolean(v)?,
                _ => {}
            }
        }
        Ok(d)
    }

    fn entries(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("currency", Value::from(self.currency.as_str())),
            ("jpy_per_usd", Value::from(self.jpy_per_usd)),
            ("include_tax", Value::Bool(self.include_tax)),
        ]
    }

    fn to_value(&self) -> Value {
        object_of(self.entries())
    }
}

impl NodeV1 {
    /// Reads one node's value.
    pub fn from_value(v: Value) -> Res<NodeV1> {
        let mut n = NodeV1 {
            id: String::new(),
            kind: String::new(),
            label: String::new(),
            x: 0.0,
            y: 0.0,
            w: None,
            h: None,
            parent: None,
            params: Map::new(),
            note: String::new(),
        };
        let (mut id, mut kind) = (false, false);
        for (key, v) in object(v, "NodeV1")? {
            match key.as_str() {
                "id" => (n.id, id) = (string(v)?, true),
                "kind" => (n.kind, kind) = (string(v)?, true),
                "label" => n.label = string(v)?,
                "x" => n.x = float(v)?,
                "y" => n.y = float(v)?,
                "w" => n.w = opt(v, float)?,
                "h" => n.h = opt(v, float)?,
                "parent" => n.parent = opt(v, string)?,
                "params" => n.params = map(v)?,
                "note" => n.note = string(v)?,
                _ => {}
            }
        }
        required(&[("id", id), ("kind", kind)])?;
        Ok(n)
    }

    /// The node as a value; empty fields are left out.
    pub fn into_value(self) -> Value {
        let mut m = Map::new();
        let mut put = |k: &str, v: Value| {
            m.insert(k.to_owned(), v);
        };
        put("id", Value::from(self.id));
        put("kind", Value::from(self.kind));
        if !self.label.is_empty() {
            put("label", Value::from(self.label));
        }
        put("x", Value::from(self.x));
        put("y", Value::from(self.y));
        if let Some(w) = self.w {
            put("w", Value::from(w));
        }
        if let Some(h) = self.h {
            put("h", Value::from(h));
        }
        if let Some(p) = self.parent {
            put("parent", Value::from(p));
        }
        if !self.params.is_empty() {
            put("params", Value::Object(self.params));
        }
        if !self.note.is_empty() {
            put("note", Value::from(self.note));
        }
        Value::Object(m)
    }
}

impl EdgeV1 {
    /// Reads one edge's value.
    pub fn from_value(v: Value) -> Res<EdgeV1> {
        let mut e = EdgeV1 {
            id: String::new(),
            kind: String::new(),
            from: String::new(),
            to: String::new(),
            label: String::new(),
            rule: None,
        };
        let mut seen = [false; 4];
        for (key, v) in object(v, "EdgeV1")? {
            match key.as_str() {
                "id" => (e.id, seen[0]) = (string(v)?, true),
                "kind" => (e.kind, seen[1]) = (string(v)?, true),
                "from" => (e.from, seen[2]) = (string(v)?, true),
                "to" => (e.to, seen[3]) = (string(v)?, true),
                "label" => e.label = string(v)?,
                "rule" => e.rule = opt(v, RuleV1::from_value)?,
                _ => {}
            }
        }
        required(&[
            ("id", seen[0]),
            ("kind", seen[1]),
            ("from", seen[2]),
            ("to", seen[3]),
        ])?;
        Ok(e)
    }

    /// The edge as a value; empty fields are left out.
    pub fn into_value(self) -> Value {
        let mut m = Map::new();
        m.insert("id".to_owned(), Value::from(self.id));
        m.insert("kind".to_owned(), Value::from(self.kind));
        m.insert("from".to_owned(), Value::from(self.from));
        m.insert("to".to_owned(), Value::from(self.to));
        if !self.label.is_empty() {
            m.insert("label".to_owned(), Value::from(self.label));
        }
        if let Some(r) = self.rule {
            let mut rule = Map::new();
            rule.insert("priority".to_owned(), Value::from(r.priority));
            rule.insert("path_pattern".to_owned(), Value::from(r.path_pattern));
            m.insert("rule".to_owned(), Value::Object(rule));
        }
        Value::Object(m)
    }
}

impl RuleV1 {
    fn from_value(v: Value) -> Res<RuleV1> {
        let mut r = RuleV1 {
            priority: 0,
            path_pattern: String::new(),
        };
        let (mut priority, mut path) = (false, false);
        for (key, v) in object(v, "RuleV1")? {
            match key.as_str() {
                "priority" => (r.priority, priority) = (int(v)?, true),
                "path_pattern" => (r.path_pattern, path) = (string(v)?, true),
                _ => {}
            }
        }
        required(&[("priority", priority), ("path_pattern", path)])?;
        Ok(r)
    }
}
