//! Contexts for the production Dockerfile, Dockerfile.dev and .dockerignore.

use crate::config::*;
use serde::Serialize;

/// Default versions pinned when the configuration leaves the package manager version empty.
fn pinned_version(pm: PackageManager) -> &'static str {
    match pm {
        PackageManager::Npm => "",
        PackageManager::Pnpm => "10.18.2",
        PackageManager::Yarn => "1.22.22",
        PackageManager::Bun => "1.2.23",
    }
}

/// Package-manager specific commands, all exec-safe strings for RUN lines.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PmCommands {
    pub name: &'static str,
    /// RUN line that installs or activates the package manager; `None` for npm.
    pub setup: Option<String>,
    pub lockfiles: Vec<String>,
    pub install: String,
    pub prune_production: String,
    pub exec: String,
}

pub fn pm_commands(app: &App) -> PmCommands {
    let pm = app.package_manager;
    let version = if app.package_manager_version.is_empty() {
        pinned_version(pm).to_string()
    } else {
        app.package_manager_version.clone()
    };
    let yarn_berry = pm == PackageManager::Yarn && !version.starts_with("1.");
    match pm {
        PackageManager::Npm => PmCommands {
            name: "npm",
            setup: (!version.is_empty()).then(|| format!("npm install -g npm@{version}")),
            lockfiles: vec!["package-lock.json".into()],
            install: "npm ci".into(),
            prune_production: "npm prune --omit=dev".into(),
            exec: "npx --no-install".into(),
        },
        PackageManager::Pnpm => PmCommands {
            name: "pnpm",
            setup: Some(format!(
                "corepack enable && corepack prepare pnpm@{version} --activate"
            )),
            lockfiles: vec!["pnpm-lock.yaml".into()],
            install: "pnpm install --frozen-lockfile".into(),
            prune_production: "pnpm prune --prod".into(),
            exec: "pnpm exec".into(),
        },
        PackageManager::Yarn => PmCommands {
            name: "yarn",
            setup: Some(format!(
                "corepack enable && corepack prepare yarn@{version} --activate"
            )),
            lockfiles: vec!["yarn.lock".into()],
            install: if yarn_berry {
                "yarn install --immutable".into()
            } else {
                "yarn install --frozen-lockfile".into()
            },
            prune_production: if yarn_berry {
                "yarn workspaces focus --all --production".into()
            } else {
                "yarn install --frozen-lockfile --production --ignore-scripts".into()
            },
            exec: if yarn_berry {
                "yarn exec".into()
            } else {
                "yarn run --silent".into()
            },
        },
        PackageManager::Bun => PmCommands {
            name: "bun",
            setup: Some(format!("npm install -g bun@{version}")),
            lockfiles: vec!["bun.lock".into()],
            install: "bun install --frozen-lockfile".into(),
            prune_production: "bun install --frozen-lockfile --production".into(),
            exec: "bunx".into(),
        },
    }
}

/// Runs a package.json script of the app (workspace-aware).
fn run_script(app: &App, script: &str) -> Vec<String> {
    let m = &app.monorepo;
    let words: Vec<&str> = match (app.package_manager, m.enabled) {
        (PackageManager::Npm, false) => vec!["npm", "run", script],
        (PackageManager::Pnpm, false) => vec!["pnpm", "run", script],
        (PackageManager::Yarn, false) => vec!["yarn", "run", script],
        (PackageManager::Bun, false) => vec!["bun", "run", script],
        (PackageManager::Npm, true) => {
            return vec![
                "npm".into(),
                "run".into(),
                script.into(),
                format!("--workspace={}", m.app_dir),
            ]
        }
        (PackageManager::Pnpm, true) => vec!["pnpm", "--filter", &m.filter, "run", script],
        (PackageManager::Yarn, true) => vec!["yarn", "workspace", &m.filter, "run", script],
        (PackageManager::Bun, true) => vec!["bun", "run", "--filter", &m.filter, script],
    };
    words.into_iter().map(String::from).collect()
}

