//! ALB path patterns as AWS defines them: case-sensitive, at most 128 characters, from a fixed
//! character set, with `*` (zero or more characters) and `?` (exactly one character).
//!
//! Besides matching one path, this decides *inclusion*: whether every path pattern B matches is
//! also matched by pattern A, which is what "rule B is shadowed by the earlier rule A" means.
//! Inclusion is decided exactly by exploring the product of the two patterns' automata over a
//! finite partition of the alphabet, not by comparing strings.

use std::collections::{HashSet, VecDeque};

/// Longest path pattern AWS accepts.
pub const MAX_LEN: usize = 128;

/// Why a path pattern is not valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternError {
    /// Empty pattern.
    Empty,
    /// More than 128 characters.
    TooLong(usize),
    /// A character outside AWS's set (the character and its 1-based position).
    BadChar(char, usize),
}

/// Whether `c` may appear in an ALB path pattern.
/// AWS: A–Z, a–z, 0–9, `_ - . $ / ~ " ' @ : +`, `&` (written `&amp;` in the API), `*`, `?`.
pub fn allowed_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '_' | '-' | '.' | '$' | '/' | '~' | '"' | '\'' | '@' | ':' | '+' | '&' | '*' | '?'
        )
}

/// Checks a path pattern against AWS's syntax and limits.
pub fn check(pattern: &str) -> Result<(), PatternError> {
    if pattern.is_empty() {
        return Err(PatternError::Empty);
    }
    let len = pattern.chars().count();
    if len > MAX_LEN {
        return Err(PatternError::TooLong(len));
    }
    if let Some((i, c)) = pattern.chars().enumerate().find(|(_, c)| !allowed_char(*c)) {
        return Err(PatternError::BadChar(c, i + 1));
    }
    Ok(())
}

/// Whether the pattern can match anything at all: paths start with `/`, so a pattern whose
/// first character is a literal other than `/` never matches.
pub fn can_match_a_path(pattern: &str) -> bool {
    matches!(pattern.chars().next(), Some('/' | '*' | '?'))
}

/// Whether `pattern` matches `path` (the path only, without the query string).
pub fn matches(pattern: &str, path: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let mut states = closure(&p, &[0]);
    for c in path.chars() {
        states = step(&p, &states, Sym::Char(c));
        if states.is_empty() {
            return false;
        }
    }
    states.contains(&p.len())
}

/// Whether every path that `narrow` matches is also matched by `broad`.
/// `None` when the search was too large to finish (never for patterns within AWS's limits
/// in practice; callers treat it as "not known to be covered").
pub fn covers(broad: &str, narrow: &str) -> Option<bool> {
    covers_union(&[broad], narrow)
}

/// Whether every path that `narrow` matches is matched by at least one of `broads` (their
/// union, as a listener's earlier rules together take every request they match). Exact, like
/// [`covers`]; `None` when the search was too large to finish.
pub fn covers_union(broads: &[&str], narrow: &str) -> Option<bool> {
    // Literal prefixes that disagree within both lengths mean no path of `narrow` starts the
    // way that broad pattern requires: it takes none of them and is left out.
    let lit = |p: &str| -> usize { p.find(['*', '?']).unwrap_or(p.len()) };
    let pb = &narrow[..lit(narrow)];
    let a: Vec<Vec<char>> = broads
        .iter()
        .filter(|broad| {
            let pa = &broad[..lit(broad)];
            pa.starts_with(pb) || pb.starts_with(pa)
        })
        .map(|broad| broad.chars().collect())
        .collect();
    if a.is_empty() {
        return Some(false); // every pattern matches some path
    }
    let b: Vec<char> = narrow.chars().collect();
    // The alphabet, partitioned: every literal of any pattern, plus one stand-in for all
    // other characters (they behave identically in every automaton).
    let mut alphabet: Vec<Sym> = a
        .iter()
        .flatten()
        .chain(b.iter())
        .filter(|c| !matches!(c, '*' | '?'))
        .map(|c| Sym::Char(*c))
        .collect();
    crate::core::support::sort::sort_by_key(&mut alphabet, |s| match s {
        Sym::Char(c) => *c,
        Sym::Other => '\0',
    });
    alphabet.dedup();
    alphabet.push(Sym::Other);

    let start = (
        closure(&b, &[0]),
        a.iter().map(|p| closure(p, &[0])).collect::<Vec<_>>(),
    );
    let mut seen: HashSet<(Vec<usize>, Vec<Vec<usize>>)> = HashSet::new();
    let mut queue = VecDeque::from([start]);
    let mut budget = 200_000usize;
    while let Some((bs, as_)) = queue.pop_front() {
        if !seen.insert((bs.clone(), as_.clone())) {
            continue;
        }
        // A string reaching here is accepted by `narrow` but by none of `broads`.
        if bs.contains(&b.len()) && !as_.iter().zip(&a).any(|(s, p)| s.contains(&p.len())) {
            return Some(false);
        }
        for sym in &alphabet {
            budget = budget.checked_sub(as_.len())?;
            let nb = step(&b, &bs, *sym);
            if nb.is_empty() {
                continue;
            }
            let na = as_.iter().zip(&a).map(|(s, p)| step(p, s, *sym)).collect();
            queue.push_back((nb, na));
        }
    }
    Some(true)
}

