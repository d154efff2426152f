//! A forgiving reader for Mermaid `flowchart` / `graph` text: statements, subgraphs, nodes with
//! their labels, and links. It reads what the seed writes and what people commonly write;
//! anything it cannot read becomes a warning, never a panic.

use std::collections::HashMap;

use super::{Direction, MermaidError, Warning, MAX_DEPTH, MAX_EDGES, MAX_INPUT_BYTES, MAX_NODES};
use crate::core::exchange::mermaid::escape::unescape_label;

/// A node or subgraph as written.
#[derive(Debug, Clone)]
pub struct PNode {
    /// The Mermaid id.
    pub id: String,
    /// The label, decoded; `None` when only the id was written.
    pub label: Option<String>,
    /// The subgraph it first appeared in.
    pub parent: Option<usize>,
    /// Whether it is a subgraph.
    pub subgraph: bool,
}

/// A link as written (after splitting chains and `&`).
#[derive(Debug, Clone)]
pub struct PEdge {
    pub from: usize,
    pub to: usize,
    pub label: Option<String>,
}

/// A parsed flowchart.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    pub direction: Direction,
    pub nodes: Vec<PNode>,
    pub edges: Vec<PEdge>,
    pub warnings: Vec<Warning>,
}

/// Parses Mermaid text (or Markdown holding ```` ```mermaid ```` blocks: the first flowchart).
pub fn parse(text: &str) -> Result<Graph, MermaidError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(MermaidError::TooLarge { bytes: text.len() });
    }
    let mut warnings = Vec::new();
    let body = match fenced_blocks(text) {
        Some(blocks) => {
            let pos = blocks
                .iter()
                .position(|b| header(b).is_some_and(|h| h.is_ok()));
            match pos {
                Some(i) => {
                    let others = blocks.len() - 1;
                    if others > 0 {
                        warnings.push(Warning::new(
                            format!("Markdown の中の最初の flowchart だけを読み込みました (ほかの {others} 個の mermaid ブロックは無視しました)。"),
                            format!("Only the first flowchart in the Markdown was imported ({others} other mermaid block(s) ignored)."),
                        ));
                    }
                    blocks[i].clone()
                }
                None => blocks.first().cloned().unwrap_or_default(),
            }
        }
        None => text.to_owned(),
    };
    let (direction, rest) = match header(&body) {
        None => return Err(MermaidError::Empty),
        Some(Err(found)) => return Err(MermaidError::NotAFlowchart { found }),
        Some(Ok(h)) => h,
    };
    let mut p = Parser {
        g: Graph {
            direction,
            warnings,
            ..Graph::default()
        },
        index: HashMap::new(),
        stack: Vec::new(),
        anon: 0,
    };
    for (line, stmt) in statements(rest) {
        p.statement(line, &stmt)?;
    }
    if !p.stack.is_empty() {
        let n = p.stack.len();
        p.g.warnings.push(Warning::new(
            format!("閉じられていない subgraph が {n} 個あります (end がありません)。最後で閉じたものとして読み込みました。"),
            format!("{n} subgraph(s) were never closed with `end`; they were closed at the end."),
        ));
    }
    Ok(p.g)
}

/// The bodies of ```` ```mermaid ```` blocks, if the text holds any.
fn fenced_blocks(text: &str) -> Option<Vec<String>> {
    let mut blocks = Vec::new();
    let mut cur: Option<String> = None;
    for line in text.lines() {
        let t = line.trim();
        match &mut cur {
            None if t.starts_with("```mermaid") || t.starts_with("~~~mermaid") => {
                cur = Some(String::new())
            }
            Some(b) if t.starts_with("```") || t.starts_with("~~~") => {
                blocks.push(std::mem::take(b));
                cur = None;
            }
            Some(b) => {
                b.push_str(line);
                b.push('\n');
            }
            None => {}
        }
    }
    if let Some(b) = cur {
        blocks.push(b);
    }
    (!blocks.is_empty()).then_some(blocks)
}

