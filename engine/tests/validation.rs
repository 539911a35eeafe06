//! Each bad input the validator must catch, with the field path it belongs to; and the
//! guarantee that nothing panics and errors stop only the files they affect.

#[path = "support/arb.rs"]
mod arb;

use dockwright_engine::config::*;
use dockwright_engine::secret::{fill_missing_secrets, DeterministicEntropy};
use dockwright_engine::validate::validate;
use dockwright_engine::{generate, presets, Severity};
use proptest::prelude::*;

fn base() -> Config {
    let mut c = presets::load("nextjs-render-parity").unwrap();
    fill_missing_secrets(&mut c, &mut DeterministicEntropy(11));
    c
}

#[track_caller]
fn expect(config: &Config, severity: Severity, path: &str, needle: &str) {
    let diags = validate(config);
    assert!(
        diags
            .iter()
            .any(|d| d.severity == severity && d.path == path && d.message.contains(needle)),
        "expected {severity:?} at {path} containing {needle:?}, got {diags:#?}"
    );
}

#[test]
fn compose_names() {
    let mut c = base();
    c.app.service_name = "Bad Name".into();
    expect(&c, Severity::Error, "app.service_name", "service name");
    let mut c = base();
    c.extra_services.push(ExtraService {
        name: "x-hidden".into(),
        ..ExtraService::default()
    });
    expect(&c, Severity::Error, "extra_services[0].name", "x-");
    let mut c = base();
    c.extra_services.push(ExtraService {
        name: "postgres".into(),
        ..ExtraService::default()
    });
    expect(
        &c,
        Severity::Error,
        "extra_services[0].name",
        "already used",
    );
    let mut c = base();
    c.project.name = "My Project".into();
    expect(&c, Severity::Error, "project.name", "lowercase");
    let mut c = base();
    c.env.push(EnvVar {
        name: "lower_case".into(),
        ..EnvVar::default()
    });
    expect(
        &c,
        Severity::Error,
        &format!("env[{}].name", c.env.len() - 1),
        "UPPER_SNAKE_CASE",
    );
    let mut c = base();
    c.env.push(EnvVar {
        name: "DATABASE_URL".into(),
        ..EnvVar::default()
    });
    expect(
        &c,
        Severity::Error,
        &format!("env[{}].name", c.env.len() - 1),
        "managed by dockwright",
    );
    let mut c = base();
    let dup = c.env[0].clone();
    c.env.push(dup);
    expect(
        &c,
        Severity::Error,
        &format!("env[{}].name", c.env.len() - 1),
        "defined twice",
    );
    // Both rows: the one the user just edited may be either.
    expect(&c, Severity::Error, "env[0].name", "defined twice");
}

#[test]
fn ports() {
    let mut c = base();
    c.app.container_port = 0;
    expect(
        &c,
        Severity::Error,
        "app.container_port",
        "between 1 and 65535",
    );
    let mut c = base();
    c.redis.host_port = Some(5432);
    expect(
        &c,
        Severity::Error,
        "redis.host_port",
        "already used by postgres in dev",
    );
    let mut c = base();
    c.pgadmin.host_port = c.app.host_port;
    expect(
        &c,
        Severity::Error,
        "pgadmin.host_port",
        "already used by web in dev",
    );
    let mut c = base();
    c.app.host_port = 80;
    expect(&c, Severity::Warning, "app.host_port", "privileged");
    // The same host port in two different environments is fine.
    let mut c = base();
    c.extra_services.push(ExtraService {
        ports: vec![PortMapping {
            host: 5050,
            container: 80,
            bind: Bind::Loopback,
        }],
        only_in: vec![EnvName::Prod],
        ..ExtraService::default()
    });
    assert!(
        !validate(&c).iter().any(|d| d.is_error()),
        "{:#?}",
        validate(&c)
    );
}

