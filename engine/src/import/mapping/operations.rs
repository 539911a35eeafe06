//! Operations that apply to every service: restart policy, logging and container names, read
//! from each service and kept when uniform (a warning names what differs).

use super::*;

/// A service's `logging` as dockwright's (driver, max-size, max-file), when it is that shape.
pub(super) fn read_logging(
    m: &mut Mapper,
    path: &str,
    value: &Value,
) -> Option<(String, String, u32)> {
    let driver = value
        .get("driver")
        .and_then(|d| m.text(path, d))
        .unwrap_or_else(|| "json-file".into());
    let options = value
        .get("options")
        .and_then(Value::as_mapping)
        .cloned()
        .unwrap_or_default();
    let mut size = Logging::default().max_size;
    let mut files = Logging::default().max_file;
    for (k, v) in options {
        match key_text(&k).as_str() {
            "max-size" => size = m.text(path, &v).unwrap_or_default(),
            "max-file" => match m.text(path, &v).and_then(|t| t.parse().ok()) {
                Some(n) => files = n,
                None => m.warn(path, "max-file is not a number; not carried over"),
            },
            other => m.warn(format!("{path}.options.{other}"), "not carried over"),
        }
    }
    let extra: Vec<String> = value
        .as_mapping()
        .map(|l| {
            l.keys()
                .map(key_text)
                .filter(|k| k != "driver" && k != "options")
                .collect()
        })
        .unwrap_or_default();
    for k in extra {
        m.warn(format!("{path}.{k}"), "not carried over");
    }
    Some((driver, size, files))
}

/// One logging setting for every service, as dockwright writes it.
pub(super) fn uniform_logging(
    m: &mut Mapper,
    loggings: &BTreeMap<Option<(String, String, u32)>, Vec<String>>,
    config: &mut Config,
) {
    let Some((Some((driver, max_size, max_file)), _)) =
        loggings.iter().max_by_key(|(_, names)| names.len())
    else {
        return;
    };
    config.ops.logging = Some(Logging {
        driver: driver.clone(),
        max_size: max_size.clone(),
        max_file: *max_file,
    });
    if loggings.len() > 1 {
        let detail: Vec<String> = loggings
            .iter()
            .map(|(l, names)| {
                format!(
                    "{}: {}",
                    l.as_ref()
                        .map_or("other".to_string(), |(d, s, f)| format!("{d} {s}×{f}")),
                    names.join(", ")
                )
            })
            .collect();
        m.warn("services.*.logging", format!("one logging setting for every service in dockwright; {driver} {max_size}×{max_file} is used ({})", detail.join("; ")));
    }
}

/// `container_name: <prefix>-<service>` on every service is dockwright's container name
/// prefix; any other naming is a warning.
pub(super) fn container_prefix(
    m: &mut Mapper,
    names: &[(String, Option<String>)],
    config: &mut Config,
) {
    let named: Vec<&(String, Option<String>)> = names.iter().filter(|(_, n)| n.is_some()).collect();
    if named.is_empty() {
        return;
    }
    let prefixes: BTreeSet<Option<&str>> = names
        .iter()
        .map(|(service, name)| {
            name.as_deref()
                .and_then(|n| n.strip_suffix(service.as_str()))
                .and_then(|p| p.strip_suffix('-'))
        })
        .collect();
    match prefixes.iter().next() {
        Some(Some(prefix)) if prefixes.len() == 1 => config.ops.container_name_prefix = Some(prefix.to_string()),
        _ => m.warn(
            "services.*.container_name",
            "container names are `<prefix>-<service>` for every service in dockwright, or left to compose; these are not carried over",
        ),
    }
}

/// One restart policy for every service in dockwright: the one every service has, or the most
/// common (said, with which service had which).
pub(super) fn uniform_restart(
    m: &mut Mapper,
    restarts: &BTreeMap<String, Vec<String>>,
    config: &mut Config,
) {
    match restarts.len() {
        0 => {}
        1 => {
            let policy = restarts.keys().next().cloned().unwrap_or_default();
            match RestartPolicy::ALL.iter().find(|p| p.as_str() == policy) {
                Some(p) => config.ops.restart = *p,
                None => m.warn(
                    "services.*.restart",
                    format!(
                        "restart `{policy}` is not one dockwright writes; {} is used",
                        config.ops.restart.as_str()
                    ),
                ),
            }
        }
        _ => {
            let policy = restarts
                .iter()
                .max_by_key(|(_, names)| names.len())
                .map(|(p, _)| p.clone())
                .unwrap_or_default();
            if let Some(p) = RestartPolicy::ALL.iter().find(|p| p.as_str() == policy) {
                config.ops.restart = *p;
            }
            let detail: Vec<String> = restarts
                .iter()
                .map(|(p, names)| format!("{p}: {}", names.join(", ")))
                .collect();
            m.warn(
                "services.*.restart",
                format!(
                    "one restart policy for every service in dockwright; {} is used ({})",
                    config.ops.restart.as_str(),
                    detail.join("; ")
                ),
            );
        }
    }
}
