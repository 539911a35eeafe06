//! The project: name, layout, file naming and environments (from override file names or
//! profiles); top-level keys other than services.

use super::*;

/// Project name, layout, file naming and environments.
pub(super) fn project(m: &mut Mapper, doc: &mut Value, files: &[SourceFile], config: &mut Config) {
    let Some(top) = doc.as_mapping_mut() else {
        return;
    };
    let base = files
        .first()
        .map(|f| f.path.as_str())
        .unwrap_or("compose.yaml");
    let parts: Vec<&str> = base.split('/').collect();
    let dir_names: Vec<&str> = parts[..parts.len().saturating_sub(1)].to_vec();
    config.project.layout = if dir_names.last() == Some(&"docker") {
        Layout::DockerDir
    } else {
        Layout::Root
    };
    let file_name = parts.last().copied().unwrap_or("");
    config.project.compose_naming = if file_name.starts_with("compose.") {
        ComposeNaming::ComposeYaml
    } else {
        ComposeNaming::DockerCompose
    };
    let name = match take(top, "name") {
        Some(v) => m.text("name", &v).unwrap_or_default(),
        None => dir_names
            .iter()
            .rev()
            .find(|d| **d != "docker" && **d != "." && !d.is_empty())
            .map(|d| d.to_string())
            .unwrap_or_default(),
    };
    config.project.name = slug(&name);
    if config.project.name.is_empty() {
        config.project.name = "app".into();
    }
    let mut envs = BTreeSet::new();
    for file in files.iter().skip(1) {
        let env = file_environment(&file.path);
        if env.is_none() {
            m.warn(file.path.clone(), "an override file whose name says no environment (dev, staging, prod): merged into the base");
        }
        envs.extend(env);
    }
    config.project.strategy = EnvStrategy::Overrides;
    config.project.environments = EnvName::ALL
        .iter()
        .copied()
        .filter(|e| envs.contains(e))
        .collect();
    if !config.project.environments.is_empty() && files.len() > 1 {
        m.warn(
            files[1..].iter().map(|f| f.path.as_str()).collect::<Vec<_>>().join(", "),
            "override files are merged into one configuration: the app's variables keep their staging and prod values; other per-environment differences are not kept apart (dockwright writes its own per-environment files)",
        );
    }
    for key in ["version"] {
        if take(top, key).is_some() {
            m.warn(key, "obsolete in the compose specification; ignored");
        }
    }
    if let Some(Value::Mapping(networks)) = take(top, "networks") {
        let names: Vec<String> = networks.keys().map(key_text).collect();
        if let [only] = names.as_slice() {
            config.ops.network_name = only.clone();
        } else if names.len() > 1 {
            m.warn(
                "networks",
                format!(
                    "one network in dockwright; {} are declared ({})",
                    names.len(),
                    names.join(", ")
                ),
            );
        }
        for (key, value) in networks {
            if value.as_mapping().is_some_and(|m| !m.is_empty()) {
                m.warn(
                    format!("networks.{}", key_text(&key)),
                    "network options are not carried over",
                );
            }
        }
    }
    if let Some(Value::Mapping(volumes)) = take(top, "volumes") {
        for (key, value) in volumes {
            if value.as_mapping().is_some_and(|m| !m.is_empty()) {
                m.warn(
                    format!("volumes.{}", key_text(&key)),
                    "volume options (driver, external, name) are not carried over",
                );
            }
        }
    }
    // Top-level configs: pgAdmin's servers.json is dockwright's own (register_server).
    if let Some(Value::Mapping(configs)) = top.get("configs") {
        let only_pgadmin = configs.keys().all(|k| key_text(k).contains("pgadmin"));
        if only_pgadmin {
            top.remove("configs");
        }
    }
    let rest: Vec<String> = top
        .keys()
        .map(key_text)
        .filter(|k| k != "services")
        .collect();
    for key in rest {
        let message = if key.starts_with("x-") {
            "an extension field: its anchors were applied, the field itself is not kept"
        } else if key == "include" {
            "included files are not read: pass them as further files (-f) to import their services"
        } else {
            "not carried over (dockwright has no setting for it)"
        };
        m.warn(key, message);
    }
}

fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_ascii_lowercase().chars() {
        if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_start_matches(['-', '_']).to_string()
}

/// `profiles: [dev]` -> only in dev (extra services) or a profiles strategy.
pub(super) fn profiles(
    m: &mut Mapper,
    service: &mut Mapping,
    name: &str,
    kind: Kind,
    config: &mut Config,
) {
    let Some(Value::Sequence(list)) = take(service, "profiles") else {
        return;
    };
    let mut envs = Vec::new();
    for p in &list {
        let p = p.as_str().unwrap_or("");
        match p {
            "dev" | "development" | "local" => envs.push(EnvName::Dev),
            "staging" => envs.push(EnvName::Staging),
            "prod" | "production" => envs.push(EnvName::Prod),
            other => m.warn(format!("services.{name}.profiles"), format!("profile `{other}` is not an environment; the service is kept in every environment")),
        }
    }
    if envs.is_empty() {
        return;
    }
    config.project.strategy = EnvStrategy::Profiles;
    for e in &envs {
        if !config.project.environments.contains(e) {
            config.project.environments.push(*e);
        }
    }
    config
        .project
        .environments
        .sort_by_key(|e| EnvName::ALL.iter().position(|x| x == e));
    if kind == Kind::Extra {
        // Read again when the extra service is built: keep the list on the side.
        service.insert(
            "x-dockwright-only-in".into(),
            Value::Sequence(
                envs.iter()
                    .map(|e| Value::String(e.as_str().into()))
                    .collect(),
            ),
        );
    }
}
