//! The `.env` format as Docker Compose reads it: quoting of values in generated files, and
//! reading the env files a user imports (for interpolation).
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

/// Reads an env file: `KEY=value` lines (an `export ` prefix allowed), `#` comments, values
/// single-quoted (literal), double-quoted (`\n \" \\ \$` escapes) or plain (a ` #` starts a
/// comment); a line without `=` is a name with no value. Lines that are not assignments are
/// skipped. Values are taken literally: compose's `${}` expansion inside env files is not
/// applied (the importer keeps variables symbolic).
pub fn parse(text: &str) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").unwrap_or(line).trim_start();
        let (key, value) = match line.split_once('=') {
            Some((k, v)) => (k.trim(), Some(v.trim_start())),
            None => (line, None),
        };
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
        {
            continue;
        }
        let value = value.map(|v| {
            if let Some(rest) = v.strip_prefix('\'') {
                rest.split('\'').next().unwrap_or("").to_string()
            } else if let Some(rest) = v.strip_prefix('"') {
                let mut value = String::new();
                let mut chars = rest.chars();
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => match chars.next() {
                            Some('n') => value.push('\n'),
                            Some(other) => value.push(other),
                            None => {}
                        },
                        c => value.push(c),
                    }
                }
                value
            } else {
                let end = v.find(" #").unwrap_or(v.len());
                v[..end].trim_end().to_string()
            }
        });
        out.push((key.to_string(), value));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_env_files_as_compose_does() {
        let text = "# comment\nPLAIN=abc # trailing\nexport EXPORTED=1\nSINGLE='a $b #c'\nDOUBLE=\"x\\\"y\\nz\"\nEMPTY=\nBARE\nnot an assignment line\n";
        let parsed = parse(text);
        let get = |k: &str| parsed.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        assert_eq!(get("PLAIN"), Some(Some("abc".into())));
        assert_eq!(get("EXPORTED"), Some(Some("1".into())));
        assert_eq!(get("SINGLE"), Some(Some("a $b #c".into())));
        assert_eq!(get("DOUBLE"), Some(Some("x\"y\nz".into())));
        assert_eq!(get("EMPTY"), Some(Some(String::new())));
        assert_eq!(get("BARE"), Some(None));
        assert_eq!(parsed.len(), 6);
        // What this module writes, it reads back.
        for value in ["abc-1.2", "a b", "x$y #z", "it's $HOME", "ends\\"] {
            let written = line("K", value);
            assert_eq!(
                parse(&written),
                vec![("K".to_string(), Some(value.to_string()))],
                "{written}"
            );
        }
    }

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
