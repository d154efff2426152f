//! RDS for PostgreSQL: the subnet group and the database instance of each database node.

use hcl::Expression;

use crate::core::document::catalogue::Kind;

use super::writing::*;
use super::Exporter;

impl<'d> Exporter<'d> {
    pub(super) fn rds(&mut self) {
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
}
