//! Where each service runs and what it publishes, per environment: the topology queries
//! validation (port clashes, dependencies) and the editor (free ports) share.

use crate::config::*;
use crate::diagnostics::ConfigPath;
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
    let topology = Topology::new(config);
    let used: BTreeSet<u16> = environment_slots(config)
        .into_iter()
        .flat_map(|env| topology.published_in(env))
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

/// One service as the bundle runs it: where, what it publishes, whether it reports health.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceSpec {
    pub name: String,
    /// The setups it runs in (`None`: the base file or the single production file).
    pub runs_in: Vec<Option<EnvName>>,
    pub host_ports: Vec<HostPort>,
    /// Whether compose can wait for it to be healthy (`condition: service_healthy`).
    pub healthcheck: bool,
}

/// A published host port, the field that sets it, and the setups that publish it.
#[derive(Clone, Debug, PartialEq)]
pub struct HostPort {
    pub port: u16,
    pub path: String,
    pub published_in: Vec<Option<EnvName>>,
}

/// Every enabled service of a configuration, computed once (see [`super::Resolved`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Topology {
    pub services: Vec<ServiceSpec>,
}

impl Topology {
    pub fn new(config: &Config) -> Self {
        // Every setup a question can be about: the base file and each environment.
        let mut setups = vec![None];
        setups.extend(config.project.environments.iter().copied().map(Some));
        let everywhere = setups.clone();
        let dev_only = vec![Some(EnvName::Dev)];
        let published = |in_production: bool| {
            if in_production {
                everywhere.clone()
            } else {
                dev_only.clone()
            }
        };
        let port = |port: u16, path: &str, published_in: Vec<Option<EnvName>>| HostPort {
            port,
            path: path.into(),
            published_in,
        };
        let mut services = Vec::new();
        if config.app.enabled {
            services.push(ServiceSpec {
                name: config.app.service_name.clone(),
                runs_in: everywhere.clone(),
                host_ports: vec![port(
                    config.app.host_port,
                    "app.host_port",
                    everywhere.clone(),
                )],
                healthcheck: true,
            });
        }
        for (enabled, name, host_port, path, in_production) in [
            (
                config.postgres.enabled,
                POSTGRES_SERVICE,
                config.postgres.host_port,
                "postgres.host_port",
                config.postgres.publish_in_production,
            ),
            (
                config.redis.enabled,
                REDIS_SERVICE,
                config.redis.host_port,
                "redis.host_port",
                config.redis.publish_in_production,
            ),
        ] {
            if enabled {
                services.push(ServiceSpec {
                    name: name.into(),
                    runs_in: everywhere.clone(),
                    host_ports: host_port
                        .map(|p| port(p, path, published(in_production)))
                        .into_iter()
                        .collect(),
                    healthcheck: true,
                });
            }
        }
        // The admin UIs run in development only.
        for (enabled, name, host_port, path) in [
            (
                config.pgadmin.enabled,
                PGADMIN_SERVICE,
                config.pgadmin.host_port,
                "pgadmin.host_port",
            ),
            (
                config.redis_commander.enabled,
                REDIS_COMMANDER_SERVICE,
                config.redis_commander.host_port,
                "redis_commander.host_port",
            ),
        ] {
            if enabled {
                services.push(ServiceSpec {
                    name: name.into(),
                    runs_in: dev_only.clone(),
                    host_ports: vec![port(host_port, path, dev_only.clone())],
                    healthcheck: true,
                });
            }
        }
        for (i, s) in config
            .extra_services
            .iter()
            .enumerate()
            .filter(|(_, s)| s.enabled)
        {
            // Its ports count in the base file whatever its environments (the base file must be
            // valid on its own), and in each environment it runs in.
            let ports_in: Vec<Option<EnvName>> = setups
                .iter()
                .copied()
                .filter(|env| {
                    env.is_none()
                        || s.only_in.is_empty()
                        || env.is_some_and(|e| s.only_in.contains(&e))
                })
                .collect();
            services.push(ServiceSpec {
                name: s.name.clone(),
                runs_in: runs_in(config, s),
                host_ports: s
                    .ports
                    .iter()
                    .enumerate()
                    .map(|(j, p)| {
                        let path = ConfigPath::new("extra_services")
                            .index(i)
                            .item("ports", j)
                            .field("host")
                            .to_string();
                        port(p.host, &path, ports_in.clone())
                    })
                    .collect(),
                healthcheck: s.healthcheck.is_some(),
            });
        }
        Self { services }
    }

    /// The services present in one setup.
    pub fn services_in(&self, env: Option<EnvName>) -> Vec<&str> {
        self.services
            .iter()
            .filter(|s| s.runs_in.contains(&env))
            .map(|s| s.name.as_str())
            .collect()
    }

    /// Host ports published in one setup: (port, field path, service).
    pub fn published_in(&self, env: Option<EnvName>) -> Vec<(u16, &str, &str)> {
        self.services
            .iter()
            .flat_map(|s| {
                s.host_ports
                    .iter()
                    .filter(move |p| p.published_in.contains(&env))
                    .map(move |p| (p.port, p.path.as_str(), s.name.as_str()))
            })
            .collect()
    }

    /// Whether `name` is a service compose can wait for as healthy.
    pub fn has_healthcheck(&self, name: &str) -> bool {
        self.services
            .iter()
            .any(|s| s.name == name && s.healthcheck)
    }
}
