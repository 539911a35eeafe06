//! The editable configuration: everything a user can choose, as one serde document.
//!
//! Every struct takes `#[serde(default)]` so a partial YAML/JSON file is completed from the
//! defaults, and `deny_unknown_fields` so a typo is reported instead of silently ignored.

mod app;
mod choice;
mod env;
mod kubernetes;
mod ops;
mod project;
mod services;

pub use app::*;
pub use env::*;
pub use kubernetes::*;
pub use ops::*;
pub use project::*;
pub use services::*;

use serde::{Deserialize, Serialize};

/// Version of the configuration format written in `version:`.
pub const CONFIG_VERSION: u32 = 1;

/// The whole configuration of one bundle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub version: u32,
    pub project: Project,
    pub app: App,
    pub postgres: Postgres,
    pub redis: Redis,
    pub pgadmin: PgAdmin,
    pub redis_commander: RedisCommander,
    pub extra_services: Vec<ExtraService>,
    pub env: Vec<EnvVar>,
    pub ops: Operations,
    pub kubernetes: Kubernetes,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            version: CONFIG_VERSION,
            project: Project::default(),
            app: App::default(),
            postgres: Postgres::default(),
            redis: Redis::default(),
            pgadmin: PgAdmin::default(),
            redis_commander: RedisCommander::default(),
            extra_services: Vec::new(),
            env: Vec::new(),
            ops: Operations::default(),
            kubernetes: Kubernetes::default(),
        }
    }
}

/// Why a configuration document could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError(pub String);

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ParseError {}

impl Config {
    /// Reads a configuration from JSON or (with the `yaml` feature) YAML; a JSON-looking
    /// document is parsed as JSON for sharper error messages.
    pub fn from_text(text: &str) -> Result<Config, ParseError> {
        let config: Config = if text.trim_start().starts_with('{') {
            Self::from_json(text)?
        } else {
            Self::from_yaml(text)?
        };
        if config.version > CONFIG_VERSION {
            return Err(ParseError(format!(
                "version: this file is format version {}, this dockwright reads up to {CONFIG_VERSION}",
                config.version
            )));
        }
        Ok(config)
    }

    /// The configuration as compact JSON (browser storage). It goes through `serde_json::Value`,
    /// the one path the share codec needs anyway: the browser then links one instance of the
    /// configuration's serde code instead of two (about 31 KB gzip, see docs/PERFORMANCE.md).
    pub fn to_json(&self) -> String {
        serde_json::to_value(self)
            .map(|v| v.to_string())
            .unwrap_or_default()
    }

    /// Native builds parse JSON straight into the types, so errors carry a line and column.
    /// The browser (no `yaml` feature) reads JSON (presets, storage) through
    /// `serde_json::Value`, like [`Config::to_json`]; the branch not taken is compiled out.
    fn from_json(text: &str) -> Result<Config, ParseError> {
        if cfg!(feature = "yaml") {
            serde_json::from_str(text).map_err(|e| ParseError(format!("invalid JSON: {e}")))
        } else {
            Self::from_json_value(text)
        }
    }

