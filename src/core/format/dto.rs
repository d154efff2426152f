//! The saved form of a design (files, the CLI, templates): its own serde types, versioned,
//! converted by hand to and from the model in `load`. Documented in docs/design-format.md.
//!
//! Change these types only together with a new version number and a named migration.
//!
//! The types derive `Serialize` and `Deserialize`. They are written by serde_json (fields in
//! declaration order; a node's and an edge's fields, written through a `Value`, in the sorted
//! order of `serde_json::Map`). They are read from a parsed `Value` by [`read`], through
//! `serde_path_to_error` so that a bad field keeps its place, and through `Reader`, a
//! deserializer whose error ([`FieldProblem`]) is a value (what was found, what was wanted),
//! so that the loader can say it in Japanese and English in its own words.

use std::fmt;

use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{self, DeserializeOwned, IntoDeserializer, Unexpected, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value};

use crate::core::support::i18n::Lang;
use crate::core::support::numtext::shortest;

/// The value of `format` in every design file.
pub const FORMAT: &str = "kumozu-design";

/// The newest schema version this build reads and the one it writes.
pub const CURRENT_VERSION: u64 = 1;

/// Version 1 of the design file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DesignV1 {
    /// Always `kumozu-design`.
    pub format: String,
    /// Always 1 for this type.
    pub version: u64,
    /// The design's name.
    #[serde(default)]
    pub name: String,
    /// Region code, e.g. `ap-northeast-1`.
    pub region: String,
    /// The template it was made from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// Whether the course's expectations apply.
    #[serde(default)]
    pub follows_course: bool,
    /// How money is shown.
    #[serde(default)]
    pub display: DisplayV1,
    /// Design-wide usage assumptions.
    #[serde(default)]
    pub usage: Map<String, Value>,
    /// Nodes, containers first by convention (any order is accepted). Kept as values and
    /// read one by one ([`NodeV1`]), so that a bad one is named by its id.
    #[serde(default)]
    pub nodes: Vec<Value>,
    /// Edges, read one by one as [`EdgeV1`].
    #[serde(default)]
    pub edges: Vec<Value>,
}

/// Money display settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DisplayV1 {
    /// `USD` or `JPY`.
    pub currency: String,
    /// Yen per dollar, set by the user.
    pub jpy_per_usd: f64,
    /// Add Japan's 10% consumption tax.
    pub include_tax: bool,
}

impl Default for DisplayV1 {
    fn default() -> Self {
        DisplayV1 {
            currency: "USD".into(),
            jpy_per_usd: 150.0,
            include_tax: false,
        }
    }
}

/// One node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeV1 {
    /// Stable id.
    pub id: String,
    /// Kind id from the catalogue.
    pub kind: String,
    /// The user's label; empty for the kind's name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// Left edge on the canvas.
    #[serde(default)]
    pub x: f64,
    /// Top edge on the canvas.
    #[serde(default)]
    pub y: f64,
    /// Box width (containers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub w: Option<f64>,
    /// Box height (containers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub h: Option<f64>,
    /// Id of the container it sits in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Parameters of its kind.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub params: Map<String, Value>,
    /// Why it is like this.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// One edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// The listener rule (`alb_rule` edges only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<RuleV1>,
}

/// An ALB listener rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleV1 {
    /// 1–50000, lower first.
    pub priority: i64,
    /// Path pattern, e.g. `/api/*`.
    pub path_pattern: String,
}

impl DesignV1 {
    /// The design file as a value (object keys sorted, as `serde_json::Map` keeps them). The
    /// nodes and edges, most of a design, are moved into it rather than copied.
    pub fn into_value(mut self) -> Value {
        let nodes = std::mem::take(&mut self.nodes);
        let edges = std::mem::take(&mut self.edges);
        let mut value = serde_json::to_value(&self).expect("a DesignV1 always serialises");
        if let Value::Object(fields) = &mut value {
            fields.insert("nodes".to_owned(), Value::Array(nodes));
            fields.insert("edges".to_owned(), Value::Array(edges));
        }
        value
    }

    /// The design file as pretty JSON text: fields in declaration order, two-space indent.
    pub fn into_pretty(self) -> String {
        serde_json::to_string_pretty(&self).expect("a DesignV1 always serialises")
    }
}

impl NodeV1 {
    /// The node as a value (keys sorted); empty fields are left out.
    pub fn into_value(self) -> Value {
        serde_json::to_value(self).expect("a NodeV1 always serialises")
    }
}

