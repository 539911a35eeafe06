//! Compose's variable interpolation, parsed instead of substituted: `$$`, `$NAME`, `${NAME}`,
//! `${NAME:-default}`, `${NAME-default}`, `${NAME:?message}`, `${NAME?message}`,
//! `${NAME:+replacement}`, `${NAME+replacement}`, with templates nested inside the word
//! (compose-spec/compose-go `template/template.go`).
//!
//! An importer keeps variables symbolic (`${DB_PORT:-5432}` is a variable with a default, not
//! the number 5432) and evaluates a template only where the configuration needs a value, against
//! the env files the user gave. A malformed `${…}` is refused with its position, as
//! `docker compose` refuses it; a `$` before anything but a name or `{` is literal, as there.

use std::fmt;

/// A parsed string: literal text and variable references, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Template(pub Vec<Piece>);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// Literal text (`$$` already read as `$`).
    Text(String),
    Var(Var),
}

/// `${name<op><word>}` or `$name`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Var {
    pub name: String,
    pub op: Option<Op>,
    /// Written with braces (`${NAME}`) rather than bare (`$NAME`): kept so text round-trips.
    pub braced: bool,
}

/// What happens when the variable is unset (or, with `if_empty`, empty too).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// `:-word` / `-word`: the word instead.
    Default { word: Template, if_empty: bool },
    /// `:?message` / `?message`: an error naming the variable.
    Required { message: Template, if_empty: bool },
    /// `:+word` / `+word`: the word when the variable *is* set, else nothing.
    Alternate { word: Template, if_empty: bool },
}

/// A template that cannot be read, with the byte offset where reading stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub offset: usize,
    pub message: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid interpolation at character {}: {}",
            self.offset + 1,
            self.message
        )
    }
}

/// Evaluation stopped on a required variable (`${NAME:?message}`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingVariable {
    pub name: String,
    pub message: String,
}

impl fmt::Display for MissingVariable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            write!(f, "required variable {} is missing a value", self.name)
        } else {
            write!(
                f,
                "required variable {} is missing a value: {}",
                self.name, self.message
            )
        }
    }
}

impl Template {
    /// Parses a whole string.
    pub fn parse(text: &str) -> Result<Template, SyntaxError> {
        let mut parser = Parser { text, pos: 0 };
        let template = parser.template(false)?;
        debug_assert_eq!(parser.pos, text.len());
        Ok(template)
    }

    /// The text when there is no variable in it.
    pub fn literal(&self) -> Option<String> {
        let mut out = String::new();
        for piece in &self.0 {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Var(_) => return None,
            }
        }
        Some(out)
    }

    /// Every variable named, nested ones included, in order of appearance.
    pub fn variables(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_variables(&mut out);
        out
    }

    fn collect_variables<'a>(&'a self, out: &mut Vec<&'a str>) {
        for piece in &self.0 {
            if let Piece::Var(var) = piece {
                out.push(&var.name);
                match &var.op {
                    Some(Op::Default { word, .. }) | Some(Op::Alternate { word, .. }) => {
                        word.collect_variables(out)
                    }
                    Some(Op::Required { message, .. }) => message.collect_variables(out),
                    None => {}
                }
            }
        }
    }

    /// The value, looking variables up with `lookup` (unset: `None`); an unset variable with no
    /// operator is empty, as compose has it (compose warns; the importer does too).
    pub fn evaluate(
        &self,
        lookup: &dyn Fn(&str) -> Option<String>,
    ) -> Result<String, MissingVariable> {
        let mut out = String::new();
        for piece in &self.0 {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Var(var) => {
                    let value = lookup(&var.name);
                    let absent =
                        |if_empty: bool| value.as_ref().is_none_or(|v| if_empty && v.is_empty());
                    match &var.op {
                        None => out.push_str(value.as_deref().unwrap_or("")),
                        Some(Op::Default { word, if_empty }) => {
                            if absent(*if_empty) {
                                out.push_str(&word.evaluate(lookup)?);
                            } else {
                                out.push_str(value.as_deref().unwrap_or(""));
                            }
                        }
                        Some(Op::Required { message, if_empty }) => {
                            if absent(*if_empty) {
                                return Err(MissingVariable {
                                    name: var.name.clone(),
                                    message: message.evaluate(lookup)?,
                                });
                            }
                            out.push_str(value.as_deref().unwrap_or(""));
                        }
                        Some(Op::Alternate { word, if_empty }) => {
                            if !absent(*if_empty) {
                                out.push_str(&word.evaluate(lookup)?);
                            }
                        }
                    }
                }
            }
        }
        Ok(out)
    }
}

