//! The app service: its build, port, health path, resources and variables (with their values
//! per environment, from override files, profile variants or a production env file).

use super::*;

/// The app's `environment` in each file, with the environment the file is for (`None`: the
/// base file, or an override named for no environment).
pub(super) type FileEnvironment = (Option<EnvName>, Vec<(String, Option<String>)>);

pub(super) fn app_environments(
    each: &[Value],
    files: &[SourceFile],
    app: &str,
) -> Vec<FileEnvironment> {
    each.iter()
        .zip(files)
        .enumerate()
        .map(|(i, (doc, file))| {
            let env = if i == 0 {
                None
            } else {
                file_environment(&file.path)
            };
            let mut service = doc
                .get("services")
                .and_then(|s| s.get(app))
                .and_then(Value::as_mapping)
                .cloned()
                .unwrap_or_default();
            (env, environment(&mut service))
        })
        .collect()
}

/// The environment a file is for, by its name (`docker-compose.prod.yml`, `.env.production`).
pub fn file_environment(path: &str) -> Option<EnvName> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let words: Vec<&str> = name.split(['.', '-', '_']).collect();
    if words
        .iter()
        .any(|w| matches!(*w, "dev" | "development" | "local" | "override"))
    {
        Some(EnvName::Dev)
    } else if words.contains(&"staging") {
        Some(EnvName::Staging)
    } else if words.iter().any(|w| matches!(*w, "prod" | "production")) {
        Some(EnvName::Prod)
    } else {
        None
    }
}

