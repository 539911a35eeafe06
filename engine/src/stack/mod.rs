//! The stack as each environment runs it: every compose file of the bundle merged the way
//! `docker compose -f base -f override` (or `--profile`) merges them, read into the facts a
//! person asks about (which services, which image, which ports on the host, which volumes,
//! who waits for whom). Built from the engine's typed compose model, never from YAML text.
//!
//! The page's stack picture (`picture`) and environment comparison (`compare`) and the CLI's
//! `dockwright stack` / `dockwright compare` read it; `engine/tests/stack.rs` checks it against
//! `docker compose config` for every preset and environment.

pub mod compare;
pub mod facts;
pub mod picture;

use crate::compose::{Condition, Service};
use crate::config::{EnvName, EnvStrategy};
use crate::output::compose::{self, merge};
use crate::resolve::topology::environment_slots;
use crate::resolve::Resolved;
use serde::Serialize;

/// What one environment runs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stack {
    /// `None`: the single-file setup (no environments configured).
    pub env: Option<EnvName>,
    /// How to start it, as DOCKER.md says.
    pub command: String,
    pub network: String,
    pub services: Vec<StackService>,
    /// The named volumes its services mount, in first-use order.
    pub volumes: Vec<String>,
}

/// One service of an environment, after every file it is in is merged.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StackService {
    /// The compose service name.
    pub name: String,
    /// The name the configuration knows it by: the profile strategy's `web-dev` is `web`.
    pub role: String,
    pub image: Option<String>,
    /// What it is built from, when it is built (`Dockerfile.dev, target dev`).
    pub build: Option<String>,
    pub ports: Vec<Port>,
    pub mounts: Vec<Mount>,
    pub depends_on: Vec<Dependency>,
    pub healthcheck: bool,
    /// The environments it runs in when that is not all of them (the admin UIs: dev only).
    pub only_in: Vec<EnvName>,
    /// The merged compose service itself, for the side-by-side comparison.
    #[serde(skip)]
    pub service: Service,
}

/// A published port: the host side (address, port and the variable that can move it) and the
/// container side.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Port {
    /// `None`: every interface.
    pub host_ip: Option<String>,
    /// The host port as the bundle starts it (a variable's default when it has one).
    pub host: String,
    /// The variable that sets the host port (`APP_PORT`).
    pub variable: Option<String>,
    pub container: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mount {
    pub source: String,
    pub target: String,
    /// A named volume (a top-level `volumes:` entry) rather than a host path.
    pub named: bool,
    pub read_only: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dependency {
    pub service: String,
    pub condition: Condition,
}

impl Stack {
    /// The environment's name, or `single file`.
    pub fn label(&self) -> &'static str {
        self.env.map(EnvName::as_str).unwrap_or("single file")
    }

    pub fn service(&self, name: &str) -> Option<&StackService> {
        self.services.iter().find(|s| s.name == name)
    }
}

/// Every environment's stack, in the configuration's order (one for the single-file setup).
pub fn stacks(r: &Resolved) -> Vec<Stack> {
    let docs = compose::build(r);
    let c = r.config;
    let app = &c.app.service_name;
    let mut stacks: Vec<Stack> = environment_slots(c)
        .into_iter()
        .map(|env| {
            let mut merged: Vec<(String, Service)> = Vec::new();
            let mut command = String::new();
            for doc in &docs {
                let applies = match c.project.strategy {
                    EnvStrategy::Overrides => doc.env.is_none() || doc.env == env,
                    EnvStrategy::Profiles => true,
                };
                if !applies {
                    continue;
                }
                if doc.env == env || command.is_empty() {
                    command = doc.usage.clone();
                }
                for (name, s) in &doc.file.services.0 {
                    let active = match env {
                        Some(e) if c.project.strategy == EnvStrategy::Profiles => {
                            s.profiles.is_empty() || s.profiles.iter().any(|p| p == e.as_str())
                        }
                        _ => true,
                    };
                    if !active {
                        continue;
                    }
                    match merged.iter_mut().find(|(n, _)| n == name) {
                        Some(slot) => slot.1 = merge(slot.1.clone(), s.clone()),
                        None => merged.push((name.clone(), s.clone())),
                    }
                }
            }
            if let (Some(e), EnvStrategy::Profiles) = (env, c.project.strategy) {
                command = compose::profile_command(e);
            }
            let services: Vec<StackService> = merged
                .into_iter()
                .map(|(name, s)| read_service(&name, s, app, env))
                .collect();
            let mut volumes: Vec<String> = Vec::new();
            for m in services.iter().flat_map(|s| &s.mounts) {
                if m.named && !volumes.contains(&m.source) {
                    volumes.push(m.source.clone());
                }
            }
            Stack {
                env,
                command,
                network: c.ops.network_name.clone(),
                services,
                volumes,
            }
        })
        .collect();
    // A service missing from some environment is marked with the ones it runs in.
    let envs: Vec<Option<EnvName>> = stacks.iter().map(|s| s.env).collect();
    let presence: Vec<Vec<String>> = stacks
        .iter()
        .map(|s| s.services.iter().map(|x| x.role.clone()).collect())
        .collect();
    for stack in &mut stacks {
        for s in &mut stack.services {
            let runs_in: Vec<EnvName> = envs
                .iter()
                .zip(&presence)
                .filter(|(_, roles)| roles.contains(&s.role))
                .filter_map(|(e, _)| *e)
                .collect();
            if runs_in.len() < envs.len() {
                s.only_in = runs_in;
            }
        }
    }
    stacks
}

