//! What `kubectl kustomize k8s/overlays/<env>` builds, rendered from the model instead of by
//! running Kustomize (the browser has none): the base, the optional services and the overlay's
//! own objects, with the overlay's namespace, labels, image tag and replica count applied and
//! its ConfigMap and Secret generated. A test compares this with the real Kustomize output for
//! every preset and environment.
//!
//! One difference, on purpose: Kustomize appends a hash of the content to generated names
//! (`stack-config-5m2k8t7g9b`), so that a change rolls the pods; the preview shows the names
//! without it and says so.

use super::env::keys;
use super::{has_ingress, namespace, optional, plan, policy, workloads, K8sFile, Optional};
use super::{CONFIG_MAP, SECRET};
use crate::config::EnvName;
use crate::encoding::base64_standard;
use crate::kubernetes::{render_stream, Manifest, Meta};
use crate::resolve::Resolved;
use serde_json::Value;
use std::collections::BTreeMap;

/// The labels the base's kustomization adds to every base object and pod template.
fn base_labels(r: &Resolved) -> BTreeMap<String, String> {
    BTreeMap::from([
        (
            "app.kubernetes.io/part-of".to_string(),
            r.config.project.name.clone(),
        ),
        (
            "app.kubernetes.io/managed-by".to_string(),
            "dockwright".to_string(),
        ),
    ])
}

fn generated(name: &str, data: BTreeMap<String, String>, secret: bool) -> Manifest {
    let mut m = Manifest::new(
        "v1",
        if secret { "Secret" } else { "ConfigMap" },
        Meta::named(name),
        Value::Null,
    );
    if secret {
        m.secret_type = Some("Opaque");
    }
    m.data = data;
    m
}

/// Pod templates inside a workload's spec.
fn templates(spec: &mut Value) -> Vec<&mut Value> {
    let mut out = Vec::new();
    if spec.get("jobTemplate").is_some() {
        out.push(&mut spec["jobTemplate"]["spec"]["template"]);
    } else if spec.get("template").is_some() {
        out.push(&mut spec["template"]);
    }
    out
}

/// The objects of `env`'s overlay, as Kustomize would build them (names without hashes).
pub fn objects(r: &Resolved, env: EnvName) -> Vec<Manifest> {
    let c = r.config;
    let mut base = Vec::new();
    let files = plan(r);
    let mut generators = Vec::new();
    if files.contains(&K8sFile::InitDb) {
        let text = crate::templates::render(
            crate::templates::INIT_DB,
            &crate::output::scripts::init_db(r),
        )
        .unwrap_or_default();
        generators.push(generated(
            workloads::INIT_CONFIG_MAP,
            BTreeMap::from([("init-db.sql".to_string(), text)]),
            false,
        ));
    }
    for file in &files {
        base.extend(match file {
            K8sFile::App => workloads::app(r),
            K8sFile::Postgres => workloads::postgres(r),
            K8sFile::Backup => super::backup::backup(r),
            K8sFile::Redis => workloads::redis(r),
            K8sFile::NetworkPolicies => policy::base(r),
            _ => Vec::new(),
        });
    }
    base.extend(generators);
    let labels = base_labels(r);
    for m in &mut base {
        m.metadata.labels.extend(labels.clone());
        let claims = m.spec.get_mut("volumeClaimTemplates");
        for claim in claims.and_then(Value::as_array_mut).into_iter().flatten() {
            for (k, v) in &labels {
                claim["metadata"]["labels"][k] = Value::String(v.clone());
            }
        }
        if m.spec.get("jobTemplate").is_some() {
            for (k, v) in &labels {
                m.spec["jobTemplate"]["metadata"]["labels"][k] = Value::String(v.clone());
            }
        }
        for t in templates(&mut m.spec) {
            if let Some(map) = t["metadata"]["labels"].as_object_mut() {
                for (k, v) in &labels {
                    map.insert(k.clone(), Value::String(v.clone()));
                }
            }
        }
    }
    let mut out = vec![super::kustomize::namespace_object(r, env)];
    let keys = keys(r, env);
    let shipped = super::ships_secrets(c, env);
    out.push(generated(
        CONFIG_MAP,
        keys.iter()
            .filter(|k| !k.secret)
            .map(|k| (k.name.clone(), k.value.clone()))
            .collect(),
        false,
    ));
    out.push(generated(
        SECRET,
        keys.iter()
            .filter(|k| k.secret)
            .map(|k| {
                let value = if shipped { k.value.as_str() } else { "" };
                (k.name.clone(), base64_standard(value.as_bytes()))
            })
            .collect(),
        true,
    ));
    out.extend(base);
    for o in Optional::all(c) {
        if o.runs_in(c, env) {
            out.extend(optional::manifests(r, o));
        }
    }
    let cluster = c.kubernetes.env(env);
    if has_ingress(c, env) {
        out.push(policy::ingress(r, env));
    }
    if c.app.enabled && cluster.replicas > 1 {
        out.push(policy::disruption_budget(r));
    }
    let ns = namespace(c, env);
    let tagged = format!("{}:{}", c.kubernetes.image, cluster.tag);
    for m in out.iter_mut().filter(|m| m.kind != "Namespace") {
        m.metadata.namespace = Some(ns.clone());
        if m.kind == "Deployment" && c.app.enabled && m.metadata.name == c.app.service_name {
            m.spec["replicas"] = Value::from(cluster.replicas);
        }
        for t in templates(&mut m.spec) {
            for list in ["initContainers", "containers"] {
                // `get_mut`, not indexing: indexing would add a null `initContainers`.
                let containers = t.get_mut("spec").and_then(|s| s.get_mut(list));
                for container in containers
                    .and_then(Value::as_array_mut)
                    .into_iter()
                    .flatten()
                {
                    if container["image"] == Value::String(c.kubernetes.image.clone()) {
                        container["image"] = Value::String(tagged.clone());
                    }
                }
            }
        }
    }
    out
}

/// The overlay's objects as one YAML stream, for the preview.
pub fn render(r: &Resolved, env: EnvName) -> String {
    let header = vec![
        format!(
            "What `kubectl kustomize k8s/overlays/{}` builds, rendered by dockwright.",
            env.as_str()
        ),
        "Kustomize also appends a content hash to the generated ConfigMap and Secret names.".into(),
    ];
    render_stream(&header, &objects(r, env))
}
