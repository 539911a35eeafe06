//! The Kubernetes side of the bundle: a Kustomize tree that deploys the same stack the compose
//! files run, with `kubectl apply -k k8s/overlays/<env>`.
//!
//! ```text
//! k8s/base/                 app, PostgreSQL, Redis, backups, network policies
//! k8s/optional/<service>/   services that run in some environments only (admin UIs, extras)
//! k8s/overlays/<env>/       namespace, image tag, replicas, ingress, config and secrets
//! ```
//!
//! Each environment gets its own namespace rather than a name prefix: in-cluster hostnames
//! (`postgres` in DATABASE_URL) live in strings Kustomize cannot rename. Objects are typed
//! values from [`crate::kubernetes`]; this module decides which exist and what they say.

pub mod backup;
pub mod env;
pub mod guide;
pub mod kustomize;
pub mod merged;
pub mod optional;
pub mod policy;
pub mod workloads;

use crate::config::{Config, EnvName};
use crate::kubernetes::{render_stream, Manifest};
use crate::resolve::Resolved;
use serde::Serialize;

/// The ConfigMap every overlay generates from its `config.env`.
pub const CONFIG_MAP: &str = "stack-config";
/// The Secret every overlay generates from its (git-ignored) `secrets.env`.
pub const SECRET: &str = "stack-secrets";
pub const ROOT: &str = "k8s";

/// One file of the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum K8sFile {
    BaseKustomization,
    App,
    Postgres,
    InitDb,
    Backup,
    Redis,
    NetworkPolicies,
    Optional(Optional, Part),
    Overlay(EnvName, OverlayPart),
    Guide,
}

/// A service that some environments run and others do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Optional {
    PgAdmin,
    RedisCommander,
    /// `extra_services[i]`.
    Extra(u16),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Kustomization,
    Manifests,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OverlayPart {
    Kustomization,
    Namespace,
    Config,
    SecretsExample,
    Secrets,
    Ingress,
    Disruption,
}

impl Optional {
    /// The object and folder name.
    pub fn name(self, config: &Config) -> String {
        match self {
            Optional::PgAdmin => crate::config::PGADMIN_SERVICE.into(),
            Optional::RedisCommander => crate::config::REDIS_COMMANDER_SERVICE.into(),
            Optional::Extra(i) => config
                .extra_services
                .get(usize::from(i))
                .map_or_else(|| format!("extra-{i}"), |e| e.name.clone()),
        }
    }

    /// Whether `env` runs it.
    pub fn runs_in(self, config: &Config, env: EnvName) -> bool {
        match self {
            Optional::PgAdmin | Optional::RedisCommander => env == EnvName::Dev,
            Optional::Extra(i) => config
                .extra_services
                .get(usize::from(i))
                .is_some_and(|e| e.only_in.is_empty() || e.only_in.contains(&env)),
        }
    }

    /// Every optional service of the configuration.
    pub fn all(config: &Config) -> Vec<Optional> {
        let mut out = Vec::new();
        if config.pgadmin.enabled && config.postgres.enabled {
            out.push(Optional::PgAdmin);
        }
        if config.redis_commander.enabled && config.redis.enabled {
            out.push(Optional::RedisCommander);
        }
        out.extend(
            config
                .extra_services
                .iter()
                .enumerate()
                .filter(|(_, e)| e.enabled)
                .filter_map(|(i, _)| u16::try_from(i).ok().map(Optional::Extra)),
        );
        out
    }
}

