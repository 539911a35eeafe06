//! Extra services: names, images, commands, ports and their bind address, environment,
//! volumes, healthchecks, dependencies, environments.

use super::*;

pub(super) fn extra_services(r: &Resolved, d: &mut Diagnostics) {
    let config = r.config;
    let enabled = config.enabled_service_names();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let builtin = config.builtin_service_names();
    for (i, s) in config
        .extra_services
        .iter()
        .enumerate()
        .filter(|(_, s)| s.enabled)
    {
        let base = ConfigPath::new("extra_services").index(i);
        for kv in s.environment.iter().filter(|kv| holds_literal_secret(kv)) {
            d.warning(
                base.field("environment"),
                format!(
                    "{} looks like a secret: its value is written into compose and the share link; make it a secret variable",
                    kv.key
                ),
            );
        }
        if !is_compose_name(&s.name) {
            d.error(base.field("name"), "service name must start with a letter or digit, use only letters, digits, '.', '_' or '-', and not start with x-");
        } else if builtin.contains(&s.name) || seen.contains_key(s.name.as_str()) {
            d.error(
                base.field("name"),
                format!("service name {} is already used", s.name),
            );
        }
        seen.insert(&s.name, i);
        if !is_image_ref(&s.image) {
            d.error(
                base.field("image"),
                "image must look like redis:7 or ghcr.io/org/name:1.2",
            );
        } else if !s.image.contains('@')
            && (s.image.ends_with(":latest")
                || !s.image.rsplit('/').next().unwrap_or("").contains(':'))
        {
            d.warning(
                base.field("image"),
                "pin an image tag instead of latest for reproducible deploys",
            );
        }
        if let Some(cmd) = &s.command {
            if cmd.trim().is_empty() || has_control(cmd) {
                d.error(
                    base.field("command"),
                    "command must be a non-empty single line",
                );
            }
        }
        for (j, p) in s.ports.iter().enumerate() {
            host_port(d, base.item("ports", j).field("host"), p.host);
            port(d, base.item("ports", j).field("container"), p.container);
            if p.bind == Bind::All && is_datastore_image(&s.image) {
                d.warning(
                    base.item("ports", j).field("bind"),
                    format!(
                        "{} is a datastore published on every interface: anyone on the network can reach port {}; bind it to 127.0.0.1 unless it must be shared",
                        s.name, p.host
                    ),
                );
            }
        }
        let mut keys = BTreeSet::new();
        for (j, kv) in s.environment.iter().enumerate() {
            if !is_identifier_any_case(&kv.key) {
                d.error(
                    base.item("environment", j).field("key"),
                    "variable name must be letters, digits and _, not starting with a digit",
                );
            } else if !keys.insert(kv.key.as_str()) {
                d.error(
                    base.item("environment", j).field("key"),
                    format!("{} is set twice", kv.key),
                );
            }
            if has_control(&kv.value) {
                d.error(
                    base.item("environment", j).field("value"),
                    "value must be a single line",
                );
            }
        }
        for (j, v) in s.volumes.iter().enumerate() {
            let bind = v.source.starts_with("./");
            if !(bind && is_relative_path(&v.source[2..]) || !bind && is_compose_name(&v.source)) {
                d.error(
                    base.item("volumes", j).field("source"),
                    "source must be a volume name or a ./relative path",
                );
            }
            if !v.target.starts_with('/')
                || v.target.contains("..")
                || v.target
                    .chars()
                    .any(|c| c.is_whitespace() || c == ':' || c.is_control())
            {
                d.error(
                    base.item("volumes", j).field("target"),
                    "target must be an absolute path in the container, e.g. /data",
                );
            }
        }
        if let Some(hc) = &s.healthcheck {
            if hc.trim().is_empty() || has_control(hc) {
                d.error(
                    base.field("healthcheck"),
                    "healthcheck must be a non-empty single-line shell command",
                );
            }
        }
        let profiles = config.project.strategy == EnvStrategy::Profiles
            && !config.project.environments.is_empty();
        for (j, dep) in s.depends_on.iter().enumerate() {
            let path = base.item("depends_on", j);
            if dep == &s.name {
                d.error(path, "a service cannot depend on itself");
            } else if !enabled.contains(dep) {
                d.error(
                    path,
                    format!("depends on {dep}, which is not an enabled service"),
                );
            } else if profiles && config.app.enabled && dep == &config.app.service_name {
                d.error(path, format!("with profiles the app runs as {dep}-<environment>; an extra service cannot depend on it"));
            } else if let Some(env) = crate::resolve::topology::runs_in(config, s)
                .into_iter()
                .find(|env| !r.topology.services_in(*env).contains(&dep.as_str()))
            {
                let scope = env
                    .map(|e| format!("the {} environment", e.as_str()))
                    .unwrap_or_else(|| "the base setup".into());
                d.error(
                    path,
                    format!("{dep} does not run in {scope}, where {} runs", s.name),
                );
            }
        }
        for (j, env) in s.only_in.iter().enumerate() {
            if !config.project.environments.contains(env) {
                d.warning(
                    base.item("only_in", j),
                    format!(
                        "environment {} is not generated, so this never applies",
                        env.as_str()
                    ),
                );
            }
        }
    }
}
