//! Every preset, and a few hundred random configurations, rendered to disk and checked by the
//! real third-party validators: Docker Compose `config`, hadolint, yamllint, dotenv-linter,
//! shellcheck, markdownlint, plus a read-back of every .env value through compose's own parser.

mod support;

use dockwright_engine::secret::{fill_missing_secrets, DeterministicEntropy};
use dockwright_engine::{generate, presets, Config};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config as RunnerConfig, TestRunner};
use std::path::PathBuf;
use support::*;

/// How many random configurations are checked (override with DOCKWRIGHT_RANDOM_CASES).
fn random_cases() -> usize {
    std::env::var("DOCKWRIGHT_RANDOM_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(320)
}

#[test]
fn presets_pass_every_validator_without_findings() {
    let Some(tools) = tools() else { return };
    let root = tempdir("presets");
    let mut report = Vec::new();
    // The presets and the snapshot tests' edge cases (engine/tests/inputs).
    let mut inputs: Vec<(String, Config)> = presets::PRESETS
        .iter()
        .map(|p| (p.id.to_string(), presets::load(p.id).unwrap()))
        .collect();
    inputs.extend(edge_inputs());
    for (id, mut config) in inputs {
        fill_missing_secrets(&mut config, &mut DeterministicEntropy(42));
        let dir = root.join(&id);
        render_with_env(&dir, &config);
        let r = check_bundle(&tools, &dir, &config);
        report.extend(r.compose);
        report.extend(r.env_roundtrip);
        let hado = hadolint(&tools, &files_matching(&dir, &is_dockerfile));
        report.extend(
            hado.into_iter()
                .map(|(f, l, c, m)| format!("hadolint {l} {c} {f}: {m}")),
        );
        let yaml = yamllint(&tools, &files_matching(&dir, &is_yaml));
        report.extend(
            yaml.into_iter()
                .filter(|(l, _)| !l.contains("(line-length)"))
                .map(|(l, _)| format!("yamllint {l}")),
        );
        report.extend(
            dotenv_linter(&tools, &files_matching(&dir, &is_env))
                .into_iter()
                .map(|l| format!("dotenv-linter {l}")),
        );
        report.extend(
            shellcheck(&tools, &files_matching(&dir, &is_shell))
                .into_iter()
                .map(|l| format!("shellcheck {l}")),
        );
        report.extend(
            markdownlint(&tools, &files_matching(&dir, &is_markdown))
                .into_iter()
                .map(|l| format!("markdownlint {l}")),
        );
        println!(
            "preset {}: compose variants {}, all validators clean so far: {}",
            id,
            compose_variants(&config).len(),
            report.is_empty()
        );
    }
    assert!(
        report.is_empty(),
        "validator findings on presets:\n{}",
        report.join("\n")
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn random_configurations_pass_every_validator() {
    let Some(tools) = tools() else { return };
    let wanted = random_cases();
    let root = tempdir("random");
    // A fixed seed keeps failures reproducible; DOCKWRIGHT_SEED explores other corners.
    let seed: u64 = std::env::var("DOCKWRIGHT_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20261122);
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let rng = proptest::test_runner::TestRng::from_seed(
        proptest::test_runner::RngAlgorithm::ChaCha,
        &seed_bytes,
    );
    let mut runner = TestRunner::new_with_rng(RunnerConfig::default(), rng);
    println!("random configuration seed: {seed}");
    let strategy = support_arb::config();
    let mut cases: Vec<(PathBuf, Config)> = Vec::new();
    let mut invalid = 0usize;
    let mut attempts = 0usize;
    while cases.len() < wanted && attempts < wanted * 4 {
        attempts += 1;
        let mut config = strategy.new_tree(&mut runner).unwrap().current();
        fill_missing_secrets(&mut config, &mut DeterministicEntropy(attempts as u64 + 1));
        let generation = generate(&config);
        if generation.has_errors() {
            invalid += 1;
            continue;
        }
        let dir = root.join(format!("case{:04}", cases.len()));
        render_with_env(&dir, &config);
        cases.push((dir, config));
    }
    assert!(
        cases.len() >= wanted,
        "only {} valid configurations out of {attempts}",
        cases.len()
    );

    // Per-bundle tools, on two threads (the machines have two cores).
    let failures = std::sync::Mutex::new(Vec::new());
    let compose_runs = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for half in cases.chunks(cases.len().div_ceil(2)) {
            let tools = &tools;
            let failures = &failures;
            let compose_runs = &compose_runs;
            scope.spawn(move || {
                for (dir, config) in half {
                    compose_runs.fetch_add(
                        compose_variants(config).len(),
                        std::sync::atomic::Ordering::Relaxed,
                    );
                    let r = check_bundle(tools, dir, config);
                    let mut f = failures.lock().unwrap();
                    for line in r.compose.into_iter().chain(r.env_roundtrip) {
                        f.push(format!(
                            "{line}\n  config: {}",
                            serde_json::to_string(config).unwrap()
                        ));
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();

    // Batch tools over every bundle at once.
    let dockerfiles = files_matching(&root, &is_dockerfile);
    let hado = hadolint(&tools, &dockerfiles);
    failures.extend(
        hado.iter()
            .filter(|(_, level, _, _)| level == "error")
            .map(|(f, l, c, m)| format!("hadolint {l} {c} {f}: {m}")),
    );
    let yaml_files = files_matching(&root, &is_yaml);
    let yaml = yamllint(&tools, &yaml_files);
    failures.extend(
        yaml.iter()
            .filter(|(_, is_error)| *is_error)
            .map(|(l, _)| format!("yamllint {l}")),
    );
    let env_files = files_matching(&root, &is_env);
    failures.extend(
        dotenv_linter(&tools, &env_files)
            .into_iter()
            .map(|l| format!("dotenv-linter {l}")),
    );
    let scripts = files_matching(&root, &is_shell);
    failures.extend(
        shellcheck(&tools, &scripts)
            .into_iter()
            .map(|l| format!("shellcheck {l}")),
    );
    let guides = files_matching(&root, &is_markdown);
    failures.extend(
        markdownlint(&tools, &guides)
            .into_iter()
            .map(|l| format!("markdownlint {l}")),
    );
    for (path, _) in cases
        .iter()
        .flat_map(|(d, _)| files_matching(d, &is_yaml).into_iter().map(move |p| (p, d)))
    {
        let text = std::fs::read_to_string(&path).unwrap();
        // The Kubernetes manifests are streams of several documents.
        let parsed: Result<Vec<serde_yaml::Value>, _> = serde_yaml::Deserializer::from_str(&text)
            .map(serde::Deserialize::deserialize)
            .collect();
        if let Err(e) = parsed {
            failures.push(format!("serde_yaml cannot parse {}: {e}", path.display()));
        }
    }
    let hado_warnings = hado
        .iter()
        .filter(|(_, level, _, _)| level != "error")
        .count();
    println!(
        "random configurations: {} valid checked ({invalid} invalid skipped of {attempts}); compose config runs: {}; Dockerfiles: {}; YAML files: {}; env files: {}; scripts: {}; guides: {}; hadolint non-error findings: {hado_warnings}; failures: {}",
        cases.len(),
        compose_runs.into_inner(),
        dockerfiles.len(),
        yaml_files.len(),
        env_files.len(),
        scripts.len(),
        guides.len(),
        failures.len()
    );
    let report = workspace_root().join("target/validator-failures.txt");
    let _ = std::fs::remove_file(&report);
    if failures.is_empty() {
        let _ = std::fs::remove_dir_all(&root);
    } else {
        let _ = std::fs::write(&report, failures.join("\n"));
        println!("all failures: {}", report.display());
    }
    assert!(
        failures.is_empty(),
        "{} validator failures:\n{}",
        failures.len(),
        failures
            .iter()
            .take(25)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[path = "support/arb.rs"]
mod support_arb;

/// The harness itself can fail: each tool must flag a deliberately broken file.
#[test]
fn validators_detect_known_defects() {
    let Some(tools) = tools() else { return };
    let dir = tempdir("defects");
    std::fs::write(
        dir.join("Dockerfile"),
        "FROM node:latest\nRUN cd /app && npm install\nCMD node server.js\n",
    )
    .unwrap();
    std::fs::write(dir.join("bad.yml"), "a: [1,\n  b: yes\n").unwrap();
    std::fs::write(dir.join(".env.bad"), "lower key=1\nA=1\nA=2\n").unwrap();
    std::fs::write(dir.join("bad.sh"), "#!/bin/sh\nrm -rf $DIR/*\n").unwrap();
    std::fs::write(dir.join("docker-compose.yml"), "services:\n  a:\n    image: x\n    depends_on:\n      b:\n        condition: service_bogus\n").unwrap();
    assert!(hadolint(&tools, &[dir.join("Dockerfile")])
        .iter()
        .any(|f| f.1 == "warning" || f.1 == "error"));
    assert!(yamllint(&tools, &[dir.join("bad.yml")])
        .iter()
        .any(|(_, e)| *e));
    assert!(!dotenv_linter(&tools, &[dir.join(".env.bad")]).is_empty());
    assert!(!shellcheck(&tools, &[dir.join("bad.sh")]).is_empty());
    assert!(!run(compose_cmd(&tools, &dir).args(["config", "--quiet"])).ok);
    let _ = std::fs::remove_dir_all(&dir);
}
