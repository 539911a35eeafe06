//! Import (issue 11): reading compose files people already have.
//!
//! - Round trip: importing the compose files and `.env` that dockwright renders for each preset
//!   gives back the configuration's services, ports, variables and operations. What compose
//!   files cannot carry (the repository's package manager, Node version, monorepo and Prisma
//!   settings, variables' sections and comments, generators' encodings) is listed once, in
//!   [`NOT_IN_COMPOSE`], and is not compared.
//! - Cases written by us (`tests/import/*.yaml`, several compose files per case separated by
//!   `--- # file: NAME` lines): the configuration and the warnings, as snapshots.
//! - Random and mutated input never panics.

use dockwright_engine::config::*;
use dockwright_engine::import::loader::SourceFile;
use dockwright_engine::import::mapping::looks_secret;
use dockwright_engine::import::{import, ImportInput, Imported};
use dockwright_engine::secret::{fill_missing_secrets, DeterministicEntropy};
use dockwright_engine::{generate, presets};
use proptest::prelude::*;

/// What a compose bundle does not say, so the round trip cannot recover it.
const NOT_IN_COMPOSE: &[&str] = &[
    "app: framework, start command, scripts, Node version, base image, package manager, monorepo, Prisma, user, init, system packages, dev image and mounts (they live in the Dockerfile and the repository)",
    "postgres: extensions, pool settings, backups (an init script, URL parameters, a script)",
    "the order of extra services (a service only an override defines comes after the base's)",
    "env: order, sections, comments, in_example / in_production, generators (the .env templates' layout)",
    "secrets' values (never copied: fresh ones are generated)",
    "whether a variable is a secret when its name does not say so (SECRET, PASSWORD, TOKEN, _KEY)",
    "ops: healthcheck timings (dockwright's own per service); rotation sizes of a log driver other than json-file or local (not written)",
    "a project without a dev environment: per-environment values fold into its one file",
    "values for environments the project does not have (render.yaml is not read)",
    "required variables' values when no .env is written (the template leaves them empty)",
    "a fixed variable shared with an extra service (it reads as that service's own setting)",
    "not yet: per-environment values of variables that reach only extra services",
    "a required variable's own values per environment (the base file requires it; .env.production.example holds one environment's values)",
    "a profiles project's environments when no service carries a profile (no app)",
    "a value with `}` (compose's `${NAME:-…}` ends at it, so it reads as text after a variable)",
    "a variable aimed at a built-in service (PostgreSQL, Redis, …): dockwright writes it to .env only",
    "in one profiles file, an environment's empty value and a value left to the deployer (written alike)",
    "a project without a dev environment: per-environment values fold into its one file",
    "kubernetes: the whole section (image repository, tags, replicas, hosts, storage: compose says none of it)",
];

/// The rendered bundle's compose files (base first, overrides in environment order) and its
/// `.env`, as a user would pass them.
fn rendered_input(config: &Config) -> ImportInput {
    let generation = generate(config);
    assert!(!generation.has_errors(), "{:#?}", generation.diagnostics);
    let files = &generation.bundle.files;
    let mut compose: Vec<&String> = files
        .keys()
        .filter(|p| {
            p.rsplit('/').next().is_some_and(|n| {
                n.contains("compose") && (n.ends_with(".yml") || n.ends_with(".yaml"))
            })
        })
        .collect();
    let rank = |p: &str| {
        ["dev", "staging", "prod"]
            .iter()
            .position(|e| p.contains(&format!(".{e}.")))
            .map_or(0, |i| i + 1)
    };
    compose.sort_by_key(|p| (rank(p), p.len()));
    let source = |path: &String| SourceFile {
        path: path.clone(),
        text: files[path].text.to_string(),
    };
    let dir = compose[0]
        .rsplit_once('/')
        .map_or(String::new(), |(d, _)| format!("{d}/"));
    let mut env_files: Vec<SourceFile> = [".env", ".env.example"]
        .iter()
        .map(|n| format!("{dir}{n}"))
        .find(|p| files.contains_key(p))
        .map(|p| vec![source(&p)])
        .unwrap_or_default();
    let production = format!("{dir}.env.production.example");
    if files.contains_key(&production) {
        env_files.push(source(&production));
    }
    ImportInput {
        compose: compose.into_iter().map(source).collect(),
        env_files,
        ..ImportInput::default()
    }
}

