//! The data behind the application: the databases and caches it connects to, and whether it
//! has a route to the database it needs.

use super::{q, Walk};
use crate::core::course::trace::{Break, BreakKind, HopKind};
use crate::core::document::catalogue::{EdgeKind, Kind};
use crate::core::document::model::{Edge, Node};
use crate::core::validate::context as cx;

impl<'a> Walk<'a> {
    /// The databases and caches the application connects to; a break when it needs a
    /// database it has no route to.
    pub(super) fn data(&mut self, app: &'a Node) -> Result<(), Box<Break>> {
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
                        self.finding("api-database", far, Some(&e.id)),
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
        if dbs == 0
            && d.follows_course
            && app.kind == Kind::EcsService
            && cx::app_role(app) == "nestjs"
        {
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
                self.finding("api-database", &app.id, None),
            ));
        }
        Ok(())
    }
}
