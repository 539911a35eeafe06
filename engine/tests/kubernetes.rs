//! The Kubernetes tree (`k8s/`), taken as far as a cluster would take it: every overlay of
//! every preset and of random configurations is built with the real `kubectl kustomize`,
//! validated with kubernetes-validate `--strict` against Kubernetes 1.30 and 1.33 (a removed
//! API counts), scanned by checkov's kubernetes framework (no failure outside the documented
//! exceptions below), and read by our own checks of what no schema checks (references,
//! hostnames, literal secrets, Pod Security "restricted"). Snapshots of the tree for every
//! preset.

#[path = "support/arb.rs"]
mod arb;
mod support;

use dockwright_engine::output::kubernetes::{self as k8s};
use dockwright_engine::resolve::Resolved;
use dockwright_engine::secret::{fill_missing_secrets, DeterministicEntropy};
use dockwright_engine::{generate, presets, Config};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config as RunnerConfig, TestRunner};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use support::*;

/// checkov checks the tree does not meet, each for a stated reason (KUBERNETES.md's Security
/// section and the closing note say the same):
/// - CKV_K8S_43 (image by digest): each overlay promotes a tag; `images: digest:` pins one
///   when a team wants it, which a generator cannot know in advance.
/// - CKV_K8S_40 (uid above 10000): the images' own users (postgres 70/999, redis 999, the
///   app's configured uid) own their files; another uid could not write them.
/// - CKV_K8S_35 (secrets as files): Prisma reads DATABASE_URL (and the app its own secrets)
///   from the environment; PostgreSQL and the backup job read the password from a file.
const CHECKOV_EXCEPTIONS: [&str; 3] = ["CKV_K8S_43", "CKV_K8S_40", "CKV_K8S_35"];

/// Kubernetes versions every overlay must validate against.
const KUBERNETES_VERSIONS: [&str; 2] = ["1.30.0", "1.33.0"];

/// Renders `config` into `dir`, builds each overlay and writes the built objects to
/// `built/<label>-<env>.yaml`. Returns our own checks' findings.
fn build(tools: &K8sTools, config: &Config, dir: &Path, built: &Path, label: &str) -> Vec<String> {
    let generation = generate(config);
    assert!(
        !generation.has_errors(),
        "{label}: {:#?}",
        generation.diagnostics
    );
    generation.bundle.write_to_dir(dir).unwrap();
    let resolved = Resolved::new(config);
    let mut findings = Vec::new();
    for env in k8s::environments(&resolved) {
        let overlay = dir.join(format!("k8s/overlays/{}", env.as_str()));
        let secrets = overlay.join("secrets.env");
        if !secrets.exists() {
            // What the guide tells the user to do: fill the example's keys.
            let example = std::fs::read_to_string(overlay.join("secrets.env.example")).unwrap();
            let filled: String = example
                .lines()
                .map(|l| {
                    if !l.starts_with('#') && l.ends_with('=') {
                        format!("{l}filled0by0the0deployer\n")
                    } else {
                        format!("{l}\n")
                    }
                })
                .collect();
            std::fs::write(&secrets, filled).unwrap();
        }
        let out = run(Command::new(&tools.kubectl).arg("kustomize").arg(&overlay));
        if !out.ok {
            findings.push(format!(
                "{label}/{}: kubectl kustomize: {}",
                env.as_str(),
                out.text
            ));
            continue;
        }
        std::fs::write(
            built.join(format!("{label}-{}.yaml", env.as_str())),
            &out.text,
        )
        .unwrap();
        let objects: Vec<serde_json::Value> = serde_yaml::Deserializer::from_str(&out.text)
            .map(|d| serde::Deserialize::deserialize(d).unwrap())
            .collect();
        let namespace = k8s::namespace(config, env);
        findings.extend(
            cluster::check(&objects, &namespace)
                .into_iter()
                .map(|f| format!("{label}/{}: {f}", env.as_str())),
        );
    }
    findings
}

