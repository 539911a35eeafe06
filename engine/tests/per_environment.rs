//! Values that differ between environments, and addresses that must not leak into production:
//! a localhost URL reaching a production file is a warning naming the files; a staging or
//! production value lands in that environment's files only; a value left to the deployer makes
//! production stop until it is set; an extra service's ports bind to loopback unless the user
//! opens them, and a datastore opened to the network is a warning.

use dockwright_engine::config::*;
use dockwright_engine::secret::{fill_missing_secrets, DeterministicEntropy};
use dockwright_engine::validate::validate;
use dockwright_engine::{generate, presets, Severity};

fn preset(id: &str) -> Config {
    let mut c = presets::load(id).unwrap();
    fill_missing_secrets(&mut c, &mut DeterministicEntropy(3));
    c
}

fn file(c: &Config, path: &str) -> String {
    let g = generate(c);
    assert!(!g.has_errors(), "{:#?}", g.diagnostics);
    g.bundle
        .files
        .get(path)
        .unwrap_or_else(|| panic!("no {path} in {:?}", g.bundle.files.keys()))
        .text
        .to_string()
}

fn warnings_at(c: &Config, path: &str) -> Vec<String> {
    validate(c)
        .into_iter()
        .filter(|d| d.severity == Severity::Warning && d.path == path)
        .map(|d| d.message)
        .collect()
}

/// The render-parity preset with NEXTAUTH_URL as it was before per-environment values.
fn localhost_everywhere() -> (Config, usize) {
    let mut c = preset("nextjs-render-parity");
    let i = c.env.iter().position(|v| v.name == "NEXTAUTH_URL").unwrap();
    c.env[i].per_env.clear();
    (c, i)
}

#[test]
fn a_localhost_url_in_production_files_is_a_warning_naming_them() {
    let (c, i) = localhost_everywhere();
    let found = warnings_at(&c, &format!("env[{i}].per_env.prod"));
    assert_eq!(found.len(), 1, "{found:?}");
    for name in [
        "NEXTAUTH_URL",
        "http://localhost:3000",
        ".env.production.example",
        "docker-compose.prod.yml",
        "render.yaml",
    ] {
        assert!(found[0].contains(name), "{name} missing from {found:?}");
    }
    // Before the fix the value went into the production files as it is.
    assert!(file(&c, "render.yaml").contains("value: http://localhost:3000"));
    assert!(
        file(&c, "docker/.env.production.example").contains("NEXTAUTH_URL=http://localhost:3000")
    );
}

#[test]
fn no_warning_once_production_has_its_own_value_or_leaves_it_to_the_deployer() {
    let (mut c, i) = localhost_everywhere();
    c.env[i].per_env.insert(
        EnvName::Prod,
        EnvOverride::Value("https://app.example.com".into()),
    );
    assert!(warnings_at(&c, &format!("env[{i}].per_env.prod")).is_empty());
    c.env[i]
        .per_env
        .insert(EnvName::Prod, EnvOverride::SetAtDeploy);
    assert!(warnings_at(&c, &format!("env[{i}].per_env.prod")).is_empty());
    // Secrets are placeholders in production files: nothing leaks.
    let (mut c, i) = localhost_everywhere();
    c.env[i].secret = true;
    c.env[i].mode = EnvMode::Required;
    assert!(warnings_at(&c, &format!("env[{i}].per_env.prod")).is_empty());
    // A development-only project without render.yaml has no production file.
    let (mut c, i) = localhost_everywhere();
    c.project.environments = vec![EnvName::Dev];
    c.project.render_blueprint = false;
    assert!(warnings_at(&c, &format!("env[{i}].per_env.prod")).is_empty());
    // ... but render.yaml alone is production.
    c.project.render_blueprint = true;
    let found = warnings_at(&c, &format!("env[{i}].per_env.prod"));
    assert!(
        found.len() == 1 && found[0].contains("(render.yaml)"),
        "{found:?}"
    );
    // Every preset is free of the warning.
    for p in presets::PRESETS {
        let c = preset(p.id);
        let local: Vec<_> = validate(&c)
            .into_iter()
            .filter(|d| d.message.contains("production files too"))
            .collect();
        assert!(local.is_empty(), "{}: {local:#?}", p.id);
    }
}

#[test]
fn a_production_value_lands_in_production_files_only() {
    let (mut c, i) = localhost_everywhere();
    c.env[i].per_env.insert(
        EnvName::Prod,
        EnvOverride::Value("https://app.example.com".into()),
    );
    let prod_env = file(&c, "docker/.env.production.example");
    assert!(
        prod_env.contains("NEXTAUTH_URL=https://app.example.com"),
        "{prod_env}"
    );
    assert!(file(&c, "docker/.env.example").contains("NEXTAUTH_URL=http://localhost:3000"));
    assert!(file(&c, "docker/.env").contains("NEXTAUTH_URL=http://localhost:3000"));
    let render = file(&c, "render.yaml");
    assert!(
        render.contains("value: https://app.example.com"),
        "{render}"
    );
    assert!(!render.contains("localhost"), "{render}");
    let base = file(&c, "docker/docker-compose.yml");
    assert!(
        base.contains("NEXTAUTH_URL: ${NEXTAUTH_URL:-http://localhost:3000}"),
        "{base}"
    );
    let prod = file(&c, "docker/docker-compose.prod.yml");
    assert!(
        prod.contains("NEXTAUTH_URL: ${NEXTAUTH_URL:-https://app.example.com}"),
        "{prod}"
    );
    let dev = file(&c, "docker/docker-compose.dev.yml");
    assert!(!dev.contains("NEXTAUTH_URL"), "{dev}");
}