/// The header: `None` if the text is blank, `Err(first word)` if not a flowchart, else the
/// direction and the rest of the text (from the byte after the header).
fn header(text: &str) -> Option<Result<(Direction, &str), String>> {
    let mut rest = text.trim_start_matches('\u{feff}');
    // YAML front matter.
    if rest.trim_start().starts_with("---") {
        let after = rest.trim_start();
        let after = &after[3..];
        if let Some(end) = after.find("\n---") {
            let tail = &after[end + 4..];
            rest = tail.split_once('\n').map(|(_, r)| r).unwrap_or("");
        }
    }
    loop {
        let trimmed = rest.trim_start();
        if trimmed.is_empty() {
            return None;
        }
        if trimmed.starts_with("%%") {
            rest = trimmed.split_once('\n').map(|(_, r)| r).unwrap_or("");
            continue;
        }
        let end = trimmed.find(['\n', ';']).unwrap_or(trimmed.len());
        let line = &trimmed[..end];
        let tail = &trimmed[end..];
        let mut words = line.split_whitespace();
        let first = words.next().unwrap_or("");
        if !matches!(
            first,
            "flowchart" | "graph" | "flowchart-v2" | "flowchart-elk"
        ) {
            let found: String = first.chars().take(40).collect();
            return Some(Err(found));
        }
        let dir = match words.next().map(str::to_ascii_uppercase).as_deref() {
            Some("LR" | "RL" | ">" | "<") => Direction::LeftRight,
            _ => Direction::TopBottom,
        };
        return Some(Ok((dir, tail)));
    }
}

/// Splits the body into statements (by newline or `;` outside quotes), with 1-based line
/// numbers relative to the body, skipping `%%` comments.
fn statements(body: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut line = 1;
    let mut start_line = 1;
    let mut in_quote = false;
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if !in_quote && cur.trim().is_empty() && c == '%' && chars.peek() == Some(&'%') {
            // A comment: skip to the end of the line.
            for c2 in chars.by_ref() {
                if c2 == '\n' {
                    line += 1;
                    break;
                }
            }
            cur.clear();
            start_line = line;
            continue;
        }
        match c {
            '"' => {
                in_quote = !in_quote;
                cur.push(c);
            }
            '\n' if !in_quote => {
                line += 1;
                push_stmt(&mut out, &mut cur, start_line);
                start_line = line;
            }
            ';' if !in_quote => {
                push_stmt(&mut out, &mut cur, start_line);
                start_line = line;
            }
            '\n' => {
                line += 1;
                cur.push(' ');
            }
            c => cur.push(c),
        }
    }
    push_stmt(&mut out, &mut cur, start_line);
    out
}

fn push_stmt(out: &mut Vec<(usize, String)>, cur: &mut String, line: usize) {
    let t = cur.trim();
    if !t.is_empty() {
        out.push((line, t.to_owned()));
    }
    cur.clear();
}

/// A link between two node groups.
struct Link {
    label: Option<String>,
    cross: bool,
    invisible: bool,
    text: String,
}

struct Parser {
    g: Graph,
    index: HashMap<String, usize>,
    stack: Vec<usize>,
    anon: usize,
}

fn is_id_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

fn first_word(s: &str) -> &str {
    s.split(|c: char| c.is_whitespace()).next().unwrap_or("")
}

fn short(s: &str) -> String {
    let t: String = s.chars().take(60).collect();
    if t.len() < s.len() {
        format!("{t}…")
    } else {
        t
    }
}

impl Parser {
    fn statement(&mut self, line: usize, stmt: &str) -> Result<(), MermaidError> {
        let word = first_word(stmt);
        match word {
            "end" if stmt == "end" => {
                if self.stack.pop().is_none() {
                    self.g.warnings.push(Warning::new(
                        format!("{line} 行目: 対応する subgraph のない end を無視しました。"),
                        format!("Line {line}: an `end` without a subgraph was ignored."),
                    ));
                }
                Ok(())
            }
            "subgraph" => self.subgraph(stmt["subgraph".len()..].trim()),
            "style" | "classDef" | "class" | "linkStyle" | "direction" | "accTitle"
            | "accDescr" | "title" => Ok(()),
            "click" => {
                self.g.warnings.push(Warning::new(
                    format!("{line} 行目: click (リンクやコールバック) は読み込みません。"),
                    format!("Line {line}: `click` (links and callbacks) is not imported."),
                ));
                Ok(())
            }
            _ => {
                let chars: Vec<char> = stmt.chars().collect();
                match self.chain(&chars) {
                    Some(Ok(())) => Ok(()),
                    Some(Err(e)) => Err(e),
                    None => {
                        self.g.warnings.push(Warning::new(
                            format!("{line} 行目: 読み取れない文を無視しました: {}", short(stmt)),
                            format!(
                                "Line {line}: could not read this statement, ignored: {}",
                                short(stmt)
                            ),
                        ));
                        Ok(())
                    }
                }
            }
        }
    }

