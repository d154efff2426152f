//! Terraform export: an HCL skeleton of the design in the style of the course chapter's IaC
//! example (`resource "aws_ecs_service" "backend" { … }`): VPC, subnets per AZ, Internet and
//! NAT gateways, route tables, security groups, ALB with listener, rules and target groups,
//! ECS cluster, task definitions, services and auto scaling, ECR repositories and RDS.
//! Kinds this skeleton does not map get a `# TODO: <kind> "<label>"` comment.
//!
//! **Why the HCL is written here and not with `hcl-rs`:** this module is part of the pure core
//! and is compiled into the browser app (wasm32) too. The output only needs a handful of HCL
//! constructs (blocks, attributes, lists, objects, references, comments), which a small writer
//! covers, while `hcl-rs` would add a parser, a formatter and their dependencies to the wasm
//! bundle. What a library would guarantee — that every user string stays a literal — is done
//! by [`quote`] (quotes, backslashes, control characters, and the template sequences `${` and
//! `%{` doubled to `$${` and `%%{`), and by [`Names`] (identifiers made only of ASCII letters,
//! digits, `_` and `-`, never starting with a digit, unique). `tests/terraform.rs` then parses
//! every export back with `hcl-rs`, a real HCL parser (a dev-dependency only), including
//! designs with hostile labels and ids.

use std::collections::{BTreeMap, BTreeSet};

use super::catalogue::{EdgeKind, Kind};
use super::i18n::Lang;
use super::model::{Design, Node, NodeId};
use super::validate::context::{self, Tier};

/// The Terraform HCL skeleton of `design`.
pub fn export(design: &Design) -> String {
    Exporter::new(design).run()
}

/// `s` as an HCL quoted string that evaluates to exactly `s`: no interpolation, no directive.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' if next == Some('{') => out.push_str("$$"),
            '%' if next == Some('{') => out.push_str("%%"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text for a `#` comment: one line, nothing that could end the comment.
fn comment_text(s: &str) -> String {
    // The quoted form has no raw newline or control character in it.
    quote(s)
}

/// A valid Terraform identifier made from `id`: ASCII letters, digits, `_` and `-`, starting
/// with a letter or `_`.
pub fn identifier(id: &str) -> String {
    let mut out: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        out.insert_str(0, "n_");
    }
    out
}

/// Unique identifiers for ids (node or edge ids), assigned in id order so that the same
/// design always gets the same names.
struct Names {
    by_id: BTreeMap<String, String>,
}

impl Names {
    fn new<'a>(ids: impl Iterator<Item = &'a str>) -> Names {
        let mut taken = BTreeSet::new();
        let mut by_id = BTreeMap::new();
        let ids: BTreeSet<&str> = ids.collect();
        // The ids that are already valid identifiers keep their own names first.
        let (clean, dirty): (Vec<&str>, Vec<&str>) =
            ids.into_iter().partition(|id| identifier(id) == *id);
        for id in clean.into_iter().chain(dirty) {
            let base = identifier(id);
            let mut name = base.clone();
            let mut n = 2;
            while taken.contains(&name) {
                name = format!("{base}_{n}");
                n += 1;
            }
            taken.insert(name.clone());
            by_id.insert(id.to_owned(), name);
        }
        Names { by_id }
    }

    fn get(&self, id: &str) -> String {
        self.by_id
            .get(id)
            .cloned()
            .unwrap_or_else(|| identifier(id))
    }
}

