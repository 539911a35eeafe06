//! Repository detection: the app section filled from the files of a Node project, as fly.io's
//! dockerfile-node generator reads them: `package.json` (dependencies, scripts,
//! `packageManager`, `engines.node`, workspaces), lockfiles, `.nvmrc` / `.node-version`,
//! `turbo.json` / `pnpm-workspace.yaml`, `next.config.*`, `prisma/schema.prisma` and
//! `.env.example`. Each guess, and each thing that needs the user's attention (Next.js without
//! `output: "standalone"`), is a warning naming the file it comes from.

use super::ImportWarning;
use crate::config::*;
use serde_json::Value;
use std::collections::BTreeMap;

/// The repository's files that matter, by path from its root (text; lockfiles may be empty:
/// only their presence counts).
pub type RepoFiles = BTreeMap<String, String>;

/// The file names detection reads (a front end reads just these, skipping the rest).
pub use super::names::REPOSITORY_FILES as FILES;

/// Fills `config.app` (and variables, build args) from `repo`.
pub fn detect(repo: &RepoFiles, config: &mut Config, warnings: &mut Vec<ImportWarning>) {
    // Each warning names the App field it is about, which the configurator links to.
    let mut warn = |path: &str, field: &str, message: String| {
        let mut warning = ImportWarning::new(path, message);
        warning.field = Some(format!("app.{field}"));
        warnings.push(warning);
    };
    let Some(text) = repo.get("package.json") else {
        warn(
            "package.json",
            "service_name",
            "not given: the app section keeps dockwright's defaults".into(),
        );
        return;
    };
    let package: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            warn(
                "package.json",
                "service_name",
                format!("not JSON ({e}): the app section keeps dockwright's defaults"),
            );
            return;
        }
    };
    let app = &mut config.app;
    app.enabled = true;
    let has_dep = |name: &str| {
        ["dependencies", "devDependencies"]
            .iter()
            .any(|section| package.get(section).and_then(|d| d.get(name)).is_some())
    };
    let script = |name: &str| {
        package
            .get("scripts")
            .and_then(|s| s.get(name))
            .and_then(Value::as_str)
            .map(str::to_string)
    };

    // Package manager: `packageManager` pins it, else the lockfile says which one.
    let pinned = package.get("packageManager").and_then(Value::as_str);
    let by_lockfile = [
        ("pnpm-lock.yaml", PackageManager::Pnpm),
        ("yarn.lock", PackageManager::Yarn),
        ("bun.lock", PackageManager::Bun),
        ("bun.lockb", PackageManager::Bun),
        ("package-lock.json", PackageManager::Npm),
    ]
    .into_iter()
    .find(|(file, _)| repo.contains_key(*file));
    match pinned.and_then(|p| p.split_once('@')) {
        Some((name, version)) => match PackageManager::ALL.iter().find(|pm| pm.as_str() == name) {
            Some(pm) => {
                app.package_manager = *pm;
                app.package_manager_version = version.split('+').next().unwrap_or(version).to_string();
            }
            None => warn("package.json", "package_manager", format!("packageManager `{name}` is not one dockwright builds with; npm is used")),
        },
        None => match by_lockfile {
            Some((_, pm)) => app.package_manager = pm,
            None => warn("package.json", "package_manager", "no lockfile and no packageManager: npm is assumed (commit a lockfile for reproducible installs)".into()),
        },
    }
    if let (Some(pinned), Some((file, pm))) = (pinned, by_lockfile) {
        if !pinned.starts_with(pm.as_str()) {
            warn(
                file,
                "package_manager",
                format!(
                    "this lockfile is {}'s but packageManager says {pinned}; packageManager wins",
                    pm.as_str()
                ),
            );
        }
    }

    // Node version: .nvmrc, .node-version, then engines.node (its first version number).
    let pinned_node = [".nvmrc", ".node-version"]
        .iter()
        .find_map(|f| {
            repo.get(*f)
                .map(|t| (*f, t.trim().trim_start_matches('v').to_string()))
        })
        .filter(|(_, v)| v.chars().next().is_some_and(|c| c.is_ascii_digit()));
    match pinned_node {
        Some((_, version)) => app.node_version = version,
        None => match package
            .get("engines")
            .and_then(|e| e.get("node"))
            .and_then(Value::as_str)
        {
            Some(range) => {
                let major: String = range
                    .chars()
                    .skip_while(|c| !c.is_ascii_digit())
                    .take_while(|c| c.is_ascii_digit())
                    .collect();
                if major.is_empty() {
                    warn(
                        "package.json",
                        "node_version",
                        format!(
                            "engines.node `{range}` names no version; Node {} is used",
                            app.node_version
                        ),
                    );
                } else {
                    if range.trim() != major {
                        warn("package.json", "node_version", format!("engines.node `{range}` is a range: Node {major} is used (pin one in .nvmrc)"));
                    }
                    app.node_version = major;
                }
            }
            None => warn(
                "package.json",
                "node_version",
                format!(
                    "no Node version (.nvmrc, .node-version or engines.node): Node {} is used",
                    app.node_version
                ),
            ),
        },
    }

    // Framework: Next.js in standalone output, or a plain Node server.
    if has_dep("next") {
        app.framework = Framework::NextjsStandalone;
        app.start_command = "node server.js".into();
        let config_file = ["next.config.js", "next.config.mjs", "next.config.ts"]
            .iter()
            .find(|f| repo.contains_key(**f));
        let standalone = config_file.is_some_and(|f| {
            let text = &repo[*f];
            text.contains("output: \"standalone\"")
                || text.contains("output: 'standalone'")
                || text.contains("output:\"standalone\"")
                || text.contains("output:'standalone'")
        });
        if !standalone {
            warn(
                config_file.copied().unwrap_or("next.config.js"), "framework",
                "output: \"standalone\" is not set: add it to next.config, the Dockerfile copies .next/standalone".into(),
            );
        }
    } else {
        app.framework = Framework::NodeServer;
        match script("start") {
            Some(start) => app.start_command = start,
            None => warn(
                "package.json",
                "start_command",
                format!(
                    "no start script: the container runs `{}`",
                    app.start_command
                ),
            ),
        }
    }
    match script("build") {
        Some(_) => app.build_script = "build".into(),
        None => {
            app.build_script = String::new();
            warn(
                "package.json",
                "build_script",
                "no build script: the image builds nothing".into(),
            );
        }
    }
    if script("dev").is_some() {
        app.dev_script = "dev".into();
    }

    // Monorepo: turbo.json or workspaces.
    let workspaces =
        package.get("workspaces").is_some() || repo.contains_key("pnpm-workspace.yaml");
    if repo.contains_key("turbo.json") || workspaces {
        app.monorepo.enabled = true;
        app.monorepo.turbo_prune = repo.contains_key("turbo.json");
        warn(
            if repo.contains_key("turbo.json") { "turbo.json" } else { "package.json" }, "monorepo.app_dir",
            format!("a monorepo: check the app's directory ({}) and workspace filter ({}) in the App section", app.monorepo.app_dir, app.monorepo.filter),
        );
    }

    // Prisma: its schema or its packages.
    if repo.contains_key("prisma/schema.prisma") || has_dep("prisma") || has_dep("@prisma/client") {
        app.prisma.enabled = true;
        if !repo.contains_key("prisma/schema.prisma") {
            warn(
                "package.json",
                "prisma.schema_path",
                format!(
                    "Prisma is a dependency but prisma/schema.prisma was not given: {} is assumed",
                    app.prisma.schema_path
                ),
            );
        }
    }

    // .env.example: the app's variables; NEXT_PUBLIC_* are baked in at build time.
    if let Some(example) = repo.get(".env.example") {
        let managed = crate::resolve::managed_env_names(config);
        for (name, value) in crate::dotenv::parse(example) {
            let value = value.unwrap_or_default();
            if managed.contains(&name.as_str())
                || ["DATABASE_URL", "REDIS_URL"].contains(&name.as_str())
            {
                continue;
            }
            if name.starts_with("NEXT_PUBLIC_") {
                if !config.app.build_args.iter().any(|a| a.name == name) {
                    config.app.build_args.push(BuildArg { name, value });
                }
                continue;
            }
            if config.env.iter().any(|v| v.name == name) {
                continue;
            }
            let secret = super::mapping::looks_secret(&name);
            config.env.push(EnvVar {
                value: if secret { String::new() } else { value },
                secret,
                generator: secret.then(crate::secret::Generator::default),
                mode: if secret {
                    EnvMode::Required
                } else {
                    EnvMode::Default
                },
                name,
                ..EnvVar::default()
            });
        }
    }
}
