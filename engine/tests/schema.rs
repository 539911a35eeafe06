//! The JSON Schema describes every field a configuration can hold: every key of every preset
//! and of random configurations is in it, and every enum value is allowed.

#[path = "support/arb.rs"]
mod arb;

use dockwright_engine::{presets, schema::json_schema};
use proptest::prelude::*;
use serde_json::Value;

/// Checks `value` against `schema` for the parts the schema states; returns the offending paths.
fn check(schema: &Value, value: &Value, path: &str, out: &mut Vec<String>) {
    if let Some(any) = schema.get("anyOf").and_then(Value::as_array) {
        // Valid when one alternative accepts it (null is the nullable alternative).
        if value.is_null() && any.iter().any(|s| s["type"] == "null") {
            return;
        }
        let mut first = None;
        for alternative in any {
            let mut problems = Vec::new();
            check(alternative, value, path, &mut problems);
            if problems.is_empty() {
                return;
            }
            first.get_or_insert(problems);
        }
        out.extend(first.unwrap_or_default());
        return;
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        if !values.contains(value) {
            out.push(format!("{path}: {value} not in enum"));
        }
        return;
    }
    match (schema.get("type").and_then(Value::as_str), value) {
        (Some("object"), Value::Object(map)) => {
            let props = &schema["properties"];
            for (k, v) in map {
                match props.get(k) {
                    Some(s) => check(s, v, &format!("{path}.{k}"), out),
                    None => out.push(format!("{path}.{k}: not in the schema")),
                }
            }
        }
        (Some("array"), Value::Array(items)) => {
            for (i, v) in items.iter().enumerate() {
                check(&schema["items"], v, &format!("{path}[{i}]"), out);
            }
        }
        (Some("string"), Value::String(_))
        | (Some("boolean"), Value::Bool(_))
        | (Some("integer"), Value::Number(_)) => {}
        (t, v) => out.push(format!("{path}: {v} does not match type {t:?}")),
    }
}

#[test]
fn presets_conform() {
    let schema = json_schema();
    for p in presets::PRESETS {
        let value = serde_json::to_value(presets::load(p.id).unwrap()).unwrap();
        let mut problems = Vec::new();
        check(&schema, &value, p.id, &mut problems);
        assert!(problems.is_empty(), "{problems:#?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn random_configurations_conform(config in arb::config()) {
        let mut problems = Vec::new();
        check(&json_schema(), &serde_json::to_value(&config).unwrap(), "config", &mut problems);
        prop_assert!(problems.is_empty(), "{:#?}", problems);
    }
}
