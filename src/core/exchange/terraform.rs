//! Terraform export: an HCL skeleton of the design in the style of the course chapter's IaC
//! example (`resource "aws_ecs_service" "backend" { … }`): VPC, subnets per AZ, Internet and
//! NAT gateways, route tables, security groups, ALB with listener, rules and target groups,
//! ECS cluster, task definitions, services and auto scaling, ECR repositories and RDS.
//! Kinds this skeleton does not map get a `# TODO: <kind> "<label>"` comment.
//!
//! The document is built with `hcl-rs`'s data model (`hcl::Block`, `Attribute`, `Expression`;
//! references are traversals such as `aws_vpc.main.id`, `"${…}:latest"` a template) and written
//! by its formatter, so quoting and escaping come from the library. Done here, because it does
//! not: comments (its `Body` holds none, so top-level blocks are formatted one by one with `#`
//! lines between them; a note about one block goes above it), the `=` aligned as
//! `terraform fmt` does ([`align_equals`]), and the template markers `${` and `%{` escaped in
//! every case ([`string`]). Resource names come from node and edge ids through [`Names`]
//! (ASCII letters, digits, `_` and `-`, never starting with a digit, unique).
//! `tests/terraform.rs` parses every export back with `hcl-rs`, hostile labels and ids included.
//!
//! Native only (the CLI's `export --to terraform`), so `hcl-rs` stays out of the wasm app.

use std::collections::{BTreeMap, BTreeSet};

use hcl::expr::{FuncCall, TemplateExpr, Traversal, Variable};
use hcl::format::{Format, Formatter};
use hcl::structure::BlockBuilder;
use hcl::template::{Interpolation, Template};
use hcl::{Attribute, Block, Expression, Identifier, Object, ObjectKey};

use crate::core::document::catalogue::{EdgeKind, Kind};
use crate::core::document::model::{Design, Node, NodeId};
use crate::core::support::i18n::Lang;
use crate::core::validate::context::{self, Tier};

/// The Terraform HCL skeleton of `design`.
pub fn export(design: &Design) -> String {
    Exporter::new(design).run()
}

/// `s` as an HCL string expression that evaluates to exactly `s`: no interpolation, no
/// directive.
///
/// hcl-rs escapes quotes, backslashes and control characters, and doubles the template markers
/// `${` and `%{`, but (hcl-primitives 0.1.13, `escape_markers`) once it has met a first marker
/// it reads the rest in pairs and misses a marker right after another `$` or `%`: `${a}%${b}`
/// comes out as `"$${a}%${b}"`, which interpolates `b`, and `${a}$${b}` loses a `$`. So when
/// `s` holds a marker, the markers are doubled here and only the text between them, which holds
/// none, goes through the library.
fn string(s: impl AsRef<str>) -> Expression {
    let s = s.as_ref();
    let Some(first) = find_marker(s) else {
        return Expression::String(s.to_owned());
    };
    let mut raw = escaped(&s[..first]);
    let mut rest = &s[first..];
    while let Some(i) = find_marker(rest) {
        raw.push_str(&escaped(&rest[..i]));
        raw.push_str(if rest[i..].starts_with('$') {
            "$${"
        } else {
            "%%{"
        });
        rest = &rest[i + 2..];
    }
    raw.push_str(&escaped(rest));
    Expression::from(TemplateExpr::QuotedString(raw))
}

/// The byte index of the first `${` or `%{` in `s`.
fn find_marker(s: &str) -> Option<usize> {
    s.find("${").into_iter().chain(s.find("%{")).min()
}

/// `fragment` (which holds no template marker) escaped by hcl-rs, without its quotes.
fn escaped(fragment: &str) -> String {
    let quoted = render(&Expression::String(fragment.to_owned()));
    quoted
        .strip_prefix('"')
        .and_then(|q| q.strip_suffix('"'))
        .unwrap_or(&quoted)
        .to_owned()
}

/// `value` written by hcl-rs's formatter: lists on one line, object keys bare.
fn render(value: &impl Format) -> String {
    let mut fmt = Formatter::builder()
        .compact_arrays(true)
        .prefer_ident_keys(true)
        .build_vec();
    // Formatting into memory cannot fail (hcl::format::to_string says so).
    value.format_string(&mut fmt).unwrap_or_default()
}