impl K8sFile {
    pub fn path(self, config: &Config) -> String {
        let base = format!("{ROOT}/base");
        match self {
            K8sFile::BaseKustomization => format!("{base}/kustomization.yaml"),
            K8sFile::App => format!("{base}/app.yaml"),
            K8sFile::Postgres => format!("{base}/postgres.yaml"),
            K8sFile::InitDb => format!("{base}/init-db.sql"),
            K8sFile::Backup => format!("{base}/postgres-backup.yaml"),
            K8sFile::Redis => format!("{base}/redis.yaml"),
            K8sFile::NetworkPolicies => format!("{base}/network-policies.yaml"),
            K8sFile::Optional(o, part) => {
                let name = o.name(config);
                match part {
                    Part::Kustomization => format!("{ROOT}/optional/{name}/kustomization.yaml"),
                    Part::Manifests => format!("{ROOT}/optional/{name}/{name}.yaml"),
                }
            }
            K8sFile::Overlay(env, part) => {
                let dir = format!("{ROOT}/overlays/{}", env.as_str());
                let file = match part {
                    OverlayPart::Kustomization => "kustomization.yaml",
                    OverlayPart::Namespace => "namespace.yaml",
                    OverlayPart::Config => "config.env",
                    OverlayPart::SecretsExample => "secrets.env.example",
                    OverlayPart::Secrets => "secrets.env",
                    OverlayPart::Ingress => "ingress.yaml",
                    OverlayPart::Disruption => "pdb.yaml",
                };
                format!("{dir}/{file}")
            }
            K8sFile::Guide => "KUBERNETES.md".into(),
        }
    }

    pub fn template(self) -> &'static str {
        match self {
            K8sFile::InitDb => crate::templates::INIT_DB,
            K8sFile::Overlay(_, OverlayPart::Config)
            | K8sFile::Overlay(_, OverlayPart::SecretsExample)
            | K8sFile::Overlay(_, OverlayPart::Secrets) => crate::templates::K8S_ENV,
            K8sFile::Guide => crate::templates::K8S_GUIDE,
            // Objects and kustomizations are serialized from typed values.
            _ => "",
        }
    }

    /// Whether the file shows variables' values (or secrets): the files that an edit of a
    /// value changes, built again on every generation. The others read only what
    /// [`input`] keeps.
    pub fn reads_values(self) -> bool {
        matches!(
            self,
            K8sFile::Overlay(
                _,
                OverlayPart::Config | OverlayPart::SecretsExample | OverlayPart::Secrets
            )
        )
    }

    pub fn purpose(self) -> &'static str {
        match self {
            K8sFile::BaseKustomization => "Kustomize base: every object all environments share",
            K8sFile::App => "App Deployment and Service (probes, init containers, non-root)",
            K8sFile::Postgres => "PostgreSQL StatefulSet with its volume claim and Services",
            K8sFile::InitDb => "Runs once on a new database (mounted from a ConfigMap)",
            K8sFile::Backup => "Nightly pg_dump CronJob and its volume claim",
            K8sFile::Redis => "Redis StatefulSet and Services",
            K8sFile::NetworkPolicies => "Default deny; who may reach the database and cache",
            K8sFile::Optional(_, Part::Kustomization) => "A service only some environments run",
            K8sFile::Optional(_, Part::Manifests) => "Its Deployment, Service and policy",
            K8sFile::Overlay(_, OverlayPart::Kustomization) => {
                "Overlay: namespace, image tag, replicas, config and secrets"
            }
            K8sFile::Overlay(_, OverlayPart::Namespace) => {
                "The environment's namespace (Pod Security \"restricted\" enforced)"
            }
            K8sFile::Overlay(_, OverlayPart::Config) => "Non-secret settings (ConfigMap)",
            K8sFile::Overlay(_, OverlayPart::SecretsExample) => {
                "Secret keys to fill in as secrets.env (never commit secrets.env)"
            }
            K8sFile::Overlay(_, OverlayPart::Secrets) => {
                "Generated secrets for this environment (git-ignored, never commit)"
            }
            K8sFile::Overlay(_, OverlayPart::Ingress) => "Ingress with this environment's host",
            K8sFile::Overlay(_, OverlayPart::Disruption) => {
                "Keeps one app pod up while nodes drain"
            }
            K8sFile::Guide => "Kubernetes guide: build, push, secrets, apply, operate",
        }
    }
}

/// Whether a bundle path belongs to the Kubernetes side (the tree or its guide).
pub fn is_tree_path(path: &str) -> bool {
    path.starts_with("k8s/") || path == "KUBERNETES.md"
}

