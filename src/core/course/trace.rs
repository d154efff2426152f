//! The request path tracer (issue 7, item 2): follows one request — `GET /api/rooms`, `GET /`,
//! a Socket.io upgrade — through a design, hop by hop, and says in both languages where it goes
//! and why, or where and why it cannot be served.
//!
//! The walk: the users node → Route 53 / CloudFront when the design routes through them → the
//! ALB → its listener rules in priority order (the validator's own [`context::route`], so the
//! trace and the rules never disagree on which rule takes a path) or the default action → the
//! target ECS service (or Lambda function) → its tasks → for HTTP requests, the database and
//! cache the service connects to. Where the request cannot go on it stops with a [`Break`];
//! when a validator rule already reports the cause (e.g. `fargate-image-pull`), the break
//! carries that finding.
//!
//! # Request syntax
//!
//! `METHOD PATH`, one or more spaces between, surrounding spaces ignored:
//!
//! - `METHOD` is `GET`, `HEAD`, `POST`, `PUT`, `PATCH`, `DELETE`, `OPTIONS` (any letter case),
//!   or `WS` for a WebSocket upgrade (what a Socket.io client opens: `WS /socket.io/?EIO=4`).
//!   Without a method, `GET` is meant (`/api/rooms`).
//! - `PATH` starts with `/`; a `?query` after it is kept for display but, as for the ALB, is
//!   not part of the path a rule matches. A whole URL (`https://host/path`, `wss://host/path`)
//!   gives its path; a `ws://` or `wss://` URL without a method means `WS`.
//! - Printable ASCII only (percent-encode the rest), no `#`, at most [`MAX_REQUEST_CHARS`].
//!
//! A request that is not of this form is a [`RequestError`] with its reason in both languages.
//!
//! Pure and total: never panics on any design (edges to missing nodes included), never looks
//! anywhere but the design it is given.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt;

use serde_json::{json, Value};

use crate::core::document::catalogue::{EdgeKind, Kind};
use crate::core::document::model::{Design, Edge, EdgeId, Node, NodeId};
use crate::core::support::i18n::Lang;
use crate::core::validate::context as cx;
use crate::core::validate::{self, Finding, Message};

/// Longest request text accepted, in characters.
pub const MAX_REQUEST_CHARS: usize = 2048;

/// The JSON form's format name and version ([`Trace::to_json`]).
pub const FORMAT: &str = "kumozu-trace";
/// See [`FORMAT`].
pub const VERSION: u32 = 1;

/// An HTTP method, or a WebSocket upgrade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `GET`.
    Get,
    /// `HEAD`.
    Head,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
    /// `DELETE`.
    Delete,
    /// `OPTIONS`.
    Options,
    /// A WebSocket upgrade (`GET` with `Upgrade: websocket`), as Socket.io opens.
    Ws,
}

/// Every method, in the order error messages list them.
pub const METHODS: &[Method] = &[
    Method::Get,
    Method::Head,
    Method::Post,
    Method::Put,
    Method::Patch,
    Method::Delete,
    Method::Options,
    Method::Ws,
];

impl Method {
    /// Stable name, as typed and as in JSON: `GET`, …, `WS`.
    pub fn id(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Ws => "WS",
        }
    }

    /// Parses a method name in any letter case.
    pub fn from_id(s: &str) -> Option<Method> {
        METHODS
            .iter()
            .copied()
            .find(|m| m.id().eq_ignore_ascii_case(s))
    }
}

/// A request to trace: a method and a path (with the query string kept apart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The method (or `Ws` for a WebSocket upgrade).
    pub method: Method,
    /// The path, starting with `/`, without the query string: what ALB rules match.
    pub path: String,
    /// The query string without its `?`, if any (`EIO=4&transport=websocket`).
    pub query: Option<String>,
}

/// Why a request text is not a request; [`RequestError::message`] says it in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestError {
    /// Nothing but spaces.
    Empty,
    /// Longer than [`MAX_REQUEST_CHARS`] (the length).
    TooLong(usize),
    /// The first word is not a method (the word).
    UnknownMethod(String),
    /// A method without a path.
    NoPath,
    /// The path does not start with `/` (the path).
    NotAbsolute(String),
    /// A character that is not printable ASCII (the character and its 1-based position).
    BadChar(char, usize),
    /// A `#fragment`, which browsers never send.
    Fragment,
    /// More words after the path (the first of them).
    Extra(String),
}

impl RequestError {
    /// What is wrong and what a request looks like, in both languages.
    pub fn message(&self) -> Message {
        const FORM_JA: &str =
            "「メソッド パス」の形で書きます (例: GET /api/rooms、WS /socket.io/?EIO=4)。";
        const FORM_EN: &str = "Write \"METHOD PATH\", e.g. GET /api/rooms or WS /socket.io/?EIO=4.";
        let (ja, en) = match self {
            RequestError::Empty => (
                "リクエストが空です。".to_owned(),
                "The request is empty.".to_owned(),
            ),
            RequestError::TooLong(n) => (
                format!("リクエストが長すぎます ({n} 文字、{MAX_REQUEST_CHARS} 文字まで)。"),
                format!("The request is too long ({n} characters; at most {MAX_REQUEST_CHARS})."),
            ),
            RequestError::UnknownMethod(m) => {
                let known: Vec<&str> = METHODS.iter().map(|m| m.id()).collect();
                (
                    format!(
                        "\"{m}\" はメソッドではありません (使えるもの: {}。WS は WebSocket 接続)。",
                        known.join("・")
                    ),
                    format!(
                        "\"{m}\" is not a method (known: {}; WS is a WebSocket upgrade).",
                        known.join(", ")
                    ),
                )
            }
            RequestError::NoPath => (
                "パスがありません。".to_owned(),
                "The path is missing.".to_owned(),
            ),
            RequestError::NotAbsolute(p) => (
                format!("パス \"{p}\" が / で始まっていません (\"/{p}\" のつもりですか)。"),
                format!("The path \"{p}\" does not start with / (did you mean \"/{p}\"?)."),
            ),
            RequestError::BadChar(c, i) => (
                format!(
                    "{i} 文字目の \"{}\" は使えません (ASCII の表示文字だけ。ほかはパーセントエンコードします)。",
                    c.escape_default()
                ),
                format!(
                    "Character {i}, \"{}\", is not allowed (printable ASCII only; percent-encode the rest).",
                    c.escape_default()
                ),
            ),
            RequestError::Fragment => (
                "# 以降 (フラグメント) はブラウザーが送らないので、書かないでください。".to_owned(),
                "Leave out the #fragment: browsers never send it.".to_owned(),
            ),
            RequestError::Extra(w) => (
                format!("パスのあとに余分な \"{w}\" があります。"),
                format!("Unexpected \"{w}\" after the path."),
            ),
        };
        Message::new(format!("{ja}{FORM_JA}"), format!("{en} {FORM_EN}"))
    }
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for RequestError {}

impl Request {
    /// Parses a request in the syntax of the module's documentation.
    pub fn parse(text: &str) -> Result<Request, RequestError> {
        let n = text.chars().count();
        if n > MAX_REQUEST_CHARS {
            return Err(RequestError::TooLong(n));
        }
        if let Some((i, c)) = text
            .chars()
            .enumerate()
            .find(|(_, c)| !(c.is_ascii_graphic() || *c == ' ' || *c == '\t'))
        {
            return Err(RequestError::BadChar(c, i + 1));
        }
        let mut words = text.split_ascii_whitespace();
        let Some(first) = words.next() else {
            return Err(RequestError::Empty);
        };
        let (method, target) = if first.starts_with('/') || first.contains("://") {
            (None, first)
        } else {
            let method =
                Method::from_id(first).ok_or_else(|| RequestError::UnknownMethod(first.into()))?;
            (Some(method), words.next().ok_or(RequestError::NoPath)?)
        };
        if let Some(extra) = words.next() {
            return Err(RequestError::Extra(extra.into()));
        }
        if target.contains('#') {
            return Err(RequestError::Fragment);
        }
        // A whole URL gives its path; ws:// and wss:// mean a WebSocket upgrade.
        let (scheme_ws, target) = match target.split_once("://") {
            Some((scheme, rest)) => {
                let ws = scheme.eq_ignore_ascii_case("ws") || scheme.eq_ignore_ascii_case("wss");
                let path = rest.find(['/', '?']).map_or("/", |i| &rest[i..]);
                (ws, path)
            }
            None => (false, target),
        };
        let method = method.unwrap_or(if scheme_ws { Method::Ws } else { Method::Get });
        let (path, query) = match target.split_once('?') {
            Some((p, q)) => (p, Some(q.to_owned())),
            None => (target, None),
        };
        let path = if path.is_empty() && query.is_some() {
            "/"
        } else {
            path
        };
        if !path.starts_with('/') {
            return Err(RequestError::NotAbsolute(path.into()));
        }
        Ok(Request {
            method,
            path: path.to_owned(),
            query,
        })
    }

