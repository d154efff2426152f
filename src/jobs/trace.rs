//! The request tracer's answer (`core::trace`, the same as `kumozu trace`): the hops, the
//! outcome and the button that walks the path, as escaped HTML. Each hop carries its node and
//! edge ids, which the panel reads back to light the path on the canvas.

use crate::core::course::trace::{trace, Request};
use crate::core::document::model::Design;
use crate::core::support::html::{el, esc};
use crate::core::support::i18n::Lang;

use super::Words;

/// Traces `request` through `design` and writes the answer.
///
/// The outcome names the request it answers (`data-request`), so a reader can tell a fresh
/// answer from the previous one.
pub(super) fn html(out: &mut String, design: &Design, text: &str, l: Lang, w: &Words) {
    let mut asked = String::from(r#" data-request=""#);
    esc(&mut asked, text);
    asked.push('"');
    let request = match Request::parse(text) {
        Ok(r) => r,
        Err(e) => {
            out.push_str(
                r#"<p class="alert" role="alert" data-testid="tracer-result" data-served="false""#,
            );
            el(out, &asked, e.message().get(l), "</p>");
            return;
        }
    };
    let t = trace(design, &request);
    out.push_str(r#"<ol class="tracer-hops" data-testid="tracer-hops">"#);
    for h in &t.hops {
        out.push_str(r#"<li data-hop-kind=""#);
        out.push_str(h.kind.id());
        out.push_str(r#"" data-hop-node=""#);
        esc(out, h.node.as_str());
        out.push('"');
        if let Some(e) = &h.edge {
            out.push_str(r#" data-hop-edge=""#);
            esc(out, e.as_str());
            out.push('"');
        }
        el(out, ">", h.text.get(l), "</li>");
    }
    out.push_str("</ol>");
    let served = t.stop.is_none();
    out.push_str(if served {
        r#"<p class="tracer-result ok" role="status" data-testid="tracer-result" data-served="true""#
    } else {
        r#"<p class="tracer-result broken" role="status" data-testid="tracer-result" data-served="false""#
    });
    out.push_str(&asked);
    out.push('>');
    match &t.stop {
        None => esc(out, w.get("tracer_served")),
        Some(b) => {
            esc(out, w.get("tracer_breaks"));
            out.push(' ');
            esc(out, b.message.get(l));
        }
    }
    if let Some(f) = t.stop.as_ref().and_then(|b| b.finding.as_ref()) {
        el(out, r#" <code class="rule-id">"#, f.rule, "</code>");
    }
    out.push_str("</p>");
    el(
        out,
        r#"<button type="button" class="button" data-testid="tracer-show" data-show-path>"#,
        w.get("tracer_show"),
        "</button>",
    );
}