impl EdgeV1 {
    /// The edge as a value (keys sorted); empty fields are left out.
    pub fn into_value(self) -> Value {
        serde_json::to_value(self).expect("an EdgeV1 always serialises")
    }
}

// ---------------------------------------------------------------------------------------------
// Reading

/// A field that could not be read: where, and what is wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub struct BadField {
    /// The path from the value read to the field, as `rule.priority` or `nodes[3]`; empty for
    /// the value itself.
    pub path: String,
    /// What is wrong.
    pub problem: FieldProblem,
}

/// Reads a saved-form type (`DesignV1`, `NodeV1`, `EdgeV1`) from a parsed value, with serde's
/// derive. Unknown fields are ignored; a struct must be a JSON object (serde's own readers
/// would also take a list of its fields in order; files never hold one).
pub fn read<T: DeserializeOwned>(value: Value) -> Result<T, BadField> {
    serde_path_to_error::deserialize(Reader(value)).map_err(|e| {
        let mut path = String::new();
        for segment in e.path() {
            match segment {
                serde_path_to_error::Segment::Seq { index } => {
                    path.push('[');
                    path.push_str(&index.to_string());
                    path.push(']');
                }
                serde_path_to_error::Segment::Map { key } => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                }
                serde_path_to_error::Segment::Enum { variant } => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(variant);
                }
                serde_path_to_error::Segment::Unknown => path.push_str(".?"),
            }
        }
        BadField {
            path,
            problem: e.into_inner(),
        }
    })
}

/// What is wrong with a field of a design file, as values (the loader words them).
#[derive(Debug, Clone, PartialEq)]
pub enum FieldProblem {
    /// A required field is absent.
    Missing {
        /// The field's name.
        field: &'static str,
    },
    /// A value of another JSON type than the field holds.
    WrongType {
        /// What the file has.
        found: Found,
        /// What the field holds.
        expected: Shape,
    },
    /// A whole number the field cannot hold (beyond 64 bits, or negative where it cannot be).
    OutOfRange {
        /// The number.
        found: Found,
        /// What the field holds.
        expected: Shape,
    },
    /// A name the field does not know (serde's unknown variant; this schema has no enums).
    UnknownName {
        /// The name in the file.
        found: String,
    },
    /// Anything else serde may report (not reachable with these types).
    Other,
}

/// A value found in a file, as a message shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string (its first 40 characters).
    Text(String),
    /// A list.
    List,
    /// An object.
    Object,
    /// Something else.
    Other,
}

/// The JSON type a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A string.
    Text,
    /// Any number.
    Number,
    /// A whole number.
    Integer,
    /// `true` or `false`.
    Bool,
    /// A list.
    List,
    /// An object.
    Object,
    /// Not known (an error raised inside serde).
    Other,
}

fn clip(s: &str) -> String {
    s.chars().take(40).collect()
}

impl Found {
    fn of(v: &Value) -> Found {
        match v {
            Value::Null => Found::Null,
            Value::Bool(b) => Found::Bool(*b),
            Value::Number(n) => Found::Number(n.to_string()),
            Value::String(s) => Found::Text(clip(s)),
            Value::Array(_) => Found::List,
            Value::Object(_) => Found::Object,
        }
    }

    fn from_unexpected(u: Unexpected<'_>) -> Found {
        match u {
            Unexpected::Bool(b) => Found::Bool(b),
            Unexpected::Unsigned(n) => Found::Number(n.to_string()),
            Unexpected::Signed(n) => Found::Number(n.to_string()),
            Unexpected::Float(f) => Found::Number(shortest(f)),
            Unexpected::Str(s) => Found::Text(clip(s)),
            Unexpected::Unit | Unexpected::Option => Found::Null,
            Unexpected::Seq => Found::List,
            Unexpected::Map => Found::Object,
            _ => Found::Other,
        }
    }

    fn text(&self, ja: bool) -> String {
        match (self, ja) {
            (Found::Null, _) => "null".to_owned(),
            (Found::Bool(b), _) => b.to_string(),
            (Found::Number(n), true) => format!("数 {n}"),
            (Found::Number(n), false) => format!("the number {n}"),
            (Found::Text(s), true) => format!("文字列 \"{s}\""),
            (Found::Text(s), false) => format!("the text \"{s}\""),
            (Found::List, true) => "リスト".to_owned(),
            (Found::List, false) => "a list".to_owned(),
            (Found::Object, true) => "オブジェクト".to_owned(),
            (Found::Object, false) => "an object".to_owned(),
            (Found::Other, true) => "別の種類の値".to_owned(),
            (Found::Other, false) => "another kind of value".to_owned(),
        }
    }
}