fn read_service(name: &str, s: Service, app: &str, env: Option<EnvName>) -> StackService {
    let role = match env {
        Some(e) => name
            .strip_suffix(&format!("-{}", e.as_str()))
            .filter(|base| *base == app)
            .unwrap_or(name),
        None => name,
    }
    .to_string();
    let build = s.build.as_ref().map(|b| {
        let file = b.dockerfile.clone().unwrap_or_else(|| "Dockerfile".into());
        let file = file.rsplit('/').next().unwrap_or(&file).to_string();
        match &b.target {
            Some(t) => format!("{file}, target {t}"),
            None => file,
        }
    });
    StackService {
        name: name.to_string(),
        role,
        image: s.image.clone(),
        build,
        ports: s.ports.iter().map(|p| read_port(p)).collect(),
        mounts: s.volumes.iter().map(|m| read_mount(m)).collect(),
        depends_on: s
            .depends_on
            .0
            .iter()
            .map(|(n, d)| Dependency {
                service: n.clone(),
                condition: d.condition,
            })
            .collect(),
        healthcheck: s.healthcheck.is_some(),
        only_in: vec![],
        service: s,
    }
}

/// Splits on `:` outside `${…}`.
fn split_colons(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'{' if i > 0 && bytes[i - 1] == b'$' => depth += 1,
            b'}' if depth > 0 => depth -= 1,
            b':' if depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

/// `${NAME:-default}` to (default, NAME); a literal to itself.
fn read_value(v: &str) -> (String, Option<String>) {
    if let Some(inner) = v.strip_prefix("${").and_then(|x| x.strip_suffix('}')) {
        if let Some((name, default)) = inner.split_once(":-") {
            return (default.to_string(), Some(name.to_string()));
        }
        return (String::new(), Some(inner.to_string()));
    }
    (v.to_string(), None)
}

/// A short-syntax port: `[ip:]host:container` (host may be `${VAR:-default}`).
pub(crate) fn read_port(p: &str) -> Port {
    let parts = split_colons(p);
    let (ip, host, container) = match parts.as_slice() {
        [ip, host, container] => (Some(ip.to_string()), *host, *container),
        [host, container] => (None, *host, *container),
        _ => (None, "", p),
    };
    let (host, variable) = read_value(host);
    Port {
        host_ip: ip,
        host,
        variable,
        container: container.to_string(),
    }
}

/// A short-syntax mount: `source:target[:ro]`.
pub(crate) fn read_mount(m: &str) -> Mount {
    let parts = split_colons(m);
    if parts.len() == 1 {
        // An anonymous volume: a path in the container only.
        return Mount {
            source: String::new(),
            target: m.to_string(),
            named: false,
            read_only: false,
        };
    }
    let source = parts[0].to_string();
    Mount {
        named: !source.is_empty() && !source.starts_with(['.', '/', '~', '$']),
        target: parts.get(1).copied().unwrap_or_default().to_string(),
        read_only: parts
            .get(2)
            .is_some_and(|o| o.split(',').any(|x| x == "ro")),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_and_mounts_read_like_compose() {
        let p = read_port("127.0.0.1:${POSTGRES_PORT:-5432}:5432");
        assert_eq!(p.host_ip.as_deref(), Some("127.0.0.1"));
        assert_eq!(p.host, "5432");
        assert_eq!(p.variable.as_deref(), Some("POSTGRES_PORT"));
        assert_eq!(p.container, "5432");
        let p = read_port("8080:80");
        assert_eq!(
            (p.host_ip, p.host.as_str(), p.container.as_str()),
            (None, "8080", "80")
        );
        let m = read_mount("./scripts/init-db.sql:/docker-entrypoint-initdb.d/init-db.sql:ro");
        assert!(!m.named && m.read_only);
        let m = read_mount("postgres_data:/var/lib/postgresql/data");
        assert!(m.named && !m.read_only);
        assert_eq!(m.target, "/var/lib/postgresql/data");
        let m = read_mount("/app/node_modules");
        assert_eq!(
            (m.source.as_str(), m.target.as_str(), m.named),
            ("", "/app/node_modules", false)
        );
    }

    #[test]
    fn every_preset_has_one_stack_per_environment_and_dev_only_admin_tools() {
        for preset in crate::presets::PRESETS {
            let config = crate::presets::load(preset.id).unwrap();
            let r = Resolved::new(&config);
            let stacks = stacks(&r);
            assert_eq!(
                stacks.len(),
                environment_slots(&config).len(),
                "{}",
                preset.id
            );
            for stack in &stacks {
                for s in &stack.services {
                    for d in &s.depends_on {
                        assert!(
                            stack.service(&d.service).is_some(),
                            "{}: {} waits for {} which {} does not run",
                            preset.id,
                            s.name,
                            d.service,
                            stack.label()
                        );
                    }
                    if s.name == crate::config::PGADMIN_SERVICE {
                        assert_eq!(s.only_in, vec![EnvName::Dev], "{}", preset.id);
                    }
                }
            }
        }
    }
}
