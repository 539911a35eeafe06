//! The resolved stage, between the editable configuration and the outputs: the facts several
//! outputs (and validation) need, computed once per generation. Which files exist, which
//! environments a bundle sets up, whether one of them is production, where the files go, and
//! the environment variables with their values in development.
//!
//! cargo-dist's Config -> Info step: outputs read this and their own slice of the
//! configuration, never recompute these answers.

pub mod topology;

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
    /// Every enabled service: where it runs, what it publishes, whether it reports health.
    pub topology: topology::Topology,
    /// The keys of each Kubernetes overlay's ConfigMap and Secret, computed on first use: many
    /// files reference them, and an edit must not recompute them per reference.
    pub cluster_keys: std::cell::OnceCell<Vec<(EnvName, Vec<crate::output::kubernetes::env::Key>)>>,
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
            topology: topology::Topology::new(config),
            cluster_keys: std::cell::OnceCell::new(),
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

/// Env var names dockwright writes itself for the enabled services: in compose (on the app,
/// database and cache services), in the Dockerfile (`HOSTNAME`, `PORT`) and in the `.env` files
/// (host ports, database credentials). A user variable may not take one of them. The `.env`
/// names are checked against this list by a test, so the two cannot drift apart.
pub fn managed_env_names(config: &Config) -> Vec<&'static str> {
    let mut names = vec![
        "NODE_ENV",
        "PORT",
        "HOSTNAME",
        "APP_PORT",
        "APP_ENV",
        "CHOKIDAR_USEPOLLING",
        "WATCHPACK_POLLING",
    ];
    if config.postgres.enabled {
        names.extend([
            "DATABASE_URL",
            "POSTGRES_DB",
            "POSTGRES_USER",
            "POSTGRES_PASSWORD",
            "POSTGRES_PORT",
            "POSTGRES_INITDB_ARGS",
            "TZ",
            "PGTZ",
        ]);
    }
    if config.redis.enabled {
        names.extend(["REDIS_URL", "REDIS_PORT"]);
    }
    if config.pgadmin.enabled {
        names.extend(["PGADMIN_EMAIL", "PGADMIN_PASSWORD", "PGADMIN_PORT"]);
    }
    if config.redis_commander.enabled {
        names.push("REDIS_COMMANDER_PORT");
    }
    names
}

/// The image runs the entrypoint script when it has something to wait for or migrate.
fn has_entrypoint(config: &Config) -> bool {
    config.app.enabled
        && (config.postgres.enabled
            || (config.app.prisma.enabled && config.app.prisma.migrate_on_start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_managed_env_file_variable_is_in_the_managed_list() {
        let mut config = Config::default();
        config.postgres.enabled = true;
        config.postgres.host_port = Some(5432);
        config.redis.enabled = true;
        config.redis.host_port = Some(6379);
        config.pgadmin.enabled = true;
        config.redis_commander.enabled = true;
        config.env.clear();
        let managed = managed_env_names(&config);
        for entry in envvars::resolve(&config) {
            assert!(managed.contains(&entry.name.as_str()), "{}", entry.name);
        }
    }
}
