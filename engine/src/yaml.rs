//! A small YAML emitter for generated files.
//!
//! serde_yaml's emitter puts sequence items at the parent's indentation (a yamllint error)
//! and cannot carry comments, so generated YAML goes through this instead: block style,
//! two-space indentation with indented sequences, and a string is left plain only when it
//! cannot be read as anything but that string; otherwise it is double-quoted and escaped.

use serde::Serialize;
use serde_json::Value;

/// Serializes `value` (a struct or map) as a block of YAML lines at `indent` spaces.
pub fn to_yaml_block<T: Serialize>(value: &T, indent: usize) -> String {
    let value = serde_json::to_value(value).unwrap_or(Value::Null);
    let mut out = String::new();
    emit_mapping_entries(&value, indent, &mut out);
    out
}

/// One `key: value` entry (the value may be a nested block).
pub fn entry<T: Serialize>(key: &str, value: &T, indent: usize) -> String {
    let value = serde_json::to_value(value).unwrap_or(Value::Null);
    let mut out = String::new();
    emit_entry(key, &value, indent, &mut out);
    out
}

fn emit_mapping_entries(value: &Value, indent: usize, out: &mut String) {
    if let Value::Object(map) = value {
        for (k, v) in map {
            emit_entry(k, v, indent, out);
        }
    }
}

fn emit_entry(key: &str, value: &Value, indent: usize, out: &mut String) {
    out.push_str(&" ".repeat(indent));
    out.push_str(&scalar_str(key));
    out.push(':');
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            emit_mapping_entries(value, indent + 2, out);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            emit_sequence(items, indent + 2, out);
        }
        _ => {
            out.push(' ');
            out.push_str(&inline(value));
            out.push('\n');
        }
    }
}

fn emit_sequence(items: &[Value], indent: usize, out: &mut String) {
    for item in items {
        out.push_str(&" ".repeat(indent));
        out.push_str("- ");
        match item {
            Value::Object(map) if !map.is_empty() => {
                // First entry on the dash line, the rest aligned under it.
                let mut nested = String::new();
                emit_mapping_entries(item, indent + 2, &mut nested);
                out.push_str(nested.trim_start());
            }
            Value::Array(inner) if !inner.is_empty() => {
                let mut nested = String::new();
                emit_sequence(inner, indent + 2, &mut nested);
                out.push_str(nested.trim_start());
            }
            _ => {
                out.push_str(&inline(item));
                out.push('\n');
            }
        }
    }
}

fn inline(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => scalar_str(s),
        Value::Array(_) => "[]".into(),
        Value::Object(_) => "{}".into(),
    }
}

/// A string as a YAML scalar: plain when unambiguous, else double-quoted.
pub fn scalar_str(s: &str) -> String {
    if is_plain_safe(s) {
        s.to_string()
    } else {
        double_quoted(s)
    }
}

pub fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || c == '\u{feff}' || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn is_plain_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    // Anything that starts like a number, sign or special indicator is quoted, which also
    // covers YAML 1.1 sexagesimal readings of "3000:3000".
    if first.is_ascii_digit() || "-+.?:,[]{}#&*!|>'\"%@`~ ".contains(first) {
        return false;
    }
    if s.ends_with(' ') || s.ends_with(':') || s.contains(": ") || s.contains(" #") {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "null" | "nan" | "inf"
    ) {
        return false;
    }
    s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "_./:@%+=,${}()~- ".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Keys come out in struct field order, not sorted: serde_json's `preserve_order` feature
    /// (workspace Cargo.toml) is what keeps compose's `image` before `build` and render.yaml's
    /// `type` first.
    #[test]
    fn keys_keep_struct_field_order() {
        #[derive(serde::Serialize)]
        struct Ordered {
            zebra: u8,
            apple: u8,
            mango: u8,
        }
        let text = to_yaml_block(
            &Ordered {
                zebra: 1,
                apple: 2,
                mango: 3,
            },
            0,
        );
        assert_eq!(text, "zebra: 1\napple: 2\nmango: 3\n");
    }

    #[test]
    fn emits_indented_sequences_and_round_trips() {
        let v = json!({"services": {"web": {"ports": ["3000:3000"], "environment": {"A": "x: y", "B": "yes", "C": "-x", "D": "✓ # no"}, "healthcheck": {"test": ["CMD", "true"], "retries": 3}}}, "volumes": {"data": {}}});
        let text = to_yaml_block(&v, 0);
        assert!(
            text.contains("    ports:\n      - \"3000:3000\"\n"),
            "{text}"
        );
        let back: serde_json::Value = serde_yaml::from_str(&text).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn nasty_strings_round_trip() {
        for s in [
            "", " lead", "trail ", "a: b", "#x", "x #y", "'q'", "\"", "\\", "*star", "-dash",
            "null", "Yes", "1e3", "0x1F", "ünï", "a\nb", "\t", "$$HOME", "{a}", "[a]", "@x", "`x`",
            "%x", "!x", "&x", "|", ">",
        ] {
            let text = entry("k", &s, 0);
            let back: std::collections::BTreeMap<String, String> =
                serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{s:?}: {e}: {text}"));
            assert_eq!(back["k"], s, "{text}");
        }
    }
}
