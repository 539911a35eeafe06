//! The project section: name, environments, strategy.

use super::*;

pub(super) fn project(config: &Config, d: &mut Diagnostics) {
    let p = &config.project;
    if !is_project_name(&p.name) {
        d.error(
            "project.name",
            "project name must be 1-63 lowercase letters, digits, '-' or '_', starting with a letter or digit",
        );
    }
    let unique: BTreeSet<_> = p.environments.iter().collect();
    if unique.len() != p.environments.len() {
        d.error(
            "project.environments",
            "each environment may be listed once",
        );
    }
    if !config.app.enabled
        && !config.postgres.enabled
        && !config.redis.enabled
        && config.active_extras().next().is_none()
    {
        d.error("project", "switch on at least one service");
    }
    if config.version != CONFIG_VERSION {
        d.warning(
            "version",
            format!(
                "configuration version {} is read as {CONFIG_VERSION}",
                config.version
            ),
        );
    }
}
