#![allow(clippy::disallowed_methods)] // native tests: not part of the first load
#![cfg(not(target_arch = "wasm32"))]
//! The auto-scaling simulator: hand-computed days on Party Box (2–4 tasks of 0.5 vCPU / 1 GB,
//! CPU target 70%), clamping at the minimum and maximum, the scale-in cooldown, services
//! without auto scaling, bad curves, and the cost band against the cost engine's range.

use kumozu::core::cost::{cents, estimate_range, PriceTable};
use kumozu::core::course::autoscale::{
    render_text, simulate, Curve, CurveError, Preset, Setup, Simulation, MAX_DEMAND_PERCENT,
};
use kumozu::core::document::model::{Design, NodeId, ParamValue};
use kumozu::core::document::templates;
use kumozu::core::Lang;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn party_box() -> Design {
    templates::find("party-box")
        .expect("party box")
        .design()
        .expect("loads")
}

fn table(d: &Design) -> PriceTable {
    PriceTable::bundled(d.region).expect("bundled table")
}

/// 24 hourly values: `base` everywhere but the given hours.
fn hourly(base: f64, at: &[(usize, f64)]) -> Curve {
    let mut v = vec![base; 24];
    for &(h, x) in at {
        v[h] = x;
    }
    Curve::new(v).expect("a valid curve")
}

fn sim(d: &Design, c: &Curve) -> Simulation {
    simulate(d, c, &table(d))
}

fn tasks(s: &Simulation, id: &str) -> Vec<u32> {
    s.run(&NodeId::from(id))
        .expect("service run")
        .steps
        .iter()
        .map(|st| st.tasks)
        .collect()
}

fn events_en(s: &Simulation, id: &str, step: usize) -> Vec<String> {
    s.run(&NodeId::from(id)).unwrap().steps[step]
        .events
        .iter()
        .map(|e| e.en.clone())
        .collect()
}

fn set(d: &mut Design, id: &str, key: &str, v: ParamValue) {
    d.nodes
        .get_mut(&NodeId::from(id))
        .expect("node")
        .params
        .insert(key.to_owned(), v);
}

#[test]
fn one_busy_hour_adds_one_task_then_removes_it() {
    // 210% of one task at 02:00: 2 ready tasks → 105% > 70% → ceil(210 / 70) = 3 tasks.
    let d = party_box();
    let s = sim(&d, &hourly(0.0, &[(1, 210.0)]));
    let t = tasks(&s, "nextjs");
    assert_eq!(&t[..4], &[2, 3, 2, 2]);
    let r = s.run(&NodeId::from("nextjs")).unwrap();
    assert_eq!(r.steps[1].utilisation, Some(105.0));
    assert_eq!(r.steps[1].ready, 2);
    assert!(r.steps[1].over);
    let e = events_en(&s, "nextjs", 1).join(" ");
    assert!(e.contains("CPU 105% > 70%"), "{e}");
    assert!(e.contains("ECS starts Task 3"), "{e}");
    assert!(e.contains("ALB registers it"), "{e}");
    // The new task is ready (and measured) at 02:00; the load is gone, so it is removed.
    assert_eq!(r.steps[2].ready, 3);
    assert!(events_en(&s, "nextjs", 2)[0].contains("drains Task 3"));
    // 2 tasks × 24 h + 1 extra task-hour.
    assert_eq!(r.day_task_hours, Decimal::from(49));
    assert_eq!(
        r.month_task_hours,
        Decimal::from(49 * 730) / Decimal::from(24)
    );
    // Both services get the same curve.
    assert_eq!(tasks(&s, "nestjs"), t);
}

#[test]
fn the_month_is_priced_from_the_tables_fargate_keys() {
    let d = party_box();
    let tb = table(&d);
    let s = simulate(&d, &hourly(0.0, &[(1, 210.0)]), &tb);
    let r = s.run(&NodeId::from("nextjs")).unwrap();
    let price = |k: &str| tb.price(k).expect("known price").usd;
    let th = Decimal::from(49 * 730) / Decimal::from(24);
    // 0.5 vCPU and 1 GB per task.
    let want = cents(
        th * Decimal::new(5, 1) * price("fargate.x86.vcpu_hour")
            + th * price("fargate.x86.gb_hour"),
    );
    assert_eq!(r.band.simulated, want);
    assert!(r.band.low < r.band.simulated && r.band.simulated < r.band.high);
}

