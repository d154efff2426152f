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
    read, spaced, BadField, DesignV1, DisplayV1, EdgeV1, FieldProblem, NodeV1, RuleV1,
    CURRENT_VERSION, FORMAT,
};
use crate::core::support::i18n::{Lang, Text};

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
/// Most containers around one node. The catalogue needs three (VPC › subnet › ECS cluster ›
/// service); groups may add a few more. Deeper nesting is refused, so no walk up the
/// containment ever grows with a hostile file.
pub const MAX_DEPTH: usize = 12;

/// Why a file could not be loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadErrorKind {
    /// Not JSON.
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column (0 for an empty text).
        column: usize,
        /// What the parser stumbled on.
        problem: SyntaxProblem,
    },
    /// Bigger than `MAX_INPUT_BYTES`, or more nodes/edges than allowed.
    TooLarge {
        /// What is too big.
        what: Measure,
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
    /// A field is missing or has the wrong JSON type.
    Field {
        /// What is wrong with it.
        problem: FieldProblem,
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
    /// A node sits inside more containers than [`MAX_DEPTH`].
    TooDeep {
        /// How many containers are around it.
        depth: usize,
        /// The limit.
        max: usize,
    },
    /// An `alb_rule` edge without a rule.
    MissingRule,
    /// A value outside what is possible.
    BadValue {
        /// What the value should be.
        expected: Expectation,
    },
}

/// What is too large.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// The file's bytes.
    Bytes,
    /// The number of nodes.
    Nodes,
    /// The number of edges.
    Edges,
}

/// What stopped the JSON parser, sorted out of serde_json's error (its words are not shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntaxProblem {
    /// The text ends inside a value, a list, an object or a string.
    EndOfText,
    /// No `:` after a key.
    Colon,
    /// No `,` or `]` after an item of a list.
    CommaOrBracket,
    /// No `,` or `}` after a field of an object.
    CommaOrBrace,
    /// A bare word other than `true`, `false` or `null`.
    Word,
    /// No value where one must be.
    Value,
    /// A key that is not a string in double quotes.
    Key,
    /// A bad escape (`\`) or `\u` code in a string.
    Escape,
    /// A malformed number.
    Number,
    /// A number beyond what a double can hold.
    NumberTooLarge,
    /// A control character (a line break, a tab) inside a string.
    ControlCharacter,
    /// A comma after the last item.
    TrailingComma,
    /// Something after the end of the JSON value.
    TrailingCharacters,
    /// Lists or objects nested too deeply.
    TooDeep,
    /// Anything else.
    Other,
}

impl SyntaxProblem {
    /// Sorts a parse error. serde_json says which by its (stable) wording alone, so this is the
    /// one place that reads it.
    fn of(e: &serde_json::Error) -> SyntaxProblem {
        use SyntaxProblem::*;
        if e.is_eof() {
            return EndOfText;
        }
        let text = e.to_string();
        let what = match text.rfind(" at line ") {
            Some(i) => &text[..i],
            None => &text,
        };
        match what {
            "expected `:`" => Colon,
            "expected `,` or `]`" => CommaOrBracket,
            "expected `,` or `}`" => CommaOrBrace,
            "expected ident" => Word,
            "expected value" => Value,
            "key must be a string" | "expected `\"`" => Key,
            "invalid escape"
            | "invalid unicode code point"
            | "lone leading surrogate in hex escape"
            | "unexpected end of hex escape" => Escape,
            "invalid number" => Number,
            "number out of range" => NumberTooLarge,
            "trailing comma" => TrailingComma,
            "trailing characters" => TrailingCharacters,
            "recursion limit exceeded" => TooDeep,
            w if w.starts_with("control character") => ControlCharacter,
            _ => Other,
        }
    }

