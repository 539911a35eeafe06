//! The stack model (`dockwright_engine::stack`, which the page's stack picture and environment
//! comparison draw) against Docker Compose's own merge: for every preset, every edge-case
//! input and a set of random configurations, each environment's stack must name the same
//! services, images, builds, published ports, mounts, `depends_on` conditions and networks as
//! `docker compose … config --format json` prints for the same files, and the same variables,
//! restart policy, healthcheck and memory limit that the environment comparison shows.

mod support;

use dockwright_engine::config::{EnvName, EnvStrategy};
use dockwright_engine::output::paths::Paths;
use dockwright_engine::resolve::Resolved;
use dockwright_engine::secret::{fill_missing_secrets, DeterministicEntropy};
use dockwright_engine::stack::{self, Stack};
use dockwright_engine::{generate, presets, Config};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config as RunnerConfig, TestRunner};
use serde_json::Value;
use std::collections::BTreeSet;
use support::*;

#[path = "support/arb.rs"]
mod support_arb;

/// The compose arguments that start one environment.
fn variant_args(config: &Config, env: Option<EnvName>) -> Vec<String> {
    let paths = Paths::new(config);
    let base = paths.compose_name(None);
    match (env, config.project.strategy) {
        (None, _) => vec!["-f".into(), base],
        (Some(e), EnvStrategy::Overrides) => {
            vec!["-f".into(), base, "-f".into(), paths.compose_name(Some(e))]
        }
        (Some(e), EnvStrategy::Profiles) => {
            vec!["-f".into(), base, "--profile".into(), e.as_str().into()]
        }
    }
}

/// One service's facts as a set of comparable lines.
fn facts_of_model(s: &stack::StackService) -> BTreeSet<String> {
    let mut f = BTreeSet::new();
    match (&s.image, &s.service.build) {
        (_, Some(b)) => {
            f.insert(format!("build target {:?}", b.target));
        }
        (Some(i), None) => {
            f.insert(format!("image {i}"));
        }
        _ => {}
    }
    for p in &s.ports {
        f.insert(format!(
            "port {}:{}:{}",
            p.host_ip.as_deref().unwrap_or(""),
            p.host,
            p.container
        ));
    }
    for m in &s.mounts {
        // Bind sources are made absolute by compose; the target identifies the mount.
        let source = if m.named { m.source.as_str() } else { "" };
        f.insert(format!("mount {source}:{}:{}", m.target, m.read_only));
    }
    for d in &s.depends_on {
        f.insert(format!(
            "depends {} {}",
            d.service,
            serde_json::to_value(d.condition).unwrap().as_str().unwrap()
        ));
    }
    for n in &s.service.networks {
        f.insert(format!("network {n}"));
    }
    // What the comparison view shows beyond the picture: the variables set, restart policy,
    // whether a healthcheck runs, and resource limits.
    for (k, _) in &s.service.environment.0 {
        f.insert(format!("env {k}"));
    }
    if let Some(r) = &s.service.restart {
        f.insert(format!("restart {r}"));
    }
    f.insert(format!("healthcheck {}", s.healthcheck));
    if let Some(l) = s
        .service
        .deploy
        .as_ref()
        .and_then(|d| d.resources.limits.as_ref())
    {
        f.insert(format!("memory {}", bytes(&l.memory)));
    }
    f
}

/// A memory size as compose prints it: `768M` is 805306368 (binary units).
fn bytes(size: &str) -> u64 {
    let digits: String = size.chars().take_while(char::is_ascii_digit).collect();
    let unit = match size[digits.len()..]
        .to_ascii_lowercase()
        .trim_end_matches('b')
    {
        "k" => 1 << 10,
        "m" => 1 << 20,
        "g" => 1 << 30,
        _ => 1,
    };
    digits.parse::<u64>().unwrap_or(0) * unit
}

fn facts_of_compose(s: &Value) -> BTreeSet<String> {
    let mut f = BTreeSet::new();
    let str_of = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    if let Some(b) = s.get("build") {
        f.insert(format!(
            "build target {:?}",
            b.get("target").and_then(Value::as_str)
        ));
    } else if let Some(i) = s["image"].as_str() {
        f.insert(format!("image {i}"));
    }
    for p in s["ports"].as_array().into_iter().flatten() {
        f.insert(format!(
            "port {}:{}:{}",
            str_of(&p["host_ip"]),
            str_of(&p["published"]),
            str_of(&p["target"])
        ));
    }
    for v in s["volumes"].as_array().into_iter().flatten() {
        let source = if v["type"] == "volume" {
            str_of(&v["source"])
        } else {
            String::new()
        };
        f.insert(format!(
            "mount {source}:{}:{}",
            str_of(&v["target"]),
            v["read_only"].as_bool().unwrap_or(false)
        ));
    }
    for (name, d) in s["depends_on"].as_object().into_iter().flatten() {
        f.insert(format!("depends {name} {}", str_of(&d["condition"])));
    }
    for (name, _) in s["networks"].as_object().into_iter().flatten() {
        f.insert(format!("network {name}"));
    }
    for (k, _) in s["environment"].as_object().into_iter().flatten() {
        f.insert(format!("env {k}"));
    }
    if let Some(r) = s["restart"].as_str() {
        f.insert(format!("restart {r}"));
    }
    f.insert(format!("healthcheck {}", s.get("healthcheck").is_some()));
    let memory = &s["deploy"]["resources"]["limits"]["memory"];
    if !memory.is_null() {
        f.insert(format!("memory {}", str_of(memory)));
    }
    f
}