#[test]
fn scale_out_stops_at_the_maximum_and_says_so() {
    let d = party_box();
    let s = sim(&d, &hourly(0.0, &[(1, 1000.0), (2, 1000.0)]));
    let t = tasks(&s, "nextjs");
    // ceil(1000 / 70) = 15, clamped to 4; then one task less per hour.
    assert_eq!(&t[..6], &[2, 4, 4, 3, 2, 2]);
    let at_max = events_en(&s, "nextjs", 2).join(" ");
    assert!(at_max.contains("maximum of 4 tasks"), "{at_max}");
    assert!(at_max.contains("CPU 250% > 70%"), "{at_max}");
    assert!(events_en(&s, "nextjs", 1)[0].contains("Tasks 3–4"));
}

#[test]
fn never_below_the_minimum() {
    let d = party_box();
    let s = sim(&d, &hourly(0.0, &[]));
    assert!(tasks(&s, "nextjs").iter().all(|&n| n == 2));
    assert!(s
        .runs
        .iter()
        .all(|r| r.steps.iter().all(|st| st.events.is_empty())));
}

#[test]
fn scale_in_waits_for_the_cooldown() {
    // Half-hourly: the task added at 00:30 cannot go at 01:00 (30 min), but at 01:30 (60 min).
    let d = party_box();
    let mut v = vec![0.0; 48];
    v[1] = 210.0;
    let s = sim(&d, &Curve::new(v).unwrap());
    let t = tasks(&s, "nextjs");
    assert_eq!(&t[..5], &[2, 3, 3, 2, 2]);
    let held = events_en(&s, "nextjs", 2).join(" ");
    assert!(held.contains("cooldown"), "{held}");
    let r = s.run(&NodeId::from("nextjs")).unwrap();
    assert_eq!(r.steps[3].time(), "01:30");
    // 2 × 24 h + 2 half hours of a third task.
    assert_eq!(r.day_task_hours, Decimal::from(49));
}

#[test]
fn services_without_auto_scaling_stay_fixed_and_say_why() {
    let mut d = party_box();
    set(
        &mut d,
        "nextjs",
        "scaling_metric",
        ParamValue::Str("none".into()),
    );
    set(&mut d, "nestjs", "min_tasks", ParamValue::Num(3.0));
    set(&mut d, "nestjs", "desired_tasks", ParamValue::Num(3.0));
    set(&mut d, "nestjs", "max_tasks", ParamValue::Num(3.0));
    let s = sim(&d, &hourly(0.0, &[(5, 1000.0)]));
    assert!(tasks(&s, "nextjs").iter().all(|&n| n == 2));
    assert!(tasks(&s, "nestjs").iter().all(|&n| n == 3));
    let a = s.run(&NodeId::from("nextjs")).unwrap();
    assert!(a.notes[0].en.contains("No auto scaling"));
    assert!(a.steps[5].events[0].en.contains("nothing is added"));
    let b = s.run(&NodeId::from("nestjs")).unwrap();
    assert!(b.notes[0].en.contains("Minimum = maximum = 3"));
    assert_eq!(s.band.low, s.band.high);
    assert_eq!(s.band.simulated, s.band.low);
}

#[test]
fn band_ends_are_the_cost_engines_range_on_party_box() {
    let d = party_box();
    let tb = table(&d);
    let range = estimate_range(&d, &tb);
    for curve in [hourly(0.0, &[]), Preset::Flat.curve(&setup(&d))] {
        let s = simulate(&d, &curve, &tb);
        assert_eq!(s.band.low, range.low.total_monthly_usd);
        assert_eq!(s.band.high, range.high.total_monthly_usd);
        assert_eq!(s.band.simulated, range.low.total_monthly_usd);
        let amounts = |ls: &[kumozu::core::cost::CostLine]| {
            ls.iter()
                .map(|l| (l.node.clone(), l.price_key.clone(), l.quantity, l.monthly))
                .collect::<Vec<_>>()
        };
        assert_eq!(amounts(&s.estimate.lines), amounts(&range.low.lines));
    }
    let s = simulate(&d, &hourly(MAX_DEMAND_PERCENT, &[]), &tb);
    assert!(tasks(&s, "nestjs").iter().all(|&n| n == 4));
    assert_eq!(s.band.simulated, range.high.total_monthly_usd);
    let r = s.run(&NodeId::from("nestjs")).unwrap();
    assert_eq!(r.band.simulated, r.band.high);
}

fn setup(d: &Design) -> Setup {
    Setup::of(d.nodes.get(&NodeId::from("nextjs")).unwrap())
}

