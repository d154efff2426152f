//! Amazon RDS for PostgreSQL: instance hours, storage, and backup storage beyond the free
//! allowance.
//!
//! Single-AZ and Multi-AZ (one standby) instances are separate SKUs with their own prices,
//! not always twice the Single-AZ price (REFERENCE-2.md §1: Osaka db.t4g.micro 0.025 / 0.051).
//! Storage has its own Multi-AZ price per GB-month too (REFERENCE-2.md §2). Backup storage is
//! free up to 100% of the instance's provisioned storage (AWS's rule, per instance here as in
//! the AWS Pricing Calculator's "additional backup storage"); the rest is charged per GB-month.
//! Provisioned IOPS and throughput above the gp3 baseline are not modelled.

use rust_decimal::Decimal;

use crate::core::cost::{dec, fmt_num, Ctx};
use crate::core::document::catalogue::{Kind, RDS_CLASSES};
use crate::core::document::model::Node;
use crate::core::support::i18n::t;

use super::{key, KeySpec, PricedKind, Uses};

/// Storage types kumozu offers (the catalogue's `storage_type` choices).
pub const STORAGE_TYPES: &[&str] = &["gp3", "gp2", "io1"];

/// RDS for PostgreSQL.
pub const KIND: PricedKind = PricedKind {
    id: "rds",
    node_kinds: &[Kind::RdsPostgres],
    uses: &[
        Uses::Param("instance_class"),
        Uses::Param("multi_az"),
        Uses::Param("storage_type"),
        Uses::Param("storage_gb"),
        Uses::Param("backup_storage_gb"),
        Uses::Usage("hours_per_month"),
    ],
    price_keys: keys,
};

/// The price key of an RDS for PostgreSQL instance hour of `class`, Single-AZ or Multi-AZ.
pub fn instance_hour_key(class: &str, multi_az: bool) -> String {
    format!("rds.postgres.{class}.{}.hour", az(multi_az))
}

fn az(multi: bool) -> &'static str {
    if multi {
        "multi_az"
    } else {
        "single_az"
    }
}

fn keys() -> Vec<KeySpec> {
    let mut out = Vec::new();
    for class in RDS_CLASSES {
        for multi in [false, true] {
            out.push(key(instance_hour_key(class, multi), "instance-hour"));
        }
    }
    for st in STORAGE_TYPES {
        for multi in [false, true] {
            out.push(key(
                format!("rds.storage.{st}.{}.gb_month", az(multi)),
                "GB-month",
            ));
        }
    }
    out.push(key("rds.backup.gb_month", "GB-month"));
    out
}