pub(super) fn app(
    m: &mut Mapper,
    service: &mut Mapping,
    name: &str,
    per_file: &[FileEnvironment],
    profiles_layout: bool,
    config: &mut Config,
) {
    config.app.enabled = true;
    config.app.service_name = name.to_string();
    if let Some(image) = take(service, "image") {
        m.warn(
            format!("services.{name}.image"),
            format!(
                "`{}`: dockwright names the image it builds after the project",
                key_text(&image)
            ),
        );
    }
    // `build: <context>` needs nothing more; a mapping is read key by key.
    if let Some(Value::Mapping(mut build)) = take(service, "build") {
        take(&mut build, "context");
        take(&mut build, "dockerfile");
        if let Some(target) = take(&mut build, "target") {
            m.warn(
                format!("services.{name}.build.target"),
                format!(
                    "{}: dockwright writes its own Dockerfile stages",
                    key_text(&target)
                ),
            );
        }
        if let Some(Value::Mapping(args)) = take(&mut build, "args") {
            for (k, v) in args {
                let value = match v {
                    Value::Null => String::new(),
                    other => m
                        .text(&format!("services.{name}.build.args"), &other)
                        .unwrap_or_default(),
                };
                config.app.build_args.push(BuildArg {
                    name: key_text(&k),
                    value,
                });
            }
        }
        for (k, _) in build {
            m.warn(
                format!("services.{name}.build.{}", key_text(&k)),
                "not carried over (dockwright writes the build)",
            );
        }
    }
    let ports = ports(m, service, name);
    if let Some(first) = ports.first() {
        config.app.container_port = first.container;
        if let Some(host) = first.host {
            config.app.host_port = host;
        }
    }
    for (i, p) in ports.iter().enumerate().skip(1) {
        m.warn(
            format!("services.{name}.ports[{i}]"),
            format!(
                "the app publishes one port in dockwright; {} is not carried over",
                p.container
            ),
        );
    }
    if let Some(Value::Mapping(mut health)) = take(service, "healthcheck") {
        let test = take(&mut health, "test").map(|t| match t {
            Value::Sequence(items) => items.iter().map(key_text).collect::<Vec<_>>().join(" "),
            other => key_text(&other),
        });
        if let Some(path) = test.as_deref().and_then(http_path) {
            config.app.health_path = path;
        } else if let Some(test) = test {
            m.warn(
                format!("services.{name}.healthcheck.test"),
                format!(
                    "`{test}` is not an HTTP check; dockwright checks {} over HTTP",
                    config.app.health_path
                ),
            );
        }
    }
    if let Some(mut deploy) = take(service, "deploy").and_then(|d| d.as_mapping().cloned()) {
        if let Some(Value::Mapping(mut resources)) = take(&mut deploy, "resources") {
            for (section, what) in [("limits", "limits"), ("reservations", "reservations")] {
                if !resources.contains_key(section) {
                    m.warn(
                        format!("services.{name}.deploy.resources"),
                        format!(
                            "no {what} given: dockwright's defaults are used (Operations section)"
                        ),
                    );
                }
            }
            let mut r = Resources::default();
            let mut read =
                |section: &str, cpus: &mut String, memory: &mut String, m: &mut Mapper| {
                    if let Some(Value::Mapping(mut s)) = resources.remove(section) {
                        if let Some(v) = s.remove("cpus") {
                            *cpus = m
                                .text(
                                    &format!("services.{name}.deploy.resources.{section}.cpus"),
                                    &v,
                                )
                                .unwrap_or_default();
                        }
                        if let Some(v) = s.remove("memory") {
                            *memory = m
                                .text(
                                    &format!("services.{name}.deploy.resources.{section}.memory"),
                                    &v,
                                )
                                .unwrap_or_default();
                        }
                        for (k, _) in s {
                            m.warn(
                                format!(
                                    "services.{name}.deploy.resources.{section}.{}",
                                    key_text(&k)
                                ),
                                "not carried over",
                            );
                        }
                    }
                };
            read("limits", &mut r.cpus_limit, &mut r.memory_limit, m);
            read(
                "reservations",
                &mut r.cpus_reservation,
                &mut r.memory_reservation,
                m,
            );
            config.ops.resources = Some(r);
        }
        for (k, _) in deploy {
            m.warn(
                format!("services.{name}.deploy.{}", key_text(&k)),
                "not carried over",
            );
        }
    }
    // Variables: the base file's value (or the first file that sets one), then per
    // environment what a staging or prod override sets differently.
    environment(service);
    let managed = managed_env_names(config);
    let mut seen: BTreeMap<String, Option<String>> = BTreeMap::new();
    for (env, vars) in per_file {
        for (var, raw) in vars {
            let path = format!("services.{name}.environment.{var}");
            if managed.contains(&var.as_str())
                || ["DATABASE_URL", "REDIS_URL"].contains(&var.as_str())
            {
                if !seen.contains_key(var) {
                    m.warn(path, super::finish::managed_message(var));
                    seen.insert(var.clone(), raw.clone());
                }
                continue;
            }
            let Some(first) = seen.get(var).cloned() else {
                seen.insert(var.clone(), raw.clone());
                config.env.push(env_var(m, &path, var, raw.clone()));
                continue;
            };
            if first == *raw {
                continue;
            }
            let Some(index) = config.env.iter().position(|v| v.name == *var) else {
                continue;
            };
            match env {
                Some(e @ (EnvName::Staging | EnvName::Prod)) => {
                    let other = env_var(m, &path, var, raw.clone());
                    // `${X:?…}`, or in a profiles layout `${X:-}` (how one file for every
                    // profile leaves a value to the deployer), is a value set at deploy.
                    let left_to_deployer = other.mode == EnvMode::Required
                        || other.secret
                        || (profiles_layout
                            && other.mode == EnvMode::Default
                            && other.value.is_empty());
                    let value = if left_to_deployer {
                        EnvOverride::SetAtDeploy
                    } else {
                        EnvOverride::Value(other.value)
                    };
                    config.env[index].per_env.insert(*e, value);
                }
                _ => m.warn(path, "a different value in a dev override is not kept apart (the base value is used)"),
            }
        }
    }
    // Values from an env file named for staging or production (an empty one: set at deploy).
    let envs = config.project.environments.clone();
    for (named, values) in m.per_env {
        // The production template holds staging's values when there is no prod (the
        // environment dockwright writes it for).
        let env = match named {
            EnvName::Prod if !envs.contains(&EnvName::Prod) && envs.contains(&EnvName::Staging) => {
                &EnvName::Staging
            }
            other => other,
        };
        for var in config
            .env
            .iter_mut()
            .filter(|v| !v.secret && !v.per_env.contains_key(env))
        {
            match values.get(&var.name) {
                Some(value) if value.is_empty() && !var.value.is_empty() => {
                    var.per_env.insert(*env, EnvOverride::SetAtDeploy);
                }
                Some(value) if *value != var.value && !value.is_empty() => {
                    var.per_env.insert(*env, EnvOverride::Value(value.clone()));
                }
                _ => {}
            }
        }
    }
    depends_on(m, service, name, &mut Vec::new(), false);
    for key in ["command", "entrypoint"] {
        if take(service, key).is_some() {
            m.warn(format!("services.{name}.{key}"), "dockwright's Dockerfile sets how the app starts (Start command in the App section)");
        }
    }
}

