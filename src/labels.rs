//! Diagnostics for people: a config path (`extra_services[1].depends_on[0]`) becomes the words
//! the form shows (`Extra service “worker” › depends on “app”`). The CLI keeps the paths.

use dockwright_engine::Config;

/// One step of a config path: a field name and, for lists, the index.
struct Step<'a> {
    field: &'a str,
    index: Option<usize>,
}

fn steps(path: &str) -> Vec<Step<'_>> {
    path.split('.')
        .map(|part| match part.split_once('[') {
            Some((field, rest)) => Step {
                field,
                index: rest.trim_end_matches(']').parse().ok(),
            },
            None => Step {
                field: part,
                index: None,
            },
        })
        .collect()
}

fn section_label(field: &str) -> Option<&'static str> {
    Some(match field {
        "project" => "Project",
        "app" => "App",
        "postgres" => "PostgreSQL",
        "redis" => "Redis",
        "pgadmin" => "pgAdmin",
        "redis_commander" => "redis-commander",
        "ops" => "Operations",
        "version" => "Format version",
        _ => return None,
    })
}

/// The form's words for `path`, with the names of the variables and services it is about.
pub fn describe(path: &str, config: &Config) -> String {
    // The configuration as JSON answers "what is at this path" for every field at once.
    let json = serde_json::to_value(config).unwrap_or_default();
    let mut node = &json;
    let mut words: Vec<String> = Vec::new();
    for (n, step) in steps(path).iter().enumerate() {
        node = &node[step.field];
        let label = match (n, step.field) {
            (0, "env") => "Variable".to_string(),
            (0, "extra_services") => "Extra service".to_string(),
            (0, field) => section_label(field)
                .map(String::from)
                .unwrap_or_else(|| field.replace('_', " ")),
            (_, "per_env") => "value in".to_string(),
            (_, "prod") => "production".to_string(),
            (_, "bind") => "listen on".to_string(),
            (_, field) => field.replace('_', " "),
        };
        match step.index {
            Some(i) => {
                node = &node[i];
                let named = node["name"].as_str().or_else(|| node.as_str());
                words.push(match named {
                    Some(name) if !name.is_empty() => format!("{label} “{name}”"),
                    _ => format!("{label} {}", i + 1),
                });
            }
            None => words.push(label),
        }
    }
    words.join(" › ")
}

/// Element ids to try for a path's field, most precise first: a list item is edited in its
/// list's field, a nested option in its parent's.
pub fn field_ids(path: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut current = path.to_string();
    loop {
        ids.push(crate::state::field_id(&current));
        let cut = current.rfind(['.', '[']);
        match cut {
            Some(at) if at > 0 => current.truncate(at),
            _ => break,
        }
    }
    ids
}
