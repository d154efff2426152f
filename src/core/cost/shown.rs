//! Money as the user asked to see it: US dollars, or yen at the user's rate, with or without
//! Japan's 10% consumption tax. A display conversion only: every price and every estimate
//! stays in US dollars without tax; this turns one amount into what the screen shows.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::core::document::model::{Currency, Design};

use super::money::push_cents;
use super::{cents, dec, fmt_num, fmt_usd};

/// Japan's consumption tax (10%), added to shown amounts when the design asks for it.
pub const CONSUMPTION_TAX_PERCENT: u32 = 10;

/// How amounts are shown: the currency, the yen rate and whether tax is added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown {
    /// USD or JPY.
    pub currency: Currency,
    /// Yen per US dollar (used for JPY).
    pub jpy_per_usd: Decimal,
    /// Whether the consumption tax is added.
    pub include_tax: bool,
}

impl Shown {
    /// The design's display settings.
    pub fn of(design: &Design) -> Shown {
        Shown {
            currency: design.currency,
            jpy_per_usd: dec(design.jpy_per_usd),
            include_tax: design.include_tax,
        }
    }

    /// `usd` in the shown currency, tax added when asked, rounded to cents (USD) or whole yen
    /// (JPY), halves away from zero. Computed at full precision and rounded once.
    pub fn amount(&self, usd: Decimal) -> Decimal {
        let mut v = usd;
        if self.include_tax {
            v += v * Decimal::from(CONSUMPTION_TAX_PERCENT) / Decimal::ONE_HUNDRED;
        }
        match self.currency {
            Currency::Usd => cents(v),
            Currency::Jpy => (v * self.jpy_per_usd)
                .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero),
        }
    }

    /// The amount as a plain number: `215.38` (always two decimals) or `32307` (whole yen);
    /// no symbol, no thousands separator (the DOM contract of `total-monthly`'s `data-amount`;
    /// its text is [`Shown::text`]'s figure, grouped).
    pub fn plain(&self, usd: Decimal) -> String {
        let mut v = self.amount(usd);
        v.rescale(match self.currency {
            Currency::Usd => 2,
            Currency::Jpy => 0,
        });
        v.to_string()
    }

    /// The amount for reading: `$1,234.50` or `¥32,307`.
    pub fn text(&self, usd: Decimal) -> String {
        let v = self.amount(usd);
        match self.currency {
            Currency::Usd => fmt_usd(v),
            Currency::Jpy => format!("¥{}", fmt_num(v)),
        }
    }

    /// The amount for reading beside its symbol (shown apart): `1,234.50` or `32,307`.
    pub fn grouped(&self, usd: Decimal) -> String {
        let v = self.amount(usd);
        match self.currency {
            Currency::Usd => {
                let mut out = String::new();
                push_cents(&mut out, v, "");
                out
            }
            Currency::Jpy => fmt_num(v),
        }
    }

    /// The currency's symbol: `$` or `¥`.
    pub fn symbol(&self) -> &'static str {
        match self.currency {
            Currency::Usd => "$",
            Currency::Jpy => "¥",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::region::Region;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn shown(currency: Currency, rate: f64, include_tax: bool) -> Shown {
        let mut design = Design::empty("t", Region::ApNortheast1);
        design.currency = currency;
        design.jpy_per_usd = rate;
        design.include_tax = include_tax;
        Shown::of(&design)
    }

    #[test]
    fn dollars_as_plain_numbers_and_text() {
        let s = shown(Currency::Usd, 150.0, false);
        assert_eq!(s.plain(d("215.38")), "215.38");
        assert_eq!(s.plain(d("215.4")), "215.40");
        assert_eq!(s.plain(d("0")), "0.00");
        assert_eq!(s.plain(d("1234.565")), "1234.57");
        assert_eq!(s.text(d("1234.5")), "$1,234.50");
        assert_eq!(s.symbol(), "$");
    }

    #[test]
    fn grouped_is_the_text_without_its_symbol() {
        let usd = shown(Currency::Usd, 150.0, false);
        assert_eq!(usd.grouped(d("1234.5")), "1,234.50");
        assert_eq!(usd.grouped(d("215.38")), "215.38");
        assert_eq!(usd.grouped(d("-1")), "-1.00");
        let jpy = shown(Currency::Jpy, 150.0, false);
        assert_eq!(jpy.grouped(d("215.38")), "32,307");
    }

    #[test]
    fn yen_at_the_users_rate_in_whole_yen() {
        let s = shown(Currency::Jpy, 150.0, false);
        assert_eq!(s.plain(d("215.38")), "32307");
        assert_eq!(s.text(d("215.38")), "¥32,307");
        assert_eq!(s.plain(d("0.003")), "0");
        assert_eq!(shown(Currency::Jpy, 151.5, false).plain(d("1")), "152");
        assert_eq!(s.symbol(), "¥");
    }

    #[test]
    fn tax_is_added_before_rounding_once() {
        assert_eq!(
            shown(Currency::Usd, 150.0, true).plain(d("215.38")),
            "236.92"
        );
        assert_eq!(shown(Currency::Usd, 150.0, true).plain(d("0.05")), "0.06");
        // 215.38 × 1.1 × 150 = 35,537.7 → 35,538 yen.
        assert_eq!(
            shown(Currency::Jpy, 150.0, true).plain(d("215.38")),
            "35538"
        );
    }
}
