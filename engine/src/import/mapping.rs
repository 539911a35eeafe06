//! From a loaded compose project onto dockwright's configuration. Each service's keys are
//! taken out of its mapping as they are carried over; whatever is left is a warning with its
//! compose path, so nothing is dropped without a word (kompose and composerize drop silently).

use super::interpolation::Template;
use super::loader::{key_text, Loaded, SourceFile};
use super::ImportWarning;
use crate::config::*;
use crate::resolve::managed_env_names;
use serde_yaml::{Mapping, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Variables from the env files, for evaluating templates where the model needs a value.
pub type Vars = BTreeMap<String, String>;

/// The env files given: the variables compose interpolates with, and per environment the
/// values of an env file named for it.
#[derive(Default)]
pub struct EnvFiles {
    pub vars: Vars,
    pub per_env: BTreeMap<EnvName, Vars>,
}

/// What a service is, by its image (or its `build:`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    App,
    Postgres,
    Redis,
    PgAdmin,
    RedisCommander,
    Extra,
    /// A second built service: no image to run, so it cannot be an extra service.
    DroppedBuild,
    /// `<app>-dev` running only in dev: dockwright writes the app's dev variant itself.
    DevVariant,
    /// One of the app's per-environment services in a profiles layout (read for its values).
    EnvVariant,
}

/// Whether a service runs only in a dev profile.
fn dev_only(service: &Value) -> bool {
    let profiles: Vec<&str> = service
        .get("profiles")
        .and_then(Value::as_sequence)
        .map(|p| p.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    !profiles.is_empty()
        && profiles
            .iter()
            .all(|p| matches!(*p, "dev" | "development" | "local"))
}

struct Mapper<'a> {
    /// `KEY: ${KEY…}` in a built-in service's environment: (service, key, text), joined to the
    /// configuration's variables at the end.
    passthrough: Vec<(String, String, String)>,
    vars: &'a Vars,
    per_env: &'a BTreeMap<EnvName, Vars>,
    warnings: &'a mut Vec<ImportWarning>,
}

impl Mapper<'_> {
    /// A variable of a built-in service's environment that dockwright has no setting for: a
    /// pass-through of a project variable joins it, anything else is a warning.
    fn builtin_variable(&mut self, service: &str, name: &str, var: &str, raw: Option<String>) {
        let own = raw.as_deref().and_then(|r| Template::parse(r).ok()).is_some_and(|t| {
            matches!(t.0.as_slice(), [super::interpolation::Piece::Var(v)] if v.name == var)
        });
        match raw {
            Some(raw) if own => self
                .passthrough
                .push((service.to_string(), var.to_string(), raw)),
            _ => self.warn(
                format!("services.{name}.environment.{var}"),
                "not carried over",
            ),
        }
    }

    /// A value dockwright writes literally (`$` escaped): compose's `$$` read back as `$`, and
    /// a value with variables evaluated now, with a warning.
    fn literal(&mut self, path: &str, raw: &str) -> String {
        // Commands and checks are one line in dockwright (a folded YAML block is one too).
        let joined;
        let raw = if raw.trim().contains('\n') {
            joined = raw.split_whitespace().collect::<Vec<_>>().join(" ");
            self.warn(path, "several lines joined into one");
            joined.as_str()
        } else {
            raw
        };
        match Template::parse(raw) {
            Ok(t) => match t.literal() {
                Some(text) => text,
                None => {
                    let value = self
                        .text(path, &Value::String(raw.to_string()))
                        .unwrap_or_default();
                    self.warn(
                        path,
                        format!("`{raw}` is evaluated at import to a fixed value"),
                    );
                    value
                }
            },
            Err(_) => raw.to_string(),
        }
    }

    fn warn(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.warnings.push(ImportWarning::new(path, message));
    }

    /// A string value with its templates evaluated against the env files and the defaults
    /// (a variable with neither is empty, with a warning).
    fn text(&mut self, path: &str, value: &Value) -> Option<String> {
        let raw = match value {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            _ => return None,
        };
        let template = Template::parse(&raw).ok()?;
        let vars = self.vars;
        let unset = std::cell::RefCell::new(Vec::new());
        let value = template
            .evaluate(&|name| {
                let v = vars.get(name).cloned();
                if v.is_none() {
                    unset.borrow_mut().push(name.to_string());
                }
                v
            })
            .unwrap_or_default();
        let unset = unset.into_inner();
        let defaulted = |name: &String| {
            raw.contains(&format!("${{{name}:-")) || raw.contains(&format!("${{{name}-"))
        };
        for name in unset.iter().filter(|n| !defaulted(n)) {
            self.warn(
                path,
                format!("{name} has no value in the env files given and no default; read as empty"),
            );
        }
        Some(value)
    }
}

