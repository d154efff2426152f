//! Pricing tables: one JSON file per region (`public/pricing/<region>.json`, documented in
//! docs/pricing-format.md), parsed and checked into a [`PriceTable`].
//!
//! A table either gives a price with its unit, source, source date and trust level, or says
//! explicitly that the price is unknown and why. Parsing never panics: a malformed table is a
//! [`PriceTableError`] naming the place and the reason. This module knows nothing about designs.

use std::collections::BTreeMap;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::core::document::region::Region;

/// The value of `format` in every pricing table.
pub const FORMAT: &str = "kumozu-pricing";

/// The table schema version this build reads.
pub const VERSION: u64 = 1;

/// How far a price can be trusted (REFERENCE.md's scale; weaker sources are never shipped).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Trust {
    /// A copy of AWS's own price feed or pricing page.
    A,
    /// A third party naming the usage type and the date it queried AWS; flagged to the user.
    B,
}

impl Trust {
    /// `A` or `B`.
    pub fn as_str(self) -> &'static str {
        match self {
            Trust::A => "A",
            Trust::B => "B",
        }
    }
}

/// One known price.
#[derive(Debug, Clone, PartialEq)]
pub struct Price {
    /// US dollars per `unit`.
    pub usd: Decimal,
    /// What one unit is, e.g. `vCPU-hour`, `GB-month`, `1M requests`.
    pub unit: String,
    /// Where the figure comes from (source ids of the pricing references).
    pub source: String,
    /// When the source saw the price: `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when the source is
    /// no more precise.
    pub source_date: String,
    /// How far it can be trusted.
    pub trust: Trust,
    /// Anything a reader should know (a unit conversion, the viewer area of a CDN price).
    pub note: Option<String>,
}

/// A table entry: a price, or an explicit "unknown" with the reason.
#[derive(Debug, Clone, PartialEq)]
pub enum PriceEntry {
    /// The price is known (shared with the estimate lines priced from it).
    Known(Arc<Price>),
    /// No trustworthy source gives this price; the estimate says "price unknown".
    Unknown {
        /// Why (English, from the table).
        reason: String,
    },
}

/// A parsed pricing table for one region.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceTable {
    /// Version of the table's contents (`2026-11-28.2`); estimates and links record it.
    pub table_version: String,
    /// The region the prices are for.
    pub region: Region,
    /// The month length the table's authors assumed (730 h, as the AWS Pricing Calculator).
    /// Informative: an estimate uses the design's `hours_per_month`.
    pub hours_per_month: Decimal,
    /// Every entry, by price key (`fargate.x86.vcpu_hour`).
    pub prices: BTreeMap<String, PriceEntry>,
}

/// Why a table could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceTableError {
    /// Where, as a path into the table (`prices."alb.hour".trust`); empty for the whole file.
    pub place: String,
    /// What is wrong (English).
    pub message: String,
}

impl std::fmt::Display for PriceTableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.place.is_empty() {
            write!(f, "pricing table: {}", self.message)
        } else {
            write!(f, "pricing table: {}: {}", self.place, self.message)
        }
    }
}

impl std::error::Error for PriceTableError {}

fn err(place: impl Into<String>, message: impl Into<String>) -> PriceTableError {
    PriceTableError {
        place: place.into(),
        message: message.into(),
    }
}

/// Largest table accepted, in bytes.
pub const MAX_TABLE_BYTES: usize = 2 * 1024 * 1024;

/// The bundled table of `region`, as JSON text (the same file the app fetches from
/// `pricing/<region>.json`). Compiled in for the CLI and the tests; the browser app fetches
/// the file at run time instead, so the linker drops these strings from the wasm.
pub fn bundled_json(region: Region) -> &'static str {
    match region {
        Region::UsEast1 => include_str!("../../../public/pricing/us-east-1.json"),
        Region::ApNortheast1 => include_str!("../../../public/pricing/ap-northeast-1.json"),
        Region::ApNortheast3 => include_str!("../../../public/pricing/ap-northeast-3.json"),
    }
}