fn preset(id: &str) -> Config {
    let mut c = presets::load(id).unwrap();
    fill_missing_secrets(&mut c, &mut DeterministicEntropy(5));
    c
}

/// The facets compose files carry, in a form that compares (a switched-off service is only
/// "off": its settings are not in any file).
fn facets(c: &Config) -> Vec<(String, String)> {
    let on = |enabled: bool, details: String| if enabled { details } else { "off".to_string() };
    // A host port no file publishes (no dev environment, not published in production) is in
    // no file either.
    let dev = c.project.environments.is_empty() || c.project.environments.contains(&EnvName::Dev);
    // Limits are written on the app service: without an app they are in no file.
    // Rotation options are written for the json-file and local drivers only.
    let logging = c.ops.logging.as_ref().map(|l| match l.driver.as_str() {
        "json-file" | "local" => format!("{} {}×{}", l.driver, l.max_size, l.max_file),
        other => other.to_string(),
    });
    let resources = c.ops.resources.as_ref().filter(|_| c.app.enabled);
    let pg_port = c
        .postgres
        .host_port
        .filter(|_| dev || c.postgres.publish_in_production);
    let redis_port = c
        .redis
        .host_port
        .filter(|_| dev || c.redis.publish_in_production);
    let mut out = vec![
        (
            "project".into(),
            format!(
                "{} {:?} {:?} {:?} {:?}",
                c.project.name,
                c.project.layout,
                c.project.compose_naming,
                (!c.project.environments.is_empty()).then_some(c.project.strategy),
                c.project.environments
            ),
        ),
        (
            "postgres".into(),
            on(
                c.postgres.enabled,
                format!(
                    "{} {} {} {:?} {}",
                    c.postgres.version,
                    c.postgres.db,
                    c.postgres.user,
                    pg_port,
                    c.postgres.timezone
                ),
            ),
        ),
        (
            "redis".into(),
            on(
                c.redis.enabled,
                format!(
                    "{} {} {:?} {} {:?}",
                    c.redis.version,
                    c.redis.maxmemory.to_lowercase(),
                    c.redis.eviction_policy,
                    c.redis.aof,
                    redis_port
                ),
            ),
        ),
        (
            "pgadmin".into(),
            on(
                c.pgadmin.enabled,
                format!(
                    "{} {} {} {}",
                    c.pgadmin.version,
                    c.pgadmin.email,
                    c.pgadmin.host_port,
                    c.pgadmin.register_server
                ),
            ),
        ),
        (
            "redis_commander".into(),
            on(
                c.redis_commander.enabled,
                format!(
                    "{} {}",
                    c.redis_commander.version, c.redis_commander.host_port
                ),
            ),
        ),
        (
            "app".into(),
            on(
                c.app.enabled,
                format!(
                    "{} {} {} {} {:?}",
                    c.app.service_name,
                    c.app.container_port,
                    c.app.host_port,
                    c.app.health_path,
                    c.app.build_args
                ),
            ),
        ),
        (
            "ops".into(),
            format!(
                "{:?} {:?} {} {:?} {:?}",
                c.ops.restart, c.ops.container_name_prefix, c.ops.network_name, resources, logging
            ),
        ),
    ];
    let mut extras: Vec<&ExtraService> = c.extra_services.iter().filter(|e| e.enabled).collect();
    extras.sort_by(|a, b| a.name.cmp(&b.name));
    for e in extras {
        // Commands and checks are written trimmed.
        let mut e = e.clone();
        e.command = e
            .command
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        e.healthcheck = e
            .healthcheck
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        out.push((format!("extra {}", e.name), format!("{e:?}")));
    }
    let mut env: Vec<&EnvVar> = c.env.iter().collect();
    env.sort_by(|a, b| a.name.cmp(&b.name));
    for v in env {
        let value = if v.secret {
            "(secret)"
        } else {
            v.value.as_str()
        };
        // Values for environments the project does not have are in no compose file.
        let per_env: Vec<_> = v
            .per_env
            .iter()
            .filter(|(e, _)| c.project.environments.contains(e))
            // An environment's own value equal to the base value is no difference.
            .filter(|(_, o)| **o != EnvOverride::Value(v.value.clone()))
            // In one profiles file, leaving an empty value to the deployer changes nothing.
            .filter(|(_, o)| {
                !(c.project.strategy == EnvStrategy::Profiles
                    && v.value.is_empty()
                    && **o == EnvOverride::SetAtDeploy)
            })
            // A required variable is set at deploy everywhere already.
            .filter(|(_, o)| !(v.mode == EnvMode::Required && **o == EnvOverride::SetAtDeploy))
            // One profiles file writes an empty own value and one left to the deployer alike.
            .map(|(e, o)| match o {
                EnvOverride::Value(t)
                    if t.is_empty() && c.project.strategy == EnvStrategy::Profiles =>
                {
                    (e, &EnvOverride::SetAtDeploy)
                }
                o => (e, o),
            })
            .collect();
        // No services means the app's: the same as naming it.
        let mut services = v.services.clone();
        if services.is_empty() {
            services.push(c.app.service_name.clone());
        }
        services.sort();
        services.dedup();
        out.push((
            format!("env {}", v.name),
            format!("{:?} {value} {} {per_env:?} {services:?}", v.mode, v.secret),
        ));
    }
    out
}

