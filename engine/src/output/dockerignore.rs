//! `.dockerignore`: keeps dependencies, build output, secrets and local backups out of the
//! build context. Template: `templates/dockerignore.j2`.

use crate::resolve::Resolved;
use serde::Serialize;

/// THESE FIELDS ARE LOAD-BEARING: read by `templates/dockerignore.j2`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DockerignoreContext {
    pub project: String,
    /// A backup folder inside the repository, which must not reach the image.
    pub backup_dir: Option<String>,
}

pub fn context(r: &Resolved) -> DockerignoreContext {
    let pg = &r.config.postgres;
    DockerignoreContext {
        project: r.config.project.name.clone(),
        backup_dir: (pg.enabled && pg.backup.enabled && !pg.backup.dir.starts_with('/'))
            .then(|| pg.backup.dir.clone()),
    }
}
