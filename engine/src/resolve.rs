//! The resolved stage, between the editable configuration and the outputs: the facts several
//! outputs (and validation) need, computed once per generation. Which files exist, which
//! environments a bundle sets up, whether one of them is production, where the files go, and
//! the environment variables with their values in development.
//!
//! cargo-dist's Config -> Info step: outputs read this and their own slice of the
//! configuration, never recompute these answers.

use crate::config::*;
use crate::output::envvars::{self, EnvEntry};
use crate::output::paths::Paths;

/// One configuration, resolved.
pub struct Resolved<'c> {
    pub config: &'c Config,
    pub paths: Paths,
    /// The environments the bundle sets up; empty means one production file.
    pub environments: &'c [EnvName],
    /// Whether some generated setup runs the production image.
    pub production: bool,
    /// Whether a development environment exists.
    pub dev: bool,
    /// Whether the image gets the entrypoint script (it waits for the database or migrates).
    pub entrypoint: bool,
    /// Managed and user variables with their development values.
    pub env: Vec<EnvEntry>,
}

impl<'c> Resolved<'c> {
    pub fn new(config: &'c Config) -> Self {
        let environments = config.project.environments.as_slice();
        Self {
            config,
            paths: Paths::new(config),
            environments,
            production: production_environments(config),
            dev: environments.contains(&EnvName::Dev),
            entrypoint: has_entrypoint(config),
            env: envvars::resolve(config),
        }
    }
}

/// Whether some generated setup runs the production image (no environments = one production file).
pub fn production_environments(config: &Config) -> bool {
    config.project.environments.is_empty()
        || config
            .project
            .environments
            .iter()
            .any(|e| e.is_production_like())
}

/// The image runs the entrypoint script when it has something to wait for or migrate.
fn has_entrypoint(config: &Config) -> bool {
    config.app.enabled
        && (config.postgres.enabled
            || (config.app.prisma.enabled && config.app.prisma.migrate_on_start))
}
