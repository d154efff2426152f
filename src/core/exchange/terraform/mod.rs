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
//!
//! # Sections
//!
//! One file per part of the skeleton, in the order the document lists them: `network` (VPC,
//! subnets, gateways, route tables), `security_groups`, `load_balancers` (ALB, listener,
//! rules, target groups), `ecr`, `ecs` (cluster, task definitions, services, auto scaling) and
//! `rds`; `writing` holds the HCL helpers (strings, references, names, the aligned `=`). This
//! file holds the exporter, its header (provider, variables) and the closing TODO comments.

mod ecr;
mod ecs;
mod load_balancers;
mod network;
mod rds;
mod security_groups;
#[cfg(test)]
mod tests;
mod writing;

use std::collections::{BTreeMap, BTreeSet};

use hcl::structure::BlockBuilder;
use hcl::{Block, Expression};

use crate::core::document::catalogue::{EdgeKind, Kind};
use crate::core::document::model::{Design, Node, NodeId};
use crate::core::support::i18n::Lang;
use crate::core::validate::context;

pub use writing::identifier;
use writing::*;

/// The Terraform HCL skeleton of `design`.
pub fn export(design: &Design) -> String {
    Exporter::new(design).run()
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
