//! `api-database`: the application reaches its database. Part 1's diagram draws NestJS →
//! PostgreSQL: in a design that follows the course, the API has an SQL connection to RDS; and in
//! any design, an application and the database it connects to sit in one VPC (a drawn
//! connection between two VPCs has no network route without peering, which the catalogue
//! does not offer).

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "api-database",
    severity: Severity::Error,
    title: t(
        "API はデータベースに届く",
        "The API reaches its database",
    ),
    fix: t(
        "API の ECS サービスから同じ VPC の Private Subnet にある RDS へ SQL の接続を引いてください。",
        "Draw an SQL connection from the API's ECS service to RDS in a private subnet of the same VPC.",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "Party Box の NestJS (API) は部屋やプレイヤーのデータを RDS の PostgreSQL に保存します (Part 1: NestJS → PostgreSQL)。SQL の接続がなければ、あるいは別の VPC にあってネットワークの経路がなければ、API はデータを読み書きできません。",
    "Party Box's NestJS (the API) keeps rooms and players in PostgreSQL on RDS (Part 1: NestJS → PostgreSQL). Without an SQL connection, or with the database in another VPC and no network route, the API cannot read or write its data.",
);

fn check(d: &Design, r: &mut Report) {
    // Connections drawn across VPCs, in any design.
    for e in d.edges.values() {
        if !matches!(e.kind, EdgeKind::Sql | EdgeKind::Cache) {
            continue;
        }
        let (Some(a), Some(b)) = (cx::vpc_of(d, &e.from), cx::vpc_of(d, &e.to)) else {
            continue;
        };
        if a.id == b.id {
            continue;
        }
        let ((fja, fen), (tja, ten)) = (cx::quoted(d, &e.from), cx::quoted(d, &e.to));
        r.add(
            &[&e.from, &e.to],
            &[&e.id],
            Message::new(
                format!("{fja}と{tja}は別の VPC にあり、接続が描かれていてもネットワークの経路がありません。"),
                format!("{fen} and {ten} sit in different VPCs: the connection is drawn, but there is no network route."),
            ),
        );
    }
    // The course's API and its database.
    if !d.follows_course {
        return;
    }
    for api in cx::nodes_of(d, Kind::EcsService).filter(|s| cx::app_role(s) == "nestjs") {
        let linked = d.edges_of(&api.id).any(|e| {
            let far = if e.from == api.id { &e.to } else { &e.from };
            e.kind == EdgeKind::Sql && cx::kind_of(d, far) == Some(Kind::RdsPostgres)
        });
        if linked {
            continue;
        }
        let (ja, en) = cx::quoted(d, &api.id);
        let msg = match cx::nodes_of(d, Kind::RdsPostgres).next() {
            Some(db) => {
                let (dja, den) = cx::quoted(d, &db.id);
                Message::new(
                    format!("{ja}は API としてデータベースを使いますが、{dja}への SQL の接続がありません。"),
                    format!("{en} is the API and needs its database, but has no SQL connection to {den}."),
                )
            }
            None => Message::new(
                format!("{ja}は API としてデータベースを使いますが、設計に RDS がありません。"),
                format!("{en} is the API and needs its database, but the design has no RDS."),
            ),
        };
        r.add(&[&api.id], &[], msg);
    }
}
