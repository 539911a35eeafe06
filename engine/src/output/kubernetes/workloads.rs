//! The base workloads: the app's Deployment, PostgreSQL and Redis as StatefulSets (a volume
//! claim per pod, a headless Service to govern it and a plain one to reach it), and the
//! volume claims they need (the backup job is in `backup.rs`).

use super::env;
use crate::config::{Config, Framework, POSTGRES_SERVICE, REDIS_SERVICE};
use crate::kubernetes::pod::*;
use crate::kubernetes::{selector, Manifest, Meta};
use crate::resolve::Resolved;
use serde_json::{json, Value};

pub const INIT_CONFIG_MAP: &str = "postgres-init";
/// Where the database password is mounted as a file.
pub(super) const SECRETS_DIR: &str = "/run/secrets/postgres";
pub(super) const PASSWORD_FILE: &str = "password";

/// The database password as a file, from the overlay's Secret.
pub(super) fn password_volume() -> Volume {
    Volume::secret_file(
        "password",
        super::SECRET,
        "POSTGRES_PASSWORD",
        PASSWORD_FILE,
    )
}

/// The configured healthcheck timings, as probe timings.
pub fn timings(config: &Config) -> Timings {
    let h = &config.ops.healthcheck;
    Timings {
        period: seconds(&h.interval).max(1),
        timeout: seconds(&h.timeout).max(1),
        failures: h.retries.max(1),
    }
}

/// The app's resources: the configured ones, or what a Next.js server needs to start.
fn app_resources(config: &Config) -> Resources {
    let r = config.ops.resources.clone().unwrap_or_default();
    Resources::new(
        &r.cpus_reservation,
        &quantity(&r.memory_reservation),
        &r.cpus_limit,
        &quantity(&r.memory_limit),
    )
}

/// The pod template and selector every controller wraps around a pod.
fn controller_spec(name: &str, pod: &PodSpec, extra: Value) -> Value {
    let mut spec = json!({
        "selector": {"matchLabels": selector(name)},
    });
    if let (Some(map), Value::Object(more)) = (spec.as_object_mut(), extra) {
        map.extend(more);
        map.insert(
            "template".into(),
            json!({"metadata": {"labels": selector(name)}, "spec": pod}),
        );
    }
    spec
}

/// A ClusterIP Service in front of `name`'s pods.
pub fn service(name: &str, ports: &[(&str, u16, &str)]) -> Manifest {
    let ports: Vec<Value> = ports
        .iter()
        .map(|(port_name, port, target)| {
            json!({"name": port_name, "port": port, "targetPort": target, "protocol": "TCP"})
        })
        .collect();
    Manifest::new(
        "v1",
        "Service",
        Meta::component(name),
        json!({"type": "ClusterIP", "selector": selector(name), "ports": ports}),
    )
}

/// The Service that governs a StatefulSet's pod names (`postgres-0.postgres-headless`).
fn headless(name: &str, port: u16) -> Manifest {
    Manifest::new(
        "v1",
        "Service",
        Meta::component(&format!("{name}-headless")),
        json!({
            "clusterIP": "None",
            "selector": selector(name),
            "ports": [{"name": name, "port": port, "targetPort": name, "protocol": "TCP"}],
        }),
    )
}

