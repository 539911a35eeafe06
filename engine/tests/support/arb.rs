//! proptest generators for whole configurations that reach every option, with nasty strings
//! wherever free text is allowed. Generated configurations are meant to be valid; the rare
//! one that is not is counted and skipped by the validator test.

use dockwright_engine::config::*;
use dockwright_engine::secret::{Generator, SecretEncoding};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};

/// Free text that exercises every quoting rule: `#`, `:`, `$`, quotes, spaces, `*`, leading
/// `-`, unicode, empty, braces, backslashes.
pub fn nasty() -> impl Strategy<Value = String> {
    prop_oneof![
        select(vec![
            "",
            "plain",
            "with space",
            "hash # inside",
            "#leading",
            "colon: value",
            "a:b",
            "dollar $HOME",
            "$$",
            "${NOT_VAR}",
            "single 'quote'",
            "double \"quote\"",
            "it's",
            "*star",
            "-dash",
            "--flag=1",
            "ünïcødé ✓",
            "emoji 🚀",
            "back\\slash",
            "trailing ",
            " leading",
            "yes",
            "no",
            "null",
            "true",
            "0123",
            "1e3",
            "{brace}",
            "[list]",
            "a=b",
            "@at",
            "`tick`",
            "%percent",
            "!bang",
            "&amp",
            "|pipe",
            ">gt",
            "~",
            "tab\there",
        ])
        .prop_map(String::from),
        "[ -~]{0,24}",
        "\\PC{0,12}",
    ]
}

fn env_name() -> impl Strategy<Value = String> {
    "[A-Z][A-Z0-9_]{0,10}".prop_filter("reserved", |n| {
        !n.starts_with("POSTGRES_") && !n.starts_with("PGADMIN_") && !n.starts_with("REDIS_")
    })
}

fn version() -> impl Strategy<Value = String> {
    select(vec!["20", "22", "22.16.0", "24", "20.18"]).prop_map(String::from)
}

fn generator() -> impl Strategy<Value = Generator> {
    (select(SecretEncoding::ALL.to_vec()), 16u16..=64)
        .prop_map(|(encoding, bytes)| Generator { encoding, bytes })
}

fn project() -> impl Strategy<Value = Project> {
    (
        "[a-z][a-z0-9-]{0,12}",
        select(Layout::ALL.to_vec()),
        select(ComposeNaming::ALL.to_vec()),
        select(EnvStrategy::ALL.to_vec()),
        subsequence(EnvName::ALL.to_vec(), 0..=3),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(
                name,
                layout,
                compose_naming,
                strategy,
                environments,
                render_blueprint,
                write_dotenv,
            )| Project {
                name,
                layout,
                compose_naming,
                strategy,
                environments,
                render_blueprint,
                write_dotenv,
            },
        )
}