#[test]
fn dependencies() {
    let mut c = base();
    c.extra_services.push(ExtraService {
        depends_on: vec!["elasticsearch".into()],
        ..ExtraService::default()
    });
    expect(
        &c,
        Severity::Error,
        "extra_services[0].depends_on[0]",
        "not an enabled service",
    );
    let mut c = base();
    c.redis.enabled = false;
    c.extra_services.push(ExtraService {
        depends_on: vec!["redis".into()],
        ..ExtraService::default()
    });
    expect(
        &c,
        Severity::Error,
        "extra_services[0].depends_on[0]",
        "not an enabled service",
    );
    let mut c = base();
    c.extra_services.push(ExtraService {
        depends_on: vec!["pgadmin".into()],
        ..ExtraService::default()
    });
    expect(
        &c,
        Severity::Error,
        "extra_services[0].depends_on[0]",
        "does not run in",
    );
    let mut c = base();
    c.redis.enabled = false;
    expect(
        &c,
        Severity::Error,
        "redis_commander.enabled",
        "needs Redis",
    );
    let mut c = base();
    c.env[0].services = vec!["ghost".into()];
    expect(
        &c,
        Severity::Error,
        "env[0].services[0]",
        "not an enabled service",
    );
}

#[test]
fn production_secrets_and_admin_exposure() {
    let mut c = base();
    c.postgres.password.value = "postgres".into();
    expect(&c, Severity::Error, "postgres.password", "production");
    let mut c = base();
    c.postgres.password.value = String::new();
    expect(&c, Severity::Error, "postgres.password", "empty password");
    let mut c = base();
    c.postgres.password.value = "p@ss:word/with#chars".into();
    expect(&c, Severity::Error, "postgres.password", "DATABASE_URL");
    let mut c = base();
    c.project.environments = vec![EnvName::Prod];
    expect(
        &c,
        Severity::Error,
        "pgadmin.enabled",
        "published in production",
    );
    expect(
        &c,
        Severity::Error,
        "redis_commander.enabled",
        "published in production",
    );
    let mut c = base();
    c.env.push(EnvVar {
        name: "API_KEY".into(),
        secret: true,
        mode: EnvMode::Fixed,
        value: "abc".into(),
        ..EnvVar::default()
    });
    expect(
        &c,
        Severity::Error,
        &format!("env[{}].mode", c.env.len() - 1),
        "cannot be fixed inline",
    );
    let mut c = base();
    c.env.push(EnvVar {
        name: "NEXT_PUBLIC_TOKEN".into(),
        secret: true,
        mode: EnvMode::Required,
        ..EnvVar::default()
    });
    expect(
        &c,
        Severity::Error,
        &format!("env[{}].secret", c.env.len() - 1),
        "browser bundle",
    );
    let mut c = base();
    c.postgres.publish_in_production = true;
    expect(
        &c,
        Severity::Warning,
        "postgres.publish_in_production",
        "production",
    );
    let mut c = base();
    c.app.user.uid = 0;
    expect(&c, Severity::Error, "app.user.uid", "root");
}

#[test]
fn formats() {
    let mut c = base();
    c.app.node_version = "latest".into();
    expect(&c, Severity::Error, "app.node_version", "22.16.0");
    let mut c = base();
    c.ops.healthcheck.interval = "1m30s".into();
    expect(
        &c,
        Severity::Error,
        "ops.healthcheck.interval",
        "whole number",
    );
    let mut c = base();
    c.app.health_path = "api/health".into();
    expect(&c, Severity::Error, "app.health_path", "start with /");
    let mut c = base();
    c.app.framework = Framework::NodeServer;
    c.app.start_command = "npm run migrate && node server.js".into();
    expect(&c, Severity::Error, "app.start_command", "exec form");
    let mut c = base();
    c.extra_services.push(ExtraService {
        image: "Not An Image".into(),
        ..ExtraService::default()
    });
    expect(&c, Severity::Error, "extra_services[0].image", "image");
    let mut c = base();
    c.extra_services.push(ExtraService {
        image: "nginx".into(),
        ..ExtraService::default()
    });
    expect(
        &c,
        Severity::Warning,
        "extra_services[0].image",
        "pin an image tag",
    );
    let mut c = base();
    c.env[0].value = "line\nbreak".into();
    expect(&c, Severity::Error, "env[0].value", "single line");
    let mut c = base();
    c.app.monorepo.app_dir = "../outside".into();
    expect(&c, Severity::Error, "app.monorepo.app_dir", "relative path");
}

