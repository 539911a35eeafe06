//! `DOCKER.md`: the usage guide of the bundle (set-up, one section per environment, URLs,
//! operations). Facts come from here as a typed context; the prose is in
//! `templates/DOCKER.md.j2`.

use super::{dockerfile, OutputFile};
use crate::config::*;
use crate::resolve::Resolved;
use serde::Serialize;

/// THESE FIELDS ARE LOAD-BEARING: read by `templates/DOCKER.md.j2`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GuideContext {
    pub project: String,
    /// One line: the stack (`Next.js (standalone) on Node 22 with pnpm, PostgreSQL 16, ...`).
    pub summary: String,
    /// Every file of the bundle with what it is for, this guide last.
    pub files: Vec<FileRow>,
    /// Whether the bundle holds a ready-to-run `.env`.
    pub dotenv: bool,
    /// The environment whose deployer sets `deploy_vars`.
    pub deploy_env: &'static str,
    pub deploy_many: bool,
    /// Whether compose refuses to start without them (not possible in one profiles file).
    pub deploy_enforced: bool,
    pub deploy_vars: Vec<String>,
    /// Folder of the compose and env files (`""` or `docker/`).
    pub env_dir: &'static str,
    pub compose_in_dir: bool,
    pub compose_dir: &'static str,
    pub nextjs: bool,
    pub server_js: String,
    pub health_path: String,
    pub ready_path: Option<String>,
    pub environments: Vec<GuideEnvironment>,
    pub urls: Vec<GuideUrl>,
    pub postgres: bool,
    pub redis: bool,
    /// The compose command for day-to-day operations (the first environment's files).
    pub compose: String,
    pub app_service: String,
    pub prisma: bool,
    pub migrate_on_start: bool,
    pub prisma_schema: String,
    pub pnpm: bool,
    pub backup: bool,
    pub backup_dir: String,
    pub backup_keep: u32,
    pub render: bool,
    pub render_port: u16,
    pub port_vars: Vec<String>,
    pub polling: bool,
    pub user: String,
    pub init: &'static str,
    pub dev_only_ports: bool,
    pub admin: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FileRow {
    pub path: String,
    pub purpose: &'static str,
}

/// How to start, follow and stop one environment.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GuideEnvironment {
    /// The environment (`dev`, `staging`, `prod`), or `None` for the one setup without
    /// environments; the template words its heading and note.
    pub env: Option<&'static str>,
    pub up: String,
    pub logs: String,
    pub down: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GuideUrl {
    pub name: String,
    /// Empty when the service has no address of its own to open.
    pub url: String,
    /// An HTTP address a browser opens (a link), or a bare host:port (shown as code).
    pub link: bool,
    pub notes: String,
}

fn url(name: &str, url: String, notes: impl Into<String>) -> GuideUrl {
    GuideUrl {
        name: name.into(),
        link: url.starts_with("http"),
        url,
        notes: notes.into(),
    }
}

