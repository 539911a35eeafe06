//! Quoting of values in generated `.env` files, matching Docker Compose's env-file parser.
//!
//! Compose reads unquoted values with `#` comments stripped and `${}` expanded, single-quoted
//! values literally (but a single quote cannot appear inside, and `\'` ends nothing), and
//! double-quoted values with `\" \\ \$ \n` escapes and `${}` expansion. So: plain when
//! obviously safe, single quotes when there is no `'` or `\`, else double quotes with every
//! special character escaped.

pub fn quote_value(value: &str) -> String {
    if value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "_./:@+,-".contains(c))
    {
        return value.to_string();
    }
    // Compose reads `\'` as an escaped quote even inside single quotes, so a backslash
    // anywhere sends the value to double quotes where every escape is explicit.
    if !value.contains(['\'', '\n', '\\']) {
        return format!("'{value}'");
    }
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '$' => out.push_str("\\$"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One `KEY=value` line.
pub fn line(key: &str, value: &str) -> String {
    format!("{key}={}", quote_value(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_choices() {
        assert_eq!(quote_value("abc-1.2"), "abc-1.2");
        assert_eq!(quote_value(""), "");
        assert_eq!(quote_value("a b"), "'a b'");
        assert_eq!(quote_value("x$y #z"), "'x$y #z'");
        assert_eq!(quote_value("it's $HOME"), "\"it's \\$HOME\"");
        assert_eq!(quote_value("ends\\"), "\"ends\\\\\"");
    }
}