pub fn app(r: &Resolved) -> Vec<Manifest> {
    let c = r.config;
    let a = &c.app;
    let name = a.service_name.as_str();
    let timings = timings(c);
    let mut main = Container::new(name, &c.kubernetes.image, app_resources(c));
    main.ports
        .push(ContainerPort::tcp("http", a.container_port));
    if a.framework == Framework::NextjsStandalone {
        // Kubernetes sets HOSTNAME to the pod name; Next.js would listen on the pod IP only.
        main.env_value("HOSTNAME", "0.0.0.0");
    }
    main.env_value("PORT", &a.container_port.to_string());
    if c.postgres.enabled {
        env::database(r, &mut main);
    }
    if c.redis.enabled {
        main.env_value("REDIS_URL", &format!("redis://{REDIS_SERVICE}:6379"));
    }
    let migrate = a.prisma.enabled && a.prisma.migrate_on_start && c.postgres.enabled;
    if migrate {
        // The init container below has migrated before this container starts.
        main.env_value("SKIP_MIGRATIONS", "true");
    }
    env::user_vars(r, &mut main, name, true);
    let start = seconds(&c.ops.healthcheck.start_period);
    main.startup_probe = Some(Probe::http(&a.health_path, "http", timings.startup(start)));
    main.liveness_probe = Some(Probe::http(&a.health_path, "http", timings));
    let ready = a.ready_path.as_deref().unwrap_or(&a.health_path);
    main.readiness_probe = Some(Probe::http(ready, "http", timings));
    main.volume_mounts.push(VolumeMount::new("tmp", "/tmp"));

    let mut pod = PodSpec::restricted(a.user.uid, a.user.uid, a.user.uid);
    pod.termination_grace_period_seconds = Some(30);
    pod.volumes.push(Volume::empty_dir("tmp"));
    if a.framework == Framework::NextjsStandalone {
        let dir = if a.monorepo.enabled {
            format!("/app/{}/.next/cache", a.monorepo.app_dir.trim_matches('/'))
        } else {
            "/app/.next/cache".into()
        };
        pod.volumes.push(Volume::empty_dir("next-cache"));
        main.volume_mounts
            .push(VolumeMount::new("next-cache", &dir));
    }
    if c.postgres.enabled {
        pod.init_containers.push(wait_for_postgres(c));
    }
    if migrate {
        let mut m = Container::new("migrate", &c.kubernetes.image, Resources::small());
        m.command = [
            "node",
            "./node_modules/prisma/build/index.js",
            "migrate",
            "deploy",
        ]
        .map(String::from)
        .to_vec();
        m.command.push(format!(
            "--schema=./{}",
            a.prisma.schema_path.trim_start_matches("./")
        ));
        env::database(r, &mut m);
        // No update check: it would reach the internet and write a cache under a read-only
        // root; the CLI's own files go to /tmp.
        m.env_value("CHECKPOINT_DISABLE", "1");
        m.env_value("HOME", "/tmp");
        m.volume_mounts.push(VolumeMount::new("tmp", "/tmp"));
        pod.init_containers.push(m);
    }
    pod.containers.push(main);
    let deployment = Manifest::new(
        "apps/v1",
        "Deployment",
        Meta::component(name),
        controller_spec(
            name,
            &pod,
            json!({
                "replicas": 1,
                "revisionHistoryLimit": 5,
                "strategy": {
                    "type": "RollingUpdate",
                    "rollingUpdate": {"maxUnavailable": 0, "maxSurge": 1},
                },
            }),
        ),
    );
    vec![deployment, service(name, &[("http", 80, "http")])]
}

/// Waits until PostgreSQL accepts connections: what compose's `depends_on: service_healthy`
/// did, which a cluster has no equivalent for.
fn wait_for_postgres(c: &Config) -> Container {
    let mut w = Container::new(
        "wait-for-postgres",
        &format!("postgres:{}", c.postgres.version),
        Resources::small(),
    );
    w.command = vec![
        "sh".into(),
        "-c".into(),
        format!("until pg_isready -h {POSTGRES_SERVICE} -p 5432 -q; do echo waiting for {POSTGRES_SERVICE}; sleep 2; done"),
    ];
    w
}

/// The image's own user: the Alpine images and the Debian ones differ.
pub(super) fn postgres_ids(c: &Config) -> (u32, u32) {
    if c.postgres.version.contains("alpine") {
        (70, 70)
    } else {
        (999, 999)
    }
}

fn claim_template(name: &str, size: &str, class: &str) -> Value {
    let mut spec = json!({
        "accessModes": ["ReadWriteOnce"],
        "resources": {"requests": {"storage": size}},
    });
    if !class.is_empty() {
        spec["storageClassName"] = json!(class);
    }
    json!({"metadata": {"name": name}, "spec": spec})
}