/// The text of a `#` comment that names `s`: `s` as a quoted string, on one line.
fn comment_text(s: &str) -> String {
    render(&string(s))
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

/// A reference such as `aws_vpc.main.id` or `var.region`: a traversal, from a dotted path of
/// identifiers (resource names from [`Names`] and fixed words, so they hold no `.`).
fn refer(path: impl AsRef<str>) -> Expression {
    let path = path.as_ref();
    let Some((root, attrs)) = path.split_once('.') else {
        return Expression::Variable(Variable::sanitized(path));
    };
    let traversal = attrs
        .split('.')
        .fold(Traversal::builder(Variable::sanitized(root)), |t, attr| {
            t.attr(Identifier::sanitized(attr))
        });
    Expression::from(traversal.build())
}

/// A quoted template of fixed text and references: `"${aws_ecr_repository.x.repository_url}:latest"`.
fn template(parts: &[Part]) -> Expression {
    let t = parts.iter().fold(Template::new(), |t, part| match part {
        Part::Text(s) => t.add_literal(*s),
        Part::Ref(path) => t.add_interpolation(Interpolation::new(refer(path))),
    });
    Expression::from(TemplateExpr::QuotedString(render(&t)))
}

/// A piece of a [`template`].
enum Part<'a> {
    /// Fixed text (no user text: it is written as is, with only its markers escaped).
    Text(&'static str),
    Ref(&'a str),
}

/// A number, written as an integer when it is one.
fn number(v: f64) -> Expression {
    if !v.is_finite() {
        Expression::from(0)
    } else if v.fract() == 0.0 && v.abs() < 1e15 {
        Expression::from(v as i64)
    } else {
        Expression::from(v)
    }
}

/// `[a, b]`.
fn list(items: Vec<Expression>) -> Expression {
    Expression::Array(items)
}

/// `{ key = value }`, keys written bare.
fn object(fields: Vec<(&str, Expression)>) -> Expression {
    let object: Object<ObjectKey, Expression> = fields
        .into_iter()
        .map(|(k, v)| (ObjectKey::Identifier(Identifier::sanitized(k)), v))
        .collect();
    Expression::Object(object)
}

/// `tags = { Name = "<label>" }`.
fn tags(label: &str) -> Attribute {
    Attribute::new("tags", object(vec![("Name", string(label))]))
}

/// A nested block such as `route { … }`.
fn block(ty: &str) -> BlockBuilder {
    Block::builder(ty)
}

/// `resource "<ty>" "<name>" { … }`.
fn resource(ty: &str, name: &str) -> BlockBuilder {
    Block::builder("resource").add_label(ty).add_label(name)
}

/// A number as text, for the attributes AWS takes as strings (task `cpu` and `memory`).
fn fmt_num(v: f64) -> String {
    render(&number(v))
}

/// `text` (a block written by hcl-rs, whose formatter puts one space before each `=`) with the
/// `=` of each run of consecutive one-line attributes aligned, as `terraform fmt` does. As
/// there, a line whose value opens a bracket it does not close (`tags = {`) is in no run. Only
/// spaces between a key and its `=` change.
fn align_equals(text: &str) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let keys: Vec<Option<usize>> = lines.iter().map(|l| key_end(l)).collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < lines.len() {
        if keys[i].is_none() {
            out.push_str(lines[i]);
            i += 1;
            continue;
        }
        let end = (i..lines.len())
            .find(|&j| keys[j].is_none())
            .unwrap_or(lines.len());
        let width = keys[i..end].iter().flatten().max().copied().unwrap_or(0);
        for (line, key) in lines[i..end].iter().zip(&keys[i..end]) {
            let k = key.unwrap_or(0);
            out.push_str(&line[..k]);
            out.extend(std::iter::repeat_n(' ', width - k));
            out.push_str(&line[k..]);
        }
        i = end;
    }
    out
}

/// Where the key of a one-line attribute (`  key = value`) ends in `line`; `None` for any other
/// line (a block's first or last line, a blank line, a value that goes on below).
fn key_end(line: &str) -> Option<usize> {
    let body = line.trim_start_matches(' ');
    let indent = line.len() - body.len();
    let key = body.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))?;
    let value = body[key..].strip_prefix(" = ")?;
    (key > 0 && open_brackets(value) == 0).then_some(indent + key)
}