fn app() -> impl Strategy<Value = App> {
    let core = (
        prop_oneof![4 => Just(true), 1 => Just(false)],
        select(vec!["web", "app", "frontend", "site.v2"]),
        select(Framework::ALL.to_vec()),
        select(vec![
            "node dist/server.js",
            "node index.js --port 8080",
            "node build/main.mjs",
        ]),
        version(),
        select(BaseImage::ALL.to_vec()),
        select(PackageManager::ALL.to_vec()),
        select(vec!["", "9.15.0", "10.18.2", "4.5.0", "1.22.22"]),
    );
    let mono = (
        any::<bool>(),
        select(vec!["apps/web", "apps/site", "packages/app"]),
        select(vec!["web", "@acme/web"]),
        subsequence(vec!["packages/database", "packages/ui"], 0..=2),
        any::<bool>(),
    );
    let prisma = (
        any::<bool>(),
        select(vec![
            "prisma/schema.prisma",
            "packages/database/prisma/schema.prisma",
            "db/schema.prisma",
        ]),
        any::<bool>(),
    );
    let runtime = (
        3000u16..3999,
        1u16..=65535,
        select(vec!["/api/health", "/health", "/healthz"]),
        proptest::option::of(select(vec!["/api/ready", "/ready"])),
        select(vec![
            ("nextjs", "nodejs"),
            ("app", "app"),
            ("node-user", "web_group"),
        ]),
        1000u32..60000,
        select(InitProcess::ALL.to_vec()),
        subsequence(vec!["curl", "git", "openssl", "ca-certificates"], 0..=2),
    );
    let extras = (
        any::<bool>(),
        proptest::collection::vec(
            (
                select(vec![
                    "NEXT_PUBLIC_SITE_URL",
                    "NEXT_PUBLIC_API",
                    "BUILD_ID",
                    "SENTRY_RELEASE",
                ]),
                nasty(),
            ),
            0..3,
        ),
        select(DevDockerfile::ALL.to_vec()),
        any::<bool>(),
        subsequence(vec!["src", "public", "apps", "packages", "prisma"], 0..=3),
    );
    (core, mono, prisma, runtime, extras).prop_map(|(core, mono, prisma, runtime, extras)| {
        let (
            enabled,
            service_name,
            framework,
            start_command,
            node_version,
            base,
            package_manager,
            pm_version,
        ) = core;
        let (m_enabled, app_dir, filter, packages, turbo_prune) = mono;
        let (p_enabled, schema_path, migrate_on_start) = prisma;
        let (
            container_port,
            render_port,
            health_path,
            ready_path,
            (user, group),
            uid,
            init,
            system_packages,
        ) = runtime;
        let (playwright_chromium, build_args, dockerfile, polling, mounts) = extras;
        let mut args: Vec<BuildArg> = Vec::new();
        for (name, value) in build_args {
            if !args.iter().any(|a| a.name == name) {
                args.push(BuildArg {
                    name: name.into(),
                    value,
                });
            }
        }
        App {
            enabled,
            service_name: service_name.into(),
            framework,
            start_command: start_command.into(),
            node_version,
            base,
            package_manager,
            package_manager_version: pm_version.into(),
            monorepo: Monorepo {
                enabled: m_enabled,
                app_dir: app_dir.into(),
                filter: filter.into(),
                packages: packages.into_iter().map(String::from).collect(),
                turbo_prune,
                ..Monorepo::default()
            },
            prisma: Prisma {
                enabled: p_enabled,
                schema_path: schema_path.into(),
                migrate_on_start,
            },
            container_port,
            host_port: container_port,
            render_port,
            health_path: health_path.into(),
            ready_path: ready_path.map(String::from),
            user: RuntimeUser {
                name: user.into(),
                group: group.into(),
                uid,
            },
            init,
            system_packages: system_packages.into_iter().map(String::from).collect(),
            playwright_chromium,
            build_args: args,
            dev: DevMode {
                dockerfile,
                polling,
                mounts: mounts.into_iter().map(String::from).collect(),
            },
            ..App::default()
        }
    })
}

fn postgres() -> impl Strategy<Value = Postgres> {
    (
        any::<bool>(),
        select(vec!["15-alpine", "16-alpine", "17", "18-alpine"]),
        select(vec![
            ("app", "app"),
            ("crm_db", "crm_user"),
            ("Shop", "owner"),
        ]),
        proptest::option::of(5400u16..5499),
        any::<bool>(),
        // Mostly real initdb options; now and then free text, which validation must reject.
        prop_oneof![
            4 => select(vec!["", "--encoding=UTF8 --locale=C", "--data-checksums", "-k --auth-host=scram-sha-256"]).prop_map(String::from),
            1 => nasty(),
        ],
        subsequence(
            vec!["uuid-ossp", "pg_trgm", "pg_stat_statements", "citext"],
            0..=4,
        ),
        select(vec!["UTC", "Europe/Paris", "America/New_York"]),
        (
            proptest::option::of(1u32..100),
            proptest::option::of(0u32..60),
        ),
        (
            any::<bool>(),
            1u32..60,
            select(vec!["backups", "/var/backups/db", "data/backups"]),
        ),
    )
        .prop_map(
            |(
                enabled,
                version,
                (db, user),
                host_port,
                publish,
                initdb_args,
                ext,
                tz,
                (limit, timeout),
                (backup, keep, dir),
            )| Postgres {
                enabled,
                version: version.into(),
                db: db.into(),
                user: user.into(),
                host_port,
                publish_in_production: publish,
                initdb_args: initdb_args.replace(['\t', '\n'], " "),
                extensions: ext.into_iter().map(String::from).collect(),
                timezone: tz.into(),
                pool: Pool {
                    connection_limit: limit,
                    pool_timeout: timeout,
                },
                backup: Backup {
                    enabled: backup,
                    keep,
                    dir: dir.into(),
                },
                ..Postgres::default()
            },
        )
}