impl PriceTable {
    /// The bundled table of `region`, parsed. Every bundled table parses (tested), so an error
    /// here means a broken build; callers still get a `Result` rather than a panic.
    pub fn bundled(region: Region) -> Result<PriceTable, PriceTableError> {
        PriceTable::from_json(bundled_json(region))
    }

    /// Parses and checks a table. Unknown fields are errors, so a typo cannot hide a price.
    pub fn from_json(text: &str) -> Result<PriceTable, PriceTableError> {
        if text.len() > MAX_TABLE_BYTES {
            return Err(err(
                "",
                format!("larger than {MAX_TABLE_BYTES} bytes ({} bytes)", text.len()),
            ));
        }
        let value: Value = serde_json::from_str(text).map_err(|e| {
            err(
                "",
                format!("not JSON (line {}, column {}): {e}", e.line(), e.column()),
            )
        })?;
        let Value::Object(top) = value else {
            return Err(err("", "not a JSON object"));
        };
        known_fields(
            &top,
            "",
            &[
                "format",
                "version",
                "table_version",
                "region",
                "currency",
                "hours_per_month",
                "prices",
            ],
        )?;
        if top.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(err("format", format!("expected \"{FORMAT}\"")));
        }
        match top.get("version").and_then(Value::as_u64) {
            Some(VERSION) => {}
            Some(v) => {
                return Err(err(
                    "version",
                    format!("version {v} is not supported (this build reads {VERSION})"),
                ))
            }
            None => return Err(err("version", "expected a whole number")),
        }
        let table_version = text_field(&top, "table_version", "")?;
        if table_version.is_empty() || table_version.len() > 64 {
            return Err(err("table_version", "expected 1 to 64 characters"));
        }
        let region_code = text_field(&top, "region", "")?;
        let region = Region::from_code(&region_code)
            .ok_or_else(|| err("region", format!("unknown region \"{region_code}\"")))?;
        if text_field(&top, "currency", "")? != "USD" {
            return Err(err(
                "currency",
                "expected \"USD\" (AWS list prices are in USD)",
            ));
        }
        let hours_per_month = match top.get("hours_per_month") {
            Some(Value::Number(n)) => Decimal::from_str_exact(&n.to_string())
                .ok()
                .filter(|h| *h > Decimal::ZERO && *h <= Decimal::from(744)),
            _ => None,
        }
        .ok_or_else(|| {
            err(
                "hours_per_month",
                "expected a number above 0 and at most 744",
            )
        })?;
        let Some(Value::Object(raw_prices)) = top.get("prices") else {
            return Err(err("prices", "expected an object of price keys"));
        };
        let mut prices = BTreeMap::new();
        for (key, entry) in raw_prices {
            let place = format!("prices.\"{key}\"");
            if !valid_key(key) {
                return Err(err(
                    place,
                    "a price key is lower-case letters, digits, '_', '-' and '.' (at most 128)",
                ));
            }
            prices.insert(key.clone(), parse_entry(&place, entry)?);
        }
        Ok(PriceTable {
            table_version,
            region,
            hours_per_month,
            prices,
        })
    }

    /// The entry for `key`, if the table has one.
    pub fn get(&self, key: &str) -> Option<&PriceEntry> {
        self.prices.get(key)
    }

    /// The known price for `key`, if any.
    pub fn price(&self, key: &str) -> Option<&Price> {
        match self.prices.get(key) {
            Some(PriceEntry::Known(p)) => Some(p),
            _ => None,
        }
    }
}

fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 128
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-' | '.'))
}

fn known_fields(
    obj: &Map<String, Value>,
    place: &str,
    allowed: &[&str],
) -> Result<(), PriceTableError> {
    for k in obj.keys() {
        if !allowed.contains(&k.as_str()) {
            let at = if place.is_empty() {
                k.clone()
            } else {
                format!("{place}.{k}")
            };
            return Err(err(
                at,
                format!("unknown field (expected one of: {})", allowed.join(", ")),
            ));
        }
    }
    Ok(())
}

