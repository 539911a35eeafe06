//! A small syntax highlighter for the preview: one pass per line, producing (class, text)
//! tokens. Tokens become text nodes inside spans, so file content is never parsed as HTML.

/// Token classes (CSS classes `tok-<class>`).
pub const COMMENT: &str = "c";
pub const KEYWORD: &str = "k";
pub const STRING: &str = "s";
pub const NUMBER: &str = "n";
pub const VARIABLE: &str = "v";
pub const HEADING: &str = "h";
pub const PLAIN: &str = "";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    Dockerfile,
    Yaml,
    Env,
    Shell,
    Sql,
    Markdown,
    Plain,
}

pub fn lang_for(path: &str) -> Lang {
    let name = path.rsplit('/').next().unwrap_or(path);
    if name.starts_with("Dockerfile") {
        Lang::Dockerfile
    } else if name.ends_with(".yml") || name.ends_with(".yaml") {
        Lang::Yaml
    } else if name.starts_with(".env") {
        Lang::Env
    } else if name.ends_with(".sh") {
        Lang::Shell
    } else if name.ends_with(".sql") {
        Lang::Sql
    } else if name.ends_with(".md") {
        Lang::Markdown
    } else {
        Lang::Plain
    }
}

const DOCKER_INSTRUCTIONS: &[&str] = &[
    "FROM",
    "RUN",
    "CMD",
    "COPY",
    "ADD",
    "ENV",
    "ARG",
    "WORKDIR",
    "USER",
    "EXPOSE",
    "ENTRYPOINT",
    "HEALTHCHECK",
    "LABEL",
    "VOLUME",
    "SHELL",
    "STOPSIGNAL",
    "ONBUILD",
];
const SHELL_KEYWORDS: &[&str] = &[
    "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac",
    "in", "function", "return", "exit", "exec", "set", "echo", "local", "export", "cd",
];
const SQL_KEYWORDS: &[&str] = &[
    "CREATE",
    "EXTENSION",
    "IF",
    "NOT",
    "EXISTS",
    "ALTER",
    "DATABASE",
    "SET",
    "TO",
    "DO",
    "BEGIN",
    "END",
    "EXECUTE",
    "SELECT",
    "FROM",
];

struct Tokens(Vec<(&'static str, String)>);

impl Tokens {
    fn push(&mut self, class: &'static str, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.0.last_mut() {
            Some((c, t)) if *c == class => t.push_str(text),
            _ => self.0.push((class, text.to_string())),
        }
    }
}

/// Splits `text` into strings, variables, numbers and words; `keyword` decides which words
/// are keywords.
fn scan(out: &mut Tokens, text: &str, keyword: &dyn Fn(&str) -> bool, comment: Option<&str>) {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let rest: String = chars[i..].iter().collect();
        if let Some(marker) = comment {
            if rest.starts_with(marker) && (i == 0 || chars[i - 1].is_whitespace()) {
                out.push(COMMENT, &rest);
                return;
            }
        }
        if c == '"' || c == '\'' || c == '`' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != c {
                if chars[j] == '\\' {
                    j += 1;
                }
                j += 1;
            }
            let end = (j + 1).min(chars.len());
            out.push(STRING, &chars[i..end].iter().collect::<String>());
            i = end;
        } else if c == '$' {
            let mut j = i + 1;
            if j < chars.len() && chars[j] == '{' {
                while j < chars.len() && chars[j] != '}' {
                    j += 1;
                }
                j = (j + 1).min(chars.len());
            } else {
                while j < chars.len()
                    && (chars[j].is_alphanumeric()
                        || chars[j] == '_'
                        || chars[j] == '@'
                        || chars[j] == '#')
                {
                    j += 1;
                }
            }
            out.push(VARIABLE, &chars[i..j].iter().collect::<String>());
            i = j;
        } else if c.is_alphanumeric() || c == '_' || c == '-' {
            let mut j = i;
            while j < chars.len()
                && (chars[j].is_alphanumeric()
                    || chars[j] == '_'
                    || chars[j] == '-'
                    || chars[j] == '.')
            {
                j += 1;
            }
            let word: String = chars[i..j].iter().collect();
            let class = if keyword(&word) {
                KEYWORD
            } else if word.chars().all(|c| c.is_ascii_digit() || c == '.') {
                NUMBER
            } else {
                PLAIN
            };
            out.push(class, &word);
            i = j;
        } else {
            out.push(PLAIN, &c.to_string());
            i += 1;
        }
    }
}

