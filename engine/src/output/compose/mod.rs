//! The compose files, built as typed models (`crate::compose`): the base file plus one
//! override per environment (override strategy) or one file with profiles (profile
//! strategy), each emitted as YAML under its comment banners. Template:
//! `templates/compose.yml.j2`.
//!
//! `app.rs` builds the app service, `backing.rs` the databases, admin UIs and extra
//! services, `files.rs` puts them into files.

mod app;
mod backing;
mod files;

use super::paths::Paths;
use crate::compose::*;
use crate::config::{Config, EnvName, EnvStrategy, ExtraService};
use crate::resolve::topology::Topology;
use crate::resolve::Resolved;
use crate::yaml;
use serde::Serialize;

/// One compose file with the comment banners shown above its services: the context of one
/// compose output.
#[derive(Clone, Debug, PartialEq)]
pub struct ComposeDoc {
    pub path: String,
    pub env: Option<EnvName>,
    pub file: ComposeFile,
    /// (service, banner) pairs.
    pub banners: Vec<(String, String)>,
    pub usage: String,
    pub project: String,
}

/// Every compose file of the configuration.
pub fn build(r: &Resolved) -> Vec<ComposeDoc> {
    let b = Builder {
        config: r.config,
        paths: &r.paths,
        topology: &r.topology,
    };
    match r.config.project.strategy {
        EnvStrategy::Overrides => b.overrides(),
        EnvStrategy::Profiles => b.profiles(),
    }
}

struct Builder<'a> {
    config: &'a Config,
    paths: &'a Paths,
    topology: &'a Topology,
}

fn depends(condition: Condition) -> DependsOn {
    DependsOn { condition }
}

impl Builder<'_> {
    pub(super) fn network(&self) -> String {
        self.config.ops.network_name.clone()
    }

    pub(super) fn container_name(&self, service: &str) -> Option<String> {
        self.config
            .ops
            .container_name_prefix
            .as_ref()
            .map(|p| format!("{p}-{service}"))
    }

    pub(super) fn logging(&self) -> Option<Logging> {
        self.config.ops.logging.as_ref().map(|l| {
            let mut options = OrderedMap::new();
            if l.driver == "json-file" || l.driver == "local" {
                options.insert("max-size", l.max_size.clone());
                options.insert("max-file", l.max_file.to_string());
            }
            Logging {
                driver: l.driver.clone(),
                options,
            }
        })
    }

    pub(super) fn common(&self, name: &str) -> Service {
        Service {
            container_name: self.container_name(name),
            restart: Some(self.config.ops.restart.as_str().into()),
            networks: vec![self.network()],
            logging: self.logging(),
            ..Service::default()
        }
    }

    pub(super) fn has_healthcheck(&self, name: &str) -> bool {
        self.topology.has_healthcheck(name)
    }

    /// An extra service with its variables' values in `values_env` (`None`: the main values).
    pub(super) fn extra_volumes(
        &self,
        services: &[&ExtraService],
        volumes: &mut OrderedMap<Volume>,
    ) {
        for e in services {
            for v in &e.volumes {
                if !v.source.starts_with("./") {
                    volumes.insert(v.source.clone(), Volume {});
                }
            }
        }
    }

    pub(super) fn base_file(&self) -> ComposeFile {
        ComposeFile {
            name: Some(self.config.project.name.clone()),
            ..ComposeFile::default()
        }
    }

    pub(super) fn networks(&self) -> OrderedMap<Network> {
        let mut n = OrderedMap::new();
        n.insert(
            self.network(),
            Network {
                name: None,
                driver: Some("bridge".into()),
            },
        );
        n
    }
}

/// How the profile strategy starts one environment (the guide's and the stack picture's).
pub fn profile_command(env: EnvName) -> String {
    format!("docker compose --profile {} up -d --build", env.as_str())
}

