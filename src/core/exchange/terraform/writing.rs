//! Writing HCL: strings that stay literal whatever they hold, references, templates, numbers,
//! lists and objects as `hcl-rs` expressions, resource names from ids, AWS names, comments, and
//! the `=` aligned as `terraform fmt` does.

use std::collections::{BTreeMap, BTreeSet};

use hcl::expr::{TemplateExpr, Traversal, Variable};
use hcl::format::{Format, Formatter};
use hcl::structure::BlockBuilder;
use hcl::template::{Interpolation, Template};
use hcl::{Attribute, Block, Expression, Identifier, Object, ObjectKey};

/// `s` as an HCL string expression that evaluates to exactly `s`: no interpolation, no
/// directive.
///
/// hcl-rs escapes quotes, backslashes and control characters, and doubles the template markers
/// `${` and `%{`, but (hcl-primitives 0.1.13, `escape_markers`) once it has met a first marker
/// it reads the rest in pairs and misses a marker right after another `$` or `%`: `${a}%${b}`
/// comes out as `"$${a}%${b}"`, which interpolates `b`, and `${a}$${b}` loses a `$`. So when
/// `s` holds a marker, the markers are doubled here and only the text between them, which holds
/// none, goes through the library.
pub(super) fn string(s: impl AsRef<str>) -> Expression {
    let s = s.as_ref();
    let Some(first) = find_marker(s) else {
        return Expression::String(s.to_owned());
    };
    let mut raw = escaped(&s[..first]);
    let mut rest = &s[first..];
    while let Some(i) = find_marker(rest) {
        raw.push_str(&escaped(&rest[..i]));
        raw.push_str(if rest[i..].starts_with('$') {
            "$${"
        } else {
            "%%{"
        });
        rest = &rest[i + 2..];
    }
    raw.push_str(&escaped(rest));
    Expression::from(TemplateExpr::QuotedString(raw))
}

/// The byte index of the first `${` or `%{` in `s`.
pub(super) fn find_marker(s: &str) -> Option<usize> {
    s.find("${").into_iter().chain(s.find("%{")).min()
}

/// `fragment` (which holds no template marker) escaped by hcl-rs, without its quotes.
pub(super) fn escaped(fragment: &str) -> String {
    let quoted = render(&Expression::String(fragment.to_owned()));
    quoted
        .strip_prefix('"')
        .and_then(|q| q.strip_suffix('"'))
        .unwrap_or(&quoted)
        .to_owned()
}

/// `value` written by hcl-rs's formatter: lists on one line, object keys bare.
pub(super) fn render(value: &impl Format) -> String {
    let mut fmt = Formatter::builder()
        .compact_arrays(true)
        .prefer_ident_keys(true)
        .build_vec();
    // Formatting into memory cannot fail (hcl::format::to_string says so).
    value.format_string(&mut fmt).unwrap_or_default()
}

/// The text of a `#` comment that names `s`: `s` as a quoted string, on one line (hcl-rs
/// writes line breaks and tabs as `\n`, `\t`), its other control characters (bidirectional
/// overrides, line separators, escapes, …) made spaces.
pub(super) fn comment_text(s: &str) -> String {
    use crate::core::support::controls::is_control;
    let plain: String = s
        .chars()
        .map(|c| if is_control(c) { ' ' } else { c })
        .collect();
    render(&string(&plain))
}

/// A valid Terraform identifier made from `id`: ASCII letters, digits, `_` and `-`, starting
/// with a letter or `_`.
pub fn identifier(id: &str) -> String {
    let mut out: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        out.insert_str(0, "n_");
    }
    out
}

/// Unique identifiers for ids (node or edge ids), assigned in id order so that the same
/// design always gets the same names.
pub(super) struct Names {
    by_id: BTreeMap<String, String>,
}

impl Names {
    pub(super) fn new<'a>(ids: impl Iterator<Item = &'a str>) -> Names {
        let mut taken = BTreeSet::new();
        let mut by_id = BTreeMap::new();
        let ids: BTreeSet<&str> = ids.collect();
        // The ids that are already valid identifiers keep their own names first.
        let (clean, dirty): (Vec<&str>, Vec<&str>) =
            ids.into_iter().partition(|id| identifier(id) == *id);
        for id in clean.into_iter().chain(dirty) {
            let base = identifier(id);
            let mut name = base.clone();
            let mut n = 2;
            while taken.contains(&name) {
                name = format!("{base}_{n}");
                n += 1;
            }
            taken.insert(name.clone());
            by_id.insert(id.to_owned(), name);
        }
        Names { by_id }
    }

    pub(super) fn get(&self, id: &str) -> String {
        self.by_id
            .get(id)
            .cloned()
            .unwrap_or_else(|| identifier(id))
    }
}

/// A reference such as `aws_vpc.main.id` or `var.region`: a traversal, from a dotted path of
/// identifiers (resource names from [`Names`] and fixed words, so they hold no `.`).
pub(super) fn refer(path: impl AsRef<str>) -> Expression {
    let path = path.as_ref();
    let Some((root, attrs)) = path.split_once('.') else {
        return Expression::Variable(Variable::sanitized(path));
    };
    let traversal = attrs
        .split('.')
        .fold(Traversal::builder(Variable::sanitized(root)), |t, attr| {
            t.attr(Identifier::sanitized(attr))
        });
    Expression::from(traversal.build())
}