impl Shape {
    fn text(self, ja: bool) -> &'static str {
        match (self, ja) {
            (Shape::Text, true) => "文字列",
            (Shape::Text, false) => "text",
            (Shape::Number, true) => "数",
            (Shape::Number, false) => "a number",
            (Shape::Integer, true) => "整数",
            (Shape::Integer, false) => "a whole number",
            (Shape::Bool, true) => "true か false",
            (Shape::Bool, false) => "true or false",
            (Shape::List, true) => "リスト",
            (Shape::List, false) => "a list",
            (Shape::Object, true) => "オブジェクト",
            (Shape::Object, false) => "an object",
            (Shape::Other, true) => "別の種類の値",
            (Shape::Other, false) => "another kind of value",
        }
    }
}

/// Japanese pieces joined the way this app writes them: a space between a Japanese
/// character and an ASCII letter, digit or quote (`数 13 が`), none next to punctuation.
pub fn spaced(parts: &[&str]) -> String {
    let wordy = |c: char| c.is_ascii_alphanumeric() || c == '"';
    let japanese = |c: char| !c.is_ascii() && !"、。（）「」".contains(c);
    let mut out = String::new();
    for part in parts {
        if let (Some(a), Some(b)) = (out.chars().last(), part.chars().next()) {
            if (wordy(a) && japanese(b)) || (japanese(a) && wordy(b)) {
                out.push(' ');
            }
        }
        out.push_str(part);
    }
    out
}

impl FieldProblem {
    /// What is wrong, in `lang` (without the place).
    pub fn reason(&self, lang: Lang) -> String {
        let ja = lang == Lang::Ja;
        match self {
            FieldProblem::Missing { field } => {
                if ja {
                    format!("必要な項目 \"{field}\" がありません")
                } else {
                    format!("the required field \"{field}\" is missing")
                }
            }
            FieldProblem::WrongType { found, expected } => {
                if ja {
                    spaced(&[
                        expected.text(ja),
                        "が必要ですが、",
                        &found.text(ja),
                        "が書かれています",
                    ])
                } else {
                    format!("expected {}, found {}", expected.text(ja), found.text(ja))
                }
            }
            FieldProblem::OutOfRange { found, expected } => {
                if ja {
                    spaced(&[
                        &found.text(ja),
                        "は",
                        expected.text(ja),
                        "として扱える範囲を超えています",
                    ])
                } else {
                    format!(
                        "{} is out of range for {}",
                        found.text(ja),
                        expected.text(ja)
                    )
                }
            }
            FieldProblem::UnknownName { found } => {
                if ja {
                    format!("\"{found}\" は使えない名前です")
                } else {
                    format!("\"{found}\" is not a known name")
                }
            }
            FieldProblem::Other => {
                if ja {
                    "値の形が正しくありません".to_owned()
                } else {
                    "the value is not of the right form".to_owned()
                }
            }
        }
    }
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason(Lang::En))
    }
}

impl std::error::Error for FieldProblem {}

/// serde's ways of saying what is wrong, kept as values. The texts serde would pass are not
/// used: they are English, and `FieldProblem::reason` says it in both languages.
impl de::Error for FieldProblem {
    fn custom<T: fmt::Display>(_: T) -> Self {
        FieldProblem::Other
    }

    fn invalid_type(found: Unexpected<'_>, _: &dyn de::Expected) -> Self {
        FieldProblem::WrongType {
            found: Found::from_unexpected(found),
            expected: Shape::Other,
        }
    }

    fn invalid_value(found: Unexpected<'_>, _: &dyn de::Expected) -> Self {
        FieldProblem::OutOfRange {
            found: Found::from_unexpected(found),
            expected: Shape::Other,
        }
    }

    fn invalid_length(_: usize, _: &dyn de::Expected) -> Self {
        FieldProblem::Other
    }

    fn unknown_variant(found: &str, _: &'static [&'static str]) -> Self {
        FieldProblem::UnknownName { found: clip(found) }
    }

    fn unknown_field(_: &str, _: &'static [&'static str]) -> Self {
        FieldProblem::Other
    }

    fn missing_field(field: &'static str) -> Self {
        FieldProblem::Missing { field }
    }

    fn duplicate_field(_: &'static str) -> Self {
        FieldProblem::Other
    }
}