/// An HCL expression.
#[derive(Debug, Clone)]
enum Expr {
    Str(String),
    Num(f64),
    Bool(bool),
    /// Written as is: only references built from [`Names`] and fixed text.
    Raw(String),
    List(Vec<Expr>),
    Obj(Vec<(&'static str, Expr)>),
}

fn s(v: impl Into<String>) -> Expr {
    Expr::Str(v.into())
}

fn r(v: impl Into<String>) -> Expr {
    Expr::Raw(v.into())
}

fn n(v: f64) -> Expr {
    Expr::Num(v)
}

enum Item {
    Attr(&'static str, Expr),
    Block(Block),
    Comment(String),
    Blank,
}

struct Block {
    ty: &'static str,
    labels: Vec<String>,
    items: Vec<Item>,
}

impl Block {
    fn new(ty: &'static str, labels: &[&str]) -> Block {
        Block {
            ty,
            labels: labels.iter().map(|l| (*l).to_owned()).collect(),
            items: Vec::new(),
        }
    }

    fn resource(ty: &'static str, name: &str) -> Block {
        Block::new("resource", &[ty, name])
    }

    fn attr(mut self, key: &'static str, value: Expr) -> Block {
        self.items.push(Item::Attr(key, value));
        self
    }

    fn block(mut self, b: Block) -> Block {
        self.items.push(Item::Block(b));
        self
    }

    fn comment(mut self, text: impl Into<String>) -> Block {
        self.items.push(Item::Comment(text.into()));
        self
    }

    fn tags(self, label: &str) -> Block {
        self.attr("tags", Expr::Obj(vec![("Name", s(label))]))
    }
}

fn fmt_num(v: f64) -> String {
    if !v.is_finite() {
        "0".to_owned()
    } else if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn write_expr(out: &mut String, e: &Expr, indent: usize) {
    match e {
        Expr::Str(v) => out.push_str(&quote(v)),
        Expr::Num(v) => out.push_str(&fmt_num(*v)),
        Expr::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Expr::Raw(v) => out.push_str(v),
        Expr::List(items) => {
            if items.iter().any(|i| matches!(i, Expr::Obj(_))) {
                out.push_str("[\n");
                for i in items {
                    pad(out, indent + 1);
                    write_expr(out, i, indent + 1);
                    out.push_str(",\n");
                }
                pad(out, indent);
                out.push(']');
            } else {
                out.push('[');
                for (k, i) in items.iter().enumerate() {
                    if k > 0 {
                        out.push_str(", ");
                    }
                    write_expr(out, i, indent);
                }
                out.push(']');
            }
        }
        Expr::Obj(fields)
            if fields.len() == 1 && !matches!(fields[0].1, Expr::Obj(_) | Expr::List(_)) =>
        {
            out.push_str(&format!("{{ {} = ", fields[0].0));
            write_expr(out, &fields[0].1, indent);
            out.push_str(" }");
        }
        Expr::Obj(fields) => {
            out.push_str("{\n");
            let width = fields.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
            for (k, v) in fields {
                pad(out, indent + 1);
                out.push_str(&format!("{k:width$} = "));
                write_expr(out, v, indent + 1);
                out.push('\n');
            }
            pad(out, indent);
            out.push('}');
        }
    }
}

fn pad(out: &mut String, indent: usize) {
    for _ in 0..indent {
        out.push_str("  ");
    }
}

fn write_block(out: &mut String, b: &Block, indent: usize) {
    pad(out, indent);
    out.push_str(b.ty);
    for l in &b.labels {
        out.push(' ');
        out.push_str(&quote(l));
    }
    out.push_str(" {\n");
    let mut i = 0;
    while i < b.items.len() {
        match &b.items[i] {
            Item::Attr(..) => {
                if i > 0 && matches!(b.items[i - 1], Item::Block(_)) {
                    out.push('\n');
                }
                // Align the `=` of a run of attributes, as `terraform fmt` does.
                let run_end = (i..b.items.len())
                    .find(|&j| !matches!(b.items[j], Item::Attr(..)))
                    .unwrap_or(b.items.len());
                let width = b.items[i..run_end]
                    .iter()
                    .map(|it| match it {
                        Item::Attr(k, _) => k.len(),
                        _ => 0,
                    })
                    .max()
                    .unwrap_or(0);
                for it in &b.items[i..run_end] {
                    if let Item::Attr(k, v) = it {
                        pad(out, indent + 1);
                        out.push_str(&format!("{k:width$} = "));
                        write_expr(out, v, indent + 1);
                        out.push('\n');
                    }
                }
                i = run_end;
                continue;
            }
            Item::Block(inner) => {
                if i > 0 && !matches!(b.items[i - 1], Item::Blank) {
                    out.push('\n');
                }
                write_block(out, inner, indent + 1);
            }
            Item::Comment(c) => {
                pad(out, indent + 1);
                out.push_str("# ");
                out.push_str(c);
                out.push('\n');
            }
            Item::Blank => out.push('\n'),
        }
        i += 1;
    }
    pad(out, indent);
    out.push_str("}\n");
}

/// One subnet tier's subnets: (AZ letter, resource name).
type TierSubnets = Vec<(String, String)>;

struct Exporter<'d> {
    d: &'d Design,
    names: Names,
    edge_names: Names,
    out: Vec<Item>,
    /// Subnet tier node id → its per-AZ subnets.
    subnets: BTreeMap<&'d NodeId, TierSubnets>,
    /// NAT node id → its per-AZ gateways.
    nats: BTreeMap<&'d NodeId, TierSubnets>,
    /// ECS services that an ALB forwards to (they get a target group).
    targets: BTreeSet<&'d NodeId>,
    /// ECS service → the ECR repository resource it pulls from.
    repos: BTreeMap<&'d NodeId, String>,
}

impl<'d> Exporter<'d> {
    fn new(d: &'d Design) -> Exporter<'d> {
        Exporter {
            d,
            names: Names::new(d.nodes.keys().map(NodeId::as_str)),
            edge_names: Names::new(d.edges.keys().map(|e| e.as_str())),
            out: Vec::new(),
            subnets: BTreeMap::new(),
            nats: BTreeMap::new(),
            targets: BTreeSet::new(),
            repos: BTreeMap::new(),
        }
    }

    fn name(&self, id: &NodeId) -> String {
        self.names.get(id.as_str())
    }

    fn of(&self, kind: Kind) -> Vec<&'d Node> {
        context::nodes_of(self.d, kind).collect()
    }

    fn label(n: &Node) -> String {
        n.display_label(Lang::En).to_owned()
    }

    fn push(&mut self, b: Block) {
        self.out.push(Item::Block(b));
        self.out.push(Item::Blank);
    }

    fn section(&mut self, title: &str) {
        self.out.push(Item::Comment(format!("--- {title} ---")));
        self.out.push(Item::Blank);
    }

    fn todo(&mut self, n: &Node, why: &str) {
        self.out.push(Item::Comment(format!(
            "TODO: {} {}{}",
            n.kind.id(),
            comment_text(&Self::label(n)),
            why
        )));
    }

    /// The subnet resources of the tier `id` sits in (empty when it sits in none).
    fn tier_subnets(&self, id: &NodeId) -> Vec<Expr> {
        context::subnet_of(self.d, id)
            .and_then(|s| self.subnets.get(&s.id))
            .map(|subs| {
                subs.iter()
                    .map(|(_, name)| r(format!("aws_subnet.{name}.id")))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn vpc_ref(&self, id: &NodeId) -> Option<String> {
        context::vpc_of(self.d, id).map(|v| format!("aws_vpc.{}.id", self.name(&v.id)))
    }

    fn run(mut self) -> String {
        self.header();
        self.network();
        self.security_groups();
        self.load_balancers();
        self.ecr();
        self.ecs();
        self.rds();
        self.todos();
        let mut out = String::new();
        out.push_str(&format!(
            "# Terraform skeleton of {} exported by kumozu.\n",
            comment_text(&self.d.name)
        ));
        out.push_str(
            "# A starting point to review and complete, not a finished configuration.\n\n",
        );
        // Drop a trailing blank line.
        while matches!(self.out.last(), Some(Item::Blank)) {
            self.out.pop();
        }
        for item in &self.out {
            match item {
                Item::Block(b) => write_block(&mut out, b, 0),
                Item::Comment(c) => {
                    out.push_str("# ");
                    out.push_str(c);
                    out.push('\n');
                }
                Item::Blank => out.push('\n'),
                Item::Attr(k, v) => {
                    out.push_str(&format!("{k} = "));
                    write_expr(&mut out, v, 0);
                    out.push('\n');
                }
            }
        }
        out
    }

    fn header(&mut self) {
        let providers = Block::new("required_providers", &[]).attr(
            "aws",
            Expr::Obj(vec![
                ("source", s("hashicorp/aws")),
                ("version", s("~> 5.0")),
            ]),
        );
        self.push(Block::new("terraform", &[]).block(providers));
        self.push(
            Block::new("variable", &["region"])
                .attr("type", r("string"))
                .attr("default", s(self.d.region.code())),
        );
        self.push(Block::new("provider", &["aws"]).attr("region", r("var.region")));
        let https = self
            .of(Kind::Alb)
            .iter()
            .any(|a| a.text("listener_protocol") == "HTTPS");
        if https {
            self.push(
                Block::new("variable", &["certificate_arn"])
                    .attr(
                        "description",
                        s("ARN of the ACM certificate for the HTTPS listeners"),
                    )
                    .attr("type", r("string")),
            );
        }
    }

    fn network(&mut self) {
        let d = self.d;
        let vpcs = self.of(Kind::Vpc);
        if vpcs.is_empty() {
            return;
        }
        self.section("Network");
        for vpc in &vpcs {
            let vname = self.name(&vpc.id);
            self.push(
                Block::resource("aws_vpc", &vname)
                    .attr("cidr_block", s(vpc.text("cidr")))
                    .attr("enable_dns_support", Expr::Bool(true))
                    .attr("enable_dns_hostnames", Expr::Bool(true))
                    .tags(&Self::label(vpc)),
            );
            // Subnets: public tiers first, then private, each AZ in the region's order;
            // CIDR blocks sliced from the VPC's in that order.
            let mut tiers: Vec<&Node> = self
                .of(Kind::Subnet)
                .into_iter()
                .filter(|s| context::vpc_of(d, &s.id).is_some_and(|v| v.id == vpc.id))
                .collect();
            tiers.sort_by_key(|s| (context::tier(s) == Tier::Private, s.id.clone()));
            let mut k = 0u32;
            for tier in tiers {
                let tname = self.name(&tier.id);
                let mut letters: Vec<&str> = context::region_azs(d, tier);
                letters.sort();
                letters.dedup();
                let mut subs = Vec::new();
                for l in letters {
                    let sname = format!("{tname}_{l}");
                    let cidr = match slice_cidr(vpc.text("cidr"), k) {
                        Some(c) => s(c),
                        None => r(format!("cidrsubnet(aws_vpc.{vname}.cidr_block, 8, {k})")),
                    };
                    k += 1;
                    let public = context::tier(tier) == Tier::Public;
                    let mut b = Block::resource("aws_subnet", &sname)
                        .attr("vpc_id", r(format!("aws_vpc.{vname}.id")))
                        .attr("cidr_block", cidr)
                        .attr("availability_zone", s(d.region.az_name(l)));
                    if public {
                        b = b.attr("map_public_ip_on_launch", Expr::Bool(false));
                    }
                    self.push(b.tags(&format!("{} ({})", Self::label(tier), d.region.az_name(l))));
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
                    let b = Block::resource("aws_internet_gateway", &self.name(&igw.id))
                        .attr("vpc_id", r(vpc))
                        .tags(&Self::label(igw));
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
                    Block::resource("aws_eip", &gw)
                        .attr("domain", s("vpc"))
                        .tags(&format!("{} ({})", Self::label(nat), d.region.az_name(&l))),
                );
                self.push(
                    Block::resource("aws_nat_gateway", &gw)
                        .attr("allocation_id", r(format!("aws_eip.{gw}.id")))
                        .attr("subnet_id", r(format!("aws_subnet.{sub}.id")))
                        .tags(&format!("{} ({})", Self::label(nat), d.region.az_name(&l))),
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
                let mut b = Block::resource("aws_route_table", &table).attr("vpc_id", r(&vref));
                if let Some(igw) = igw {
                    b = b.block(
                        Block::new("route", &[])
                            .attr("cidr_block", s("0.0.0.0/0"))
                            .attr(
                                "gateway_id",
                                r(format!("aws_internet_gateway.{}.id", self.name(&igw.id))),
                            ),
                    );
                } else {
                    b = b.comment("No Internet Gateway in this VPC: no route to the internet.");
                }
                self.push(b.tags(&Self::label(tier)));
                for (_, sub) in &subs {
                    self.push(
                        Block::resource("aws_route_table_association", sub)
                            .attr("subnet_id", r(format!("aws_subnet.{sub}.id")))
                            .attr("route_table_id", r(format!("aws_route_table.{table}.id"))),
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
                    let mut b = Block::resource("aws_route_table", sub).attr("vpc_id", r(&vref));
                    let nat = vpc_nats
                        .iter()
                        .find(|(nl, _)| nl == l)
                        .or_else(|| vpc_nats.first());
                    if let Some((_, gw)) = nat {
                        b = b.block(
                            Block::new("route", &[])
                                .attr("cidr_block", s("0.0.0.0/0"))
                                .attr("nat_gateway_id", r(format!("aws_nat_gateway.{gw}.id"))),
                        );
                    }
                    self.push(b.tags(&format!("{} ({})", Self::label(tier), d.region.az_name(l))));
                    self.push(
                        Block::resource("aws_route_table_association", sub)
                            .attr("subnet_id", r(format!("aws_subnet.{sub}.id")))
                            .attr("route_table_id", r(format!("aws_route_table.{sub}.id"))),
                    );
                }
            }
        }
    }

    /// The ECS services an ALB forwards to by a rule or its default action.
    fn alb_targets(&self, alb: &NodeId) -> Vec<&'d NodeId> {
        let d = self.d;
        let mut out: Vec<&NodeId> = d
            .edges
            .values()
            .filter(|e| {
                matches!(e.kind, EdgeKind::AlbRule | EdgeKind::AlbDefault) && &e.from == alb
            })
            .filter(|e| context::kind_of(d, &e.to) == Some(Kind::EcsService))
            .map(|e| &d.nodes.get(&e.to).expect("checked above").id)
            .collect();
        out.sort();
        out.dedup();
        out
    }

    fn security_groups(&mut self) {
        let d = self.d;
        let albs = self.of(Kind::Alb);
        let services = self.of(Kind::EcsService);
        let dbs = self.of(Kind::RdsPostgres);
        if albs.is_empty() && services.is_empty() && dbs.is_empty() {
            return;
        }
        self.section("Security groups");
        let egress = || {
            Block::new("egress", &[])
                .attr("from_port", n(0.0))
                .attr("to_port", n(0.0))
                .attr("protocol", s("-1"))
                .attr("cidr_blocks", Expr::List(vec![s("0.0.0.0/0")]))
        };
        let ingress = |port: f64, desc: &str, from: Expr, key: &'static str| {
            Block::new("ingress", &[])
                .attr("description", s(desc))
                .attr("from_port", n(port))
                .attr("to_port", n(port))
                .attr("protocol", s("tcp"))
                .attr(key, from)
        };
        for alb in &albs {
            for t in self.alb_targets(&alb.id) {
                self.targets.insert(t);
            }
            let name = self.name(&alb.id);
            let mut b = Block::resource("aws_security_group", &name)
                .attr("name", s(format!("{name}-alb")))
                .attr("description", s("ALB: HTTP(S) from the internet"));
            if let Some(v) = self.vpc_ref(&alb.id) {
                b = b.attr("vpc_id", r(v));
            }
            let (from, key) = if context::internet_facing(alb) {
                (Expr::List(vec![s("0.0.0.0/0")]), "cidr_blocks")
            } else {
                match context::vpc_of(d, &alb.id) {
                    Some(v) => (
                        Expr::List(vec![r(format!("aws_vpc.{}.cidr_block", self.name(&v.id)))]),
                        "cidr_blocks",
                    ),
                    None => (Expr::List(vec![s("10.0.0.0/8")]), "cidr_blocks"),
                }
            };
            let src = if context::internet_facing(alb) {
                "from the internet"
            } else {
                "from inside the VPC"
            };
            if alb.text("listener_protocol") == "HTTPS" {
                b = b.block(ingress(443.0, &format!("HTTPS {src}"), from.clone(), key));
            }
            b = b.block(ingress(80.0, &format!("HTTP {src}"), from, key));
            self.push(b.block(egress()).tags(&Self::label(alb)));
        }
        for svc in &services {
            let name = self.name(&svc.id);
            let mut b = Block::resource("aws_security_group", &name)
                .attr("name", s(format!("{name}-service")))
                .attr(
                    "description",
                    s("ECS service: its container port from the ALB"),
                );
            if let Some(v) = self.vpc_ref(&svc.id) {
                b = b.attr("vpc_id", r(v));
            }
            let from: Vec<Expr> = albs
                .iter()
                .filter(|a| self.alb_targets(&a.id).contains(&&svc.id))
                .map(|a| r(format!("aws_security_group.{}.id", self.name(&a.id))))
                .collect();
            if !from.is_empty() {
                b = b.block(ingress(
                    svc.num("container_port"),
                    "Container port from the ALB",
                    Expr::List(from),
                    "security_groups",
                ));
            }
            self.push(b.block(egress()).tags(&Self::label(svc)));
        }
        for db in &dbs {
            let name = self.name(&db.id);
            let mut b = Block::resource("aws_security_group", &name)
                .attr("name", s(format!("{name}-db")))
                .attr("description", s("RDS: PostgreSQL from the services"));
            if let Some(v) = self.vpc_ref(&db.id) {
                b = b.attr("vpc_id", r(v));
            }
            let from: Vec<Expr> =
                context::neighbours_of_kind(d, &db.id, EdgeKind::Sql, Kind::EcsService)
                    .map(|s| s.id.clone())
                    .collect::<BTreeSet<NodeId>>()
                    .iter()
                    .map(|id| r(format!("aws_security_group.{}.id", self.name(id))))
                    .collect();
            if !from.is_empty() {
                b = b.block(ingress(
                    5432.0,
                    "PostgreSQL from the services",
                    Expr::List(from),
                    "security_groups",
                ));
            }
            self.push(b.block(egress()).tags(&Self::label(db)));
        }
    }

    fn load_balancers(&mut self) {
        let d = self.d;
        let albs = self.of(Kind::Alb);
        if albs.is_empty() {
            return;
        }
        self.section("Application Load Balancer");
        // Target groups, one per ECS service an ALB forwards to.
        let targets: Vec<&NodeId> = self.targets.iter().copied().collect();
        for id in targets {
            let svc = &d.nodes[id];
            let name = self.name(id);
            let mut b = Block::resource("aws_lb_target_group", &name)
                .attr("name", s(aws_name(&name)))
                .attr("port", n(svc.num("container_port")))
                .attr("protocol", s("HTTP"))
                .attr("target_type", s("ip"));
            if let Some(v) = self.vpc_ref(id) {
                b = b.attr("vpc_id", r(v));
            }
            b = b.block(
                Block::new("health_check", &[])
                    .attr("path", s("/"))
                    .attr("matcher", s("200-399")),
            );
            if svc.flag("sticky_sessions") {
                b = b.block(
                    Block::new("stickiness", &[])
                        .attr("type", s("lb_cookie"))
                        .attr("enabled", Expr::Bool(true))
                        .attr("cookie_duration", n(86400.0)),
                );
            }
            self.push(b.tags(&Self::label(svc)));
        }
        for alb in albs {
            let name = self.name(&alb.id);
            let subnets = self.tier_subnets(&alb.id);
            self.push(
                Block::resource("aws_lb", &name)
                    .attr("name", s(aws_name(&name)))
                    .attr("load_balancer_type", s("application"))
                    .attr("internal", Expr::Bool(!context::internet_facing(alb)))
                    .attr(
                        "security_groups",
                        Expr::List(vec![r(format!("aws_security_group.{name}.id"))]),
                    )
                    .attr("subnets", Expr::List(subnets))
                    .attr("idle_timeout", n(alb.num("idle_timeout_s")))
                    .tags(&Self::label(alb)),
            );
            let https = alb.text("listener_protocol") == "HTTPS";
            let default = context::default_action(d, &alb.id)
                .filter(|e| self.targets.contains(&e.to))
                .map(|e| self.name(&e.to));
            let default_action = match default {
                Some(t) => Block::new("default_action", &[])
                    .attr("type", s("forward"))
                    .attr(
                        "target_group_arn",
                        r(format!("aws_lb_target_group.{t}.arn")),
                    ),
                None => Block::new("default_action", &[])
                    .attr("type", s("fixed-response"))
                    .block(
                        Block::new("fixed_response", &[])
                            .attr("content_type", s("text/plain"))
                            .attr("message_body", s("Not Found"))
                            .attr("status_code", s("404")),
                    ),
            };
            let mut listener = Block::resource("aws_lb_listener", &name)
                .attr("load_balancer_arn", r(format!("aws_lb.{name}.arn")))
                .attr("port", n(if https { 443.0 } else { 80.0 }))
                .attr("protocol", s(if https { "HTTPS" } else { "HTTP" }));
            if https {
                listener = listener
                    .attr("ssl_policy", s("ELBSecurityPolicy-TLS13-1-2-2021-06"))
                    .attr("certificate_arn", r("var.certificate_arn"));
            }
            self.push(listener.block(default_action));
            if https {
                self.push(
                    Block::resource("aws_lb_listener", &format!("{name}_http"))
                        .attr("load_balancer_arn", r(format!("aws_lb.{name}.arn")))
                        .attr("port", n(80.0))
                        .attr("protocol", s("HTTP"))
                        .block(
                            Block::new("default_action", &[])
                                .attr("type", s("redirect"))
                                .block(
                                    Block::new("redirect", &[])
                                        .attr("port", s("443"))
                                        .attr("protocol", s("HTTPS"))
                                        .attr("status_code", s("HTTP_301")),
                                ),
                        ),
                );
            }
            for e in context::listener_rules(d, &alb.id) {
                let Some(rule) = &e.rule else { continue };
                let ename = self.edge_names.get(e.id.as_str());
                if !self.targets.contains(&e.to) {
                    self.out.push(Item::Comment(format!(
                        "TODO: alb_rule {} {} to {} (not an ECS service)",
                        comment_text(e.id.as_str()),
                        comment_text(&rule.path_pattern),
                        comment_text(e.to.as_str()),
                    )));
                    continue;
                }
                let target = self.name(&e.to);
                self.push(
                    Block::resource("aws_lb_listener_rule", &ename)
                        .attr("listener_arn", r(format!("aws_lb_listener.{name}.arn")))
                        .attr("priority", n(rule.priority as f64))
                        .block(Block::new("action", &[]).attr("type", s("forward")).attr(
                            "target_group_arn",
                            r(format!("aws_lb_target_group.{target}.arn")),
                        ))
                        .block(
                            Block::new("condition", &[]).block(
                                Block::new("path_pattern", &[])
                                    .attr("values", Expr::List(vec![s(rule.path_pattern.clone())])),
                            ),
                        ),
                );
            }
        }
    }

    fn ecr(&mut self) {
        let d = self.d;
        let ecrs = self.of(Kind::Ecr);
        if ecrs.is_empty() {
            return;
        }
        self.section("ECR");
        // A repository per service that pulls from an ECR node; one for an ECR node no
        // service pulls from.
        for svc in self.of(Kind::EcsService) {
            let pulls =
                context::neighbours_of_kind(d, &svc.id, EdgeKind::ImagePull, Kind::Ecr).next();
            if pulls.is_some() {
                let name = self.name(&svc.id);
                self.push(
                    Block::resource("aws_ecr_repository", &name)
                        .attr("name", s(aws_name(&name)))
                        .attr("image_tag_mutability", s("IMMUTABLE"))
                        .block(
                            Block::new("image_scanning_configuration", &[])
                                .attr("scan_on_push", Expr::Bool(true)),
                        )
                        .tags(&Self::label(svc)),
                );
                self.repos.insert(&svc.id, name);
            }
        }
        for ecr in ecrs {
            let used =
                context::neighbours_of_kind(d, &ecr.id, EdgeKind::ImagePull, Kind::EcsService)
                    .next()
                    .is_some();
            if !used {
                let name = self.name(&ecr.id);
                self.push(
                    Block::resource("aws_ecr_repository", &name)
                        .attr("name", s(aws_name(&name)))
                        .attr("image_tag_mutability", s("IMMUTABLE"))
                        .tags(&Self::label(ecr)),
                );
            }
        }
    }

    fn ecs(&mut self) {
        let d = self.d;
        let services = self.of(Kind::EcsService);
        let clusters = self.of(Kind::EcsCluster);
        if services.is_empty() && clusters.is_empty() {
            return;
        }
        self.section("ECS");
        for c in &clusters {
            let name = self.name(&c.id);
            self.push(
                Block::resource("aws_ecs_cluster", &name)
                    .attr("name", s(aws_name(&name)))
                    .block(
                        Block::new("setting", &[])
                            .attr("name", s("containerInsights"))
                            .attr("value", s("enabled")),
                    )
                    .tags(&Self::label(c)),
            );
        }
        let orphans = services
            .iter()
            .any(|s| d.enclosing(&s.id, Kind::EcsCluster).is_none());
        let default_cluster = if orphans {
            // A name no cluster node has.
            let mut name = "default".to_owned();
            while clusters.iter().any(|c| self.name(&c.id) == name) {
                name.push('_');
            }
            self.push(
                Block::resource("aws_ecs_cluster", &name)
                    .comment("For the services drawn outside any ECS cluster.")
                    .attr("name", s("default-cluster")),
            );
            Some(name)
        } else {
            None
        };
        for svc in services {
            let name = self.name(&svc.id);
            let cluster = d
                .enclosing(&svc.id, Kind::EcsCluster)
                .map(|c| self.name(&c.id))
                .or_else(|| default_cluster.clone())
                .unwrap_or_default();
            let port = svc.num("container_port");
            let image = match self.repos.get(&svc.id) {
                Some(repo) => r(format!(
                    "\"${{aws_ecr_repository.{repo}.repository_url}}:latest\""
                )),
                None => s("public.ecr.aws/nginx/nginx:latest"),
            };
            let launch = svc.text("launch_type").to_owned();
            let mut task = Block::resource("aws_ecs_task_definition", &name)
                .attr("family", s(aws_name(&name)))
                .attr("requires_compatibilities", Expr::List(vec![s(&launch)]))
                .attr("network_mode", s("awsvpc"))
                .attr("cpu", s(fmt_num(svc.num("vcpu") * 1024.0)))
                .attr("memory", s(fmt_num(svc.num("memory_gb") * 1024.0)))
                .block(
                    Block::new("runtime_platform", &[])
                        .attr("operating_system_family", s("LINUX"))
                        .attr("cpu_architecture", s(svc.text("cpu_architecture"))),
                );
            if svc.num("ephemeral_storage_gb") > 20.0 {
                task = task.block(
                    Block::new("ephemeral_storage", &[])
                        .attr("size_in_gib", n(svc.num("ephemeral_storage_gb"))),
                );
            }
            let container = Expr::Obj(vec![
                ("name", s(&name)),
                ("image", image),
                ("essential", Expr::Bool(true)),
                (
                    "portMappings",
                    Expr::List(vec![Expr::Obj(vec![
                        ("containerPort", n(port)),
                        ("protocol", s("tcp")),
                    ])]),
                ),
            ]);
            task.items.push(Item::Attr(
                "container_definitions",
                Expr::Raw(render_call("jsonencode", &Expr::List(vec![container]), 1)),
            ));
            self.push(task.tags(&Self::label(svc)));

            let mut service = Block::resource("aws_ecs_service", &name)
                .attr("name", s(aws_name(&name)))
                .attr("cluster", r(format!("aws_ecs_cluster.{cluster}.id")))
                .attr(
                    "task_definition",
                    r(format!("aws_ecs_task_definition.{name}.arn")),
                )
                .attr("desired_count", n(svc.num("desired_tasks")))
                .attr("launch_type", s(&launch))
                .block(
                    Block::new("network_configuration", &[])
                        .attr("subnets", Expr::List(self.tier_subnets(&svc.id)))
                        .attr(
                            "security_groups",
                            Expr::List(vec![r(format!("aws_security_group.{name}.id"))]),
                        )
                        .attr("assign_public_ip", Expr::Bool(svc.flag("assign_public_ip"))),
                );
            if self.targets.contains(&svc.id) {
                service = service.block(
                    Block::new("load_balancer", &[])
                        .attr(
                            "target_group_arn",
                            r(format!("aws_lb_target_group.{name}.arn")),
                        )
                        .attr("container_name", s(&name))
                        .attr("container_port", n(port)),
                );
            }
            self.push(
                service
                    .block(
                        Block::new("lifecycle", &[])
                            .attr("ignore_changes", Expr::List(vec![r("desired_count")])),
                    )
                    .tags(&Self::label(svc)),
            );

            let metric = match svc.text("scaling_metric") {
                "cpu" => Some("ECSServiceAverageCPUUtilization"),
                "memory" => Some("ECSServiceAverageMemoryUtilization"),
                "alb_requests" => Some("ALBRequestCountPerTarget"),
                _ => None,
            };
            let Some(metric) = metric else { continue };
            self.push(
                Block::resource("aws_appautoscaling_target", &name)
                    .attr("service_namespace", s("ecs"))
                    .attr("scalable_dimension", s("ecs:service:DesiredCount"))
                    .attr(
                        "resource_id",
                        r(format!(
                            "\"service/${{aws_ecs_cluster.{cluster}.name}}/${{aws_ecs_service.{name}.name}}\""
                        )),
                    )
                    .attr("min_capacity", n(svc.num("min_tasks")))
                    .attr("max_capacity", n(svc.num("max_tasks"))),
            );
            let mut spec = Block::new("predefined_metric_specification", &[])
                .attr("predefined_metric_type", s(metric));
            if metric == "ALBRequestCountPerTarget" {
                spec = spec.comment(
                    "TODO: resource_label = \"<ALB ARN suffix>/<target group ARN suffix>\"",
                );
            }
            self.push(
                Block::resource("aws_appautoscaling_policy", &name)
                    .attr("name", s(format!("{}-target-tracking", aws_name(&name))))
                    .attr("policy_type", s("TargetTrackingScaling"))
                    .attr(
                        "service_namespace",
                        r(format!(
                            "aws_appautoscaling_target.{name}.service_namespace"
                        )),
                    )
                    .attr(
                        "scalable_dimension",
                        r(format!(
                            "aws_appautoscaling_target.{name}.scalable_dimension"
                        )),
                    )
                    .attr(
                        "resource_id",
                        r(format!("aws_appautoscaling_target.{name}.resource_id")),
                    )
                    .block(
                        Block::new("target_tracking_scaling_policy_configuration", &[])
                            .attr("target_value", n(svc.num("scaling_target_percent")))
                            .block(spec),
                    ),
            );
        }
    }

    fn rds(&mut self) {
        let dbs = self.of(Kind::RdsPostgres);
        if dbs.is_empty() {
            return;
        }
        self.section("RDS");
        for db in dbs {
            let name = self.name(&db.id);
            self.push(
                Block::resource("aws_db_subnet_group", &name)
                    .attr("name", s(aws_name(&name)))
                    .attr("subnet_ids", Expr::List(self.tier_subnets(&db.id)))
                    .tags(&Self::label(db)),
            );
            self.push(
                Block::resource("aws_db_instance", &name)
                    .attr("identifier", s(aws_name(&name)))
                    .attr("engine", s("postgres"))
                    .attr("engine_version", s(db.text("engine_version")))
                    .attr("instance_class", s(db.text("instance_class")))
                    .attr("allocated_storage", n(db.num("storage_gb")))
                    .attr("storage_type", s(db.text("storage_type")))
                    .attr("multi_az", Expr::Bool(db.flag("multi_az")))
                    .attr(
                        "db_subnet_group_name",
                        r(format!("aws_db_subnet_group.{name}.name")),
                    )
                    .attr(
                        "vpc_security_group_ids",
                        Expr::List(vec![r(format!("aws_security_group.{name}.id"))]),
                    )
                    .attr("username", s("app"))
                    .attr("manage_master_user_password", Expr::Bool(true))
                    .attr(
                        "backup_retention_period",
                        n(db.num("backup_retention_days")),
                    )
                    .attr("storage_encrypted", Expr::Bool(true))
                    .attr("publicly_accessible", Expr::Bool(false))
                    .attr("skip_final_snapshot", Expr::Bool(false))
                    .attr(
                        "final_snapshot_identifier",
                        s(format!("{}-final", aws_name(&name))),
                    )
                    .tags(&Self::label(db)),
            );
        }
    }

    fn todos(&mut self) {
        let rest: Vec<&Node> = self
            .d
            .nodes
            .values()
            .filter(|n| {
                matches!(
                    n.kind,
                    Kind::Route53
                        | Kind::Cloudfront
                        | Kind::S3
                        | Kind::Acm
                        | Kind::VpcEndpoint
                        | Kind::Elasticache
                        | Kind::Sqs
                        | Kind::Lambda
                        | Kind::SecretsManager
                        | Kind::Cloudwatch
                        | Kind::Generic
                )
            })
            .collect();
        if rest.is_empty() {
            return;
        }
        self.section("Not in this skeleton yet");
        for n in rest {
            let why = match n.kind {
                Kind::Acm => " (pass its ARN as var.certificate_arn)",
                Kind::Cloudwatch => " (log groups and alarms)",
                _ => "",
            };
            self.todo(n, why);
        }
    }
}

/// `f(arg)` with the argument written at `indent`.
fn render_call(f: &str, arg: &Expr, indent: usize) -> String {
    let mut out = format!("{f}(");
    write_expr(&mut out, arg, indent);
    out.push(')');
    out
}

/// A name AWS accepts for load balancers, target groups and the like: letters, digits and
/// hyphens, at most 32 characters, no hyphen at either end.
fn aws_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .take(32)
        .collect();
    while out.ends_with('-') {
        out.pop();
    }
    while out.starts_with('-') {
        out.remove(0);
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

/// The `k`-th slice of an IPv4 CIDR block: /24 slices of a /16 or larger block, otherwise
/// 4 more prefix bits (16 slices) up to /28. `None` when the block does not parse or has no
/// `k`-th slice.
fn slice_cidr(cidr: &str, k: u32) -> Option<String> {
    let (addr, prefix) = cidr.trim().split_once('/')?;
    let prefix: u32 = prefix.parse().ok()?;
    let octets: Vec<u32> = addr
        .split('.')
        .map(|o| o.parse::<u32>().ok().filter(|v| *v <= 255))
        .collect::<Option<Vec<_>>>()?;
    if octets.len() != 4 || prefix > 24 {
        return None;
    }
    let base = octets.iter().fold(0u32, |acc, o| (acc << 8) | o);
    let new_prefix = if prefix <= 16 {
        24
    } else {
        (prefix + 4).min(28)
    };
    let bits = new_prefix - prefix;
    if bits < 32 && k >= (1u32 << bits) {
        return None;
    }
    let mask = if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - prefix)
    };
    let ip = (base & mask) | (k << (32 - new_prefix));
    Some(format!(
        "{}.{}.{}.{}/{new_prefix}",
        ip >> 24,
        (ip >> 16) & 255,
        (ip >> 8) & 255,
        ip & 255
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_keeps_user_text_literal() {
        assert_eq!(quote("a\"b\\c\nd"), r#""a\"b\\c\nd""#);
        assert_eq!(quote("${jndi} %{if}"), r#""$${jndi} %%{if}""#);
        assert_eq!(quote("$x %y $"), r#""$x %y $""#);
        assert_eq!(quote("\u{1}"), r#""\u0001""#);
    }

    #[test]
    fn identifiers_are_valid_and_unique() {
        assert_eq!(identifier("1abc"), "n_1abc");
        assert_eq!(identifier("a b.c"), "a_b_c");
        assert_eq!(identifier("-x"), "n_-x");
        assert_eq!(identifier(""), "n_");
        let names = Names::new(["a b", "a_b", "a.b"].into_iter());
        assert_eq!(names.get("a_b"), "a_b");
        assert_eq!(names.get("a b"), "a_b_2");
        assert_eq!(names.get("a.b"), "a_b_3");
    }

    #[test]
    fn cidr_slices() {
        assert_eq!(slice_cidr("10.0.0.0/16", 0).as_deref(), Some("10.0.0.0/24"));
        assert_eq!(slice_cidr("10.0.0.0/16", 3).as_deref(), Some("10.0.3.0/24"));
        assert_eq!(slice_cidr("10.1.0.0/20", 2).as_deref(), Some("10.1.2.0/24"));
        assert_eq!(
            slice_cidr("10.0.0.0/24", 1).as_deref(),
            Some("10.0.0.16/28")
        );
        assert_eq!(slice_cidr("10.0.0.0/24", 16), None);
        assert_eq!(slice_cidr("nope", 0), None);
    }
}