    fn text(self, ja: bool) -> &'static str {
        use SyntaxProblem::*;
        match (self, ja) {
            (EndOfText, true) => "途中で終わっています。閉じかっこや引用符が足りません",
            (EndOfText, false) => "the text ends too early; a closing bracket or quote is missing",
            (Colon, true) => "キーの後のコロン (:) が足りません",
            (Colon, false) => "a colon (:) is missing after a key",
            (CommaOrBracket, true) => "カンマ (,) か閉じかっこ (]) が足りません",
            (CommaOrBracket, false) => "a comma (,) or a closing ] is missing",
            (CommaOrBrace, true) => "カンマ (,) か閉じかっこ (}) が足りません",
            (CommaOrBrace, false) => "a comma (,) or a closing } is missing",
            (Word, true) => {
                "知らない語があります。引用符なしで書けるのは true、false、null だけです"
            }
            (Word, false) => {
                "an unknown word; only true, false and null are written without quotes"
            }
            (Value, true) => "値がありません",
            (Value, false) => "a value is missing",
            (Key, true) => "キーは二重引用符で囲んだ文字列にしてください",
            (Key, false) => "a key must be text in double quotes",
            (Escape, true) => "文字列の中のエスケープ (\\) が正しくありません",
            (Escape, false) => "a bad escape (\\) in a string",
            (Number, true) => "数の書き方が正しくありません",
            (Number, false) => "a malformed number",
            (NumberTooLarge, true) => "数が大きすぎて読めません",
            (NumberTooLarge, false) => "a number too large to read",
            (ControlCharacter, true) => "文字列の中に改行などの制御文字があります",
            (ControlCharacter, false) => "a control character (such as a line break) in a string",
            (TrailingComma, true) => "最後の要素の後に余分なカンマ (,) があります",
            (TrailingComma, false) => "an extra comma (,) after the last item",
            (TrailingCharacters, true) => "終わりの後に余分な文字があります",
            (TrailingCharacters, false) => "extra characters after the end",
            (TooDeep, true) => "入れ子が深すぎます",
            (TooDeep, false) => "nested too deeply",
            (Other, true) => "書き方が正しくありません",
            (Other, false) => "malformed text",
        }
    }
}

/// What a value outside what is possible should have been.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Expectation {
    /// `display.currency`.
    Currency,
    /// `display.jpy_per_usd`.
    Rate,
    /// A usage assumption.
    Usage {
        /// Its largest value.
        max: f64,
        /// Its unit (English).
        unit: &'static str,
        /// Its name.
        name: Text,
    },
    /// A parameter of a node's kind.
    Param(ParamType),
    /// `x` or `y`.
    Coordinate,
    /// `w` or `h`.
    Size,
    /// A name, label, note, template id or path pattern.
    ShortText,
    /// A listener rule's priority.
    Priority,
}

impl Expectation {
    /// What the value should be, in `lang` (the Japanese ends in a noun, for "…にしてください").
    fn text(&self, ja: bool) -> String {
        let max_coord = shortest(MAX_COORD);
        match self {
            Expectation::Currency if ja => "\"USD\" か \"JPY\" のどちらか".into(),
            Expectation::Currency => "\"USD\" or \"JPY\"".into(),
            Expectation::Rate if ja => "0 より大きく 100000 以下のレート".into(),
            Expectation::Rate => "a rate above 0 and at most 100000".into(),
            Expectation::Usage { max, name, .. } if ja => {
                format!("0〜{} の数 ({})", shortest(*max), name.ja)
            }
            Expectation::Usage { max, unit, .. } => {
                format!("a number from 0 to {} ({unit})", shortest(*max))
            }
            Expectation::Param(ty) => param_expectation(*ty, ja),
            Expectation::Coordinate if ja => format!("-{max_coord}〜{max_coord} の座標"),
            Expectation::Coordinate => {
                format!("a coordinate between -{max_coord} and {max_coord}")
            }
            Expectation::Size if ja => format!("0 より大きく {max_coord} 以下の大きさ"),
            Expectation::Size => format!("a size above 0 and at most {max_coord}"),
            Expectation::ShortText if ja => format!("{MAX_TEXT_CHARS} 文字以内"),
            Expectation::ShortText => format!("at most {MAX_TEXT_CHARS} characters"),
            Expectation::Priority if ja => "1〜50000 の優先度".into(),
            Expectation::Priority => "a priority from 1 to 50000".into(),
        }
    }
}

fn param_expectation(ty: ParamType, ja: bool) -> String {
    let join = |items: Vec<String>| items.join(if ja { "、" } else { ", " });
    match ty {
        ParamType::Number { min, max } if ja => {
            format!("{}〜{} の数", shortest(min), shortest(max))
        }
        ParamType::Number { min, max } => {
            format!("a number from {} to {}", shortest(min), shortest(max))
        }
        ParamType::Integer { min, max } if ja => format!("{min}〜{max} の整数"),
        ParamType::Integer { min, max } => format!("a whole number from {min} to {max}"),
        ParamType::Choice(c) if ja => format!(
            "{} のどれか",
            join(c.iter().map(|s| format!("\"{s}\"")).collect())
        ),
        ParamType::Choice(c) => format!("one of {}", join(c.iter().map(|s| s.to_string()).collect())),
        ParamType::NumberChoice(c) if ja => {
            format!("{} のどれか", join(c.iter().map(|v| shortest(*v)).collect()))
        }
        ParamType::NumberChoice(c) => {
            format!("one of {}", join(c.iter().map(|v| shortest(*v)).collect()))
        }
        ParamType::Bool if ja => "true か false のどちらか".into(),
        ParamType::Bool => "true or false".into(),
        ParamType::Text if ja => format!("{MAX_TEXT_CHARS} 文字以内の文字列"),
        ParamType::Text => format!("text of at most {MAX_TEXT_CHARS} characters"),
        ParamType::AzList if ja => {
            "[\"a\", \"c\"] のような、アベイラビリティーゾーンを表す小文字 1 字を重ならずに 1〜6 個並べたリスト".into()
        }
        ParamType::AzList => {
            "a list of availability-zone letters such as [\"a\", \"c\"]".into()
        }
    }
}