/// A parsed value as a serde deserializer, like serde_json's own, except that each typed
/// request knows the type it wanted (so a mismatch is a `FieldProblem` naming both) and a
/// struct must be an object.
struct Reader(Value);

impl Reader {
    fn wrong(&self, expected: Shape) -> FieldProblem {
        FieldProblem::WrongType {
            found: Found::of(&self.0),
            expected,
        }
    }

    fn out_of_range(n: &Number, expected: Shape) -> FieldProblem {
        FieldProblem::OutOfRange {
            found: Found::Number(n.to_string()),
            expected,
        }
    }
}

impl<'de> IntoDeserializer<'de, FieldProblem> for Reader {
    type Deserializer = Reader;

    fn into_deserializer(self) -> Reader {
        self
    }
}

fn visit_list<'de, V: Visitor<'de>>(items: Vec<Value>, v: V) -> Result<V::Value, FieldProblem> {
    let mut seq = SeqDeserializer::new(items.into_iter().map(Reader));
    let out = v.visit_seq(&mut seq)?;
    seq.end()?;
    Ok(out)
}

fn visit_object<'de, V: Visitor<'de>>(
    fields: Map<String, Value>,
    v: V,
) -> Result<V::Value, FieldProblem> {
    let mut map = MapDeserializer::new(fields.into_iter().map(|(k, x)| (k, Reader(x))));
    let out = v.visit_map(&mut map)?;
    map.end()?;
    Ok(out)
}

impl<'de> de::Deserializer<'de> for Reader {
    type Error = FieldProblem;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, FieldProblem> {
        match self.0 {
            Value::Null => v.visit_unit(),
            Value::Bool(b) => v.visit_bool(b),
            Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => v.visit_u64(u),
                (None, Some(i), _) => v.visit_i64(i),
                (None, None, Some(f)) => v.visit_f64(f),
                (None, None, None) => Err(Reader::out_of_range(&n, Shape::Number)),
            },
            Value::String(s) => v.visit_string(s),
            Value::Array(items) => visit_list(items, v),
            Value::Object(fields) => visit_object(fields, v),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, FieldProblem> {
        match self.0 {
            Value::Null => v.visit_none(),
            _ => v.visit_some(self),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, FieldProblem> {
        match self.0 {
            Value::Bool(b) => v.visit_bool(b),
            _ => Err(self.wrong(Shape::Bool)),
        }
    }

    fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, FieldProblem> {
        match &self.0 {
            Value::Number(n) => match n.as_f64() {
                Some(f) => v.visit_f64(f),
                None => Err(Reader::out_of_range(n, Shape::Number)),
            },
            _ => Err(self.wrong(Shape::Number)),
        }
    }

    fn deserialize_i64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, FieldProblem> {
        match &self.0 {
            Value::Number(n) if n.is_f64() => Err(self.wrong(Shape::Integer)),
            Value::Number(n) => match n.as_i64() {
                Some(i) => v.visit_i64(i),
                None => Err(Reader::out_of_range(n, Shape::Integer)),
            },
            _ => Err(self.wrong(Shape::Integer)),
        }
    }

    fn deserialize_u64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, FieldProblem> {
        match &self.0 {
            Value::Number(n) if n.is_f64() => Err(self.wrong(Shape::Integer)),
            Value::Number(n) => match n.as_u64() {
                Some(u) => v.visit_u64(u),
                None => Err(Reader::out_of_range(n, Shape::Integer)),
            },
            _ => Err(self.wrong(Shape::Integer)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, FieldProblem> {
        self.deserialize_string(v)
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, FieldProblem> {
        match self.0 {
            Value::String(s) => v.visit_string(s),
            _ => Err(self.wrong(Shape::Text)),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, FieldProblem> {
        match self.0 {
            Value::Array(items) => visit_list(items, v),
            _ => Err(self.wrong(Shape::List)),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, FieldProblem> {
        match self.0 {
            Value::Object(fields) => visit_object(fields, v),
            _ => Err(self.wrong(Shape::Object)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, FieldProblem> {
        self.deserialize_map(v)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, FieldProblem> {
        v.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i128 u8 u16 u32 u128 f32 char bytes byte_buf unit unit_struct
        newtype_struct tuple tuple_struct enum identifier
    }
}