/// Maps the merged compose document (`doc`) onto a configuration.
pub fn map(
    loaded: Loaded,
    files: &[SourceFile],
    env_files: &EnvFiles,
    app_name: Option<&str>,
    warnings: &mut Vec<ImportWarning>,
) -> Config {
    let Loaded {
        files: each,
        merged: mut doc,
    } = loaded;
    let mut m = Mapper {
        passthrough: Vec::new(),
        vars: &env_files.vars,
        per_env: &env_files.per_env,
        warnings,
    };
    let mut config = Config::default();
    config.postgres.enabled = false;
    config.redis.enabled = false;
    config.pgadmin.enabled = false;
    config.redis_commander.enabled = false;
    config.app.enabled = false;
    config.env.clear();
    config.extra_services.clear();

    project(&mut m, &mut doc, files, &mut config);
    let Some(Value::Mapping(services)) = doc.as_mapping_mut().and_then(|d| d.remove("services"))
    else {
        return config;
    };
    let (kinds, variants) = classify(&mut m, &services, app_name);
    // The app's variables per environment: per override file, or per variant service.
    let variant_environments: Option<Vec<FileEnvironment>> = variants.as_ref().map(|v| {
        let mut by_env = v.by_env.clone();
        by_env.sort_by_key(|(env, _)| EnvName::ALL.iter().position(|e| e == env));
        by_env
            .iter()
            .enumerate()
            .map(|(i, (env, name))| {
                let mut service = services
                    .get(name.as_str())
                    .and_then(Value::as_mapping)
                    .cloned()
                    .unwrap_or_default();
                (
                    if i == 0 { None } else { Some(*env) },
                    environment(&mut service),
                )
            })
            .collect()
    });
    // Built-in services have dockwright's own names; other services refer to them by those.
    let mut renamed: BTreeMap<String, String> = BTreeMap::new();
    for (name, kind) in &kinds {
        let fixed = match kind {
            Kind::Postgres => POSTGRES_SERVICE,
            Kind::Redis => REDIS_SERVICE,
            Kind::PgAdmin => PGADMIN_SERVICE,
            Kind::RedisCommander => REDIS_COMMANDER_SERVICE,
            _ => continue,
        };
        if name != fixed {
            m.warn(format!("services.{name}"), format!("named `{fixed}` in dockwright's files (references to `{name}` in other services' settings keep the old name)"));
            renamed.insert(name.clone(), fixed.to_string());
        }
    }
    let mut restarts: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut container_names: Vec<(String, Option<String>)> = Vec::new();
    let mut loggings: BTreeMap<Option<(String, String, u32)>, Vec<String>> = BTreeMap::new();
    for (name, service) in services {
        let name = key_text(&name);
        let Value::Mapping(mut service) = service else {
            m.warn(format!("services.{name}"), "not a mapping; skipped");
            continue;
        };
        let kind = kinds.get(&name).copied().unwrap_or(Kind::Extra);
        // A service only the environment-named override files define runs only there.
        let defined_in: Vec<usize> = each
            .iter()
            .enumerate()
            .filter(|(_, doc)| {
                doc.get("services")
                    .and_then(|s| s.get(name.as_str()))
                    .is_some()
            })
            .map(|(i, _)| i)
            .collect();
        let envs: Vec<Option<EnvName>> = defined_in
            .iter()
            .map(|i| {
                if *i == 0 {
                    None
                } else {
                    files.get(*i).and_then(|f| file_environment(&f.path))
                }
            })
            .collect();
        if kind == Kind::Extra && !envs.is_empty() && envs.iter().all(Option::is_some) {
            let list = envs
                .iter()
                .flatten()
                .map(|e| Value::String(e.as_str().into()))
                .collect();
            service.insert("x-dockwright-only-in".into(), Value::Sequence(list));
        }
        if let Some(logging) = take(&mut service, "logging") {
            let read = read_logging(&mut m, &format!("services.{name}.logging"), &logging);
            loggings.entry(read).or_default().push(name.clone());
        }
        if let Some(restart) = take(&mut service, "restart")
            .and_then(|v| m.text(&format!("services.{name}.restart"), &v))
        {
            restarts.entry(restart).or_default().push(name.clone());
        }
        profiles(&mut m, &mut service, &name, kind, &mut config);
        let container_name = take(&mut service, "container_name")
            .and_then(|v| m.text(&format!("services.{name}.container_name"), &v));
        let fixed_name = match kind {
            Kind::Postgres => POSTGRES_SERVICE.to_string(),
            Kind::Redis => REDIS_SERVICE.to_string(),
            Kind::PgAdmin => PGADMIN_SERVICE.to_string(),
            Kind::RedisCommander => REDIS_COMMANDER_SERVICE.to_string(),
            _ => name.clone(),
        };
        container_names.push((fixed_name, container_name));
        match kind {
            Kind::App => {
                let per_file = variant_environments
                    .clone()
                    .unwrap_or_else(|| app_environments(&each, files, &name));
                let app_name = variants.as_ref().map_or(name.clone(), |v| v.app.clone());
                app(
                    &mut m,
                    &mut service,
                    &app_name,
                    &per_file,
                    variants.is_some(),
                    &mut config,
                )
            }
            Kind::EnvVariant => service.clear(),
            Kind::Postgres => postgres(&mut m, &mut service, &name, &mut config),
            Kind::Redis => redis(&mut m, &mut service, &name, &mut config),
            Kind::PgAdmin => pgadmin(&mut m, &mut service, &name, &mut config),
            Kind::RedisCommander => redis_commander(&mut m, &mut service, &name, &mut config),
            Kind::Extra => extra(&mut m, &mut service, &name, &mut config),
            Kind::DevVariant => {
                m.warn(
                    format!("services.{name}"),
                    "the app's dev variant: dockwright writes its own from the app's settings",
                );
                service.clear();
            }
            Kind::DroppedBuild => {
                m.warn(format!("services.{name}"), "a second built service has no image to run: dropped (dockwright builds one app)");
                service.clear();
            }
        }
        // dockwright writes one network for every service.
        take(&mut service, "networks");
        for (key, _) in service {
            let key = key_text(&key);
            m.warn(
                format!("services.{name}.{key}"),
                "not carried over (dockwright has no setting for it)",
            );
        }
    }
    container_prefix(&mut m, &container_names, &mut config);
    uniform_logging(&mut m, &loggings, &mut config);
    shared_variables(&mut m, &mut config);
    // Without a dev environment the one file is what runs: a published database or cache port
    // stays published there (dockwright publishes them in dev only unless asked).
    if !config.project.environments.contains(&EnvName::Dev) {
        config.postgres.publish_in_production = config.postgres.host_port.is_some();
        config.redis.publish_in_production = config.redis.host_port.is_some();
    }
    let known: BTreeSet<String> = kinds
        .iter()
        .filter(|(_, k)| {
            !matches!(
                **k,
                Kind::DroppedBuild | Kind::DevVariant | Kind::EnvVariant
            )
        })
        .map(|(n, k)| match (k, &variants) {
            (Kind::App, Some(v)) => v.app.clone(),
            _ => renamed.get(n).cloned().unwrap_or_else(|| n.clone()),
        })
        .collect();
    for extra in &mut config.extra_services {
        let name = extra.name.clone();
        let mut kept = Vec::new();
        for dep in std::mem::take(&mut extra.depends_on) {
            let dep = renamed.get(&dep).cloned().unwrap_or(dep);
            if known.contains(&dep) {
                kept.push(dep);
            } else {
                m.warn(
                    format!("services.{name}.depends_on.{dep}"),
                    "names a service that is not imported; dropped",
                );
            }
        }
        extra.depends_on = kept;
    }
    match restarts.len() {
        0 => {}
        1 => {
            let policy = restarts.keys().next().cloned().unwrap_or_default();
            match RestartPolicy::ALL.iter().find(|p| p.as_str() == policy) {
                Some(p) => config.ops.restart = *p,
                None => m.warn(
                    "services.*.restart",
                    format!(
                        "restart `{policy}` is not one dockwright writes; {} is used",
                        config.ops.restart.as_str()
                    ),
                ),
            }
        }
        _ => {
            let policy = restarts
                .iter()
                .max_by_key(|(_, names)| names.len())
                .map(|(p, _)| p.clone())
                .unwrap_or_default();
            if let Some(p) = RestartPolicy::ALL.iter().find(|p| p.as_str() == policy) {
                config.ops.restart = *p;
            }
            let detail: Vec<String> = restarts
                .iter()
                .map(|(p, names)| format!("{p}: {}", names.join(", ")))
                .collect();
            m.warn(
                "services.*.restart",
                format!(
                    "one restart policy for every service in dockwright; {} is used ({})",
                    config.ops.restart.as_str(),
                    detail.join("; ")
                ),
            );
        }
    }
    config
}