    /// JSON through `serde_json::Value`: syntax errors still carry a position, type errors
    /// name the field.
    fn from_json_value(text: &str) -> Result<Config, ParseError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| ParseError(format!("invalid JSON: {e}")))?;
        serde_json::from_value(value).map_err(|e| ParseError(format!("invalid JSON: {e}")))
    }

    #[cfg(feature = "yaml")]
    fn from_yaml(text: &str) -> Result<Config, ParseError> {
        serde_yaml::from_str(text).map_err(|e| ParseError(format!("invalid YAML: {e}")))
    }

    #[cfg(not(feature = "yaml"))]
    fn from_yaml(_text: &str) -> Result<Config, ParseError> {
        Err(ParseError(
            "this build reads JSON configuration only".into(),
        ))
    }

    /// The configuration as YAML, the format presets and `dockwright render --config` use.
    #[cfg(feature = "yaml")]
    pub fn to_yaml(&self) -> String {
        serde_yaml::to_string(self).unwrap_or_default()
    }

    /// The extra services that are switched on.
    pub fn active_extras(&self) -> impl Iterator<Item = &ExtraService> {
        self.extra_services.iter().filter(|s| s.enabled)
    }

    /// Names of the services that are switched on, in the order they appear in compose files.
    pub fn enabled_service_names(&self) -> Vec<String> {
        let mut names = self.builtin_service_names();
        names.extend(
            self.extra_services
                .iter()
                .filter(|s| s.enabled)
                .map(|s| s.name.clone()),
        );
        names
    }

    /// The enabled services dockwright defines itself (app, databases, admin UIs).
    pub fn builtin_service_names(&self) -> Vec<String> {
        let mut names = Vec::new();
        if self.app.enabled {
            names.push(self.app.service_name.clone());
        }
        if self.postgres.enabled {
            names.push(POSTGRES_SERVICE.to_string());
        }
        if self.redis.enabled {
            names.push(REDIS_SERVICE.to_string());
        }
        if self.pgadmin.enabled {
            names.push(PGADMIN_SERVICE.to_string());
        }
        if self.redis_commander.enabled {
            names.push(REDIS_COMMANDER_SERVICE.to_string());
        }
        names
    }

    /// Renames a service's references (extra services' depends_on, variables' target
    /// services) from `old` to `new`, so renaming a service does not break what points at it.
    /// Call it before renaming the service itself. Nothing changes when `new` is already
    /// another service's name: the references could not be told apart afterwards.
    pub fn rename_service_references(&mut self, old: &str, new: &str) {
        if old == new || old.is_empty() || self.enabled_service_names().iter().any(|n| n == new) {
            return;
        }
        let rename = |name: &mut String| {
            if name == old {
                *name = new.to_string();
            }
        };
        for extra in &mut self.extra_services {
            extra.depends_on.iter_mut().for_each(rename);
        }
        for var in &mut self.env {
            var.services.iter_mut().for_each(rename);
        }
    }

    /// Moves extra service `service`'s environment entry `key` into the variables as a secret
    /// for that service: its value goes to .env (a `${KEY:?…}` reference in compose) and out
    /// of share links, and it can be regenerated. The current value is kept. `false` when
    /// there is no such entry, or a variable of that name exists already.
    pub fn make_extra_env_secret(&mut self, service: usize, key: &str) -> bool {
        if self.env.iter().any(|v| v.name == key) {
            return false;
        }
        let Some(extra) = self.extra_services.get_mut(service) else {
            return false;
        };
        let Some(at) = extra.environment.iter().position(|kv| kv.key == key) else {
            return false;
        };
        let kv = extra.environment.remove(at);
        self.env.push(EnvVar {
            name: kv.key,
            value: kv.value,
            mode: EnvMode::Required,
            secret: true,
            generator: Some(crate::secret::Generator::default()),
            section: format!("Service {}", extra.name),
            services: vec![extra.name.clone()],
            ..EnvVar::default()
        });
        true
    }

    /// Every secret value with its generator: the built-in passwords and secret env vars.
    pub fn secrets_mut(&mut self) -> Vec<(&mut String, Option<crate::secret::Generator>)> {
        let mut out = vec![
            (
                &mut self.postgres.password.value,
                self.postgres.password.generator,
            ),
            (
                &mut self.pgadmin.password.value,
                self.pgadmin.password.generator,
            ),
        ];
        for var in self.env.iter_mut().filter(|v| v.secret) {
            out.push((&mut var.value, var.generator));
        }
        out
    }
}

/// Fixed service names of the built-in services.
pub const POSTGRES_SERVICE: &str = "postgres";
pub const REDIS_SERVICE: &str = "redis";
pub const PGADMIN_SERVICE: &str = "pgadmin";
pub const REDIS_COMMANDER_SERVICE: &str = "redis-commander";

#[cfg(test)]
mod tests {
    use super::Config;
    use crate::presets;

    /// The browser's JSON path (through `serde_json::Value`) reads what the native one reads,
    /// and storage's `to_json` round-trips every preset.
    #[test]
    fn the_browser_json_path_reads_what_the_native_one_reads() {
        for preset in presets::PRESETS {
            let config = presets::load(preset.id).expect(preset.id);
            let json = config.to_json();
            assert_eq!(
                Config::from_json_value(&json).unwrap(),
                config,
                "{}",
                preset.id
            );
            assert_eq!(Config::from_json(&json).unwrap(), config, "{}", preset.id);
        }
        let syntax = Config::from_json_value("{\"version\": 1,,}").unwrap_err();
        assert!(syntax.to_string().contains("line 1"), "{syntax}");
        let typed = Config::from_json_value("{\"postgres\": {\"enabled\": \"yes\"}}").unwrap_err();
        assert!(typed.to_string().contains("invalid type"), "{typed}");
    }
}
