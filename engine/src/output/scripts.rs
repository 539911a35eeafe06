//! The shell and SQL scripts: the container entrypoint (wait for the database, migrate, exec
//! the server), the database's first-start SQL, and the backup script with rotation.
//! Templates: `templates/docker-entrypoint.sh.j2`, `init-db.sql.j2`, `backup-database.sh.j2`.

use crate::config::EnvStrategy;
use crate::resolve::Resolved;
use serde::Serialize;

/// THESE FIELDS ARE LOAD-BEARING: read by `templates/docker-entrypoint.sh.j2`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntrypointContext {
    pub project: String,
    pub wait_for_db: bool,
    pub migrate: bool,
    /// Prisma schema path, for `migrate deploy`.
    pub schema: String,
}

pub fn entrypoint(r: &Resolved) -> EntrypointContext {
    let c = r.config;
    EntrypointContext {
        project: c.project.name.clone(),
        wait_for_db: c.postgres.enabled,
        migrate: c.app.prisma.enabled && c.app.prisma.migrate_on_start,
        schema: c.app.prisma.schema_path.clone(),
    }
}

/// THESE FIELDS ARE LOAD-BEARING: read by `templates/init-db.sql.j2`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InitDbContext {
    pub project: String,
    pub extensions: Vec<String>,
    pub timezone: String,
}

pub fn init_db(r: &Resolved) -> InitDbContext {
    let pg = &r.config.postgres;
    InitDbContext {
        project: r.config.project.name.clone(),
        extensions: pg.extensions.clone(),
        timezone: pg.timezone.clone(),
    }
}

/// THESE FIELDS ARE LOAD-BEARING: read by `templates/backup-database.sh.j2`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BackupContext {
    pub project: String,
    pub keep: u32,
    pub dir: String,
    /// `-f` / `--profile` arguments that select the production-like setup.
    pub compose_args: String,
}

pub fn backup(r: &Resolved) -> BackupContext {
    let pg = &r.config.postgres;
    BackupContext {
        project: r.config.project.name.clone(),
        keep: pg.backup.keep,
        dir: pg.backup.dir.clone(),
        compose_args: production_compose_args(r),
    }
}

/// `-f` arguments (from the repository root) that select the production-like setup.
fn production_compose_args(r: &Resolved) -> String {
    let base = r.paths.compose_path(None);
    let mut args = format!("-f {base}");
    let prod_env = r
        .environments
        .iter()
        .copied()
        .rfind(|e| e.is_production_like());
    if let Some(env) = prod_env {
        match r.config.project.strategy {
            EnvStrategy::Overrides => {
                args.push_str(&format!(" -f {}", r.paths.compose_path(Some(env))))
            }
            EnvStrategy::Profiles => args.push_str(&format!(" --profile {}", env.as_str())),
        }
    }
    args
}