#[test]
fn presets_shape_the_day() {
    let d = party_box();
    let st = setup(&d);
    assert_eq!((st.min, st.max, st.target_percent), (2, 4, 70.0));
    let flat = sim(&d, &Preset::Flat.curve(&st));
    assert!(tasks(&flat, "nextjs").iter().all(|&n| n == 2));
    let evening = sim(&d, &Preset::Evening.curve(&st));
    let t = tasks(&evening, "nextjs");
    assert_eq!(t[20], 4, "{t:?}");
    assert_eq!(t[3], 2, "{t:?}");
    let r = evening.run(&NodeId::from("nextjs")).unwrap();
    assert!(r
        .steps
        .iter()
        .any(|s| s.events.iter().any(|e| e.en.contains("> 70%"))));
    assert!(r.band.low < r.band.simulated && r.band.simulated < r.band.high);
    let spike = sim(&d, &Preset::Spike.curve(&st));
    let t = tasks(&spike, "nextjs");
    assert_eq!(&t[12..18], &[2, 4, 4, 3, 2, 2], "{t:?}");
    for p in Preset::ALL {
        assert_eq!(Preset::from_id(p.id()), Some(p));
    }
}

#[test]
fn bad_curves_are_refused_with_a_reason() {
    let e = Curve::new(vec![10.0; 23]).unwrap_err();
    assert_eq!(e, CurveError::Length { got: 23 });
    assert!(e.message().en.contains("24 values"));
    assert!(e.message().ja.contains("23 個"));
    let e = Curve::parse("10, 20, abc").unwrap_err();
    assert!(
        e.message().en.contains("\"abc\" is not a number"),
        "{:?}",
        e
    );
    let mut v = vec![10.0; 24];
    v[4] = -1.0;
    let e = Curve::new(v.clone()).unwrap_err();
    assert!(e.message().en.contains("value 5"), "{:?}", e.message());
    v[4] = f64::NAN;
    assert!(matches!(
        Curve::new(v).unwrap_err(),
        CurveError::OutOfRange { index: 4, .. }
    ));
    assert!(Curve::parse("inf,1").is_err());
    assert!(Curve::parse(&"1,".repeat(5000)).is_err());
    assert_eq!(Curve::parse("").unwrap_err(), CurveError::Length { got: 0 });
    let ok = Curve::parse(&["5"; 48].join(" ")).unwrap();
    assert_eq!(ok.step_minutes(), 30);
    assert!(ok.with_value(3, MAX_DEMAND_PERCENT + 1.0).is_err());
    assert_eq!(ok.with_value(3, 70.0).unwrap().values()[3], 70.0);
}

#[test]
fn text_and_json_forms() {
    let d = party_box();
    let s = sim(&d, &hourly(0.0, &[(1, 210.0)]));
    let en = render_text(&s, Lang::En, None);
    assert!(en.contains("01:00"), "{en}");
    assert!(en.contains("ECS starts Task 3"));
    assert!(en.contains("Design monthly (low – this day for a month – high)"));
    let ja = render_text(&s, Lang::Ja, Some(&NodeId::from("nestjs")));
    assert!(ja.contains("ECS が Task 3 を起動"), "{ja}");
    assert!(!ja.contains("(nextjs)"));
    let j = s.to_json();
    assert_eq!(j["format"], "kumozu-scale");
    assert_eq!(j["services"][0]["steps"][1]["tasks"], 3);
    assert_eq!(j["services"][0]["day_task_hours"], 49);
    assert!(j["monthly_usd"]["simulated"].is_number());
}

#[test]
fn a_design_without_services_simulates_nothing() {
    let d = templates::find("blank").unwrap().design().unwrap();
    let s = sim(&d, &hourly(100.0, &[]));
    assert!(s.runs.is_empty());
    assert_eq!(s.band.low, s.band.simulated);
    assert!(render_text(&s, Lang::En, None).contains("no ECS service"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn tasks_stay_within_min_and_max_and_cost_within_the_band(
        values in prop::collection::vec(0.0f64..1200.0, 24),
        half in any::<bool>(),
        min in 0u32..4,
        extra in 0u32..4,
    ) {
        let mut d = party_box();
        set(&mut d, "nestjs", "min_tasks", ParamValue::Num(min as f64));
        set(&mut d, "nestjs", "desired_tasks", ParamValue::Num(min as f64));
        set(&mut d, "nestjs", "max_tasks", ParamValue::Num((min + extra) as f64));
        let values = if half {
            values.iter().flat_map(|&v| [v, v / 2.0]).collect()
        } else {
            values
        };
        let s = sim(&d, &Curve::new(values).unwrap());
        for r in &s.runs {
            for st in &r.steps {
                prop_assert!(st.tasks >= r.setup.min && st.tasks <= r.setup.max);
                prop_assert!(st.ready >= r.setup.min && st.ready <= r.setup.max);
            }
            prop_assert!(r.band.low <= r.band.simulated && r.band.simulated <= r.band.high);
        }
        prop_assert!(s.band.low <= s.band.simulated && s.band.simulated <= s.band.high);
    }
}