    /// Whether it is a WebSocket upgrade.
    pub fn is_websocket(&self) -> bool {
        self.method == Method::Ws
    }

    /// Whether it is Socket.io traffic: a WebSocket upgrade, or a request under Socket.io's
    /// default path `/socket.io/` (its HTTP long-polling).
    pub fn is_socketio(&self) -> bool {
        self.is_websocket() || self.path.starts_with("/socket.io/")
    }

    /// The stable JSON form: `{"method", "path", "query", "text"}`.
    pub fn to_json(&self) -> Value {
        json!({
            "method": self.method.id(),
            "path": self.path,
            "query": self.query,
            "text": self.to_string(),
        })
    }
}

impl fmt::Display for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method.id(), self.path)?;
        if let Some(q) = &self.query {
            write!(f, "?{q}")?;
        }
        Ok(())
    }
}

/// What a hop is (its stable id is in JSON and the UI's data attributes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HopKind {
    /// The users node sends the request.
    Client,
    /// Route 53 resolves the name.
    Dns,
    /// CloudFront forwards to its origin.
    Cdn,
    /// The ALB's listener receives it.
    Alb,
    /// A listener rule matches (the rules evaluated are in [`Hop::rules`]).
    Rule,
    /// No rule matches; the default action forwards.
    DefaultAction,
    /// The target ECS service's target group receives it.
    Service,
    /// The target Lambda function is invoked.
    Function,
    /// One of the service's tasks handles it.
    Tasks,
    /// The WebSocket (Socket.io) connection is accepted and stays open.
    Websocket,
    /// The application queries a database.
    Database,
    /// The application reads a cache.
    Cache,
    /// CloudFront serves static files from S3 (no ALB on the way).
    Static,
}

impl HopKind {
    /// Stable id: `client`, `dns`, `cdn`, `alb`, `rule`, `default-action`, `service`,
    /// `function`, `tasks`, `websocket`, `database`, `cache`, `static`.
    pub fn id(self) -> &'static str {
        match self {
            HopKind::Client => "client",
            HopKind::Dns => "dns",
            HopKind::Cdn => "cdn",
            HopKind::Alb => "alb",
            HopKind::Rule => "rule",
            HopKind::DefaultAction => "default-action",
            HopKind::Service => "service",
            HopKind::Function => "function",
            HopKind::Tasks => "tasks",
            HopKind::Websocket => "websocket",
            HopKind::Database => "database",
            HopKind::Cache => "cache",
            HopKind::Static => "static",
        }
    }
}

/// One listener rule as the ALB evaluated it for this request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleCheck {
    /// The `alb_rule` edge.
    pub edge: EdgeId,
    /// Its priority.
    pub priority: u32,
    /// Its path pattern.
    pub path_pattern: String,
    /// Where it forwards.
    pub target: NodeId,
    /// Whether it matched the path (only the last one evaluated can).
    pub matches: bool,
}

/// One step of the request's way.
#[derive(Debug, Clone, PartialEq)]
pub struct Hop {
    /// What happens here.
    pub kind: HopKind,
    /// The node it happens at.
    pub node: NodeId,
    /// The edge the request took to get here (for `rule` and `default-action`: the rule or
    /// default action that matched), if any.
    pub edge: Option<EdgeId>,
    /// What happens and why, in both languages.
    pub text: Message,
    /// For `rule` and `default-action`: the listener rules evaluated, in order; empty otherwise.
    pub rules: Vec<RuleCheck>,
}

/// Why the request cannot be served (its stable id is in JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakKind {
    /// The design has no users node to start from.
    NoClient,
    /// No ALB (nor S3 behind CloudFront) can be reached from the users.
    NoAlb,
    /// The ALB is internal and reached straight from the internet.
    AlbInternal,
    /// No listener rule matches and there is no default action.
    NoRule,
    /// The rule points at a node that is not in the design.
    TargetMissing,
    /// The rule points at something an ALB cannot forward to.
    BadTarget,
    /// The target service runs no task.
    NoTasks,
    /// Fargate does not offer the service's vCPU / memory pair (`fargate-cpu-memory`).
    TaskSize,
    /// The service's tasks cannot pull their image (`fargate-image-pull`).
    ImagePull,
    /// A WebSocket or Socket.io request reaches something that does not serve it.
    NoWebsocket,
    /// Socket.io on several tasks without sticky sessions or a Redis adapter (`socketio-sticky`).
    SocketioSticky,
    /// The service needs a database it has no route to.
    NoDatabaseRoute,
}

impl BreakKind {
    /// Stable id: `no-client`, `no-alb`, `alb-internal`, `no-rule`, `target-missing`,
    /// `bad-target`, `no-tasks`, `task-size`, `image-pull`, `no-websocket`, `socketio-sticky`,
    /// `no-database-route`.
    pub fn id(self) -> &'static str {
        match self {
            BreakKind::NoClient => "no-client",
            BreakKind::NoAlb => "no-alb",
            BreakKind::AlbInternal => "alb-internal",
            BreakKind::NoRule => "no-rule",
            BreakKind::TargetMissing => "target-missing",
            BreakKind::BadTarget => "bad-target",
            BreakKind::NoTasks => "no-tasks",
            BreakKind::TaskSize => "task-size",
            BreakKind::ImagePull => "image-pull",
            BreakKind::NoWebsocket => "no-websocket",
            BreakKind::SocketioSticky => "socketio-sticky",
            BreakKind::NoDatabaseRoute => "no-database-route",
        }
    }
}

/// Where and why the request stops.
#[derive(Debug, Clone, PartialEq)]
pub struct Break {
    /// Why.
    pub kind: BreakKind,
    /// The node it stops at, if any.
    pub node: Option<NodeId>,
    /// The edge concerned, if any.
    pub edge: Option<EdgeId>,
    /// What goes wrong, in both languages.
    pub message: Message,
    /// The validator's finding about the same cause, when a rule reports it.
    pub finding: Option<Finding>,
}

/// The way of one request through a design.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    /// The request traced.
    pub request: Request,
    /// The steps it takes, in order.
    pub hops: Vec<Hop>,
    /// Where it stops, when it cannot be served; `None`: served.
    pub stop: Option<Break>,
}

impl Trace {
    /// Whether the request is served.
    pub fn served(&self) -> bool {
        self.stop.is_none()
    }

    /// The stable JSON form (documented in docs/cli.md, `kumozu trace --format json`).
    pub fn to_json(&self) -> Value {
        let id = |n: &NodeId| Value::from(n.as_str());
        fn eid(e: &Option<EdgeId>) -> Option<&str> {
            e.as_ref().map(|e| e.as_str())
        }
        let hops: Vec<Value> = self
            .hops
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let rules: Vec<Value> = h
                    .rules
                    .iter()
                    .map(|r| {
                        json!({
                            "edge": r.edge.as_str(),
                            "priority": r.priority,
                            "path_pattern": r.path_pattern,
                            "target": id(&r.target),
                            "matches": r.matches,
                        })
                    })
                    .collect();
                json!({
                    "step": i + 1,
                    "kind": h.kind.id(),
                    "node": id(&h.node),
                    "edge": eid(&h.edge),
                    "text": h.text,
                    "rules": rules,
                })
            })
            .collect();
        let stop = self.stop.as_ref().map(|b| {
            json!({
                "kind": b.kind.id(),
                "node": b.node.as_ref().map(|n| n.as_str()),
                "edge": eid(&b.edge),
                "message": b.message,
                "finding": b.finding,
            })
        });
        json!({
            "format": FORMAT,
            "version": VERSION,
            "request": self.request.to_json(),
            "served": self.served(),
            "hops": hops,
            "break": stop,
        })
    }
}

/// Traces `request` through `design`.
pub fn trace(design: &Design, request: &Request) -> Trace {
    let mut w = Walk {
        d: design,
        req: request,
        hops: Vec::new(),
    };
    let stop = w.run().err().map(|b| *b);
    Trace {
        request: request.clone(),
        hops: w.hops,
        stop,
    }
}