/// An example path that `narrow` matches and `broad` does not, if one exists (for messages).
pub fn counterexample(broad: &str, narrow: &str) -> Option<String> {
    // Try the narrow pattern with its wildcards filled in simply.
    let simple: String = narrow
        .chars()
        .map(|c| match c {
            '*' => String::new(),
            '?' => "x".to_owned(),
            c => c.to_string(),
        })
        .collect();
    let filled: String = narrow
        .chars()
        .map(|c| match c {
            '*' => "x".to_owned(),
            '?' => "x".to_owned(),
            c => c.to_string(),
        })
        .collect();
    [simple, filled]
        .into_iter()
        .find(|p| matches(narrow, p) && !matches(broad, p))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sym {
    Char(char),
    /// Any character that is not a literal of either pattern.
    Other,
}

/// Positions reachable from `from` without consuming input (a `*` may match nothing).
fn closure(p: &[char], from: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for &s in from {
        let mut i = s;
        loop {
            if !out.contains(&i) {
                out.push(i);
            }
            if i < p.len() && p[i] == '*' {
                i += 1;
            } else {
                break;
            }
        }
    }
    crate::core::support::sort::sort(&mut out);
    out.dedup();
    out
}

fn step(p: &[char], states: &[usize], sym: Sym) -> Vec<usize> {
    let mut next = Vec::new();
    for &i in states {
        if i >= p.len() {
            continue;
        }
        match p[i] {
            '*' => next.push(i),
            '?' => next.push(i + 1),
            c => {
                if sym == Sym::Char(c) {
                    next.push(i + 1)
                }
            }
        }
    }
    closure(p, &next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax() {
        assert_eq!(check("/api/*"), Ok(()));
        assert_eq!(check(""), Err(PatternError::Empty));
        assert_eq!(check("/a b"), Err(PatternError::BadChar(' ', 3)));
        assert_eq!(check("/日本"), Err(PatternError::BadChar('日', 2)));
        assert_eq!(
            check(&format!("/{}", "a".repeat(128))),
            Err(PatternError::TooLong(129))
        );
        assert!(check(&format!("/{}", "a".repeat(127))).is_ok());
        assert!(!can_match_a_path("api/*"));
        assert!(can_match_a_path("*.png"));
    }

    #[test]
    fn matching() {
        assert!(matches("/*", "/"));
        assert!(matches("/*", "/api/rooms"));
        assert!(matches("/api/*", "/api/rooms"));
        assert!(matches("/api/*", "/api/"));
        assert!(!matches("/api/*", "/api"));
        assert!(!matches("/api/*", "/API/rooms"), "case-sensitive");
        assert!(matches("/socket.io/*", "/socket.io/"));
        assert!(matches("/img/?.png", "/img/a.png"));
        assert!(!matches("/img/?.png", "/img/ab.png"));
        assert!(matches("*", ""));
    }

    #[test]
    fn inclusion() {
        assert_eq!(covers("/*", "/api/*"), Some(true));
        assert_eq!(covers("/api/*", "/*"), Some(false));
        assert_eq!(covers("*", "/anything?*"), Some(true));
        assert_eq!(covers("/api/*", "/api/v1/*"), Some(true));
        assert_eq!(covers("/api/v1/*", "/api/*"), Some(false));
        assert_eq!(covers("/api/*", "/socket.io/*"), Some(false));
        assert_eq!(covers("/a*", "/a?"), Some(true));
        assert_eq!(covers("/a?", "/a*"), Some(false));
        assert_eq!(covers("/*/x", "/a/x"), Some(true));
        assert_eq!(covers("/*.png", "/img/*.png"), Some(true));
        assert_eq!(covers("/img/*.png", "/*.png"), Some(false));
        assert_eq!(covers("/a*b*c", "/a?b?c"), Some(true));
        assert_eq!(covers("/x", "/x"), Some(true));
        assert_eq!(covers("/x", "/X"), Some(false));
    }

    #[test]
    fn union_inclusion() {
        assert_eq!(
            covers_union(&["/api/*", "/socket.io/*"], "/api/v1/*"),
            Some(true)
        );
        assert_eq!(covers_union(&["/a*", "/b*"], "/?x"), Some(false), "/cx");
        assert_eq!(covers_union(&["/a*", "/b*", "/"], "/*"), Some(false), "/c");
        assert_eq!(covers_union(&["/", "/?*"], "/*"), Some(true));
        assert_eq!(
            covers_union(&["/*.png", "/*.jpg"], "/img/*.png"),
            Some(true)
        );
        assert_eq!(covers_union(&["/x/*", "/y/*"], "/z/*"), Some(false));
        assert_eq!(covers_union(&[], "/z/*"), Some(false));
    }

    #[test]
    fn counterexamples() {
        assert_eq!(counterexample("/api/*", "/*").as_deref(), Some("/"));
        assert_eq!(counterexample("/*", "/api/*"), None);
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn strings(max_len: usize) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut frontier = vec![String::new()];
        for _ in 0..max_len {
            let mut next = Vec::new();
            for s in &frontier {
                for c in ['/', 'a', 'b'] {
                    next.push(format!("{s}{c}"));
                }
            }
            all.extend(next.iter().cloned());
            frontier = next;
        }
        all
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// `covers` agrees with brute force over every string up to length 6: when it says
        /// covered, no string is a counterexample; when a counterexample exists, it says not.
        #[test]
        fn inclusion_agrees_with_brute_force(
            a in "[/a*?]{0,4}",
            b in "[/a*?]{0,4}",
        ) {
            let counter = strings(6).into_iter().find(|s| matches(&b, s) && !matches(&a, s));
            match covers(&a, &b) {
                Some(true) => proptest::prop_assert!(counter.is_none(), "{a} covers {b}? counterexample {counter:?}"),
                Some(false) => {}
                None => proptest::prop_assert!(false, "gave up on {a} / {b}"),
            }
            if counter.is_some() {
                proptest::prop_assert_eq!(covers(&a, &b), Some(false));
            }
        }

        /// `covers_union` agrees with brute force the same way, for the union of two patterns
        /// (and says "covered" for some of them: see `union_inclusion`).
        #[test]
        fn union_inclusion_agrees_with_brute_force(
            a in "[/a*?]{0,4}",
            c in "[/b*?]{0,3}",
            b in "[/ab*?]{0,4}",
        ) {
            let counter = strings(6)
                .into_iter()
                .find(|s| matches(&b, s) && !matches(&a, s) && !matches(&c, s));
            let got = covers_union(&[&a, &c], &b);
            proptest::prop_assert!(got.is_some(), "gave up on {a} + {c} / {b}");
            if got == Some(true) {
                proptest::prop_assert!(counter.is_none(), "{a} + {c} cover {b}? counterexample {counter:?}");
            }
            if counter.is_some() {
                proptest::prop_assert_eq!(got, Some(false));
            }
        }
    }
}
