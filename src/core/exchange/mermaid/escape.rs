//! Escaping labels for Mermaid and reading them back.
//!
//! Inside `"…"` Mermaid reads entity codes: `#quot;` for `"`, `#35;` for `#`, `#lt;` for `<`, and
//! so on. Export writes every character that could end the string, start markup, split a
//! statement or be taken for a directive as such a code, and a newline as `<br>` (Mermaid's line
//! break). Import turns `<br>` back into a newline and decodes the codes, so `unescape_label`
//! undoes `escape_label` exactly.

/// `text` escaped for use between double quotes in a Mermaid label (`A["…"]`, `-->|"…"|`).
pub fn escape_label(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '\n' => out.push_str("<br>"),
            '|' | ';' | '%' | '`' | '[' | ']' | '{' | '}' => {
                out.push_str(&format!("#{};", c as u32))
            }
            c if c.is_control() || is_invisible(c) => out.push_str(&format!("#{};", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Characters that are not control codes yet would confuse a reader or a line splitter.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{2028}'
            | '\u{2029}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

fn plain_chars(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_alphanumeric() && !c.is_control()
            || matches!(c, ' ' | '/' | '*' | '.' | '_' | '-' | '?' | '>' | '%')
    }) && !["--", "-.", ".-", "..", "  ", "%%", "->", ">>"]
        .iter()
        .any(|s| text.contains(s))
        && !text.starts_with('>')
        && !text.ends_with(['-', '.'])
}

/// An edge label as written between pipes: bare when plain, quoted and escaped otherwise.
pub fn edge_label(text: &str) -> String {
    if plain_chars(text) && text.trim() == text && !text.is_empty() && !text.starts_with(['-', '.'])
    {
        text.to_owned()
    } else {
        format!("\"{}\"", escape_label(text))
    }
}

/// Undoes `escape_label`, and reads what hand-written Mermaid uses: `<br>`, `<br/>`, `<br />`
/// as newlines, named (`#quot;`) and numeric (`#35;`) entity codes.
pub fn unescape_label(text: &str) -> String {
    let breaks = replace_breaks(text);
    let chars: Vec<char> = breaks.chars().collect();
    let mut out = String::with_capacity(breaks.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '#' {
            if let Some((c, len)) = entity_at(&chars[i + 1..]) {
                out.push(c);
                i += 1 + len;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Replaces `<br>`, `<br/>` and `<br />` (any case) with a newline.
fn replace_breaks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let lower: String = after
            .chars()
            .take(6)
            .collect::<String>()
            .to_ascii_lowercase();
        let len = ["<br />", "<br/>", "<br>"]
            .iter()
            .find(|p| lower.starts_with(**p))
            .map(|p| p.len());
        match len {
            Some(len) => {
                out.push('\n');
                rest = &after[len..];
            }
            None => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// An entity code after a `#`: the character and how many chars it took (name and `;`).
fn entity_at(chars: &[char]) -> Option<(char, usize)> {
    let end = chars.iter().take(12).position(|c| *c == ';')?;
    let name: String = chars[..end].iter().collect();
    if name.is_empty() {
        return None;
    }
    let c = if name.chars().all(|c| c.is_ascii_digit()) {
        char::from_u32(name.parse::<u32>().ok()?)?
    } else {
        match name.as_str() {
            "quot" => '"',
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            "num" => '#',
            "semi" => ';',
            "vert" | "verbar" => '|',
            "lsqb" => '[',
            "rsqb" => ']',
            "lcub" => '{',
            "rcub" => '}',
            "lpar" => '(',
            "rpar" => ')',
            "percnt" => '%',
            "colon" => ':',
            "equals" => '=',
            _ => return None,
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_could_break_out_and_reads_it_back() {
        let nasty =
            "a \"b\" <script>alert(1)</script> [x] {y} |p| #q; 50% %%{init}%%\nline2\r\t`md`";
        let e = escape_label(nasty);
        let without_breaks = e.replace("<br>", "");
        for bad in ['"', '<', '>', '|', '[', ']', '{', '}', '\n', '\r', '`'] {
            assert!(!without_breaks.contains(bad), "{bad:?} in {e}");
        }
        // Every `;` ends an entity code.
        assert_eq!(e.matches(';').count(), e.matches('#').count(), "{e}");
        assert_eq!(unescape_label(&e), nasty);
        assert_eq!(
            unescape_label("A<br/>B<BR>C #quot;q#quot; #9829;"),
            "A\nB\nC \"q\" ♥"
        );
        assert_eq!(unescape_label("#unknown; #; #"), "#unknown; #; #");
    }

    #[test]
    fn plain_edge_labels_stay_bare() {
        assert_eq!(edge_label("/api/*"), "/api/*");
        assert_eq!(edge_label("/socket.io/*"), "/socket.io/*");
        assert_eq!(edge_label("HTTPS"), "HTTPS");
        assert_eq!(edge_label("キャッシュミス時"), "キャッシュミス時");
        assert_eq!(edge_label("CPU > 70%"), "CPU > 70%");
        assert_eq!(
            edge_label("%%{init}%%"),
            "\"#37;#37;#123;init#125;#37;#37;\""
        );
        assert_eq!(edge_label("a|b"), "\"a#124;b\"");
        assert_eq!(edge_label("a --> b"), "\"a --#gt; b\"");
    }
}
