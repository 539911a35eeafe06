//! Services only some environments run: pgAdmin and redis-commander (development only) and
//! the user's extra services (in the environments they list). Each is a Deployment with its
//! Service and the policy that lets it reach what it needs, in its own folder that the
//! overlays of those environments include.

use super::{env, policy, workloads, Optional};
use crate::config::{
    Config, ExtraService, PGADMIN_SERVICE, POSTGRES_SERVICE, REDIS_COMMANDER_SERVICE, REDIS_SERVICE,
};
use crate::kubernetes::pod::*;
use crate::kubernetes::{selector, Manifest, Meta};
use crate::resolve::Resolved;
use serde_json::json;

/// The uid an image of unknown user runs as: the conventional "nonroot" of distroless images.
pub const NONROOT_UID: u32 = 65532;

fn deployment(name: &str, pod: &PodSpec, skips: &[(&str, &str)]) -> Manifest {
    let mut meta = Meta::component(name);
    // checkov reads its exceptions from annotations: each says why the check cannot hold.
    for (i, (check, why)) in skips.iter().enumerate() {
        meta.annotations.insert(
            format!("checkov.io/skip{}", i + 1),
            format!("{check}={why}"),
        );
    }
    Manifest::new(
        "apps/v1",
        "Deployment",
        meta,
        json!({
            "replicas": 1,
            "revisionHistoryLimit": 3,
            "selector": {"matchLabels": selector(name)},
            "template": {"metadata": {"labels": selector(name)}, "spec": pod},
        }),
    )
}

const WRITES_ROOT: &str = "CKV_K8S_22";
const ADDS_CAPABILITY: &str = "CKV_K8S_25";
const LIVENESS: &str = "CKV_K8S_8";
const READINESS: &str = "CKV_K8S_9";
const NO_CHECK: &str =
    "it has no healthcheck and no port to probe; give it a healthcheck in dockwright";

pub fn manifests(r: &Resolved, o: Optional) -> Vec<Manifest> {
    let c = r.config;
    match o {
        Optional::PgAdmin => pgadmin(r),
        Optional::RedisCommander => redis_commander(c),
        Optional::Extra(i) => c
            .extra_services
            .get(usize::from(i))
            .map(|e| extra(r, e))
            .unwrap_or_default(),
    }
}