/// An extra service's `KEY: ${KEY…}` passes a variable of the project through: it becomes (or
/// joins) a variable of the configuration that reaches that service, as dockwright writes it.
fn shared_variables(m: &mut Mapper, config: &mut Config) {
    let app = config.app.enabled.then(|| config.app.service_name.clone());
    for (service, key, raw) in std::mem::take(&mut m.passthrough) {
        join_variable(
            m,
            config,
            app.as_deref(),
            &service,
            KeyValue { key, value: raw },
        );
    }
    for i in 0..config.extra_services.len() {
        let service = config.extra_services[i].name.clone();
        let environment = std::mem::take(&mut config.extra_services[i].environment);
        let mut kept = Vec::new();
        for kv in environment {
            let own = Template::parse(&kv.value).ok().is_some_and(|t| {
                matches!(t.0.as_slice(), [super::interpolation::Piece::Var(v)] if v.name == kv.key)
            });
            if !own {
                kept.push(kv);
                continue;
            }
            join_variable(m, config, app.as_deref(), &service, kv);
        }
        let managed = managed_env_names(config);
        kept.retain(|kv| {
            let path = format!("services.{service}.environment.{}", kv.key);
            if managed.contains(&kv.key.as_str()) || ["DATABASE_URL", "REDIS_URL"].contains(&kv.key.as_str()) {
                m.warn(path, "written by dockwright from its own settings where it applies; not carried over");
                false
            } else if !crate::validate::syntax::is_identifier_any_case(&kv.key) {
                m.warn(path, "not a variable name dockwright writes (letters, digits and _); not carried over");
                false
            } else {
                true
            }
        });
        for kv in &mut kept {
            let path = format!("services.{service}.environment.{}", kv.key);
            kv.value = m.literal(&path, &kv.value);
        }
        config.extra_services[i].environment = kept;
    }
}

/// Makes the variable `kv.key` reach `service`: joins the existing variable, or creates one.
fn join_variable(
    m: &mut Mapper,
    config: &mut Config,
    app: Option<&str>,
    service: &str,
    kv: KeyValue,
) {
    match config.env.iter_mut().find(|v| v.name == kv.key) {
        Some(var) => {
            if var.services.is_empty() {
                // Empty means the app alone; now the app and this service.
                var.services.extend(app.map(str::to_string));
            }
            var.services.push(service.to_string());
        }
        None => {
            let path = format!("services.{service}.environment.{}", kv.key);
            let mut var = env_var(m, &path, &kv.key, Some(kv.value));
            var.services = vec![service.to_string()];
            config.env.push(var);
        }
    }
}