/// kubernetes-validate and checkov over every built overlay in `built`.
fn validate(tools: &K8sTools, built: &Path) -> Vec<String> {
    let mut findings = Vec::new();
    let files = files_matching(built, &is_yaml);
    assert!(!files.is_empty(), "nothing was built");
    for version in KUBERNETES_VERSIONS {
        let out = run(Command::new(&tools.validate)
            .args(["--strict", "--quiet", "-k", version])
            .args(&files));
        // A kind or apiVersion it has no schema for (a removed API) is only a warning there.
        findings.extend(
            out.text
                .lines()
                .filter(|l| l.starts_with("ERROR") || l.starts_with("WARN"))
                .map(|l| format!("kubernetes-validate {version}: {l}")),
        );
        if !out.ok && findings.is_empty() {
            findings.push(format!(
                "kubernetes-validate {version} failed: {}",
                out.text
            ));
        }
    }
    let out = run(Command::new(&tools.checkov)
        .args([
            "--framework",
            "kubernetes",
            "--skip-download",
            "--quiet",
            "--compact",
            "-o",
            "json",
            "-d",
        ])
        .arg(built));
    let json_start = out.text.find(['{', '[']).unwrap_or(0);
    let report: serde_json::Value = serde_json::Deserializer::from_str(&out.text[json_start..])
        .into_iter()
        .next()
        .and_then(Result::ok)
        .unwrap_or_else(|| panic!("checkov printed no report: {}", out.text));
    let reports = match report {
        serde_json::Value::Array(a) => a,
        one => vec![one],
    };
    let mut checked = 0;
    for r in &reports {
        checked += r["summary"]["passed"].as_u64().unwrap_or(0);
        if r["summary"]["parsing_errors"].as_u64().unwrap_or(0) > 0 {
            findings.push(format!(
                "checkov could not parse: {}",
                r["results"]["parsing_errors"]
            ));
        }
        for failed in r["results"]["failed_checks"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let check = failed["check_id"].as_str().unwrap_or("");
            if !CHECKOV_EXCEPTIONS.contains(&check) {
                findings.push(format!(
                    "checkov {check} ({}) on {} in {}",
                    failed["check_name"].as_str().unwrap_or(""),
                    failed["resource"].as_str().unwrap_or(""),
                    failed["file_path"].as_str().unwrap_or("")
                ));
            }
        }
    }
    assert!(checked > 0, "checkov checked nothing: {}", out.text);
    findings
}

/// Every preset, with the Kubernetes output on (as the preset has it, or switched on), and
/// the edge-case inputs (`engine/tests/inputs`) that have it on.
fn presets_on_kubernetes() -> Vec<(String, Config)> {
    let mut out: Vec<(String, Config)> = presets::PRESETS
        .iter()
        .map(|p| {
            let mut c = presets::load(p.id).unwrap();
            fill_missing_secrets(&mut c, &mut DeterministicEntropy(7));
            if !c.kubernetes.enabled {
                let k = c.kubernetes.clone();
                c = arb::on_kubernetes(c, k);
            }
            (p.id.to_string(), c)
        })
        .collect();
    for (name, mut c) in edge_inputs() {
        if c.kubernetes.enabled {
            fill_missing_secrets(&mut c, &mut DeterministicEntropy(7));
            out.push((format!("edge-{name}"), c));
        }
    }
    out
}

#[test]
fn every_preset_builds_validates_and_passes_our_checks() {
    let Some(tools) = k8s_tools() else { return };
    let root = tempdir("k8s-presets");
    let built = root.join("built");
    std::fs::create_dir_all(&built).unwrap();
    let mut findings = Vec::new();
    for (id, config) in presets_on_kubernetes() {
        findings.extend(build(&tools, &config, &root.join(&id), &built, &id));
    }
    findings.extend(validate(&tools, &built));
    assert!(findings.is_empty(), "{}", findings.join("\n"));
}