/// The edges from the start of a breadth-first search to `to`, given the edge that reached
/// each node.
fn way<'e>(came: &BTreeMap<&NodeId, &'e Edge>, to: &'e NodeId) -> Vec<&'e Edge> {
    let mut out: Vec<&'e Edge> = Vec::new();
    let mut at = to;
    while let Some(e) = came.get(at) {
        out.push(e);
        at = &e.from;
        // Each node is reached once, so the way is never longer than the map.
        if out.len() > came.len() {
            break;
        }
    }
    out.reverse();
    out
}

/// The edge kinds that carry a request from the users to the ALB.
const FRONT_EDGES: &[EdgeKind] = &[
    EdgeKind::Https,
    EdgeKind::Http,
    EdgeKind::Websocket,
    EdgeKind::Dns,
    EdgeKind::Origin,
];

/// The node kinds a request passes on its way to the ALB (besides the users and the ALB).
const FRONT_NODES: &[Kind] = &[Kind::Route53, Kind::Cloudfront, Kind::S3];

struct Walk<'a> {
    d: &'a Design,
    req: &'a Request,
    hops: Vec<Hop>,
}

fn q(d: &Design, id: &NodeId) -> (String, String) {
    cx::quoted(d, id)
}

impl<'a> Walk<'a> {
    fn hop(&mut self, kind: HopKind, node: &NodeId, edge: Option<&EdgeId>, ja: String, en: String) {
        self.hops.push(Hop {
            kind,
            node: node.clone(),
            edge: edge.cloned(),
            text: Message::new(ja, en),
            rules: Vec::new(),
        });
    }

    fn brk(
        &self,
        kind: BreakKind,
        node: Option<&NodeId>,
        edge: Option<&EdgeId>,
        ja: String,
        en: String,
        finding: Option<Finding>,
    ) -> Box<Break> {
        Box::new(Break {
            kind,
            node: node.cloned(),
            edge: edge.cloned(),
            message: Message::new(ja, en),
            finding,
        })
    }

    /// The first finding of rule `id` that concerns `node` (and `edge`, when given).
    fn finding(&self, id: &str, node: &NodeId, edge: Option<&EdgeId>) -> Option<Finding> {
        let rule = validate::rule(id)?;
        validate::run_rule(rule, self.d)
            .into_iter()
            .find(|f| f.nodes.contains(node) && edge.is_none_or(|e| f.edges.contains(e)))
    }

    fn run(&mut self) -> Result<(), Box<Break>> {
        let d = self.d;
        let (path_from_users, users) = self.front()?;
        // The client hop, then the front hops up to the ALB (or S3).
        let (uja, uen) = q(d, &users);
        let req = self.req.to_string();
        let (cja, cen) = if self.req.is_websocket() {
            (
                format!(
                    "{uja}のブラウザーが {} への WebSocket 接続 (HTTP Upgrade) を開きます。",
                    self.req.path
                ),
                format!(
                    "{uen} open a WebSocket connection (an HTTP Upgrade) to {}.",
                    self.req.path
                ),
            )
        } else {
            (
                format!("{uja}のブラウザーが {req} を送ります。"),
                format!("{uen} send {req}."),
            )
        };
        self.hop(HopKind::Client, &users, None, cja, cen);
        let mut via_cdn = false;
        let mut last_edge: Option<&Edge> = None;
        for (i, e) in path_from_users.iter().enumerate() {
            let Some(node) = d.nodes.get(&e.to) else {
                break;
            };
            let next = path_from_users.get(i + 1).map(|n| q(d, &n.to));
            let (nja, nen) = next.clone().unwrap_or_default();
            let (ja, en) = q(d, &node.id);
            match node.kind {
                Kind::Route53 => self.hop(
                    HopKind::Dns,
                    &node.id,
                    Some(&e.id),
                    format!("{ja}がドメイン名を解決し、{nja}の宛先を返します (DNS)。"),
                    format!("{en} resolves the domain name to {nen} (DNS)."),
                ),
                Kind::Cloudfront => {
                    via_cdn = true;
                    let (hja, hen) = if self.req.is_websocket() {
                        (
                            format!("{ja}がエッジで接続を受け、WebSocket をそのままオリジン{nja}へ通します。"),
                            format!("{en} takes the connection at the edge and passes the WebSocket through to its origin {nen}."),
                        )
                    } else {
                        (
                            format!("{ja}がエッジでリクエストを受け、キャッシュにないものをオリジン{nja}へ転送します。"),
                            format!("{en} takes the request at the edge and forwards what it has not cached to its origin {nen}."),
                        )
                    };
                    self.hop(HopKind::Cdn, &node.id, Some(&e.id), hja, hen);
                }
                Kind::S3 => {
                    if self.req.is_websocket() {
                        return Err(self.brk(
                            BreakKind::NoWebsocket,
                            Some(&node.id),
                            Some(&e.id),
                            format!("WebSocket 接続が S3{ja}に届きますが、S3 が返せるのは静的ファイルだけです。Socket.io を扱うサービスへ ALB を通して届くようにしてください。"),
                            format!("The WebSocket connection reaches the S3 bucket {en}, which serves only static files. Route it through an ALB to a service that serves Socket.io."),
                            None,
                        ));
                    }
                    self.hop(
                        HopKind::Static,
                        &node.id,
                        Some(&e.id),
                        format!("CloudFront がオリジンの S3{ja}から静的ファイルを返します (ALB もサービスも通りません)。"),
                        format!("CloudFront serves the static file from its S3 origin {en} (no ALB or service on the way)."),
                    );
                    return Ok(());
                }
                _ => {}
            }
            last_edge = Some(*e);
        }
        let Some(alb_edge) = last_edge else {
            return Ok(());
        };
        let Some(alb) = d.nodes.get(&alb_edge.to).filter(|n| n.kind == Kind::Alb) else {
            return Ok(());
        };
        self.alb(alb, alb_edge, via_cdn)
    }