#[test]
fn importing_a_rendered_bundle_gives_back_its_configuration() {
    assert!(!NOT_IN_COMPOSE.is_empty());
    for p in presets::PRESETS {
        let config = preset(p.id);
        let Imported {
            config: mut back,
            warnings,
            ..
        } = import(&rendered_input(&config)).unwrap_or_else(|e| panic!("{}: {e}", p.id));
        let (want, got) = (facets(&config), facets(&back));
        for (w, g) in want.iter().zip(&got) {
            assert_eq!(w, g, "{}: {:#?}", p.id, warnings);
        }
        assert_eq!(want.len(), got.len(), "{}: {:?} vs {:?}", p.id, want, got);
        // Rendering what was imported (its secrets generated, as every front end does) has no
        // errors.
        fill_missing_secrets(&mut back, &mut DeterministicEntropy(6));
        let again = generate(&back);
        assert!(!again.has_errors(), "{}: {:#?}", p.id, again.diagnostics);
    }
}

/// A case file: compose files separated by `--- # file: NAME` lines (the first names the
/// base), env files named `.env`-something; `--- # available: NAME` is a file only for
/// `include` and `extends` to name.
fn case_input(text: &str) -> ImportInput {
    let mut input = ImportInput::default();
    for part in text.split("--- # ").skip(1) {
        let (header, body) = part.split_once('\n').unwrap_or((part, ""));
        let (kind, name) = header.split_once(": ").unwrap_or(("file", header));
        let file = SourceFile {
            path: name.trim().to_string(),
            text: body.to_string(),
        };
        let is_env = file
            .path
            .rsplit('/')
            .next()
            .is_some_and(|n| n.starts_with(".env"));
        match kind {
            "available" => {
                input.available.insert(file.path, file.text);
            }
            _ if is_env => input.env_files.push(file),
            _ => input.compose.push(file),
        }
    }
    input
}

#[test]
fn import_cases() {
    insta::glob!("import/*.yaml", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let shown = match import(&case_input(&text)) {
            Ok(imported) => {
                // What import gives, the configurator renders: no errors (warnings may stay).
                let mut config = imported.config.clone();
                fill_missing_secrets(&mut config, &mut DeterministicEntropy(7));
                let generated = generate(&config);
                assert!(
                    !generated.has_errors(),
                    "{}: {:#?}",
                    path.display(),
                    generated.diagnostics
                );
                // A warning's field is a path of the configuration (the configurator links to it).
                let json = serde_json::to_value(&imported.config).unwrap();
                for w in &imported.warnings {
                    if let Some(field) = &w.field {
                        assert!(
                            resolves(&json, field),
                            "{w}: {field} is not a configuration path"
                        );
                    }
                }
                let warnings: Vec<String> = imported
                    .warnings
                    .iter()
                    .map(|w| match &w.field {
                        Some(field) => format!("warning: {w} [-> {field}]"),
                        None => format!("warning: {w}"),
                    })
                    .collect();
                format!(
                    "{}\n# warnings\n{}\n",
                    imported.config.to_yaml(),
                    warnings.join("\n")
                )
            }
            Err(e) => format!("refused: {e}\n"),
        };
        insta::assert_snapshot!(shown);
    });
}

