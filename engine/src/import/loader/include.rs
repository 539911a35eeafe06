//! The files a compose file names: `include` (local files only; a remote include is refused)
//! and `extends` (a service of this file or of another), resolved against the files given
//! (the CLI reads them from disk, the browser from what was dropped), with cycles refused.

use super::*;

/// Files that `include` and `extends: {file: …}` may name, by normalised path (the CLI reads
/// them from disk; the browser from what the user dropped).
pub type Available = std::collections::BTreeMap<String, String>;

/// `a/b/../c.yaml` -> `a/c.yaml`; `./x` -> `x`.
pub fn normalise_path(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    if path.starts_with('/') {
        format!("/{joined}")
    } else {
        joined
    }
}

/// `other` as named from inside `from` (relative to `from`'s folder).
pub fn relative_to(from: &str, other: &str) -> String {
    if other.starts_with('/') {
        return normalise_path(other);
    }
    let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
    normalise_path(&if dir.is_empty() {
        other.to_string()
    } else {
        format!("{dir}/{other}")
    })
}

/// The files a compose text names in `include` and `extends.file`, as written.
pub fn references(text: &str) -> Vec<String> {
    let Ok(doc) = serde_yaml::from_str::<Value>(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(Value::Sequence(items)) = doc.get("include") {
        out.extend(items.iter().flat_map(include_paths));
    }
    if let Some(Value::Mapping(services)) = doc.get("services") {
        for service in services.values() {
            if let Some(file) = service
                .get("extends")
                .and_then(|e| e.get("file"))
                .and_then(Value::as_str)
            {
                out.push(file.to_string());
            }
        }
    }
    out
}

/// The files one `include` entry names: `- path.yaml`, or `- path: …` (one or a list).
fn include_paths(item: &Value) -> Vec<String> {
    let path = match item {
        Value::Mapping(m) => m.get("path"),
        other => Some(other),
    };
    match path {
        Some(Value::String(p)) => vec![p.clone()],
        Some(Value::Sequence(ps)) => ps
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

fn is_remote(path: &str) -> bool {
    path.contains("://") || path.starts_with("git@") || path.starts_with("oci:")
}

/// Adds the services (and volumes, networks) of each included file to `doc`; an included file
/// is read on its own, as compose reads it. A remote include or a cycle is refused.
pub(super) fn include(
    doc: &mut Value,
    path: &str,
    available: &Available,
    warnings: &mut Vec<ImportWarning>,
    stack: &mut Vec<String>,
) -> Result<(), ImportError> {
    let Some(Value::Sequence(items)) = doc.as_mapping_mut().and_then(|d| d.remove("include"))
    else {
        return Ok(());
    };
    for item in items {
        if let Value::Mapping(m) = &item {
            for key in m.keys().map(key_text).filter(|k| k != "path") {
                warnings.push(ImportWarning::new(
                    format!("include.{key}"),
                    "not carried over (the included file is read from its own folder)",
                ));
            }
        }
        let named = include_paths(&item);
        for name in named {
            if is_remote(&name) {
                return Err(ImportError { file: path.to_string(), message: format!("include `{name}`: a remote include cannot be read here (offline, no fetch); include a local copy") });
            }
            let target = relative_to(path, &name);
            if stack.contains(&target) {
                return Err(ImportError {
                    file: path.to_string(),
                    message: format!("include cycle: {} -> {target}", stack.join(" -> ")),
                });
            }
            let Some(text) = available.get(&target) else {
                warnings.push(ImportWarning::new(
                    format!("include {name}"),
                    format!("{target} was not given: its services are not imported"),
                ));
                continue;
            };
            let file = SourceFile {
                path: target.clone(),
                text: text.clone(),
            };
            let Some(mut included) = parse_one(&file, warnings)? else {
                continue;
            };
            stack.push(target.clone());
            include(&mut included, &target, available, warnings, stack)?;
            extends(&mut included, &target, available, warnings, &mut Vec::new())?;
            stack.pop();
            let Some(top) = doc.as_mapping_mut() else {
                continue;
            };
            for section in ["services", "volumes", "networks"] {
                let Some(Value::Mapping(theirs)) = included.get(section).cloned() else {
                    continue;
                };
                let ours = top
                    .entry(section.into())
                    .or_insert_with(|| Value::Mapping(Mapping::new()));
                let Some(ours) = ours.as_mapping_mut() else {
                    continue;
                };
                for (k, v) in theirs {
                    if ours.contains_key(&k) {
                        warnings.push(ImportWarning::new(format!("{section}.{}", key_text(&k)), format!("defined both here and in the included {target}: this file's definition is kept")));
                    } else {
                        ours.insert(k, v);
                    }
                }
            }
        }
    }
    Ok(())
}

/// Resolves `extends` in every service of `doc`: the service starts from the one it extends
/// (in this file or another) and its own keys are merged over it by the override rules.
pub(super) fn extends(
    doc: &mut Value,
    path: &str,
    available: &Available,
    warnings: &mut Vec<ImportWarning>,
    stack: &mut Vec<String>,
) -> Result<(), ImportError> {
    let names: Vec<String> = doc
        .get("services")
        .and_then(Value::as_mapping)
        .map(|s| s.keys().map(key_text).collect())
        .unwrap_or_default();
    for name in names {
        let resolved = extended(doc, path, &name, available, warnings, stack)?;
        if let Some(services) = doc.get_mut("services").and_then(Value::as_mapping_mut) {
            services.insert(name.into(), resolved);
        }
    }
    Ok(())
}

/// The service `name` of `doc` with its `extends` chain applied.
fn extended(
    doc: &Value,
    path: &str,
    name: &str,
    available: &Available,
    warnings: &mut Vec<ImportWarning>,
    stack: &mut Vec<String>,
) -> Result<Value, ImportError> {
    let Some(mut service) = doc.get("services").and_then(|s| s.get(name)).cloned() else {
        return Err(ImportError {
            file: path.to_string(),
            message: format!("extends: no service `{name}`"),
        });
    };
    let Some(spec) = service.as_mapping_mut().and_then(|m| m.remove("extends")) else {
        return Ok(service);
    };
    let key = format!("{path}#{name}");
    if stack.contains(&key) {
        return Err(ImportError {
            file: path.to_string(),
            message: format!("extends cycle: {} -> {key}", stack.join(" -> ")),
        });
    }
    let (base_name, file) = match &spec {
        Value::String(s) => (s.clone(), None),
        Value::Mapping(m) => (
            m.get("service")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            m.get("file").and_then(Value::as_str).map(str::to_string),
        ),
        _ => (String::new(), None),
    };
    stack.push(key);
    let base = match file {
        None => extended(doc, path, &base_name, available, warnings, stack)?,
        Some(file) if is_remote(&file) => {
            return Err(ImportError {
                file: path.to_string(),
                message: format!("extends `{file}`: a remote file cannot be read here"),
            });
        }
        Some(file) => {
            let target = relative_to(path, &file);
            match available.get(&target) {
                Some(text) => {
                    let source = SourceFile {
                        path: target.clone(),
                        text: text.clone(),
                    };
                    match parse_one(&source, warnings)? {
                        Some(other) => {
                            extended(&other, &target, &base_name, available, warnings, stack)?
                        }
                        None => Value::Mapping(Mapping::new()),
                    }
                }
                None => {
                    warnings.push(ImportWarning::new(
                        format!("services.{name}.extends"),
                        format!("{target} was not given: `{name}` keeps only its own settings"),
                    ));
                    stack.pop();
                    return Ok(service);
                }
            }
        }
    };
    stack.pop();
    let mut wrapped_base = Mapping::new();
    let mut services = Mapping::new();
    services.insert(name.into(), base);
    wrapped_base.insert("services".into(), Value::Mapping(services));
    let mut wrapped_own = Mapping::new();
    let mut own = Mapping::new();
    own.insert(name.into(), service);
    wrapped_own.insert("services".into(), Value::Mapping(own));
    let merged = merge(Value::Mapping(wrapped_base), Value::Mapping(wrapped_own));
    Ok(merged["services"][name].clone())
}
