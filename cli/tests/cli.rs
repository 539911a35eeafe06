//! The `dockwright` command as a user runs it: outputs, exit codes, and error messages that name
//! the field.

use std::path::PathBuf;
use std::process::{Command, Output};

fn dockwright(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dockwright"))
        .args(args)
        .output()
        .expect("run dockwright")
}

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dockwright-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn presets_lists_every_preset_and_marks_the_default() {
    let out = dockwright(&["presets"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for p in dockwright_engine::presets::PRESETS {
        assert!(text.contains(p.id), "{} missing", p.id);
    }
    assert!(text.contains("nextjs-prisma-selfhosted (default)"));
}

#[test]
fn render_writes_the_bundle_with_executable_scripts() {
    let dir = tempdir("render");
    let out = dockwright(&[
        "render",
        "--preset",
        "nextjs-render-parity",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for f in [
        "Dockerfile",
        "docker/docker-compose.yml",
        "docker/docker-compose.dev.yml",
        "docker/.env",
        "render.yaml",
        "DOCKER.md",
    ] {
        assert!(dir.join(f).is_file(), "{f} missing");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("scripts/docker-entrypoint.sh"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o755);
    }
    // Secrets come from the OS CSPRNG: two renders differ only there.
    let env = std::fs::read_to_string(dir.join("docker/.env")).unwrap();
    assert!(env
        .lines()
        .any(|l| l.starts_with("POSTGRES_PASSWORD=") && l.len() > 40));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn config_link_and_zip_round_trip() {
    let dir = tempdir("roundtrip");
    let config_path = dir.join("dockwright.yaml");
    let out = dockwright(&["config", "--preset", "node-minimal", "--include-secrets"]);
    assert!(out.status.success());
    std::fs::write(&config_path, &out.stdout).unwrap();
    let link = dockwright(&[
        "link",
        "--config",
        config_path.to_str().unwrap(),
        "--include-secrets",
    ]);
    assert!(link.status.success());
    let link = String::from_utf8_lossy(&link.stdout).trim().to_string();
    assert!(link.starts_with("#c=v2."));
    let (a, b) = (dir.join("a.zip"), dir.join("b.zip"));
    assert!(dockwright(&[
        "zip",
        "--config",
        config_path.to_str().unwrap(),
        "-o",
        a.to_str().unwrap()
    ])
    .status
    .success());
    assert!(dockwright(&[
        "zip",
        "--link",
        &format!("https://example.test/{link}"),
        "-o",
        b.to_str().unwrap()
    ])
    .status
    .success());
    assert_eq!(
        std::fs::read(&a).unwrap(),
        std::fs::read(&b).unwrap(),
        "a link with secrets reproduces the same zip"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn errors_name_the_field_and_exit_non_zero() {
    let dir = tempdir("errors");
    let bad = dir.join("bad.yaml");
    std::fs::write(&bad, "project:\n  name: Bad Name\napp:\n  host_port: 0\n").unwrap();
    let out = dockwright(&[
        "render",
        "--config",
        bad.to_str().unwrap(),
        "--out",
        dir.join("out").to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error: project.name:"), "{err}");
    assert!(err.contains("error: app.host_port:"), "{err}");
    assert!(
        !dir.join("out").exists(),
        "nothing is written when errors block the bundle"
    );

    std::fs::write(&bad, "projcet: {}\n").unwrap();
    let out = dockwright(&[
        "render",
        "--config",
        bad.to_str().unwrap(),
        "--out",
        dir.join("out").to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown field `projcet`"));

    let out = dockwright(&["render", "--preset", "nope", "--out", "x"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown preset nope"));
    let out = dockwright(&["zip", "--link", "#c=v1.garbage", "-o", "x.zip"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("link:"));
    let out = dockwright(&["frobnicate"]);
    assert!(!out.status.success());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn schema_is_json_schema() {
    let out = dockwright(&["schema"]);
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["type"], "object");
    assert!(
        schema["properties"]["app"]["properties"]["package_manager"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v == "pnpm")
    );
}

/// `import` composes with the other verbs: a rendered bundle's compose files and `.env` come
/// back as a configuration that renders again; what is not carried over is a `warning:` line
/// naming its compose path; unreadable input fails with the file named.
#[test]
fn import_reads_compose_files_and_composes_with_render() {
    let dir = tempdir("import");
    let bundle = dir.join("bundle");
    let out = dockwright(&[
        "render",
        "--preset",
        "nextjs-render-parity",
        "--out",
        bundle.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docker = bundle.join("docker");
    let path = |name: &str| docker.join(name).to_str().unwrap().to_string();
    let out = dockwright(&[
        "import",
        &path("docker-compose.yml"),
        "-f",
        &path("docker-compose.dev.yml"),
        "-f",
        &path("docker-compose.prod.yml"),
        "--env-file",
        &path(".env"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.lines().all(|l| l.starts_with("warning: ")),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: services.postgres.environment.POSTGRES_PASSWORD: "),
        "{stderr}"
    );
    let config = dir.join("imported.yaml");
    std::fs::write(&config, &out.stdout).unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("service_name: web"), "{text}");
    let again = dir.join("again");
    let out = dockwright(&[
        "render",
        "--config",
        config.to_str().unwrap(),
        "--out",
        again.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(again.join("docker/docker-compose.yml").exists());

    let json = dockwright(&["import", &path("docker-compose.yml"), "--json"]);
    assert!(json.status.success());
    assert!(serde_json::from_slice::<serde_json::Value>(&json.stdout).is_ok());

    // --repo fills the app section from the project's files.
    let project = dir.join("project");
    std::fs::create_dir_all(&project).unwrap();
    std::fs::write(
        project.join("package.json"),
        r#"{"scripts": {"start": "node server.js", "build": "tsc"}}"#,
    )
    .unwrap();
    std::fs::write(project.join("yarn.lock"), "").unwrap();
    let out = dockwright(&[
        "import",
        &path("docker-compose.yml"),
        "--repo",
        project.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("framework: node_server") && text.contains("package_manager: yarn"),
        "{text}"
    );
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let out = dockwright(&[
        "import",
        &path("docker-compose.yml"),
        "--repo",
        empty.to_str().unwrap(),
    ]);
    assert!(!out.status.success());

    let broken = dir.join("broken.yaml");
    std::fs::write(&broken, "services:\n  web:\n    image: \"${TAG\"\n").unwrap();
    let out = dockwright(&["import", broken.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("broken.yaml") && stderr.contains("services.web.image"),
        "{stderr}"
    );
}

#[test]
fn render_only_k8s_writes_just_the_kubernetes_tree() {
    let dir = tempdir("only-k8s");
    // node-minimal has the Kubernetes output off: --only k8s switches it on.
    let out = dockwright(&[
        "render",
        "--preset",
        "node-minimal",
        "--out",
        dir.to_str().unwrap(),
        "--only",
        "k8s",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.join("KUBERNETES.md").is_file());
    assert!(dir.join("k8s/base/kustomization.yaml").is_file());
    assert!(dir.join("k8s/overlays/prod/kustomization.yaml").is_file());
    assert!(!dir.join("Dockerfile").exists());
    assert!(!dir.join("docker-compose.yml").exists());

    // An error only the compose side has does not stop the Kubernetes part, and the reverse.
    let config = dir.join("bad.yaml");
    std::fs::write(
        &config,
        "app:\n  service_name: web.v2\nkubernetes:\n  enabled: true\n",
    )
    .unwrap();
    let k8s = dockwright(&[
        "render",
        "--config",
        config.to_str().unwrap(),
        "--out",
        dir.join("a").to_str().unwrap(),
        "--only",
        "k8s",
    ]);
    assert!(!k8s.status.success());
    assert!(String::from_utf8_lossy(&k8s.stderr).contains("app.service_name: Kubernetes"));
    let docker = dockwright(&[
        "render",
        "--config",
        config.to_str().unwrap(),
        "--out",
        dir.join("b").to_str().unwrap(),
        "--only",
        "docker",
    ]);
    assert!(
        docker.status.success(),
        "{}",
        String::from_utf8_lossy(&docker.stderr)
    );
    assert!(dir.join("b/Dockerfile").is_file());
    assert!(!std::fs::read_to_string(dir.join("b/DOCKER.md"))
        .unwrap()
        .contains("KUBERNETES.md"));

    let wrong = dockwright(&[
        "render",
        "--preset",
        "node-minimal",
        "--out",
        dir.to_str().unwrap(),
        "--only",
        "helm",
    ]);
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("--only takes k8s or docker"));
}

/// `dockwright stack` and `dockwright compare`: what the page's stack picture and environment
/// view show, from the command line.
#[test]
fn stack_and_compare_print_each_environment() {
    let out = dockwright(&["stack", "--preset", "nextjs-render-parity", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stacks: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let envs: Vec<&str> = stacks
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["env"].as_str().unwrap())
        .collect();
    assert_eq!(envs, ["dev", "prod"]);
    let dev = &stacks[0]["services"];
    let pgadmin = dev
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "pgadmin")
        .unwrap();
    assert_eq!(pgadmin["only_in"], serde_json::json!(["dev"]));

    let svg = dockwright(&[
        "stack",
        "--preset",
        "nextjs-render-parity",
        "--env",
        "prod",
        "--svg",
    ]);
    let svg = String::from_utf8(svg.stdout).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains(r#"data-env="prod""#));
    assert!(!svg.contains(r#"data-service="pgadmin""#));

    let text = dockwright(&[
        "compare",
        "--preset",
        "nextjs-render-parity",
        "--env",
        "dev",
        "--env",
        "prod",
    ]);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("* pgadmin"), "{text}");
    assert!(
        text.contains("  * build.target: builder | runner"),
        "{text}"
    );

    let bad = dockwright(&[
        "compare",
        "--preset",
        "node-minimal",
        "--env",
        "dev",
        "--env",
        "staging",
    ]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no environment"));
}
