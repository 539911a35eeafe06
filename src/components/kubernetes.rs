//! Kubernetes section: whether the bundle carries the `k8s/` tree, the app image's repository,
//! each environment's tag, replicas and host, ingress and storage.

use super::fields::*;
use super::form::*;
use crate::state::use_state;
use dockwright_engine::config::*;
use leptos::prelude::*;

/// One environment's row: shown while the project has that environment (or, for production,
/// while it has none: one production overlay then).
fn environment_row(env: EnvName) -> AnyView {
    let state = use_state();
    let shown = state.slice(move |c| {
        let envs = &c.project.environments;
        envs.contains(&env) || (envs.is_empty() && env == EnvName::Prod)
    });
    let base = format!("kubernetes.environments.{}", env.as_str());
    view! {
        <fieldset class="group switchable" hidden=move || !shown.get()>
            <legend>{env.as_str()}</legend>
            <div class="row">
                {text_field("Image tag", format!("{base}.tag"),
                    move |c| c.kubernetes.env(env).tag,
                    move |c, v| c.kubernetes.environments.entry(env).or_insert_with(|| ClusterEnv::default_for(env)).tag = v)}
                {number_field("Replicas", format!("{base}.replicas"), no_tid(),
                    move |c| Some(c.kubernetes.env(env).replicas),
                    move |c, v: Option<u32>| c.kubernetes.environments.entry(env).or_insert_with(|| ClusterEnv::default_for(env)).replicas = v.unwrap_or(0), false)}
                {text_field("Ingress host", format!("{base}.host"),
                    move |c| c.kubernetes.env(env).host,
                    move |c, v| c.kubernetes.environments.entry(env).or_insert_with(|| ClusterEnv::default_for(env)).host = v)}
            </div>
        </fieldset>
    }
    .into_any()
}

/// The Kubernetes section's fields.
pub static KUBERNETES: &[Item] = &[
    check!(
        "Kubernetes manifests (k8s/: Kustomize base and one overlay per environment)",
        kubernetes.enabled,
        "k8s-enabled"
    ),
    Item::Shown(
        |c, _| c.kubernetes.enabled,
        &[
            text!("App image repository (no tag)", kubernetes.image),
            Item::View(|_| {
                EnvName::ALL
                    .iter()
                    .map(|&e| environment_row(e))
                    .collect_view()
                    .into_any()
            }),
            Item::Group(
                "Ingress",
                &[
                    check!(
                        "An Ingress for each environment with a host",
                        kubernetes.ingress.enabled
                    ),
                    Item::Shown(
                        |c, _| c.kubernetes.ingress.enabled,
                        &[Item::Row(&[
                            text!("Ingress class", kubernetes.ingress.class_name),
                            check!("TLS (certificate in <app>-tls)", kubernetes.ingress.tls),
                        ])],
                    ),
                ],
            ),
            Item::Group(
                "Storage",
                &[Item::Row(&[
                    text!(
                        "Storage class (empty: default)",
                        kubernetes.storage.class_name
                    ),
                    text!("PostgreSQL", kubernetes.storage.postgres),
                    text!("Redis (AOF)", kubernetes.storage.redis),
                    text!("Backups", kubernetes.storage.backups),
                ])],
            ),
            text!("Backup schedule (cron, UTC)", kubernetes.backup_schedule),
        ],
    ),
];

pub fn kubernetes_section() -> impl IntoView {
    section("Kubernetes", "section-kubernetes", items(KUBERNETES))
}
