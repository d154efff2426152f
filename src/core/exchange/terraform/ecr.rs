//! ECR repositories, one per repository node, and which ECS service pulls from which.

use hcl::Expression;

use crate::core::document::catalogue::{EdgeKind, Kind};
use crate::core::validate::context;

use super::writing::*;
use super::Exporter;

impl<'d> Exporter<'d> {
    pub(super) fn ecr(&mut self) {
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
}