    fn subgraph(&mut self, rest: &str) -> Result<(), MermaidError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(MermaidError::TooDeep);
        }
        let chars: Vec<char> = rest.chars().collect();
        let mut i = 0;
        let (id, label) = if rest.is_empty() {
            self.anon += 1;
            (format!("subgraph_{}", self.anon), None)
        } else if chars[0] == '"' {
            self.anon += 1;
            let (label, _) =
                quoted(&chars, 0).unwrap_or((rest.trim_matches('"').to_owned(), chars.len()));
            (
                format!("subgraph_{}", self.anon),
                Some(unescape_label(&label)),
            )
        } else {
            let id = read_id(&chars, &mut i);
            skip_ws(&chars, &mut i);
            if !id.is_empty() && i < chars.len() && "[({>".contains(chars[i]) {
                match shape(&chars, &mut i) {
                    Some(label) => (id, Some(label)),
                    None => (id, None),
                }
            } else if !id.is_empty() && i >= chars.len() {
                (id, None)
            } else {
                // `subgraph Some title`: the whole text is both id and title.
                (rest.to_owned(), Some(unescape_label(rest)))
            }
        };
        let idx = self.node(&id, label, true)?;
        let parent = self.stack.last().copied();
        // Re-declaring a subgraph inside itself or its own descendants would make a cycle.
        let mut p = parent;
        let mut cyclic = false;
        while let Some(pi) = p {
            if pi == idx {
                cyclic = true;
                break;
            }
            p = self.g.nodes[pi].parent;
        }
        if !cyclic {
            self.g.nodes[idx].parent = parent;
        }
        self.stack.push(idx);
        Ok(())
    }

    /// Registers a node (or updates its label); returns its index.
    fn node(
        &mut self,
        id: &str,
        label: Option<String>,
        subgraph: bool,
    ) -> Result<usize, MermaidError> {
        if let Some(&i) = self.index.get(id) {
            let n = &mut self.g.nodes[i];
            if label.is_some() {
                n.label = label;
            }
            n.subgraph |= subgraph;
            return Ok(i);
        }
        if self.g.nodes.len() >= MAX_NODES {
            return Err(MermaidError::TooManyNodes);
        }
        let i = self.g.nodes.len();
        self.g.nodes.push(PNode {
            id: id.to_owned(),
            label,
            parent: self.stack.last().copied(),
            subgraph,
        });
        self.index.insert(id.to_owned(), i);
        Ok(i)
    }

    /// `group (link group)*`; `None` when the statement is not one.
    fn chain(&mut self, c: &[char]) -> Option<Result<(), MermaidError>> {
        let mut i = 0;
        let mut groups: Vec<Vec<(String, Option<String>)>> = vec![group(c, &mut i)?];
        let mut links: Vec<Link> = Vec::new();
        loop {
            skip_ws(c, &mut i);
            if i >= c.len() {
                break;
            }
            links.push(link(c, &mut i)?);
            skip_ws(c, &mut i);
            groups.push(group(c, &mut i)?);
        }
        let mut ids: Vec<Vec<usize>> = Vec::new();
        for g in groups {
            let mut v = Vec::new();
            for (id, label) in g {
                match self.node(&id, label, false) {
                    Ok(x) => v.push(x),
                    Err(e) => return Some(Err(e)),
                }
            }
            ids.push(v);
        }
        for (k, l) in links.iter().enumerate() {
            if l.invisible {
                continue;
            }
            for &a in &ids[k] {
                for &b in &ids[k + 1] {
                    if l.cross {
                        let (x, y) = (&self.g.nodes[a].id, &self.g.nodes[b].id);
                        self.g.warnings.push(Warning::new(
                            format!("「{x} {} {y}」は「つながらない」ことを表す線なので、線として取り込みませんでした。", l.text),
                            format!("\"{x} {} {y}\" means \"no connection\", so it was not imported as an edge.", l.text),
                        ));
                        continue;
                    }
                    if self.g.edges.len() >= MAX_EDGES {
                        return Some(Err(MermaidError::TooManyEdges));
                    }
                    self.g.edges.push(PEdge {
                        from: a,
                        to: b,
                        label: l.label.clone(),
                    });
                }
            }
        }
        Some(Ok(()))
    }
}

