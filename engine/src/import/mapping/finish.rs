//! Last passes over the mapped configuration, once every service is known: what only the
//! whole picture decides (a variable dockwright manages because PostgreSQL, further down the
//! file, is built in; an admin UI that needs a dev environment; a dependency on a service that
//! does not run everywhere its dependent does). Each leaves a configuration the configurator
//! renders without errors, and says what it changed.

use super::classify::Kind;
use super::*;

/// Variables dockwright writes itself once every service is known: a service mapped after the
/// app (PostgreSQL below it in the file) or a pass-through joined from another service can
/// bring one in, which the configuration must not carry (validation refuses it).
pub(super) fn managed_last(m: &mut Mapper, config: &mut Config) {
    let managed = managed_env_names(config);
    let app = config.app.service_name.clone();
    let mut kept = Vec::new();
    for var in std::mem::take(&mut config.env) {
        if !(managed.contains(&var.name.as_str())
            || ["DATABASE_URL", "REDIS_URL"].contains(&var.name.as_str()))
        {
            kept.push(var);
            continue;
        }
        // Said for each service it came from (a variable with no services is the app's).
        let from = if var.services.is_empty() {
            vec![app.clone()]
        } else {
            var.services.clone()
        };
        for service in from {
            let message = if service == app {
                managed_message(&var.name)
            } else {
                format!("{} is one dockwright writes for its own services and the app; {service} is not given it (set it in {service}'s environment with the value it needs)", var.name)
            };
            m.warn(
                format!("services.{service}.environment.{}", var.name),
                message,
            );
        }
    }
    config.env = kept;
}

/// Why a variable dockwright manages is not carried over, saying whether the app still gets it.
pub(super) fn managed_message(name: &str) -> String {
    const GIVEN_TO_THE_APP: &[&str] =
        &["NODE_ENV", "PORT", "HOSTNAME", "DATABASE_URL", "REDIS_URL"];
    if GIVEN_TO_THE_APP.contains(&name) {
        "written by dockwright from its own settings; the imported value is not kept".into()
    } else {
        format!("{name} is a setting of a service dockwright writes (set from its own settings where that service needs it); the app is not given it: read the database or cache from DATABASE_URL / REDIS_URL")
    }
}

/// dockwright runs pgAdmin and redis-commander only in dev; a project with one compose file
/// and an admin UI gets a dev environment (the UI is not dropped, nor published in production).
pub(super) fn admin_uis_need_dev(
    m: &mut Mapper,
    kinds: &BTreeMap<String, Kind>,
    config: &mut Config,
) {
    if !(config.pgadmin.enabled || config.redis_commander.enabled)
        || config.project.environments.contains(&EnvName::Dev)
    {
        return;
    }
    config.project.environments.insert(0, EnvName::Dev);
    for (name, kind) in kinds {
        if matches!(kind, Kind::PgAdmin | Kind::RedisCommander) {
            m.warn(
                format!("services.{name}"),
                "admin UIs run only in dev in dockwright: a dev environment was added (its override file starts the UI; production does not run it)",
            );
        }
    }
}

/// An extra service that depends on one running only in some environments, where it runs
/// itself in more: compose would start it without its dependency there (validation refuses
/// it), so the dependency is not carried over.
pub(super) fn dependencies_where_they_run(m: &mut Mapper, config: &mut Config) {
    let only_in: BTreeMap<String, Vec<EnvName>> = config
        .extra_services
        .iter()
        .map(|s| (s.name.clone(), s.only_in.clone()))
        .collect();
    for extra in &mut config.extra_services {
        let name = extra.name.clone();
        let mine = extra.only_in.clone();
        extra.depends_on.retain(|dep| {
            let Some(theirs) = only_in.get(dep).filter(|t| !t.is_empty()) else {
                return true;
            };
            let covered = !mine.is_empty() && mine.iter().all(|e| theirs.contains(e));
            if !covered {
                let envs: Vec<&str> = theirs.iter().map(|e| e.as_str()).collect();
                m.warn(
                    format!("services.{name}.depends_on.{dep}"),
                    format!("{dep} runs only in {}, and {name} runs where it does not: the dependency is not carried over", envs.join(", ")),
                );
            }
            covered
        });
    }
}