fn redis() -> impl Strategy<Value = Redis> {
    (
        any::<bool>(),
        select(vec!["7-alpine", "7.4", "8-alpine"]),
        select(vec!["", "256mb", "1gb", "512MB"]),
        select(EvictionPolicy::ALL.to_vec()),
        any::<bool>(),
        proptest::option::of(6300u16..6399),
        any::<bool>(),
    )
        .prop_map(
            |(enabled, version, maxmemory, eviction_policy, aof, host_port, publish)| Redis {
                enabled,
                version: version.into(),
                maxmemory: maxmemory.into(),
                eviction_policy,
                aof,
                host_port,
                publish_in_production: publish,
            },
        )
}

fn extra_service(i: usize) -> impl Strategy<Value = ExtraService> {
    (
        select(vec![
            "axllent/mailpit:v1.27",
            "minio/minio:RELEASE.2025-01-20T14-49-07Z",
            "ghcr.io/acme/worker:1.2.3",
            "nginx:1.27-alpine",
        ]),
        proptest::option::of(nasty().prop_filter("non-empty", |s| {
            !s.trim().is_empty() && !s.contains(['\t', '\n'])
        })),
        proptest::collection::vec(1u16..=65535, 0..2),
        proptest::collection::vec(("[A-Za-z_][A-Za-z0-9_]{0,8}", nasty()), 0..3),
        proptest::collection::vec(
            (
                select(vec!["data", "./local/dir", "cache-vol"]),
                select(vec!["/data", "/var/cache/app"]),
            ),
            0..2,
        ),
        proptest::option::of(nasty().prop_filter("non-empty", |s| {
            !s.trim().is_empty() && !s.contains(['\t', '\n'])
        })),
    )
        .prop_map(move |(image, command, ports, env, volumes, healthcheck)| {
            let mut environment: Vec<KeyValue> = Vec::new();
            for (key, value) in env {
                if !environment.iter().any(|kv| kv.key == key) {
                    environment.push(KeyValue {
                        key,
                        value: value.replace(['\t', '\n'], " "),
                    });
                }
            }
            let mut mounts: Vec<VolumeMount> = Vec::new();
            for (source, target) in volumes {
                if !mounts.iter().any(|m| m.target == target) {
                    mounts.push(VolumeMount {
                        source: source.into(),
                        target: target.into(),
                    });
                }
            }
            ExtraService {
                enabled: true,
                name: format!("svc{i}"),
                image: image.into(),
                command,
                ports: ports
                    .into_iter()
                    .enumerate()
                    .map(|(j, c)| PortMapping {
                        host: 9000 + (i as u16) * 10 + j as u16,
                        container: c,
                        bind: if c % 2 == 0 {
                            Bind::Loopback
                        } else {
                            Bind::All
                        },
                    })
                    .collect(),
                environment,
                volumes: mounts,
                healthcheck,
                depends_on: Vec::new(),
                only_in: Vec::new(),
            }
        })
}

fn env_var() -> impl Strategy<Value = EnvVar> {
    (
        env_name(),
        nasty(),
        select(EnvMode::ALL.to_vec()),
        any::<bool>(),
        proptest::option::of(generator()),
        nasty(),
        select(vec![
            "Application",
            "Authentication",
            "Feature flags",
            "Ünïcode section",
            "",
        ]),
        any::<bool>(),
        any::<bool>(),
        (
            proptest::option::of(env_override()),
            proptest::option::of(env_override()),
        ),
    )
        .prop_map(
            |(
                name,
                value,
                mode,
                secret,
                generator,
                comment,
                section,
                in_example,
                in_production,
                (staging, prod),
            )| {
                let mode = if secret && mode == EnvMode::Fixed {
                    EnvMode::Required
                } else {
                    mode
                };
                let generator = if secret { generator } else { None };
                EnvVar {
                    name,
                    // A required variable the user has not filled in makes compose stop by design;
                    // the generated configurations stand for filled-in ones.
                    value: if value.is_empty() && mode == EnvMode::Required && generator.is_none() {
                        "set-me".into()
                    } else {
                        value.replace(['\t', '\n'], " ")
                    },
                    mode,
                    secret,
                    generator,
                    comment,
                    section: section.into(),
                    services: Vec::new(),
                    in_example,
                    in_production,
                    per_env: [(EnvName::Staging, staging), (EnvName::Prod, prod)]
                        .into_iter()
                        .filter_map(|(env, o)| o.map(|o| (env, o)))
                        // A fixed value cannot be left to the deployer (a validation error).
                        .filter(|(_, o)| mode != EnvMode::Fixed || *o != EnvOverride::SetAtDeploy)
                        .collect(),
                }
            },
        )
}

