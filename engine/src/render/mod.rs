//! The pipeline: configuration -> diagnostics -> one context per file -> template -> a sorted
//! map of path -> text. Errors stop only the files they affect.

pub mod compose;
pub mod dockerfile;
pub mod envvars;
pub mod paths;

use crate::bundle::{Bundle, BundleFile};
use crate::config::*;
use crate::diagnostics::{Diagnostic, FileKind, Severity};
use crate::templates;
use crate::yaml;
use paths::Paths;
use serde::Serialize;
use std::collections::BTreeMap;

/// Everything one generation produces.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Generation {
    pub bundle: Bundle,
    /// Files that would exist but are stopped by errors, with the messages that stop them.
    pub blocked: BTreeMap<String, Vec<String>>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Generation {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Renders one planned file.
type Render<'a> = Box<dyn Fn() -> Result<String, String> + 'a>;

/// One planned output.
struct Planned<'a> {
    path: String,
    kind: FileKind,
    executable: bool,
    // Borrows the configuration: cloning it per file was ~10 deep copies per keystroke.
    render: Render<'a>,
}

/// Validates and renders every file of the bundle.
pub fn generate(config: &Config) -> Generation {
    generate_with(config, &[])
}

/// [`generate`], with errors found before the configuration: input an editor could not turn
/// into a value (a port typed as `70000`). They are reported and block the files their
/// section feeds, exactly as validation errors do, so a bundle never silently keeps the last
/// value that parsed.
pub fn generate_with(config: &Config, input_errors: &[Diagnostic]) -> Generation {
    let mut diagnostics = input_errors.to_vec();
    diagnostics.extend(crate::validate::validate(config));
    let mut out = Generation {
        diagnostics,
        ..Generation::default()
    };
    let mut render_errors = Vec::new();
    for planned in plan(config) {
        let stoppers: Vec<String> = out
            .diagnostics
            .iter()
            .filter(|d| d.blocks(planned.kind))
            .map(|d| format!("{}: {}", d.path, d.message))
            .collect();
        if !stoppers.is_empty() {
            out.blocked.insert(planned.path, stoppers);
            continue;
        }
        match (planned.render)() {
            Ok(text) => {
                out.bundle.files.insert(
                    planned.path,
                    BundleFile {
                        text,
                        executable: planned.executable,
                    },
                );
            }
            Err(message) => {
                // A template failure is our bug, not the user's: report it, stop only this file.
                render_errors.push(Diagnostic {
                    severity: Severity::Error,
                    path: "project".into(),
                    message: message.clone(),
                });
                out.blocked.insert(planned.path, vec![message]);
            }
        }
    }
    out.diagnostics.extend(render_errors);
    out
}

fn has_entrypoint(config: &Config) -> bool {
    config.app.enabled
        && (config.postgres.enabled
            || (config.app.prisma.enabled && config.app.prisma.migrate_on_start))
}