    /// The shortest way from a users node to an ALB along request edges (to an S3 bucket
    /// behind CloudFront when no ALB can be reached), and that users node.
    fn front(&self) -> Result<(Vec<&'a Edge>, NodeId), Box<Break>> {
        let d = self.d;
        let users: Vec<&Node> = cx::nodes_of(d, Kind::Users).collect();
        let Some(first) = users.first() else {
            return Err(self.brk(
                BreakKind::NoClient,
                None,
                None,
                "設計に「ユーザー」がないため、リクエストの出発点がありません。ユーザーを置き、ALB (または Route 53・CloudFront) へ HTTPS の接続を引いてください。".into(),
                "The design has no Users node, so the request has nowhere to start. Add Users and draw an HTTPS connection to the ALB (or to Route 53 / CloudFront).".into(),
                None,
            ));
        };
        let mut best_s3: Option<(Vec<&Edge>, NodeId)> = None;
        let mut reached: BTreeSet<&NodeId> = BTreeSet::new();
        for u in &users {
            let (alb, s3, seen) = self.bfs(&u.id);
            if let Some(p) = alb {
                return Ok((p, u.id.clone()));
            }
            if best_s3.is_none() {
                best_s3 = s3.map(|p| (p, u.id.clone()));
            }
            reached.extend(seen);
        }
        if let Some(found) = best_s3 {
            return Ok(found);
        }
        let (uja, uen) = q(d, &first.id);
        let names: Vec<(String, String)> = reached
            .iter()
            .filter(|id| !users.iter().any(|u| &&u.id == *id))
            .map(|id| q(d, id))
            .collect();
        let (rja, ren) = if names.is_empty() {
            (String::new(), String::new())
        } else {
            (
                format!(
                    " (たどれたもの: {})",
                    names
                        .iter()
                        .map(|n| n.0.as_str())
                        .collect::<Vec<_>>()
                        .join("、")
                ),
                format!(
                    " (reached: {})",
                    names
                        .iter()
                        .map(|n| n.1.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        };
        // A connection drawn the wrong way round, or of a kind requests do not travel on, is
        // the usual reason: name it.
        let near_miss = d.edges.values().find(|e| {
            let (Some(from), Some(to)) = (d.nodes.get(&e.from), d.nodes.get(&e.to)) else {
                return false;
            };
            let front = |k: Kind| k == Kind::Alb || FRONT_NODES.contains(&k);
            let backwards = front(from.kind) && to.kind == Kind::Users;
            let wrong_kind =
                from.kind == Kind::Users && front(to.kind) && !FRONT_EDGES.contains(&e.kind);
            backwards || wrong_kind
        });
        let (hja, hen) = match near_miss {
            Some(e) => {
                let ((fja, fen), (tja, ten)) = (q(d, &e.from), q(d, &e.to));
                let k = e.kind.info().name;
                if FRONT_EDGES.contains(&e.kind) {
                    (
                        format!(" {fja}→{tja}の接続 ({}) は向きが逆です。リクエストはユーザーから出ます。", k.ja),
                        format!(" The {} connection {fen} → {ten} points the wrong way: requests start at the users.", k.en),
                    )
                } else {
                    (
                        format!(" {fja}→{tja}の接続は「{}」です。リクエストが通るのは HTTPS・HTTP・WebSocket・DNS・オリジンの接続です。", k.ja),
                        format!(" The connection {fen} → {ten} is of kind \"{}\"; requests travel on HTTPS, HTTP, WebSocket, DNS or origin connections.", k.en),
                    )
                }
            }
            None => (String::new(), String::new()),
        };
        Err(self.brk(
            BreakKind::NoAlb,
            Some(&first.id),
            near_miss.map(|e| &e.id),
            format!("{uja}から HTTPS・HTTP・WebSocket・DNS・オリジンの接続をたどっても ALB に届きません{rja}。{hja}ユーザー (または Route 53・CloudFront) から ALB へ接続を引いてください。"),
            format!("No ALB can be reached from {uen} along HTTPS, HTTP, WebSocket, DNS or origin connections{ren}.{hen} Draw a connection from the users (or Route 53 / CloudFront) to the ALB."),
            None,
        ))
    }

    /// Breadth-first from `start` along request edges (edges in id order, so ties are stable):
    /// the way to the nearest ALB, to the nearest S3 bucket, and every node reached.
    #[allow(clippy::type_complexity)]
    fn bfs(
        &self,
        start: &'a NodeId,
    ) -> (
        Option<Vec<&'a Edge>>,
        Option<Vec<&'a Edge>>,
        BTreeSet<&'a NodeId>,
    ) {
        let d = self.d;
        let mut came: BTreeMap<&NodeId, &'a Edge> = BTreeMap::new();
        let mut seen: BTreeSet<&NodeId> = BTreeSet::from([start]);
        let mut queue: VecDeque<&NodeId> = VecDeque::from([start]);
        let mut s3: Option<&NodeId> = None;
        while let Some(at) = queue.pop_front() {
            let Some(node) = d.nodes.get(at) else {
                continue;
            };
            if node.kind == Kind::Alb {
                return (Some(way(&came, at)), None, seen);
            }
            if node.kind == Kind::S3 {
                // Static files come from S3 only through CloudFront; a bucket is an end.
                if s3.is_none()
                    && came
                        .get(at)
                        .is_some_and(|e| cx::kind_of(d, &e.from) == Some(Kind::Cloudfront))
                {
                    s3 = Some(at);
                }
                continue;
            }
            for e in d.edges.values() {
                if &e.from != at || !FRONT_EDGES.contains(&e.kind) {
                    continue;
                }
                let Some(to) = d.nodes.get(&e.to) else {
                    continue;
                };
                if (to.kind == Kind::Alb || FRONT_NODES.contains(&to.kind)) && seen.insert(&to.id) {
                    came.insert(&to.id, e);
                    queue.push_back(&to.id);
                }
            }
        }
        (None, s3.map(|s| way(&came, s)), seen)
    }

    fn alb(&mut self, alb: &'a Node, came_by: &'a Edge, via_cdn: bool) -> Result<(), Box<Break>> {
        let d = self.d;
        let (aja, aen) = q(d, &alb.id);
        if !cx::internet_facing(alb) && !via_cdn {
            let finding = self.finding(
                "private-reachable-from-internet",
                &alb.id,
                Some(&came_by.id),
            );
            return Err(self.brk(
                BreakKind::AlbInternal,
                Some(&alb.id),
                Some(&came_by.id),
                format!("ALB{aja}は内部向け (internal) なので、インターネットから届きません。スキームを internet-facing にしてください。"),
                format!("The ALB {aen} is internal, so it cannot be reached from the internet. Set its scheme to internet-facing."),
                finding,
            ));
        }
        let https = alb.text("listener_protocol") != "HTTP";
        let (proto, port) = if https { ("HTTPS", 443) } else { ("HTTP", 80) };
        let rules = cx::listener_rules(d, &alb.id);
        let n = rules.len();
        let (ija, ien) = if via_cdn && !cx::internet_facing(alb) {
            (
                " CloudFront は VPC オリジンとして内部向け ALB に届きます。",
                " CloudFront reaches the internal ALB as a VPC origin.",
            )
        } else {
            ("", "")
        };
        let (wja, wen) = if self.req.is_websocket() {
            (
                format!(" ALB は WebSocket をそのまま通し、接続はアイドルタイムアウト ({} 秒) まで開いたままです。", cx::num(alb.num("idle_timeout_s"))),
                format!(" ALBs pass WebSocket through; the connection stays open until the idle timeout ({} s).", cx::num(alb.num("idle_timeout_s"))),
            )
        } else {
            (String::new(), String::new())
        };
        self.hop(
            HopKind::Alb,
            &alb.id,
            Some(&came_by.id),
            format!("ALB{aja}が {proto} リスナー (ポート {port}) でリクエストを受け、{n} 個のリスナールールを優先度の小さい順に評価します。{ija}{wja}"),
            format!("The ALB {aen} receives it on its {proto} listener (port {port}) and evaluates its {n} listener rule{} in priority order, lowest first.{ien}{wen}", if n == 1 { "" } else { "s" }),
        );

        // Which rule takes the path: the validator's own answer.
        let path = self.req.path.as_str();
        let taken = cx::route(d, &alb.id, path);
        let mut checks: Vec<RuleCheck> = Vec::new();
        for e in &rules {
            let Some(rule) = &e.rule else { continue };
            let matches = taken.is_some_and(|t| t.id == e.id);
            checks.push(RuleCheck {
                edge: e.id.clone(),
                priority: rule.priority,
                path_pattern: rule.path_pattern.clone(),
                target: e.to.clone(),
                matches,
            });
            if matches {
                break;
            }
        }
        let failed: Vec<&RuleCheck> = checks.iter().filter(|c| !c.matches).collect();
        let failed_list = |sep: &str| {
            failed
                .iter()
                .map(|c| format!("{} `{}`", c.priority, c.path_pattern))
                .collect::<Vec<_>>()
                .join(sep)
        };
        let (qja, qen) = match &self.req.query {
            Some(q) => (
                format!(" クエリ文字列 `?{q}` はパスパターンの対象外です。"),
                format!(" The query string `?{q}` is not part of what path patterns match."),
            ),
            None => (String::new(), String::new()),
        };
        let Some(edge) = taken else {
            let finding = self.finding("alb-default-action", &alb.id, None);
            let (lja, len) = if failed.is_empty() {
                (
                    "ルールが 1 つもなく".to_owned(),
                    "it has no rules".to_owned(),
                )
            } else {
                (
                    format!("どのルール (優先度 {}) にも一致せず", failed_list("、")),
                    format!("no rule matches (priority {})", failed_list(", ")),
                )
            };
            return Err(Box::new(Break {
                kind: BreakKind::NoRule,
                node: Some(alb.id.clone()),
                edge: None,
                message: Message::new(
                    format!("パス `{path}` は{lja}、ALB{aja}にはデフォルトアクションもありません。リクエストはどのサービスにも届きません (AWS ではリスナーに必ずデフォルトアクションがあり、よくあるのは固定の 404 応答です)。{qja}"),
                    format!("For the path `{path}`, {len}, and the ALB {aen} has no default action: the request reaches no service (in AWS every listener has a default action, often a fixed 404 response).{qen}"),
                ),
                finding,
            }));
        };
        let (tja, ten) = q(d, &edge.to);
        let (hop_kind, ja, en) = match &edge.rule {
            Some(rule) if edge.kind == EdgeKind::AlbRule => {
                let (bja, ben) = if failed.is_empty() {
                    (String::new(), String::new())
                } else {
                    (
                        format!(
                            " それより先に評価したルール (優先度 {}) は一致しませんでした。",
                            failed_list("、")
                        ),
                        format!(
                            " The rules evaluated before it (priority {}) did not match.",
                            failed_list(", ")
                        ),
                    )
                };
                let p = rule.priority;
                let pat = &rule.path_pattern;
                (
                    HopKind::Rule,
                    format!("優先度 {p} のルール `{pat}` がパス `{path}` に一致します (`*` は 0 文字以上の任意の文字、`?` は任意の 1 文字)。{bja}転送先は{tja}です。{qja}"),
                    format!("The rule with priority {p}, `{pat}`, matches the path `{path}` (`*` stands for any run of characters, `?` for one).{ben} It forwards to {ten}.{qen}"),
                )
            }
            _ => {
                let (lja, len) = if failed.is_empty() {
                    (
                        "ルールがないため".to_owned(),
                        "There are no rules, so".to_owned(),
                    )
                } else {
                    (
                        format!(
                            "どのルール (優先度 {}) にも一致しないため",
                            failed_list("、")
                        ),
                        format!("No rule matches (priority {}), so", failed_list(", ")),
                    )
                };
                (
                    HopKind::DefaultAction,
                    format!(
                        "パス `{path}` は{lja}、デフォルトアクションで{tja}へ転送します。{qja}"
                    ),
                    format!("{len} the default action forwards the path `{path}` to {ten}.{qen}"),
                )
            }
        };
        self.hops.push(Hop {
            kind: hop_kind,
            node: alb.id.clone(),
            edge: Some(edge.id.clone()),
            text: Message::new(ja, en),
            rules: checks,
        });
        self.target(edge)
    }

    fn target(&mut self, edge: &'a Edge) -> Result<(), Box<Break>> {
        let d = self.d;
        let Some(target) = d.nodes.get(&edge.to) else {
            let to = &edge.to;
            return Err(self.brk(
                BreakKind::TargetMissing,
                Some(&edge.from),
                Some(&edge.id),
                format!("ルールの転送先「{to}」が設計にありません。"),
                format!("The rule forwards to \"{to}\", which is not in the design."),
                None,
            ));
        };
        let (tja, ten) = q(d, &target.id);
        match target.kind {
            Kind::EcsService => {
                let port = cx::num(target.num("container_port"));
                self.hop(
                    HopKind::Service,
                    &target.id,
                    Some(&edge.id),
                    format!("ターゲットグループが ECS サービス{tja}へ届けます (コンテナポート {port})。"),
                    format!("The target group delivers it to the ECS service {ten} (container port {port})."),
                );
                self.tasks(target)?;
                if self.req.is_socketio() {
                    return self.socketio(target);
                }
                self.data(target)
            }
            Kind::Lambda => {
                if self.req.is_websocket() {
                    return Err(self.brk(
                        BreakKind::NoWebsocket,
                        Some(&target.id),
                        Some(&edge.id),
                        format!("ALB のターゲットの Lambda 関数{tja}は WebSocket を扱えません。Socket.io を扱う ECS サービスへ送るルールが必要です。"),
                        format!("The Lambda function {ten} behind an ALB cannot hold a WebSocket connection. A rule must send it to an ECS service that serves Socket.io."),
                        None,
                    ));
                }
                self.hop(
                    HopKind::Function,
                    &target.id,
                    Some(&edge.id),
                    format!("ALB が Lambda 関数{tja}を呼び出し、その応答を返します。"),
                    format!("The ALB invokes the Lambda function {ten} and returns its response."),
                );
                self.data(target)
            }
            _ => {
                let finding = self.finding("alb-rule-target", &target.id, Some(&edge.id));
                Err(self.brk(
                    BreakKind::BadTarget,
                    Some(&target.id),
                    Some(&edge.id),
                    format!("ルールの転送先{tja}は ALB のターゲットになれません (なれるのは ECS サービスか Lambda だけ)。"),
                    format!("The rule forwards to {ten}, which cannot be an ALB target (only an ECS service or a Lambda function can)."),
                    finding,
                ))
            }
        }
    }

    fn tasks(&mut self, svc: &'a Node) -> Result<(), Box<Break>> {
        let d = self.d;
        let (sja, sen) = q(d, &svc.id);
        let desired = svc.num("desired_tasks");
        if desired <= 0.0 {
            return Err(self.brk(
                BreakKind::NoTasks,
                Some(&svc.id),
                None,
                format!("{sja}の希望タスク数が 0 なので、ターゲットグループに正常なターゲットがなく、ALB は 503 を返します。希望タスク数を 2 以上にしてください (Part 2 ECS: 冗長化)。"),
                format!("{sen} has 0 desired tasks, so its target group has no healthy target and the ALB answers 503. Set the desired tasks to 2 or more (Part 2, ECS: redundancy)."),
                None,
            ));
        }
        for (rule, kind) in [
            ("fargate-cpu-memory", BreakKind::TaskSize),
            ("fargate-image-pull", BreakKind::ImagePull),
        ] {
            if let Some(f) = self.finding(rule, &svc.id, None) {
                return Err(self.brk(
                    kind,
                    Some(&svc.id),
                    None,
                    format!("{sja}のタスクが起動できないので、ターゲットグループに正常なターゲットがなく、ALB は 503 を返します (検査 {rule})。"),
                    format!("The tasks of {sen} cannot start, so its target group has no healthy target and the ALB answers 503 (rule {rule})."),
                    Some(f),
                ));
            }
        }
        let n = cx::num(desired);
        let (v, m) = (cx::num(svc.num("vcpu")), cx::num(svc.num("memory_gb")));
        let launch = if svc.text("launch_type") == "EC2" {
            "EC2"
        } else {
            "Fargate"
        };
        let (lo, hi) = (cx::num(svc.num("min_tasks")), cx::num(svc.num("max_tasks")));
        let (scja, scen) = if svc.text("scaling_metric") == "none" {
            (
                "オートスケーリングはありません。".to_owned(),
                " There is no auto scaling.".to_owned(),
            )
        } else {
            (
                format!("オートスケーリングで {lo}〜{hi} タスクの間で増減します。"),
                format!(" Auto scaling keeps it between {lo} and {hi} tasks."),
            )
        };
        let (ja, en) = if desired == 1.0 {
            (
                format!("{sja}の 1 つのタスク ({launch}、{v} vCPU・{m} GB) が処理します。{scja}"),
                format!("The single task of {sen} ({launch}, {v} vCPU, {m} GB) handles it.{scen}"),
            )
        } else {
            (
                format!("ALB が{sja}の {n} 個のタスク ({launch}、各 {v} vCPU・{m} GB) に振り分け、そのうち 1 つが処理します。{scja}"),
                format!("The ALB spreads requests over the {n} tasks of {sen} ({launch}, {v} vCPU and {m} GB each); one of them handles it.{scen}"),
            )
        };
        self.hop(HopKind::Tasks, &svc.id, None, ja, en);
        Ok(())
    }

    fn socketio(&mut self, svc: &'a Node) -> Result<(), Box<Break>> {
        let d = self.d;
        let (sja, sen) = q(d, &svc.id);
        if !svc.flag("websocket") {
            return Err(self.brk(
                BreakKind::NoWebsocket,
                Some(&svc.id),
                None,
                format!("{sja}は Socket.io (WebSocket) を扱わないため、接続はここで失敗します。`/socket.io/*` を Socket.io を扱うサービス (Party Box では NestJS) へ送るルールが必要です (Part 1)。"),
                format!("{sen} does not serve Socket.io (WebSocket), so the connection fails here. A rule must send `/socket.io/*` to the service that serves Socket.io (NestJS in Party Box, Part 1)."),
                None,
            ));
        }
        if let Some(f) = self.finding("socketio-sticky", &svc.id, None) {
            return Err(self.brk(
                BreakKind::SocketioSticky,
                Some(&svc.id),
                None,
                format!("{sja}は複数のタスクで動くため、Socket.io の接続の途中のリクエストが別のタスクに届き「Session ID unknown」で失敗します。"),
                format!("{sen} runs on several tasks, so requests of one Socket.io connection land on different tasks and fail with \"Session ID unknown\"."),
                Some(f),
            ));
        }
        let (hja, hen) = if svc.flag("sticky_sessions") {
            (
                "スティッキーセッションで同じ接続のリクエストは同じタスクに届きます。",
                "Sticky sessions keep every request of the connection on the same task.",
            )
        } else if cx::neighbours_of_kind(d, &svc.id, EdgeKind::Cache, Kind::Elasticache)
            .next()
            .is_some()
        {
            (
                "タスク間のイベントは ElastiCache の Redis アダプターで共有されます。",
                "Events are shared between tasks through the Redis adapter on ElastiCache.",
            )
        } else {
            (
                "タスクは 1 つなので、接続はいつも同じタスクに届きます。",
                "There is one task, so the connection always reaches it.",
            )
        };
        self.hop(
            HopKind::Websocket,
            &svc.id,
            None,
            format!("{sja}が Socket.io の接続を受け付け、ゲームの状態を送り合います。{hja}"),
            format!("{sen} accepts the Socket.io connection and exchanges the game state over it. {hen}"),
        );
        Ok(())
    }

    /// The databases and caches the application connects to; a break when it needs a
    /// database it has no route to.
    fn data(&mut self, app: &'a Node) -> Result<(), Box<Break>> {
        let d = self.d;
        let (aja, aen) = q(d, &app.id);
        let mut dbs = 0;
        for (edge_kind, kind) in [
            (EdgeKind::Cache, Kind::Elasticache),
            (EdgeKind::Sql, Kind::RdsPostgres),
        ] {
            let mut links: Vec<&Edge> = d
                .edges_of(&app.id)
                .filter(|e| e.kind == edge_kind)
                .filter(|e| {
                    let far = if e.from == app.id { &e.to } else { &e.from };
                    cx::kind_of(d, far) == Some(kind)
                })
                .collect();
            crate::core::support::sort::sort_by(&mut links, |a, b| a.id.cmp(&b.id));
            for e in links {
                let far = if e.from == app.id { &e.to } else { &e.from };
                let (fja, fen) = q(d, far);
                let apart = match (cx::vpc_of(d, &app.id), cx::vpc_of(d, far)) {
                    (Some(a), Some(b)) => a.id != b.id,
                    _ => false,
                };
                if apart {
                    return Err(self.brk(
                        BreakKind::NoDatabaseRoute,
                        Some(far),
                        Some(&e.id),
                        format!("{aja}と{fja}は別の VPC にあり、接続が描かれていてもネットワークの経路がありません。同じ VPC の Private Subnet に置いてください。"),
                        format!("{aen} and {fen} sit in different VPCs: the connection is drawn, but there is no network route. Put them in the private subnet of one VPC."),
                        None,
                    ));
                }
                let (ja, en) = if kind == Kind::RdsPostgres {
                    dbs += 1;
                    let multi = if d.nodes.get(far).is_some_and(|n| n.flag("multi_az")) {
                        ("、Multi-AZ", ", Multi-AZ")
                    } else {
                        ("", "")
                    };
                    (
                        format!(
                            "{aja}が SQL (PostgreSQL、ポート 5432{}) で{fja}に問い合わせます。",
                            multi.0
                        ),
                        format!(
                            "{aen} queries {fen} over SQL (PostgreSQL, port 5432{}).",
                            multi.1
                        ),
                    )
                } else {
                    (
                        format!("{aja}がキャッシュ{fja} (Redis、ポート 6379) を参照し、なければデータベースに問い合わせます。"),
                        format!("{aen} reads the cache {fen} (Redis, port 6379), going to the database on a miss."),
                    )
                };
                let hop = if kind == Kind::RdsPostgres {
                    HopKind::Database
                } else {
                    HopKind::Cache
                };
                self.hop(hop, far, Some(&e.id), ja, en);
            }
        }
        // The course's API (NestJS) keeps the game's data in PostgreSQL (Part 1: Nest --> PG).
        if dbs == 0 && app.kind == Kind::EcsService && app.text("app") == "nestjs" {
            let db = cx::nodes_of(d, Kind::RdsPostgres).next();
            let (ja, en) = match db {
                Some(db) => {
                    let (dja, den) = q(d, &db.id);
                    (
                        format!("{aja}は API としてデータベースを使いますが (Part 1: NestJS → PostgreSQL)、{dja}への SQL の接続がありません。{aja}から{dja}へ SQL の接続を引いてください。"),
                        format!("{aen} is the API and needs its database (Part 1: NestJS → PostgreSQL), but has no SQL connection to {den}. Draw an SQL connection from {aen} to {den}."),
                    )
                }
                None => (
                    format!("{aja}は API としてデータベースを使いますが (Part 1: NestJS → PostgreSQL)、設計に RDS がありません。Private Subnet に RDS を置き、SQL の接続を引いてください。"),
                    format!("{aen} is the API and needs its database (Part 1: NestJS → PostgreSQL), but the design has no RDS. Put RDS in the private subnet and draw an SQL connection to it."),
                ),
            };
            return Err(self.brk(
                BreakKind::NoDatabaseRoute,
                Some(&app.id),
                None,
                ja,
                en,
                None,
            ));
        }
        Ok(())
    }
}

/// The trace as numbered lines in `lang`, then the outcome (what `kumozu trace` prints).
pub fn render_text(trace: &Trace, lang: Lang) -> String {
    let mut out = String::new();
    for (i, h) in trace.hops.iter().enumerate() {
        out.push_str(&format!(
            "{:>2}. [{}] {}\n",
            i + 1,
            h.kind.id(),
            h.text.get(lang)
        ));
    }
    match &trace.stop {
        None => out.push_str(match lang {
            Lang::Ja => "結果: リクエストは処理されます。\n",
            Lang::En => "Result: the request is served.\n",
        }),
        Some(b) => {
            let n = trace.hops.len();
            let word = match (lang, n) {
                (Lang::Ja, 0) => "結果: 最初の手順の前で止まります".to_owned(),
                (Lang::Ja, n) => format!("結果: 手順 {n} のあとで止まります"),
                (Lang::En, 0) => "Result: it stops before the first step".to_owned(),
                (Lang::En, n) => format!("Result: it stops after step {n}"),
            };
            out.push_str(&format!(
                "{word} [{}]: {}\n",
                b.kind.id(),
                b.message.get(lang)
            ));
            if let Some(f) = &b.finding {
                out.push_str(&format!(
                    "  {}[{}] {}\n",
                    f.severity.name(lang),
                    f.rule,
                    f.message.get(lang)
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::model::ParamValue;
    use crate::core::document::templates;
    use crate::core::edit::{apply, Command};

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

    fn run(d: &Design, req: &str) -> Trace {
        trace(d, &Request::parse(req).unwrap())
    }

    fn kinds(t: &Trace) -> Vec<&'static str> {
        t.hops.iter().map(|h| h.kind.id()).collect()
    }

    fn stop(t: &Trace) -> &Break {
        t.stop
            .as_ref()
            .unwrap_or_else(|| panic!("served: {}", render_text(t, Lang::En)))
    }

    fn params(id: &str, values: &[(&str, ParamValue)]) -> Command {
        Command::SetParams {
            id: id.into(),
            values: values
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        }
    }

    fn delete_edges(ids: &[&str]) -> Command {
        Command::Delete {
            nodes: vec![],
            edges: ids.iter().map(|e| EdgeId::from(*e)).collect(),
        }
    }

    fn delete_nodes(ids: &[&str]) -> Command {
        Command::Delete {
            nodes: ids.iter().map(|n| NodeId::from(*n)).collect(),
            edges: vec![],
        }
    }

    #[test]
    fn parses_the_documented_syntax() {
        let r = Request::parse("GET /api/rooms").unwrap();
        assert_eq!(
            (r.method, r.path.as_str(), r.query),
            (Method::Get, "/api/rooms", None)
        );
        let r = Request::parse("  ws   /socket.io/?EIO=4&transport=websocket ").unwrap();
        assert_eq!(r.method, Method::Ws);
        assert_eq!(r.path, "/socket.io/");
        assert_eq!(r.query.as_deref(), Some("EIO=4&transport=websocket"));
        assert_eq!(r.to_string(), "WS /socket.io/?EIO=4&transport=websocket");
        assert_eq!(Request::parse("/").unwrap().method, Method::Get);
        let r = Request::parse("wss://party.example.com/socket.io/?EIO=4").unwrap();
        assert_eq!((r.method, r.path.as_str()), (Method::Ws, "/socket.io/"));
        let r = Request::parse("POST https://party.example.com").unwrap();
        assert_eq!((r.method, r.path.as_str()), (Method::Post, "/"));
        assert!(Request::parse("GET /socket.io/").unwrap().is_socketio());
        assert!(!Request::parse("GET /api/x").unwrap().is_socketio());
    }

    #[test]
    fn refuses_bad_requests_in_both_languages() {
        let cases = [
            ("", RequestError::Empty),
            ("FETCH /x", RequestError::UnknownMethod("FETCH".into())),
            ("GET", RequestError::NoPath),
            (
                "GET api/rooms",
                RequestError::NotAbsolute("api/rooms".into()),
            ),
            ("GET /部屋", RequestError::BadChar('部', 6)),
            ("GET /#top", RequestError::Fragment),
            ("GET /a /b", RequestError::Extra("/b".into())),
        ];
        for (text, want) in cases {
            let e = Request::parse(text).unwrap_err();
            assert_eq!(e, want, "{text:?}");
            let m = e.message();
            assert!(!m.ja.is_empty() && !m.en.is_empty() && m.ja != m.en);
            assert!(m.en.contains("METHOD PATH"), "{}", m.en);
        }
        let long = format!("GET /{}", "a".repeat(MAX_REQUEST_CHARS));
        assert!(matches!(
            Request::parse(&long),
            Err(RequestError::TooLong(_))
        ));
        assert!(RequestError::UnknownMethod("X".into())
            .message()
            .en
            .contains("WS"));
    }

    #[test]
    fn api_request_goes_through_the_api_rule_to_nestjs_and_postgres() {
        let d = template("party-box");
        let t = run(&d, "GET /api/rooms");
        assert!(t.served(), "{}", render_text(&t, Lang::En));
        assert_eq!(
            kinds(&t),
            ["client", "alb", "rule", "service", "tasks", "database"]
        );
        assert_eq!(t.hops[1].edge.as_ref().unwrap().as_str(), "users-alb");
        let rule = &t.hops[2];
        assert_eq!(rule.edge.as_ref().unwrap().as_str(), "rule-api");
        assert_eq!(rule.rules.len(), 1);
        assert!(rule.rules[0].matches);
        assert!(
            rule.text.en.contains("priority 10, `/api/*`"),
            "{}",
            rule.text.en
        );
        assert!(rule.text.ja.contains("優先度 10"), "{}", rule.text.ja);
        assert_eq!(t.hops[3].node.as_str(), "nestjs");
        assert!(
            t.hops[4].text.en.contains("2 tasks"),
            "{}",
            t.hops[4].text.en
        );
        assert!(t.hops[4].text.en.contains("Fargate, 0.5 vCPU and 1 GB"));
        assert_eq!(t.hops[5].node.as_str(), "rds");
        assert_eq!(t.hops[5].edge.as_ref().unwrap().as_str(), "nestjs-rds");
    }

    #[test]
    fn page_request_skips_the_earlier_rules_and_stops_at_nextjs() {
        let d = template("party-box");
        let t = run(&d, "GET /");
        assert!(t.served());
        assert_eq!(kinds(&t), ["client", "alb", "rule", "service", "tasks"]);
        let rule = &t.hops[2];
        assert_eq!(rule.edge.as_ref().unwrap().as_str(), "rule-web");
        let tried: Vec<(u32, bool)> = rule.rules.iter().map(|r| (r.priority, r.matches)).collect();
        assert_eq!(tried, [(10, false), (20, false), (100, true)]);
        assert!(
            rule.text
                .en
                .contains("before it (priority 10 `/api/*`, 20 `/socket.io/*`) did not match"),
            "{}",
            rule.text.en
        );
        assert_eq!(t.hops[3].node.as_str(), "nextjs");
    }

    #[test]
    fn the_rule_taken_is_the_validators_route() {
        for id in ["party-box", "ec-site"] {
            let d = template(id);
            for path in ["/", "/api/rooms", "/socket.io/", "/api/orders/7", "/x?y"] {
                let t = run(&d, &format!("GET {path}"));
                let hop = t
                    .hops
                    .iter()
                    .find(|h| matches!(h.kind, HopKind::Rule | HopKind::DefaultAction))
                    .unwrap();
                let want = cx::route(&d, &"alb".into(), &t.request.path).unwrap();
                assert_eq!(hop.edge.as_ref(), Some(&want.id), "{id} {path}");
            }
        }
    }

    #[test]
    fn socketio_upgrade_reaches_nestjs_with_sticky_sessions() {
        let d = template("party-box");
        let t = run(&d, "WS /socket.io/?EIO=4&transport=websocket");
        assert!(t.served(), "{}", render_text(&t, Lang::En));
        assert_eq!(
            kinds(&t),
            ["client", "alb", "rule", "service", "tasks", "websocket"]
        );
        assert_eq!(t.hops[2].edge.as_ref().unwrap().as_str(), "rule-socketio");
        assert!(t.hops[2]
            .text
            .en
            .contains("query string `?EIO=4&transport=websocket`"));
        assert!(t.hops[1].text.en.contains("idle timeout (60 s)"));
        assert!(t.hops[5].text.en.contains("Sticky sessions"));
    }

    #[test]
    fn ec_site_goes_through_route53_and_cloudfront_then_cache_and_database() {
        let d = template("ec-site");
        let t = run(&d, "GET /api/orders/42");
        assert!(t.served(), "{}", render_text(&t, Lang::En));
        assert_eq!(
            kinds(&t),
            ["client", "dns", "cdn", "alb", "rule", "service", "tasks", "cache", "database"]
        );
        let edges: Vec<Option<&str>> = t
            .hops
            .iter()
            .map(|h| h.edge.as_ref().map(|e| e.as_str()))
            .collect();
        assert_eq!(
            edges[..5],
            [
                None,
                Some("users-route53"),
                Some("route53-cloudfront"),
                Some("cloudfront-alb"),
                Some("rule-orders")
            ]
        );
        assert_eq!(t.hops[5].node.as_str(), "api2");
        assert!(t.hops[1].text.en.contains("resolves the domain name"));
    }

    #[test]
    fn cloudfront_with_only_s3_serves_static_files_but_not_websocket() {
        let d = edited("ec-site", &[delete_edges(&["cloudfront-alb"])]);
        let t = run(&d, "GET /index.html");
        assert!(t.served());
        assert_eq!(kinds(&t), ["client", "dns", "cdn", "static"]);
        let t = run(&d, "WS /socket.io/");
        assert_eq!(stop(&t).kind, BreakKind::NoWebsocket);
        assert_eq!(stop(&t).node.as_ref().unwrap().as_str(), "s3");
    }

    #[test]
    fn blank_has_no_client() {
        let t = run(&template("blank"), "GET /");
        assert_eq!(stop(&t).kind, BreakKind::NoClient);
        assert!(t.hops.is_empty());
        assert!(stop(&t).message.ja.contains("ユーザー"));
    }

    #[test]
    fn no_alb_reachable_from_users() {
        let d = edited("party-box", &[delete_edges(&["users-alb"])]);
        let t = run(&d, "GET /");
        let b = stop(&t);
        assert_eq!(b.kind, BreakKind::NoAlb);
        assert_eq!(b.node.as_ref().unwrap().as_str(), "users");
        assert!(
            b.message.en.contains("No ALB can be reached"),
            "{}",
            b.message.en
        );
    }

    #[test]
    fn no_alb_names_a_connection_of_the_wrong_kind_or_direction() {
        let d = edited(
            "party-box",
            &[Command::SetEdgeKind {
                id: "users-alb".into(),
                kind: EdgeKind::Generic,
            }],
        );
        let b = stop(&run(&d, "GET /")).clone();
        assert_eq!(b.kind, BreakKind::NoAlb);
        assert_eq!(b.edge.unwrap().as_str(), "users-alb");
        assert!(
            b.message.en.contains("is of kind \"Connection\""),
            "{}",
            b.message.en
        );
        let mut d = edited("party-box", &[delete_edges(&["users-alb"])]);
        apply(
            &mut d,
            &Command::Connect {
                from: "alb".into(),
                to: "users".into(),
                kind: Some(EdgeKind::Https),
            },
        )
        .unwrap();
        let b = stop(&run(&d, "GET /")).clone();
        assert_eq!(b.kind, BreakKind::NoAlb);
        assert!(
            b.message.en.contains("points the wrong way"),
            "{}",
            b.message.en
        );
        assert!(b.message.ja.contains("向きが逆"), "{}", b.message.ja);
    }

    #[test]
    fn internal_alb_cannot_be_reached_and_cites_the_finding() {
        let d = edited(
            "party-box",
            &[params(
                "alb",
                &[("scheme", ParamValue::Str("internal".into()))],
            )],
        );
        let t = run(&d, "GET /");
        let b = stop(&t);
        assert_eq!(b.kind, BreakKind::AlbInternal);
        assert_eq!(
            b.finding.as_ref().unwrap().rule,
            "private-reachable-from-internet"
        );
    }

    #[test]
    fn no_rule_and_no_default_action_lists_the_rules_tried() {
        let d = edited("party-box", &[delete_edges(&["rule-web"])]);
        let t = run(&d, "GET /");
        let b = stop(&t);
        assert_eq!(b.kind, BreakKind::NoRule);
        assert_eq!(kinds(&t), ["client", "alb"]);
        assert!(
            b.message
                .en
                .contains("priority 10 `/api/*`, 20 `/socket.io/*`"),
            "{}",
            b.message.en
        );
        assert_eq!(b.finding.as_ref().unwrap().rule, "alb-default-action");
        // The API still works.
        assert!(run(&d, "GET /api/rooms").served());
    }

    #[test]
    fn default_action_takes_what_no_rule_matches() {
        let mut d = edited("party-box", &[delete_edges(&["rule-web"])]);
        apply(
            &mut d,
            &Command::Connect {
                from: "alb".into(),
                to: "nextjs".into(),
                kind: Some(EdgeKind::AlbDefault),
            },
        )
        .unwrap();
        let t = run(&d, "GET /rooms/7");
        assert!(t.served(), "{}", render_text(&t, Lang::En));
        let hop = &t.hops[2];
        assert_eq!(hop.kind, HopKind::DefaultAction);
        assert_eq!(hop.rules.len(), 2);
        assert!(hop.rules.iter().all(|r| !r.matches));
        assert!(
            hop.text.en.contains("default action forwards"),
            "{}",
            hop.text.en
        );
    }

    #[test]
    fn a_rule_to_the_database_is_a_bad_target() {
        let d = edited(
            "party-box",
            &[Command::SetEdgeTarget {
                id: "rule-api".into(),
                to: "rds".into(),
            }],
        );
        let t = run(&d, "GET /api/rooms");
        let b = stop(&t);
        assert_eq!(b.kind, BreakKind::BadTarget);
        assert_eq!(b.finding.as_ref().unwrap().rule, "alb-rule-target");
    }

    #[test]
    fn a_dangling_rule_is_a_missing_target_not_a_panic() {
        // Only a hand-made design can dangle (the loader and the editor refuse it).
        let mut d = template("party-box");
        d.nodes.remove(&NodeId::from("nestjs"));
        let t = run(&d, "GET /api/rooms");
        assert_eq!(stop(&t).kind, BreakKind::TargetMissing);
    }

    #[test]
    fn zero_tasks_break_with_503() {
        let zero = ParamValue::Num(0.0);
        let d = edited(
            "party-box",
            &[params(
                "nestjs",
                &[("min_tasks", zero.clone()), ("desired_tasks", zero)],
            )],
        );
        let b = stop(&run(&d, "GET /api/rooms")).clone();
        assert_eq!(b.kind, BreakKind::NoTasks);
        assert!(b.message.en.contains("503"));
    }

    #[test]
    fn private_service_without_nat_cannot_pull_its_image() {
        let d = edited("party-box", &[delete_nodes(&["nat"])]);
        let t = run(&d, "GET /");
        let b = stop(&t);
        assert_eq!(b.kind, BreakKind::ImagePull);
        assert_eq!(b.node.as_ref().unwrap().as_str(), "nextjs");
        let f = b.finding.as_ref().unwrap();
        assert_eq!(f.rule, "fargate-image-pull");
        assert!(f.nodes.contains(&NodeId::from("nextjs")));
        assert_eq!(kinds(&t), ["client", "alb", "rule", "service"]);
    }

    #[test]
    fn impossible_fargate_size_stops_the_tasks() {
        let d = edited(
            "party-box",
            &[params("nextjs", &[("memory_gb", ParamValue::Num(7.0))])],
        );
        let b = stop(&run(&d, "GET /")).clone();
        assert_eq!(b.kind, BreakKind::TaskSize);
        assert_eq!(b.finding.unwrap().rule, "fargate-cpu-memory");
    }

    #[test]
    fn socketio_without_its_rule_falls_to_nextjs_and_breaks() {
        let d = edited("party-box", &[delete_edges(&["rule-socketio"])]);
        let t = run(&d, "WS /socket.io/?EIO=4");
        let b = stop(&t);
        assert_eq!(b.kind, BreakKind::NoWebsocket);
        assert_eq!(b.node.as_ref().unwrap().as_str(), "nextjs");
        assert!(b.message.en.contains("`/socket.io/*`"));
    }

    #[test]
    fn socketio_on_two_tasks_without_stickiness_cites_the_rule() {
        let d = edited(
            "party-box",
            &[params(
                "nestjs",
                &[("sticky_sessions", ParamValue::Bool(false))],
            )],
        );
        for req in [
            "WS /socket.io/?EIO=4",
            "GET /socket.io/?EIO=4&transport=polling",
        ] {
            let t = run(&d, req);
            let b = stop(&t);
            assert_eq!(b.kind, BreakKind::SocketioSticky, "{req}");
            assert_eq!(b.finding.as_ref().unwrap().rule, "socketio-sticky");
            assert!(b.message.en.contains("Session ID unknown"));
        }
        // Plain API requests are not Socket.io's business.
        assert!(run(&d, "GET /api/rooms").served());
    }

    #[test]
    fn api_without_its_database_connection_breaks() {
        let d = edited("party-box", &[delete_edges(&["nestjs-rds"])]);
        let b = stop(&run(&d, "GET /api/rooms")).clone();
        assert_eq!(b.kind, BreakKind::NoDatabaseRoute);
        assert_eq!(b.node.unwrap().as_str(), "nestjs");
        assert!(
            b.message.en.contains("no SQL connection to \"PostgreSQL\""),
            "{}",
            b.message.en
        );
        let d = edited("party-box", &[delete_nodes(&["rds"])]);
        let b = stop(&run(&d, "GET /api/rooms")).clone();
        assert!(b.message.en.contains("has no RDS"), "{}", b.message.en);
    }

    #[test]
    fn database_in_another_vpc_has_no_route() {
        let mut d = template("party-box");
        let vpc2 = apply(
            &mut d,
            &Command::AddNode {
                kind: Kind::Vpc,
                at: Some(crate::core::Point { x: 3000.0, y: 0.0 }),
                parent: None,
            },
        )
        .unwrap()
        .new_nodes[0]
            .clone();
        let sub2 = apply(
            &mut d,
            &Command::AddNode {
                kind: Kind::Subnet,
                at: None,
                parent: Some(vpc2),
            },
        )
        .unwrap()
        .new_nodes[0]
            .clone();
        apply(
            &mut d,
            &Command::Place {
                ids: vec!["rds".into()],
                parent: Some(sub2),
            },
        )
        .unwrap();
        let b = stop(&run(&d, "GET /api/rooms")).clone();
        assert_eq!(b.kind, BreakKind::NoDatabaseRoute);
        assert_eq!(b.edge.unwrap().as_str(), "nestjs-rds");
        assert!(b.message.en.contains("different VPCs"));
    }

    #[test]
    fn json_form_is_stable() {
        let t = run(&template("party-box"), "GET /");
        let j = t.to_json();
        assert_eq!(j["format"], "kumozu-trace");
        assert_eq!(j["version"], 1);
        assert_eq!(j["served"], true);
        assert_eq!(j["break"], Value::Null);
        assert_eq!(j["request"]["text"], "GET /");
        assert_eq!(j["hops"][2]["kind"], "rule");
        assert_eq!(j["hops"][2]["step"], 3);
        assert_eq!(j["hops"][2]["rules"][2]["matches"], true);
        assert_eq!(j["hops"][0]["edge"], Value::Null);
        let d = edited("party-box", &[delete_nodes(&["nat"])]);
        let j = run(&d, "GET /").to_json();
        assert_eq!(j["served"], false);
        assert_eq!(j["break"]["kind"], "image-pull");
        assert_eq!(j["break"]["finding"]["rule"], "fargate-image-pull");
        assert!(j["break"]["message"]["ja"].is_string());
    }

    #[test]
    fn text_is_numbered_in_both_languages() {
        let t = run(&template("party-box"), "GET /api/rooms");
        let en = render_text(&t, Lang::En);
        assert!(en.starts_with(" 1. [client] "), "{en}");
        assert!(en.contains(" 6. [database] "), "{en}");
        assert!(en.ends_with("Result: the request is served.\n"));
        let ja = render_text(&t, Lang::Ja);
        assert!(ja.contains("結果: リクエストは処理されます。"));
    }
}
