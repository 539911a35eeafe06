//! Random configurations for `scripts/run-stacks`, which builds and starts them with a real
//! Docker engine. Drawn from the same proptest generators as the validator harness, then
//! narrowed to what the run harness can build here: the sample applications' layout, Debian
//! images with stand-ins, no images that would be pulled from a registry.
//!
//! Ignored by default; the harness runs it with
//! `DOCKWRIGHT_STACK_SAMPLE_DIR=… DOCKWRIGHT_STACK_SAMPLE_COUNT=… DOCKWRIGHT_STACK_SAMPLE_SEED=…`
//! and reads one JSON configuration per file. The same seed gives the same configurations.

use dockwright_engine::config::*;
use dockwright_engine::generate;
use dockwright_engine::secret::{fill_missing_secrets, DeterministicEntropy};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config as RunnerConfig, RngAlgorithm, TestRng, TestRunner};

#[path = "support/arb.rs"]
mod arb;

/// PostgreSQL extensions shipped with Debian 12's PostgreSQL 15 (the stand-in's server).
const CONTRIB_EXTENSIONS: &[&str] = &[
    "uuid-ossp",
    "pg_trgm",
    "pgcrypto",
    "citext",
    "hstore",
    "pg_stat_statements",
    "unaccent",
    "btree_gin",
    "btree_gist",
];

/// Narrows a random configuration to what the sample apps, stand-in images and the test
/// daemon can run. Everything else (names, ports, environments, strategy, layout, users, init,
/// env values with every quoting hazard, resources, healthcheck timings) stays random.
fn buildable(mut c: Config) -> Config {
    c.project.write_dotenv = true;
    let app = &mut c.app;
    app.enabled = true;
    app.base = BaseImage::Slim;
    app.prisma.enabled = false;
    app.playwright_chromium = false;
    // apt package names are fine, but each one costs a download: keep the sample quick.
    app.system_packages.clear();
    if app.framework == Framework::NodeServer {
        // The node-server sample: `npm run build` writes dist/server.js, /health answers.
        app.start_command = "node dist/server.js".into();
        app.monorepo.enabled = false;
        app.health_path = "/health".into();
        app.ready_path = None;
        app.dev.mounts = vec!["src".into()];
    } else {
        app.health_path = "/api/health".into();
        if app.ready_path.is_some() {
            app.ready_path = Some("/api/ready".into());
        }
    }
    if app.monorepo.enabled {
        // The turborepo sample: pnpm workspace, apps/web (package "web"), packages/database.
        app.package_manager = PackageManager::Pnpm;
        app.package_manager_version = "10.18.2".into();
        app.monorepo.app_dir = "apps/web".into();
        app.monorepo.filter = "web".into();
        app.monorepo.packages = vec!["packages/database".into()];
        app.dev.mounts = vec!["apps".into(), "packages".into()];
    } else if app.framework == Framework::NextjsStandalone {
        app.dev.mounts = vec!["src".into(), "public".into()];
    }
    if !matches!(
        app.package_manager,
        PackageManager::Npm | PackageManager::Pnpm
    ) {
        // The samples carry npm and pnpm lockfiles only.
        app.package_manager = PackageManager::Npm;
        app.package_manager_version = String::new();
    }
    if app.package_manager == PackageManager::Pnpm
        && !app.package_manager_version.starts_with("10.")
    {
        app.package_manager_version = if app.monorepo.enabled {
            "10.18.2"
        } else {
            "9.15.0"
        }
        .into();
    }
    if app.package_manager == PackageManager::Npm {
        app.package_manager_version = String::new();
    }

    c.postgres.version = "16".into();
    c.postgres
        .extensions
        .retain(|e| CONTRIB_EXTENSIONS.contains(&e.as_str()));
    c.redis.version = "7".into();
    // Extra services name images from registries this machine cannot reach.
    c.extra_services.clear();
    for var in &mut c.env {
        var.services
            .retain(|s| s == &c.app.service_name || s == POSTGRES_SERVICE || s == REDIS_SERVICE);
        // A user fills every required value before `up`; the generator leaves some empty.
        if var.mode == EnvMode::Required && var.value.is_empty() && !var.secret {
            var.value = "filled-by-the-user".into();
        }
        // So does the deployer for a value left to set at deploy (.env carries the main value).
        let deployer_sets = var.per_env.values().any(|o| *o == EnvOverride::SetAtDeploy);
        if deployer_sets && var.value.is_empty() {
            var.value = "set-at-deploy".into();
        }
    }
    // Logging drivers the test daemon has (no journald socket here) and healthchecks that
    // report within a run's time budget.
    if let Some(logging) = &mut c.ops.logging {
        if logging.driver == "journald" {
            logging.driver = "json-file".into();
        }
    }
    if matches!(c.ops.healthcheck.interval.as_str(), "2m" | "1h" | "90s") {
        c.ops.healthcheck.interval = "10s".into();
    }
    if c.ops.healthcheck.start_period == "2m" {
        c.ops.healthcheck.start_period = "40s".into();
    }
    c
}

#[test]
#[ignore = "run by scripts/run-stacks"]
fn write_stack_sample() {
    let Ok(dir) = std::env::var("DOCKWRIGHT_STACK_SAMPLE_DIR") else {
        return;
    };
    let count: usize = std::env::var("DOCKWRIGHT_STACK_SAMPLE_COUNT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let seed: u64 = std::env::var("DOCKWRIGHT_STACK_SAMPLE_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes);
    let mut runner = TestRunner::new_with_rng(RunnerConfig::default(), rng);
    let strategy = arb::config();
    std::fs::create_dir_all(&dir).unwrap();
    let mut written = 0;
    let mut attempts = 0u64;
    while written < count && attempts < 40 * count as u64 {
        attempts += 1;
        let mut config = buildable(strategy.new_tree(&mut runner).unwrap().current());
        fill_missing_secrets(&mut config, &mut DeterministicEntropy(seed ^ attempts));
        if generate(&config).has_errors() {
            continue;
        }
        let path = std::path::Path::new(&dir).join(format!("case{written}.json"));
        std::fs::write(path, serde_json::to_string_pretty(&config).unwrap()).unwrap();
        written += 1;
    }
    assert_eq!(
        written, count,
        "only {written} valid configurations in {attempts} draws"
    );
}
