//! The "Fargate vs EC2" section of the side panel (issue #7, item 4; the chapter's Part 2
//! table): the design's ECS tasks packed onto EC2 instance types from the region's pricing
//! table, the cheapest fit highlighted beside the Fargate figure, and the chapter's trade-offs.
//!
//! The core compares (`core::ec2::compare`, the same as `kumozu ec2`); this file lays it out
//! as escaped HTML text set with `inner_html` (as `cost.rs` does, for wasm size), computed
//! only while the section is open.

use leptos::prelude::*;

use crate::core::cost::fmt_usd;
use crate::core::ec2::{self, Comparison, FargateCost, Fit};
use crate::core::i18n::Lang;

use super::html::{el, esc};
use super::i18n::msg;
use super::pricing::TableState;
use super::section::Section;
use super::state::AppState;
use super::text;

/// The collapsible comparison.
#[component]
pub fn Ec2Panel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let open = RwSignal::new(false);
    let html = Memo::new(move |_| {
        if !open.get() {
            return String::new();
        }
        let lang = lang.get();
        let region = state.design.with(|d| d.region);
        let mut out = String::new();
        state.tables.with(|t| match t.get(&region) {
            Some(TableState::Ready(table)) => {
                let c = state.design.with(|d| ec2::compare(d, table));
                comparison_html(&mut out, &c, lang);
            }
            Some(TableState::Failed(f)) => {
                el(
                    &mut out,
                    r#"<p class="alert" role="alert">"#,
                    text::PRICES_FAILED.get(lang),
                    " ",
                );
                esc(&mut out, &f.message(lang));
                out.push_str("</p>");
            }
            None | Some(TableState::Loading) => {
                el(
                    &mut out,
                    r#"<p role="status">"#,
                    text::LOADING_PRICES.get(lang),
                    "</p>",
                );
            }
        });
        out
    });
    view! {
        <Section class="tracer ec2" testid="ec2-compare" title=msg!(ec2_title) help=msg!(ec2_help) open=open>
            <div inner_html=move || html.get()></div>
        </Section>
    }
}

/// Whole cents as a plain decimal (`79.42`), for the tests' data attributes.
fn cents_attr(d: rust_decimal::Decimal) -> String {
    crate::core::cost::cents(d).to_string()
}