/// Whether `path` (`extra_services[1].ports`) names a key of the configuration's JSON (a null
/// optional counts: the field is there to fill).
fn resolves(json: &serde_json::Value, path: &str) -> bool {
    let mut node = json;
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((k, i)) => (k, i.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        let Some(next) = node.get(key) else {
            return false;
        };
        node = match index {
            Some(i) => match next.get(i) {
                Some(item) => item,
                None => return false,
            },
            None => next,
        };
    }
    true
}

fn mutate(text: &str, cut: usize, insert: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let at = cut % (chars.len() + 1);
    for (i, c) in insert.chars().enumerate() {
        chars.insert((at + i).min(chars.len()), c);
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    /// Random text and mutated compose files are refused or imported, never a panic.
    #[test]
    fn import_never_panics(
        noise in ".{0,200}",
        cut in 0usize..4000,
        insert in prop::sample::select(vec!["${", "}", ":", "\n  ", "- ", "<<: *a", "&a ", "!reset ", "!override ", "$$", "${X:-${Y", "ports: [\"1:2/udp\"]", "\n- x", "'", "\""]),
        preset_index in 0usize..5,
    ) {
        let input = ImportInput {
            compose: vec![SourceFile { path: "compose.yaml".into(), text: noise }],
            ..ImportInput::default()
        };
        let _ = import(&input);
        let id = presets::PRESETS[preset_index % presets::PRESETS.len()].id;
        let mut rendered = rendered_input(&preset(id));
        for file in &mut rendered.compose {
            file.text = mutate(&file.text, cut, insert);
        }
        let _ = import(&rendered);
    }
}

fn repo(files: &[(&str, &str)]) -> dockwright_engine::import::repository::RepoFiles {
    files
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn detect(files: &[(&str, &str)]) -> (Config, Vec<String>) {
    let input = ImportInput {
        compose: vec![SourceFile {
            path: "compose.yaml".into(),
            text: "services:\n  web:\n    build: .\n    ports: [\"3000:3000\"]\n".into(),
        }],
        repo: Some(repo(files)),
        ..ImportInput::default()
    };
    let imported = import(&input).unwrap();
    let json = serde_json::to_value(&imported.config).unwrap();
    for w in &imported.warnings {
        let field = w.field.as_deref().unwrap_or_default();
        assert!(
            resolves(&json, field),
            "{w}: `{field}` is not a configuration path"
        );
    }
    (
        imported.config,
        imported.warnings.iter().map(|w| w.to_string()).collect(),
    )
}

#[test]
fn repository_detection_fills_the_app_section() {
    // A pnpm Turborepo with Next.js (standalone), Prisma and an env template.
    let (c, warnings) = detect(&[
        ("package.json", r#"{"packageManager": "pnpm@9.12.1+sha512.abc", "scripts": {"build": "turbo build", "dev": "turbo dev"}, "dependencies": {"next": "15.0.0", "@prisma/client": "6"}, "workspaces": ["apps/*", "packages/*"]}"#),
        ("pnpm-lock.yaml", ""),
        (".nvmrc", "v22.11.0\n"),
        ("turbo.json", "{}"),
        ("next.config.mjs", "export default { output: 'standalone' };"),
        ("prisma/schema.prisma", "datasource db { provider = \"postgresql\" }"),
        (".env.example", "NEXT_PUBLIC_SITE_URL=https://example.com\nAUTH_SECRET=change-me\nFEATURE_X=on\nDATABASE_URL=postgres://x\n"),
    ]);
    assert_eq!(c.app.package_manager, PackageManager::Pnpm, "{warnings:?}");
    assert_eq!(c.app.package_manager_version, "9.12.1");
    assert_eq!(c.app.node_version, "22.11.0");
    assert_eq!(c.app.framework, Framework::NextjsStandalone);
    assert!(c.app.monorepo.enabled && c.app.monorepo.turbo_prune);
    assert!(c.app.prisma.enabled);
    assert_eq!(
        c.app.build_args,
        vec![BuildArg {
            name: "NEXT_PUBLIC_SITE_URL".into(),
            value: "https://example.com".into()
        }]
    );
    let names: Vec<&str> = c.env.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(
        names,
        ["AUTH_SECRET", "FEATURE_X"],
        "DATABASE_URL is dockwright's own"
    );
    assert!(
        c.env[0].secret && c.env[0].value.is_empty(),
        "a secret's example value is not kept"
    );
    assert_eq!(c.env[1].value, "on");
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("turbo.json: a monorepo")),
        "{warnings:?}"
    );
    assert!(
        !warnings.iter().any(|w| w.contains("standalone")),
        "{warnings:?}"
    );

    // A plain Node server: npm by its lockfile, Node from an engines range, its start script.
    let (c, warnings) = detect(&[
        (
            "package.json",
            r#"{"scripts": {"start": "node dist/server.js"}, "engines": {"node": ">=20.9"}}"#,
        ),
        ("package-lock.json", "{}"),
    ]);
    assert_eq!(c.app.package_manager, PackageManager::Npm);
    assert_eq!(c.app.framework, Framework::NodeServer);
    assert_eq!(c.app.start_command, "node dist/server.js");
    assert_eq!(c.app.node_version, "20");
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("engines.node `>=20.9` is a range")),
        "{warnings:?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("no build script")),
        "{warnings:?}"
    );

    // Next.js without standalone output, no lockfile, no Node version: each guess is said.
    let (c, warnings) = detect(&[
        (
            "package.json",
            r#"{"scripts": {"build": "next build"}, "dependencies": {"next": "14"}}"#,
        ),
        ("next.config.js", "module.exports = {}"),
    ]);
    assert_eq!(c.app.framework, Framework::NextjsStandalone);
    for expected in [
        "next.config.js: output: \"standalone\" is not set",
        "no lockfile and no packageManager",
        "no Node version",
    ] {
        assert!(
            warnings.iter().any(|w| w.contains(expected)),
            "{expected}: {warnings:?}"
        );
    }

    // Not JSON: defaults kept, said.
    let (_, warnings) = detect(&[("package.json", "{ not json")]);
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("package.json: not JSON")),
        "{warnings:?}"
    );
}