#[test]
fn errors_stop_only_the_files_they_affect() {
    let mut c = base();
    c.extra_services.push(ExtraService {
        depends_on: vec!["ghost".into()],
        ..ExtraService::default()
    });
    let g = generate(&c);
    assert!(g.blocked.contains_key("docker/docker-compose.yml"));
    assert!(
        g.bundle.files.contains_key("Dockerfile"),
        "an extra-service error must not stop the Dockerfile"
    );
    assert!(g.bundle.files.contains_key("docker/.env.example"));
    let mut c = base();
    c.project.name = "BAD NAME".into();
    assert!(
        generate(&c).bundle.files.is_empty(),
        "a project error stops everything"
    );
}

#[test]
fn a_switched_off_extra_service_generates_nothing_and_is_not_validated() {
    let mut c = base();
    c.extra_services.push(ExtraService {
        name: "worker".into(),
        depends_on: vec!["ghost".into()],
        only_in: vec![EnvName::Dev],
        ..ExtraService::default()
    });
    assert!(validate(&c)
        .iter()
        .any(|d| d.path.starts_with("extra_services[0]")));
    c.extra_services[0].enabled = false;
    assert!(
        !validate(&c)
            .iter()
            .any(|d| d.path.starts_with("extra_services[0]")),
        "{:#?}",
        validate(&c)
    );
    let g = generate(&c);
    assert!(
        g.bundle.files.values().all(|f| !f.text.contains("worker")),
        "a disabled service leaked into the bundle"
    );
}

