//! What the Kubernetes output adds: an image repository, a pinned tag and replicas per
//! environment, ingress hosts, storage quantities, the backup schedule, and names a cluster
//! accepts (Services are DNS-1035 labels, where compose also allows `_` and `.`).
//!
//! Rules about other sections' fields (a service name, an image tag) are raised with
//! [`Diagnostics::kubernetes_error`]: they stop the `k8s/` files only, never the compose side.

use super::*;
use crate::output::kubernetes::{self as k8s, Optional};

/// Object names the tree uses itself; a service by one of these names would collide.
const RESERVED: [&str; 6] = [
    "postgres-headless",
    "redis-headless",
    "postgres-backup",
    "postgres-backups",
    "postgres-init",
    "pgadmin-servers",
];

/// A DNS-1035 label: what a Service name must be.
pub fn is_dns_label(s: &str) -> bool {
    s.len() <= 63
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && !s.ends_with('-')
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A DNS-1123 subdomain (a host name, a storage class).
pub fn is_dns_subdomain(s: &str) -> bool {
    s.len() <= 253
        && s.split('.').all(|part| {
            !part.is_empty()
                && part.len() <= 63
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !part.starts_with('-')
                && !part.ends_with('-')
        })
}

/// A storage quantity with a binary or decimal suffix (`10Gi`, `500M`), above zero.
pub fn is_storage_quantity(s: &str) -> bool {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    digits > 0
        && digits <= 6
        && s[..digits].chars().any(|c| c != '0')
        && matches!(
            &s[digits..],
            "Ki" | "Mi" | "Gi" | "Ti" | "Pi" | "k" | "M" | "G" | "T" | "P"
        )
}

/// Five cron fields of digits, `*`, `/`, `,` and `-` (or a month or day name).
pub fn is_cron(s: &str) -> bool {
    let fields: Vec<&str> = s.split_whitespace().collect();
    fields.len() == 5
        && fields.iter().all(|f| {
            f.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '*' | '/' | ',' | '-'))
        })
}