/// A service's `logging` as dockwright's (driver, max-size, max-file), when it is that shape.
fn read_logging(m: &mut Mapper, path: &str, value: &Value) -> Option<(String, String, u32)> {
    let driver = value
        .get("driver")
        .and_then(|d| m.text(path, d))
        .unwrap_or_else(|| "json-file".into());
    let options = value
        .get("options")
        .and_then(Value::as_mapping)
        .cloned()
        .unwrap_or_default();
    let mut size = Logging::default().max_size;
    let mut files = Logging::default().max_file;
    for (k, v) in options {
        match key_text(&k).as_str() {
            "max-size" => size = m.text(path, &v).unwrap_or_default(),
            "max-file" => match m.text(path, &v).and_then(|t| t.parse().ok()) {
                Some(n) => files = n,
                None => m.warn(path, "max-file is not a number; not carried over"),
            },
            other => m.warn(format!("{path}.options.{other}"), "not carried over"),
        }
    }
    let extra: Vec<String> = value
        .as_mapping()
        .map(|l| {
            l.keys()
                .map(key_text)
                .filter(|k| k != "driver" && k != "options")
                .collect()
        })
        .unwrap_or_default();
    for k in extra {
        m.warn(format!("{path}.{k}"), "not carried over");
    }
    Some((driver, size, files))
}

/// One logging setting for every service, as dockwright writes it.
fn uniform_logging(
    m: &mut Mapper,
    loggings: &BTreeMap<Option<(String, String, u32)>, Vec<String>>,
    config: &mut Config,
) {
    let Some((Some((driver, max_size, max_file)), _)) =
        loggings.iter().max_by_key(|(_, names)| names.len())
    else {
        return;
    };
    config.ops.logging = Some(Logging {
        driver: driver.clone(),
        max_size: max_size.clone(),
        max_file: *max_file,
    });
    if loggings.len() > 1 {
        let detail: Vec<String> = loggings
            .iter()
            .map(|(l, names)| {
                format!(
                    "{}: {}",
                    l.as_ref()
                        .map_or("other".to_string(), |(d, s, f)| format!("{d} {s}×{f}")),
                    names.join(", ")
                )
            })
            .collect();
        m.warn("services.*.logging", format!("one logging setting for every service in dockwright; {driver} {max_size}×{max_file} is used ({})", detail.join("; ")));
    }
}

/// `container_name: <prefix>-<service>` on every service is dockwright's container name
/// prefix; any other naming is a warning.
fn container_prefix(m: &mut Mapper, names: &[(String, Option<String>)], config: &mut Config) {
    let named: Vec<&(String, Option<String>)> = names.iter().filter(|(_, n)| n.is_some()).collect();
    if named.is_empty() {
        return;
    }
    let prefixes: BTreeSet<Option<&str>> = names
        .iter()
        .map(|(service, name)| {
            name.as_deref()
                .and_then(|n| n.strip_suffix(service.as_str()))
                .and_then(|p| p.strip_suffix('-'))
        })
        .collect();
    match prefixes.iter().next() {
        Some(Some(prefix)) if prefixes.len() == 1 => config.ops.container_name_prefix = Some(prefix.to_string()),
        _ => m.warn(
            "services.*.container_name",
            "container names are `<prefix>-<service>` for every service in dockwright, or left to compose; these are not carried over",
        ),
    }
}

fn take(map: &mut Mapping, key: &str) -> Option<Value> {
    map.remove(key)
}

/// The image's family name: `docker.io/library/postgres:16-alpine` -> `postgres`.
fn image_family(image: &str) -> &str {
    image
        .rsplit('/')
        .next()
        .unwrap_or(image)
        .split([':', '@'])
        .next()
        .unwrap_or("")
}

fn image_tag(image: &str) -> Option<&str> {
    let last = image.rsplit('/').next().unwrap_or(image);
    last.split('@')
        .next()
        .and_then(|i| i.split_once(':'))
        .map(|(_, tag)| tag)
}

/// The app's variants per environment in a profiles layout (`web-dev`, `web-prod`, each with
/// its own profile): the app's name and its services by environment.
struct Variants {
    app: String,
    by_env: Vec<(EnvName, String)>,
}

