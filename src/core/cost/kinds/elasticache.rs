//! Amazon ElastiCache (node-based clusters): node hours by engine and node type. Valkey nodes
//! are priced from their own table entries (about 20% below Redis OSS), never derived.

use rust_decimal::Decimal;

use crate::core::cost::{dec, fmt_num, Ctx};
use crate::core::document::catalogue::{Kind, CACHE_NODE_TYPES};
use crate::core::document::model::Node;
use crate::core::support::i18n::t;

use super::{key, PricedKind, Uses};

/// Engines kumozu offers (the catalogue's `engine` choices).
pub const ENGINES: &[&str] = &["redis", "valkey", "memcached"];

/// ElastiCache.
pub const KIND: PricedKind = PricedKind {
    id: "elasticache",
    node_kinds: &[Kind::Elasticache],
    uses: &[
        Uses::Param("engine"),
        Uses::Param("node_type"),
        Uses::Param("nodes"),
        Uses::Usage("hours_per_month"),
    ],
    price_keys: || {
        let mut out = Vec::new();
        for e in ENGINES {
            for n in CACHE_NODE_TYPES {
                out.push(key(format!("elasticache.{e}.{n}.hour"), "node-hour"));
            }
        }
        out
    },
};

/// Adds the lines of an ElastiCache cluster.
pub(crate) fn price(node: &Node, ctx: &mut Ctx) {
    let engine = node.text("engine");
    let node_type = node.text("node_type");
    let nodes = dec(node.num("nodes"));
    let hours = ctx.hours;
    ctx.priced(
        Some(node),
        t("ノード時間", "Node hours"),
        &format!("elasticache.{engine}.{node_type}.hour"),
        "node-hour",
        nodes * hours,
        format!(
            "{} × {node_type} ({engine}) × {} h",
            if nodes == Decimal::ONE {
                "1 node".to_owned()
            } else {
                format!("{} nodes", fmt_num(nodes))
            },
            fmt_num(hours)
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::core::cost::estimate;
    use crate::core::cost::testing::*;
    use crate::core::document::catalogue::Kind;
    use crate::core::document::model::ParamValue;
    use crate::core::document::region::Region;

    fn cache(params: &[(&str, ParamValue)]) -> crate::core::document::model::Design {
        design_with(vec![node("c", Kind::Elasticache, Some("private"), params)])
    }

    #[test]
    fn node_hours() {
        // Tokyo cache.t4g.micro Redis OSS: 730 h × $0.025 = $18.25.
        let e = estimate(&cache(&[]), &table(Region::ApNortheast1));
        assert_eq!(
            cents_of(line(&e, "c", "elasticache.redis.cache.t4g.micro.hour")),
            usd("18.25")
        );
        // us-east-1, 2 × cache.t4g.small Valkey: 1,460 h × $0.0256 = $37.376.
        let p = [
            ("engine", s("valkey")),
            ("node_type", s("cache.t4g.small")),
            ("nodes", num(2.0)),
        ];
        let e = estimate(&cache(&p), &table(Region::UsEast1));
        assert_eq!(
            cents_of(line(&e, "c", "elasticache.valkey.cache.t4g.small.hour")),
            usd("37.38")
        );
        // Osaka has no sourced node price.
        let e = estimate(&cache(&[]), &table(Region::ApNortheast3));
        assert_eq!(e.unknown_lines, 1);
    }
}
