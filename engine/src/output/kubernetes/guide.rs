//! `KUBERNETES.md`: how to take this configuration's `k8s/` tree to a cluster. Facts come from
//! here as a typed context; the prose is in `templates/KUBERNETES.md.j2`.

use super::{environments, has_ingress, namespace, plan, ships_secrets, K8sFile};
use crate::config::*;
use crate::resolve::Resolved;
use serde::Serialize;

/// THESE FIELDS ARE LOAD-BEARING: read by `templates/KUBERNETES.md.j2`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GuideContext {
    pub project: String,
    pub image: String,
    pub app: bool,
    pub app_name: String,
    pub port: u16,
    pub health_path: String,
    pub ready_path: String,
    pub uid: u32,
    pub nextjs: bool,
    pub postgres: bool,
    pub db: String,
    pub db_user: String,
    pub redis: bool,
    pub migrate: bool,
    pub backup: bool,
    pub backup_schedule: String,
    pub backup_keep: u32,
    pub environments: Vec<GuideEnv>,
    /// Whether some environment has an Ingress, and whether they serve HTTPS.
    pub ingress: bool,
    pub tls: bool,
    pub files: Vec<(String, &'static str)>,
    /// Extra services' bind mounts, which a cluster cannot mount.
    pub dropped_mounts: Vec<String>,
    pub logging: bool,
    pub dev_mounts: bool,
    /// Whether pgAdmin or redis-commander run somewhere (the security exceptions).
    pub admin: bool,
    /// Whether some environment runs more than one app pod.
    pub replicated: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GuideEnv {
    pub name: &'static str,
    pub namespace: String,
    pub tag: String,
    pub replicas: u32,
    pub host: Option<String>,
    pub tls: bool,
    pub secrets_shipped: bool,
    pub production: bool,
    pub optional: Vec<String>,
}

pub fn context(r: &Resolved) -> GuideContext {
    let c = r.config;
    let a = &c.app;
    let k = &c.kubernetes;
    let files = plan(r)
        .into_iter()
        .filter(|f| *f != K8sFile::Guide)
        .map(|f| (f.path(c), f.purpose()))
        .collect();
    let environments: Vec<GuideEnv> = environments(r)
        .into_iter()
        .map(|e| {
            let cluster = k.env(e);
            GuideEnv {
                name: e.as_str(),
                namespace: namespace(c, e),
                tag: cluster.tag.clone(),
                replicas: cluster.replicas,
                host: has_ingress(c, e).then(|| cluster.host.trim().to_string()),
                tls: k.ingress.tls,
                secrets_shipped: ships_secrets(c, e),
                production: e.is_production_like(),
                optional: super::Optional::all(c)
                    .into_iter()
                    .filter(|o| o.runs_in(c, e))
                    .map(|o| o.name(c))
                    .collect(),
            }
        })
        .collect();
    let dropped_mounts = c
        .extra_services
        .iter()
        .filter(|e| e.enabled)
        .flat_map(|e| {
            e.volumes
                .iter()
                .filter(|v| v.source.starts_with("./") || v.source.starts_with('/'))
                .map(move |v| format!("{}: {} -> {}", e.name, v.source, v.target))
        })
        .collect();
    GuideContext {
        project: c.project.name.clone(),
        image: k.image.clone(),
        app: a.enabled,
        app_name: a.service_name.clone(),
        port: a.container_port,
        health_path: a.health_path.clone(),
        ready_path: a
            .ready_path
            .clone()
            .unwrap_or_else(|| a.health_path.clone()),
        uid: a.user.uid,
        nextjs: a.framework == Framework::NextjsStandalone,
        postgres: c.postgres.enabled,
        db: c.postgres.db.clone(),
        db_user: c.postgres.user.clone(),
        redis: c.redis.enabled,
        migrate: a.prisma.enabled && a.prisma.migrate_on_start && c.postgres.enabled,
        backup: c.postgres.enabled && c.postgres.backup.enabled,
        backup_schedule: k.backup_schedule.clone(),
        backup_keep: c.postgres.backup.keep,
        ingress: environments.iter().any(|e| e.host.is_some()),
        replicated: a.enabled && environments.iter().any(|e| e.replicas > 1),
        tls: k.ingress.tls,
        environments,
        files,
        dropped_mounts,
        logging: c.ops.logging.is_some(),
        dev_mounts: r.dev,
        admin: super::Optional::all(c).iter().any(|o| {
            matches!(
                o,
                super::Optional::PgAdmin | super::Optional::RedisCommander
            )
        }),
    }
}
