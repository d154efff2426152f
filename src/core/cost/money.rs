//! Decimal helpers for the cost engine: turning the model's `f64` parameters into decimals
//! without float noise, rounding money to cents, and writing numbers into formulas.

use rust_decimal::{Decimal, RoundingStrategy};

/// A parameter or usage value as a decimal: its shortest decimal form (`0.1` stays `0.1`),
/// never negative; `0` for a value that is not finite or too large for a decimal.
pub fn dec(v: f64) -> Decimal {
    if !v.is_finite() || v <= 0.0 {
        return Decimal::ZERO;
    }
    // Fast path: the fewest decimals k such that round(v × 10^k) ÷ 10^k reads back as v; this
    // is the same decimal as the shortest text below, without formatting and parsing.
    let mut scale = 1.0_f64;
    for k in 0..=9u32 {
        let m = (v * scale).round();
        if m >= 9.0e15 {
            break;
        }
        if m / scale == v {
            return Decimal::new(m as i64, k);
        }
        scale *= 10.0;
    }
    // The shortest text that reads back as the same float, never with an exponent, so this is
    // exact for every value a person types.
    Decimal::from_str_exact(&crate::core::support::numtext::shortest(v)).unwrap_or(Decimal::ZERO)
}

/// Money rounded to whole cents, halves away from zero (as bills and the AWS calculator show it).
pub fn cents(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// `1234.5` → `"1,234.5"`: a number as formulas show it, without trailing zeros, with at most
/// six decimals (a repeating quotient such as 100 ÷ 3000 shows as `0.033333`).
pub fn fmt_num(d: Decimal) -> String {
    let mut out = String::new();
    push_num(&mut out, d);
    out
}

/// Appends `d` as [`fmt_num`] writes it.
pub(crate) fn push_num(out: &mut String, d: Decimal) {
    let d = d
        .round_dp_with_strategy(6, RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    if d.is_sign_negative() && !d.is_zero() {
        out.push('-');
    }
    // After `normalize`, the value is mantissa ÷ 10^scale with no trailing zeros.
    let mantissa = d.mantissa().unsigned_abs();
    let scale = d.scale();
    let pow = 10u128.pow(scale);
    push_grouped(out, mantissa / pow);
    if scale > 0 {
        out.push('.');
        let frac = mantissa % pow;
        let digits = frac.to_string();
        for _ in digits.len()..scale as usize {
            out.push('0');
        }
        out.push_str(&digits);
    }
}

/// Appends a whole number with thousands separators.
fn push_grouped(out: &mut String, n: u128) {
    let digits = n.to_string();
    let len = digits.len();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
}

/// A unit price as formulas show it: the digits the table gives, `$0.40`, `$0.04048`.
pub fn fmt_price(d: Decimal) -> String {
    format!("${d}")
}

/// Money in whole cents with thousands separators: `$1,234.50`.
pub fn fmt_usd(d: Decimal) -> String {
    let mut out = String::new();
    push_usd(&mut out, d);
    out
}

/// Appends `d` as [`fmt_usd`] writes it.
pub(crate) fn push_usd(out: &mut String, d: Decimal) {
    push_cents(out, d, "$");
}

/// Appends `d` in whole cents with thousands separators, `symbol` after the sign:
/// `-$1,234.50`, or `1,234.50` with no symbol.
pub(crate) fn push_cents(out: &mut String, d: Decimal, symbol: &str) {
    let c = cents(d);
    if c.is_sign_negative() && !c.is_zero() {
        out.push('-');
    }
    // A whole number of cents; after `normalize` its scale is 0.
    let h = (c.abs() * Decimal::ONE_HUNDRED).normalize();
    let hundredths = h.mantissa().unsigned_abs() / 10u128.pow(h.scale());
    out.push_str(symbol);
    push_grouped(out, hundredths / 100);
    out.push('.');
    let f = hundredths % 100;
    out.push(char::from(b'0' + (f / 10) as u8));
    out.push(char::from(b'0' + (f % 10) as u8));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn floats_become_their_shortest_decimal() {
        assert_eq!(dec(0.1), d("0.1"));
        assert_eq!(dec(0.25), d("0.25"));
        assert_eq!(dec(730.0), d("730"));
        assert_eq!(dec(1e9), d("1000000000"));
        assert_eq!(dec(-3.0), Decimal::ZERO);
        assert_eq!(dec(0.3), d("0.3"));
        assert_eq!(dec(1.1), d("1.1"));
        assert_eq!(dec(800.2), d("800.2"));
        assert_eq!(dec(0.000111), d("0.000111"));
        assert_eq!(dec(1e15), d("1000000000000000"));
        assert_eq!(dec(1.0 / 3.0), d("0.3333333333333333"));
        assert_eq!(dec(123456.789), d("123456.789"));
        assert_eq!(dec(f64::NAN), Decimal::ZERO);
        assert_eq!(dec(f64::INFINITY), Decimal::ZERO);
    }

    #[test]
    fn rounding_and_formatting() {
        assert_eq!(cents(d("29.5504")), d("29.55"));
        assert_eq!(cents(d("0.005")), d("0.01"));
        assert_eq!(cents(d("16.425")), d("16.43"));
        assert_eq!(fmt_num(d("10240")), "10,240");
        assert_eq!(fmt_num(d("730.000")), "730");
        assert_eq!(fmt_num(d("0.0333333333333")), "0.033333");
        assert_eq!(fmt_num(d("1234567.5")), "1,234,567.5");
        assert_eq!(fmt_price(d("0.04048")), "$0.04048");
        assert_eq!(fmt_price(d("0.40")), "$0.40");
        assert_eq!(fmt_usd(d("1234.5")), "$1,234.50");
        assert_eq!(fmt_usd(d("0.004")), "$0.00");
        assert_eq!(fmt_usd(d("921.6")), "$921.60");
        assert_eq!(fmt_usd(d("39999.6")), "$39,999.60");
        assert_eq!(fmt_usd(d("0")), "$0.00");
        assert_eq!(fmt_num(d("0")), "0");
        assert_eq!(fmt_num(d("0.05")), "0.05");
        assert_eq!(fmt_num(d("-1.5")), "-1.5");
    }
}
