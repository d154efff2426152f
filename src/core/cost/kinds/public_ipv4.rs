//! Public IPv4 addresses: every AWS-provided public IPv4 address is charged per hour, in use
//! or idle (since 2024-02-01). Not a node kind of its own: an internet-facing ALB holds one
//! per AZ of its subnet tier, each NAT Gateway one (its Elastic IP), and each Fargate task with
//! `assign_public_ip` one; those kinds call [`add`].

use rust_decimal::Decimal;

use crate::core::document::model::Node;
use crate::core::support::i18n::t;

use super::{key, PricedKind, Uses};
use crate::core::cost::Ctx;

/// The price key.
pub const KEY: &str = "ipv4.hour";
/// Its unit.
pub const UNIT: &str = "IP-hour";

/// Public IPv4 addresses (priced on the nodes that hold them).
pub const KIND: PricedKind = PricedKind {
    id: "public_ipv4",
    node_kinds: &[],
    uses: &[Uses::Usage("hours_per_month")],
    price_keys: || vec![key(KEY, UNIT)],
};

/// Adds the public IPv4 line of `node`: `ip_hours` address-hours, made as `expr` says.
pub(crate) fn add(ctx: &mut Ctx, node: &Node, ip_hours: Decimal, expr: String) {
    ctx.priced(
        Some(node),
        t("パブリック IPv4 アドレス", "Public IPv4 addresses"),
        KEY,
        UNIT,
        ip_hours,
        expr,
    );
}