pub fn postgres(r: &Resolved) -> Vec<Manifest> {
    let c = r.config;
    let p = &c.postgres;
    let k = &c.kubernetes;
    let mut db = Container::new(
        POSTGRES_SERVICE,
        &format!("postgres:{}", p.version),
        Resources::new("250m", "256Mi", "2", "1Gi"),
    );
    if p.extensions.iter().any(|e| e == "pg_stat_statements") {
        db.args = ["-c", "shared_preload_libraries=pg_stat_statements"]
            .map(String::from)
            .to_vec();
    }
    db.ports.push(ContainerPort::tcp(POSTGRES_SERVICE, 5432));
    env::reference(r, &mut db, "POSTGRES_DB", false);
    env::reference(r, &mut db, "POSTGRES_USER", false);
    // The image reads the password from a file: no secret in the environment.
    db.env_value(
        "POSTGRES_PASSWORD_FILE",
        &format!("{SECRETS_DIR}/{PASSWORD_FILE}"),
    );
    // A new volume's root holds lost+found, which initdb refuses: data goes one level down.
    db.env_value("PGDATA", &format!("{}/pgdata", p.data_dir()));
    if !p.initdb_args.trim().is_empty() {
        db.env_value("POSTGRES_INITDB_ARGS", p.initdb_args.trim());
    }
    db.env_value("TZ", &p.timezone);
    db.env_value("PGTZ", &p.timezone);
    let ready = Probe::exec(
        [
            "sh",
            "-c",
            "pg_isready -h 127.0.0.1 -U \"$POSTGRES_USER\" -d \"$POSTGRES_DB\" -q",
        ],
        Timings {
            period: 10,
            timeout: 5,
            failures: 6,
        },
    );
    db.startup_probe = Some(Probe {
        failure_threshold: 30,
        ..ready.clone()
    });
    db.liveness_probe = Some(ready.clone());
    db.readiness_probe = Some(ready);
    db.volume_mounts.extend([
        VolumeMount::new("data", p.data_dir()),
        VolumeMount::read_only("init", "/docker-entrypoint-initdb.d"),
        VolumeMount::new("run", "/var/run/postgresql"),
        VolumeMount::new("tmp", "/tmp"),
        VolumeMount::read_only("password", SECRETS_DIR),
    ]);
    let (uid, gid) = postgres_ids(c);
    let mut pod = PodSpec::restricted(uid, gid, gid);
    pod.termination_grace_period_seconds = Some(60);
    pod.volumes.push(password_volume());
    pod.containers.push(db);
    pod.volumes.extend([
        Volume::config_map("init", INIT_CONFIG_MAP),
        Volume::empty_dir("run"),
        Volume::empty_dir("tmp"),
    ]);
    let set = Manifest::new(
        "apps/v1",
        "StatefulSet",
        Meta::component(POSTGRES_SERVICE),
        controller_spec(
            POSTGRES_SERVICE,
            &pod,
            json!({
                "serviceName": format!("{POSTGRES_SERVICE}-headless"),
                "replicas": 1,
                "volumeClaimTemplates": [claim_template("data", &k.storage.postgres, &k.storage.class_name)],
            }),
        ),
    );
    vec![
        set,
        headless(POSTGRES_SERVICE, 5432),
        service(
            POSTGRES_SERVICE,
            &[(POSTGRES_SERVICE, 5432, POSTGRES_SERVICE)],
        ),
    ]
}

pub fn redis(r: &Resolved) -> Vec<Manifest> {
    let c = r.config;
    let rd = &c.redis;
    let k = &c.kubernetes;
    let mut args = vec![
        "--appendonly".to_string(),
        if rd.aof { "yes" } else { "no" }.into(),
    ];
    if !rd.aof {
        // Nothing to keep between restarts: no snapshots either.
        args.extend(["--save".into(), String::new()]);
    }
    if !rd.maxmemory.is_empty() {
        args.extend(["--maxmemory".into(), rd.maxmemory.to_ascii_lowercase()]);
    }
    args.extend([
        "--maxmemory-policy".into(),
        rd.eviction_policy.as_str().into(),
    ]);
    let mut cache = Container::new(
        REDIS_SERVICE,
        &format!("redis:{}", rd.version),
        Resources::new("100m", "128Mi", "1", &redis_memory_limit(&rd.maxmemory)),
    );
    cache.command = vec!["redis-server".into()];
    cache.args = args;
    cache.ports.push(ContainerPort::tcp(REDIS_SERVICE, 6379));
    let ping = Probe::exec(
        ["redis-cli", "ping"],
        Timings {
            period: 10,
            timeout: 5,
            failures: 5,
        },
    );
    cache.liveness_probe = Some(ping.clone());
    cache.readiness_probe = Some(ping);
    cache.volume_mounts.push(VolumeMount::new("data", "/data"));
    let (uid, gid) = if rd.version.contains("alpine") {
        (999, 1000)
    } else {
        (999, 999)
    };
    let mut pod = PodSpec::restricted(uid, gid, gid);
    pod.containers.push(cache);
    let mut extra = json!({
        "serviceName": format!("{REDIS_SERVICE}-headless"),
        "replicas": 1,
    });
    if rd.aof {
        extra["volumeClaimTemplates"] = json!([claim_template(
            "data",
            &k.storage.redis,
            &k.storage.class_name
        )]);
    } else {
        pod.volumes.push(Volume::empty_dir("data"));
    }
    let set = Manifest::new(
        "apps/v1",
        "StatefulSet",
        Meta::component(REDIS_SERVICE),
        controller_spec(REDIS_SERVICE, &pod, extra),
    );
    vec![
        set,
        headless(REDIS_SERVICE, 6379),
        service(REDIS_SERVICE, &[(REDIS_SERVICE, 6379, REDIS_SERVICE)]),
    ]
}

/// maxmemory plus a quarter for Redis's own overhead (256Mi when no maxmemory is set).
fn redis_memory_limit(maxmemory: &str) -> String {
    let q = quantity(maxmemory);
    let digits: String = q.chars().take_while(char::is_ascii_digit).collect();
    let unit = &q[digits.len()..];
    match (digits.parse::<u64>(), unit) {
        (Ok(n), "Mi" | "Gi") => {
            let mi = if unit == "Gi" { n * 1024 } else { n };
            format!("{}Mi", (mi + mi / 4).max(64))
        }
        _ => "256Mi".into(),
    }
}
