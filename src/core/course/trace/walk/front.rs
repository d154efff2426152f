//! The front of the way: from the users node along HTTP(S), WebSocket, DNS and origin edges,
//! through Route 53 and CloudFront, to the nearest ALB (or to an S3 bucket behind CloudFront).

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::{q, way, Walk, FRONT_EDGES, FRONT_NODES};
use crate::core::course::trace::{Break, BreakKind};
use crate::core::document::catalogue::Kind;
use crate::core::document::model::{Edge, Node, NodeId};
use crate::core::validate::context as cx;

impl<'a> Walk<'a> {
    /// The shortest way from a users node to an ALB along request edges (to an S3 bucket
    /// behind CloudFront when no ALB can be reached), and that users node.
    pub(super) fn front(&self) -> Result<(Vec<&'a Edge>, NodeId), Box<Break>> {
        let d = self.d;
        let users: Vec<&Node> = cx::nodes_of(d, Kind::Users).collect();
        let Some(first) = users.first() else {
            return Err(self.brk(
                BreakKind::NoClient,
                None,
                None,
                "設計に「ユーザー」がないため、リクエストの出発点がありません。ユーザーを置き、ALB (または Route 53・CloudFront) へ HTTPS の接続を引いてください。".into(),
                "The design has no Users node, so the request has nowhere to start. Add Users and draw an HTTPS connection to the ALB (or to Route 53 / CloudFront).".into(),
                self.finding_any("party-box-parts"),
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
            self.finding_any("party-box-parts"),
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
}