/// An image whose tag is missing or `latest`: it moves under a running cluster.
fn unpinned(image: &str) -> bool {
    if image.contains('@') {
        return false;
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.split_once(':') {
        Some((_, tag)) => tag == "latest",
        None => true,
    }
}

pub(super) fn kubernetes(r: &Resolved, d: &mut Diagnostics) {
    let c = r.config;
    let k = &c.kubernetes;
    if !k.enabled {
        return;
    }
    let base = ConfigPath::new("kubernetes");
    if c.app.enabled {
        let image = k.image.trim();
        if image.is_empty() || !is_image_ref(image) || image.contains('@') {
            d.error(base.field("image"), "image repository must look like registry.example.com/team/app (lowercase, no tag: each environment sets its tag)");
        } else if !unpinned(image) {
            d.error(
                base.field("image"),
                "leave the tag out: each environment's tag is set below",
            );
        }
        if !is_dns_label(&c.app.service_name) {
            d.kubernetes_error(
                "app.service_name",
                "Kubernetes: a Service name must be lowercase letters, digits and '-', starting with a letter (at most 63)",
            );
        }
    }
    for env in k8s::environments(r) {
        let at = base.field("environments").field(env.as_str());
        let cluster = k.env(env);
        if c.app.enabled {
            if cluster.tag.is_empty() {
                d.error(
                    at.field("tag"),
                    "set the image tag this environment deploys",
                );
            } else if !is_image_tag(&cluster.tag) {
                d.error(
                    at.field("tag"),
                    "image tag must use letters, digits, '_', '.' or '-' (at most 128)",
                );
            } else if cluster.tag == "latest" {
                d.error(at.field("tag"), "pin a tag: latest moves under a running cluster, and a rollback has nothing to return to");
            }
            if cluster.replicas == 0 {
                d.error(
                    at.field("replicas"),
                    "at least one replica (scale to zero with kubectl when needed)",
                );
            } else if cluster.replicas > 100 {
                d.error(at.field("replicas"), "at most 100 replicas");
            } else if cluster.replicas > 1 && c.postgres.enabled {
                if let Some(limit) = c.postgres.pool.connection_limit {
                    if limit * cluster.replicas > 100 {
                        d.warning(at.field("replicas"), format!("{} replicas x connection_limit {limit} exceed PostgreSQL's default 100 connections", cluster.replicas));
                    }
                }
            }
        }
        if k.ingress.enabled && c.app.enabled {
            let host = cluster.host.trim();
            if !host.is_empty() && !is_dns_subdomain(host) {
                d.error(
                    at.field("host"),
                    "host must be a lowercase DNS name such as app.example.com",
                );
            }
        }
    }
    let ingress = base.field("ingress");
    if k.ingress.enabled
        && !k.ingress.class_name.is_empty()
        && !is_dns_subdomain(&k.ingress.class_name)
    {
        d.error(
            ingress.field("class_name"),
            "ingress class must be a lowercase DNS name such as nginx",
        );
    }
    let storage = base.field("storage");
    if !k.storage.class_name.is_empty() && !is_dns_subdomain(&k.storage.class_name) {
        d.error(
            storage.field("class_name"),
            "storage class must be a lowercase DNS name such as standard",
        );
    }
    let sizes = [
        ("postgres", &k.storage.postgres, c.postgres.enabled),
        ("redis", &k.storage.redis, c.redis.enabled && c.redis.aof),
        (
            "backups",
            &k.storage.backups,
            c.postgres.enabled && c.postgres.backup.enabled,
        ),
    ];
    for (field, size, used) in sizes {
        if used && !is_storage_quantity(size) {
            d.error(
                storage.field(field),
                "size must be a whole number with a unit, such as 10Gi or 500Mi",
            );
        }
    }
    if c.postgres.enabled && c.postgres.backup.enabled && !is_cron(&k.backup_schedule) {
        d.error(
            base.field("backup_schedule"),
            "schedule must be five cron fields, such as 0 3 * * * (03:00 UTC daily)",
        );
    }
    services(c, d);
}

/// Names and images of the services a cluster runs.
fn services(c: &Config, d: &mut Diagnostics) {
    let optional = Optional::all(c);
    if optional.contains(&Optional::RedisCommander)
        && unpinned(&format!("x:{}", c.redis_commander.version))
    {
        d.kubernetes_error(
            "redis_commander.version",
            "Kubernetes: pin a tag such as 0.9.1 (latest moves under a running cluster)",
        );
    }
    if optional.contains(&Optional::PgAdmin) && c.pgadmin.version == "latest" {
        d.kubernetes_error(
            "pgadmin.version",
            "Kubernetes: pin a tag such as 9 (latest moves under a running cluster)",
        );
    }
    let mut names: Vec<&str> = Vec::new();
    if c.app.enabled {
        names.push(&c.app.service_name);
    }
    for (i, e) in c
        .extra_services
        .iter()
        .enumerate()
        .filter(|(_, e)| e.enabled)
    {
        let at = ConfigPath::new("extra_services").index(i);
        if !is_dns_label(&e.name) {
            d.kubernetes_error(at.field("name"), "Kubernetes: a Service name must be lowercase letters, digits and '-', starting with a letter (at most 63)");
        }
        if unpinned(&e.image) {
            d.kubernetes_error(
                at.field("image"),
                "Kubernetes: pin the image's tag (none or latest moves under a running cluster)",
            );
        }
        if e.healthcheck.is_none() && e.ports.is_empty() {
            d.warning(
                at.field("healthcheck"),
                "Kubernetes: with no healthcheck and no port, the cluster cannot tell whether it is alive or ready",
            );
        }
        names.push(&e.name);
    }
    for (i, name) in names.iter().enumerate() {
        if RESERVED.contains(name) || name.ends_with("-tls") {
            let path = if i == 0 && c.app.enabled {
                "app.service_name".to_string()
            } else {
                let at = c
                    .extra_services
                    .iter()
                    .position(|e| e.enabled && e.name == *name)
                    .unwrap_or(0);
                format!("extra_services[{at}].name")
            };
            d.kubernetes_error(
                path,
                format!(
                    "Kubernetes: {name} is a name the Kubernetes files use for their own objects"
                ),
            );
        }
    }
}