/// Writes the template back in compose syntax (`$` as `$$`), so parse and display round-trip.
impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for piece in &self.0 {
            match piece {
                Piece::Text(t) => f.write_str(&t.replace('$', "$$"))?,
                Piece::Var(Var {
                    name,
                    op: None,
                    braced: false,
                }) => write!(f, "${name}")?,
                Piece::Var(Var { name, op, .. }) => {
                    write!(f, "${{{name}")?;
                    let (sign, word, if_empty) = match op {
                        None => ("", None, false),
                        Some(Op::Default { word, if_empty }) => ("-", Some(word), *if_empty),
                        Some(Op::Required { message, if_empty }) => ("?", Some(message), *if_empty),
                        Some(Op::Alternate { word, if_empty }) => ("+", Some(word), *if_empty),
                    };
                    if if_empty {
                        f.write_str(":")?;
                    }
                    f.write_str(sign)?;
                    if let Some(word) = word {
                        write!(f, "{word}")?;
                    }
                    f.write_str("}")?;
                }
            }
        }
        Ok(())
    }
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

fn is_name_start(c: char) -> bool {
    c == '_' || c.is_ascii_alphabetic()
}

fn is_name_char(c: char) -> bool {
    c == '_' || c.is_ascii_alphanumeric()
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn error(&self, offset: usize, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            offset,
            message: message.into(),
        }
    }

    /// Reads pieces up to the end, or (inside a word) up to the `}` that closes it.
    fn template(&mut self, in_word: bool) -> Result<Template, SyntaxError> {
        let mut pieces: Vec<Piece> = Vec::new();
        let mut text = String::new();
        while let Some(c) = self.peek() {
            match c {
                '}' if in_word => break,
                '$' => {
                    let start = self.pos;
                    self.pos += 1;
                    match self.peek() {
                        Some('$') => {
                            self.pos += 1;
                            text.push('$');
                        }
                        Some('{') => {
                            self.pos += 1;
                            flush(&mut pieces, &mut text);
                            pieces.push(Piece::Var(self.braced(start)?));
                        }
                        Some(c) if is_name_start(c) => {
                            flush(&mut pieces, &mut text);
                            let name = self.name();
                            pieces.push(Piece::Var(Var {
                                name,
                                op: None,
                                braced: false,
                            }));
                        }
                        // A `$` before anything else (`$1`, `5$`) is literal, as compose reads it.
                        _ => text.push('$'),
                    }
                }
                _ => {
                    text.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
        flush(&mut pieces, &mut text);
        Ok(Template(pieces))
    }

    fn name(&mut self) -> String {
        let start = self.pos;
        while self.peek().is_some_and(is_name_char) {
            self.pos += 1;
        }
        self.text[start..self.pos].to_string()
    }

    /// After `${`: the name, an optional operator and word, and the closing `}`.
    fn braced(&mut self, start: usize) -> Result<Var, SyntaxError> {
        if !self.peek().is_some_and(is_name_start) {
            return Err(self.error(start, "`${` must be followed by a variable name"));
        }
        let name = self.name();
        let if_empty = self.peek() == Some(':');
        if if_empty {
            self.pos += 1;
        }
        let op = match self.peek() {
            Some('}') if !if_empty => None,
            Some(sign @ ('-' | '?' | '+')) => {
                self.pos += 1;
                let word = self.template(true)?;
                Some(match sign {
                    '-' => Op::Default { word, if_empty },
                    '?' => Op::Required {
                        message: word,
                        if_empty,
                    },
                    _ => Op::Alternate { word, if_empty },
                })
            }
            None => return Err(self.error(start, format!("`${{{name}` is never closed"))),
            Some(other) => {
                return Err(self.error(
                    self.pos,
                    format!("unexpected `{other}` in `${{{name}…}}` (expected `}}`, `:-`, `-`, `:?`, `?`, `:+` or `+`)"),
                ))
            }
        };
        if self.peek() != Some('}') {
            return Err(self.error(start, format!("`${{{name}` is never closed")));
        }
        self.pos += 1;
        Ok(Var {
            name,
            op,
            braced: true,
        })
    }
}

fn flush(pieces: &mut Vec<Piece>, text: &mut String) {
    if !text.is_empty() {
        pieces.push(Piece::Text(std::mem::take(text)));
    }
}

#[cfg(test)]
mod tests;