/// A staging or production value: its own (possibly empty or awkward) text, or none.
fn env_override() -> impl Strategy<Value = EnvOverride> {
    prop_oneof![
        Just(EnvOverride::SetAtDeploy),
        nasty().prop_map(|v| EnvOverride::Value(v.replace(['\t', '\n'], " "))),
    ]
}

fn ops() -> impl Strategy<Value = Operations> {
    (
        select(RestartPolicy::ALL.to_vec()),
        (
            select(vec!["30s", "90s", "2m", "10s", "1h"]),
            select(vec!["5s", "10s"]),
            1u32..10,
            select(vec!["0s", "40s", "2m"]),
        ),
        proptest::option::of((
            select(vec!["2", "0.5", "1.25"]),
            select(vec!["2G", "512M", "1g"]),
        )),
        proptest::option::of((
            select(vec!["json-file", "local", "journald"]),
            select(vec!["10m", "50m"]),
            1u32..10,
        )),
        proptest::option::of("[a-z][a-z0-9-]{0,8}"),
        "[a-z][a-z0-9_.-]{0,12}",
    )
        .prop_map(
            |(
                restart,
                (interval, timeout, retries, start_period),
                resources,
                logging,
                prefix,
                network,
            )| Operations {
                restart,
                healthcheck: HealthTimings {
                    interval: interval.into(),
                    timeout: timeout.into(),
                    retries,
                    start_period: start_period.into(),
                },
                resources: resources.map(|(cpus, mem)| Resources {
                    cpus_limit: cpus.into(),
                    memory_limit: mem.into(),
                    cpus_reservation: "0.25".into(),
                    memory_reservation: "128M".into(),
                }),
                logging: logging.map(|(driver, max_size, max_file)| Logging {
                    driver: driver.into(),
                    max_size: max_size.into(),
                    max_file,
                }),
                container_name_prefix: prefix,
                network_name: network,
            },
        )
}

/// A whole configuration; cross-field choices (admin UIs, depends_on, env targets) are made
/// consistent so that nearly every generated value is valid.
/// Kubernetes settings: tags, replicas and hosts per environment, ingress, storage.
pub fn kubernetes() -> impl Strategy<Value = Kubernetes> {
    let env = (
        select(vec![
            "dev",
            "1.2.3",
            "v2.0.0-rc.1",
            "sha-3f2a9c1",
            "2026.11.22",
        ]),
        prop_oneof![3 => Just(1u32), 2 => 2u32..=5],
        select(vec![
            "",
            "app.example.com",
            "staging.example.org",
            "a-b.c-d.example",
        ]),
    );
    (
        prop_oneof![1 => Just(true), 2 => Just(false)],
        select(vec![
            "registry.example.com/team/app",
            "ghcr.io/acme/web",
            "app",
            "localhost:5000/site",
        ]),
        proptest::collection::vec(env, 3),
        (
            any::<bool>(),
            select(vec!["", "nginx", "traefik"]),
            any::<bool>(),
        ),
        (
            select(vec!["", "standard", "fast-ssd"]),
            select(vec!["10Gi", "512Mi", "1Ti"]),
            select(vec!["1Gi", "256Mi"]),
        ),
        select(vec!["0 3 * * *", "*/30 * * * *", "15 2 * * sun"]),
    )
        .prop_map(
            |(
                enabled,
                image,
                envs,
                (ingress, class, tls),
                (storage_class, pg, redis),
                schedule,
            )| {
                let mut k = Kubernetes {
                    enabled,
                    image: image.into(),
                    backup_schedule: schedule.into(),
                    ..Kubernetes::default()
                };
                for (env, (tag, replicas, host)) in EnvName::ALL.iter().zip(envs) {
                    k.environments.insert(
                        *env,
                        ClusterEnv {
                            tag: tag.into(),
                            replicas,
                            host: host.into(),
                        },
                    );
                }
                k.ingress = Ingress {
                    enabled: ingress,
                    class_name: class.into(),
                    tls,
                };
                k.storage = Storage {
                    class_name: storage_class.into(),
                    postgres: pg.into(),
                    redis: redis.into(),
                    backups: "20Gi".into(),
                };
                k
            },
        )
}

