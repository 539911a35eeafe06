//! Two environments side by side: for each service, every setting the merged compose files
//! give it in each environment, and which of them differ. Rows come from the typed compose
//! service (flattened through its serde form), so a setting the model gains shows up here
//! without this module knowing it.

use super::Stack;
use serde::Serialize;
use serde_json::Value;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    pub left: String,
    pub right: String,
    pub services: Vec<ServiceComparison>,
}

/// One service (matched by its role, so the profile strategy's `web-dev` meets `web-prod`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ServiceComparison {
    pub role: String,
    /// Its compose name on each side; `None` where it does not run.
    pub left_name: Option<String>,
    pub right_name: Option<String>,
    pub rows: Vec<Row>,
    pub differs: bool,
}

/// One setting: its path in the compose file and its value(s) on each side (a list setting
/// has one value per entry; empty: not set).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub key: String,
    pub left: Vec<String>,
    pub right: Vec<String>,
    pub differs: bool,
}

/// Compares two environments' stacks.
pub fn compare(left: &Stack, right: &Stack) -> Comparison {
    let mut roles: Vec<&str> = left.services.iter().map(|s| s.role.as_str()).collect();
    for s in &right.services {
        if !roles.contains(&s.role.as_str()) {
            roles.push(&s.role);
        }
    }
    let services = roles
        .into_iter()
        .map(|role| {
            let l = left.services.iter().find(|s| s.role == role);
            let r = right.services.iter().find(|s| s.role == role);
            let lrows = l.map(|s| flatten(&s.service)).unwrap_or_default();
            let rrows = r.map(|s| flatten(&s.service)).unwrap_or_default();
            let mut keys: Vec<&String> = lrows.iter().map(|(k, _)| k).collect();
            for (k, _) in &rrows {
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
            let get = |rows: &[(String, Vec<String>)], k: &str| {
                rows.iter()
                    .find(|(key, _)| key == k)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            };
            let rows: Vec<Row> = keys
                .into_iter()
                .map(|k| {
                    let (left, right) = (get(&lrows, k), get(&rrows, k));
                    Row {
                        key: k.clone(),
                        differs: left != right,
                        left,
                        right,
                    }
                })
                .collect();
            ServiceComparison {
                role: role.to_string(),
                left_name: l.map(|s| s.name.clone()),
                right_name: r.map(|s| s.name.clone()),
                differs: l.is_none() || r.is_none() || rows.iter().any(|r| r.differs),
                rows,
            }
        })
        .collect();
    Comparison {
        left: left.label().to_string(),
        right: right.label().to_string(),
        services,
    }
}

/// A compose service as (path, values) rows in the file's order: maps by key
/// (`environment.NODE_ENV`, `build.target`), a list as one row of entries.
fn flatten(service: &crate::compose::Service) -> Vec<(String, Vec<String>)> {
    let mut rows = Vec::new();
    let value = serde_json::to_value(service).unwrap_or(Value::Null);
    walk("", &value, &mut rows);
    rows
}

fn walk(prefix: &str, value: &Value, rows: &mut Vec<(String, Vec<String>)>) {
    let scalar = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                walk(&key, v, rows);
            }
        }
        Value::Array(items) => rows.push((prefix.to_string(), items.iter().map(scalar).collect())),
        other => rows.push((prefix.to_string(), vec![scalar(other)])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::EnvName;
    use crate::resolve::Resolved;

    #[test]
    fn dev_and_prod_differ_where_the_override_says() {
        let config = crate::presets::load("nextjs-prisma-selfhosted").unwrap();
        let r = Resolved::new(&config);
        let stacks = super::super::stacks(&r);
        let dev = stacks.iter().find(|s| s.env == Some(EnvName::Dev)).unwrap();
        let prod = stacks
            .iter()
            .find(|s| s.env == Some(EnvName::Prod))
            .unwrap();
        let c = compare(dev, prod);
        let app = c
            .services
            .iter()
            .find(|s| s.role == config.app.service_name)
            .unwrap();
        let node_env = app
            .rows
            .iter()
            .find(|r| r.key == "environment.NODE_ENV")
            .unwrap();
        assert_eq!(node_env.left, vec!["development".to_string()]);
        assert!(node_env.differs);
        // A service the same on both sides has no row marked.
        let same = compare(dev, dev);
        assert!(same
            .services
            .iter()
            .all(|s| !s.differs && s.rows.iter().all(|r| !r.differs)));
    }
}
