//! A Markdown reader for the guides the engine writes (DOCKER.md, KUBERNETES.md): headings,
//! paragraphs, bullet and numbered lists (with continuation lines), fenced code, pipe tables,
//! and inline code, bold, links and `<http…>` autolinks. It yields typed blocks, and `to_nodes`
//! turns them into `crate::markup` nodes (text is only ever text, so nothing from the
//! configuration can become HTML). Pure, so tests read its output directly.

use crate::markup::{el, text, Node};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Heading(usize, Vec<Inline>),
    Paragraph(Vec<Inline>),
    List {
        ordered: bool,
        items: Vec<Vec<Inline>>,
    },
    Code(String),
    Table {
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Code(String),
    Strong(Vec<Inline>),
    /// Only `http(s)` targets become links; any other target stays text.
    Link(Vec<Inline>, String),
}

fn list_marker(line: &str) -> Option<(bool, &str)> {
    let t = line.trim_start();
    if let Some(rest) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) {
        return Some((false, rest));
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        if let Some(rest) = t[digits..].strip_prefix(". ") {
            return Some((true, rest));
        }
    }
    None
}

fn cells(line: &str) -> Vec<&str> {
    let t = line.trim().trim_start_matches('|').trim_end_matches('|');
    t.split('|').map(str::trim).collect()
}

fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// Reads a whole document.
pub fn parse(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let t = line.trim_start();
        if t.is_empty() {
            i += 1;
        } else if t.starts_with("```") {
            let mut code = Vec::new();
            i += 1;
            while i < lines.len() && !lines[i].trim_start().starts_with("```") {
                code.push(lines[i]);
                i += 1;
            }
            i += 1; // the closing fence
            blocks.push(Block::Code(code.join("\n")));
        } else if t.starts_with('#') {
            let level = t.bytes().take_while(|&b| b == b'#').count();
            blocks.push(Block::Heading(level.min(6), inline(t[level..].trim())));
            i += 1;
        } else if t.starts_with('|') && i + 1 < lines.len() && is_rule(lines[i + 1]) {
            let head = cells(t).into_iter().map(inline).collect();
            let mut rows = Vec::new();
            i += 2;
            while i < lines.len() && lines[i].trim_start().starts_with('|') {
                rows.push(cells(lines[i]).into_iter().map(inline).collect());
                i += 1;
            }
            blocks.push(Block::Table { head, rows });
        } else if let Some((ordered, _)) = list_marker(line) {
            let mut items: Vec<String> = Vec::new();
            while i < lines.len() {
                let l = lines[i];
                match list_marker(l) {
                    Some((o, rest)) if o == ordered => items.push(rest.to_string()),
                    // An indented line continues the item.
                    None if !l.trim().is_empty() && l.starts_with(' ') && !items.is_empty() => {
                        if let Some(last) = items.last_mut() {
                            last.push(' ');
                            last.push_str(l.trim());
                        }
                    }
                    _ => break,
                }
                i += 1;
            }
            blocks.push(Block::List {
                ordered,
                items: items.iter().map(|s| inline(s)).collect(),
            });
        } else {
            let mut para = Vec::new();
            while i < lines.len() {
                let l = lines[i].trim_start();
                if l.is_empty()
                    || l.starts_with('#')
                    || l.starts_with("```")
                    || l.starts_with('|')
                    || list_marker(lines[i]).is_some()
                {
                    break;
                }
                para.push(l);
                i += 1;
            }
            blocks.push(Block::Paragraph(inline(&para.join(" "))));
        }
    }
    blocks
}

/// Reads inline code, bold and links; everything else is text.
pub fn inline(s: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut rest = s;
    let flush = |text: &mut String, out: &mut Vec<Inline>| {
        if !text.is_empty() {
            out.push(Inline::Text(std::mem::take(text)));
        }
    };
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            let ticks = rest.bytes().take_while(|&b| b == b'`').count();
            let fence = &rest[..ticks];
            if let Some(end) = rest[ticks..].find(fence) {
                flush(&mut text, &mut out);
                out.push(Inline::Code(rest[ticks..ticks + end].trim().to_string()));
                rest = &rest[ticks + end + ticks..];
                continue;
            }
        } else if let Some(after) = rest.strip_prefix("**") {
            if let Some(end) = after.find("**") {
                flush(&mut text, &mut out);
                out.push(Inline::Strong(inline(&after[..end])));
                rest = &after[end + 2..];
                continue;
            }
        } else if c == '<' && (rest.starts_with("<http://") || rest.starts_with("<https://")) {
            if let Some(end) = rest.find('>') {
                flush(&mut text, &mut out);
                let url = &rest[1..end];
                out.push(Inline::Link(
                    vec![Inline::Text(url.to_string())],
                    url.to_string(),
                ));
                rest = &rest[end + 1..];
                continue;
            }
        } else if c == '[' {
            if let Some(close) = rest.find("](") {
                if let Some(end) = rest[close + 2..].find(')') {
                    let label = &rest[1..close];
                    let target = &rest[close + 2..close + 2 + end];
                    flush(&mut text, &mut out);
                    if target.starts_with("https://") || target.starts_with("http://") {
                        out.push(Inline::Link(inline(label), target.to_string()));
                    } else {
                        out.extend(inline(label));
                        out.push(Inline::Text(format!(" ({target})")));
                    }
                    rest = &rest[close + 3 + end..];
                    continue;
                }
            }
        }
        text.push(c);
        rest = &rest[c.len_utf8()..];
    }
    flush(&mut text, &mut out);
    out
}

/// The blocks as markup. The guide's headings start at `h3` (the page has its own `h1`, `h2`).
pub fn to_nodes(blocks: &[Block]) -> Vec<Node> {
    const HEADINGS: [&str; 6] = ["h3", "h4", "h5", "h6", "h6", "h6"];
    blocks
        .iter()
        .map(|b| match b {
            Block::Heading(level, inlines) => el(
                HEADINGS[level.saturating_sub(1).min(5)],
                inline_nodes(inlines),
            ),
            Block::Paragraph(inlines) => el("p", inline_nodes(inlines)),
            Block::List { ordered, items } => el(
                if *ordered { "ol" } else { "ul" },
                items.iter().map(|i| el("li", inline_nodes(i))).collect(),
            ),
            Block::Code(code) => el("pre", vec![el("code", vec![text(code.clone())])]),
            Block::Table { head, rows } => el(
                "table",
                vec![
                    el(
                        "thead",
                        vec![el(
                            "tr",
                            head.iter()
                                .map(|c| el("th", inline_nodes(c)).attr("scope", "col"))
                                .collect(),
                        )],
                    ),
                    el(
                        "tbody",
                        rows.iter()
                            .map(|r| {
                                el("tr", r.iter().map(|c| el("td", inline_nodes(c))).collect())
                            })
                            .collect(),
                    ),
                ],
            ),
        })
        .collect()
}

fn inline_nodes(inlines: &[Inline]) -> Vec<Node> {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text(t) => text(t.clone()),
            Inline::Code(t) => el("code", vec![text(t.clone())]),
            Inline::Strong(inner) => el("strong", inline_nodes(inner)),
            Inline::Link(inner, href) => el("a", inline_nodes(inner))
                .attr("href", href.clone())
                .attr("rel", "noopener noreferrer")
                .attr("target", "_blank"),
        })
        .collect()
}