/// `web-prod` with `profiles: [prod]` -> (`web`, prod).
fn variant_of(name: &str, service: &Value) -> Option<(String, EnvName)> {
    let (base, suffix) = name.rsplit_once('-')?;
    let env = EnvName::ALL
        .iter()
        .copied()
        .find(|e| e.as_str() == suffix)?;
    let profiles: Vec<&str> = service
        .get("profiles")
        .and_then(Value::as_sequence)
        .map(|p| p.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    (profiles == [suffix]).then(|| (base.to_string(), env))
}

fn classify(
    m: &mut Mapper,
    services: &Mapping,
    app_name: Option<&str>,
) -> (BTreeMap<String, Kind>, Option<Variants>) {
    let mut kinds = BTreeMap::new();
    let built: Vec<String> = services
        .iter()
        .filter(|(_, s)| s.get("build").is_some())
        .map(|(k, _)| key_text(k))
        .collect();
    // Every built service a variant of one app: the app is that name, read from its
    // production-most variant; the others give per-environment values.
    let variants: Vec<(String, EnvName, String)> = built
        .iter()
        .filter_map(|n| {
            variant_of(n, &services[n.as_str()]).map(|(base, env)| (base, env, n.clone()))
        })
        .collect();
    let one_app = app_name.is_none()
        && !variants.is_empty()
        && variants.len() == built.len()
        && variants.iter().all(|(base, _, _)| *base == variants[0].0);
    let variants = one_app.then(|| Variants {
        app: variants[0].0.clone(),
        by_env: variants
            .iter()
            .map(|(_, env, n)| (*env, n.clone()))
            .collect(),
    });
    let source = variants.as_ref().and_then(|v| {
        v.by_env
            .iter()
            .max_by_key(|(env, _)| EnvName::ALL.iter().position(|e| e == env))
            .map(|(_, n)| n.clone())
    });
    let app = match (app_name, &source) {
        (Some(name), _) => {
            if !services.contains_key(name) {
                m.warn(format!("services.{name}"), "--app names no service here");
            }
            Some(name.to_string())
        }
        (None, Some(source)) => Some(source.clone()),
        // A built service that runs only in dev is a dev variant of the app (`web` and
        // `web-dev`): the app is the other one.
        (None, None) => built
            .iter()
            .find(|name| !dev_only(&services[name.as_str()]))
            .or(built.first())
            .cloned(),
    };
    let mut taken = BTreeSet::new();
    for (key, service) in services {
        let name = key_text(key);
        let image = service
            .get("image")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let image = m
            .text(&format!("services.{name}.image"), &Value::String(image))
            .unwrap_or_default();
        let family = image_family(&image);
        let kind = if Some(&name) == app.as_ref() {
            Kind::App
        } else if variants
            .as_ref()
            .is_some_and(|v| v.by_env.iter().any(|(_, n)| *n == name))
        {
            Kind::EnvVariant
        } else if service.get("build").is_some()
            && app.as_ref().is_some_and(|a| name == format!("{a}-dev"))
            && dev_only(service)
        {
            Kind::DevVariant
        } else if service.get("build").is_some() && image.is_empty() {
            Kind::DroppedBuild
        } else {
            let builtin = match family {
                "postgres" | "postgis" | "pgvector" => Kind::Postgres,
                "redis" => Kind::Redis,
                "pgadmin4" => Kind::PgAdmin,
                "redis-commander" => Kind::RedisCommander,
                _ => Kind::Extra,
            };
            if builtin != Kind::Extra && !taken.insert(builtin as u8) {
                m.warn(
                    format!("services.{name}"),
                    format!("a second {family} service: kept as an extra service"),
                );
                Kind::Extra
            } else {
                if matches!(family, "postgis" | "pgvector") {
                    m.warn(format!("services.{name}.image"), format!("{image}: approximated as the official postgres image (add the extension's image as an extra service if you need it)"));
                }
                builtin
            }
        };
        kinds.insert(name, kind);
    }
    (kinds, variants)
}

/// A database or user name as dockwright writes one (letters, digits, `_`): dashes and dots
/// become `_`, an empty one keeps dockwright's default; each change is a warning.
fn identifier(m: &mut Mapper, path: &str, value: Option<String>) -> Option<String> {
    use crate::validate::syntax::is_identifier_any_case;
    let value = value.unwrap_or_default();
    if value.is_empty() {
        m.warn(path, "empty: dockwright's default is used");
        return None;
    }
    if is_identifier_any_case(&value) && value.len() <= 63 {
        return Some(value);
    }
    let fixed: String = value
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .take(63)
        .collect();
    let fixed = if fixed.starts_with(|c: char| c.is_ascii_alphabetic()) {
        fixed
    } else {
        format!("db_{fixed}")
    };
    m.warn(
        path,
        format!("`{value}` is written `{fixed}` (letters, digits and _)"),
    );
    Some(fixed)
}

/// Project name, layout, file naming and environments.
fn project(m: &mut Mapper, doc: &mut Value, files: &[SourceFile], config: &mut Config) {
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
fn profiles(m: &mut Mapper, service: &mut Mapping, name: &str, kind: Kind, config: &mut Config) {
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

/// A published port: host side (if any), container side, host address.
struct Port {
    host: Option<u16>,
    container: u16,
    ip: Option<String>,
}

fn ports(m: &mut Mapper, service: &mut Mapping, name: &str) -> Vec<Port> {
    let Some(Value::Sequence(list)) = take(service, "ports") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, item) in list.iter().enumerate() {
        let path = format!("services.{name}.ports[{i}]");
        let parsed = match item {
            Value::Mapping(long) => {
                let get = |k: &str| long.get(k).cloned();
                let target = get("target").and_then(|v| m.text(&path, &v));
                let published = get("published").and_then(|v| m.text(&path, &v));
                let ip = get("host_ip").and_then(|v| m.text(&path, &v));
                if get("protocol")
                    .and_then(|v| v.as_str().map(str::to_string))
                    .is_some_and(|p| p != "tcp")
                {
                    m.warn(&path, "a non-TCP port is not carried over");
                    continue;
                }
                target.map(|t| (ip, published, t))
            }
            other => m.text(&path, other).map(|text| {
                let (text, proto) = text
                    .split_once('/')
                    .map_or((text.as_str(), "tcp"), |(a, b)| (a, b));
                let text = text.to_string();
                if proto != "tcp" {
                    return (Some("udp".into()), None, String::new());
                }
                let fields: Vec<&str> = text.rsplitn(3, ':').collect();
                match fields.as_slice() {
                    [c] => (None, None, c.to_string()),
                    [c, h] => (None, Some(h.to_string()), c.to_string()),
                    [c, h, ip] => (
                        Some(ip.trim_matches(['[', ']']).to_string()),
                        Some(h.to_string()),
                        c.to_string(),
                    ),
                    _ => (None, None, String::new()),
                }
            }),
        };
        let Some((ip, host, container)) = parsed else {
            continue;
        };
        if ip.as_deref() == Some("udp") {
            m.warn(&path, "a non-TCP port is not carried over");
            continue;
        }
        let Ok(container) = container.parse::<u16>() else {
            m.warn(
                &path,
                format!("`{container}` is not one port (ranges are not carried over)"),
            );
            continue;
        };
        let host = match host.as_deref() {
            None | Some("") => None,
            Some(h) => match h.parse::<u16>() {
                Ok(h) => Some(h),
                Err(_) => {
                    m.warn(
                        &path,
                        format!("host port `{h}` is not one port (ranges are not carried over)"),
                    );
                    continue;
                }
            },
        };
        out.push(Port {
            host,
            container,
            ip,
        });
    }
    out
}

/// Reads `environment` as (name, raw text or `None` for a bare name).
fn environment(service: &mut Mapping) -> Vec<(String, Option<String>)> {
    let Some(Value::Mapping(map)) = take(service, "environment") else {
        return Vec::new();
    };
    map.into_iter()
        .map(|(k, v)| {
            let value = match v {
                Value::Null => None,
                Value::String(s) => Some(s),
                other => Some(key_text(&other)),
            };
            (key_text(&k), value)
        })
        .collect()
}

/// Whether a variable's name says it holds a secret.
pub fn looks_secret(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    ["SECRET", "PASSWORD", "PASSWD", "TOKEN", "_KEY", "PRIVATE"]
        .iter()
        .any(|w| upper.contains(w))
}

/// The app's `environment` in each file, with the environment the file is for (`None`: the
/// base file, or an override named for no environment).
type FileEnvironment = (Option<EnvName>, Vec<(String, Option<String>)>);

fn app_environments(each: &[Value], files: &[SourceFile], app: &str) -> Vec<FileEnvironment> {
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

fn app(
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
                    m.warn(path, "written by dockwright from its own settings; the imported value is not kept");
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
fn http_path(test: &str) -> Option<String> {
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
fn env_var(m: &mut Mapper, path: &str, name: &str, raw: Option<String>) -> EnvVar {
    let mut var = EnvVar {
        name: name.to_string(),
        ..EnvVar::default()
    };
    let template = raw
        .as_deref()
        .map(|r| Template::parse(r).unwrap_or_default());
    let own = |t: &Template| match t.0.as_slice() {
        [super::interpolation::Piece::Var(v)] if v.name == name => Some(v.clone()),
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
                Some(super::interpolation::Op::Required { .. }) => {
                    var.mode = EnvMode::Required;
                    var.value = m.vars.get(name).cloned().unwrap_or_default();
                }
                Some(super::interpolation::Op::Default { word, .. }) => {
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

fn depends_on(
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

fn builtin_common(m: &mut Mapper, service: &mut Mapping, name: &str, data_dir: &str) {
    take(service, "image");
    if take(service, "healthcheck").is_some() {
        m.warn(
            format!("services.{name}.healthcheck"),
            "dockwright writes its own healthcheck for this service",
        );
    }
    if let Some(Value::Sequence(volumes)) = take(service, "volumes") {
        for (i, v) in volumes.iter().enumerate() {
            let text = key_text(v);
            let target = text.split(':').nth(1).unwrap_or("");
            if target.trim_end_matches('/') != data_dir {
                m.warn(format!("services.{name}.volumes[{i}]"), format!("`{text}` is not carried over (dockwright mounts a named volume at {data_dir})"));
            }
        }
    }
    depends_on(m, service, name, &mut Vec::new(), false);
}

/// The host side of the one published port for `container`, warning on the others.
fn published(m: &mut Mapper, service: &mut Mapping, name: &str, container: u16) -> Option<u16> {
    let mut host = None;
    for (i, p) in ports(m, service, name).into_iter().enumerate() {
        if p.container == container && host.is_none() {
            host = p.host;
            let loopback = matches!(p.ip.as_deref(), Some("127.0.0.1" | "::1" | "localhost"));
            if host.is_some() && !loopback {
                m.warn(
                    format!("services.{name}.ports[{i}]"),
                    "published on 127.0.0.1 only in dockwright (a datastore open to the network is a risk)",
                );
            }
        } else {
            m.warn(
                format!("services.{name}.ports[{i}]"),
                "not carried over (one port per built-in service)",
            );
        }
    }
    host
}

fn postgres(m: &mut Mapper, service: &mut Mapping, name: &str, config: &mut Config) {
    let image = service
        .get("image")
        .cloned()
        .and_then(|v| m.text(&format!("services.{name}.image"), &v))
        .unwrap_or_default();
    let pg = &mut config.postgres;
    pg.enabled = true;
    if let Some(tag) = image_tag(&image) {
        pg.version = match image_family(&image) {
            // pgvector's `pg17` / `0.8.0-pg17` and PostGIS's `16-3.4`: the PostgreSQL major.
            "pgvector" => tag
                .rsplit("pg")
                .next()
                .unwrap_or(tag)
                .chars()
                .take_while(char::is_ascii_digit)
                .collect(),
            "postgis" => tag.chars().take_while(char::is_ascii_digit).collect(),
            _ => tag.to_string(),
        };
        if pg.version.is_empty() {
            pg.version = Postgres::default().version;
        }
    }
    let data_dir = config.postgres.data_dir();
    builtin_common(m, service, name, data_dir);
    config.postgres.host_port = published(m, service, name, 5432);
    for (var, raw) in environment(service) {
        let path = format!("services.{name}.environment.{var}");
        let known = [
            "POSTGRES_DB",
            "POSTGRES_USER",
            "POSTGRES_PASSWORD",
            "TZ",
            "PGTZ",
            "POSTGRES_INITDB_ARGS",
        ];
        if !known.contains(&var.as_str()) {
            m.builtin_variable(POSTGRES_SERVICE, name, &var, raw);
            continue;
        }
        let value = raw.and_then(|r| m.text(&path, &Value::String(r)));
        match var.as_str() {
            "POSTGRES_DB" => {
                if let Some(v) = identifier(m, &path, value) {
                    config.postgres.db = v;
                }
            }
            "POSTGRES_USER" => {
                if let Some(v) = identifier(m, &path, value) {
                    config.postgres.user = v;
                }
            }
            "POSTGRES_PASSWORD" => m.warn(
                path,
                "the password is not copied; dockwright generates one (Database section)",
            ),
            "TZ" | "PGTZ" => {
                let tz = value.unwrap_or_default();
                // The characters the validator accepts for a zone name.
                let zone = !tz.is_empty()
                    && tz
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-' | '/'));
                if zone {
                    config.postgres.timezone = tz;
                } else {
                    m.warn(
                        path,
                        format!(
                            "`{tz}` is not an IANA time zone name; {} is used",
                            config.postgres.timezone
                        ),
                    );
                }
            }
            "POSTGRES_INITDB_ARGS" => config.postgres.initdb_args = value.unwrap_or_default(),
            _ => m.warn(path, "not carried over"),
        }
    }
    if take(service, "command").is_some() {
        m.warn(
            format!("services.{name}.command"),
            "PostgreSQL server options are not carried over",
        );
    }
}

fn redis(m: &mut Mapper, service: &mut Mapping, name: &str, config: &mut Config) {
    let image = service
        .get("image")
        .cloned()
        .and_then(|v| m.text(&format!("services.{name}.image"), &v))
        .unwrap_or_default();
    config.redis.enabled = true;
    if let Some(tag) = image_tag(&image) {
        config.redis.version = tag.to_string();
    }
    builtin_common(m, service, name, "/data");
    config.redis.host_port = published(m, service, name, 6379);
    if let Some(command) = take(service, "command") {
        let words: Vec<String> = match command {
            Value::Sequence(items) => items.iter().map(key_text).collect(),
            other => key_text(&other)
                .split_whitespace()
                .map(str::to_string)
                .collect(),
        };
        let mut i = 0;
        // What the command does not set is Redis's own default.
        config.redis.aof = false;
        config.redis.maxmemory = String::new();
        config.redis.eviction_policy = EvictionPolicy::Noeviction;
        while i < words.len() {
            let word = words[i].as_str();
            let next = words.get(i + 1).cloned().unwrap_or_default();
            match word {
                "redis-server" => {}
                "--maxmemory" => {
                    config.redis.maxmemory = next;
                    i += 1;
                }
                "--maxmemory-policy" => {
                    match EvictionPolicy::ALL.iter().find(|p| p.as_str() == next) {
                        Some(p) => config.redis.eviction_policy = *p,
                        None => m.warn(
                            format!("services.{name}.command"),
                            format!("eviction policy `{next}` is not carried over"),
                        ),
                    }
                    i += 1;
                }
                "--appendonly" => {
                    config.redis.aof = next == "yes";
                    i += 1;
                }
                other => m.warn(
                    format!("services.{name}.command"),
                    format!("`{other}` is not carried over"),
                ),
            }
            i += 1;
        }
    }
    for (var, raw) in environment(service) {
        m.builtin_variable(REDIS_SERVICE, name, &var, raw);
    }
}

fn pgadmin(m: &mut Mapper, service: &mut Mapping, name: &str, config: &mut Config) {
    let image = service
        .get("image")
        .cloned()
        .and_then(|v| m.text(&format!("services.{name}.image"), &v))
        .unwrap_or_default();
    config.pgadmin.enabled = true;
    if let Some(tag) = image_tag(&image) {
        config.pgadmin.version = tag.to_string();
    }
    builtin_common(m, service, name, "/var/lib/pgadmin");
    // A servers.json config is how a pre-registered database server is given to pgAdmin.
    config.pgadmin.register_server = take(service, "configs").is_some();
    if let Some(host) = published(m, service, name, 80) {
        config.pgadmin.host_port = host;
    }
    for (var, raw) in environment(service) {
        let path = format!("services.{name}.environment.{var}");
        match var.as_str() {
            "PGADMIN_DEFAULT_EMAIL" => {
                config.pgadmin.email = raw
                    .and_then(|r| m.text(&path, &Value::String(r)))
                    .unwrap_or_default()
            }
            "PGADMIN_DEFAULT_PASSWORD" => m.warn(
                path,
                "the password is not copied; dockwright generates one (Admin tools section)",
            ),
            _ => m.builtin_variable(PGADMIN_SERVICE, name, &var, raw),
        }
    }
}

fn redis_commander(m: &mut Mapper, service: &mut Mapping, name: &str, config: &mut Config) {
    let image = service
        .get("image")
        .cloned()
        .and_then(|v| m.text(&format!("services.{name}.image"), &v))
        .unwrap_or_default();
    config.redis_commander.enabled = true;
    if let Some(tag) = image_tag(&image) {
        config.redis_commander.version = tag.to_string();
    }
    builtin_common(m, service, name, "/nonexistent");
    if let Some(host) = published(m, service, name, 8081) {
        config.redis_commander.host_port = host;
    }
    for (var, raw) in environment(service) {
        if var != "REDIS_HOSTS" && var != "REDIS_HOST" && var != "REDIS_PORT" {
            m.builtin_variable(REDIS_COMMANDER_SERVICE, name, &var, raw);
        }
    }
}

fn extra(m: &mut Mapper, service: &mut Mapping, name: &str, config: &mut Config) {
    let mut extra = ExtraService {
        name: name.to_string(),
        ..ExtraService::default()
    };
    extra.image = take(service, "image")
        .and_then(|v| m.text(&format!("services.{name}.image"), &v))
        .unwrap_or_default();
    if let Some(command) = take(service, "command") {
        let raw = match command {
            Value::Sequence(items) => items
                .iter()
                .map(key_text)
                .map(|w| {
                    if w.contains(char::is_whitespace) {
                        format!("'{w}'")
                    } else {
                        w
                    }
                })
                .collect::<Vec<_>>()
                .join(" "),
            other => key_text(&other),
        };
        extra.command = Some(m.literal(&format!("services.{name}.command"), &raw));
    }
    for p in ports(m, service, name) {
        match p.host {
            Some(host) => extra.ports.push(PortMapping {
                host,
                container: p.container,
                bind: if matches!(
                    p.ip.as_deref(),
                    Some("127.0.0.1") | Some("::1") | Some("localhost")
                ) {
                    Bind::Loopback
                } else {
                    Bind::All
                },
            }),
            None => m.warn(
                format!("services.{name}.ports"),
                format!(
                    "container port {} with no host port is not carried over",
                    p.container
                ),
            ),
        }
    }
    for (key, raw) in environment(service) {
        extra.environment.push(KeyValue {
            key,
            value: raw.unwrap_or_default(),
        });
    }
    if let Some(Value::Sequence(volumes)) = take(service, "volumes") {
        for (i, v) in volumes.iter().enumerate() {
            let text = key_text(v);
            let fields: Vec<&str> = text.split(':').collect();
            match fields.as_slice() {
                [source, target] | [source, target, _]
                    if source.starts_with('.') || !source.contains('/') =>
                {
                    if fields.len() == 3 && fields[2] != "rw" {
                        m.warn(
                            format!("services.{name}.volumes[{i}]"),
                            format!("mode `{}` is not carried over", fields[2]),
                        );
                    }
                    // A bind path is relative to the compose file's folder; dockwright's is
                    // relative to the project root.
                    let source = if source.starts_with('.') {
                        let dir = if config.project.layout == Layout::DockerDir {
                            "docker/"
                        } else {
                            ""
                        };
                        let rooted = super::loader::normalise_path(&format!("{dir}{source}"));
                        if rooted.starts_with("..") {
                            m.warn(
                                format!("services.{name}.volumes[{i}]"),
                                format!("`{text}` is outside the project: not carried over"),
                            );
                            continue;
                        }
                        format!("./{rooted}")
                    } else {
                        source.to_string()
                    };
                    use crate::validate::syntax::{is_compose_name, is_relative_path};
                    let valid = match source.strip_prefix("./") {
                        Some(rest) => is_relative_path(rest.trim_end_matches('/')),
                        None => is_compose_name(&source),
                    };
                    if !valid || !target.starts_with('/') {
                        m.warn(format!("services.{name}.volumes[{i}]"), format!("`{text}` is not carried over (a volume name or a ./path inside the project, mounted at an absolute path)"));
                        continue;
                    }
                    extra.volumes.push(VolumeMount {
                        source: source.trim_end_matches('/').to_string(),
                        target: target.to_string(),
                    });
                }
                _ => m.warn(
                    format!("services.{name}.volumes[{i}]"),
                    format!("`{text}` is not carried over (named volumes and ./ paths only)"),
                ),
            }
        }
    }
    if let Some(Value::Mapping(mut health)) = take(service, "healthcheck") {
        match take(&mut health, "test") {
            Some(Value::Sequence(items)) => {
                let words: Vec<String> = items.iter().map(key_text).collect();
                match words.split_first() {
                    Some((first, rest)) if first == "CMD-SHELL" => {
                        extra.healthcheck = Some(rest.join(" "))
                    }
                    Some((first, rest)) if first == "CMD" => {
                        extra.healthcheck = Some(rest.join(" "))
                    }
                    Some((first, _)) if first == "NONE" => {}
                    _ => m.warn(
                        format!("services.{name}.healthcheck.test"),
                        "not carried over",
                    ),
                }
            }
            Some(other) => extra.healthcheck = Some(key_text(&other)),
            None => {}
        }
        for (k, _) in health {
            m.warn(
                format!("services.{name}.healthcheck.{}", key_text(&k)),
                "dockwright uses its own healthcheck timings (Operations section)",
            );
        }
    }
    if let Some(test) = extra.healthcheck.take() {
        extra.healthcheck = Some(m.literal(&format!("services.{name}.healthcheck.test"), &test));
    }
    depends_on(m, service, name, &mut extra.depends_on, true);
    if let Some(Value::Sequence(envs)) = take(service, "x-dockwright-only-in") {
        extra.only_in = envs
            .iter()
            .filter_map(|e| {
                EnvName::ALL
                    .iter()
                    .find(|n| Some(n.as_str()) == e.as_str())
                    .copied()
            })
            .collect();
    }
    config.extra_services.push(extra);
}