/// Compares every environment of one rendered configuration; returns the mismatches.
fn check(tools: &Tools, label: &str, config: &Config, dir: &std::path::Path) -> Vec<String> {
    let compose_dir = dir.join(Paths::new(config).compose_dir);
    let stacks: Vec<Stack> = stack::stacks(&Resolved::new(config));
    let mut failures = Vec::new();
    for st in &stacks {
        let args = variant_args(config, st.env);
        let out = run(compose_cmd(tools, &compose_dir)
            .env("COMPOSE_PROFILES", "")
            .args(&args)
            .args(["config", "--format", "json"]));
        if !out.ok {
            failures.push(format!(
                "{label} {}: compose config failed: {}",
                st.label(),
                out.text
            ));
            continue;
        }
        let start = out.text.find('{').unwrap_or(0);
        let json: Value = match serde_json::Deserializer::from_str(&out.text[start..])
            .into_iter::<Value>()
            .next()
        {
            Some(Ok(v)) => v,
            _ => {
                failures.push(format!("{label}: unreadable compose output: {}", out.text));
                continue;
            }
        };
        let services = json["services"].as_object().cloned().unwrap_or_default();
        let ours: BTreeSet<&str> = st.services.iter().map(|s| s.name.as_str()).collect();
        let theirs: BTreeSet<&str> = services.keys().map(String::as_str).collect();
        if ours != theirs {
            failures.push(format!(
                "{label} {}: services {ours:?}, compose runs {theirs:?}",
                st.label()
            ));
            continue;
        }
        for s in &st.services {
            let (a, b) = (facts_of_model(s), facts_of_compose(&services[&s.name]));
            if a != b {
                failures.push(format!(
                    "{label} {} {}:\n  only in the stack model: {:?}\n  only in compose config: {:?}",
                    st.label(),
                    s.name,
                    a.difference(&b).collect::<Vec<_>>(),
                    b.difference(&a).collect::<Vec<_>>()
                ));
            }
        }
        let volumes: BTreeSet<String> = st.volumes.iter().cloned().collect();
        let declared: BTreeSet<String> = json["volumes"]
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        if !volumes.is_subset(&declared) {
            failures.push(format!(
                "{label} {}: volumes {volumes:?} not all declared ({declared:?})",
                st.label()
            ));
        }
    }
    failures
}

#[test]
fn every_stack_matches_what_compose_merges() {
    let Some(tools) = tools() else { return };
    let root = tempdir("stack");
    let mut inputs: Vec<(String, Config)> = presets::PRESETS
        .iter()
        .map(|p| (p.id.to_string(), presets::load(p.id).unwrap()))
        .collect();
    inputs.extend(edge_inputs());
    // Random configurations: the same generator as the validator test, fixed seed.
    let mut seed_bytes = [0u8; 32];
    seed_bytes[0] = 7;
    let rng = proptest::test_runner::TestRng::from_seed(
        proptest::test_runner::RngAlgorithm::ChaCha,
        &seed_bytes,
    );
    let mut runner = TestRunner::new_with_rng(RunnerConfig::default(), rng);
    let strategy = support_arb::config();
    let mut random = 0;
    for attempt in 0..200u64 {
        if random == 40 {
            break;
        }
        let mut config = strategy.new_tree(&mut runner).unwrap().current();
        fill_missing_secrets(&mut config, &mut DeterministicEntropy(attempt + 1));
        if generate(&config).has_errors() {
            continue;
        }
        inputs.push((format!("random{random:02}"), config));
        random += 1;
    }
    let mut failures = Vec::new();
    let mut environments = 0;
    for (label, mut config) in inputs {
        fill_missing_secrets(&mut config, &mut DeterministicEntropy(42));
        let dir = root.join(&label);
        render_with_env(&dir, &config);
        environments += stack::stacks(&Resolved::new(&config)).len();
        failures.extend(check(&tools, &label, &config, &dir));
    }
    let _ = std::fs::remove_dir_all(&root);
    println!("stack model vs compose config: {environments} environments compared");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The comparison must be able to fail: a stack with a port compose does not publish.
#[test]
fn a_wrong_stack_is_caught() {
    let Some(tools) = tools() else { return };
    let config = presets::load(presets::DEFAULT_PRESET).unwrap();
    let mut config = config;
    fill_missing_secrets(&mut config, &mut DeterministicEntropy(1));
    let dir = tempdir("stack-wrong");
    render_with_env(&dir, &config);
    let mut st = stack::stacks(&Resolved::new(&config)).remove(0);
    st.services[0].ports.push(stack::Port {
        host_ip: None,
        host: "9".into(),
        variable: None,
        container: "9".into(),
    });
    let s = &st.services[0];
    let compose_dir = dir.join(Paths::new(&config).compose_dir);
    let out = run(compose_cmd(&tools, &compose_dir)
        .args(variant_args(&config, st.env))
        .args(["config", "--format", "json"]));
    let json: Value = serde_json::from_str(&out.text[out.text.find('{').unwrap()..]).unwrap();
    assert_ne!(
        facts_of_model(s),
        facts_of_compose(&json["services"][&s.name])
    );
    let _ = std::fs::remove_dir_all(&dir);
}
