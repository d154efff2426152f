//! `alb-https`: users reach an internet-facing ALB over HTTPS, not plain HTTP.

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "alb-https",
    severity: Severity::Warning,
    title: t(
        "インターネットからの通信は HTTPS にする",
        "Traffic from the internet uses HTTPS",
    ),
    fix: t(
        "ALB のリスナーを HTTPS にして ACM 証明書をつなぎ、ユーザーからの接続も HTTPS にしてください (HTTP は HTTPS へのリダイレクトだけにします)。",
        "Make the ALB's listener HTTPS with an ACM certificate, and draw the users' connection as HTTPS (keep HTTP only to redirect to HTTPS).",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "コースの構成図ではユーザーから ALB へは HTTPS で、ALB が HTTPS 対応（SSL 終端）を担います (Part 1 構成図、Part 2 ALB)。HTTP のままではログイン情報やゲームの通信が暗号化されずにインターネットを流れます。",
    "In the course's diagram users reach the ALB over HTTPS, and the ALB does the HTTPS work (SSL termination) (Part 1 diagram; Part 2, ALB). Over plain HTTP, logins and game traffic cross the internet unencrypted.",
);

fn check(d: &Design, r: &mut Report) {
    for alb in cx::nodes_of(d, Kind::Alb) {
        let (ja, en) = cx::quoted(d, &alb.id);
        let http_from_users: Vec<&Edge> = d
            .edges
            .values()
            .filter(|e| {
                e.kind == EdgeKind::Http
                    && e.to == alb.id
                    && d.nodes.get(&e.from).is_some_and(cx::is_internet)
            })
            .collect();
        let edge_ids: Vec<&EdgeId> = http_from_users.iter().map(|e| &e.id).collect();
        let mut nodes: Vec<&NodeId> = vec![&alb.id];
        for e in &http_from_users {
            if !nodes.contains(&&e.from) {
                nodes.push(&e.from);
            }
        }
        if cx::internet_facing(alb) && alb.text("listener_protocol") == "HTTP" {
            r.add(
                &nodes,
                &edge_ids,
                Message::new(
                    format!("インターネット向けの ALB{ja}のリスナーが HTTP です。通信が暗号化されません。"),
                    format!("The internet-facing ALB {en} listens on plain HTTP; traffic is not encrypted."),
                ),
            );
        } else if !http_from_users.is_empty() {
            r.add(
                &nodes,
                &edge_ids,
                Message::new(
                    format!("ユーザーから{ja}への接続が HTTP になっています。"),
                    format!("Users connect to {en} over plain HTTP."),
                ),
            );
        }
    }
}
