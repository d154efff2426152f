//! Control characters that must not reach a terminal, a spreadsheet or a diagram raw: C0
//! (but the line break and the tab), DEL, C1, the bidirectional embeddings, overrides and
//! isolates (U+202A–U+202E, U+2066–U+2069) and the line and paragraph separators
//! (U+2028, U+2029). A label holding one could erase or reorder the line that reports a
//! finding. First-load code (the CSV export uses it): no formatter, no tables.

use std::borrow::Cow;

/// Whether `c` is a control character that text output shows escaped (see the module).
/// The line break and the tab are layout, not controls, here.
pub fn is_control(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}'
        | '\u{b}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{2028}'
        | '\u{2029}')
}

/// `s` with every control character written as `\u{…}` (upper-case hex), so a terminal
/// shows it instead of obeying it. Line breaks (`\n`, and `\r\n` as one) and tabs stay when
/// `keep_layout`; otherwise they are escaped too (one-line messages).
pub fn inert(s: &str, keep_layout: bool) -> Cow<'_, str> {
    let layout = |c: char| matches!(c, '\n' | '\t');
    let needs = s
        .chars()
        .any(|c| is_control(c) || (!keep_layout && layout(c)));
    if !needs {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let kept = if keep_layout {
            layout(c) || (c == '\r' && chars.peek() == Some(&'\n'))
        } else {
            false
        };
        if kept || !(is_control(c) || layout(c)) {
            out.push(c);
        } else {
            out.push_str("\\u{");
            push_hex(&mut out, c as u32);
            out.push('}');
        }
    }
    Cow::Owned(out)
}

/// Markup (SVG, HTML) with every control character written as a numeric character reference
/// (`&#x202E;`), and C0 controls, which XML cannot hold even as references, as U+FFFD. Those
/// characters only ever come from text content, so the markup itself is unchanged.
pub fn inert_markup(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if !is_control(c) {
            out.push(c);
        } else if (c as u32) < 0x20 {
            out.push('\u{fffd}');
        } else {
            out.push_str("&#x");
            push_hex(&mut out, c as u32);
            out.push(';');
        }
    }
    Cow::Owned(out)
}

/// JSON text with the control characters JSON leaves raw inside strings (DEL, C1, the
/// bidirectional controls, U+2028/2029) written as `\uXXXX`: the same JSON value, inert in a
/// terminal. (Those characters can only occur inside strings; C0 is already escaped.)
pub fn inert_json(json: &str) -> Cow<'_, str> {
    if !json.chars().any(is_control) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_control(c) {
            out.push_str("\\u");
            let v = c as u32;
            for shift in [12, 8, 4, 0] {
                out.push(hex_digit((v >> shift) & 0xf));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn push_hex(out: &mut String, v: u32) {
    let mut started = false;
    for shift in (0..8).rev().map(|k| k * 4) {
        let d = (v >> shift) & 0xf;
        if d != 0 || started || shift == 0 {
            started = true;
            out.push(hex_digit(d));
        }
    }
}

fn hex_digit(d: u32) -> char {
    char::from_digit(d, 16)
        .map(|c| c.to_ascii_uppercase())
        .unwrap_or('0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_control_is_escaped_and_nothing_else() {
        let hostile =
            "a\u{1b}[2K\rb\u{7f}\u{85}\u{9b}c\u{202e}d\u{2066}\u{2069}\u{2028}\u{2029}\u{0}";
        let shown = inert(hostile, true);
        assert_eq!(
            shown,
            "a\\u{1B}[2K\\u{D}b\\u{7F}\\u{85}\\u{9B}c\\u{202E}d\\u{2066}\\u{2069}\\u{2028}\\u{2029}\\u{0}"
        );
        assert!(!shown.chars().any(is_control));
        assert_eq!(inert("雲図\tline\n", true), "雲図\tline\n");
        assert_eq!(inert("a\nb\tc", false), "a\\u{A}b\\u{9}c");
        assert!(matches!(inert("plain ＝ text", true), Cow::Borrowed(_)));
        assert_eq!(inert("a,b\r\nc\rd", true), "a,b\r\nc\\u{D}d");
        assert_eq!(
            inert_markup("<t>a\u{202e}\u{1b}</t>"),
            "<t>a&#x202E;\u{fffd}</t>"
        );
    }

    #[test]
    fn json_stays_the_same_value() {
        let v = serde_json::json!({ "label": "a\u{202e}b\u{85}\u{2028}\u{1b}" });
        let text = serde_json::to_string(&v).unwrap();
        let inert = inert_json(&text);
        assert!(!inert.chars().any(is_control), "{inert}");
        assert!(!inert.contains('\u{1b}'));
        let back: serde_json::Value = serde_json::from_str(&inert).unwrap();
        assert_eq!(back, v);
    }
}