/// The guide's context; `files` is every other output of the bundle, with its path.
pub fn context(r: &Resolved, files: &[(String, OutputFile)]) -> GuideContext {
    let config = r.config;
    let paths = &r.paths;
    let a = &config.app;
    let envs = r.environments;
    let base = paths.compose_name(None);
    let mut environments = Vec::new();
    let logs_of = |service: String| {
        if a.enabled {
            format!(" {service}")
        } else {
            String::new()
        }
    };
    match config.project.strategy {
        EnvStrategy::Overrides if !envs.is_empty() => {
            for &env in envs {
                let c = format!(
                    "docker compose -f {base} -f {}",
                    paths.compose_name(Some(env))
                );
                environments.push(GuideEnvironment {
                    env: Some(env.as_str()),
                    up: format!("{c} up -d --build"),
                    logs: format!("{c} logs -f{}", logs_of(a.service_name.clone())),
                    down: format!("{c} down"),
                });
            }
        }
        EnvStrategy::Profiles if !envs.is_empty() => {
            for &env in envs {
                let c = format!("docker compose --profile {}", env.as_str());
                environments.push(GuideEnvironment {
                    env: Some(env.as_str()),
                    up: format!("{c} up -d --build"),
                    logs: format!(
                        "{c} logs -f{}",
                        logs_of(format!("{}-{}", a.service_name, env.as_str()))
                    ),
                    down: format!("{c} down"),
                });
            }
        }
        _ => environments.push(GuideEnvironment {
            env: None,
            up: "docker compose up -d --build".into(),
            logs: format!("docker compose logs -f{}", logs_of(a.service_name.clone())),
            down: "docker compose down".into(),
        }),
    }
    let compose = match (config.project.strategy, envs.first()) {
        (EnvStrategy::Overrides, Some(&env)) => format!(
            "docker compose -f {base} -f {}",
            paths.compose_name(Some(env))
        ),
        _ => "docker compose".to_string(),
    };
    let app_service = match (config.project.strategy, envs.first()) {
        (EnvStrategy::Profiles, Some(env)) => format!("{}-{}", a.service_name, env.as_str()),
        _ => a.service_name.clone(),
    };
    let mut urls = Vec::new();
    if a.enabled {
        let app = format!("http://localhost:{}", a.host_port);
        urls.push(url("App", app, format!("health: {}", a.health_path)));
    }
    if config.postgres.enabled {
        let notes = match config.postgres.host_port {
            Some(p) => format!(
                "`localhost:{p}` from the host{}; `postgres:5432` inside the network",
                if config.postgres.publish_in_production
                    || config.project.strategy == EnvStrategy::Profiles
                {
                    ""
                } else {
                    " (dev only)"
                }
            ),
            None => "`postgres:5432` inside the network only".into(),
        };
        urls.push(url("PostgreSQL", String::new(), notes));
    }
    if config.redis.enabled {
        let notes = match config.redis.host_port {
            Some(p) => format!("`localhost:{p}` from the host; `redis:6379` inside the network"),
            None => "`redis:6379` inside the network only".into(),
        };
        urls.push(url("Redis", String::new(), notes));
    }
    if config.pgadmin.enabled {
        let at = format!("http://localhost:{}", config.pgadmin.host_port);
        let notes = "log in with PGADMIN_EMAIL / PGADMIN_PASSWORD from .env (dev only)";
        urls.push(url("pgAdmin", at, notes));
    }
    if config.redis_commander.enabled {
        let at = format!("http://localhost:{}", config.redis_commander.host_port);
        urls.push(url("redis-commander", at, "dev only"));
    }
    for e in config.active_extras() {
        for p in &e.ports {
            let notes = format!("container port {}", p.container);
            urls.push(url(&e.name, format!("localhost:{}", p.host), notes));
        }
    }
    let port_vars = r
        .env
        .iter()
        .filter(|e| e.name.ends_with("_PORT"))
        .map(|e| e.name.clone())
        .collect();
    let files = files
        .iter()
        .map(|(path, output)| FileRow {
            path: path.clone(),
            purpose: output.purpose(),
        })
        .chain(std::iter::once(FileRow {
            path: super::paths::GUIDE.into(),
            purpose: OutputFile::Guide.purpose(),
        }))
        .collect();
    let production = Some(config.project.production_values_env());
    let deploy_vars: Vec<String> = config
        .env
        .iter()
        .filter(|v| v.value_in(production) == ValueIn::SetAtDeploy)
        .map(|v| v.name.clone())
        .collect();
    GuideContext {
        project: config.project.name.clone(),
        summary: summary(config),
        files,
        dotenv: config.project.write_dotenv,
        deploy_env: config.project.production_values_env().as_str(),
        deploy_many: deploy_vars.len() > 1,
        deploy_enforced: config.project.strategy == EnvStrategy::Overrides || envs.is_empty(),
        deploy_vars,
        env_dir: paths.compose_dir,
        compose_in_dir: !paths.compose_dir.is_empty(),
        compose_dir: paths.compose_dir.trim_end_matches('/'),
        nextjs: a.enabled && a.framework == Framework::NextjsStandalone,
        server_js: dockerfile::server_js(a),
        health_path: if a.enabled {
            a.health_path.clone()
        } else {
            String::new()
        },
        ready_path: a.ready_path.clone(),
        environments,
        urls,
        postgres: config.postgres.enabled,
        redis: config.redis.enabled,
        compose,
        app_service,
        prisma: a.enabled && a.prisma.enabled,
        migrate_on_start: a.prisma.migrate_on_start,
        prisma_schema: a.prisma.schema_path.clone(),
        pnpm: a.package_manager == PackageManager::Pnpm,
        backup: config.postgres.backup.enabled,
        backup_dir: config.postgres.backup.dir.clone(),
        backup_keep: config.postgres.backup.keep,
        render: config.project.render_blueprint && a.enabled,
        render_port: a.render_port,
        port_vars,
        polling: a.dev.polling,
        user: a.user.name.clone(),
        init: match a.init {
            InitProcess::DumbInit => "dumb-init",
            InitProcess::Tini => "tini",
            InitProcess::None => "",
        },
        dev_only_ports: config.project.strategy == EnvStrategy::Overrides,
        admin: config.pgadmin.enabled || config.redis_commander.enabled,
    }
}

/// A one-line description of the stack.
pub fn summary(config: &Config) -> String {
    let mut parts = Vec::new();
    let a = &config.app;
    if a.enabled {
        let fw = match a.framework {
            Framework::NextjsStandalone => "Next.js (standalone)",
            Framework::NodeServer => "Node server",
        };
        parts.push(format!(
            "{fw} on Node {} with {}",
            a.node_version,
            a.package_manager.as_str()
        ));
        if a.monorepo.enabled {
            parts.push(format!("Turborepo workspace `{}`", a.monorepo.app_dir));
        }
        if a.prisma.enabled {
            parts.push("Prisma".into());
        }
    }
    if config.postgres.enabled {
        parts.push(format!("PostgreSQL {}", config.postgres.version));
    }
    if config.redis.enabled {
        parts.push(format!("Redis {}", config.redis.version));
    }
    if config.pgadmin.enabled {
        parts.push("pgAdmin".into());
    }
    if config.redis_commander.enabled {
        parts.push("redis-commander".into());
    }
    for e in config.active_extras() {
        parts.push(e.name.clone());
    }
    parts.join(", ")
}