#[path = "support/arb.rs"]
#[allow(dead_code)]
mod arb;

proptest! {
    // Most random configurations have an error or fall outside what compose can carry; the
    // rest (48 cases) are compared.
    #![proptest_config(ProptestConfig { cases: 48, max_global_rejects: 20_000, ..ProptestConfig::default() })]
    /// Random valid configurations: their rendered bundle imports back to the same facets.
    #[test]
    fn random_configurations_round_trip(config in arb::config()) {
        let generation = generate(&config);
        prop_assume!(!generation.has_errors());
        // One production file (no dev environment) folds per-environment values into it.
        prop_assume!(config.project.environments.contains(&EnvName::Dev));
        // Import tells secrets by name: a configuration whose secrets are named otherwise
        // (or whose names say secret but are not) cannot come back as it was.
        prop_assume!(config.env.iter().all(|v| v.secret == looks_secret(&v.name)));
        // A fixed value written into an extra service reads as that service's own setting.
        prop_assume!(config.env.iter().all(|v| v.mode != EnvMode::Fixed || v.services.iter().all(|s| *s == config.app.service_name)));
        // Per-environment values are read for the app's variables only (not yet for variables
        // that reach extra services alone).
        prop_assume!(config.env.iter().all(|v| v.per_env.is_empty() || v.services.is_empty() || v.services.contains(&config.app.service_name)));
        // A `}` in a value ends compose's `${NAME:-…}` early (the text after it still reads
        // right, but not as a default).
        prop_assume!(config.env.iter().all(|v| !v.value.contains('}') && v.per_env.values().all(|o| !matches!(o, EnvOverride::Value(t) if t.contains('}')))));
        // One profiles file shows its environments only through services that have profiles.
        prop_assume!(config.project.strategy == EnvStrategy::Overrides || config.app.enabled);
        // A required variable's own staging value is written to no file when prod exists.
        prop_assume!(config.env.iter().all(|v| v.mode != EnvMode::Required || v.per_env.is_empty()));
        // A variable aimed at a built-in service is written to .env only.
        prop_assume!(config.env.iter().all(|v| v.services.iter().all(|s| *s == config.app.service_name || config.extra_services.iter().any(|e| e.name == *s))));
        // Without a written .env, required values are in no file.
        prop_assume!(config.project.write_dotenv);
        let back = import(&rendered_input(&config)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let (want, got) = (facets(&config), facets(&back.config));
        for (w, g) in want.iter().zip(&got) {
            prop_assert_eq!(w, g, "environments {:?}, redis published in production {}; warnings {:#?}", config.project.environments, config.redis.publish_in_production, back.warnings);
        }
        prop_assert_eq!(want.len(), got.len(), "{:?}\n{:?}\n{:#?}", want, got, back.warnings);
    }
}