fn plan<'a>(config: &'a Config) -> Vec<Planned<'a>> {
    let paths = Paths::new(config);
    let mut out: Vec<Planned<'a>> = Vec::new();
    let mut add = |path: String, kind: FileKind, executable: bool, render: Render<'a>| {
        out.push(Planned {
            path,
            kind,
            executable,
            render,
        });
    };
    let dev = config.project.environments.contains(&EnvName::Dev);

    if config.app.enabled {
        let cc = config;
        add(
            paths::DOCKERFILE.into(),
            FileKind::Dockerfile,
            false,
            Box::new(move || {
                templates::render(
                    templates::DOCKERFILE,
                    &dockerfile::context(cc, has_entrypoint(cc)),
                )
            }),
        );
        if dev && config.app.dev.dockerfile == DevDockerfile::Separate {
            let cc = config;
            add(
                paths.dockerfile_dev(),
                FileKind::Dockerfile,
                false,
                Box::new(move || {
                    templates::render(templates::DOCKERFILE_DEV, &dockerfile::context(cc, false))
                }),
            );
        }
        let cc = config;
        add(
            paths::DOCKERIGNORE.into(),
            FileKind::DockerIgnore,
            false,
            Box::new(move || {
                let backup_dir = (cc.postgres.enabled
                    && cc.postgres.backup.enabled
                    && !cc.postgres.backup.dir.starts_with('/'))
                .then(|| cc.postgres.backup.dir.clone());
                templates::render(
                    templates::DOCKERIGNORE,
                    &serde_json::json!({"project": cc.project.name, "backup_dir": backup_dir}),
                )
            }),
        );
    }

    for doc in compose::build(config, &paths) {
        let path = doc.path.clone();
        let project = config.project.name.clone();
        add(
            path,
            FileKind::Compose,
            false,
            Box::new(move || render_compose(&doc, &project)),
        );
    }

    let cc = config;
    let ep = paths.env_file(paths::ENV_EXAMPLE);
    add(
        ep,
        FileKind::EnvFile,
        false,
        Box::new(move || render_env(cc, EnvTemplate::Example)),
    );
    if crate::validate::production_environments(config) {
        let cc = config;
        add(
            paths.env_file(paths::ENV_PRODUCTION_EXAMPLE),
            FileKind::EnvFile,
            false,
            Box::new(move || render_env(cc, EnvTemplate::Production)),
        );
    }
    if config.project.write_dotenv {
        let cc = config;
        add(
            paths.env_file(paths::DOTENV),
            FileKind::EnvFile,
            false,
            Box::new(move || render_env(cc, EnvTemplate::DotEnv)),
        );
    }

    if has_entrypoint(config) {
        let cc = config;
        add(
            paths::ENTRYPOINT.into(),
            FileKind::Entrypoint,
            true,
            Box::new(move || {
                templates::render(
                    templates::ENTRYPOINT,
                    &serde_json::json!({
                        "project": cc.project.name,
                        "wait_for_db": cc.postgres.enabled,
                        "migrate": cc.app.prisma.enabled && cc.app.prisma.migrate_on_start,
                        "schema": cc.app.prisma.schema_path,
                    }),
                )
            }),
        );
    }
    if config.postgres.enabled {
        let cc = config;
        add(
            paths::INIT_DB.into(),
            FileKind::InitSql,
            false,
            Box::new(move || {
                templates::render(
                    templates::INIT_DB,
                    &serde_json::json!({
                        "project": cc.project.name,
                        "extensions": cc.postgres.extensions,
                        "timezone": cc.postgres.timezone,
                    }),
                )
            }),
        );
        if config.postgres.backup.enabled {
            let cc = config;
            let compose_args = production_compose_args(config, &paths);
            add(
                paths::BACKUP.into(),
                FileKind::BackupScript,
                true,
                Box::new(move || {
                    templates::render(
                        templates::BACKUP,
                        &serde_json::json!({
                            "project": cc.project.name,
                            "keep": cc.postgres.backup.keep,
                            "dir": cc.postgres.backup.dir,
                            "compose_args": compose_args,
                        }),
                    )
                }),
            );
        }
    }
    if config.project.render_blueprint && config.app.enabled {
        let cc = config;
        add(
            paths::RENDER_BLUEPRINT.into(),
            FileKind::RenderBlueprint,
            false,
            Box::new(move || render_blueprint(cc)),
        );
    }
    let cc = config;
    let file_list: Vec<(String, FileKind)> = out.iter().map(|p| (p.path.clone(), p.kind)).collect();
    out.push(Planned {
        path: paths::GUIDE.into(),
        kind: FileKind::Guide,
        executable: false,
        render: Box::new(move || render_guide(cc, &file_list)),
    });
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// `-f` arguments (from the repository root) that select the production-like setup.
fn production_compose_args(config: &Config, paths: &Paths) -> String {
    let base = paths.compose_path(None);
    let mut args = format!("-f {base}");
    let prod_env = config
        .project
        .environments
        .iter()
        .copied()
        .rfind(|e| e.is_production_like());
    if let Some(env) = prod_env {
        match config.project.strategy {
            EnvStrategy::Overrides => {
                args.push_str(&format!(" -f {}", paths.compose_path(Some(env))))
            }
            EnvStrategy::Profiles => args.push_str(&format!(" --profile {}", env.as_str())),
        }
    }
    args
}

