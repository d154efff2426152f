//! `alb-https-certificate`: an HTTPS listener needs a certificate (ACM).

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "alb-https-certificate",
    severity: Severity::Error,
    title: t(
        "HTTPS の ALB には証明書 (ACM) が必要",
        "An HTTPS ALB needs a certificate (ACM)",
    ),
    fix: t(
        "ACM 証明書を置き、ALB とつないでください (証明書はドメイン名に対して発行します)。",
        "Add an ACM certificate and connect it to the ALB (it is issued for your domain name).",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "ALB は HTTPS に対応し、SSL 終端を行います (Part 2 ALB)。HTTPS のリスナーを作るにはサーバー証明書が必須で、AWS では Certificate Manager (ACM) の証明書を ALB に設定します。証明書がなければ HTTPS リスナーは作れません。",
    "The ALB handles HTTPS and terminates SSL (Part 2, ALB). An HTTPS listener cannot be created without a server certificate, which on AWS comes from Certificate Manager (ACM) and is attached to the ALB.",
);

fn check(d: &Design, r: &mut Report) {
    for alb in cx::nodes_of(d, Kind::Alb) {
        if alb.text("listener_protocol") != "HTTPS" {
            continue;
        }
        let has_cert = d.edges_of(&alb.id).any(|e| {
            let other = if e.from == alb.id { &e.to } else { &e.from };
            cx::kind_of(d, other) == Some(Kind::Acm)
        });
        if has_cert {
            continue;
        }
        let (ja, en) = cx::quoted(d, &alb.id);
        r.add(
            &[&alb.id],
            &[],
            Message::new(
                format!("{ja}のリスナーは HTTPS ですが、つながっている ACM 証明書がありません。"),
                format!("{en} has an HTTPS listener but no ACM certificate connected to it."),
            ),
        );
    }
}