fn pgadmin(r: &Resolved) -> Vec<Manifest> {
    let c = r.config;
    let pg = &c.pgadmin;
    let mut ui = Container::new(
        PGADMIN_SERVICE,
        &format!("dpage/pgadmin4:{}", pg.version),
        Resources::new("100m", "256Mi", "1", "512Mi"),
    );
    ui.ports.push(ContainerPort::tcp("http", 5050));
    ui.env_value("PGADMIN_LISTEN_PORT", "5050");
    ui.env_config("PGADMIN_DEFAULT_EMAIL", super::CONFIG_MAP, "PGADMIN_EMAIL");
    // The image reads the password from a file: no secret in the environment.
    ui.env_value(
        "PGADMIN_DEFAULT_PASSWORD_FILE",
        "/run/secrets/pgadmin/password",
    );
    ui.volume_mounts
        .push(VolumeMount::read_only("password", "/run/secrets/pgadmin"));
    let ping = Probe::http("/misc/ping", "http", workloads::timings(c));
    ui.startup_probe = Some(Probe {
        failure_threshold: 30,
        ..ping.clone()
    });
    ui.liveness_probe = Some(ping.clone());
    ui.readiness_probe = Some(ping);
    // The image's python carries a file capability; without it the kernel refuses to run it.
    ui.security_context.capabilities.add = vec!["NET_BIND_SERVICE"];
    // It writes its configuration under /pgadmin4 at start.
    ui.security_context.read_only_root_filesystem = false;
    ui.volume_mounts
        .push(VolumeMount::new("data", "/var/lib/pgadmin"));
    let mut pod = PodSpec::restricted(5050, 5050, 5050);
    pod.volumes.push(Volume::empty_dir("data"));
    pod.volumes.push(Volume::secret_file(
        "password",
        super::SECRET,
        "PGADMIN_PASSWORD",
        "password",
    ));
    if pg.register_server {
        ui.volume_mounts.push(VolumeMount {
            sub_path: Some("servers.json".into()),
            ..VolumeMount::read_only("servers", "/pgadmin4/servers.json")
        });
        pod.volumes
            .push(Volume::config_map("servers", "pgadmin-servers"));
    }
    pod.containers.push(ui);
    let mut out = vec![
        deployment(
            PGADMIN_SERVICE,
            &pod,
            &[
                (
                    WRITES_ROOT,
                    "pgAdmin writes its configuration under /pgadmin4 at start",
                ),
                (
                    ADDS_CAPABILITY,
                    "the image's python carries cap_net_bind_service as a file capability; without it the kernel refuses to run it (restricted allows exactly this one)",
                ),
            ],
        ),
        workloads::service(PGADMIN_SERVICE, &[("http", 80, "http")]),
        policy::allow(
            "pgadmin-to-postgres",
            POSTGRES_SERVICE,
            &[PGADMIN_SERVICE],
            POSTGRES_SERVICE,
        ),
    ];
    if pg.register_server {
        let servers = json!({"Servers": {"1": {
            "Name": c.project.name,
            "Group": "Servers",
            "Host": POSTGRES_SERVICE,
            "Port": 5432,
            "MaintenanceDB": "postgres",
            "Username": c.postgres.user,
            "SSLMode": "prefer",
        }}});
        let mut map = Manifest::new(
            "v1",
            "ConfigMap",
            Meta::component("pgadmin-servers"),
            serde_json::Value::Null,
        );
        map.data.insert(
            "servers.json".into(),
            serde_json::to_string_pretty(&servers).unwrap_or_default(),
        );
        out.push(map);
    }
    out
}

fn redis_commander(c: &Config) -> Vec<Manifest> {
    let rc = &c.redis_commander;
    let mut ui = Container::new(
        REDIS_COMMANDER_SERVICE,
        &format!("ghcr.io/joeferner/redis-commander:{}", rc.version),
        Resources::new("50m", "64Mi", "500m", "256Mi"),
    );
    ui.ports.push(ContainerPort::tcp("http", 8081));
    ui.env_value("REDIS_HOSTS", &format!("local:{REDIS_SERVICE}:6379"));
    let check = Probe::http("/", "http", workloads::timings(c));
    ui.liveness_probe = Some(check.clone());
    ui.readiness_probe = Some(check);
    // It writes its connection settings into its own folder at start.
    ui.security_context.read_only_root_filesystem = false;
    // Its image keeps its config folder writable by group root for OpenShift's arbitrary
    // uids: a non-root uid in group 0 is what it expects (restricted allows group 0).
    let mut pod = PodSpec::restricted(10000, 0, 10000);
    pod.containers.push(ui);
    vec![
        deployment(
            REDIS_COMMANDER_SERVICE,
            &pod,
            &[(
                WRITES_ROOT,
                "redis-commander writes its connection settings at start",
            )],
        ),
        workloads::service(REDIS_COMMANDER_SERVICE, &[("http", 80, "http")]),
        policy::allow(
            "redis-commander-to-redis",
            REDIS_SERVICE,
            &[REDIS_COMMANDER_SERVICE],
            REDIS_SERVICE,
        ),
    ]
}