#[derive(Serialize)]
struct ServiceBlock {
    banner: String,
    yaml: String,
}

fn render_compose(doc: &compose::ComposeDoc, project: &str) -> Result<String, String> {
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
        sections.push(
            yaml::entry("volumes", &doc.file.volumes, 0)
                .trim_end()
                .to_string(),
        );
    }
    if !doc.file.networks.is_empty() {
        sections.push(
            yaml::entry("networks", &doc.file.networks, 0)
                .trim_end()
                .to_string(),
        );
    }
    if !doc.file.configs.is_empty() {
        sections.push(
            yaml::entry("configs", &doc.file.configs, 0)
                .trim_end()
                .to_string(),
        );
    }
    let title = match doc.env {
        None => "Compose base file".to_string(),
        Some(env) => format!(
            "Compose override: {} settings on top of the base file",
            env.as_str()
        ),
    };
    let mut notes = Vec::new();
    if doc.env.is_none()
        && doc
            .file
            .services
            .0
            .iter()
            .any(|(_, s)| !s.profiles.is_empty())
    {
        notes.push(
            "Services with profiles start only when their profile is selected (--profile NAME)."
                .to_string(),
        );
    }
    templates::render(
        templates::COMPOSE,
        &serde_json::json!({
            "title": title,
            "project": project,
            "usage": doc.usage,
            "notes": notes,
            "name": doc.file.name,
            "services": services,
            "sections": sections,
        }),
    )
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum EnvTemplate {
    Example,
    Production,
    DotEnv,
}

#[derive(Serialize)]
struct EnvLine {
    comments: Vec<String>,
    line: String,
}

#[derive(Serialize)]
struct EnvSection {
    name: String,
    vars: Vec<EnvLine>,
}

fn render_env(config: &Config, which: EnvTemplate) -> Result<String, String> {
    let values_env = match which {
        EnvTemplate::Production => Some(config.project.production_values_env()),
        EnvTemplate::Example | EnvTemplate::DotEnv => None,
    };
    let entries = envvars::resolve_in(config, values_env);
    let selected: Vec<&envvars::EnvEntry> = entries
        .iter()
        .filter(|e| match which {
            EnvTemplate::Example => e.in_example,
            EnvTemplate::Production => e.in_production,
            EnvTemplate::DotEnv => e.in_example || e.in_production,
        })
        .collect();
    let sections = envvars::by_section(selected)
        .into_iter()
        .map(|(name, mut vars)| {
            // Alphabetical within a section: dotenv-linter's UnorderedKey check, and easy to scan.
            vars.sort_by(|a, b| a.name.cmp(&b.name));
            (name, vars)
        })
        .map(|(name, vars)| EnvSection {
            name,
            vars: vars
                .into_iter()
                .map(|e| {
                    let mut comments: Vec<String> = e
                        .comment
                        .lines()
                        .map(|l| l.trim().to_string())
                        .filter(|l| !l.is_empty())
                        .collect();
                    let placeholder = which != EnvTemplate::DotEnv && e.placeholder();
                    if placeholder {
                        let need = if e.required { "required" } else { "optional" };
                        comments.push(match &e.generate_hint {
                            Some(hint) => format!("Secret, {need}. Generate one with: {hint}"),
                            None => {
                                format!("Secret, {need}. Paste the value issued by its provider.")
                            }
                        });
                    } else if e.set_at_deploy {
                        let env = values_env.map_or("this setup", |e| e.as_str());
                        comments.push(format!(
                            "Set for {env} when deploying: it has no default, compose will not start without it."
                        ));
                    } else if e.required && e.value.is_empty() {
                        comments.push("Required: compose will not start without it.".into());
                    }
                    let value = if placeholder { "" } else { e.value.as_str() };
                    EnvLine {
                        comments,
                        line: crate::dotenv::line(&e.name, value),
                    }
                })
                .collect(),
        })
        .collect::<Vec<_>>();
    let dir = Paths::new(config).compose_dir;
    let (title, intro): (String, Vec<String>) = match which {
        EnvTemplate::Example => (
            format!("{}: environment template (development)", config.project.name),
            vec![
                format!("Copy to {dir}.env and fill in the empty values. Commit this template, never .env."),
                "Compose reads .env next to the compose files; DATABASE_URL and REDIS_URL are built there.".into(),
            ],
        ),
        EnvTemplate::Production => (
            format!("{}: environment template (production)", config.project.name),
            vec![
                "Copy to .env on the server and set every value; generate each secret, never reuse dev ones.".into(),
                "Keep the real file out of version control and readable only by the deploy user.".into(),
            ],
        ),
        EnvTemplate::DotEnv => (
            format!("{}: local environment with generated secrets", config.project.name),
            vec![
                "Generated by dockwright with fresh random secrets. NEVER commit this file: add .env to .gitignore.".into(),
            ],
        ),
    };
    templates::render(
        templates::ENV_FILE,
        &serde_json::json!({"title": title, "intro": intro, "sections": sections}),
    )
}

