//! Where a warning's subject landed in the configuration: `services.database.image` became
//! `postgres.version`, `services.worker.ports[1]` is in `extra_services[0].ports`. The
//! configurator links each import warning to that field; a warning about something that was
//! dropped with no field of its own points at its service's section, and one about a service
//! that did not become anything (a dev variant, a second built service) points nowhere.

use super::classify::Kind;
use crate::config::Config;
use std::collections::BTreeMap;

/// The configuration path a warning about compose path `path` belongs to, if any.
pub(super) fn landing(
    path: &str,
    kinds: &BTreeMap<String, Kind>,
    config: &Config,
) -> Option<String> {
    match path {
        "name" => return Some("project.name".into()),
        "networks" => return Some("ops.network_name".into()),
        _ => {}
    }
    let rest = path.strip_prefix("services.")?;
    // Service names may hold dots: the longest known name that prefixes the path.
    let (name, kind) = kinds
        .iter()
        .filter(|(name, _)| {
            rest == name.as_str()
                || rest
                    .strip_prefix(name.as_str())
                    .is_some_and(|r| r.starts_with('.'))
        })
        .max_by_key(|(name, _)| name.len())?;
    let key_path = rest[name.len()..].trim_start_matches('.');
    let key = key_path.split(['.', '[']).next().unwrap_or_default();
    // Keys with no field of their own point at the section's first field (`default`), which
    // is where a person looks for the service.
    let field = |section: &str, default: &str, table: &[(&str, &str)]| -> String {
        let f = table
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(default, |(_, f)| f);
        format!("{section}.{f}")
    };
    Some(match kind {
        Kind::App => {
            if let Some(var) = key_path.strip_prefix("environment.") {
                if let Some(i) = config.env.iter().position(|v| v.name == var) {
                    return Some(format!("env[{i}]"));
                }
            }
            if key_path.starts_with("deploy.resources") {
                return Some("ops.resources".into());
            }
            if key == "build" && key_path.contains("args") {
                return Some("app.build_args".into());
            }
            field(
                "app",
                "service_name",
                &[
                    ("ports", "host_port"),
                    ("expose", "container_port"),
                    ("healthcheck", "health_path"),
                    ("command", "start_command"),
                    ("user", "user"),
                    ("init", "init"),
                ],
            )
        }
        Kind::Postgres if key == "environment" => {
            let own = match key_path.rsplit('.').next() {
                Some("POSTGRES_USER") => "user",
                Some("POSTGRES_PASSWORD") => "password",
                _ => "db",
            };
            format!("postgres.{own}")
        }
        Kind::Postgres => field(
            "postgres",
            "enabled",
            &[
                ("image", "version"),
                ("ports", "host_port"),
                ("command", "initdb_args"),
                ("volumes", "enabled"),
            ],
        ),
        Kind::Redis => field(
            "redis",
            "enabled",
            &[
                ("image", "version"),
                ("ports", "host_port"),
                ("command", "maxmemory"),
                ("volumes", "aof"),
            ],
        ),
        Kind::PgAdmin => field(
            "pgadmin",
            "enabled",
            &[
                ("image", "version"),
                ("ports", "host_port"),
                ("environment", "email"),
            ],
        ),
        Kind::RedisCommander => field(
            "redis_commander",
            "enabled",
            &[("image", "version"), ("ports", "host_port")],
        ),
        Kind::Extra => {
            let i = config.extra_services.iter().position(|s| s.name == *name)?;
            field(
                &format!("extra_services[{i}]"),
                "name",
                &[
                    ("image", "image"),
                    ("command", "command"),
                    ("entrypoint", "command"),
                    ("ports", "ports"),
                    ("environment", "environment"),
                    ("env_file", "environment"),
                    ("volumes", "volumes"),
                    ("healthcheck", "healthcheck"),
                    ("depends_on", "depends_on"),
                    ("profiles", "only_in"),
                ],
            )
        }
        Kind::DroppedBuild | Kind::DevVariant | Kind::EnvVariant => return None,
    })
}
