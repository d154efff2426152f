//! The sheet's own tests.

use super::*;
use crate::core::document::templates;

fn party_box() -> Design {
    templates::find("party-box")
        .expect("template")
        .design()
        .expect("loads")
}

#[test]
fn every_priced_line_lands_in_one_service_or_a_callout() {
    let d = party_box();
    let table = PriceTable::bundled(d.region).expect("table");
    let e = cost::estimate(&d, &table);
    let s = build(&d, &e);
    assert_eq!(s.total_monthly_usd, e.total_monthly_usd);
    let in_services: Decimal = s.services.iter().map(|s| s.monthly_usd).sum();
    let free: Decimal = e
        .lines
        .iter()
        .filter(|l| service_of(l).is_none())
        .filter_map(|l| l.monthly)
        .sum();
    assert_eq!(cents(in_services + free), e.total_monthly_usd);
}

#[test]
fn calculator_services_have_distinct_ids_and_names() {
    let ids: Vec<&str> = CalcService::ALL.iter().map(|c| c.id()).collect();
    let mut unique = ids.clone();
    crate::core::support::sort::sort(&mut unique);
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    assert!(CalcService::ALL
        .iter()
        .all(|c| !c.name().ja.is_empty() && !c.name().en.is_empty()));
}
