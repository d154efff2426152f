#![allow(clippy::disallowed_methods)] // native tests: not part of the first load
//! The loader, from the outside: every way a design file can be broken gives a `LoadError` that
//! names the place and the reason (in both languages, the Japanese with no English in it);
//! harmless oddities are repaired with a note; what is saved loads back unchanged; and no
//! input, however mangled, makes it panic.
//!
//! The format itself is documented in docs/design-format.md; `documented_kind_tables_match_the_catalogue`
//! keeps that document's generated tables in step with the catalogue
//! (`UPDATE_EXPECT=1 cargo test --test load` rewrites them).
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use kumozu::core::document::catalogue::{DefaultValue, ParamType, EDGE_KINDS, KINDS, USAGE};
use kumozu::core::document::model::{Node, ParamValue, Point};
use kumozu::core::document::templates::TEMPLATES;
use kumozu::core::format::load::{
    load_json, load_value, to_json, LoadError, LoadErrorKind, SyntaxProblem, MAX_EDGES,
    MAX_INPUT_BYTES, MAX_NODES,
};
use kumozu::core::Lang;
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// Building documents

/// A minimal valid document around `nodes` and `edges` (JSON array bodies).
fn doc(nodes: &str, edges: &str) -> String {
    format!(
        r#"{{"format":"kumozu-design","version":1,"region":"ap-northeast-1","nodes":[{nodes}],"edges":[{edges}]}}"#
    )
}