fn comparison_html(out: &mut String, c: &Comparison, lang: Lang) {
    if !c.has_services() || c.tasks() == 0 {
        el(
            out,
            r#"<p class="ec2-verdict" role="status" data-testid="ec2-verdict">"#,
            &ec2::verdict_text(c, lang),
            "</p>",
        );
        trade_offs_html(out, lang);
        return;
    }
    // Fargate.
    match &c.fargate {
        Some(FargateCost::Known(f)) => {
            out.push_str(&format!(
                r#"<p class="ec2-fargate" data-testid="ec2-fargate" data-usd="{}">"#,
                cents_attr(*f)
            ));
            el(out, "<span>", msg!(ec2_fargate).get(lang), "</span> ");
            el(out, "<strong>", &fmt_usd(*f), "</strong></p>");
        }
        Some(FargateCost::Unknown(r)) => {
            out.push_str(r#"<p class="ec2-fargate" data-testid="ec2-fargate">"#);
            el(out, "<span>", msg!(ec2_fargate).get(lang), "</span> ");
            el(
                out,
                "<strong>",
                msg!(ec2_price_unknown).get(lang),
                "</strong> (",
            );
            esc(out, r.get(lang));
            out.push_str(")</p>");
        }
        None => {}
    }
    // One table per architecture.
    for g in &c.groups {
        out.push_str(&format!(
            r#"<table class="ec2-table" data-arch="{}"><caption>"#,
            g.arch.id()
        ));
        esc(
            out,
            &format!(
                "{} {} ({} {})",
                msg!(ec2_on_demand).get(lang),
                g.arch.id(),
                g.tasks,
                msg!(ec2_tasks).get(lang)
            ),
        );
        out.push_str("</caption><thead><tr>");
        for h in [
            msg!(ec2_type),
            msg!(ec2_size),
            msg!(ec2_hourly),
            msg!(ec2_instances),
            msg!(ec2_at_max),
            msg!(ec2_monthly),
        ] {
            el(out, r#"<th scope="col">"#, h.get(lang), "</th>");
        }
        out.push_str("</tr></thead><tbody>");
        for (i, r) in g.rows.iter().enumerate() {
            let cheapest = g.cheapest == Some(i);
            out.push_str(&format!(
                r#"<tr data-type="{}" data-cheapest="{cheapest}"{}"#,
                r.ty.name,
                if cheapest { r#" class="cheapest""# } else { "" }
            ));
            if let Fit::Fits {
                instances, monthly, ..
            } = &r.fit
            {
                out.push_str(&format!(
                    r#" data-instances="{instances}" data-usd="{}""#,
                    cents_attr(*monthly)
                ));
            }
            out.push_str(r#"><th scope="row"><code>"#);
            out.push_str(r.ty.name);
            out.push_str("</code>");
            if cheapest {
                el(
                    out,
                    r#" <span class="badge">"#,
                    msg!(ec2_cheapest).get(lang),
                    "</span>",
                );
            }
            out.push_str(&format!(
                "</th><td>{} / {}</td><td>",
                r.ty.vcpu,
                r.ty.memory_mib / 1024
            ));
            if let Some(p) = r.hourly {
                out.push_str(&format!("${p}"));
            } else {
                out.push('–');
            }
            out.push_str("</td>");
            match &r.fit {
                Fit::Fits {
                    instances,
                    instances_at_max,
                    monthly,
                } => {
                    out.push_str(&format!(
                        r#"<td class="num">{instances}</td><td class="num">{instances_at_max}</td><td class="num">{}</td>"#,
                        fmt_usd(*monthly)
                    ));
                }
                Fit::TooSmall => {
                    el(
                        out,
                        r#"<td colspan="3" class="muted">"#,
                        msg!(ec2_too_small).get(lang),
                        "</td>",
                    );
                }
                Fit::NoPrice { reason } => {
                    out.push_str(r#"<td colspan="3" class="muted" title=""#);
                    esc(out, reason);
                    out.push_str(r#"">"#);
                    esc(out, msg!(ec2_no_price).get(lang));
                    out.push_str("</td>");
                }
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
    }
    for s in c.services.iter().filter(|s| s.too_big) {
        el(
            out,
            r#"<p class="alert">"#,
            &ec2::too_big_text(s, lang),
            "</p>",
        );
    }
    out.push_str(r#"<p class="ec2-verdict" role="status" data-testid="ec2-verdict""#);
    if let Some(e) = c.ec2_monthly {
        out.push_str(&format!(r#" data-usd="{}""#, cents_attr(e)));
    }
    el(out, ">", &ec2::verdict_text(c, lang), "</p>");
    el(
        out,
        r#"<p class="muted">"#,
        &ec2::reservation_text(lang),
        " ",
    );
    esc(out, ec2::REDUNDANCY.get(lang));
    out.push_str("</p>");
    el(
        out,
        r#"<p class="muted" data-testid="ec2-left-out">"#,
        &ec2::left_out_text(c, lang),
        "</p>",
    );
    trade_offs_html(out, lang);
}

fn trade_offs_html(out: &mut String, lang: Lang) {
    el(out, "<h3>", msg!(ec2_trade_offs).get(lang), "</h3>");
    out.push_str(r#"<dl class="ec2-trade-offs" data-testid="ec2-trade-offs">"#);
    for (head, points) in &ec2::TRADE_OFFS {
        el(out, "<dt>", head.get(lang), "</dt>");
        for p in points {
            el(out, "<dd>", p.get(lang), "</dd>");
        }
    }
    out.push_str("</dl>");
    el(
        out,
        "<p><strong>",
        ec2::RECOMMENDATION.get(lang),
        "</strong></p>",
    );
}