/// The path of an HTTP health check (`curl -f http://localhost:3000/api/health` -> `/api/health`).
pub(super) fn http_path(test: &str) -> Option<String> {
    let start = test.find("http://").or_else(|| test.find("https://"))?;
    let after_scheme = test[start..].split_once("://")?.1;
    // The URL ends where a character no URL path has begins (a quote, a bracket, a space).
    let end = after_scheme
        .find(|c: char| !(c.is_ascii_alphanumeric() || "/-._~%:@".contains(c)))
        .unwrap_or(after_scheme.len());
    let url = &after_scheme[..end];
    Some(url.find('/').map_or("/", |i| &url[i..]).to_string())
}

/// One variable of the app: a literal is fixed, `${X:-d}` a default, `${X:?e}` required; a
/// secret's value is never copied (a fresh one is generated).
pub(super) fn env_var(m: &mut Mapper, path: &str, name: &str, raw: Option<String>) -> EnvVar {
    let mut var = EnvVar {
        name: name.to_string(),
        ..EnvVar::default()
    };
    let template = raw
        .as_deref()
        .map(|r| Template::parse(r).unwrap_or_default());
    let own = |t: &Template| match t.0.as_slice() {
        [crate::import::interpolation::Piece::Var(v)] if v.name == name => Some(v.clone()),
        _ => None,
    };
    match template.as_ref() {
        None => {
            var.mode = EnvMode::Required;
        }
        Some(t) => match (own(t), t.literal()) {
            (_, Some(literal)) => {
                var.mode = EnvMode::Fixed;
                var.value = literal;
            }
            (Some(v), None) => match v.op {
                Some(crate::import::interpolation::Op::Required { .. }) => {
                    var.mode = EnvMode::Required;
                    var.value = m.vars.get(name).cloned().unwrap_or_default();
                }
                Some(crate::import::interpolation::Op::Default { word, .. }) => {
                    var.mode = EnvMode::Default;
                    // The default as the value it stands for (`$$` is `$`).
                    var.value = match word.literal() {
                        Some(text) => text,
                        None => m.literal(path, &word.to_string()),
                    };
                }
                _ => {
                    var.mode = EnvMode::Default;
                    var.value = m.vars.get(name).cloned().unwrap_or_default();
                }
            },
            (None, None) => {
                var.mode = EnvMode::Fixed;
                var.value = m
                    .text(path, &Value::String(raw.clone().unwrap_or_default()))
                    .unwrap_or_default();
                m.warn(
                    path,
                    format!(
                        "`{}` is evaluated at import to a fixed value",
                        raw.unwrap_or_default()
                    ),
                );
            }
        },
    }
    if looks_secret(name) {
        var.secret = true;
        if var.mode == EnvMode::Fixed {
            var.mode = EnvMode::Required;
        }
        if !var.value.is_empty() {
            m.warn(
                path,
                "looks like a secret: its value is not copied; a new one is generated",
            );
        }
        var.value.clear();
        var.generator = Some(crate::secret::Generator::default());
    }
    var
}

pub(super) fn depends_on(
    m: &mut Mapper,
    service: &mut Mapping,
    name: &str,
    into: &mut Vec<String>,
    keep: bool,
) {
    let Some(Value::Mapping(deps)) = take(service, "depends_on") else {
        return;
    };
    for (dep, spec) in deps {
        let dep = key_text(&dep);
        let condition = spec
            .get("condition")
            .and_then(Value::as_str)
            .unwrap_or("service_started");
        if condition == "service_completed_successfully" {
            m.warn(
                format!("services.{name}.depends_on.{dep}"),
                "waiting for a one-off service to finish is not carried over",
            );
        }
        if keep {
            into.push(dep);
        }
    }
}