fn skip_ws(c: &[char], i: &mut usize) {
    while *i < c.len() && c[*i].is_whitespace() {
        *i += 1;
    }
}

/// An id: letters, digits, `_`, `$`, and `-` between such characters (`my-node`).
fn read_id(c: &[char], i: &mut usize) -> String {
    let start = *i;
    while *i < c.len() {
        let ch = c[*i];
        if is_id_char(ch)
            || ch == '-'
                && *i > start
                && c.get(*i + 1).is_some_and(|n| is_id_char(*n))
                && !link_ahead(c, *i)
        {
            *i += 1;
        } else {
            break;
        }
    }
    c[start..*i].iter().collect()
}

/// Whether a link starts at `i` (`--`, `-.`, `==`, …) rather than an id's hyphen.
fn link_ahead(c: &[char], i: usize) -> bool {
    matches!(
        (c.get(i), c.get(i + 1)),
        (Some('-'), Some('-' | '.' | '>')) | (Some('.'), Some('-')) | (Some('='), Some('=' | '>'))
    )
}

/// `node (& node)*`.
fn group(c: &[char], i: &mut usize) -> Option<Vec<(String, Option<String>)>> {
    let mut out = Vec::new();
    loop {
        skip_ws(c, i);
        let id = read_id(c, i);
        if id.is_empty() {
            return None;
        }
        let mut label = None;
        if *i < c.len() && "[({>".contains(c[*i]) {
            label = Some(shape(c, i)?);
        }
        // `:::class` and `@{ … }` (new shape syntax) are skipped.
        if c[*i..].starts_with(&[':', ':', ':']) {
            *i += 3;
            read_id(c, i);
        }
        if *i < c.len() && c[*i] == '@' && c.get(*i + 1) == Some(&'{') {
            let close = c[*i..].iter().position(|ch| *ch == '}')?;
            *i += close + 1;
        }
        out.push((id, label));
        skip_ws(c, i);
        if *i < c.len() && c[*i] == '&' {
            *i += 1;
            continue;
        }
        return Some(out);
    }
}

/// A quoted string starting at `c[i] == '"'`: its raw content and the index after the quote.
fn quoted(c: &[char], i: usize) -> Option<(String, usize)> {
    let close = c[i + 1..].iter().position(|ch| *ch == '"')?;
    Some((c[i + 1..i + 1 + close].iter().collect(), i + close + 2))
}

