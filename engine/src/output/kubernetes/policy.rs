//! Who may talk to whom, and what keeps the app reachable: NetworkPolicies (nothing gets in
//! unless a policy says so; the database only from the app and the backup job), the Ingress
//! of an environment with a host, and the disruption budget of a replicated app.

use super::backup::BACKUP_JOB;
use crate::config::*;
use crate::kubernetes::{selector, Manifest, Meta};
use crate::resolve::Resolved;
use serde_json::{json, Value};

/// A policy letting `from` (pod names; empty: any source) reach `to` on `port`.
pub fn allow(name: &str, to: &str, from: &[&str], port: &str) -> Manifest {
    let mut rule = json!({"ports": [{"protocol": "TCP", "port": port}]});
    if !from.is_empty() {
        let peers: Vec<Value> = from
            .iter()
            .map(|f| json!({"podSelector": {"matchLabels": selector(f)}}))
            .collect();
        rule["from"] = Value::Array(peers);
    }
    Manifest::new(
        "networking.k8s.io/v1",
        "NetworkPolicy",
        Meta::named(name),
        json!({
            "podSelector": {"matchLabels": selector(to)},
            "policyTypes": ["Ingress"],
            "ingress": [rule],
        }),
    )
}

pub fn base(r: &Resolved) -> Vec<Manifest> {
    let c = r.config;
    let mut out = vec![Manifest::new(
        "networking.k8s.io/v1",
        "NetworkPolicy",
        Meta::named("default-deny-ingress"),
        json!({"podSelector": {}, "policyTypes": ["Ingress"]}),
    )];
    let app = c.app.service_name.as_str();
    if c.app.enabled {
        // The ingress controller lives in its own namespace: any source may reach the app.
        out.push(allow(&format!("{app}-ingress"), app, &[], "http"));
    }
    if c.postgres.enabled {
        let mut from = Vec::new();
        if c.app.enabled {
            from.push(app);
        }
        if c.postgres.backup.enabled {
            from.push(BACKUP_JOB);
        }
        if !from.is_empty() {
            out.push(allow(
                "postgres-clients",
                POSTGRES_SERVICE,
                &from,
                POSTGRES_SERVICE,
            ));
        }
    }
    if c.redis.enabled && c.app.enabled {
        out.push(allow("redis-clients", REDIS_SERVICE, &[app], REDIS_SERVICE));
    }
    out
}

pub fn ingress(r: &Resolved, env: EnvName) -> Manifest {
    let c = r.config;
    let k = &c.kubernetes;
    let app = c.app.service_name.as_str();
    let host = k.env(env).host.trim().to_string();
    let mut spec = json!({
        "rules": [{
            "host": host,
            "http": {"paths": [{
                "path": "/",
                "pathType": "Prefix",
                "backend": {"service": {"name": app, "port": {"name": "http"}}},
            }]},
        }],
    });
    if !k.ingress.class_name.trim().is_empty() {
        spec["ingressClassName"] = json!(k.ingress.class_name.trim());
    }
    if k.ingress.tls {
        spec["tls"] = json!([{"hosts": [host], "secretName": format!("{app}-tls")}]);
    }
    Manifest::new(
        "networking.k8s.io/v1",
        "Ingress",
        Meta::component(app),
        spec,
    )
}

/// One app pod stays up while nodes drain (only with more than one replica: with one, the
/// budget would block every drain).
pub fn disruption_budget(r: &Resolved) -> Manifest {
    let app = r.config.app.service_name.as_str();
    Manifest::new(
        "policy/v1",
        "PodDisruptionBudget",
        Meta::component(app),
        json!({"minAvailable": 1, "selector": {"matchLabels": selector(app)}}),
    )
}