/// Tokens of one line (without its newline).
pub fn highlight_line(lang: Lang, line: &str) -> Vec<(&'static str, String)> {
    let mut out = Tokens(Vec::new());
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    match lang {
        Lang::Plain => out.push(PLAIN, line),
        Lang::Markdown => {
            if trimmed.starts_with('#') {
                out.push(HEADING, line);
            } else if trimmed.starts_with("```") {
                out.push(STRING, line);
            } else {
                let mut in_code = false;
                for (k, part) in line.split('`').enumerate() {
                    if k > 0 {
                        out.push(STRING, "`");
                    }
                    out.push(if in_code { STRING } else { PLAIN }, part);
                    in_code = !in_code;
                }
            }
        }
        _ if (lang != Lang::Sql && trimmed.starts_with('#'))
            || (lang == Lang::Sql && trimmed.starts_with("--")) =>
        {
            out.push(COMMENT, line)
        }
        Lang::Dockerfile => {
            out.push(PLAIN, indent);
            let word_end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
            let first = &trimmed[..word_end];
            if DOCKER_INSTRUCTIONS.contains(&first) {
                out.push(KEYWORD, first);
                scan(&mut out, &trimmed[word_end..], &|w| w == "AS", None);
            } else {
                scan(&mut out, trimmed, &|_| false, None);
            }
        }
        Lang::Yaml => {
            out.push(PLAIN, indent);
            let mut body = trimmed;
            if let Some(rest) = body.strip_prefix("- ") {
                out.push(PLAIN, "- ");
                body = rest;
            }
            match body
                .find(": ")
                .or_else(|| body.strip_suffix(':').map(|b| b.len()))
            {
                Some(k) if !body.starts_with(['"', '\'']) || body[..k].ends_with(['"', '\'']) => {
                    out.push(KEYWORD, &body[..k]);
                    out.push(PLAIN, ":");
                    scan(
                        &mut out,
                        &body[(k + 1).min(body.len())..],
                        &|w| matches!(w, "true" | "false" | "null"),
                        Some("#"),
                    );
                }
                _ => scan(
                    &mut out,
                    body,
                    &|w| matches!(w, "true" | "false" | "null"),
                    Some("#"),
                ),
            }
        }
        Lang::Env => match line.split_once('=') {
            Some((k, v)) => {
                out.push(KEYWORD, k);
                out.push(PLAIN, "=");
                out.push(STRING, v);
            }
            None => out.push(PLAIN, line),
        },
        Lang::Shell => scan(&mut out, line, &|w| SHELL_KEYWORDS.contains(&w), Some("#")),
        Lang::Sql => scan(&mut out, line, &|w| SQL_KEYWORDS.contains(&w), Some("--")),
    }
    out.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_reassemble_the_line() {
        let lines = [
            (
                Lang::Yaml,
                "      - \"127.0.0.1:${POSTGRES_PORT:-5432}:5432\" # x",
            ),
            (Lang::Dockerfile, "FROM node:${NODE_VERSION}-alpine AS base"),
            (Lang::Env, "A='b c'"),
            (Lang::Shell, "  if [ \"$waited\" -ge \"$limit\" ]; then"),
            (Lang::Sql, "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\";"),
            (Lang::Markdown, "Run `docker compose up` now"),
            (Lang::Yaml, "unterminated: \"abc"),
        ];
        for (lang, line) in lines {
            let joined: String = highlight_line(lang, line)
                .into_iter()
                .map(|(_, t)| t)
                .collect();
            assert_eq!(joined, line);
        }
        assert_eq!(
            highlight_line(Lang::Dockerfile, "RUN x")[0],
            (KEYWORD, "RUN".to_string())
        );
    }
}