fn render_blueprint(config: &Config) -> Result<String, String> {
    use serde_json::json;
    let name = &config.project.name;
    let a = &config.app;
    let db_name = format!("{name}-db");
    let kv_name = format!("{name}-redis");
    let mut env_vars = vec![
        json!({"key": "NODE_ENV", "value": "production"}),
        json!({"key": "PORT", "value": a.render_port.to_string()}),
    ];
    if config.postgres.enabled {
        env_vars.push(json!({"key": "DATABASE_URL", "fromDatabase": {"name": db_name, "property": "connectionString"}}));
    }
    if config.redis.enabled {
        env_vars.push(json!({"key": "REDIS_URL", "fromService": {"type": "keyvalue", "name": kv_name, "property": "connectionString"}}));
    }
    for v in config.env.iter().filter(|v| {
        (v.services.is_empty() || v.services.contains(&a.service_name)) && v.in_production
    }) {
        let value = v.value_in(Some(EnvName::Prod));
        let entry = if v.secret && v.generator.is_some() {
            json!({"key": v.name, "generateValue": true})
        } else if v.secret
            || value == ValueIn::SetAtDeploy
            || (v.mode == EnvMode::Required && value.text().is_empty())
        {
            // Render asks for the value when the blueprint is applied.
            json!({"key": v.name, "sync": false})
        } else {
            json!({"key": v.name, "value": value.text()})
        };
        env_vars.push(entry);
    }
    let mut web = json!({
        "type": "web",
        "name": format!("{name}-{}", a.service_name),
        "runtime": "docker",
        "plan": "starter",
        "dockerfilePath": "./Dockerfile",
        "dockerContext": ".",
        "healthCheckPath": a.health_path,
        "envVars": env_vars,
    });
    if a.prisma.enabled && a.prisma.migrate_on_start {
        web["preDeployCommand"] = json!(format!(
            "node ./node_modules/prisma/build/index.js migrate deploy --schema=./{}",
            a.prisma.schema_path
        ));
    }
    let mut services = vec![web];
    if config.redis.enabled {
        services.push(json!({
            "type": "keyvalue",
            "name": kv_name,
            "plan": "starter",
            "ipAllowList": [],
            "maxmemoryPolicy": config.redis.eviction_policy.as_str(),
        }));
    }
    let mut doc = json!({"services": services});
    if config.postgres.enabled {
        let major: String = config
            .postgres
            .version
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        doc["databases"] = json!([{
            "name": db_name,
            "databaseName": config.postgres.db,
            "user": config.postgres.user,
            "plan": "basic-256mb",
            "postgresMajorVersion": if major.is_empty() { "16".to_string() } else { major },
            "ipAllowList": [],
        }]);
    }
    let body = yaml::to_yaml_block(&doc, 0);
    templates::render(
        templates::RENDER_BLUEPRINT,
        &json!({"project": name, "render_port": a.render_port, "body": body.trim_end()}),
    )
}

