//! Kubernetes section: whether the bundle carries the `k8s/` tree, the app image's repository,
//! each environment's tag, replicas and host, ingress and storage.

use super::fields::*;
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

pub fn kubernetes_section() -> impl IntoView {
    let state = use_state();
    let on = state.slice(move |c| c.kubernetes.enabled);
    let ingress = state.slice(move |c| c.kubernetes.ingress.enabled);
    section(
        "Kubernetes",
        "section-kubernetes",
        view! {
            {checkbox("Kubernetes manifests (k8s/: Kustomize base and one overlay per environment)", "kubernetes.enabled", tid("k8s-enabled"),
                |c| c.kubernetes.enabled, |c, v| c.kubernetes.enabled = v)}
            <div class="switchable" hidden=move || !on.get()>
                {text_field("App image repository (no tag)", "kubernetes.image", |c| c.kubernetes.image.clone(), |c, v| c.kubernetes.image = v)}
                {EnvName::ALL.iter().map(|&e| environment_row(e)).collect_view()}
                <fieldset class="group">
                    <legend>"Ingress"</legend>
                    {checkbox("An Ingress for each environment with a host", "kubernetes.ingress.enabled", no_tid(),
                        |c| c.kubernetes.ingress.enabled, |c, v| c.kubernetes.ingress.enabled = v)}
                    <div class="row switchable" hidden=move || !ingress.get()>
                        {text_field("Ingress class", "kubernetes.ingress.class_name", |c| c.kubernetes.ingress.class_name.clone(), |c, v| c.kubernetes.ingress.class_name = v)}
                        {checkbox("TLS (certificate in <app>-tls)", "kubernetes.ingress.tls", no_tid(),
                            |c| c.kubernetes.ingress.tls, |c, v| c.kubernetes.ingress.tls = v)}
                    </div>
                </fieldset>
                <fieldset class="group">
                    <legend>"Storage"</legend>
                    <div class="row">
                        {text_field("Storage class (empty: default)", "kubernetes.storage.class_name", |c| c.kubernetes.storage.class_name.clone(), |c, v| c.kubernetes.storage.class_name = v)}
                        {text_field("PostgreSQL", "kubernetes.storage.postgres", |c| c.kubernetes.storage.postgres.clone(), |c, v| c.kubernetes.storage.postgres = v)}
                        {text_field("Redis (AOF)", "kubernetes.storage.redis", |c| c.kubernetes.storage.redis.clone(), |c, v| c.kubernetes.storage.redis = v)}
                        {text_field("Backups", "kubernetes.storage.backups", |c| c.kubernetes.storage.backups.clone(), |c, v| c.kubernetes.storage.backups = v)}
                    </div>
                </fieldset>
                {text_field("Backup schedule (cron, UTC)", "kubernetes.backup_schedule", |c| c.kubernetes.backup_schedule.clone(), |c, v| c.kubernetes.backup_schedule = v)}
            </div>
        },
    )
}