/// What the Kubernetes files other than the env files read: the configuration without what
/// none of them reads (host ports, variables' values, secrets' values, compose-only
/// settings). Two equal inputs give the same files, so the renderer builds their contexts
/// only when this changes; the incremental == full property test guards the list.
pub fn input(config: &Config) -> Config {
    let mut c = config.clone();
    let d = Config::default();
    c.project.layout = d.project.layout;
    c.project.compose_naming = d.project.compose_naming;
    c.project.strategy = d.project.strategy;
    c.project.render_blueprint = false;
    c.app.host_port = 0;
    c.app.render_port = 0;
    c.app.dev = Default::default();
    c.postgres.host_port = None;
    c.postgres.publish_in_production = false;
    c.postgres.password.value.clear();
    c.redis.host_port = None;
    c.redis.publish_in_production = false;
    c.pgadmin.host_port = 0;
    c.pgadmin.password.value.clear();
    c.redis_commander.host_port = 0;
    for e in &mut c.extra_services {
        for p in &mut e.ports {
            p.host = 0;
            p.bind = Default::default();
        }
    }
    for v in &mut c.env {
        v.value.clear();
        for o in v.per_env.values_mut() {
            if let crate::config::EnvOverride::Value(text) = o {
                text.clear();
            }
        }
    }
    c.ops.restart = d.ops.restart;
    c.ops.logging = c.ops.logging.as_ref().map(|_| Default::default());
    c.ops.container_name_prefix = None;
    c.ops.network_name.clear();
    c
}

/// The environments the tree has an overlay for: the configured ones, or production alone.
pub fn environments(r: &Resolved) -> Vec<EnvName> {
    if r.environments.is_empty() {
        vec![EnvName::Prod]
    } else {
        r.environments.to_vec()
    }
}

/// Whether `env`'s overlay carries a ready `secrets.env` (the user's opt-in to generated
/// values, and never for an environment that runs as production).
pub fn ships_secrets(config: &Config, env: EnvName) -> bool {
    config.project.write_dotenv && !env.is_production_like()
}

/// Whether `env` gets an Ingress.
pub fn has_ingress(config: &Config, env: EnvName) -> bool {
    let k = &config.kubernetes;
    config.app.enabled && k.ingress.enabled && !k.env(env).host.trim().is_empty()
}

/// The files of the tree.
pub fn plan(r: &Resolved) -> Vec<K8sFile> {
    let c = r.config;
    let mut out = vec![K8sFile::BaseKustomization];
    if c.app.enabled {
        out.push(K8sFile::App);
    }
    if c.postgres.enabled {
        out.extend([K8sFile::Postgres, K8sFile::InitDb]);
        if c.postgres.backup.enabled {
            out.push(K8sFile::Backup);
        }
    }
    if c.redis.enabled {
        out.push(K8sFile::Redis);
    }
    out.push(K8sFile::NetworkPolicies);
    let envs = environments(r);
    for o in Optional::all(c) {
        if envs.iter().any(|&e| o.runs_in(c, e)) {
            out.push(K8sFile::Optional(o, Part::Kustomization));
            out.push(K8sFile::Optional(o, Part::Manifests));
        }
    }
    for env in envs {
        out.extend([
            K8sFile::Overlay(env, OverlayPart::Kustomization),
            K8sFile::Overlay(env, OverlayPart::Namespace),
            K8sFile::Overlay(env, OverlayPart::Config),
            K8sFile::Overlay(env, OverlayPart::SecretsExample),
        ]);
        if ships_secrets(c, env) {
            out.push(K8sFile::Overlay(env, OverlayPart::Secrets));
        }
        if has_ingress(c, env) {
            out.push(K8sFile::Overlay(env, OverlayPart::Ingress));
        }
        if c.app.enabled && c.kubernetes.env(env).replicas > 1 {
            out.push(K8sFile::Overlay(env, OverlayPart::Disruption));
        }
    }
    out.push(K8sFile::Guide);
    out
}