fn file_purpose(path: &str, kind: FileKind) -> String {
    let text = match kind {
        FileKind::Dockerfile if path.ends_with(".dev") => {
            "Development image (dependencies installed, sources mounted)"
        }
        FileKind::Dockerfile => "Multi-stage production image (also what Render builds)",
        FileKind::DockerIgnore => {
            "Keeps node_modules, build output and secrets out of the build context"
        }
        FileKind::Compose if path.contains(".dev.") => {
            "Development overrides: hot reload, admin UIs, database ports"
        }
        FileKind::Compose if path.contains(".staging.") => "Staging overrides",
        FileKind::Compose if path.contains(".prod.") => "Production overrides",
        FileKind::Compose => "Compose base file: services, volumes, network, healthchecks",
        FileKind::EnvFile if path.ends_with(".env") => {
            "Local values with generated secrets (never commit)"
        }
        FileKind::EnvFile if path.contains("production") => "Production environment template",
        FileKind::EnvFile => "Development environment template",
        FileKind::Entrypoint => {
            "Container entrypoint: wait for the database, migrate, exec the server"
        }
        FileKind::BackupScript => "gzip'd pg_dump with rotation",
        FileKind::InitSql => "Runs once on a new database: extensions and timezone",
        FileKind::RenderBlueprint => "Render Blueprint (web service, database, key value)",
        FileKind::Guide => "This guide",
    };
    text.to_string()
}

