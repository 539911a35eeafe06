//! Every other service run from an image: an extra service with its command, ports, environment,
//! volumes, healthcheck, dependencies and environments.

use super::*;

pub(super) fn extra(m: &mut Mapper, service: &mut Mapping, name: &str, config: &mut Config) {
    let mut extra = ExtraService {
        name: name.to_string(),
        ..ExtraService::default()
    };
    extra.image = take(service, "image")
        .and_then(|v| m.text(&format!("services.{name}.image"), &v))
        .unwrap_or_default();
    if let Some(command) = take(service, "command") {
        let raw = match command {
            Value::Sequence(items) => items
                .iter()
                .map(key_text)
                .map(|w| {
                    if w.contains(char::is_whitespace) {
                        format!("'{w}'")
                    } else {
                        w
                    }
                })
                .collect::<Vec<_>>()
                .join(" "),
            other => key_text(&other),
        };
        extra.command = Some(m.literal(&format!("services.{name}.command"), &raw));
    }
    for p in ports(m, service, name) {
        match p.host {
            Some(host) => extra.ports.push(PortMapping {
                host,
                container: p.container,
                bind: if matches!(
                    p.ip.as_deref(),
                    Some("127.0.0.1") | Some("::1") | Some("localhost")
                ) {
                    Bind::Loopback
                } else {
                    Bind::All
                },
            }),
            None => m.warn(
                format!("services.{name}.ports"),
                format!(
                    "container port {} with no host port is not carried over",
                    p.container
                ),
            ),
        }
    }
    for (key, raw) in environment(service) {
        extra.environment.push(KeyValue {
            key,
            value: raw.unwrap_or_default(),
        });
    }
    if let Some(Value::Sequence(volumes)) = take(service, "volumes") {
        for (i, v) in volumes.iter().enumerate() {
            let text = match v {
                Value::Mapping(long) => match long_volume(m, name, i, long) {
                    Some(short) => short,
                    None => continue,
                },
                other => key_text(other),
            };
            let fields: Vec<&str> = text.split(':').collect();
            match fields.as_slice() {
                [source, target] | [source, target, _]
                    if source.starts_with('.') || !source.contains('/') =>
                {
                    if fields.len() == 3 && fields[2] != "rw" {
                        m.warn(
                            format!("services.{name}.volumes[{i}]"),
                            format!("mode `{}` is not carried over", fields[2]),
                        );
                    }
                    // A bind path is relative to the compose file's folder; dockwright's is
                    // relative to the project root.
                    let source = if source.starts_with('.') {
                        let dir = if config.project.layout == Layout::DockerDir {
                            "docker/"
                        } else {
                            ""
                        };
                        let rooted =
                            crate::import::loader::normalise_path(&format!("{dir}{source}"));
                        if rooted.starts_with("..") {
                            m.warn(
                                format!("services.{name}.volumes[{i}]"),
                                format!("`{text}` is outside the project: not carried over"),
                            );
                            continue;
                        }
                        format!("./{rooted}")
                    } else {
                        source.to_string()
                    };
                    use crate::validate::syntax::{is_compose_name, is_relative_path};
                    let valid = match source.strip_prefix("./") {
                        Some(rest) => is_relative_path(rest.trim_end_matches('/')),
                        None => is_compose_name(&source),
                    };
                    if !valid || !target.starts_with('/') {
                        m.warn(format!("services.{name}.volumes[{i}]"), format!("`{text}` is not carried over (a volume name or a ./path inside the project, mounted at an absolute path)"));
                        continue;
                    }
                    extra.volumes.push(VolumeMount {
                        source: source.trim_end_matches('/').to_string(),
                        target: target.to_string(),
                    });
                }
                _ => m.warn(
                    format!("services.{name}.volumes[{i}]"),
                    format!("`{text}` is not carried over (named volumes and ./ paths only)"),
                ),
            }
        }
    }
    if let Some(Value::Mapping(mut health)) = take(service, "healthcheck") {
        match take(&mut health, "test") {
            Some(Value::Sequence(items)) => {
                let words: Vec<String> = items.iter().map(key_text).collect();
                match words.split_first() {
                    Some((first, rest)) if first == "CMD-SHELL" => {
                        extra.healthcheck = Some(rest.join(" "))
                    }
                    Some((first, rest)) if first == "CMD" => {
                        extra.healthcheck = Some(rest.join(" "))
                    }
                    Some((first, _)) if first == "NONE" => {}
                    _ => m.warn(
                        format!("services.{name}.healthcheck.test"),
                        "not carried over",
                    ),
                }
            }
            Some(other) => extra.healthcheck = Some(key_text(&other)),
            None => {}
        }
        for (k, _) in health {
            m.warn(
                format!("services.{name}.healthcheck.{}", key_text(&k)),
                "dockwright uses its own healthcheck timings (Operations section)",
            );
        }
    }
    if let Some(test) = extra.healthcheck.take() {
        extra.healthcheck = Some(m.literal(&format!("services.{name}.healthcheck.test"), &test));
    }
    depends_on(m, service, name, &mut extra.depends_on, true);
    if let Some(Value::Sequence(envs)) = take(service, "x-dockwright-only-in") {
        extra.only_in = envs
            .iter()
            .filter_map(|e| {
                EnvName::ALL
                    .iter()
                    .find(|n| Some(n.as_str()) == e.as_str())
                    .copied()
            })
            .collect();
    }
    config.extra_services.push(extra);
}

/// A long-syntax volume (`type`, `source`, `target`, `read_only`) as the short syntax the rest
/// reads (`./proxy/nginx.conf:/etc/nginx/conf.d/default.conf:ro`); options with no short form
/// are said.
fn long_volume(m: &mut Mapper, name: &str, i: usize, long: &Mapping) -> Option<String> {
    let path = format!("services.{name}.volumes[{i}]");
    let field = |key: &str| long.get(key).map(key_text);
    let kind = field("type").unwrap_or_else(|| "volume".into());
    if !matches!(kind.as_str(), "volume" | "bind") {
        m.warn(
            path,
            format!("a `{kind}` mount is not carried over (volumes and ./ binds only)"),
        );
        return None;
    }
    let (Some(source), Some(target)) = (field("source"), field("target")) else {
        m.warn(
            path,
            "a volume with no source or no target (anonymous) is not carried over",
        );
        return None;
    };
    for key in long.keys().map(key_text) {
        if !matches!(key.as_str(), "type" | "source" | "target" | "read_only") {
            m.warn(
                format!("{path}.{key}"),
                "not carried over (dockwright has no setting for it)",
            );
        }
    }
    let read_only = long.get("read_only").and_then(Value::as_bool) == Some(true);
    Some(format!(
        "{source}:{target}{}",
        if read_only { ":ro" } else { "" }
    ))
}