/// A document whose top level is `fields` plus the format line.
fn top(fields: &str) -> String {
    format!(r#"{{"format":"kumozu-design",{fields}}}"#)
}

/// One ECS service node `s` with `params` (a JSON object body).
fn service(params: &str) -> String {
    doc(
        &format!(r#"{{"id":"s","kind":"ecs_service","params":{{{params}}}}}"#),
        "",
    )
}

/// A subnet in a VPC with the given `azs` JSON value.
fn subnet_azs(azs: &str) -> String {
    doc(
        &format!(
            r#"{{"id":"v","kind":"vpc","w":500,"h":400}},
               {{"id":"sn","kind":"subnet","parent":"v","w":300,"h":200,"params":{{"azs":{azs}}}}}"#
        ),
        "",
    )
}

/// An ALB and a service with one `alb_rule` edge whose rule is `rule` (JSON, or empty for none).
fn alb_rule(rule: &str) -> String {
    let rule = if rule.is_empty() {
        String::new()
    } else {
        format!(r#","rule":{rule}"#)
    };
    doc(
        r#"{"id":"alb","kind":"alb"},{"id":"svc","kind":"ecs_service"}"#,
        &format!(r#"{{"id":"r","kind":"alb_rule","from":"alb","to":"svc"{rule}}}"#),
    )
}

/// The variant's name, e.g. `BadValue`.
fn variant(kind: &LoadErrorKind) -> String {
    let debug = format!("{kind:?}");
    debug
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_owned()
}

// ---------------------------------------------------------------------------------------------
// Errors: place and reason

/// One broken document and what the loader must say about it.
struct Case {
    /// What is wrong.
    name: &'static str,
    /// The file's text.
    json: String,
    /// `LoadError::place`, exactly.
    place: &'static str,
    /// The `LoadErrorKind` variant.
    kind: &'static str,
    /// A fragment of `message(Lang::En)`.
    en: &'static str,
    /// A fragment of `message(Lang::Ja)`.
    ja: &'static str,
}

fn case(
    name: &'static str,
    json: impl Into<String>,
    place: &'static str,
    kind: &'static str,
    en: &'static str,
    ja: &'static str,
) -> Case {
    Case {
        name,
        json: json.into(),
        place,
        kind,
        en,
        ja,
    }
}

fn cases() -> Vec<Case> {
    let long_id = "x".repeat(101);
    let many_nodes: Vec<String> = (0..=MAX_NODES)
        .map(|i| format!(r#"{{"id":"n{i}","kind":"generic"}}"#))
        .collect();
    let many_edges: Vec<String> = (0..=MAX_EDGES)
        .map(|i| format!(r#"{{"id":"e{i}","kind":"generic","from":"a","to":"b"}}"#))
        .collect();
    let oversize = format!("{}{}", doc("", ""), " ".repeat(MAX_INPUT_BYTES));
    vec![
        // --- not JSON, not a design, wrong version
        case(
            "malformed JSON: a bare word",
            "{\n  \"format\": \"kumozu-design\",\n  oops\n}",
            "",
            "Syntax",
            "not valid JSON (line 3, column 3", "3 行 3 列目: JSON として読めません (キーは二重引用符で囲んだ文字列にしてください)"),
        case(
            "malformed JSON: truncated",
            "{\"format\": \"kumozu-design\",\n\"version\": 1,\n\"nodes\": [",
            "",
            "Syntax",
            "line 3, column 10", "3 行 10 列目: JSON として読めません (途中で終わっています。"),
        case("malformed JSON: empty", "", "", "Syntax", "line 1, column 0", "1 行 0 列目: JSON として読めません (途中で終わっています。"),
        case(
            "malformed JSON: a number beyond f64",
            doc(r#"{"id":"a","kind":"users","x":1e400}"#, ""),
            "",
            "Syntax",
            ": a number too large to read)", "JSON として読めません (数が大きすぎて読めません)"),
        case(
            "malformed JSON: no colon",
            r#"{"format" "kumozu-design"}"#,
            "",
            "Syntax",
            "not valid JSON (line 1, column 11: a colon (:) is missing after a key)",
            "1 行 11 列目: JSON として読めません (キーの後のコロン (:) が足りません)",
        ),
        case(
            "malformed JSON: no comma in a list",
            r#"{"nodes": [1 2]}"#,
            "",
            "Syntax",
            "a comma (,) or a closing ] is missing",
            "カンマ (,) か閉じかっこ (]) が足りません",
        ),
        case(
            "malformed JSON: no comma in an object",
            "{\"format\": \"kumozu-design\"\n \"version\": 1}",
            "",
            "Syntax",
            "not valid JSON (line 2, column 2: a comma (,) or a closing } is missing)",
            "2 行 2 列目: JSON として読めません (カンマ (,) か閉じかっこ (}) が足りません)",
        ),
        case(
            "malformed JSON: a misspelt word",
            r#"{"follows_course": tru}"#,
            "",
            "Syntax",
            "an unknown word; only true, false and null are written without quotes",
            "知らない語があります。引用符なしで書けるのは true、false、null だけです",
        ),
        case(
            "malformed JSON: a missing value",
            r#"{"version": }"#,
            "",
            "Syntax",
            "a value is missing",
            "値がありません",
        ),
        case(
            "malformed JSON: a bad escape",
            r#"{"name": "a\q"}"#,
            "",
            "Syntax",
            "a bad escape (\\) in a string",
            "文字列の中のエスケープ (\\) が正しくありません",
        ),
        case(
            "malformed JSON: a malformed number",
            r#"{"version": -x}"#,
            "",
            "Syntax",
            "a malformed number",
            "数の書き方が正しくありません",
        ),
        case(
            "malformed JSON: a line break inside a string",
            "{\"name\": \"a\nb\"}",
            "",
            "Syntax",
            "a control character (such as a line break) in a string",
            "文字列の中に改行などの制御文字があります",
        ),
        case(
            "malformed JSON: a trailing comma",
            r#"{"version": 1,}"#,
            "",
            "Syntax",
            "an extra comma (,) after the last item",
            "最後の要素の後に余分なカンマ (,) があります",
        ),
        case(
            "malformed JSON: two values",
            "{} {}",
            "",
            "Syntax",
            "extra characters after the end",
            "終わりの後に余分な文字があります",
        ),
        case(
            "malformed JSON: nested too deeply",
            format!("{}{}", "[".repeat(200), "]".repeat(200)),
            "",
            "Syntax",
            "nested too deeply",
            "入れ子が深すぎます",
        ),
        case("not an object: array", "[1, 2, 3]", "", "NotADesign", "not a kumozu design", "kumozu の設計ファイルではありません"),
        case("not an object: string", "\"kumozu-design\"", "", "NotADesign", "not a kumozu design", "kumozu の設計ファイルではありません"),
        case("not an object: null", "null", "", "NotADesign", "not a kumozu design", "kumozu の設計ファイルではありません"),
        case(
            "missing format",
            r#"{"version":1,"region":"ap-northeast-1"}"#,
            "format",
            "NotADesign",
            "format: not a kumozu design (no \"format\": \"kumozu-design\")", "format: kumozu の設計ファイルではありません (\"format\": \"kumozu-design\" がありません)"),
        case(
            "another format",
            r#"{"format":"drawio","version":1,"region":"ap-northeast-1"}"#,
            "format",
            "NotADesign",
            "not a kumozu design", "kumozu の設計ファイルではありません"),
        case(
            "version 2 (newer)",
            top(r#""version":2,"region":"ap-northeast-1""#),
            "version",
            "UnsupportedVersion",
            "cannot read format version 2 (this kumozu reads 1 to 1); it may come from a newer kumozu", "version: バージョン 2 の形式は読めません (この kumozu が読めるのは 1〜1)。新しい kumozu で作られた可能性があります"),
        case(
            "version \"1\" (a string)",
            top(r#""version":"1","region":"ap-northeast-1""#),
            "version",
            "UnsupportedVersion",
            "cannot read format version \"1\"", "バージョン \"1\" の形式は読めません"),
        case(
            "version 0",
            top(r#""version":0,"region":"ap-northeast-1""#),
            "version",
            "UnsupportedVersion",
            "cannot read format version 0", "バージョン 0 の形式は読めません"),
        case(
            "version 1.5",
            top(r#""version":1.5,"region":"ap-northeast-1""#),
            "version",
            "UnsupportedVersion",
            "cannot read format version 1.5", "バージョン 1.5 の形式は読めません"),
        case(
            "version -1",
            top(r#""version":-1,"region":"ap-northeast-1""#),
            "version",
            "UnsupportedVersion",
            "cannot read format version -1", "バージョン -1 の形式は読めません"),
        case(
            "missing version",
            top(r#""region":"ap-northeast-1""#),
            "",
            "Field",
            "the required field \"version\" is missing", "必要な項目 \"version\" がありません"),
        // --- top-level fields
        case("missing region", top(r#""version":1"#), "", "Field", "the required field \"region\" is missing", "必要な項目 \"region\" がありません"),
        case(
            "region of the wrong type",
            top(r#""version":1,"region":13"#),
            "region",
            "Field",
            "region: expected text, found the number 13", "region: 文字列が必要ですが、数 13 が書かれています"),
        case(
            "unknown region",
            top(r#""version":1,"region":"eu-west-1""#),
            "region",
            "UnknownRegion",
            "unknown region \"eu-west-1\" (known: ap-northeast-1, ap-northeast-3, us-east-1)", "region: 未対応のリージョン \"eu-west-1\" です (対応: \"ap-northeast-1\"、\"ap-northeast-3\"、\"us-east-1\")"),
        case(
            "region with a zone letter",
            top(r#""version":1,"region":"ap-northeast-1a""#),
            "region",
            "UnknownRegion",
            "unknown region \"ap-northeast-1a\"", "未対応のリージョン \"ap-northeast-1a\" です"),
        case(
            "nodes not a list",
            top(r#""version":1,"region":"us-east-1","nodes":{}"#),
            "nodes",
            "Field",
            "nodes: expected a list, found an object", "nodes: リストが必要ですが、オブジェクトが書かれています"),
        // --- fields of the wrong JSON type: what was found and what was expected
        case(
            "name null",
            top(r#""version":1,"region":"us-east-1","name":null"#),
            "name",
            "Field",
            "name: expected text, found null",
            "name: 文字列が必要ですが、null が書かれています",
        ),
        case(
            "follows_course a number",
            top(r#""version":1,"region":"us-east-1","follows_course":1"#),
            "follows_course",
            "Field",
            "follows_course: expected true or false, found the number 1",
            "follows_course: true か false が必要ですが、数 1 が書かれています",
        ),
        // serde's own readers take a list of a struct's fields in order; files never hold one.
        case(
            "display given as a list",
            top(r#""version":1,"region":"us-east-1","display":["JPY",150,false]"#),
            "display",
            "Field",
            "display: expected an object, found a list",
            "display: オブジェクトが必要ですが、リストが書かれています",
        ),
        case(
            "exchange rate as text",
            top(r#""version":1,"region":"us-east-1","display":{"jpy_per_usd":"x"}"#),
            "display.jpy_per_usd",
            "Field",
            "display.jpy_per_usd: expected a number, found the text \"x\"",
            "display.jpy_per_usd: 数が必要ですが、文字列 \"x\" が書かれています",
        ),
        case(
            "usage given as a list",
            top(r#""version":1,"region":"us-east-1","usage":[]"#),
            "usage",
            "Field",
            "usage: expected an object, found a list",
            "usage: オブジェクトが必要ですが、リストが書かれています",
        ),
        case(
            "template as a number",
            top(r#""version":1,"region":"us-east-1","template":5"#),
            "template",
            "Field",
            "template: expected text, found the number 5",
            "template: 文字列が必要ですが、数 5 が書かれています",
        ),
        case(
            "node width true",
            doc(r#"{"id":"a","kind":"users","w":true}"#, ""),
            "nodes[0] \"a\".w",
            "Field",
            "expected a number, found true",
            "数が必要ですが、true が書かれています",
        ),
        case(
            "node parent a number",
            doc(r#"{"id":"a","kind":"users","parent":1.5}"#, ""),
            "nodes[0] \"a\".parent",
            "Field",
            "nodes[0] \"a\".parent: expected text, found the number 1.5",
            "nodes[0] \"a\".parent: 文字列が必要ですが、数 1.5 が書かれています",
        ),
        case(
            "node kind a number, no id",
            doc(r#"{"kind":5}"#, ""),
            "nodes[0].kind",
            "Field",
            "nodes[0].kind: expected text, found the number 5",
            "nodes[0].kind: 文字列が必要ですが、数 5 が書かれています",
        ),
        case(
            "node given as a list",
            doc(r#"["a","users"]"#, ""),
            "nodes[0]",
            "Field",
            "nodes[0]: expected an object, found a list",
            "nodes[0]: オブジェクトが必要ですが、リストが書かれています",
        ),
        case(
            "edge rule given as a list",
            alb_rule(r#"[10,"/*"]"#),
            "edges[0] \"r\".rule",
            "Field",
            "edges[0] \"r\".rule: expected an object, found a list",
            "edges[0] \"r\".rule: オブジェクトが必要ですが、リストが書かれています",
        ),
        case(
            "rule priority a fraction",
            alb_rule(r#"{"priority":1.5,"path_pattern":"/"}"#),
            "edges[0] \"r\".rule.priority",
            "Field",
            "expected a whole number, found the number 1.5",
            "整数が必要ですが、数 1.5 が書かれています",
        ),
        case(
            "rule priority beyond 64 bits",
            alb_rule(r#"{"priority":9223372036854775808,"path_pattern":"/"}"#),
            "edges[0] \"r\".rule.priority",
            "Field",
            "the number 9223372036854775808 is out of range for a whole number",
            "数 9223372036854775808 は整数として扱える範囲を超えています",
        ),
        case(
            "unknown currency",
            top(r#""version":1,"region":"us-east-1","display":{"currency":"EUR"}"#),
            "display.currency",
            "BadValue",
            "expected \"USD\" or \"JPY\"", "display.currency: 値が正しくありません (\"USD\" か \"JPY\" のどちらかにしてください)"),
        case(
            "exchange rate 0",
            top(r#""version":1,"region":"us-east-1","display":{"jpy_per_usd":0}"#),
            "display.jpy_per_usd",
            "BadValue",
            "a rate above 0", "値が正しくありません (0 より大きく 100000 以下のレートにしてください)"),
        case(
            "usage out of range",
            top(r#""version":1,"region":"us-east-1","usage":{"hours_per_month":800}"#),
            "usage.hours_per_month",
            "BadValue",
            "a number from 0 to 744 (h)", "値が正しくありません (0〜744 の数 (月間稼働時間)にしてください)"),
        case(
            "usage not a number",
            top(r#""version":1,"region":"us-east-1","usage":{"peak_hours_per_month":"lots"}"#),
            "usage.peak_hours_per_month",
            "BadValue",
            "a number from 0 to 744", "(0〜744 の数 ("),
        case(
            "usage negative",
            top(r#""version":1,"region":"us-east-1","usage":{"data_transfer_out_gb":-1}"#),
            "usage.data_transfer_out_gb",
            "BadValue",
            "a number from 0 to", "値が正しくありません (0〜"),
        // --- kinds and ids
        case(
            "unknown node kind",
            doc(r#"{"id":"web","kind":"ec2"}"#, ""),
            "nodes[0] \"web\".kind",
            "UnknownKind",
            "unknown node kind \"ec2\"", "nodes[0] \"web\".kind: 不明な種類 \"ec2\" です"),
        case(
            "node kind of the wrong case",
            doc(r#"{"id":"lb","kind":"ALB"}"#, ""),
            "nodes[0] \"lb\".kind",
            "UnknownKind",
            "unknown node kind \"ALB\"", "不明な種類 \"ALB\" です"),
        case(
            "node without an id",
            doc(r#"{"kind":"alb"}"#, ""),
            "nodes[0]",
            "Field",
            "nodes[0]: the required field \"id\" is missing", "nodes[0]: 必要な項目 \"id\" がありません"),
        case(
            "node that is not an object",
            doc(r#""alb""#, ""),
            "nodes[0]",
            "Field",
            "nodes[0]: expected an object, found the text \"alb\"", "nodes[0]: オブジェクトが必要ですが、文字列 \"alb\" が書かれています"),
        case(
            "unknown edge kind",
            doc(
                r#"{"id":"a","kind":"users"},{"id":"b","kind":"alb"}"#,
                r#"{"id":"e","kind":"grpc","from":"a","to":"b"}"#,
            ),
            "edges[0] \"e\".kind",
            "UnknownEdgeKind",
            "unknown edge kind \"grpc\"", "不明な接続の種類 \"grpc\" です"),
        case(
            "duplicate node id",
            doc(r#"{"id":"a","kind":"users"},{"id":"b","kind":"alb"},{"id":"a","kind":"s3"}"#, ""),
            "nodes[2] \"a\".id",
            "DuplicateId",
            "duplicate id \"a\"", "ID \"a\" が重複しています"),
        case(
            "duplicate edge id",
            doc(
                r#"{"id":"a","kind":"users"},{"id":"b","kind":"alb"}"#,
                r#"{"id":"e","kind":"https","from":"a","to":"b"},{"id":"e","kind":"http","from":"a","to":"b"}"#,
            ),
            "edges[1] \"e\".id",
            "DuplicateId",
            "duplicate id \"e\"", "ID \"e\" が重複しています"),
        case(
            "empty node id",
            doc(r#"{"id":"","kind":"users"}"#, ""),
            "nodes[0] \"\".id",
            "BadId",
            "an id must be 1 to 100 characters", "ID は 1〜100 文字で指定してください"),
        case(
            "empty edge id",
            doc(
                r#"{"id":"a","kind":"users"},{"id":"b","kind":"alb"}"#,
                r#"{"id":"","kind":"https","from":"a","to":"b"}"#,
            ),
            "edges[0] \"\".id",
            "BadId",
            "an id must be 1 to 100 characters", "ID は 1〜100 文字で指定してください"),
        case(
            "id of 101 characters",
            doc(&format!(r#"{{"id":"{long_id}","kind":"users"}}"#), ""),
            // the place quotes at most 40 characters of the id
            "nodes[0] \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\".id",
            "BadId",
            "1 to 100 characters", "ID は 1〜100 文字で指定してください"),
        // --- containment
        case(
            "dangling parent",
            doc(r#"{"id":"a","kind":"alb","parent":"zz"}"#, ""),
            "node \"a\".parent",
            "DanglingParent",
            "parent \"zz\" does not exist", "親 \"zz\" が存在しません"),
        case(
            "parent that is not a container",
            doc(r#"{"id":"lb","kind":"alb"},{"id":"db","kind":"rds_postgres","parent":"lb"}"#, ""),
            "node \"db\".parent",
            "ParentNotContainer",
            "parent \"lb\" is a alb, which cannot hold other nodes", "親 \"lb\" (種類 \"alb\") は他のノードを入れられる種類ではありません"),
        case(
            "containment cycle of 1 (its own parent)",
            doc(r#"{"id":"g","kind":"group","w":200,"h":200,"parent":"g"}"#, ""),
            "node \"g\".parent",
            "ContainmentCycle",
            "containment cycle (g → g)", "入れ子が循環しています (\"g\" → \"g\")"),
        case(
            "containment cycle of 2",
            doc(
                r#"{"id":"v1","kind":"vpc","parent":"v2"},{"id":"v2","kind":"group","parent":"v1"}"#,
                "",
            ),
            "node \"v1\".parent",
            "ContainmentCycle",
            "containment cycle (v1 → v2 → v1)", "入れ子が循環しています (\"v1\" → \"v2\" → \"v1\")"),
        case(
            "containment cycle of 3, with a node hanging off it",
            doc(
                r#"{"id":"c","kind":"ecs_cluster","parent":"a"},
                   {"id":"a","kind":"vpc","parent":"b"},
                   {"id":"b","kind":"subnet","parent":"c"},
                   {"id":"svc","kind":"ecs_service","parent":"c"}"#,
                "",
            ),
            "node \"a\".parent",
            "ContainmentCycle",
            "containment cycle (a → b → c → a)", "(\"a\" → \"b\" → \"c\" → \"a\")"),
        // --- edges
        case(
            "dangling edge start",
            doc(r#"{"id":"b","kind":"alb"}"#, r#"{"id":"e","kind":"https","from":"zz","to":"b"}"#),
            "edges[0] \"e\".from",
            "DanglingEdgeEnd",
            "from node \"zz\" does not exist", "接続元のノード \"zz\" が存在しません"),
        case(
            "dangling edge end",
            doc(r#"{"id":"a","kind":"users"}"#, r#"{"id":"e","kind":"https","from":"a","to":"zz"}"#),
            "edges[0] \"e\".to",
            "DanglingEdgeEnd",
            "to node \"zz\" does not exist", "接続先のノード \"zz\" が存在しません"),
        case(
            "edge without an end",
            doc(r#"{"id":"a","kind":"users"}"#, r#"{"id":"e","kind":"https","from":"a"}"#),
            "edges[0] \"e\"",
            "Field",
            "the required field \"to\" is missing", "必要な項目 \"to\" がありません"),
        case(
            "self-loop",
            doc(r#"{"id":"a","kind":"alb"}"#, r#"{"id":"e","kind":"generic","from":"a","to":"a"}"#),
            "edges[0] \"e\"",
            "SelfLoop",
            "the edge connects a node to itself", "同じノード同士を接続しています"),
        case(
            "alb_rule without a rule",
            alb_rule(""),
            "edges[0] \"r\".rule",
            "MissingRule",
            "an alb_rule edge needs a rule (priority and path_pattern)", "\"alb_rule\" の接続には \"rule\" (\"priority\" と \"path_pattern\") が必要です"),
        case(
            "rule priority 0",
            alb_rule(r#"{"priority":0,"path_pattern":"/*"}"#),
            "edges[0] \"r\".rule.priority",
            "BadValue",
            "a priority from 1 to 50000", "値が正しくありません (1〜50000 の優先度にしてください)"),
        case(
            "rule priority 50001",
            alb_rule(r#"{"priority":50001,"path_pattern":"/*"}"#),
            "edges[0] \"r\".rule.priority",
            "BadValue",
            "a priority from 1 to 50000", "1〜50000 の優先度にしてください"),
        case(
            "rule priority negative",
            alb_rule(r#"{"priority":-5,"path_pattern":"/*"}"#),
            "edges[0] \"r\".rule.priority",
            "BadValue",
            "a priority from 1 to 50000", "1〜50000 の優先度にしてください"),
        case(
            "rule priority as a string",
            alb_rule(r#"{"priority":"10","path_pattern":"/*"}"#),
            "edges[0] \"r\".rule.priority",
            "Field",
            "expected a whole number, found the text \"10\"", "整数が必要ですが、文字列 \"10\" が書かれています"),
        case(
            "rule without a path pattern",
            alb_rule(r#"{"priority":10}"#),
            "edges[0] \"r\".rule",
            "Field",
            "the required field \"path_pattern\" is missing", "必要な項目 \"path_pattern\" がありません"),
        // --- parameters
        case(
            "vcpu of the wrong type",
            service(r#""vcpu":"two""#),
            "nodes[0] \"s\".params.vcpu",
            "BadValue",
            "one of 0.25, 0.5, 1, 2, 4, 8, 16", "0.25、0.5、1、2、4、8、16 のどれかにしてください"),
        case(
            "vcpu 3 (not a Fargate size)",
            service(r#""vcpu":3"#),
            "nodes[0] \"s\".params.vcpu",
            "BadValue",
            "one of 0.25, 0.5, 1, 2, 4, 8, 16", "0.25、0.5、1、2、4、8、16 のどれかにしてください"),
        case(
            "desired_tasks -1",
            service(r#""desired_tasks":-1"#),
            "nodes[0] \"s\".params.desired_tasks",
            "BadValue",
            "a whole number from 0 to 5000", "0〜5000 の整数にしてください"),
        case(
            "desired_tasks 2.5",
            service(r#""desired_tasks":2.5"#),
            "nodes[0] \"s\".params.desired_tasks",
            "BadValue",
            "a whole number from 0 to 5000", "0〜5000 の整数にしてください"),
        case(
            "memory_gb 0",
            service(r#""memory_gb":0"#),
            "nodes[0] \"s\".params.memory_gb",
            "BadValue",
            "a number from 0.5 to 120", "0.5〜120 の数にしてください"),
        case(
            "memory_gb null",
            service(r#""memory_gb":null"#),
            "nodes[0] \"s\".params.memory_gb",
            "BadValue",
            "a number from 0.5 to 120", "0.5〜120 の数にしてください"),
        case(
            "bool given as a string",
            service(r#""websocket":"yes""#),
            "nodes[0] \"s\".params.websocket",
            "BadValue",
            "true or false", "true か false のどちらかにしてください"),
        case(
            "choice not in the list",
            service(r#""launch_type":"LAMBDA""#),
            "nodes[0] \"s\".params.launch_type",
            "BadValue",
            "one of FARGATE, EC2", "\"FARGATE\"、\"EC2\" のどれかにしてください"),
        case(
            "choice of the wrong case",
            service(r#""cpu_architecture":"arm64""#),
            "nodes[0] \"s\".params.cpu_architecture",
            "BadValue",
            "one of X86_64, ARM64", "\"X86_64\"、\"ARM64\" のどれかにしてください"),
        case(
            "params not an object",
            doc(r#"{"id":"s","kind":"ecs_service","params":[1]}"#, ""),
            "nodes[0] \"s\".params",
            "Field",
            "expected an object, found a list", "nodes[0] \"s\".params: オブジェクトが必要ですが、リストが書かれています"),
        case(
            "AZ list empty",
            subnet_azs("[]"),
            "nodes[1] \"sn\".params.azs",
            "BadValue",
            "a list of availability-zone letters such as [\"a\", \"c\"]", "[\"a\", \"c\"] のような、アベイラビリティーゾーンを表す小文字 1 字を重ならずに 1〜6 個並べたリストにしてください"),
        case(
            "AZ list with a two-letter zone",
            subnet_azs(r#"["a","ab"]"#),
            "nodes[1] \"sn\".params.azs",
            "BadValue",
            "availability-zone letters", "アベイラビリティーゾーンを表す小文字 1 字"),
        case(
            "AZ list with a duplicate",
            subnet_azs(r#"["a","c","a"]"#),
            "nodes[1] \"sn\".params.azs",
            "BadValue",
            "availability-zone letters", "アベイラビリティーゾーンを表す小文字 1 字"),
        case(
            "AZ list with a capital letter",
            subnet_azs(r#"["A"]"#),
            "nodes[1] \"sn\".params.azs",
            "BadValue",
            "availability-zone letters", "アベイラビリティーゾーンを表す小文字 1 字"),
        case(
            "AZ list with a full zone name",
            subnet_azs(r#"["ap-northeast-1a"]"#),
            "nodes[1] \"sn\".params.azs",
            "BadValue",
            "availability-zone letters", "アベイラビリティーゾーンを表す小文字 1 字"),
        case(
            "AZ list that is a string",
            subnet_azs(r#""a""#),
            "nodes[1] \"sn\".params.azs",
            "BadValue",
            "availability-zone letters", "アベイラビリティーゾーンを表す小文字 1 字"),
        case(
            "AZ list of seven",
            subnet_azs(r#"["a","b","c","d","e","f","g"]"#),
            "nodes[1] \"sn\".params.azs",
            "BadValue",
            "availability-zone letters", "アベイラビリティーゾーンを表す小文字 1 字"),
        // --- geometry
        case(
            "huge x (1e300)",
            doc(r#"{"id":"a","kind":"users","x":1e300}"#, ""),
            "nodes[0] \"a\".x",
            "BadValue",
            "a coordinate between -1000000 and 1000000", "-1000000〜1000000 の座標にしてください"),
        case(
            "huge negative y",
            doc(r#"{"id":"a","kind":"users","y":-2e6}"#, ""),
            "nodes[0] \"a\".y",
            "BadValue",
            "a coordinate between -1000000 and 1000000", "-1000000〜1000000 の座標にしてください"),
        case(
            "x as a string",
            doc(r#"{"id":"a","kind":"users","x":"10"}"#, ""),
            "nodes[0] \"a\".x",
            "Field",
            "nodes[0] \"a\".x: expected a number, found the text \"10\"", "nodes[0] \"a\".x: 数が必要ですが、文字列 \"10\" が書かれています"),
        case(
            "negative container width",
            doc(r#"{"id":"v","kind":"vpc","w":-300,"h":200}"#, ""),
            "nodes[0] \"v\".w",
            "BadValue",
            "a size above 0 and at most 1000000", "0 より大きく 1000000 以下の大きさにしてください"),
        case(
            "zero container height",
            doc(r#"{"id":"v","kind":"vpc","w":300,"h":0}"#, ""),
            "nodes[0] \"v\".h",
            "BadValue",
            "a size above 0", "0 より大きく 1000000 以下の大きさにしてください"),
        case(
            "huge container width",
            doc(r#"{"id":"v","kind":"vpc","w":1e300,"h":200}"#, ""),
            "nodes[0] \"v\".w",
            "BadValue",
            "a size above 0 and at most 1000000", "0 より大きく 1000000 以下の大きさにしてください"),
        // --- text and size limits
        case(
            "label of 1001 characters",
            doc(&format!(r#"{{"id":"a","kind":"users","label":"{}"}}"#, "あ".repeat(1001)), ""),
            "nodes[0] \"a\".label",
            "BadValue",
            "at most 1000 characters", "値が正しくありません (1000 文字以内にしてください)"),
        case(
            "name of 1001 characters",
            top(&format!(r#""version":1,"region":"us-east-1","name":"{}""#, "n".repeat(1001))),
            "name",
            "BadValue",
            "at most 1000 characters", "1000 文字以内にしてください"),
        case(
            "oversize input (over 4 MiB)",
            oversize,
            "",
            "TooLarge",
            "too large (bytes: 41943", "大きすぎます (バイト数 41943"),
        case(
            "too many nodes",
            doc(&many_nodes.join(","), ""),
            "nodes",
            "TooLarge",
            "too large (nodes: 5001, at most 5000)", "大きすぎます (ノード数 5001、上限 5000)"),
        case(
            "too many edges",
            doc(
                r#"{"id":"a","kind":"users"},{"id":"b","kind":"alb"}"#,
                &many_edges.join(","),
            ),
            "edges",
            "TooLarge",
            "too large (edges: 20001, at most 20000)", "大きすぎます (接続数 20001、上限 20000)"),
    ]
}

#[test]
fn every_broken_file_names_the_place_and_the_reason() {
    let mut failures = Vec::new();
    for c in cases() {
        let err: LoadError = match load_json(&c.json) {
            Ok(_) => {
                failures.push(format!("{}: loaded, expected an error", c.name));
                continue;
            }
            Err(e) => e,
        };
        let en = err.message(Lang::En);
        let ja = err.message(Lang::Ja);
        let got = variant(&err.kind);
        if err.place != c.place {
            failures.push(format!(
                "{}: place {:?}, expected {:?}",
                c.name, err.place, c.place
            ));
        }
        if got != c.kind {
            failures.push(format!("{}: {got}, expected {} ({en})", c.name, c.kind));
        }
        if !en.contains(c.en) {
            failures.push(format!("{}: {en:?} lacks {:?}", c.name, c.en));
        }
        if !ja.contains(c.ja) {
            failures.push(format!("{}: {ja:?} lacks {:?}", c.name, c.ja));
        }
        let english = english_in_japanese(&ja, &err.place);
        if !english.is_empty() {
            failures.push(format!("{}: English {english:?} in {ja:?}", c.name));
        }
        if !c.place.is_empty() && !en.starts_with(&format!("{}: ", c.place)) {
            failures.push(format!("{}: {en:?} does not start with its place", c.name));
        }
        if ja.trim().is_empty() || ja == en {
            failures.push(format!(
                "{}: Japanese message {ja:?} (English {en:?})",
                c.name
            ));
        }
        if !c.place.is_empty() && !ja.starts_with(&format!("{}: ", c.place)) {
            failures.push(format!("{}: {ja:?} does not start with its place", c.name));
        }
        // Display is the English message.
        if err.to_string() != en {
            failures.push(format!("{}: Display differs from message(En)", c.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// English left in a Japanese message: runs of three or more ASCII letters outside the place
/// it starts with and outside what it quotes from the file (`"…"`), apart from the words a
/// Japanese message keeps as they are (JSON, its literals, the product's name).
fn english_in_japanese(ja: &str, place: &str) -> Vec<String> {
    const KEPT: &[&str] = &["JSON", "true", "false", "null", "kumozu"];
    let mut rest = ja;
    if !place.is_empty() {
        match rest.strip_prefix(&format!("{place}: ")) {
            Some(r) => rest = r,
            None => return vec![format!("no place {place:?}")],
        }
    }
    // Drop quoted text: what sits between a pair of double quotes.
    let mut unquoted = String::new();
    for (i, piece) in rest.split('"').enumerate() {
        if i % 2 == 0 {
            unquoted.push_str(piece);
            unquoted.push(' ');
        }
    }
    unquoted
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|word| word.len() >= 3 && !KEPT.contains(word))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_english_checker_finds_english() {
    // What the loader said before it had its own Japanese words.
    assert_eq!(
        english_in_japanese("項目が正しくありません: missing field `id`", ""),
        ["missing", "field"]
    );
    assert_eq!(
        english_in_japanese(
            "nodes[0] \"s\": 項目が正しくありません: invalid type: string \"10\", expected f64",
            "nodes[0] \"s\""
        ),
        ["invalid", "type", "string", "expected"]
    );
    assert_eq!(
        english_in_japanese(
            "JSON として読めません (3 行 3 列: key must be a string)",
            ""
        ),
        ["key", "must", "string"]
    );
    // Quoted ids, the place and the kept words pass; a message without its place does not.
    assert!(english_in_japanese("web.kind: 不明な種類 \"lambda\" です", "web.kind").is_empty());
    assert!(english_in_japanese("true か false のどちらか (JSON)", "").is_empty());
    assert!(!english_in_japanese("不明な種類です", "web.kind").is_empty());
}

#[test]
fn the_case_table_covers_every_error_kind() {
    let seen: std::collections::BTreeSet<&str> = cases().iter().map(|c| c.kind).collect();
    for kind in [
        "Syntax",
        "TooLarge",
        "NotADesign",
        "UnsupportedVersion",
        "Field",
        "UnknownRegion",
        "UnknownKind",
        "UnknownEdgeKind",
        "DuplicateId",
        "BadId",
        "DanglingParent",
        "ParentNotContainer",
        "DanglingEdgeEnd",
        "SelfLoop",
        "ContainmentCycle",
        "MissingRule",
        "BadValue",
    ] {
        assert!(seen.contains(kind), "no case for {kind}");
    }
}

#[test]
fn a_syntax_error_carries_its_line_and_column() {
    let err = load_json("{\n  \"format\": \"kumozu-design\",\n  oops\n}").unwrap_err();
    match err.kind {
        LoadErrorKind::Syntax {
            line,
            column,
            problem,
        } => {
            assert_eq!((line, column), (3, 3));
            assert_eq!(problem, SyntaxProblem::Key);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        err.message(Lang::Ja),
        "3 行 3 列目: JSON として読めません (キーは二重引用符で囲んだ文字列にしてください)"
    );
    assert_eq!(
        err.message(Lang::En),
        "not valid JSON (line 3, column 3: a key must be text in double quotes)"
    );
}

#[test]
fn a_containment_cycle_lists_its_ids() {
    let err = load_json(&doc(
        r#"{"id":"a","kind":"group","parent":"c"},{"id":"b","kind":"group","parent":"a"},{"id":"c","kind":"group","parent":"b"}"#,
        "",
    ))
    .unwrap_err();
    assert_eq!(
        err.kind,
        LoadErrorKind::ContainmentCycle {
            ids: vec!["a".into(), "c".into(), "b".into(), "a".into()]
        }
    );
}

#[test]
fn the_limits_themselves_are_accepted() {
    let nodes: Vec<String> = (0..MAX_NODES)
        .map(|i| format!(r#"{{"id":"n{i}","kind":"generic"}}"#))
        .collect();
    let loaded = load_json(&doc(&nodes.join(","), "")).unwrap();
    assert_eq!(loaded.design.nodes.len(), MAX_NODES);

    let id = "x".repeat(100);
    let label = "あ".repeat(1000);
    let text = doc(
        &format!(
            r#"{{"id":"{id}","kind":"users","label":"{label}","x":-1000000,"y":1000000}},
               {{"id":"v","kind":"vpc","w":1000000,"h":0.5}}"#
        ),
        "",
    );
    let loaded = load_json(&text).unwrap();
    assert_eq!(loaded.design.nodes.len(), 2);

    for priority in [1, 50_000] {
        let text = alb_rule(&format!(r#"{{"priority":{priority},"path_pattern":"/*"}}"#));
        let loaded = load_json(&text).unwrap();
        let rule = loaded
            .design
            .edges
            .values()
            .next()
            .unwrap()
            .rule
            .clone()
            .unwrap();
        assert_eq!(rule.priority, priority);
    }
}

// ---------------------------------------------------------------------------------------------
// Repairs

#[test]
fn unknown_things_are_ignored_with_a_note() {
    let text = r#"{"format":"kumozu-design","version":1,"region":"us-east-1",
            "usage":{"hours_per_month":700,"coffee_per_day":3},
            "nodes":[{"id":"s","kind":"ecs_service","params":{"vcpu":1,"memory_gb":2,"colour":"red"}},
                     {"id":"db","kind":"rds_postgres"}],
            "edges":[{"id":"e","kind":"sql","from":"s","to":"db","rule":{"priority":1,"path_pattern":"/"}}],
            "future_field":{"anything":true}}"#;
    let loaded = load_json(text).unwrap();
    let notes = loaded.notes.join("\n");
    assert_eq!(loaded.notes.len(), 3, "{notes}");
    assert!(
        notes.contains("usage.coffee_per_day: unknown usage assumption, ignored"),
        "{notes}"
    );
    assert!(
        notes.contains("nodes[0] \"s\".params.colour: not a parameter of ecs_service, ignored"),
        "{notes}"
    );
    assert!(
        notes.contains("edges[0] \"e\".rule: only alb_rule edges carry a rule, ignored"),
        "{notes}"
    );
    let d = &loaded.design;
    let s = d.node("s").unwrap();
    assert!(!s.params.contains_key("colour"));
    assert_eq!(s.num("vcpu"), 1.0);
    assert_eq!(d.usage("hours_per_month"), 700.0);
    assert!(!d.usage.contains_key("coffee_per_day"));
    assert_eq!(d.edges.values().next().unwrap().rule, None);
}

#[test]
fn missing_parameters_get_their_defaults_silently() {
    let loaded = load_json(&doc(
        r#"{"id":"s","kind":"ecs_service"},{"id":"db","kind":"rds_postgres","params":{"multi_az":true}}"#,
        "",
    ))
    .unwrap();
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
    let d = &loaded.design;
    // Every parameter of every node is present, at the catalogue default unless given.
    for node in d.nodes.values() {
        let fresh = Node::new(node.id.0.clone(), node.kind, Point::default());
        for spec in node.kind.info().params {
            let value = node
                .params
                .get(spec.key)
                .unwrap_or_else(|| panic!("{} lacks {}", node.id, spec.key));
            if !(node.id.0 == "db" && spec.key == "multi_az") {
                assert_eq!(
                    Some(value),
                    fresh.params.get(spec.key),
                    "{}.{}",
                    node.id,
                    spec.key
                );
            }
        }
        assert_eq!(node.params.len(), node.kind.info().params.len());
    }
    assert_eq!(
        d.node("db").unwrap().params["multi_az"],
        ParamValue::Bool(true)
    );
    assert_eq!(d.node("s").unwrap().num("vcpu"), 0.5);
    assert_eq!(d.node("s").unwrap().text("launch_type"), "FARGATE");
    // Top-level defaults.
    assert_eq!(d.name, "");
    assert_eq!(d.template, None);
    assert!(!d.follows_course);
    assert_eq!(d.jpy_per_usd, 150.0);
    for u in USAGE {
        assert_eq!(d.usage(u.key), u.default, "{}", u.key);
    }
    // Containers get a size; other nodes use the standard one.
    let v = load_json(&doc(
        r#"{"id":"v","kind":"vpc"},{"id":"u","kind":"users"}"#,
        "",
    ))
    .unwrap()
    .design;
    assert!(v.node("v").unwrap().size.is_some());
    assert!(v.node("u").unwrap().size.is_none());
}

#[test]
fn an_empty_parent_means_top_level() {
    let d = load_json(&doc(r#"{"id":"a","kind":"users","parent":""}"#, ""))
        .unwrap()
        .design;
    assert_eq!(d.node("a").unwrap().parent, None);
}

// ---------------------------------------------------------------------------------------------
// Round trips

#[test]
fn every_template_round_trips() {
    for t in TEMPLATES {
        let loaded = load_json(t.json).unwrap_or_else(|e| panic!("{}: {e}", t.id));
        assert!(loaded.notes.is_empty(), "{}: {:?}", t.id, loaded.notes);
        let d = loaded.design;
        let text = to_json(&d);
        let again = load_json(&text).unwrap_or_else(|e| panic!("{}: {e}\n{text}", t.id));
        assert!(again.notes.is_empty(), "{}: {:?}", t.id, again.notes);
        assert_eq!(again.design, d, "{}", t.id);
        // Saving is deterministic: the same design gives the same text.
        assert_eq!(to_json(&again.design), text, "{}", t.id);
        // And the saved form is the current version.
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["format"], "kumozu-design");
        assert_eq!(v["version"], 1);
    }
}

#[test]
fn non_default_settings_round_trip() {
    let text = r#"{"format":"kumozu-design","version":1,"name":"設計 ✓","region":"ap-northeast-3",
        "template":"party-box","follows_course":true,
        "display":{"currency":"JPY","jpy_per_usd":151.25,"include_tax":true},
        "usage":{"hours_per_month":100.5,"alb_processed_gb_per_hour":0.001},
        "nodes":[{"id":"u","kind":"users","label":"","x":-10.25,"y":3},
                 {"id":"box","kind":"generic","label":"note","x":0,"y":0,"w":33.5,"h":12,"note":"sized"},
                 {"id":"s","kind":"ecs_service","params":{"vcpu":0.25,"memory_gb":0.5}}],
        "edges":[{"id":"e","kind":"https","from":"u","to":"s","label":"HTTPS"}]}"#;
    let d = load_json(text).unwrap().design;
    let again = load_json(&to_json(&d)).unwrap();
    assert!(again.notes.is_empty());
    assert_eq!(again.design, d);
}

// ---------------------------------------------------------------------------------------------
// The documented format (docs/design-format.md) agrees with the catalogue

const BEGIN: &str = "<!-- BEGIN GENERATED: catalogue (tests/load.rs) -->";
const END: &str = "<!-- END GENERATED: catalogue -->";

fn ty_md(ty: ParamType) -> String {
    let list = |v: Vec<String>| v.join(", ");
    match ty {
        ParamType::Number { min, max } => format!("number {min} – {max}"),
        ParamType::Integer { min, max } => format!("whole number {min} – {max}"),
        ParamType::Choice(c) => {
            format!(
                "one of {}",
                list(c.iter().map(|s| format!("`\"{s}\"`")).collect())
            )
        }
        ParamType::NumberChoice(c) => {
            format!(
                "one of {}",
                list(c.iter().map(|v| format!("`{v}`")).collect())
            )
        }
        ParamType::Bool => "`true` / `false`".into(),
        ParamType::Text => "text (≤ 1000 characters)".into(),
        ParamType::AzList => "list of 1–6 distinct AZ letters (`a`–`z`)".into(),
    }
}

fn default_md(d: DefaultValue) -> String {
    match d {
        DefaultValue::Num(v) => format!("`{v}`"),
        DefaultValue::Bool(b) => format!("`{b}`"),
        DefaultValue::Str(s) => format!("`\"{s}\"`"),
        DefaultValue::List(l) => format!(
            "`[{}]`",
            l.iter()
                .map(|s| format!("\"{s}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The generated part of docs/design-format.md.
fn catalogue_md() -> String {
    let mut md = String::new();
    md.push_str("### Usage assumptions (`usage`)\n\n");
    md.push_str("| key | meaning | unit | default | accepted |\n|-----|---------|------|---------|----------|\n");
    for u in USAGE {
        md.push_str(&format!(
            "| `{}` | {} / {} | {} | `{}` | 0 – {} |\n",
            u.key, u.name.en, u.name.ja, u.unit, u.default, u.max
        ));
    }
    md.push_str("\n### Node kinds (`kind`)\n\n");
    md.push_str("| kind | name | container | may sit in (`parent`) | parameters |\n|------|------|-----------|-----------------------|------------|\n");
    for k in KINDS {
        let params: Vec<String> = k.params.iter().map(|p| format!("`{}`", p.key)).collect();
        // Kind::may_sit_in, as guidance: the loader does not enforce it, the validator and editor do.
        let mut places: Vec<String> = Vec::new();
        if k.kind.may_sit_in(None).is_ok() {
            places.push("top level".into());
        }
        for c in KINDS.iter().filter(|c| c.container) {
            if k.kind.may_sit_in(Some(c.kind)).is_ok() {
                places.push(format!("`{}`", c.id));
            }
        }
        md.push_str(&format!(
            "| `{}` | {} / {} | {} | {} | {} |\n",
            k.id,
            k.name.en,
            k.name.ja,
            if k.container { "yes" } else { "no" },
            places.join(", "),
            if params.is_empty() {
                "—".to_owned()
            } else {
                params.join(", ")
            }
        ));
    }
    for k in KINDS.iter().filter(|k| !k.params.is_empty()) {
        md.push_str(&format!(
            "\n#### `{}` — {} / {}\n\n",
            k.id, k.name.en, k.name.ja
        ));
        md.push_str("| key | meaning | unit | type and valid values | default |\n|-----|---------|------|-----------------------|---------|\n");
        for p in k.params {
            md.push_str(&format!(
                "| `{}` | {} / {} | {} | {} | {} |\n",
                p.key,
                p.name.en,
                p.name.ja,
                p.unit.unwrap_or("—"),
                ty_md(p.ty),
                default_md(p.default)
            ));
        }
    }
    md.push_str("\n### Edge kinds (`kind` of an edge)\n\n");
    md.push_str("| kind | name | drawn |\n|------|------|-------|\n");
    for e in EDGE_KINDS {
        md.push_str(&format!(
            "| `{}` | {} / {} | {} |\n",
            e.id,
            e.name.en,
            e.name.ja,
            if e.dashed { "dashed" } else { "solid" }
        ));
    }
    md
}

#[test]
fn documented_kind_tables_match_the_catalogue() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/design-format.md");
    let doc = std::fs::read_to_string(&path).expect("docs/design-format.md exists");
    let (Some(b), Some(e)) = (doc.find(BEGIN), doc.find(END)) else {
        panic!("docs/design-format.md lacks the {BEGIN} … {END} markers");
    };
    let start = b + BEGIN.len();
    let current = &doc[start..e];
    let wanted = format!("\n{}", catalogue_md());
    if current == wanted {
        return;
    }
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        let updated = format!("{}{}{}", &doc[..start], wanted, &doc[e..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    panic!(
        "the generated tables in docs/design-format.md are out of date \
         (UPDATE_EXPECT=1 cargo test --test load rewrites them)"
    );
}

#[test]
fn documented_example_loads() {
    // Every ```json block in the document that is a whole design loads without notes.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/design-format.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let mut designs = 0;
    for block in doc.split("```json\n").skip(1) {
        let body = block.split("\n```").next().unwrap();
        let Ok(v) = serde_json::from_str::<Value>(body) else {
            continue; // a fragment
        };
        if v.get("format").is_none() {
            continue;
        }
        designs += 1;
        let loaded = load_value(v).unwrap_or_else(|e| panic!("{e}\n{body}"));
        assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
    }
    assert!(
        designs >= 2,
        "the document shows at least two whole designs"
    );
    // The blank template is shown in full: it must be the file itself.
    let blank =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/blank.json"))
            .unwrap();
    assert!(
        doc.contains(&format!("```json\n{}\n```", blank.trim_end())),
        "docs/design-format.md's copy of templates/blank.json is out of date"
    );
}

// ---------------------------------------------------------------------------------------------
// Never a panic

mod fuzz {
    use super::*;
    use proptest::prelude::*;
    use proptest::sample::Index;

    /// Loads, and when it loads, saves and loads again: the same design.
    fn check(text: &str) -> Result<(), TestCaseError> {
        if let Ok(loaded) = load_json(text) {
            let again = load_json(&to_json(&loaded.design));
            prop_assert!(again.is_ok(), "saved form does not load: {:?}", again.err());
            prop_assert_eq!(&again.unwrap().design, &loaded.design);
        }
        Ok(())
    }

    fn template() -> impl Strategy<Value = &'static str> {
        (0..TEMPLATES.len()).prop_map(|i| TEMPLATES[i].json)
    }

    /// A JSON value of any shape, with the awkward numbers and strings.
    fn any_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from), // NaN and infinities become null
            prop_oneof![
                Just(0.0),
                Just(-0.0),
                Just(1e300),
                Just(-1e300),
                Just(0.5),
                Just(50_001.0),
                Just(u64::MAX as f64)
            ]
            .prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            ".{0,12}".prop_map(Value::from),
            prop_oneof![
                Just("alb"),
                Just("vpc"),
                Just("alb_rule"),
                Just(""),
                Just("a"),
                Just("nestjs"),
                Just("public"),
                Just("kumozu-design"),
                Just("/*")
            ]
            .prop_map(Value::from),
        ];
        leaf.prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map("[a-z_]{0,8}", inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// Every JSON pointer in `v` (the root included).
    fn pointers(v: &Value, here: String, out: &mut Vec<String>) {
        match v {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    pointers(item, format!("{here}/{i}"), out);
                }
            }
            Value::Object(map) => {
                for (k, item) in map {
                    let k = k.replace('~', "~0").replace('/', "~1");
                    pointers(item, format!("{here}/{k}"), out);
                }
            }
            _ => {}
        }
        out.push(here);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn truncated_templates_never_panic(json in template(), at in any::<Index>()) {
            let cut = at.index(json.len() + 1);
            let text = String::from_utf8_lossy(&json.as_bytes()[..cut]);
            check(&text)?;
        }

        #[test]
        fn templates_with_flipped_or_inserted_bytes_never_panic(
            json in template(),
            edits in prop::collection::vec((any::<Index>(), any::<u8>(), any::<bool>()), 1..6),
        ) {
            let mut bytes = json.as_bytes().to_vec();
            for (at, byte, insert) in edits {
                let i = at.index(bytes.len() + 1);
                if insert || i == bytes.len() {
                    bytes.insert(i, byte);
                } else {
                    bytes[i] ^= byte | 1;
                }
            }
            check(&String::from_utf8_lossy(&bytes))?;
        }

        #[test]
        fn templates_with_replaced_values_never_panic(
            json in template(),
            swaps in prop::collection::vec((any::<Index>(), any_value()), 1..4),
        ) {
            let mut v: Value = serde_json::from_str(json).unwrap();
            for (at, new) in swaps {
                let mut all = Vec::new();
                pointers(&v, String::new(), &mut all);
                let p = &all[at.index(all.len())];
                if p.is_empty() {
                    v = new;
                } else if let Some(slot) = v.pointer_mut(p) {
                    *slot = new;
                }
            }
            // Both entry points: the parsed value and its text.
            let _ = load_value(v.clone());
            check(&v.to_string())?;
        }

        #[test]
        fn templates_with_removed_values_never_panic(json in template(), at in any::<Index>()) {
            let mut v: Value = serde_json::from_str(json).unwrap();
            let mut all = Vec::new();
            pointers(&v, String::new(), &mut all);
            let p = all[at.index(all.len())].clone();
            if let Some((parent, last)) = p.rsplit_once('/') {
                match v.pointer_mut(parent) {
                    Some(Value::Object(map)) => {
                        map.remove(&last.replace("~1", "/").replace("~0", "~"));
                    }
                    Some(Value::Array(items)) => {
                        if let Ok(i) = last.parse::<usize>() {
                            items.remove(i);
                        }
                    }
                    _ => {}
                }
            }
            check(&v.to_string())?;
        }
    }
}

/// Files are written by serde's derive (`dto::DesignV1::into_pretty`) byte for byte as before:
/// the frozen design files of tests/fixtures/links/v1 were written by the first release. Every
/// frozen design there is checked, so a new one cannot be left out.
#[test]
fn design_files_are_written_as_before() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/links/v1");
    let mut frozen: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|name| name.strip_suffix(".json").map(str::to_owned))
        // defaults.json is a table of designs and nodes, not one design file.
        .filter(|name| name != "defaults")
        .collect();
    frozen.sort();
    assert_eq!(
        frozen,
        [
            "blank",
            "ec-site",
            "party-box",
            "party-box-edited",
            "synthetic-100"
        ],
        "the frozen design files"
    );
    for name in &frozen {
        let text = std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap();
        let loaded = load_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(loaded.notes.is_empty(), "{name}: {:?}", loaded.notes);
        assert_eq!(format!("{}\n", to_json(&loaded.design)), text, "{name}");
    }
}