/// Compose's own merge rules (compose-go's override merge) for every field the model has:
/// scalars replace, maps merge by key, `ports` append (an identical entry once), `volumes` and
/// `configs` merge by their target path, `networks` and `profiles` union. The profile strategy
/// merges the app's per-environment delta with it, and `crate::stack` merges each override onto
/// the base file with it to show what an environment runs.
pub fn merge(mut base: Service, delta: Service) -> Service {
    if delta.image.is_some() {
        base.image = delta.image;
    }
    if let Some(db) = delta.build {
        let b = base.build.get_or_insert_with(Build::default);
        if db.context.is_some() {
            b.context = db.context;
        }
        if db.dockerfile.is_some() {
            b.dockerfile = db.dockerfile;
        }
        if db.target.is_some() {
            b.target = db.target;
        }
        for (k, v) in db.args.0 {
            b.args.insert(k, v);
        }
    }
    if delta.container_name.is_some() {
        base.container_name = delta.container_name;
    }
    if delta.command.is_some() {
        base.command = delta.command;
    }
    union(&mut base.profiles, delta.profiles);
    if delta.restart.is_some() {
        base.restart = delta.restart;
    }
    for (k, v) in delta.depends_on.0 {
        base.depends_on.insert(k, v);
    }
    for (k, v) in delta.environment.0 {
        base.environment.insert(k, v);
    }
    union(&mut base.ports, delta.ports);
    for v in delta.volumes {
        let target = |m: &str| crate::stack::read_mount(m).target;
        match base.volumes.iter_mut().find(|b| target(b) == target(&v)) {
            Some(slot) => *slot = v,
            None => base.volumes.push(v),
        }
    }
    for c in delta.configs {
        match base.configs.iter_mut().find(|b| b.target == c.target) {
            Some(slot) => *slot = c,
            None => base.configs.push(c),
        }
    }
    union(&mut base.networks, delta.networks);
    if delta.healthcheck.is_some() {
        base.healthcheck = delta.healthcheck;
    }
    if delta.deploy.is_some() {
        base.deploy = delta.deploy;
    }
    if delta.logging.is_some() {
        base.logging = delta.logging;
    }
    base
}

/// Appends the items of `more` that `list` does not hold yet.
fn union(list: &mut Vec<String>, more: Vec<String>) {
    for item in more {
        if !list.contains(&item) {
            list.push(item);
        }
    }
}

/// THESE FIELDS ARE LOAD-BEARING: read by `templates/compose.yml.j2`.
#[derive(Serialize)]
struct View<'a> {
    /// The environment an override is for; `None` for the base (or only) file.
    env: Option<&'static str>,
    project: &'a str,
    usage: &'a str,
    /// Whether some service carries profiles (the header says how they start).
    profiled: bool,
    name: &'a Option<String>,
    services: Vec<ServiceBlock>,
    /// Top-level `volumes:`, `networks:` and `configs:` as YAML.
    sections: Vec<String>,
}

#[derive(Serialize)]
struct ServiceBlock {
    banner: String,
    yaml: String,
}

/// Emits one compose document.
pub fn render(doc: &ComposeDoc) -> Result<String, String> {
    let services: Vec<ServiceBlock> = doc
        .file
        .services
        .0
        .iter()
        .map(|(name, service)| ServiceBlock {
            banner: doc
                .banners
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, b)| b.clone())
                .unwrap_or_else(|| name.clone()),
            yaml: yaml::entry(name, service, 2).trim_end().to_string(),
        })
        .collect();
    let mut sections = Vec::new();
    if !doc.file.volumes.is_empty() {
        sections.push(yaml::entry("volumes", &doc.file.volumes, 0));
    }
    if !doc.file.networks.is_empty() {
        sections.push(yaml::entry("networks", &doc.file.networks, 0));
    }
    if !doc.file.configs.is_empty() {
        sections.push(yaml::entry("configs", &doc.file.configs, 0));
    }
    let sections = sections.iter().map(|s| s.trim_end().to_string()).collect();
    // Profiles matter only in the one file that has them (never an override).
    let profiled = doc.env.is_none()
        && doc
            .file
            .services
            .0
            .iter()
            .any(|(_, s)| !s.profiles.is_empty());
    crate::templates::render(
        crate::templates::COMPOSE,
        &View {
            env: doc.env.map(EnvName::as_str),
            project: &doc.project,
            usage: &doc.usage,
            profiled,
            name: &doc.file.name,
            services,
            sections,
        },
    )
}