#[test]
fn bad_documents_give_messages_not_panics() {
    assert!(Config::from_text("project: [")
        .unwrap_err()
        .0
        .contains("invalid YAML"));
    assert!(Config::from_text("{\"project\": 3}")
        .unwrap_err()
        .0
        .contains("invalid JSON"));
    assert!(Config::from_text("projcet: {}")
        .unwrap_err()
        .0
        .contains("unknown field"));
    assert!(
        Config::from_text("version: 99")
            .unwrap_err()
            .0
            .contains("newer")
            || Config::from_text("version: 99")
                .unwrap_err()
                .0
                .contains("format version")
    );
    assert!(Config::from_text("app:\n  container_port: 70000").is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Arbitrary (also invalid) configurations never panic, and every blocked file is
    /// explained by an error.
    #[test]
    fn never_panics(mut config in arb::config(), name in "\\PC{0,20}", port in any::<u16>(), tag in "\\PC{0,10}") {
        config.project.name = name;
        config.app.container_port = port;
        config.postgres.version = tag;
        let g = generate(&config);
        for reasons in g.blocked.values() {
            prop_assert!(!reasons.is_empty());
        }
        prop_assert_eq!(g.has_errors(), !g.blocked.is_empty() || g.diagnostics.iter().any(|d| d.is_error()));
    }
}

// ---- Found by scripts/run-stacks (a real engine rejected what linters accepted) ----------

/// The postgres image evaluates POSTGRES_INITDB_ARGS with the shell: free text made initdb
/// fail with "too many command-line arguments" on a random configuration.
#[test]
fn initdb_args_are_plain_options() {
    for bad in [
        "${NOT_VAR}",
        "--locale='C'",
        "--encoding=UTF8; rm -rf /",
        "plain",
        "-- x",
    ] {
        let mut c = base();
        c.postgres.initdb_args = bad.into();
        expect(&c, Severity::Error, "postgres.initdb_args", "options");
    }
    for good in [
        "",
        "--encoding=UTF8 --locale=C",
        "-k --auth-host=scram-sha-256",
        "--locale=en_US.UTF-8",
    ] {
        let mut c = base();
        c.postgres.initdb_args = good.into();
        assert!(
            !validate(&c)
                .iter()
                .any(|d| d.path == "postgres.initdb_args"),
            "{good:?} should be accepted"
        );
    }
}

/// Docker refuses a zero healthcheck interval or timeout.
#[test]
fn zero_healthcheck_interval_and_timeout_are_errors() {
    let mut c = base();
    c.ops.healthcheck.interval = "0s".into();
    expect(
        &c,
        Severity::Error,
        "ops.healthcheck.interval",
        "at least 1s",
    );
    let mut c = base();
    c.ops.healthcheck.timeout = "00m".into();
    expect(
        &c,
        Severity::Error,
        "ops.healthcheck.timeout",
        "at least 1s",
    );
}

/// BuildKit failed "Interval start-period cannot be less than 1ms" on `--start-period=0s`,
/// which hadolint accepts: a zero start period is left out of the Dockerfile.
#[test]
fn zero_start_period_is_left_out_of_the_dockerfile() {
    let mut c = base();
    c.ops.healthcheck.start_period = "0s".into();
    let g = generate(&c);
    assert!(!g.has_errors(), "{:#?}", g.diagnostics);
    let dockerfile = g
        .bundle
        .files
        .iter()
        .find(|(path, _)| path.ends_with("Dockerfile"))
        .map(|(_, f)| f.text.clone())
        .unwrap();
    assert!(dockerfile.contains("HEALTHCHECK --interval=30s --timeout=10s --retries=3"));
    assert!(!dockerfile.contains("--start-period"), "{dockerfile}");
}

/// Text an editor could not read (a port typed as `70000`) is an error like any other: in the
/// diagnostics, and blocking the files its section feeds, never a silent last good value.
#[test]
fn input_errors_block_like_validation_errors() {
    let c = base();
    let unparsed = dockwright_engine::Diagnostic {
        severity: Severity::Error,
        path: "app.host_port".into(),
        message: "\"70000\" is not a whole number in range".into(),
        kubernetes_only: false,
    };
    let plain = generate(&c);
    assert!(!plain.has_errors());
    let g = dockwright_engine::generate_with(&c, std::slice::from_ref(&unparsed));
    assert!(g.has_errors());
    assert!(g.diagnostics.contains(&unparsed));
    assert!(g.blocked.keys().any(|p| p.ends_with("docker-compose.yml")));
    assert!(g
        .bundle
        .files
        .keys()
        .all(|p| !p.ends_with("docker-compose.yml")));
    // Files that do not read the app section are still generated.
    assert!(g.bundle.files.keys().any(|p| p.ends_with("init-db.sql")));
}

/// A required variable without a value makes .env hold `NAME=`, and compose refuses to start.
#[test]
fn required_secret_without_value_is_flagged() {
    let mut c = base();
    let i = c
        .env
        .iter()
        .position(|v| v.name == "NEXTAUTH_SECRET")
        .unwrap();
    c.env[i].value.clear();
    expect(
        &c,
        Severity::Warning,
        &format!("env[{i}].value"),
        "generate one",
    );
}

/// The one-click fix offered under an invalid project name is itself valid.
#[test]
fn slug_of_an_invalid_project_name() {
    assert_eq!(slugify("My Project"), "my-project");
    assert_eq!(slugify("  Shop.v2 — Beta!! "), "shop-v2-beta");
    assert_eq!(slugify("crm"), "crm");
    assert_eq!(slugify("!!!"), "");
    let long = slugify(&"Ab ".repeat(40));
    assert!(long.len() <= 63 && !long.ends_with('-'));
    for name in ["My Project", "Über App", "a.b.c", "API_v2"] {
        let slug = slugify(name);
        let mut c = base();
        c.project.name = slug.clone();
        assert!(
            !validate(&c).iter().any(|d| d.path == "project.name"),
            "{name:?} -> {slug:?} should be valid"
        );
    }
}

/// Renaming a service carries the references to it along (observed: renaming the app left
/// "app is not an enabled service" on every extra service that depended on it).
#[test]
fn renaming_a_service_renames_its_references() {
    let mut c = base();
    c.extra_services.push(ExtraService {
        name: "worker".into(),
        depends_on: vec![c.app.service_name.clone(), "postgres".into()],
        ..ExtraService::default()
    });
    c.env[0].services = vec![c.app.service_name.clone()];
    let old = c.app.service_name.clone();
    c.rename_service_references(&old, "frontend");
    c.app.service_name = "frontend".into();
    assert_eq!(c.extra_services[0].depends_on, ["frontend", "postgres"]);
    assert_eq!(c.env[0].services, ["frontend"]);
    assert!(
        !validate(&c).iter().any(|d| d.is_error()),
        "{:#?}",
        validate(&c)
    );
    // Onto another service's name, references stay (they could not be told apart after).
    c.rename_service_references("frontend", "postgres");
    assert_eq!(c.extra_services[0].depends_on, ["frontend", "postgres"]);
}

/// A new service's default host port is free in every environment.
#[test]
fn first_free_host_port_skips_every_published_port() {
    let mut c = base();
    c.extra_services.push(ExtraService {
        name: "mailpit".into(),
        ports: vec![PortMapping {
            host: 8025,
            container: 8025,
            bind: Bind::Loopback,
        }],
        ..ExtraService::default()
    });
    assert_eq!(
        dockwright_engine::validate::first_free_host_port(&c, 8025),
        8026
    );
    assert_eq!(
        dockwright_engine::validate::first_free_host_port(&c, 3000),
        3001
    );
    assert_eq!(
        dockwright_engine::validate::first_free_host_port(&c, 9100),
        9100
    );
}

/// An error stops only the files that read the faulty value: a host port clash leaves the
/// Dockerfile, render.yaml, init-db.sql and the backup script generated.
#[test]
fn a_host_port_clash_blocks_only_what_reads_host_ports() {
    let mut c = base();
    c.pgadmin.host_port = c.app.host_port;
    let g = generate(&c);
    assert!(g
        .diagnostics
        .iter()
        .any(|d| d.path == "pgadmin.host_port" && d.is_error()));
    for kept in ["Dockerfile", "render.yaml", "scripts/init-db.sql"] {
        assert!(
            g.bundle.files.keys().any(|p| p.ends_with(kept)),
            "{kept} should still be generated; blocked: {:?}",
            g.blocked.keys().collect::<Vec<_>>()
        );
    }
    assert!(g.blocked.keys().any(|p| p.ends_with("docker-compose.yml")));
    assert!(g.blocked.keys().any(|p| p.ends_with(".env")));
}

/// An extra service's password typed as KEY=value sat in compose and in every share link:
/// it is flagged, and one step makes it a secret variable for that service.
#[test]
fn extra_service_secrets_move_out_of_compose_and_links() {
    let mut c = base();
    c.extra_services.push(ExtraService {
        name: "minio".into(),
        image: "minio/minio:RELEASE.2025-01-20T14-49-07Z".into(),
        environment: vec![
            KeyValue {
                key: "MINIO_ROOT_USER".into(),
                value: "admin".into(),
            },
            KeyValue {
                key: "MINIO_ROOT_PASSWORD".into(),
                value: "s3cr3t-minio-pass".into(),
            },
        ],
        ..ExtraService::default()
    });
    let i = c.extra_services.len() - 1;
    expect(
        &c,
        Severity::Warning,
        &format!("extra_services[{i}].environment"),
        "MINIO_ROOT_PASSWORD looks like a secret",
    );
    assert!(!validate(&c)
        .iter()
        .any(|d| d.message.contains("MINIO_ROOT_USER")));

    assert!(c.make_extra_env_secret(i, "MINIO_ROOT_PASSWORD"));
    assert!(
        !c.make_extra_env_secret(i, "MINIO_ROOT_PASSWORD"),
        "moved once"
    );
    let g = generate(&c);
    assert!(!g.has_errors(), "{:#?}", g.diagnostics);
    assert!(!g
        .diagnostics
        .iter()
        .any(|d| d.message.contains("looks like a secret")));
    let compose = g
        .bundle
        .files
        .iter()
        .find(|(p, _)| p.ends_with("docker-compose.yml"))
        .unwrap()
        .1;
    assert!(
        compose
            .text
            .contains("MINIO_ROOT_PASSWORD: \"${MINIO_ROOT_PASSWORD:?"),
        "{}",
        compose.text
    );
    assert!(!compose.text.contains("s3cr3t-minio-pass"));
    let dotenv = g
        .bundle
        .files
        .iter()
        .find(|(p, _)| p.ends_with("/.env") || *p == ".env")
        .unwrap()
        .1;
    assert!(dotenv
        .text
        .contains("MINIO_ROOT_PASSWORD=s3cr3t-minio-pass"));
    let link = dockwright_engine::share::fragment(&c, false);
    let opened = dockwright_engine::share::decode(&link, &mut DeterministicEntropy(5)).unwrap();
    let var = opened
        .config
        .env
        .iter()
        .find(|v| v.name == "MINIO_ROOT_PASSWORD")
        .unwrap();
    assert_ne!(
        var.value, "s3cr3t-minio-pass",
        "the link must not carry the password"
    );
}