/// Opening minus closing brackets in the expression `expr`, outside its quoted strings.
fn open_brackets(expr: &str) -> i32 {
    let mut depth = 0;
    let mut in_string = false;
    let mut escape = false;
    for c in expr.chars() {
        if in_string {
            match c {
                _ if escape => escape = false,
                '\\' => escape = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' | '(' => depth += 1,
            '}' | ']' | ')' => depth -= 1,
            _ => {}
        }
    }
    depth
}

/// What the document is made of at the top level.
enum Top {
    Block(Block),
    /// A `#` comment line (its text).
    Comment(String),
    Blank,
}

/// One subnet tier's subnets: (AZ letter, resource name).
type TierSubnets = Vec<(String, String)>;

struct Exporter<'d> {
    d: &'d Design,
    names: Names,
    edge_names: Names,
    out: Vec<Top>,
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

    fn push(&mut self, b: BlockBuilder) {
        self.out.push(Top::Block(b.build()));
        self.out.push(Top::Blank);
    }

    fn section(&mut self, title: &str) {
        self.out.push(Top::Comment(format!("--- {title} ---")));
        self.out.push(Top::Blank);
    }

    fn todo(&mut self, n: &Node, why: &str) {
        self.out.push(Top::Comment(format!(
            "TODO: {} {}{}",
            n.kind.id(),
            comment_text(&Self::label(n)),
            why
        )));
    }

    /// The subnet resources of the tier `id` sits in (empty when it sits in none).
    fn tier_subnets(&self, id: &NodeId) -> Vec<Expression> {
        context::subnet_of(self.d, id)
            .and_then(|s| self.subnets.get(&s.id))
            .map(|subs| {
                subs.iter()
                    .map(|(_, name)| refer(format!("aws_subnet.{name}.id")))
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
        while matches!(self.out.last(), Some(Top::Blank)) {
            self.out.pop();
        }
        for item in &self.out {
            match item {
                Top::Block(b) => out.push_str(&align_equals(&render(b))),
                Top::Comment(c) => {
                    out.push_str("# ");
                    out.push_str(c);
                    out.push('\n');
                }
                Top::Blank => out.push('\n'),
            }
        }
        out
    }

    fn header(&mut self) {
        let providers = block("required_providers").add_attribute((
            "aws",
            object(vec![
                ("source", string("hashicorp/aws")),
                ("version", string("~> 5.0")),
            ]),
        ));
        self.push(block("terraform").add_block(providers.build()));
        self.push(
            block("variable")
                .add_label("region")
                .add_attribute(("type", refer("string")))
                .add_attribute(("default", string(self.d.region.code()))),
        );
        self.push(
            block("provider")
                .add_label("aws")
                .add_attribute(("region", refer("var.region"))),
        );
        let https = self
            .of(Kind::Alb)
            .iter()
            .any(|a| a.text("listener_protocol") == "HTTPS");
        if https {
            self.push(
                block("variable")
                    .add_label("certificate_arn")
                    .add_attribute((
                        "description",
                        string("ARN of the ACM certificate for the HTTPS listeners"),
                    ))
                    .add_attribute(("type", refer("string"))),
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
        crate::core::support::sort::sort(&mut out);
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
            let mut b = resource("aws_lb_target_group", &name)
                .add_attribute(("name", string(aws_name(&name))))
                .add_attribute(("port", number(svc.num("container_port"))))
                .add_attribute(("protocol", string("HTTP")))
                .add_attribute(("target_type", string("ip")));
            if let Some(v) = self.vpc_ref(id) {
                b = b.add_attribute(("vpc_id", refer(v)));
            }
            b = b.add_block(
                block("health_check")
                    .add_attribute(("path", string("/")))
                    .add_attribute(("matcher", string("200-399")))
                    .build(),
            );
            if svc.flag("sticky_sessions") {
                b = b.add_block(
                    block("stickiness")
                        .add_attribute(("type", string("lb_cookie")))
                        .add_attribute(("enabled", Expression::Bool(true)))
                        .add_attribute(("cookie_duration", number(86400.0)))
                        .build(),
                );
            }
            self.push(b.add_attribute(tags(&Self::label(svc))));
        }
        for alb in albs {
            let name = self.name(&alb.id);
            let subnets = self.tier_subnets(&alb.id);
            self.push(
                resource("aws_lb", &name)
                    .add_attribute(("name", string(aws_name(&name))))
                    .add_attribute(("load_balancer_type", string("application")))
                    .add_attribute(("internal", Expression::Bool(!context::internet_facing(alb))))
                    .add_attribute((
                        "security_groups",
                        list(vec![refer(format!("aws_security_group.{name}.id"))]),
                    ))
                    .add_attribute(("subnets", list(subnets)))
                    .add_attribute(("idle_timeout", number(alb.num("idle_timeout_s"))))
                    .add_attribute(tags(&Self::label(alb))),
            );
            let https = alb.text("listener_protocol") == "HTTPS";
            let default = context::default_action(d, &alb.id)
                .filter(|e| self.targets.contains(&e.to))
                .map(|e| self.name(&e.to));
            let default_action = match default {
                Some(t) => block("default_action")
                    .add_attribute(("type", string("forward")))
                    .add_attribute((
                        "target_group_arn",
                        refer(format!("aws_lb_target_group.{t}.arn")),
                    )),
                None => block("default_action")
                    .add_attribute(("type", string("fixed-response")))
                    .add_block(
                        block("fixed_response")
                            .add_attribute(("content_type", string("text/plain")))
                            .add_attribute(("message_body", string("Not Found")))
                            .add_attribute(("status_code", string("404")))
                            .build(),
                    ),
            };
            let mut listener = resource("aws_lb_listener", &name)
                .add_attribute(("load_balancer_arn", refer(format!("aws_lb.{name}.arn"))))
                .add_attribute(("port", number(if https { 443.0 } else { 80.0 })))
                .add_attribute(("protocol", string(if https { "HTTPS" } else { "HTTP" })));
            if https {
                listener = listener
                    .add_attribute(("ssl_policy", string("ELBSecurityPolicy-TLS13-1-2-2021-06")))
                    .add_attribute(("certificate_arn", refer("var.certificate_arn")));
            }
            self.push(listener.add_block(default_action.build()));
            if https {
                self.push(
                    resource("aws_lb_listener", &format!("{name}_http"))
                        .add_attribute(("load_balancer_arn", refer(format!("aws_lb.{name}.arn"))))
                        .add_attribute(("port", number(80.0)))
                        .add_attribute(("protocol", string("HTTP")))
                        .add_block(
                            block("default_action")
                                .add_attribute(("type", string("redirect")))
                                .add_block(
                                    block("redirect")
                                        .add_attribute(("port", string("443")))
                                        .add_attribute(("protocol", string("HTTPS")))
                                        .add_attribute(("status_code", string("HTTP_301")))
                                        .build(),
                                )
                                .build(),
                        ),
                );
            }
            for e in context::listener_rules(d, &alb.id) {
                let Some(rule) = &e.rule else { continue };
                let ename = self.edge_names.get(e.id.as_str());
                if !self.targets.contains(&e.to) {
                    self.out.push(Top::Comment(format!(
                        "TODO: alb_rule {} {} to {} (not an ECS service)",
                        comment_text(e.id.as_str()),
                        comment_text(&rule.path_pattern),
                        comment_text(e.to.as_str()),
                    )));
                    continue;
                }
                let target = self.name(&e.to);
                self.push(
                    resource("aws_lb_listener_rule", &ename)
                        .add_attribute((
                            "listener_arn",
                            refer(format!("aws_lb_listener.{name}.arn")),
                        ))
                        .add_attribute(("priority", number(rule.priority as f64)))
                        .add_block(
                            block("action")
                                .add_attribute(("type", string("forward")))
                                .add_attribute((
                                    "target_group_arn",
                                    refer(format!("aws_lb_target_group.{target}.arn")),
                                ))
                                .build(),
                        )
                        .add_block(
                            block("condition")
                                .add_block(
                                    block("path_pattern")
                                        .add_attribute((
                                            "values",
                                            list(vec![string(rule.path_pattern.clone())]),
                                        ))
                                        .build(),
                                )
                                .build(),
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
                    resource("aws_ecr_repository", &name)
                        .add_attribute(("name", string(aws_name(&name))))
                        .add_attribute(("image_tag_mutability", string("IMMUTABLE")))
                        .add_block(
                            block("image_scanning_configuration")
                                .add_attribute(("scan_on_push", Expression::Bool(true)))
                                .build(),
                        )
                        .add_attribute(tags(&Self::label(svc))),
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
                    resource("aws_ecr_repository", &name)
                        .add_attribute(("name", string(aws_name(&name))))
                        .add_attribute(("image_tag_mutability", string("IMMUTABLE")))
                        .add_attribute(tags(&Self::label(ecr))),
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
                resource("aws_ecs_cluster", &name)
                    .add_attribute(("name", string(aws_name(&name))))
                    .add_block(
                        block("setting")
                            .add_attribute(("name", string("containerInsights")))
                            .add_attribute(("value", string("enabled")))
                            .build(),
                    )
                    .add_attribute(tags(&Self::label(c))),
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
            self.out.push(Top::Comment(
                "For the services drawn outside any ECS cluster.".to_owned(),
            ));
            self.push(
                resource("aws_ecs_cluster", &name)
                    .add_attribute(("name", string("default-cluster"))),
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
                Some(repo) => template(&[
                    Part::Ref(&format!("aws_ecr_repository.{repo}.repository_url")),
                    Part::Text(":latest"),
                ]),
                None => string("public.ecr.aws/nginx/nginx:latest"),
            };
            let launch = svc.text("launch_type").to_owned();
            let mut task = resource("aws_ecs_task_definition", &name)
                .add_attribute(("family", string(aws_name(&name))))
                .add_attribute(("requires_compatibilities", list(vec![string(&launch)])))
                .add_attribute(("network_mode", string("awsvpc")))
                .add_attribute(("cpu", string(fmt_num(svc.num("vcpu") * 1024.0))))
                .add_attribute(("memory", string(fmt_num(svc.num("memory_gb") * 1024.0))))
                .add_block(
                    block("runtime_platform")
                        .add_attribute(("operating_system_family", string("LINUX")))
                        .add_attribute(("cpu_architecture", string(svc.text("cpu_architecture"))))
                        .build(),
                );
            if svc.num("ephemeral_storage_gb") > 20.0 {
                task = task.add_block(
                    block("ephemeral_storage")
                        .add_attribute(("size_in_gib", number(svc.num("ephemeral_storage_gb"))))
                        .build(),
                );
            }
            let container = object(vec![
                ("name", string(&name)),
                ("image", image),
                ("essential", Expression::Bool(true)),
                (
                    "portMappings",
                    list(vec![object(vec![
                        ("containerPort", number(port)),
                        ("protocol", string("tcp")),
                    ])]),
                ),
            ]);
            task = task.add_attribute((
                "container_definitions",
                FuncCall::builder("jsonencode")
                    .arg(list(vec![container]))
                    .build(),
            ));
            self.push(task.add_attribute(tags(&Self::label(svc))));

            let mut service = resource("aws_ecs_service", &name)
                .add_attribute(("name", string(aws_name(&name))))
                .add_attribute(("cluster", refer(format!("aws_ecs_cluster.{cluster}.id"))))
                .add_attribute((
                    "task_definition",
                    refer(format!("aws_ecs_task_definition.{name}.arn")),
                ))
                .add_attribute(("desired_count", number(svc.num("desired_tasks"))))
                .add_attribute(("launch_type", string(&launch)))
                .add_block(
                    block("network_configuration")
                        .add_attribute(("subnets", list(self.tier_subnets(&svc.id))))
                        .add_attribute((
                            "security_groups",
                            list(vec![refer(format!("aws_security_group.{name}.id"))]),
                        ))
                        .add_attribute((
                            "assign_public_ip",
                            Expression::Bool(svc.flag("assign_public_ip")),
                        ))
                        .build(),
                );
            if self.targets.contains(&svc.id) {
                service = service.add_block(
                    block("load_balancer")
                        .add_attribute((
                            "target_group_arn",
                            refer(format!("aws_lb_target_group.{name}.arn")),
                        ))
                        .add_attribute(("container_name", string(&name)))
                        .add_attribute(("container_port", number(port)))
                        .build(),
                );
            }
            self.push(
                service
                    .add_block(
                        block("lifecycle")
                            .add_attribute(("ignore_changes", list(vec![refer("desired_count")])))
                            .build(),
                    )
                    .add_attribute(tags(&Self::label(svc))),
            );

            let metric = match svc.text("scaling_metric") {
                "cpu" => Some("ECSServiceAverageCPUUtilization"),
                "memory" => Some("ECSServiceAverageMemoryUtilization"),
                "alb_requests" => Some("ALBRequestCountPerTarget"),
                _ => None,
            };
            let Some(metric) = metric else { continue };
            self.push(
                resource("aws_appautoscaling_target", &name)
                    .add_attribute(("service_namespace", string("ecs")))
                    .add_attribute(("scalable_dimension", string("ecs:service:DesiredCount")))
                    .add_attribute((
                        "resource_id",
                        template(&[
                            Part::Text("service/"),
                            Part::Ref(&format!("aws_ecs_cluster.{cluster}.name")),
                            Part::Text("/"),
                            Part::Ref(&format!("aws_ecs_service.{name}.name")),
                        ]),
                    ))
                    .add_attribute(("min_capacity", number(svc.num("min_tasks"))))
                    .add_attribute(("max_capacity", number(svc.num("max_tasks")))),
            );
            let spec = block("predefined_metric_specification")
                .add_attribute(("predefined_metric_type", string(metric)));
            if metric == "ALBRequestCountPerTarget" {
                self.out.push(Top::Comment(format!(
                    "TODO: resource_label = \"<ALB ARN suffix>/<target group ARN suffix>\" in the predefined_metric_specification of aws_appautoscaling_policy.{name}."
                )));
            }
            self.push(
                resource("aws_appautoscaling_policy", &name)
                    .add_attribute((
                        "name",
                        string(format!("{}-target-tracking", aws_name(&name))),
                    ))
                    .add_attribute(("policy_type", string("TargetTrackingScaling")))
                    .add_attribute((
                        "service_namespace",
                        refer(format!(
                            "aws_appautoscaling_target.{name}.service_namespace"
                        )),
                    ))
                    .add_attribute((
                        "scalable_dimension",
                        refer(format!(
                            "aws_appautoscaling_target.{name}.scalable_dimension"
                        )),
                    ))
                    .add_attribute((
                        "resource_id",
                        refer(format!("aws_appautoscaling_target.{name}.resource_id")),
                    ))
                    .add_block(
                        block("target_tracking_scaling_policy_configuration")
                            .add_attribute((
                                "target_value",
                                number(svc.num("scaling_target_percent")),
                            ))
                            .add_block(spec.build())
                            .build(),
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
                resource("aws_db_subnet_group", &name)
                    .add_attribute(("name", string(aws_name(&name))))
                    .add_attribute(("subnet_ids", list(self.tier_subnets(&db.id))))
                    .add_attribute(tags(&Self::label(db))),
            );
            self.push(
                resource("aws_db_instance", &name)
                    .add_attribute(("identifier", string(aws_name(&name))))
                    .add_attribute(("engine", string("postgres")))
                    .add_attribute(("engine_version", string(db.text("engine_version"))))
                    .add_attribute(("instance_class", string(db.text("instance_class"))))
                    .add_attribute(("allocated_storage", number(db.num("storage_gb"))))
                    .add_attribute(("storage_type", string(db.text("storage_type"))))
                    .add_attribute(("multi_az", Expression::Bool(db.flag("multi_az"))))
                    .add_attribute((
                        "db_subnet_group_name",
                        refer(format!("aws_db_subnet_group.{name}.name")),
                    ))
                    .add_attribute((
                        "vpc_security_group_ids",
                        list(vec![refer(format!("aws_security_group.{name}.id"))]),
                    ))
                    .add_attribute(("username", string("app")))
                    .add_attribute(("manage_master_user_password", Expression::Bool(true)))
                    .add_attribute((
                        "backup_retention_period",
                        number(db.num("backup_retention_days")),
                    ))
                    .add_attribute(("storage_encrypted", Expression::Bool(true)))
                    .add_attribute(("publicly_accessible", Expression::Bool(false)))
                    .add_attribute(("skip_final_snapshot", Expression::Bool(false)))
                    .add_attribute((
                        "final_snapshot_identifier",
                        string(format!("{}-final", aws_name(&name))),
                    ))
                    .add_attribute(tags(&Self::label(db))),
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

    /// The value `s` reads back as once written and parsed by hcl-rs, with no variables.
    fn read_back(e: &Expression) -> String {
        use hcl::eval::{Context, Evaluate};
        let text = render(&Attribute::new("x", e.clone()));
        let body = hcl::parse(&text).unwrap_or_else(|err| panic!("{text}: {err}"));
        let expr = body.attributes().next().unwrap().expr().clone();
        match expr.evaluate(&Context::new()) {
            Ok(hcl::Value::String(s)) => s,
            other => panic!("{text} is not a literal string: {other:?}"),
        }
    }

    #[test]
    fn strings_are_escaped_by_the_library_and_stay_literal() {
        assert_eq!(render(&string("a\"b\\c\nd")), r#""a\"b\\c\nd""#);
        assert_eq!(render(&string("\u{1}\t")), r#""\u0001\t""#);
        assert_eq!(render(&string("${jndi} %{if}")), r#""$${jndi} %%{if}""#);
        assert_eq!(render(&string("$x %y $")), r#""$x %y $""#);
        // The cases hcl-rs's own marker escaping gets wrong.
        assert_eq!(render(&string("${a}%${b}")), r#""$${a}%$${b}""#);
        assert_eq!(render(&string("${a}$${b}")), r#""$${a}$$${b}""#);
        assert_eq!(render(&string("$${x} %%{y}")), r#""$$${x} %%%{y}""#);
        for s in [
            "",
            "plain",
            "${a}%${b}",
            "${a}$${b}",
            "$${already} %%{escaped}",
            "%${x}",
            "$%{y}",
            "${${x}}",
            "%{if true}yes%{endif}",
            "ends with ${",
            "ends with $",
            "}\"\n# not a comment\nresource \"x\" \"y\" {",
            "\u{7f}\u{2028}パーティー 🎉",
        ] {
            assert_eq!(read_back(&string(s)), s, "{s:?}");
        }
    }

    /// hcl-rs 0.19.10 (hcl-primitives 0.1.13) leaves a marker after `%` unescaped once it has
    /// met a first one, hence the markers doubled in [`string`]. When this fails, the library
    /// escapes them itself and `string` can hand every string to it.
    #[test]
    fn the_library_alone_still_misses_a_marker() {
        let text = render(&Attribute::new("x", Expression::from("${a}%${b}")));
        assert_eq!(text, "x = \"$${a}%${b}\"\n");
    }

    #[test]
    fn references_are_traversals() {
        assert_eq!(render(&refer("aws_vpc.main.id")), "aws_vpc.main.id");
        assert!(matches!(refer("aws_vpc.main.id"), Expression::Traversal(_)));
        assert!(matches!(refer("string"), Expression::Variable(_)));
        let image = template(&[
            Part::Ref("aws_ecr_repository.api.repository_url"),
            Part::Text(":latest"),
        ]);
        assert_eq!(
            render(&image),
            r#""${aws_ecr_repository.api.repository_url}:latest""#
        );
    }

    #[test]
    fn equals_are_aligned_in_runs_of_one_line_attributes() {
        let text =
            "x {\n  a = 1\n  long = \"{ [\"\n  tags = {\n    Name = \"}\"\n  }\n  bb = [1]\n}\n";
        assert_eq!(
            align_equals(text),
            "x {\n  a    = 1\n  long = \"{ [\"\n  tags = {\n    Name = \"}\"\n  }\n  bb = [1]\n}\n"
        );
        assert_eq!(number(3000.0), Expression::from(3000));
        assert_eq!(fmt_num(0.5), "0.5");
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