/// A file that could not be loaded: where and why.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    /// Where, as a path into the file (`nodes[3] "alb".parent`); empty for the whole file.
    pub place: String,
    /// Why.
    pub kind: LoadErrorKind,
}

/// `"a", "b"` (English) or `"a"、"b"` (Japanese): ids and codes quoted from the file.
fn quoted(items: &[String], ja: bool) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
    quoted.join(if ja { "、" } else { ", " })
}

impl LoadError {
    fn new(place: impl Into<String>, kind: LoadErrorKind) -> LoadError {
        LoadError {
            place: place.into(),
            kind,
        }
    }

    /// The reason in `lang`, without the place. The Japanese is Japanese throughout: what it
    /// quotes from the file (ids, codes, field names) is in double quotes.
    pub fn reason(&self, lang: Lang) -> String {
        use LoadErrorKind::*;
        let ja = lang == Lang::Ja;
        match &self.kind {
            Syntax {
                line,
                column,
                problem,
            } => {
                if ja {
                    format!(
                        "{line} 行 {column} 列目: JSON として読めません ({})",
                        problem.text(ja)
                    )
                } else {
                    format!(
                        "not valid JSON (line {line}, column {column}: {})",
                        problem.text(ja)
                    )
                }
            }
            TooLarge { what, found, max } => {
                if ja {
                    let what = match what {
                        Measure::Bytes => "バイト数",
                        Measure::Nodes => "ノード数",
                        Measure::Edges => "接続数",
                    };
                    format!("大きすぎます ({what} {found}、上限 {max})")
                } else {
                    let what = match what {
                        Measure::Bytes => "bytes",
                        Measure::Nodes => "nodes",
                        Measure::Edges => "edges",
                    };
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
            Field { problem } => problem.reason(lang),
            UnknownRegion { found } => {
                let known: Vec<String> = Region::ALL.iter().map(|r| r.code().to_owned()).collect();
                if ja {
                    format!(
                        "未対応のリージョン \"{found}\" です (対応: {})",
                        quoted(&known, ja)
                    )
                } else {
                    format!("unknown region \"{found}\" (known: {})", known.join(", "))
                }
            }
            UnknownKind { found } => {
                if ja {
                    format!("不明な種類 \"{found}\" です")
                } else {
                    format!("unknown node kind \"{found}\"")
                }
            }
            UnknownEdgeKind { found } => {
                if ja {
                    format!("不明な接続の種類 \"{found}\" です")
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
                    format!("親 \"{parent}\" (種類 \"{kind}\") は他のノードを入れられる種類ではありません")
                } else {
                    format!("parent \"{parent}\" is a {kind}, which cannot hold other nodes")
                }
            }
            DanglingEdgeEnd { end, node } => {
                if ja {
                    let end = if *end == "from" {
                        "接続元"
                    } else {
                        "接続先"
                    };
                    format!("{end}のノード \"{node}\" が存在しません")
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
                    let ids: Vec<String> = ids.iter().map(|s| format!("\"{s}\"")).collect();
                    format!("入れ子が循環しています ({})", ids.join(" → "))
                } else {
                    format!("containment cycle ({})", ids.join(" → "))
                }
            }
            TooDeep { depth, max } => {
                if ja {
                    format!("入れ子が深すぎます ({depth} 重のコンテナの中にあります。{max} 重までにしてください)")
                } else {
                    format!("nested too deeply (inside {depth} containers; at most {max})")
                }
            }
            MissingRule => {
                if ja {
                    "\"alb_rule\" の接続には \"rule\" (\"priority\" と \"path_pattern\") が必要です"
                        .to_owned()
                } else {
                    "an alb_rule edge needs a rule (priority and path_pattern)".to_owned()
                }
            }
            BadValue { expected } => {
                if ja {
                    format!(
                        "値が正しくありません ({})",
                        spaced(&[&expected.text(ja), "にしてください"])
                    )
                } else {
                    format!("impossible value (expected {})", expected.text(ja))
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

/// Loads a design file from JSON text. A leading UTF-8 byte-order mark (which some editors
/// on Windows write) is skipped.
pub fn load_json(text: &str) -> Result<Loaded, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() > MAX_INPUT_BYTES {
        return Err(LoadError::new(
            "",
            LoadErrorKind::TooLarge {
                what: Measure::Bytes,
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
                problem: SyntaxProblem::of(&e),
            },
        )
    })?;
    load_value(value)
}

/// A field error at `path` under `place` (`nodes[0] "a"` and `rule.priority`).
fn field_error(place: &str, bad: BadField) -> LoadError {
    let at = match (place.is_empty(), bad.path.is_empty()) {
        (_, true) => place.to_owned(),
        (true, false) => bad.path,
        (false, false) if bad.path.starts_with('[') => format!("{place}{}", bad.path),
        (false, false) => format!("{place}.{}", bad.path),
    };
    LoadError::new(
        at,
        LoadErrorKind::Field {
            problem: bad.problem,
        },
    )
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
                    // The same text as `v.to_string()`, through the JSON writer the links
                    // already use: `Value`'s `Display` would add two more copies of it (plain
                    // and `{:#}`) to the first load for this one message.
                    found: serde_json::to_string(v).unwrap_or_default(),
                },
            ));
        }
        None => {
            return Err(LoadError::new(
                "",
                LoadErrorKind::Field {
                    problem: FieldProblem::Missing { field: "version" },
                },
            ))
        }
    }
    let dto: DesignV1 = read(value).map_err(|bad| field_error("", bad))?;
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
                    expected: Expectation::Currency,
                },
            ))
        }
    };
    let rate = dto.display.jpy_per_usd;
    if !(rate.is_finite() && rate > 0.0 && rate <= 100_000.0) {
        return Err(LoadError::new(
            "display.jpy_per_usd",
            LoadErrorKind::BadValue {
                expected: Expectation::Rate,
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
                        expected: Expectation::Usage {
                            max: spec.max,
                            unit: spec.unit,
                            name: spec.name,
                        },
                    },
                ))
            }
        }
    }

    if dto.nodes.len() > MAX_NODES {
        return Err(LoadError::new(
            "nodes",
            LoadErrorKind::TooLarge {
                what: Measure::Nodes,
                found: dto.nodes.len(),
                max: MAX_NODES,
            },
        ));
    }
    if dto.edges.len() > MAX_EDGES {
        return Err(LoadError::new(
            "edges",
            LoadErrorKind::TooLarge {
                what: Measure::Edges,
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
        let n: NodeV1 = read(raw).map_err(|bad| field_error(&place, bad))?;
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
    if let Some((id, depth)) = design
        .depths()
        .into_iter()
        .find(|(_, depth)| *depth > MAX_DEPTH)
    {
        return Err(LoadError::new(
            format!("node \"{id}\".parent"),
            LoadErrorKind::TooDeep {
                depth,
                max: MAX_DEPTH,
            },
        ));
    }

    for (i, raw) in dto.edges.into_iter().enumerate() {
        let id_hint = raw
            .get("id")
            .and_then(Value::as_str)
            .map(|s| format!(" \"{}\"", truncate(s, 40)))
            .unwrap_or_default();
        let place = format!("edges[{i}]{id_hint}");
        let e: EdgeV1 = read(raw).map_err(|bad| field_error(&place, bad))?;
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
                expected: Expectation::ShortText,
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
                expected: Expectation::Coordinate,
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
                    expected: Expectation::Size,
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
    LoadErrorKind::BadValue {
        expected: Expectation::Param(spec.ty),
    }
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
                        expected: Expectation::Priority,
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
    // The walk's path, and the same as a set: each step is a lookup, not a scan of the path.
    let mut path: Vec<&NodeId> = Vec::new();
    let mut on_path: BTreeSet<&NodeId> = BTreeSet::new();
    for start in design.nodes.keys() {
        path.clear();
        on_path.clear();
        let mut cur = Some(start);
        while let Some(id) = cur {
            if done.contains(id) {
                break;
            }
            if on_path.contains(id) {
                let i = path.iter().position(|p| *p == id).unwrap_or(0);
                let mut ids: Vec<String> = path[i..].iter().map(|p| p.0.clone()).collect();
                ids.push(id.0.clone());
                return Some(ids);
            }
            path.push(id);
            on_path.insert(id);
            cur = design.nodes.get(id).and_then(|n| n.parent.as_ref());
        }
        done.extend(path.iter().copied());
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