/// A configuration with Kubernetes output on, made to fit what a cluster needs that compose
/// does not (a DNS-1035 app name, a pinned redis-commander tag).
pub fn on_kubernetes(mut c: Config, mut k: Kubernetes) -> Config {
    k.enabled = true;
    c.kubernetes = k;
    if c.app.service_name.contains('.') {
        c.app.service_name = c.app.service_name.replace('.', "-");
        for v in &mut c.env {
            for s in &mut v.services {
                if s.contains('.') {
                    *s = s.replace('.', "-");
                }
            }
        }
        for e in &mut c.extra_services {
            for d in &mut e.depends_on {
                if d.contains('.') {
                    *d = d.replace('.', "-");
                }
            }
        }
    }
    c.redis_commander.version = "0.9.1".into();
    c
}

pub fn config() -> impl Strategy<Value = Config> {
    (
        project(),
        app(),
        postgres(),
        redis(),
        (any::<bool>(), any::<bool>(), 5000u16..5099, 8000u16..8099),
        (0usize..3).prop_flat_map(|n| (0..n).map(extra_service).collect::<Vec<_>>()),
        proptest::collection::vec(env_var(), 0..6),
        ops(),
        (any::<u64>(), any::<u64>()),
        kubernetes(),
    )
        .prop_map(
            |(
                project,
                app,
                postgres,
                redis,
                (pg_admin, rc, pg_port, rc_port),
                mut extras,
                env,
                ops,
                (pick_a, pick_b),
                cluster,
            )| {
                let mut c = Config {
                    project,
                    app,
                    postgres,
                    redis,
                    ops,
                    ..Config::default()
                };
                if !c.app.enabled && !c.postgres.enabled && !c.redis.enabled && extras.is_empty() {
                    c.app.enabled = true;
                }
                let dev = c.project.environments.contains(&EnvName::Dev);
                c.pgadmin.enabled = pg_admin && dev && c.postgres.enabled;
                c.pgadmin.host_port = pg_port;
                c.redis_commander.enabled = rc && dev && c.redis.enabled;
                c.redis_commander.host_port = rc_port;
                let profiles = c.project.strategy == EnvStrategy::Profiles
                    && !c.project.environments.is_empty();
                let n = extras.len();
                for (i, e) in extras.iter_mut().enumerate() {
                    let mut candidates = c.enabled_service_names();
                    candidates.retain(|s| !s.starts_with("svc"));
                    if profiles {
                        candidates.retain(|s| s != &c.app.service_name);
                    }
                    if !candidates.is_empty() && (pick_a >> i) & 1 == 1 {
                        e.depends_on
                            .push(candidates[(pick_b as usize + i) % candidates.len()].clone());
                    }
                    if !c.project.environments.is_empty() && (pick_b >> (i + 8)) & 1 == 1 {
                        e.only_in.push(
                            c.project.environments
                                [(pick_a as usize >> 3) % c.project.environments.len()],
                        );
                    }
                }
                let _ = n;
                c.extra_services = extras;
                let mut seen = std::collections::BTreeSet::new();
                let services = c.enabled_service_names();
                for (i, mut v) in env.into_iter().enumerate() {
                    if !seen.insert(v.name.clone()) {
                        continue;
                    }
                    if (pick_b >> (i + 20)) & 1 == 1 {
                        v.services = vec![services[(pick_a as usize + i) % services.len()].clone()];
                    } else if !c.app.enabled {
                        v.services = vec![services[0].clone()];
                    }
                    if !v.in_example && !v.in_production && v.mode != EnvMode::Fixed {
                        v.in_example = true;
                    }
                    if v.secret && v.name.starts_with("NEXT_PUBLIC_") {
                        v.secret = false;
                        v.generator = None;
                    }
                    c.env.push(v);
                }
                if cluster.enabled {
                    c = on_kubernetes(c, cluster);
                }
                c
            },
        )
}
