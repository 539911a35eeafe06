//! From a loaded compose project onto dockwright's configuration. Each service's keys are
//! taken out of its mapping as they are carried over; whatever is left is a warning with its
//! compose path, so nothing is dropped without a word (kompose and composerize drop silently).

use crate::import::interpolation::Template;

mod app;
mod backing;
mod classify;
mod extras;
mod finish;
mod landing;
mod operations;
mod ports;
mod project;
mod variables;

use super::ImportWarning;
use crate::config::*;
use crate::import::loader::{key_text, Loaded, SourceFile};
use crate::resolve::managed_env_names;
pub use app::file_environment;
use app::{app, app_environments, depends_on, env_var, FileEnvironment};
use backing::{pgadmin, postgres, redis, redis_commander};
use classify::{classify, image_family, image_tag, Kind};
use extras::extra;
use landing::landing;
use operations::{container_prefix, read_logging, uniform_logging, uniform_restart};
use ports::ports;
use project::{profiles, project};
use serde_yaml::{Mapping, Value};
use std::collections::{BTreeMap, BTreeSet};
use variables::shared_variables;

/// Variables from the env files, for evaluating templates where the model needs a value.
pub type Vars = BTreeMap<String, String>;

/// The env files given: the variables compose interpolates with, and per environment the
/// values of an env file named for it.
#[derive(Default)]
pub struct EnvFiles {
    pub vars: Vars,
    pub per_env: BTreeMap<EnvName, Vars>,
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
            matches!(t.0.as_slice(), [crate::import::interpolation::Piece::Var(v)] if v.name == var)
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
    uniform_restart(&mut m, &restarts, &mut config);
    finish::managed_last(&mut m, &mut config);
    finish::admin_uis_need_dev(&mut m, &kinds, &mut config);
    finish::dependencies_where_they_run(&mut m, &mut config);
    for warning in m.warnings.iter_mut().filter(|w| w.field.is_none()) {
        warning.field = landing(&warning.path, &kinds, &config);
    }
    config
}

fn take(map: &mut Mapping, key: &str) -> Option<Value> {
    map.remove(key)
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