/// Build command; Turborepo builds the app and its workspace dependencies in order.
fn build_command(app: &App, pm: &PmCommands) -> String {
    if app.monorepo.enabled && app.monorepo.turbo_prune {
        format!(
            "{} turbo run {} --filter={}",
            pm.exec, app.build_script, app.monorepo.filter
        )
    } else {
        run_script(app, &app.build_script).join(" ")
    }
}

/// The dev-server command (exec form), shared by Dockerfile.dev and the dev override.
pub fn dev_command(app: &App) -> Vec<String> {
    run_script(app, &app.dev_script)
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BuildArgCtx {
    pub name: String,
    pub default: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DockerfileContext {
    pub project: String,
    pub framework: &'static str,
    pub nextjs: bool,
    pub node_version: String,
    pub alpine: bool,
    pub os_packages: Vec<String>,
    /// Packages only the runner needs (the init process).
    pub runtime_only: Vec<String>,
    pub pm: PmCommands,
    pub monorepo: bool,
    pub turbo_prune: bool,
    pub turbo_version: String,
    pub filter: String,
    pub app_dir: String,
    pub workspace_manifests: Vec<String>,
    pub prisma: bool,
    pub prisma_schema: String,
    pub prisma_schema_dir: String,
    pub prisma_generate: String,
    pub build_command: String,
    pub build_args: Vec<BuildArgCtx>,
    pub copy_prisma_dir_for_install: bool,
    pub user: RuntimeUser,
    pub port: u16,
    /// `HEALTHCHECK CMD` in exec form: the app's own health probe.
    pub health_probe: Vec<String>,
    pub interval: String,
    pub timeout: String,
    pub start_period: Option<String>,
    pub retries: u32,
    pub entrypoint: Vec<String>,
    pub cmd: Vec<String>,
    pub has_entrypoint_script: bool,
    pub playwright: bool,
    pub dev_cmd: Vec<String>,
    pub server_js: String,
}

/// Where Next.js standalone output puts `server.js` (inside the app folder in a monorepo).
pub fn server_js(app: &App) -> String {
    if app.monorepo.enabled {
        format!("{}/server.js", app.monorepo.app_dir)
    } else {
        "server.js".into()
    }
}

pub fn context(config: &Config, has_entrypoint_script: bool) -> DockerfileContext {
    let a = &config.app;
    let alpine = a.base == BaseImage::Alpine;
    let nextjs = a.framework == Framework::NextjsStandalone;
    let pm = pm_commands(a);
    let mut os_packages: Vec<String> = Vec::new();
    if alpine {
        os_packages.push("libc6-compat".into());
    }
    if a.prisma.enabled {
        os_packages.push("openssl".into());
    }
    if a.playwright_chromium {
        if alpine {
            os_packages.extend(
                [
                    "chromium",
                    "nss",
                    "freetype",
                    "harfbuzz",
                    "ca-certificates",
                    "ttf-freefont",
                ]
                .map(String::from),
            );
        } else {
            os_packages
                .extend(["chromium", "fonts-liberation", "ca-certificates"].map(String::from));
        }
    }
    for p in &a.system_packages {
        if !os_packages.contains(p) {
            os_packages.push(p.clone());
        }
    }
    let mut runtime_only = Vec::new();
    match a.init {
        InitProcess::DumbInit if !os_packages.iter().any(|p| p == "dumb-init") => {
            runtime_only.push("dumb-init".to_string())
        }
        InitProcess::Tini if !os_packages.iter().any(|p| p == "tini") => {
            runtime_only.push("tini".to_string())
        }
        _ => {}
    }
    let init_path = match (a.init, alpine) {
        (InitProcess::DumbInit, _) => Some("/usr/bin/dumb-init"),
        (InitProcess::Tini, true) => Some("/sbin/tini"),
        (InitProcess::Tini, false) => Some("/usr/bin/tini"),
        (InitProcess::None, _) => None,
    };
    let mut entrypoint = Vec::new();
    if let Some(init) = init_path {
        entrypoint.push(init.to_string());
        entrypoint.push("--".into());
    }
    if has_entrypoint_script {
        entrypoint.push("docker-entrypoint.sh".into());
    }
    let m = &a.monorepo;
    let server_js = server_js(a);
    let cmd: Vec<String> = if nextjs {
        vec!["node".into(), server_js.clone()]
    } else {
        a.start_command
            .split_whitespace()
            .map(String::from)
            .collect()
    };
    let schema = a.prisma.schema_path.clone();
    let schema_dir = crate::templates::dirname(&schema).to_string();
    let prisma_generate = if m.enabled && a.package_manager == PackageManager::Pnpm {
        match schema.split_once("/prisma/") {
            Some((pkg, rest)) => {
                format!("pnpm --dir {pkg} exec prisma generate --schema=prisma/{rest}")
            }
            None => format!("pnpm exec prisma generate --schema={schema}"),
        }
    } else {
        format!("{} prisma generate --schema={schema}", pm.exec)
    };
    let mut workspace_manifests = Vec::new();
    if m.enabled && !m.turbo_prune {
        workspace_manifests.push(format!("{}/package.json", m.app_dir));
        workspace_manifests.extend(m.packages.iter().map(|p| format!("{p}/package.json")));
    }
    let h = &config.ops.healthcheck;
    let mut build_args: Vec<BuildArgCtx> = a
        .build_args
        .iter()
        .map(|b| BuildArgCtx {
            name: b.name.clone(),
            default: b.value.clone(),
        })
        .collect();
    if a.prisma.enabled && !build_args.iter().any(|b| b.name == "DATABASE_URL") {
        // Prisma validates DATABASE_URL at build time; a placeholder keeps real credentials
        // out of the image history.
        build_args.push(BuildArgCtx {
            name: "DATABASE_URL".into(),
            default:
                "postgresql://placeholder:placeholder@localhost:5432/placeholder?schema=public"
                    .into(),
        });
    }
    DockerfileContext {
        project: config.project.name.clone(),
        framework: if nextjs {
            "Next.js standalone"
        } else {
            "Node server"
        },
        nextjs,
        node_version: a.node_version.clone(),
        alpine,
        os_packages,
        runtime_only,
        build_command: build_command(a, &pm),
        pm,
        monorepo: m.enabled,
        turbo_prune: m.enabled && m.turbo_prune,
        turbo_version: m.turbo_version.clone(),
        filter: m.filter.clone(),
        app_dir: if m.enabled {
            m.app_dir.clone()
        } else {
            ".".into()
        },
        workspace_manifests,
        prisma: a.prisma.enabled,
        copy_prisma_dir_for_install: a.prisma.enabled && !m.enabled,
        prisma_schema: schema,
        prisma_schema_dir: schema_dir,
        prisma_generate,
        build_args,
        user: a.user.clone(),
        port: a.container_port,
        health_probe: health_probe(&format!(
            "'http://127.0.0.1:' + (process.env.PORT || {}) + '{}'",
            a.container_port, a.health_path
        )),
        interval: h.interval.clone(),
        timeout: h.timeout.clone(),
        // BuildKit rejects --start-period=0s ("cannot be less than 1ms"): zero means none.
        start_period: (!crate::validate::is_zero_duration(&h.start_period))
            .then(|| h.start_period.clone()),
        retries: h.retries,
        entrypoint,
        cmd,
        has_entrypoint_script,
        playwright: a.playwright_chromium,
        dev_cmd: dev_command(a),
        server_js,
    }
}

/// The health probe, in exec form, for a JavaScript URL expression: Node's own `http` (the
/// image has no curl or wget). 127.0.0.1, not localhost: Node may resolve localhost to ::1
/// while the server listens on IPv4 only; and an 'error' handler so a refused connection fails
/// fast. The Dockerfile and compose use the same probe.
pub fn health_probe(url_js: &str) -> Vec<String> {
    vec![
        "node".into(),
        "-e".into(),
        format!(
            "require('http').get({url_js}, (r) => process.exit(r.statusCode === 200 ? 0 : 1)).on('error', () => process.exit(1))"
        ),
    ]
}
