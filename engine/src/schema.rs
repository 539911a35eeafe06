//! JSON Schema of the configuration format, for editor completion (`dockwright schema`).
//!
//! Derived from the types themselves: a configuration with every optional part filled in is
//! serialized and walked, so a new field appears in the schema without anyone remembering to
//! add it; enumerations list the serialized names of every variant.

use crate::config::*;
use crate::secret::{Generator, SecretEncoding};
use serde::Serialize;
use serde_json::{json, Map, Value};

fn names<T: Serialize>(variants: &[T]) -> Value {
    Value::Array(
        variants
            .iter()
            .filter_map(|v| serde_json::to_value(v).ok())
            .collect(),
    )
}

/// A configuration that exercises every field, including every optional one.
fn exemplar() -> Config {
    let mut c = Config::default();
    c.app.ready_path = Some("/api/ready".into());
    c.app.build_args.push(BuildArg::default());
    c.app.system_packages.push("curl".into());
    c.app.monorepo.packages.push("packages/db".into());
    c.postgres.extensions.push("pg_trgm".into());
    c.postgres.pool = Pool {
        connection_limit: Some(10),
        pool_timeout: Some(5),
    };
    c.postgres.password.generator = Some(Generator::default());
    c.extra_services.push(ExtraService {
        command: Some("run".into()),
        ports: vec![PortMapping {
            host: 1,
            container: 1,
            bind: Bind::All,
        }],
        environment: vec![KeyValue::default()],
        volumes: vec![VolumeMount::default()],
        healthcheck: Some("true".into()),
        depends_on: vec!["x".into()],
        only_in: vec![EnvName::Dev],
        ..ExtraService::default()
    });
    c.env.push(EnvVar {
        generator: Some(Generator::default()),
        services: vec!["web".into()],
        per_env: [(EnvName::Prod, EnvOverride::SetAtDeploy)].into(),
        ..EnvVar::default()
    });
    c.ops.resources = Some(Resources::default());
    c.ops.logging = Some(Logging::default());
    c.ops.container_name_prefix = Some("x".into());
    c
}

fn enum_for(key: &str) -> Option<Value> {
    Some(match key {
        "layout" => names(&Layout::ALL),
        "compose_naming" => names(&ComposeNaming::ALL),
        "strategy" => names(&EnvStrategy::ALL),
        "environments" | "only_in" => names(&EnvName::ALL),
        "framework" => names(&Framework::ALL),
        "base" => names(&BaseImage::ALL),
        "package_manager" => names(&PackageManager::ALL),
        "init" => names(&InitProcess::ALL),
        "dockerfile" => names(&DevDockerfile::ALL),
        "eviction_policy" => names(&EvictionPolicy::ALL),
        "bind" => names(&Bind::ALL),
        "mode" => names(&EnvMode::ALL),
        "encoding" => names(&SecretEncoding::ALL),
        "restart" => names(&RestartPolicy::ALL),
        _ => return None,
    })
}

/// Keys whose value may also be null (Option fields).
const NULLABLE: &[&str] = &[
    "ready_path",
    "host_port",
    "connection_limit",
    "pool_timeout",
    "generator",
    "command",
    "healthcheck",
    "resources",
    "logging",
    "container_name_prefix",
];

/// A value per environment: `{value: text}` for its own value, `set_at_deploy` for none.
fn per_env() -> Value {
    let one = json!({"anyOf": [
        {"enum": ["set_at_deploy"]},
        {"type": "object", "properties": {"value": {"type": "string"}},
         "required": ["value"], "additionalProperties": false},
    ]});
    let props: Map<String, Value> = EnvName::ALL
        .iter()
        .map(|e| (e.as_str().to_string(), one.clone()))
        .collect();
    json!({"type": "object", "properties": props, "additionalProperties": false})
}

fn infer(key: &str, value: &Value) -> Value {
    if key == "per_env" {
        return per_env();
    }
    let mut schema = match value {
        Value::Object(map) => {
            let mut props = Map::new();
            for (k, v) in map {
                props.insert(k.clone(), infer(k, v));
            }
            json!({"type": "object", "properties": props, "additionalProperties": false})
        }
        Value::Array(items) => {
            let item = items.first().map(|v| infer(key, v)).unwrap_or(json!({}));
            json!({"type": "array", "items": item})
        }
        Value::String(_) => match enum_for(key) {
            Some(values) => json!({"enum": values}),
            None => json!({"type": "string"}),
        },
        Value::Bool(_) => json!({"type": "boolean"}),
        Value::Number(_) => json!({"type": "integer", "minimum": 0}),
        Value::Null => json!({}),
    };
    if NULLABLE.contains(&key) {
        schema = json!({"anyOf": [schema, {"type": "null"}]});
    }
    schema
}

pub fn json_schema() -> Value {
    let value = serde_json::to_value(exemplar()).unwrap_or(Value::Null);
    let mut schema = infer("", &value);
    if let Value::Object(map) = &mut schema {
        map.insert(
            "$schema".into(),
            json!("https://json-schema.org/draft/2020-12/schema"),
        );
        map.insert("title".into(), json!("dockwright configuration"));
    }
    schema
}
