//! Escaped HTML text, and the one type that may be set into the page as markup.
//!
//! HTML text goes into the page only where text is the product: the diagram `core::drawing::svg`
//! writes (the canvas and the SVG export are one drawing) and the on-demand module's answers
//! (`crate::jobs`). Both are carried by [`TrustedHtml`], which only escaping writers make; the UI
//! sets `inner_html` from nothing else.

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

/// Markup that is safe to set into the page: written by an escaping writer (every text in it went
/// through [`esc`] or `svg::escape`), never taken from a file, a link or a user's typing as is.
///
/// Made only by [`TrustedHtml::from_escaped`], whose callers are the core's drawing and the
/// on-demand module's jobs (and the UI's worker bridge, which receives those jobs' answers).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TrustedHtml(String);

impl TrustedHtml {
    /// Wraps markup an escaping writer has just written. Crate-private: text from outside
    /// (a file, a link, an input) can never become markup by this door.
    pub(crate) fn from_escaped(markup: String) -> TrustedHtml {
        TrustedHtml(markup)
    }

    /// The markup.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The markup, as an owned string (for a file export).
    pub fn into_string(self) -> String {
        self.0
    }

    /// Whether there is no markup at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