fn text_field(
    obj: &Map<String, Value>,
    field: &str,
    place: &str,
) -> Result<String, PriceTableError> {
    let at = if place.is_empty() {
        field.to_owned()
    } else {
        format!("{place}.{field}")
    };
    match obj.get(field) {
        Some(Value::String(s)) if s.chars().count() <= 1000 => Ok(s.clone()),
        Some(Value::String(_)) => Err(err(at, "longer than 1000 characters")),
        Some(_) => Err(err(at, "expected a string")),
        None => Err(err(at, "missing")),
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with plausible numbers.
fn valid_date(d: &str) -> bool {
    let parts: Vec<&str> = d.split('-').collect();
    let num = |s: &str, len: usize, lo: u32, hi: u32| {
        s.len() == len
            && s.chars().all(|c| c.is_ascii_digit())
            && s.parse::<u32>().is_ok_and(|n| (lo..=hi).contains(&n))
    };
    match parts.as_slice() {
        [y] => num(y, 4, 2000, 2100),
        [y, m] => num(y, 4, 2000, 2100) && num(m, 2, 1, 12),
        [y, m, day] => num(y, 4, 2000, 2100) && num(m, 2, 1, 12) && num(day, 2, 1, 31),
        _ => false,
    }
}

fn parse_entry(place: &str, entry: &Value) -> Result<PriceEntry, PriceTableError> {
    let Value::Object(obj) = entry else {
        return Err(err(place, "expected an object"));
    };
    if obj.contains_key("unknown") {
        known_fields(obj, place, &["unknown", "reason"])?;
        if obj.get("unknown") != Some(&Value::Bool(true)) {
            return Err(err(format!("{place}.unknown"), "expected true"));
        }
        let reason = text_field(obj, "reason", place)?;
        if reason.trim().is_empty() {
            return Err(err(format!("{place}.reason"), "an unknown price says why"));
        }
        return Ok(PriceEntry::Unknown { reason });
    }
    known_fields(
        obj,
        place,
        &["usd", "unit", "source", "source_date", "trust", "note"],
    )?;
    let usd_text =
        match obj.get("usd") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(_)) => {
                return Err(err(
                    format!("{place}.usd"),
                    "expected a decimal string such as \"0.04048\" (a JSON number would round)",
                ))
            }
            _ => return Err(err(
                format!("{place}.usd"),
                "missing (give a price as a decimal string, or {\"unknown\": true, \"reason\": …})",
            )),
        };
    let usd = Decimal::from_str_exact(&usd_text)
        .ok()
        .filter(|_| {
            usd_text.chars().all(|c| c.is_ascii_digit() || c == '.')
                && !usd_text.starts_with('.')
                && !usd_text.ends_with('.')
        })
        .ok_or_else(|| {
            err(
                format!("{place}.usd"),
                format!("\"{usd_text}\" is not a non-negative decimal such as \"0.04048\""),
            )
        })?;
    let unit = text_field(obj, "unit", place)?;
    if unit.trim().is_empty() {
        return Err(err(format!("{place}.unit"), "empty"));
    }
    let source = text_field(obj, "source", place)?;
    if source.trim().is_empty() {
        return Err(err(
            format!("{place}.source"),
            "every price names its source",
        ));
    }
    let source_date = text_field(obj, "source_date", place)?;
    if !valid_date(&source_date) {
        return Err(err(
            format!("{place}.source_date"),
            format!("\"{source_date}\" is not YYYY-MM-DD (or YYYY-MM, YYYY)"),
        ));
    }
    let trust = match text_field(obj, "trust", place)?.as_str() {
        "A" => Trust::A,
        "B" => Trust::B,
        other => {
            return Err(err(
                format!("{place}.trust"),
                format!("\"{other}\": only A and B sources are shipped"),
            ))
        }
    };
    let note = match obj.get("note") {
        None => None,
        Some(_) => Some(text_field(obj, "note", place)?),
    };
    Ok(PriceEntry::Known(Arc::new(Price {
        usd,
        unit,
        source,
        source_date,
        trust,
        note,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINI: &str = r#"{"format":"kumozu-pricing","version":1,"table_version":"t1",
        "region":"us-east-1","currency":"USD","hours_per_month":730,
        "prices":{"alb.hour":{"usd":"0.0225","unit":"ALB-hour","source":"S1","source_date":"2024-07-01","trust":"A"},
                  "x.y":{"unknown":true,"reason":"no source"}}}"#;

    #[test]
    fn parses_a_small_table() {
        let t = PriceTable::from_json(MINI).unwrap();
        assert_eq!(t.region, Region::UsEast1);
        assert_eq!(t.price("alb.hour").unwrap().usd, Decimal::new(225, 4));
        assert!(matches!(t.get("x.y"), Some(PriceEntry::Unknown { .. })));
        assert!(t.price("x.y").is_none());
    }

    fn broken(from: &str, to: &str) -> PriceTableError {
        assert!(MINI.contains(from), "{from}");
        PriceTable::from_json(&MINI.replace(from, to)).unwrap_err()
    }

    #[test]
    fn malformed_tables_say_where_and_why() {
        assert_eq!(broken("kumozu-pricing", "other").place, "format");
        assert!(broken("\"version\":1", "\"version\":2")
            .message
            .contains("not supported"));
        assert_eq!(broken("us-east-1", "eu-west-9").place, "region");
        assert_eq!(broken("\"USD\"", "\"JPY\"").place, "currency");
        let e = broken("\"0.0225\"", "0.0225");
        assert_eq!(e.place, "prices.\"alb.hour\".usd");
        assert!(broken("\"0.0225\"", "\"-1\"")
            .message
            .contains("non-negative"));
        assert!(broken("\"0.0225\"", "\"1e3\"").message.contains("decimal"));
        assert_eq!(
            broken("\"trust\":\"A\"", "\"trust\":\"C\"").place,
            "prices.\"alb.hour\".trust"
        );
        assert_eq!(
            broken("\"source\":\"S1\",", "").place,
            "prices.\"alb.hour\".source"
        );
        assert_eq!(
            broken("\"source\":\"S1\"", "\"source\":\" \"").place,
            "prices.\"alb.hour\".source"
        );
        assert!(broken("2024-07-01", "July 2024")
            .message
            .contains("YYYY-MM-DD"));
        assert!(broken("\"unit\":\"ALB-hour\"", "\"units\":\"ALB-hour\"")
            .message
            .contains("unknown field"));
        assert_eq!(
            broken("\"reason\":\"no source\"", "\"reason\":\"\"").place,
            "prices.\"x.y\".reason"
        );
        assert_eq!(
            broken("\"unknown\":true", "\"unknown\":false").place,
            "prices.\"x.y\".unknown"
        );
        assert_eq!(broken("\"x.y\"", "\"X Y\"").place, "prices.\"X Y\"");
        assert!(PriceTable::from_json("{")
            .unwrap_err()
            .message
            .contains("not JSON"));
        assert!(PriceTable::from_json("[]").is_err());
        let e = broken("730", "0");
        assert_eq!(e.place, "hours_per_month");
        assert_eq!(
            e.to_string(),
            "pricing table: hours_per_month: expected a number above 0 and at most 744"
        );
    }

    #[test]
    fn dates() {
        assert!(valid_date("2025-10-27"));
        assert!(valid_date("2024"));
        assert!(valid_date("2025-04"));
        assert!(!valid_date("2025-13-01"));
        assert!(!valid_date("25-01-01"));
        assert!(!valid_date(""));
    }

    #[test]
    fn every_bundled_table_parses_for_its_region() {
        for r in Region::ALL {
            let t = PriceTable::bundled(r).unwrap_or_else(|e| panic!("{r}: {e}"));
            assert_eq!(t.region, r);
            assert_eq!(t.hours_per_month, Decimal::from(730));
        }
    }
}
