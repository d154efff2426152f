//! The walk of one request through a design: the hops it takes, in order, and the break where
//! it cannot go on. This file holds the walker and its start (the client hop); each stretch of
//! the way is a file of its own: [`front`] (users → Route 53 → CloudFront → the ALB or S3),
//! `alb` (the listener and its rules), [`service`] (the target, its tasks, Socket.io) and
//! [`data`] (the databases and caches the application reaches).

mod alb;
mod data;
mod front;
mod service;

use std::collections::BTreeMap;

use super::{Break, BreakKind, Hop, HopKind, Request};
use crate::core::document::catalogue::Kind;
use crate::core::document::model::{Design, Edge, EdgeId, NodeId};
use crate::core::validate::context as cx;
use crate::core::validate::{self, Finding, Message};

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

/// The edge kinds that carry a request from the users to the ALB (the validator's own list).
use cx::FRONT_EDGES;

/// The node kinds a request passes on its way to the ALB (besides the users and the ALB).
const FRONT_NODES: &[Kind] = &[Kind::Route53, Kind::Cloudfront, Kind::S3];

/// The hops `request` takes through `design`, and where it stops (`None`: served).
pub(super) fn walk(design: &Design, request: &Request) -> (Vec<Hop>, Option<Break>) {
    let mut w = Walk {
        d: design,
        req: request,
        hops: Vec::new(),
    };
    let stop = w.run().err().map(|b| *b);
    (w.hops, stop)
}

/// The walker: the design, the request and the hops so far.
struct Walk<'a> {
    d: &'a Design,
    req: &'a Request,
    hops: Vec<Hop>,
}

/// A node's quoted label in both languages.
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

    /// The first finding of rule `id`, whatever it concerns (a design-wide finding such as
    /// `party-box-parts`).
    fn finding_any(&self, id: &str) -> Option<Finding> {
        let rule = validate::rule(id)?;
        validate::run_rule(rule, self.d).into_iter().next()
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
                            self.finding_any("party-box-parts"),
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
}
