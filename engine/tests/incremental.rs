//! Incremental rendering equals a full render: for random configurations and random
//! single-field edits (and chains of them), a renderer that remembers the previous generation
//! gives exactly what a fresh one gives; files it did not render again are the previous
//! allocation, and an edit that changes nothing renders nothing.

#[path = "support/arb.rs"]
mod arb;

use dockwright_engine::config::*;
use dockwright_engine::secret::{fill_missing_secrets, DeterministicEntropy};
use dockwright_engine::{generate, presets, Config, Renderer};
use proptest::prelude::*;
use std::sync::Arc;

/// One edit a person makes in the form, by kind; `n` picks the item and the new value.
#[derive(Clone, Debug)]
enum Edit {
    EnvValue(usize, String),
    EnvProd(usize, Option<EnvOverride>),
    AppPort(u16),
    PostgresPort(Option<u16>),
    ToggleRedis,
    TogglePgAdmin,
    ProjectName(String),
    Layout,
    Strategy,
    Environments(Vec<EnvName>),
    AddVariable(String),
    RemoveVariable(usize),
    NodeVersion(String),
    Restart,
    ExtraPortBind(usize),
    // What the Kubernetes files read (the renderer skips building them when it is unchanged).
    ToggleKubernetes,
    ClusterTag(String),
    ContainerPort(u16),
    PostgresUser(String),
    EnvSecret(usize),
    EnvInProduction(usize),
    WriteDotenv,
    ToggleLogging,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0usize..8, arb::nasty())
            .prop_map(|(i, v)| Edit::EnvValue(i, v.replace(['\t', '\n'], " "))),
        (
            0usize..8,
            proptest::option::of(prop_oneof![
                Just(EnvOverride::SetAtDeploy),
                "[a-z:/.]{0,12}".prop_map(EnvOverride::Value),
            ])
        )
            .prop_map(|(i, o)| Edit::EnvProd(i, o)),
        (1u16..=65535).prop_map(Edit::AppPort),
        proptest::option::of(5400u16..5500).prop_map(Edit::PostgresPort),
        Just(Edit::ToggleRedis),
        Just(Edit::TogglePgAdmin),
        "[a-z][a-z0-9-]{0,10}".prop_map(Edit::ProjectName),
        Just(Edit::Layout),
        Just(Edit::Strategy),
        proptest::sample::subsequence(EnvName::ALL.to_vec(), 0..=3).prop_map(Edit::Environments),
        "[A-Z][A-Z0-9_]{0,8}".prop_map(Edit::AddVariable),
        (0usize..8).prop_map(Edit::RemoveVariable),
        prop_oneof![Just("20"), Just("22.16.0"), Just("24")]
            .prop_map(|v| Edit::NodeVersion(v.into())),
        Just(Edit::Restart),
        (0usize..3).prop_map(Edit::ExtraPortBind),
        Just(Edit::ToggleKubernetes),
        "[a-z0-9][a-z0-9.-]{0,8}".prop_map(Edit::ClusterTag),
        (1u16..=65535).prop_map(Edit::ContainerPort),
        "[a-z][a-z0-9_]{0,8}".prop_map(Edit::PostgresUser),
        (0usize..8).prop_map(Edit::EnvSecret),
        (0usize..8).prop_map(Edit::EnvInProduction),
        Just(Edit::WriteDotenv),
        Just(Edit::ToggleLogging),
    ]
}

