//! The network: VPCs, subnets per AZ of each subnet tier, Internet and NAT gateways, route
//! tables and their associations.

use hcl::expr::FuncCall;
use hcl::Expression;

use crate::core::document::catalogue::Kind;
use crate::core::document::model::Node;
use crate::core::validate::context::{self, Tier};

use super::writing::*;
use super::{Exporter, Top};

impl<'d> Exporter<'d> {
    pub(super) fn network(&mut self) {
        let d = self.d;
        let vpcs = self.of(Kind::Vpc);
        if vpcs.is_empty() {
            return;
        }
        self.section("Network");
        for vpc in &vpcs {
            let vname = self.name(&vpc.id);
            self.push(
                resource("aws_vpc", &vname)
                    .add_attribute(("cidr_block", string(vpc.text("cidr"))))
                    .add_attribute(("enable_dns_support", Expression::Bool(true)))
                    .add_attribute(("enable_dns_hostnames", Expression::Bool(true)))
                    .add_attribute(tags(&Self::label(vpc))),
            );
            // Subnets: public tiers first, then private, each AZ in the region's order;
            // CIDR blocks sliced from the VPC's in that order.
            let mut tiers: Vec<&Node> = self
                .of(Kind::Subnet)
                .into_iter()
                .filter(|s| context::vpc_of(d, &s.id).is_some_and(|v| v.id == vpc.id))
                .collect();
            crate::core::support::sort::sort_by_key(&mut tiers, |s| {
                (context::tier(s) == Tier::Private, s.id.clone())
            });
            let mut k = 0u32;
            for tier in tiers {
                let tname = self.name(&tier.id);
                let mut letters: Vec<&str> = context::region_azs(d, tier);
                crate::core::support::sort::sort(&mut letters);
                letters.dedup();
                let mut subs = Vec::new();
                for l in letters {
                    let sname = format!("{tname}_{l}");
                    let cidr = match slice_cidr(vpc.text("cidr"), k) {
                        Some(c) => string(c),
                        None => Expression::from(
                            FuncCall::builder("cidrsubnet")
                                .arg(refer(format!("aws_vpc.{vname}.cidr_block")))
                                .arg(8)
                                .arg(k)
                                .build(),
                        ),
                    };
                    k += 1;
                    let public = context::tier(tier) == Tier::Public;
                    let mut b = resource("aws_subnet", &sname)
                        .add_attribute(("vpc_id", refer(format!("aws_vpc.{vname}.id"))))
                        .add_attribute(("cidr_block", cidr))
                        .add_attribute(("availability_zone", string(d.region.az_name(l))));
                    if public {
                        b = b.add_attribute(("map_public_ip_on_launch", Expression::Bool(false)));
                    }
                    self.push(b.add_attribute(tags(&format!(
                        "{} ({})",
                        Self::label(tier),
                        d.region.az_name(l)
                    ))));
                    subs.push((l.to_owned(), sname));
                }
                self.subnets.insert(&tier.id, subs);
            }
        }
        for tier in self.of(Kind::Subnet) {
            if context::vpc_of(d, &tier.id).is_none() {
                self.todo(tier, " (a subnet tier outside any VPC)");
            }
        }

        let igws = self.of(Kind::InternetGateway);
        for igw in &igws {
            match self.vpc_ref(&igw.id) {
                Some(vpc) => {
                    let b = resource("aws_internet_gateway", &self.name(&igw.id))
                        .add_attribute(("vpc_id", refer(vpc)))
                        .add_attribute(tags(&Self::label(igw)));
                    self.push(b);
                }
                None => self.todo(igw, " (an Internet Gateway outside any VPC)"),
            }
        }

        for nat in self.of(Kind::NatGateway) {
            let Some(tier) = context::subnet_of(d, &nat.id) else {
                self.todo(nat, " (a NAT Gateway outside any subnet tier)");
                continue;
            };
            let subs = self.subnets.get(&tier.id).cloned().unwrap_or_default();
            let chosen: Vec<(String, String)> = if nat.text("placement") == "per_az" {
                subs
            } else {
                subs.into_iter().take(1).collect()
            };
            let nname = self.name(&nat.id);
            let mut gws = Vec::new();
            for (l, sub) in chosen {
                let gw = format!("{nname}_{l}");
                self.push(
                    resource("aws_eip", &gw)
                        .add_attribute(("domain", string("vpc")))
                        .add_attribute(tags(&format!(
                            "{} ({})",
                            Self::label(nat),
                            d.region.az_name(&l)
                        ))),
                );
                self.push(
                    resource("aws_nat_gateway", &gw)
                        .add_attribute(("allocation_id", refer(format!("aws_eip.{gw}.id"))))
                        .add_attribute(("subnet_id", refer(format!("aws_subnet.{sub}.id"))))
                        .add_attribute(tags(&format!(
                            "{} ({})",
                            Self::label(nat),
                            d.region.az_name(&l)
                        ))),
                );
                gws.push((l, gw));
            }
            self.nats.insert(&nat.id, gws);
        }

        // Route tables: public tiers to the Internet Gateway, private tiers (one table per
        // AZ) to a NAT Gateway of the same VPC, in the same AZ when there is one.
        let tiers = self.of(Kind::Subnet);
        for tier in tiers {
            let Some(vpc) = context::vpc_of(d, &tier.id) else {
                continue;
            };
            let vref = format!("aws_vpc.{}.id", self.name(&vpc.id));
            let tname = self.name(&tier.id);
            let subs = self.subnets.get(&tier.id).cloned().unwrap_or_default();
            if context::tier(tier) == Tier::Public {
                let igw = igws
                    .iter()
                    .find(|g| context::vpc_of(d, &g.id).is_some_and(|v| v.id == vpc.id));
                let table = format!("{tname}_public");
                let mut b =
                    resource("aws_route_table", &table).add_attribute(("vpc_id", refer(&vref)));
                if let Some(igw) = igw {
                    b = b.add_block(
                        block("route")
                            .add_attribute(("cidr_block", string("0.0.0.0/0")))
                            .add_attribute((
                                "gateway_id",
                                refer(format!("aws_internet_gateway.{}.id", self.name(&igw.id))),
                            ))
                            .build(),
                    );
                } else {
                    self.out.push(Top::Comment(
                        "No Internet Gateway in this VPC: no route to the internet.".to_owned(),
                    ));
                }
                self.push(b.add_attribute(tags(&Self::label(tier))));
                for (_, sub) in &subs {
                    self.push(
                        resource("aws_route_table_association", sub)
                            .add_attribute(("subnet_id", refer(format!("aws_subnet.{sub}.id"))))
                            .add_attribute((
                                "route_table_id",
                                refer(format!("aws_route_table.{table}.id")),
                            )),
                    );
                }
            } else {
                let vpc_nats: Vec<(String, String)> = self
                    .nats
                    .iter()
                    .filter(|(id, _)| context::vpc_of(d, id).is_some_and(|v| v.id == vpc.id))
                    .flat_map(|(_, gws)| gws.iter().cloned())
                    .collect();
                for (l, sub) in &subs {
                    let mut b =
                        resource("aws_route_table", sub).add_attribute(("vpc_id", refer(&vref)));
                    let nat = vpc_nats
                        .iter()
                        .find(|(nl, _)| nl == l)
                        .or_else(|| vpc_nats.first());
                    if let Some((_, gw)) = nat {
                        b = b.add_block(
                            block("route")
                                .add_attribute(("cidr_block", string("0.0.0.0/0")))
                                .add_attribute((
                                    "nat_gateway_id",
                                    refer(format!("aws_nat_gateway.{gw}.id")),
                                ))
                                .build(),
                        );
                    }
                    self.push(b.add_attribute(tags(&format!(
                        "{} ({})",
                        Self::label(tier),
                        d.region.az_name(l)
                    ))));
                    self.push(
                        resource("aws_route_table_association", sub)
                            .add_attribute(("subnet_id", refer(format!("aws_subnet.{sub}.id"))))
                            .add_attribute((
                                "route_table_id",
                                refer(format!("aws_route_table.{sub}.id")),
                            )),
                    );
                }
            }
        }
    }
}
