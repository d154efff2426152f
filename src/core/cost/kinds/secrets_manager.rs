//! AWS Secrets Manager: secrets per month and API calls per 10,000. The 30-day free trial of
//! a new secret is not applied.

use rust_decimal::Decimal;

use crate::core::cost::{dec, fmt_num, Ctx};
use crate::core::document::catalogue::Kind;
use crate::core::document::model::Node;
use crate::core::support::i18n::t;

use super::{key, PricedKind, Uses};

/// Secrets Manager.
pub const KIND: PricedKind = PricedKind {
    id: "secrets_manager",
    node_kinds: &[Kind::SecretsManager],
    uses: &[
        Uses::Param("secrets"),
        Uses::Param("monthly_api_calls_thousand"),
    ],
    price_keys: || {
        vec![
            key("secretsmanager.secret.month", "secret-month"),
            key("secretsmanager.api.per_10k", "10k API calls"),
        ]
    },
};

/// Adds the lines of a Secrets Manager node.
pub(crate) fn price(node: &Node, ctx: &mut Ctx) {
    let secrets = dec(node.num("secrets"));
    ctx.priced(
        Some(node),
        t("シークレット", "Secrets"),
        "secretsmanager.secret.month",
        "secret-month",
        secrets,
        format!("{} secrets", fmt_num(secrets)),
    );
    let thousand = dec(node.num("monthly_api_calls_thousand"));
    ctx.priced(
        Some(node),
        t("API 呼び出し", "API calls"),
        "secretsmanager.api.per_10k",
        "10k API calls",
        thousand / Decimal::TEN,
        format!("{} thousand calls ÷ 10", fmt_num(thousand)),
    );
}

#[cfg(test)]
mod tests {
    use crate::core::cost::estimate;
    use crate::core::cost::testing::*;
    use crate::core::document::catalogue::Kind;
    use crate::core::document::region::Region;

    #[test]
    fn secrets_and_calls() {
        // Defaults: 2 secrets × $0.40 = $0.80; 10k calls = 1 × $0.05.
        let d = design_with(vec![node("sm", Kind::SecretsManager, None, &[])]);
        let e = estimate(&d, &table(Region::UsEast1));
        assert_eq!(
            cents_of(line(&e, "sm", "secretsmanager.secret.month")),
            usd("0.80")
        );
        assert_eq!(
            cents_of(line(&e, "sm", "secretsmanager.api.per_10k")),
            usd("0.05")
        );
        // Tokyo has no dated source: both lines unknown.
        let e = estimate(&d, &table(Region::ApNortheast1));
        assert_eq!(e.unknown_lines, 2);
    }
}