fn apply(c: &mut Config, edit: &Edit) {
    let n = c.env.len().max(1);
    match edit.clone() {
        Edit::EnvValue(i, v) => {
            if let Some(var) = c.env.get_mut(i % n) {
                var.value = v;
            }
        }
        Edit::EnvProd(i, o) => {
            if let Some(var) = c.env.get_mut(i % n) {
                match o {
                    Some(o) => var.per_env.insert(EnvName::Prod, o),
                    None => var.per_env.remove(&EnvName::Prod),
                };
            }
        }
        Edit::AppPort(p) => c.app.host_port = p,
        Edit::PostgresPort(p) => c.postgres.host_port = p,
        Edit::ToggleRedis => c.redis.enabled = !c.redis.enabled,
        Edit::TogglePgAdmin => c.pgadmin.enabled = !c.pgadmin.enabled,
        Edit::ProjectName(name) => c.project.name = name,
        Edit::Layout => {
            c.project.layout = match c.project.layout {
                Layout::Root => Layout::DockerDir,
                Layout::DockerDir => Layout::Root,
            }
        }
        Edit::Strategy => {
            c.project.strategy = match c.project.strategy {
                EnvStrategy::Overrides => EnvStrategy::Profiles,
                EnvStrategy::Profiles => EnvStrategy::Overrides,
            }
        }
        Edit::Environments(envs) => c.project.environments = envs,
        Edit::AddVariable(name) => c.env.push(EnvVar {
            name,
            value: "x".into(),
            ..EnvVar::default()
        }),
        Edit::RemoveVariable(i) => {
            if !c.env.is_empty() {
                c.env.remove(i % n);
            }
        }
        Edit::NodeVersion(v) => c.app.node_version = v,
        Edit::Restart => {
            c.ops.restart = match c.ops.restart {
                RestartPolicy::Always => RestartPolicy::UnlessStopped,
                _ => RestartPolicy::Always,
            }
        }
        Edit::ToggleKubernetes => c.kubernetes.enabled = !c.kubernetes.enabled,
        Edit::ClusterTag(tag) => {
            for env in c.kubernetes.environments.values_mut() {
                env.tag = tag.clone();
            }
        }
        Edit::ContainerPort(p) => c.app.container_port = p,
        Edit::PostgresUser(u) => c.postgres.user = u,
        Edit::EnvSecret(i) => {
            if let Some(var) = c.env.get_mut(i % n) {
                var.secret = !var.secret;
            }
        }
        Edit::EnvInProduction(i) => {
            if let Some(var) = c.env.get_mut(i % n) {
                var.in_production = !var.in_production;
            }
        }
        Edit::WriteDotenv => c.project.write_dotenv = !c.project.write_dotenv,
        Edit::ToggleLogging => {
            c.ops.logging = match c.ops.logging {
                Some(_) => None,
                None => Some(Logging::default()),
            }
        }
        Edit::ExtraPortBind(i) => {
            let count = c.extra_services.len().max(1);
            if let Some(s) = c.extra_services.get_mut(i % count) {
                for p in &mut s.ports {
                    p.bind = match p.bind {
                        Bind::Loopback => Bind::All,
                        Bind::All => Bind::Loopback,
                    };
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn incremental_equals_full(mut config in arb::config(), edits in proptest::collection::vec(edit(), 1..6)) {
        fill_missing_secrets(&mut config, &mut DeterministicEntropy(5));
        let mut renderer = Renderer::default();
        let mut before = renderer.generate(&config, &[]);
        prop_assert_eq!(&before, &generate(&config));
        for e in &edits {
            apply(&mut config, e);
            let after = renderer.generate(&config, &[]);
            prop_assert_eq!(&after, &generate(&config), "after {:?}", e);
            // A file not rendered again is the previous allocation (under its new path, when
            // a layout edit moved it), so callers can tell changed files by pointer.
            let reused = after
                .bundle
                .files
                .values()
                .filter(|file| before.bundle.files.values().any(|b| Arc::ptr_eq(&b.text, &file.text)))
                .count();
            prop_assert_eq!(
                reused + renderer.rendered_last_time(),
                after.bundle.files.len() + after.failures.len()
            );
            before = after;
        }
    }
}

#[test]
fn an_edit_renders_only_the_files_it_touches() {
    let mut config = presets::load("nextjs-render-parity").unwrap();
    fill_missing_secrets(&mut config, &mut DeterministicEntropy(5));
    let mut renderer = Renderer::default();
    let first = renderer.generate(&config, &[]);
    assert_eq!(renderer.rendered_last_time(), first.bundle.files.len());
    // Nothing changed: nothing rendered, every text shared.
    let again = renderer.generate(&config, &[]);
    assert_eq!(renderer.rendered_last_time(), 0);
    for (path, file) in &again.bundle.files {
        assert!(
            Arc::ptr_eq(&file.text, &first.bundle.files[path].text),
            "{path}"
        );
    }
    // A feature flag's value: the two .env files holding it, the base compose file (its
    // inline default) and render.yaml; not the Dockerfiles, scripts, overrides or the guide.
    let i = config
        .env
        .iter()
        .position(|v| v.name == "NEXT_PUBLIC_ENABLE_COURSES")
        .unwrap();
    config.env[i].value = "false".into();
    let edited = renderer.generate(&config, &[]);
    let changed: Vec<&String> = edited
        .bundle
        .files
        .iter()
        .filter(|(path, file)| !Arc::ptr_eq(&file.text, &again.bundle.files[*path].text))
        .map(|(path, _)| path)
        .collect();
    assert_eq!(
        changed,
        [
            "docker/.env",
            "docker/.env.example",
            "docker/.env.production.example",
            "docker/docker-compose.yml",
            "render.yaml"
        ]
    );
    assert_eq!(renderer.rendered_last_time(), changed.len());
}

/// Every kind of edit, once, on every preset with the Kubernetes output and the admin UIs on:
/// the renderer skips building the Kubernetes files when what they read is unchanged, and a
/// field wrongly left out of what they read shows here as a stale file.
#[test]
fn every_edit_kind_on_every_preset_with_kubernetes() {
    let edits = [
        Edit::EnvValue(0, "changed value".into()),
        Edit::EnvProd(0, Some(EnvOverride::SetAtDeploy)),
        Edit::EnvProd(1, Some(EnvOverride::Value("https://x.example".into()))),
        Edit::AppPort(3999),
        Edit::PostgresPort(Some(5499)),
        Edit::ToggleRedis,
        Edit::TogglePgAdmin,
        Edit::ProjectName("renamed".into()),
        Edit::Layout,
        Edit::Strategy,
        Edit::Environments(vec![EnvName::Dev, EnvName::Staging, EnvName::Prod]),
        Edit::AddVariable("ADDED_VAR".into()),
        Edit::RemoveVariable(0),
        Edit::NodeVersion("24".into()),
        Edit::Restart,
        Edit::ExtraPortBind(0),
        Edit::ToggleKubernetes,
        Edit::ClusterTag("9.9.9".into()),
        Edit::ContainerPort(4321),
        Edit::PostgresUser("someone".into()),
        Edit::EnvSecret(0),
        Edit::EnvInProduction(0),
        Edit::WriteDotenv,
        Edit::ToggleLogging,
    ];
    for p in presets::PRESETS {
        let mut base = presets::load(p.id).unwrap();
        fill_missing_secrets(&mut base, &mut DeterministicEntropy(5));
        let k = base.kubernetes.clone();
        let mut base = arb::on_kubernetes(base, k);
        if !base.project.environments.contains(&EnvName::Dev) {
            base.project.environments.insert(0, EnvName::Dev);
        }
        base.pgadmin.enabled = base.postgres.enabled;
        base.redis_commander.enabled = base.redis.enabled;
        for e in &edits {
            let mut config = base.clone();
            let mut renderer = Renderer::default();
            renderer.generate(&config, &[]);
            apply(&mut config, e);
            assert_eq!(
                renderer.generate(&config, &[]),
                generate(&config),
                "{}: after {e:?}",
                p.id
            );
        }
    }
}
