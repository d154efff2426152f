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
//!
//! # Sections
//!
//! - `request`: the request text and its parsing ([`Request`], [`RequestError`]).
//! - `walk`: the walk through the design, one file per stretch of the way (the front: users,
//!   Route 53, CloudFront; the ALB and its rules; the target service and its tasks; the data).
//! - `text`: the trace as numbered lines.
//! - this file: what a trace is ([`Trace`], [`Hop`], [`Break`]) and its JSON form.

mod request;
#[cfg(test)]
mod tests;
mod text;
mod walk;

use serde_json::{json, Value};

use crate::core::document::model::{Design, EdgeId, NodeId};
use crate::core::validate::{Finding, Message};

pub use request::{Method, Request, RequestError, METHODS};
pub use text::render_text;

/// Longest request text accepted, in characters.
pub const MAX_REQUEST_CHARS: usize = 2048;

/// The JSON form's format name and version ([`Trace::to_json`]).
pub const FORMAT: &str = "kumozu-trace";
/// See [`FORMAT`].
pub const VERSION: u32 = 1;

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
    let (hops, stop) = walk::walk(design, request);
    Trace {
        request: request.clone(),
        hops,
        stop,
    }
}
