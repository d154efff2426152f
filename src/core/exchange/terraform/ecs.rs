//! ECS: the cluster, a task definition and a service per ECS service node, and their auto
//! scaling.

use hcl::expr::FuncCall;
use hcl::Expression;

use crate::core::document::catalogue::Kind;

use super::writing::*;
use super::{Exporter, Top};

impl<'d> Exporter<'d> {
    pub(super) fn ecs(&mut self) {
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
}