/// A shape with its label: `[…]`, `(…)`, `([…])`, `[[…]]`, `[(…)]`, `((…))`, `{…}`, `{{…}}`,
/// `>…]`, `[/…/]`, `[\…\]`; the label decoded.
fn shape(c: &[char], i: &mut usize) -> Option<String> {
    let mut open = String::new();
    while *i < c.len() && open.len() < 3 && "[({>/\\".contains(c[*i]) {
        if !open.is_empty() && c[*i] == '>' {
            break;
        }
        open.push(c[*i]);
        *i += 1;
    }
    skip_ws(c, i);
    let label = if *i < c.len() && c[*i] == '"' {
        let (raw, next) = quoted(c, *i)?;
        *i = next;
        skip_ws(c, i);
        strip_markdown(&raw)
    } else {
        let start = *i;
        let mut depth = 0usize;
        while *i < c.len() {
            let ch = c[*i];
            if "[({".contains(ch) {
                depth += 1;
            } else if "])}".contains(ch) {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            *i += 1;
        }
        let mut raw: String = c[start..*i].iter().collect();
        if open.contains(['/', '\\']) {
            while raw.ends_with(['/', '\\']) {
                raw.pop();
            }
        }
        raw.trim().to_owned()
    };
    // The closing run.
    let start = *i;
    while *i < c.len() && *i - start < 3 && "])}/\\".contains(c[*i]) {
        *i += 1;
    }
    if *i == start {
        return None;
    }
    Some(unescape_label(&label))
}

fn strip_markdown(raw: &str) -> String {
    if raw.len() >= 2 && raw.starts_with('`') && raw.ends_with('`') {
        raw[1..raw.len() - 1].to_owned()
    } else {
        raw.to_owned()
    }
}

/// A link: `-->`, `---`, `-.->`, `==>`, `<-->`, `--x`, `--o`, `~~~`, `-- text -->`, then an
/// optional `|label|`.
fn link(c: &[char], i: &mut usize) -> Option<Link> {
    let start = *i;
    let mut cross = false;
    if *i < c.len() && c[*i] == '<' {
        *i += 1;
    } else if *i + 1 < c.len() && matches!(c[*i], 'x' | 'o') && "-=.".contains(c[*i + 1]) {
        cross = c[*i] == 'x';
        *i += 1;
    }
    let run_start = *i;
    while *i < c.len() && "-=.~".contains(c[*i]) {
        *i += 1;
    }
    let run: String = c[run_start..*i].iter().collect();
    if run.is_empty() {
        return None;
    }
    let mut label = None;
    let mut head = false;
    if *i < c.len() && c[*i] == '>' {
        head = true;
        *i += 1;
    }
    if !head && matches!(run.as_str(), "--" | "==" | "-.") && *i < c.len() && c[*i].is_whitespace()
    {
        // `-- text -->`: the text runs to the next link run.
        let text_start = *i;
        let mut j = *i;
        while j + 1 < c.len() && !(("-=.".contains(c[j])) && "-=.>".contains(c[j + 1])) {
            j += 1;
        }
        if j + 1 >= c.len() {
            return None;
        }
        let text: String = c[text_start..j].iter().collect();
        label = Some(unescape_label(text.trim()));
        *i = j;
        while *i < c.len() && "-=.".contains(c[*i]) {
            *i += 1;
        }
        if *i < c.len() && c[*i] == '>' {
            *i += 1;
        }
    }
    if run.len() + usize::from(head) < 2 && label.is_none() {
        return None;
    }
    if !head && *i < c.len() && matches!(c[*i], 'x' | 'o') {
        let next = c.get(*i + 1);
        if next.is_none_or(|n| n.is_whitespace() || *n == '|') {
            cross |= c[*i] == 'x';
            *i += 1;
        }
    }
    let text: String = c[start..*i].iter().collect();
    skip_ws(c, i);
    if *i < c.len() && c[*i] == '|' {
        *i += 1;
        skip_ws(c, i);
        let raw = if *i < c.len() && c[*i] == '"' {
            let (raw, next) = quoted(c, *i)?;
            *i = next;
            skip_ws(c, i);
            raw
        } else {
            let close = c[*i..].iter().position(|ch| *ch == '|')?;
            let raw: String = c[*i..*i + close].iter().collect();
            *i += close;
            raw.trim().to_owned()
        };
        if *i >= c.len() || c[*i] != '|' {
            return None;
        }
        *i += 1;
        label = Some(unescape_label(&strip_markdown(&raw)));
    }
    Some(Link {
        label,
        cross,
        invisible: run.contains('~'),
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(text: &str) -> Graph {
        parse(text).unwrap()
    }

    #[test]
    fn reads_nodes_links_and_subgraphs() {
        let gr = g("graph LR; A[Start] -- go --> B(Next) -.-> C{{\"Hex #quot;q#quot;\"}}\nsubgraph S[\"Box\"]\n D & E --> F\nend\n%% comment\nA <-->|x| D\nA --o E\nA ~~~ F");
        assert_eq!(gr.direction, Direction::LeftRight);
        let labels: Vec<_> = gr
            .nodes
            .iter()
            .map(|n| (n.id.as_str(), n.label.as_deref()))
            .collect();
        assert_eq!(
            labels,
            [
                ("A", Some("Start")),
                ("B", Some("Next")),
                ("C", Some("Hex \"q\"")),
                ("S", Some("Box")),
                ("D", None),
                ("E", None),
                ("F", None)
            ]
        );
        assert_eq!(gr.nodes[4].parent, Some(3));
        let edges: Vec<_> = gr
            .edges
            .iter()
            .map(|e| (e.from, e.to, e.label.as_deref()))
            .collect();
        assert_eq!(
            edges,
            [
                (0, 1, Some("go")),
                (1, 2, None),
                (4, 6, None),
                (5, 6, None),
                (0, 4, Some("x")),
                (0, 5, None)
            ]
        );
    }

    #[test]
    fn rejects_other_diagrams() {
        assert_eq!(
            parse("sequenceDiagram\nA->>B: hi").unwrap_err(),
            MermaidError::NotAFlowchart {
                found: "sequenceDiagram".into()
            }
        );
        assert_eq!(parse("  \n%% only\n").unwrap_err(), MermaidError::Empty);
        assert!(parse("# Title\n```mermaid\nflowchart TB\n A --> B\n```\n").is_ok());
    }
}