#[test]
fn a_value_left_to_the_deployer_stops_production_until_it_is_set() {
    let c = preset("nextjs-render-parity");
    let prod = file(&c, "docker/docker-compose.prod.yml");
    assert!(
        prod.contains("NEXTAUTH_URL: \"${NEXTAUTH_URL:?set NEXTAUTH_URL for prod}\""),
        "{prod}"
    );
    let template = file(&c, "docker/.env.production.example");
    assert!(
        template.contains("# Set for prod when deploying: it has no default, compose will not start without it.\nNEXTAUTH_URL=\n"),
        "{template}"
    );
    assert!(file(&c, "render.yaml").contains("- key: NEXTAUTH_URL\n        sync: false"));
    // Listed for the deployer even when unticked for the production template.
    let mut c = c;
    let i = c.env.iter().position(|v| v.name == "NEXTAUTH_URL").unwrap();
    c.env[i].in_production = false;
    assert!(file(&c, "docker/.env.production.example").contains("NEXTAUTH_URL=\n"));
}

#[test]
fn staging_values_go_to_the_staging_override_and_profiles_never_stop_development() {
    let mut c = preset("turborepo-pnpm-profiles");
    c.project.strategy = EnvStrategy::Overrides;
    let i = c.env.iter().position(|v| v.name == "NEXTAUTH_URL").unwrap();
    c.env[i].per_env.insert(
        EnvName::Staging,
        EnvOverride::Value("https://staging.example.com".into()),
    );
    let staging = file(&c, "docker-compose.staging.yml");
    assert!(
        staging.contains("NEXTAUTH_URL: ${NEXTAUTH_URL:-https://staging.example.com}"),
        "{staging}"
    );
    assert!(!file(&c, "docker-compose.prod.yml").contains("staging.example.com"));
    // One profiles file is interpolated whole, whichever profile runs: a value left to the
    // deployer is read without a default there instead of stopping every profile.
    let c = preset("turborepo-pnpm-profiles");
    let one = file(&c, "docker-compose.yml");
    assert!(one.contains("NEXTAUTH_URL: ${NEXTAUTH_URL:-}"), "{one}");
    assert!(!one.contains("for prod}"), "{one}");
}

#[test]
fn a_fixed_value_cannot_be_left_to_the_deployer() {
    let (mut c, i) = localhost_everywhere();
    c.env[i].mode = EnvMode::Fixed;
    c.env[i]
        .per_env
        .insert(EnvName::Prod, EnvOverride::SetAtDeploy);
    assert!(validate(&c).iter().any(|d| d.is_error()
        && d.path == format!("env[{i}].per_env.prod")
        && d.message.contains("fixed")));
    c.env[i].per_env.insert(
        EnvName::Prod,
        EnvOverride::Value("https://x.example".into()),
    );
    assert!(file(&c, "docker/docker-compose.prod.yml").contains("NEXTAUTH_URL: https://x.example"));
}

#[test]
fn extra_service_ports_bind_to_loopback_unless_opened() {
    let mut c = preset("nextjs-render-parity");
    c.extra_services.push(ExtraService {
        name: "minio".into(),
        image: "minio/minio:RELEASE.2025-01-20T14-49-07Z".into(),
        ports: vec![PortMapping {
            host: 9100,
            container: 9000,
            bind: Bind::Loopback,
        }],
        ..ExtraService::default()
    });
    let at = c.extra_services.len() - 1;
    let base = file(&c, "docker/docker-compose.yml");
    assert!(base.contains("- \"127.0.0.1:9100:9000\""), "{base}");
    assert!(warnings_at(&c, &format!("extra_services[{at}].ports[0].bind")).is_empty());
    c.extra_services[at].ports[0].bind = Bind::All;
    let base = file(&c, "docker/docker-compose.yml");
    assert!(base.contains("- \"9100:9000\""), "{base}");
    let found = warnings_at(&c, &format!("extra_services[{at}].ports[0].bind"));
    assert!(
        found.len() == 1 && found[0].contains("every interface"),
        "{found:?}"
    );
    // A web UI such as mailpit may be shared without a warning.
    c.extra_services[at].image = "axllent/mailpit:v1.27".into();
    assert!(warnings_at(&c, &format!("extra_services[{at}].ports[0].bind")).is_empty());
    // Old links without the field keep working and get the safe default.
    let old: PortMapping = serde_json::from_str(r#"{"host":1,"container":2}"#).unwrap();
    assert_eq!(old.bind, Bind::Loopback);
    for image in [
        "postgres:16",
        "docker.io/library/mysql:8",
        "bitnami/redis",
        "mongo@sha256:ab",
    ] {
        assert!(is_datastore_image(image), "{image}");
    }
    assert!(!is_datastore_image("nginx:1.27"));
}
