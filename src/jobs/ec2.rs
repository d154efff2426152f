//! The Fargate vs EC2 job's answer: the comparison (`core::ec2::compare`, the same as
//! `kumozu ec2`) as escaped HTML text.

use crate::core::cost::fmt_usd;
use crate::core::course::ec2::{self, Comparison, FargateCost, Fit};
use crate::core::support::html::{el, esc};
use crate::core::support::i18n::Lang;

use super::Words;

/// Whole cents as a plain decimal (`79.42`), for the tests' data attributes.
fn cents_attr(d: rust_decimal::Decimal) -> String {
    crate::core::cost::cents(d).to_string()
}

pub(super) fn html(out: &mut String, c: &Comparison, lang: Lang, w: &Words) {
    if !c.has_services() || c.tasks() == 0 {
        el(
            out,
            r#"<p class="ec2-verdict" role="status" data-testid="ec2-verdict">"#,
            &ec2::verdict_text(c, lang),
            "</p>",
        );
        trade_offs_html(out, lang, w);
        return;
    }
    // Fargate.
    match &c.fargate {
        Some(FargateCost::Known(f)) => {
            out.push_str(&format!(
                r#"<p class="ec2-fargate" data-testid="ec2-fargate" data-usd="{}">"#,
                cents_attr(*f)
            ));
            el(out, "<span>", w.get("ec2_fargate"), "</span> ");
            el(out, "<strong>", &fmt_usd(*f), "</strong></p>");
        }
        Some(FargateCost::Unknown(r)) => {
            out.push_str(r#"<p class="ec2-fargate" data-testid="ec2-fargate">"#);
            el(out, "<span>", w.get("ec2_fargate"), "</span> ");
            el(out, "<strong>", w.get("ec2_price_unknown"), "</strong> (");
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
                w.get("ec2_on_demand"),
                g.arch.id(),
                g.tasks,
                w.get("ec2_tasks")
            ),
        );
        out.push_str("</caption><thead><tr>");
        for h in [
            "ec2_type",
            "ec2_size",
            "ec2_hourly",
            "ec2_instances",
            "ec2_at_max",
            "ec2_monthly",
        ] {
            el(out, r#"<th scope="col">"#, w.get(h), "</th>");
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
                    w.get("ec2_cheapest"),
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
                        w.get("ec2_too_small"),
                        "</td>",
                    );
                }
                Fit::NoPrice { reason } => {
                    out.push_str(r#"<td colspan="3" class="muted" title=""#);
                    esc(out, reason);
                    out.push_str(r#"">"#);
                    esc(out, w.get("ec2_no_price"));
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
    trade_offs_html(out, lang, w);
}

fn trade_offs_html(out: &mut String, lang: Lang, w: &Words) {
    el(out, "<h3>", w.get("ec2_trade_offs"), "</h3>");
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
