//! Where each service runs and what it publishes, per environment: the topology queries
//! validation (port clashes, dependencies) and the editor (free ports) share.

use crate::config::*;
use std::collections::BTreeSet;

/// The environments an extra service runs in (`None` = the single-file setup).
pub fn runs_in(config: &Config, s: &ExtraService) -> Vec<Option<EnvName>> {
    // A service in every environment also sits in the base file (or has no profile), which
    // must be valid on its own.
    let mut envs = vec![];
    if s.only_in.is_empty() || config.project.environments.is_empty() {
        envs.push(None);
    }
    envs.extend(
        config
            .project
            .environments
            .iter()
            .copied()
            .filter(|e| s.only_in.contains(e) || s.only_in.is_empty())
            .map(Some),
    );
    envs
}

/// Every environment a bundle sets up: each configured one, or the single base file (`None`).
pub fn environment_slots(config: &Config) -> Vec<Option<EnvName>> {
    if config.project.environments.is_empty() {
        vec![None]
    } else {
        config
            .project
            .environments
            .iter()
            .copied()
            .map(Some)
            .collect()
    }
}

/// The lowest host port from `from` up that no service publishes in any environment: the
/// default for a newly added service, so it does not clash with the one added before.
pub fn first_free_host_port(config: &Config, from: u16) -> u16 {
    let used: BTreeSet<u16> = environment_slots(config)
        .into_iter()
        .flat_map(|env| published_host_ports(config, env))
        .map(|(port, _, _)| port)
        .chain(
            config
                .extra_services
                .iter()
                .flat_map(|s| s.ports.iter().map(|p| p.host)),
        )
        .collect();
    (from..=u16::MAX)
        .find(|p| !used.contains(p))
        .unwrap_or(from)
}

/// The services present in one environment.
pub fn services_in(config: &Config, env: Option<EnvName>) -> Vec<String> {
    let dev = env == Some(EnvName::Dev);
    let mut out = Vec::new();
    if config.app.enabled {
        out.push(config.app.service_name.clone());
    }
    if config.postgres.enabled {
        out.push(POSTGRES_SERVICE.into());
    }
    if config.redis.enabled {
        out.push(REDIS_SERVICE.into());
    }
    if dev && config.pgadmin.enabled {
        out.push(PGADMIN_SERVICE.into());
    }
    if dev && config.redis_commander.enabled {
        out.push(REDIS_COMMANDER_SERVICE.into());
    }
    for s in config.active_extras() {
        if runs_in(config, s).contains(&env) {
            out.push(s.name.clone());
        }
    }
    out
}

/// Host ports published in one environment, with the field path that publishes each.
pub fn published_host_ports(config: &Config, env: Option<EnvName>) -> Vec<(u16, String, String)> {
    let dev = env == Some(EnvName::Dev);
    let mut out = Vec::new();
    if config.app.enabled {
        out.push((
            config.app.host_port,
            "app.host_port".into(),
            config.app.service_name.clone(),
        ));
    }
    if config.postgres.enabled {
        if let Some(p) = config.postgres.host_port {
            if dev || config.postgres.publish_in_production {
                out.push((p, "postgres.host_port".into(), POSTGRES_SERVICE.into()));
            }
        }
    }
    if config.redis.enabled {
        if let Some(p) = config.redis.host_port {
            if dev || config.redis.publish_in_production {
                out.push((p, "redis.host_port".into(), REDIS_SERVICE.into()));
            }
        }
    }
    if dev && config.pgadmin.enabled {
        out.push((
            config.pgadmin.host_port,
            "pgadmin.host_port".into(),
            PGADMIN_SERVICE.into(),
        ));
    }
    if dev && config.redis_commander.enabled {
        out.push((
            config.redis_commander.host_port,
            "redis_commander.host_port".into(),
            REDIS_COMMANDER_SERVICE.into(),
        ));
    }
    for (i, s) in config
        .extra_services
        .iter()
        .enumerate()
        .filter(|(_, s)| s.enabled)
    {
        if env.is_none() || s.only_in.is_empty() || env.is_some_and(|e| s.only_in.contains(&e)) {
            for (j, p) in s.ports.iter().enumerate() {
                out.push((
                    p.host,
                    format!("extra_services[{i}].ports[{j}].host"),
                    s.name.clone(),
                ));
            }
        }
    }
    out
}