#[test]
fn random_configurations_build_validate_and_pass_our_checks() {
    let Some(tools) = k8s_tools() else { return };
    let cases: usize = std::env::var("DOCKWRIGHT_K8S_RANDOM_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    let root = tempdir("k8s-random");
    let built = root.join("built");
    std::fs::create_dir_all(&built).unwrap();
    let mut runner = TestRunner::new(RunnerConfig::default());
    let strategy = (arb::config(), arb::kubernetes());
    let mut findings = Vec::new();
    let mut done = 0;
    while done < cases {
        let (c, k) = strategy.new_tree(&mut runner).unwrap().current();
        let mut c = arb::on_kubernetes(c, k);
        fill_missing_secrets(&mut c, &mut DeterministicEntropy(done as u64));
        // Real secrets are unique strings; the generators' free text can make a secret equal
        // an ordinary value, which the literal-secret check would rightly report.
        for (i, v) in c.env.iter_mut().enumerate() {
            if v.secret && !v.value.is_empty() {
                v.value = format!(
                    "s3cret{done}x{i}x{:016x}",
                    (done as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ i as u64
                );
            }
        }
        if generate(&c).has_errors() {
            // The generators aim at valid configurations; the rare invalid one is skipped, as
            // in the compose validators' test.
            continue;
        }
        findings.extend(build(
            &tools,
            &c,
            &root.join(format!("case{done}")),
            &built,
            &format!("case{done}"),
        ));
        if !findings.is_empty() {
            std::fs::write(root.join("failing-config.yaml"), c.to_yaml()).ok();
            break;
        }
        done += 1;
    }
    findings.extend(validate(&tools, &built));
    assert!(
        findings.is_empty(),
        "{}\n(configurations under {})",
        findings.join("\n"),
        root.display()
    );
}

#[test]
fn our_checks_find_known_defects() {
    let Some(tools) = k8s_tools() else { return };
    let root = tempdir("k8s-defects");
    let built = root.join("built");
    std::fs::create_dir_all(&built).unwrap();
    let (id, config) = presets_on_kubernetes()
        .into_iter()
        .find(|(id, _)| id == "nextjs-hardened")
        .unwrap();
    assert!(build(&tools, &config, &root.join(&id), &built, &id).is_empty());
    let text = std::fs::read_to_string(built.join(format!("{id}-prod.yaml"))).unwrap();
    let objects: Vec<serde_json::Value> = serde_yaml::Deserializer::from_str(&text)
        .map(|d| serde::Deserialize::deserialize(d).unwrap())
        .collect();
    let namespace = k8s::namespace(&config, dockwright_engine::config::EnvName::Prod);
    assert_eq!(cluster::check(&objects, &namespace), Vec::<String>::new());
    type Mutation = fn(&mut Vec<serde_json::Value>);
    let defects: [(&str, Mutation); 8] = [
        ("selector matches no pod", |o| {
            let svc = o
                .iter_mut()
                .find(|o| o["kind"] == "Service" && o["metadata"]["name"] == "postgres")
                .unwrap();
            svc["spec"]["selector"]["app.kubernetes.io/name"] = "postgre".into();
        }),
        ("targetPort", |o| {
            let svc = o
                .iter_mut()
                .find(|o| o["kind"] == "Service" && o["metadata"]["name"] == "redis")
                .unwrap();
            svc["spec"]["ports"][0]["targetPort"] = "cache".into();
        }),
        ("names host", |o| {
            let d = o.iter_mut().find(|o| o["kind"] == "Deployment").unwrap();
            for e in d["spec"]["template"]["spec"]["containers"][0]["env"]
                .as_array_mut()
                .unwrap()
            {
                if e["name"] == "REDIS_URL" {
                    e["value"] = "redis://cache:6379".into();
                }
            }
        }),
        ("lacks", |o| {
            let cm = o
                .iter_mut()
                .find(|o| o["kind"] == "ConfigMap" && o["data"]["POSTGRES_DB"].is_string())
                .unwrap();
            cm["data"].as_object_mut().unwrap().remove("POSTGRES_DB");
        }),
        ("secret's value as a literal", |o| {
            let secret = o.iter().find(|o| o["kind"] == "Secret").unwrap();
            let password = String::from_utf8(cluster::base64_decode(
                secret["data"]["POSTGRES_PASSWORD"].as_str().unwrap(),
            ))
            .unwrap();
            let d = o.iter_mut().find(|o| o["kind"] == "Deployment").unwrap();
            d["spec"]["template"]["spec"]["containers"][0]["env"]
                .as_array_mut()
                .unwrap()
                .push(serde_json::json!({"name": "DB_PASS", "value": password}));
        }),
        ("no seccomp profile", |o| {
            let s = o.iter_mut().find(|o| o["kind"] == "StatefulSet").unwrap();
            s["spec"]["template"]["spec"]["securityContext"]
                .as_object_mut()
                .unwrap()
                .remove("seccompProfile");
        }),
        ("no limits.memory", |o| {
            let s = o.iter_mut().find(|o| o["kind"] == "Deployment").unwrap();
            s["spec"]["template"]["spec"]["initContainers"][0]["resources"]
                .as_object_mut()
                .unwrap()
                .remove("limits");
        }),
        ("namespace is not", |o| {
            let s = o.iter_mut().find(|o| o["kind"] == "Service").unwrap();
            s["metadata"]["namespace"] = "default".into();
        }),
    ];
    for (expected, mutate) in defects {
        let mut broken = objects.clone();
        mutate(&mut broken);
        let found = cluster::check(&broken, &namespace);
        assert!(
            found.iter().any(|f| f.contains(expected)),
            "the check for {expected:?} did not fire: {found:#?}"
        );
    }
}

#[test]
fn kubernetes_errors_stop_only_the_kubernetes_files() {
    let mut c = presets::load("nextjs-hardened").unwrap();
    fill_missing_secrets(&mut c, &mut DeterministicEntropy(1));
    c.app.service_name = "web.v2".into();
    let g = generate(&c);
    let d = g
        .diagnostics
        .iter()
        .find(|d| d.path == "app.service_name")
        .expect("a DNS-1035 error at the app's name");
    assert!(d.kubernetes_only && d.is_error(), "{d:?}");
    assert!(g.bundle.files.contains_key("Dockerfile"));
    assert!(g.bundle.files.contains_key("docker-compose.yml"));
    assert!(g.blocked.contains_key("k8s/base/app.yaml"));
    assert!(g.bundle.files.keys().all(|p| !p.starts_with("k8s/")));
    // A Kubernetes field's own error stops the Kubernetes files too, and nothing else.
    c.app.service_name = "guardian".into();
    c.kubernetes.storage.postgres = "lots".into();
    let g = generate(&c);
    assert!(g
        .diagnostics
        .iter()
        .any(|d| d.path == "kubernetes.storage.postgres"));
    assert!(g.bundle.files.contains_key("docker-compose.yml"));
    assert!(g.blocked.contains_key("k8s/base/postgres.yaml"));
}

#[test]
fn production_overlays_never_carry_secret_values() {
    for (id, config) in presets_on_kubernetes() {
        let g = generate(&config);
        for (path, file) in &g.bundle.files {
            let production =
                path.contains("/overlays/prod/") || path.contains("/overlays/staging/");
            if production {
                assert!(
                    !path.ends_with("/secrets.env"),
                    "{id}: {path} ships secret values"
                );
            }
            if path.starts_with("k8s/") && path.ends_with(".yaml") {
                let password = &config.postgres.password.value;
                assert!(
                    password.is_empty() || !file.text.contains(password.as_str()),
                    "{id}: {path} holds the database password"
                );
            }
        }
    }
}

#[test]
fn tree_snapshots_for_every_preset() {
    for (id, config) in presets_on_kubernetes() {
        let g = generate(&config);
        let tree: BTreeMap<&String, &str> = g
            .bundle
            .files
            .iter()
            .filter(|(p, _)| p.starts_with("k8s/") || p.as_str() == "KUBERNETES.md")
            // Generated secret values differ per run of the entropy source: never snapshot them.
            .filter(|(p, _)| !p.ends_with("/secrets.env"))
            .map(|(p, f)| (p, &*f.text))
            .collect();
        let mut listing = String::new();
        for (path, text) in tree {
            listing.push_str(&format!("===== {path}\n{text}\n"));
        }
        insta::assert_snapshot!(format!("k8s-{id}"), listing);
    }
}

/// `kind/name` -> object, with Kustomize's content hashes taken off generated names and
/// Secret values blanked (the test fills production secrets the preview leaves empty).
fn comparable(objects: Vec<serde_json::Value>) -> BTreeMap<String, serde_json::Value> {
    fn unhash(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::String(s) => {
                for generated in [k8s::CONFIG_MAP, k8s::SECRET, "postgres-init"] {
                    let rest = s.strip_prefix(generated).and_then(|r| r.strip_prefix('-'));
                    if rest.is_some_and(|h| {
                        h.len() == 10 && h.chars().all(|c| c.is_ascii_alphanumeric())
                    }) {
                        *s = generated.to_string();
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(unhash),
            serde_json::Value::Object(o) => o.values_mut().for_each(unhash),
            _ => {}
        }
    }
    objects
        .into_iter()
        .map(|mut o| {
            unhash(&mut o);
            // An empty generator: Kustomize writes `data: {}`, the preview leaves it out.
            if (o["kind"] == "Secret" || o["kind"] == "ConfigMap") && o["data"].is_null() {
                o["data"] = serde_json::json!({});
            }
            if o["kind"] == "Secret" {
                for (_, v) in o["data"].as_object_mut().into_iter().flatten() {
                    *v = "".into();
                }
            }
            let key = format!(
                "{}/{}",
                o["kind"].as_str().unwrap_or(""),
                o["metadata"]["name"].as_str().unwrap_or("")
            );
            (key, o)
        })
        .collect()
}

#[test]
fn merged_preview_is_what_kustomize_builds() {
    let Some(tools) = k8s_tools() else { return };
    let root = tempdir("k8s-merged");
    let built = root.join("built");
    std::fs::create_dir_all(&built).unwrap();
    let mut runner = TestRunner::new(RunnerConfig::default());
    let strategy = (arb::config(), arb::kubernetes());
    let mut inputs = presets_on_kubernetes();
    while inputs.len() < presets::PRESETS.len() + 12 {
        let (c, k) = strategy.new_tree(&mut runner).unwrap().current();
        let mut c = arb::on_kubernetes(c, k);
        fill_missing_secrets(&mut c, &mut DeterministicEntropy(3));
        if !generate(&c).has_errors() {
            inputs.push((format!("random{}", inputs.len()), c));
        }
    }
    for (id, config) in inputs {
        assert!(build(&tools, &config, &root.join(&id), &built, &id).is_empty());
        let resolved = Resolved::new(&config);
        for env in k8s::environments(&resolved) {
            let text =
                std::fs::read_to_string(built.join(format!("{id}-{}.yaml", env.as_str()))).unwrap();
            let kustomized: Vec<serde_json::Value> = serde_yaml::Deserializer::from_str(&text)
                .map(|d| serde::Deserialize::deserialize(d).unwrap())
                .collect();
            let preview = k8s::merged::render(&resolved, env);
            let ours: Vec<serde_json::Value> = serde_yaml::Deserializer::from_str(&preview)
                .map(|d| serde::Deserialize::deserialize(d).unwrap())
                .collect();
            let (want, got) = (comparable(kustomized), comparable(ours));
            assert_eq!(
                want.keys().collect::<Vec<_>>(),
                got.keys().collect::<Vec<_>>(),
                "{id}/{}: objects differ",
                env.as_str()
            );
            for (key, object) in &want {
                // Maps compare without regard to key order; the message shows both sorted.
                if *object != got[key] {
                    let sorted = |v: &serde_json::Value| {
                        let s: BTreeMap<String, serde_json::Value> =
                            serde_json::from_value(v.clone()).unwrap();
                        serde_yaml::to_string(&s).unwrap()
                    };
                    panic!(
                        "{id}/{}: {key} differs\nkustomize:\n{}\npreview:\n{}",
                        env.as_str(),
                        sorted(object),
                        sorted(&got[key])
                    );
                }
            }
        }
    }
}