fn render_guide(config: &Config, files: &[(String, FileKind)]) -> Result<String, String> {
    use serde_json::json;
    let paths = Paths::new(config);
    let a = &config.app;
    let envs = &config.project.environments;
    let base = paths.compose_name(None);
    let mut environments = Vec::new();
    let compose_default = "docker compose".to_string();
    match config.project.strategy {
        EnvStrategy::Overrides if !envs.is_empty() => {
            for &env in envs {
                let c = format!("docker compose -f {base} -f {}", paths.compose_name(Some(env)));
                environments.push(json!({
                    "title": env_title(env),
                    "up": format!("{c} up -d --build"),
                    "logs": format!("{c} logs -f{}", if a.enabled { format!(" {}", a.service_name) } else { String::new() }),
                    "down": format!("{c} down"),
                    "note": env_note(env, config),
                }));
            }
        }
        EnvStrategy::Profiles if !envs.is_empty() => {
            for &env in envs {
                let c = format!("docker compose --profile {}", env.as_str());
                environments.push(json!({
                    "title": env_title(env),
                    "up": format!("{c} up -d --build"),
                    "logs": format!("{c} logs -f{}", if a.enabled { format!(" {}-{}", a.service_name, env.as_str()) } else { String::new() }),
                    "down": format!("{c} down"),
                    "note": env_note(env, config),
                }));
            }
        }
        _ => environments.push(json!({
            "title": "All services",
            "up": "docker compose up -d --build",
            "logs": if a.enabled { format!("docker compose logs -f {}", a.service_name) } else { "docker compose logs -f".into() },
            "down": "docker compose down",
            "note": "",
        })),
    }
    let compose_for_ops = match (config.project.strategy, envs.first()) {
        (EnvStrategy::Overrides, Some(&env)) => format!(
            "docker compose -f {base} -f {}",
            paths.compose_name(Some(env))
        ),
        _ => compose_default,
    };
    let app_service = match (config.project.strategy, envs.first()) {
        (EnvStrategy::Profiles, Some(env)) => format!("{}-{}", a.service_name, env.as_str()),
        _ => a.service_name.clone(),
    };
    let mut urls = Vec::new();
    if a.enabled {
        urls.push(json!({"name": "App", "url": format!("http://localhost:{}", a.host_port), "notes": format!("health: {}", a.health_path)}));
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
        urls.push(json!({"name": "PostgreSQL", "url": "-", "notes": notes}));
    }
    if config.redis.enabled {
        let notes = match config.redis.host_port {
            Some(p) => format!("`localhost:{p}` from the host; `redis:6379` inside the network"),
            None => "`redis:6379` inside the network only".into(),
        };
        urls.push(json!({"name": "Redis", "url": "-", "notes": notes}));
    }
    if config.pgadmin.enabled {
        urls.push(json!({"name": "pgAdmin", "url": format!("http://localhost:{}", config.pgadmin.host_port), "notes": "log in with PGADMIN_EMAIL / PGADMIN_PASSWORD from .env (dev only)"}));
    }
    if config.redis_commander.enabled {
        urls.push(json!({"name": "redis-commander", "url": format!("http://localhost:{}", config.redis_commander.host_port), "notes": "dev only"}));
    }
    for e in config.active_extras() {
        for p in &e.ports {
            urls.push(json!({"name": e.name, "url": format!("localhost:{}", p.host), "notes": format!("container port {}", p.container)}));
        }
    }
    let mut port_vars = vec![];
    for e in envvars::resolve(config) {
        if e.name.ends_with("_PORT") {
            port_vars.push(e.name);
        }
    }
    let summary = summary(config);
    let files: Vec<_> = files
        .iter()
        .map(|(p, k)| json!({"path": p, "purpose": file_purpose(p, *k)}))
        .chain(std::iter::once(
            json!({"path": paths::GUIDE, "purpose": "This guide"}),
        ))
        .collect();
    let production = Some(config.project.production_values_env());
    let deploy_vars: Vec<&str> = config
        .env
        .iter()
        .filter(|v| v.value_in(production) == ValueIn::SetAtDeploy)
        .map(|v| v.name.as_str())
        .collect();
    templates::render(
        templates::GUIDE,
        &json!({
            "project": config.project.name,
            "summary": summary,
            "files": files,
            "dotenv": config.project.write_dotenv,
            "deploy_env": config.project.production_values_env().as_str(),
            "deploy_many": deploy_vars.len() > 1,
            "deploy_enforced": config.project.strategy == EnvStrategy::Overrides || envs.is_empty(),
            "deploy_vars": deploy_vars,
            "env_dir": paths.compose_dir,
            "compose_in_dir": !paths.compose_dir.is_empty(),
            "compose_dir": paths.compose_dir.trim_end_matches('/'),
            "nextjs": a.enabled && a.framework == Framework::NextjsStandalone,
            "server_js": dockerfile::server_js(a),
            "health_path": if a.enabled { a.health_path.clone() } else { String::new() },
            "ready_path": a.ready_path,
            "environments": environments,
            "urls": urls,
            "postgres": config.postgres.enabled,
            "redis": config.redis.enabled,
            "compose": compose_for_ops,
            "app_service": app_service,
            "prisma": a.enabled && a.prisma.enabled,
            "migrate_on_start": a.prisma.migrate_on_start,
            "prisma_schema": a.prisma.schema_path,
            "pnpm": a.package_manager == PackageManager::Pnpm,
            "backup": config.postgres.backup.enabled,
            "backup_dir": config.postgres.backup.dir,
            "backup_keep": config.postgres.backup.keep,
            "render": config.project.render_blueprint && a.enabled,
            "render_port": a.render_port,
            "port_vars": port_vars,
            "polling": a.dev.polling,
            "user": a.user.name,
            "init": match a.init { InitProcess::DumbInit => "dumb-init", InitProcess::Tini => "tini", InitProcess::None => "" },
            "dev_only_ports": config.project.strategy == EnvStrategy::Overrides,
            "admin": config.pgadmin.enabled || config.redis_commander.enabled,
        }),
    )
}

fn env_title(env: EnvName) -> &'static str {
    match env {
        EnvName::Dev => "Development (hot reload)",
        EnvName::Staging => "Staging (production image)",
        EnvName::Prod => "Production",
    }
}

fn env_note(env: EnvName, config: &Config) -> String {
    match env {
        EnvName::Dev if config.pgadmin.enabled || config.redis_commander.enabled => {
            "Admin UIs run in this environment only, bound to 127.0.0.1.".into()
        }
        EnvName::Dev => String::new(),
        _ => "Uses the production image built from the Dockerfile's runner stage.".into(),
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