/// The typed context of one file of the tree.
#[derive(Clone, Debug, PartialEq)]
pub enum K8sContext {
    /// Objects as one YAML stream.
    Objects {
        header: Vec<String>,
        manifests: Vec<Manifest>,
    },
    Kustomization(kustomize::Kustomization),
    Env(env::EnvFileContext),
    InitDb(crate::output::scripts::InitDbContext),
    Guide(guide::GuideContext),
}

impl K8sContext {
    pub fn render(&self, template: &str) -> Result<String, String> {
        match self {
            K8sContext::Objects { header, manifests } => Ok(render_stream(header, manifests)),
            K8sContext::Kustomization(k) => Ok(k.render()),
            K8sContext::Env(c) => crate::templates::render(template, c),
            K8sContext::InitDb(c) => crate::templates::render(template, c),
            K8sContext::Guide(c) => crate::templates::render(template, c),
        }
    }
}

/// The context of `file`.
pub fn context(r: &Resolved, file: K8sFile) -> K8sContext {
    let c = r.config;
    let objects = |what: &str, manifests: Vec<Manifest>| K8sContext::Objects {
        header: vec![format!(
            "{}: {what}, generated by dockwright.",
            c.project.name
        )],
        manifests,
    };
    match file {
        K8sFile::BaseKustomization => K8sContext::Kustomization(kustomize::base(r)),
        K8sFile::App => objects("the app", workloads::app(r)),
        K8sFile::Postgres => objects("PostgreSQL", workloads::postgres(r)),
        // The same script compose mounts, from a ConfigMap the base generates.
        K8sFile::InitDb => K8sContext::InitDb(crate::output::scripts::init_db(r)),
        K8sFile::Backup => objects("database backups", backup::backup(r)),
        K8sFile::Redis => objects("Redis", workloads::redis(r)),
        K8sFile::NetworkPolicies => objects("network policies", policy::base(r)),
        K8sFile::Optional(o, Part::Kustomization) => {
            K8sContext::Kustomization(kustomize::optional(r, o))
        }
        K8sFile::Optional(o, Part::Manifests) => objects(&o.name(c), optional::manifests(r, o)),
        K8sFile::Overlay(env, part) => match part {
            OverlayPart::Kustomization => K8sContext::Kustomization(kustomize::overlay(r, env)),
            OverlayPart::Namespace => {
                objects("namespace", vec![kustomize::namespace_object(r, env)])
            }
            OverlayPart::Config => K8sContext::Env(env::config_file(r, env)),
            OverlayPart::SecretsExample => K8sContext::Env(env::secrets_file(r, env, false)),
            OverlayPart::Secrets => K8sContext::Env(env::secrets_file(r, env, true)),
            OverlayPart::Ingress => objects("ingress", vec![policy::ingress(r, env)]),
            OverlayPart::Disruption => {
                objects("disruption budget", vec![policy::disruption_budget(r)])
            }
        },
        K8sFile::Guide => K8sContext::Guide(guide::context(r)),
    }
}

/// The namespace of `env`: the project name as a DNS label, then the environment.
pub fn namespace(config: &Config, env: EnvName) -> String {
    let suffix = format!("-{}", env.as_str());
    let mut name: String = config
        .project
        .name
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    name.truncate(63 - suffix.len());
    let name = name.trim_matches('-');
    let name = if name.is_empty() { "app" } else { name };
    format!("{name}{suffix}")
}

#[cfg(test)]
mod tests {
    use crate::config::Config;

    #[test]
    fn the_tree_renders_for_a_full_stack() {
        let mut c = Config::default();
        c.postgres.enabled = true;
        c.postgres.password.value = "0123456789abcdef".into();
        c.redis.enabled = true;
        c.kubernetes.enabled = true;
        c.kubernetes.ingress.enabled = true;
        let g = crate::output::generate(&c);
        assert!(g.failures.is_empty(), "{:#?}", g.failures);
        assert!(
            g.bundle.files.contains_key("KUBERNETES.md"),
            "{:#?}",
            g.blocked
        );
    }
}
