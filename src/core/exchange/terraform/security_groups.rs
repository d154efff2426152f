//! Security groups: one per ALB, ECS service and database, with the ingress the design's
//! connections need.

use std::collections::BTreeSet;

use hcl::Expression;

use crate::core::document::catalogue::{EdgeKind, Kind};
use crate::core::document::model::NodeId;
use crate::core::validate::context;

use super::writing::*;
use super::Exporter;

impl<'d> Exporter<'d> {
    pub(super) fn security_groups(&mut self) {
        let d = self.d;
        let albs = self.of(Kind::Alb);
        let services = self.of(Kind::EcsService);
        let dbs = self.of(Kind::RdsPostgres);
        if albs.is_empty() && services.is_empty() && dbs.is_empty() {
            return;
        }
        self.section("Security groups");
        let egress = || {
            block("egress")
                .add_attribute(("from_port", number(0.0)))
                .add_attribute(("to_port", number(0.0)))
                .add_attribute(("protocol", string("-1")))
                .add_attribute(("cidr_blocks", list(vec![string("0.0.0.0/0")])))
        };
        let ingress = |port: f64, desc: &str, from: Expression, key: &'static str| {
            block("ingress")
                .add_attribute(("description", string(desc)))
                .add_attribute(("from_port", number(port)))
                .add_attribute(("to_port", number(port)))
                .add_attribute(("protocol", string("tcp")))
                .add_attribute((key, from))
        };
        for alb in &albs {
            for t in self.alb_targets(&alb.id) {
                self.targets.insert(t);
            }
            let name = self.name(&alb.id);
            let mut b = resource("aws_security_group", &name)
                .add_attribute(("name", string(format!("{name}-alb"))))
                .add_attribute(("description", string("ALB: HTTP(S) from the internet")));
            if let Some(v) = self.vpc_ref(&alb.id) {
                b = b.add_attribute(("vpc_id", refer(v)));
            }
            let (from, key) = if context::internet_facing(alb) {
                (list(vec![string("0.0.0.0/0")]), "cidr_blocks")
            } else {
                match context::vpc_of(d, &alb.id) {
                    Some(v) => (
                        list(vec![refer(format!(
                            "aws_vpc.{}.cidr_block",
                            self.name(&v.id)
                        ))]),
                        "cidr_blocks",
                    ),
                    None => (list(vec![string("10.0.0.0/8")]), "cidr_blocks"),
                }
            };
            let src = if context::internet_facing(alb) {
                "from the internet"
            } else {
                "from inside the VPC"
            };
            if alb.text("listener_protocol") == "HTTPS" {
                b = b.add_block(ingress(443.0, &format!("HTTPS {src}"), from.clone(), key).build());
            }
            b = b.add_block(ingress(80.0, &format!("HTTP {src}"), from, key).build());
            self.push(
                b.add_block(egress().build())
                    .add_attribute(tags(&Self::label(alb))),
            );
        }
        for svc in &services {
            let name = self.name(&svc.id);
            let mut b = resource("aws_security_group", &name)
                .add_attribute(("name", string(format!("{name}-service"))))
                .add_attribute((
                    "description",
                    string("ECS service: its container port from the ALB"),
                ));
            if let Some(v) = self.vpc_ref(&svc.id) {
                b = b.add_attribute(("vpc_id", refer(v)));
            }
            let from: Vec<Expression> = albs
                .iter()
                .filter(|a| self.alb_targets(&a.id).contains(&&svc.id))
                .map(|a| refer(format!("aws_security_group.{}.id", self.name(&a.id))))
                .collect();
            if !from.is_empty() {
                b = b.add_block(
                    ingress(
                        svc.num("container_port"),
                        "Container port from the ALB",
                        list(from),
                        "security_groups",
                    )
                    .build(),
                );
            }
            self.push(
                b.add_block(egress().build())
                    .add_attribute(tags(&Self::label(svc))),
            );
        }
        for db in &dbs {
            let name = self.name(&db.id);
            let mut b = resource("aws_security_group", &name)
                .add_attribute(("name", string(format!("{name}-db"))))
                .add_attribute(("description", string("RDS: PostgreSQL from the services")));
            if let Some(v) = self.vpc_ref(&db.id) {
                b = b.add_attribute(("vpc_id", refer(v)));
            }
            let from: Vec<Expression> =
                context::neighbours_of_kind(d, &db.id, EdgeKind::Sql, Kind::EcsService)
                    .map(|s| s.id.clone())
                    .collect::<BTreeSet<NodeId>>()
                    .iter()
                    .map(|id| refer(format!("aws_security_group.{}.id", self.name(id))))
                    .collect();
            if !from.is_empty() {
                b = b.add_block(
                    ingress(
                        5432.0,
                        "PostgreSQL from the services",
                        list(from),
                        "security_groups",
                    )
                    .build(),
                );
            }
            self.push(
                b.add_block(egress().build())
                    .add_attribute(tags(&Self::label(db))),
            );
        }
    }
}
