//! Writing escaped HTML text, for the panels that render their read-only parts as one string set
//! with `inner_html` (cost, auto scaling in the app; compare, Fargate vs EC2, sheet and
//! checklist in the on-demand module, `crate::jobs`): smaller in wasm than typed views.

/// Appends `s` with the characters HTML gives a meaning escaped, so that any text (a node's
/// label comes from a file or a link) is shown as text and never read as markup.
pub fn esc(out: &mut String, s: &str) {
    crate::core::drawing::svg::escape(s, out);
}

/// Appends `<open>text</close>`: `open` is the whole opening tag (written as is), `text` is
/// escaped.
pub fn el(out: &mut String, open: &str, text: &str, close: &str) {
    out.push_str(open);
    esc(out, text);
    out.push_str(close);
}
