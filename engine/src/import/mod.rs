//! Import: start from the compose files (and env files) a user already has. The loader reads
//! them as compose does ([`loader`]), the mapping carries what fits onto the configuration
//! ([`mapping`]) and says, with the compose path, what it could not carry over. Only
//! unreadable input is refused. Interpolation stays symbolic ([`interpolation`]) and is
//! evaluated only where the configuration needs a value.

#[cfg(feature = "yaml")]
pub mod files;
pub mod interpolation;
#[cfg(feature = "yaml")]
pub mod loader;
#[cfg(feature = "yaml")]
pub mod mapping;
pub mod names;
#[cfg(feature = "yaml")]
pub mod repository;

use crate::config::Config;
use std::fmt;

/// Something not carried over, or carried over approximately, with where it came from.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ImportWarning {
    /// A compose path (`services.web.secrets`) or a file name.
    pub path: String,
    pub message: String,
    /// The configuration path of the field it landed in (`postgres.version`), when there is
    /// one: the configurator links the warning to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl ImportWarning {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
            field: None,
        }
    }
}

impl fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Input that cannot be read at all (not YAML, no services, a malformed `${`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for ImportError {}

/// A configuration and what did not make it across.
#[derive(Clone, Debug)]
pub struct Imported {
    pub config: Config,
    pub warnings: Vec<ImportWarning>,
    /// The built services, in file order: each could be the app (`--app NAME`), and a front end
    /// offers the others when there is more than one.
    pub apps: Vec<String>,
}

/// What to import: compose files in `-f` order (base first), env files, and the app's service
/// when more than one is built.
#[cfg(feature = "yaml")]
#[derive(Clone, Debug, Default)]
pub struct ImportInput {
    pub compose: Vec<loader::SourceFile>,
    pub env_files: Vec<loader::SourceFile>,
    pub app: Option<String>,
    /// Files that `include` and `extends` name, by normalised path ([`loader::Available`]).
    pub available: loader::Available,
    /// The repository's files that detection reads ([`repository::FILES`]), when given.
    pub repo: Option<repository::RepoFiles>,
}

/// Reads and maps; refuses only unreadable input.
#[cfg(feature = "yaml")]
pub fn import(input: &ImportInput) -> Result<Imported, ImportError> {
    let mut warnings = Vec::new();
    let loaded = loader::load(&input.compose, &input.available, &mut warnings)?;
    let apps = loaded
        .merged
        .get("services")
        .and_then(serde_yaml::Value::as_mapping)
        .map(|services| {
            services
                .iter()
                .filter(|(_, s)| s.get("build").is_some())
                .map(|(name, _)| loader::key_text(name))
                .collect()
        })
        .unwrap_or_default();
    // `.env` (and any env file not named for an environment) feeds interpolation; one named
    // for staging or production (`.env.production.example`) gives that environment's values.
    let mut vars = mapping::Vars::new();
    let mut per_env: std::collections::BTreeMap<crate::config::EnvName, mapping::Vars> =
        Default::default();
    for file in &input.env_files {
        let target = match mapping::file_environment(&file.path) {
            Some(env @ (crate::config::EnvName::Staging | crate::config::EnvName::Prod)) => {
                per_env.entry(env).or_default()
            }
            _ => &mut vars,
        };
        for (name, value) in crate::dotenv::parse(&file.text) {
            target.insert(name, value.unwrap_or_default());
        }
    }
    let env = mapping::EnvFiles { vars, per_env };
    let mut config = mapping::map(
        loaded,
        &input.compose,
        &env,
        input.app.as_deref(),
        &mut warnings,
    );
    if let Some(repo) = &input.repo {
        repository::detect(repo, &mut config, &mut warnings);
    }
    Ok(Imported {
        config,
        warnings,
        apps,
    })
}
