//! The ALB: an internal ALB reached from the internet, then its listener rules in priority
//! order (the validator's own route, so the trace and the rules agree) or the default action.

use super::{q, Walk};
use crate::core::course::trace::{Break, BreakKind, Hop, HopKind, RuleCheck};
use crate::core::document::catalogue::EdgeKind;
use crate::core::document::model::{Edge, Node};
use crate::core::validate::context as cx;
use crate::core::validate::Message;

impl<'a> Walk<'a> {
    pub(super) fn alb(
        &mut self,
        alb: &'a Node,
        came_by: &'a Edge,
        via_cdn: bool,
    ) -> Result<(), Box<Break>> {
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
            let finding = self
                .finding("party-box-routes", &alb.id, None)
                .or_else(|| self.finding("alb-default-action", &alb.id, None));
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
}