/// Adds the lines of an RDS instance.
pub(crate) fn price(node: &Node, ctx: &mut Ctx) {
    let class = node.text("instance_class");
    let multi = node.flag("multi_az");
    let deployment = if multi { "Multi-AZ" } else { "Single-AZ" };
    let hours = ctx.hours;
    ctx.priced(
        Some(node),
        t("DB インスタンス時間", "DB instance hours"),
        &instance_hour_key(class, multi),
        "instance-hour",
        hours,
        format!("{class} {deployment}: {} h", fmt_num(hours)),
    );
    let st = node.text("storage_type");
    let storage = dec(node.num("storage_gb"));
    ctx.priced(
        Some(node),
        t("ストレージ", "Storage"),
        &format!("rds.storage.{st}.{}.gb_month", az(multi)),
        "GB-month",
        storage,
        format!("{} GB {st} {deployment}", fmt_num(storage)),
    );
    let backup = dec(node.num("backup_storage_gb"));
    let beyond = (backup - storage).max(Decimal::ZERO);
    ctx.priced(
        Some(node),
        t(
            "バックアップストレージ (無料分を超える分)",
            "Backup storage beyond the free allowance",
        ),
        "rds.backup.gb_month",
        "GB-month",
        beyond,
        format!(
            "max(0, {} GB backup − {} GB free (100% of storage))",
            fmt_num(backup),
            fmt_num(storage)
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::core::cost::testing::*;
    use crate::core::cost::{estimate, LineStatus};
    use crate::core::document::catalogue::Kind;
    use crate::core::document::model::ParamValue;
    use crate::core::document::region::Region;

    fn db(params: &[(&str, ParamValue)]) -> crate::core::document::model::Design {
        design_with(vec![node("db", Kind::RdsPostgres, Some("private"), params)])
    }

    #[test]
    fn single_az_t4g_micro_with_20_gb_gp3() {
        // us-east-1: 730 h × $0.016 = $11.68; 20 GB × $0.115 = $2.30; backup 20 − 20 = 0.
        let e = estimate(&db(&[]), &table(Region::UsEast1));
        assert_eq!(
            cents_of(line(&e, "db", "rds.postgres.db.t4g.micro.single_az.hour")),
            usd("11.68")
        );
        assert_eq!(
            cents_of(line(&e, "db", "rds.storage.gp3.single_az.gb_month")),
            usd("2.30")
        );
        assert_eq!(cents_of(line(&e, "db", "rds.backup.gb_month")), usd("0.00"));
        // Tokyo: 730 × $0.025 = $18.25; 20 × $0.138 = $2.76; the default 50 GB of data out
        // is inside the free 100 GB, and the VPC and subnets are free.
        let e = estimate(&db(&[]), &table(Region::ApNortheast1));
        assert_eq!(e.total_monthly_usd, usd("21.01"));
    }

    #[test]
    fn multi_az_is_its_own_price_not_double() {
        // Osaka db.t4g.micro: Single-AZ $0.025, Multi-AZ $0.051 (REFERENCE-2.md §1).
        let multi = [("multi_az", ParamValue::Bool(true))];
        let e = estimate(&db(&multi), &table(Region::ApNortheast3));
        let l = line(&e, "db", "rds.postgres.db.t4g.micro.multi_az.hour");
        assert_eq!(l.unit_price, Some(usd("0.051")));
        assert_eq!(cents_of(l), usd("37.23")); // 730 × 0.051
                                               // us-east-1 db.t3.medium Multi-AZ $0.145, not 2 × $0.072.
        let p = [
            ("multi_az", ParamValue::Bool(true)),
            ("instance_class", s("db.t3.medium")),
        ];
        let e = estimate(&db(&p), &table(Region::UsEast1));
        assert_eq!(
            cents_of(line(&e, "db", "rds.postgres.db.t3.medium.multi_az.hour")),
            usd("105.85")
        );
        // Multi-AZ gp3 storage: 400 GB × $0.23 = $92.00 (REFERENCE.md S1).
        let p = [
            ("multi_az", ParamValue::Bool(true)),
            ("storage_gb", num(400.0)),
            ("backup_storage_gb", num(0.0)),
        ];
        let e = estimate(&db(&p), &table(Region::UsEast1));
        assert_eq!(
            cents_of(line(&e, "db", "rds.storage.gp3.multi_az.gb_month")),
            usd("92.00")
        );
    }

    #[test]
    fn backup_beyond_provisioned_storage() {
        // 1,020 GB backup, 20 GB storage → 1,000 GB × $0.095 = $95.00 (REFERENCE.md S1).
        let e = estimate(
            &db(&[("backup_storage_gb", num(1020.0))]),
            &table(Region::UsEast1),
        );
        let l = line(&e, "db", "rds.backup.gb_month");
        assert_eq!(l.quantity, usd("1000"));
        assert_eq!(cents_of(l), usd("95.00"));
        // Exactly the storage size: free.
        let e = estimate(
            &db(&[("backup_storage_gb", num(20.0)), ("storage_gb", num(20.0))]),
            &table(Region::UsEast1),
        );
        assert_eq!(line(&e, "db", "rds.backup.gb_month").quantity, usd("0"));
    }

    #[test]
    fn unsourced_prices_are_unknown_not_zero() {
        let e = estimate(
            &db(&[("instance_class", s("db.t4g.large"))]),
            &table(Region::UsEast1),
        );
        let l = line(&e, "db", "rds.postgres.db.t4g.large.single_az.hour");
        assert!(l.monthly.is_none());
        assert!(matches!(l.status, LineStatus::Unknown(_)));
        assert!(l.formula.contains("price unknown"));
        let e = estimate(
            &db(&[("storage_type", s("io1"))]),
            &table(Region::ApNortheast1),
        );
        assert!(line(&e, "db", "rds.storage.io1.single_az.gb_month")
            .monthly
            .is_none());
        assert_eq!(e.unknown_lines, 1);
    }
}