fn extra(r: &Resolved, e: &ExtraService) -> Vec<Manifest> {
    let c = r.config;
    let name = e.name.as_str();
    let mut main = Container::new(
        name,
        &e.image,
        Resources::new("100m", "128Mi", "1", "512Mi"),
    );
    if let Some(cmd) = &e.command {
        main.args = cmd.split_whitespace().map(String::from).collect();
    }
    for p in &e.ports {
        main.ports.push(ContainerPort::tcp(
            &format!("p{}", p.container),
            p.container,
        ));
    }
    // User variables first: the kubelet expands `$(VAR)` only from variables defined before.
    env::user_vars(r, &mut main, name, false);
    for kv in &e.environment {
        main.env_value(&kv.key, &kubelet_references(&kv.value));
    }
    if let Some(hc) = &e.healthcheck {
        let probe = Probe::exec(["sh", "-c", hc.trim()], workloads::timings(c));
        main.liveness_probe = Some(probe.clone());
        main.readiness_probe = Some(probe);
    } else if let Some(p) = e.ports.first() {
        let probe = Probe::tcp(&format!("p{}", p.container), workloads::timings(c));
        main.liveness_probe = Some(probe.clone());
        main.readiness_probe = Some(probe);
    }
    let mut pod = PodSpec::restricted(NONROOT_UID, NONROOT_UID, NONROOT_UID);
    main.volume_mounts.push(VolumeMount::new("tmp", "/tmp"));
    pod.volumes.push(Volume::empty_dir("tmp"));
    let mut out = Vec::new();
    for (i, v) in e.volumes.iter().enumerate() {
        // Named volumes keep their data in a claim; bind mounts of the developer's files have
        // no meaning on a cluster (the guide says so).
        if v.source.starts_with("./") || v.source.starts_with('/') {
            continue;
        }
        let volume = format!("data-{i}");
        let claim = format!("{name}-{}", v.source.replace('_', "-").to_ascii_lowercase());
        main.volume_mounts
            .push(VolumeMount::new(&volume, &v.target));
        pod.volumes.push(Volume::claim(&volume, &claim));
        let mut spec = json!({
            "accessModes": ["ReadWriteOnce"],
            "resources": {"requests": {"storage": "1Gi"}},
        });
        if !c.kubernetes.storage.class_name.is_empty() {
            spec["storageClassName"] = json!(c.kubernetes.storage.class_name);
        }
        out.push(Manifest::new(
            "v1",
            "PersistentVolumeClaim",
            Meta::component(&claim),
            spec,
        ));
    }
    let unprobed = main.readiness_probe.is_none();
    pod.containers.push(main);
    let skips: &[(&str, &str)] = if unprobed {
        &[(LIVENESS, NO_CHECK), (READINESS, NO_CHECK)]
    } else {
        &[]
    };
    out.insert(0, deployment(name, &pod, skips));
    if !e.ports.is_empty() {
        let ports: Vec<(String, u16, String)> = e
            .ports
            .iter()
            .map(|p| {
                (
                    format!("p{}", p.container),
                    p.container,
                    format!("p{}", p.container),
                )
            })
            .collect();
        let refs: Vec<(&str, u16, &str)> = ports
            .iter()
            .map(|(n, p, t)| (n.as_str(), *p, t.as_str()))
            .collect();
        out.insert(1, workloads::service(name, &refs));
        for (n, _, _) in &ports {
            // Other pods of the namespace may reach it, as on the compose network.
            let mut p = policy::allow(&format!("{name}-{n}"), name, &[], n);
            if let Some(rule) = p.spec["ingress"][0].as_object_mut() {
                rule.insert("from".into(), json!([{"podSelector": {}}]));
            }
            out.push(p);
        }
    }
    out
}

/// Compose's `${VAR}`, `${VAR:-default}` (and the other forms) as the kubelet's `$(VAR)`;
/// `$$` as a plain `$`. Anything else is kept as written.
pub fn kubelet_references(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(tail) = after.strip_prefix('$') {
            out.push('$');
            rest = tail;
        } else if let (Some(body), Some(end)) = (after.strip_prefix('{'), after.find('}')) {
            let name: String = body
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            out.push_str(&format!("$({name})"));
            rest = &after[end + 1..];
        } else {
            out.push('$');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::kubelet_references;

    #[test]
    fn compose_references_become_kubelet_ones() {
        assert_eq!(
            kubelet_references("a ${X} b ${Y:-d} $$ $"),
            "a $(X) b $(Y) $ $"
        );
        assert_eq!(kubelet_references("plain"), "plain");
    }
}
