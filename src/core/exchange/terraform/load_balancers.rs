//! Application Load Balancers: the load balancer, its listener and default action, the
//! listener rules and the target groups of the ECS services they forward to.

use hcl::Expression;

use crate::core::document::catalogue::Kind;
use crate::core::document::model::NodeId;
use crate::core::validate::context;

use super::writing::*;
use super::{Exporter, Top};

impl<'d> Exporter<'d> {
    pub(super) fn load_balancers(&mut self) {
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
}