/// A quoted template of fixed text and references: `"${aws_ecr_repository.x.repository_url}:latest"`.
pub(super) fn template(parts: &[Part]) -> Expression {
    let t = parts.iter().fold(Template::new(), |t, part| match part {
        Part::Text(s) => t.add_literal(*s),
        Part::Ref(path) => t.add_interpolation(Interpolation::new(refer(path))),
    });
    Expression::from(TemplateExpr::QuotedString(render(&t)))
}

/// A piece of a [`template`].
pub(super) enum Part<'a> {
    /// Fixed text (no user text: it is written as is, with only its markers escaped).
    Text(&'static str),
    Ref(&'a str),
}

/// A number, written as an integer when it is one.
pub(super) fn number(v: f64) -> Expression {
    if !v.is_finite() {
        Expression::from(0)
    } else if v.fract() == 0.0 && v.abs() < 1e15 {
        Expression::from(v as i64)
    } else {
        Expression::from(v)
    }
}

/// `[a, b]`.
pub(super) fn list(items: Vec<Expression>) -> Expression {
    Expression::Array(items)
}

/// `{ key = value }`, keys written bare.
pub(super) fn object(fields: Vec<(&str, Expression)>) -> Expression {
    let object: Object<ObjectKey, Expression> = fields
        .into_iter()
        .map(|(k, v)| (ObjectKey::Identifier(Identifier::sanitized(k)), v))
        .collect();
    Expression::Object(object)
}

/// `tags = { Name = "<label>" }`.
pub(super) fn tags(label: &str) -> Attribute {
    Attribute::new("tags", object(vec![("Name", string(label))]))
}

/// A nested block such as `route { … }`.
pub(super) fn block(ty: &str) -> BlockBuilder {
    Block::builder(ty)
}

/// `resource "<ty>" "<name>" { … }`.
pub(super) fn resource(ty: &str, name: &str) -> BlockBuilder {
    Block::builder("resource").add_label(ty).add_label(name)
}

/// A number as text, for the attributes AWS takes as strings (task `cpu` and `memory`).
pub(super) fn fmt_num(v: f64) -> String {
    render(&number(v))
}

/// `text` (a block written by hcl-rs, whose formatter puts one space before each `=`) with the
/// `=` of each run of consecutive one-line attributes aligned, as `terraform fmt` does. As
/// there, a line whose value opens a bracket it does not close (`tags = {`) is in no run. Only
/// spaces between a key and its `=` change.
pub(super) fn align_equals(text: &str) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let keys: Vec<Option<usize>> = lines.iter().map(|l| key_end(l)).collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < lines.len() {
        if keys[i].is_none() {
            out.push_str(lines[i]);
            i += 1;
            continue;
        }
        let end = (i..lines.len())
            .find(|&j| keys[j].is_none())
            .unwrap_or(lines.len());
        let width = keys[i..end].iter().flatten().max().copied().unwrap_or(0);
        for (line, key) in lines[i..end].iter().zip(&keys[i..end]) {
            let k = key.unwrap_or(0);
            out.push_str(&line[..k]);
            out.extend(std::iter::repeat_n(' ', width - k));
            out.push_str(&line[k..]);
        }
        i = end;
    }
    out
}

/// Where the key of a one-line attribute (`  key = value`) ends in `line`; `None` for any other
/// line (a block's first or last line, a blank line, a value that goes on below).
pub(super) fn key_end(line: &str) -> Option<usize> {
    let body = line.trim_start_matches(' ');
    let indent = line.len() - body.len();
    let key = body.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))?;
    let value = body[key..].strip_prefix(" = ")?;
    (key > 0 && open_brackets(value) == 0).then_some(indent + key)
}

/// Opening minus closing brackets in the expression `expr`, outside its quoted strings.
pub(super) fn open_brackets(expr: &str) -> i32 {
    let mut depth = 0;
    let mut in_string = false;
    let mut escape = false;
    for c in expr.chars() {
        if in_string {
            match c {
                _ if escape => escape = false,
                '\\' => escape = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' | '(' => depth += 1,
            '}' | ']' | ')' => depth -= 1,
            _ => {}
        }
    }
    depth
}

/// A name AWS accepts for load balancers, target groups and the like: letters, digits and
/// hyphens, at most 32 characters, no hyphen at either end.
pub(super) fn aws_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .take(32)
        .collect();
    while out.ends_with('-') {
        out.pop();
    }
    while out.starts_with('-') {
        out.remove(0);
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

/// The `k`-th slice of an IPv4 CIDR block: /24 slices of a /16 or larger block, otherwise
/// 4 more prefix bits (16 slices) up to /28. `None` when the block does not parse or has no
/// `k`-th slice.
pub(super) fn slice_cidr(cidr: &str, k: u32) -> Option<String> {
    let (addr, prefix) = cidr.trim().split_once('/')?;
    let prefix: u32 = prefix.parse().ok()?;
    let octets: Vec<u32> = addr
        .split('.')
        .map(|o| o.parse::<u32>().ok().filter(|v| *v <= 255))
        .collect::<Option<Vec<_>>>()?;
    if octets.len() != 4 || prefix > 24 {
        return None;
    }
    let base = octets.iter().fold(0u32, |acc, o| (acc << 8) | o);
    let new_prefix = if prefix <= 16 {
        24
    } else {
        (prefix + 4).min(28)
    };
    let bits = new_prefix - prefix;
    if bits < 32 && k >= (1u32 << bits) {
        return None;
    }
    let mask = if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - prefix)
    };
    let ip = (base & mask) | (k << (32 - new_prefix));
    Some(format!(
        "{}.{}.{}.{}/{new_prefix}",
        ip >> 24,
        (ip >> 16) & 255,
        (ip >> 8) & 255,
        ip & 255
    ))
}
