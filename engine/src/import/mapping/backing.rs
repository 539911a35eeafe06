//! The built-in services (PostgreSQL, Redis, pgAdmin, redis-commander): their settings read
//! from the image tag, environment, command and published port; everything else warned.

use super::*;

/// The service's image with its variables evaluated.
fn image_of(m: &mut Mapper, service: &Mapping, name: &str) -> String {
    service
        .get("image")
        .cloned()
        .and_then(|v| m.text(&format!("services.{name}.image"), &v))
        .unwrap_or_default()
}

pub(super) fn builtin_common(m: &mut Mapper, service: &mut Mapping, name: &str, data_dir: &str) {
    take(service, "image");
    if take(service, "healthcheck").is_some() {
        m.warn(
            format!("services.{name}.healthcheck"),
            "dockwright writes its own healthcheck for this service",
        );
    }
    if let Some(Value::Sequence(volumes)) = take(service, "volumes") {
        for (i, v) in volumes.iter().enumerate() {
            let text = key_text(v);
            let target = text.split(':').nth(1).unwrap_or("");
            if target.trim_end_matches('/') != data_dir {
                m.warn(format!("services.{name}.volumes[{i}]"), format!("`{text}` is not carried over (dockwright mounts a named volume at {data_dir})"));
            }
        }
    }
    depends_on(m, service, name, &mut Vec::new(), false);
}

/// The host side of the one published port for `container`, warning on the others.
pub(super) fn published(
    m: &mut Mapper,
    service: &mut Mapping,
    name: &str,
    container: u16,
) -> Option<u16> {
    let mut host = None;
    for (i, p) in ports(m, service, name).into_iter().enumerate() {
        if p.container == container && host.is_none() {
            host = p.host;
            let loopback = matches!(p.ip.as_deref(), Some("127.0.0.1" | "::1" | "localhost"));
            if host.is_some() && !loopback {
                m.warn(
                    format!("services.{name}.ports[{i}]"),
                    "published on 127.0.0.1 only in dockwright (a datastore open to the network is a risk)",
                );
            }
        } else {
            m.warn(
                format!("services.{name}.ports[{i}]"),
                "not carried over (one port per built-in service)",
            );
        }
    }
    host
}

pub(super) fn postgres(m: &mut Mapper, service: &mut Mapping, name: &str, config: &mut Config) {
    let image = image_of(m, service, name);
    let pg = &mut config.postgres;
    pg.enabled = true;
    if let Some(tag) = image_tag(&image) {
        pg.version = match image_family(&image) {
            // pgvector's `pg17` / `0.8.0-pg17` and PostGIS's `16-3.4`: the PostgreSQL major.
            "pgvector" => tag
                .rsplit("pg")
                .next()
                .unwrap_or(tag)
                .chars()
                .take_while(char::is_ascii_digit)
                .collect(),
            "postgis" => tag.chars().take_while(char::is_ascii_digit).collect(),
            _ => tag.to_string(),
        };
        if pg.version.is_empty() {
            pg.version = Postgres::default().version;
        }
    }
    let data_dir = config.postgres.data_dir();
    builtin_common(m, service, name, data_dir);
    config.postgres.host_port = published(m, service, name, 5432);
    for (var, raw) in environment(service) {
        let path = format!("services.{name}.environment.{var}");
        let known = [
            "POSTGRES_DB",
            "POSTGRES_USER",
            "POSTGRES_PASSWORD",
            "TZ",
            "PGTZ",
            "POSTGRES_INITDB_ARGS",
        ];
        if !known.contains(&var.as_str()) {
            m.builtin_variable(POSTGRES_SERVICE, name, &var, raw);
            continue;
        }
        let value = raw.and_then(|r| m.text(&path, &Value::String(r)));
        match var.as_str() {
            "POSTGRES_DB" => {
                if let Some(v) = identifier(m, &path, value) {
                    config.postgres.db = v;
                }
            }
            "POSTGRES_USER" => {
                if let Some(v) = identifier(m, &path, value) {
                    config.postgres.user = v;
                }
            }
            "POSTGRES_PASSWORD" => m.warn(
                path,
                "the password is not copied; dockwright generates one (Database section)",
            ),
            "TZ" | "PGTZ" => {
                let tz = value.unwrap_or_default();
                // The characters the validator accepts for a zone name.
                let zone = !tz.is_empty()
                    && tz
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-' | '/'));
                if zone {
                    config.postgres.timezone = tz;
                } else {
                    m.warn(
                        path,
                        format!(
                            "`{tz}` is not an IANA time zone name; {} is used",
                            config.postgres.timezone
                        ),
                    );
                }
            }
            "POSTGRES_INITDB_ARGS" => config.postgres.initdb_args = value.unwrap_or_default(),
            _ => m.warn(path, "not carried over"),
        }
    }
    if take(service, "command").is_some() {
        m.warn(
            format!("services.{name}.command"),
            "PostgreSQL server options are not carried over",
        );
    }
}

pub(super) fn redis(m: &mut Mapper, service: &mut Mapping, name: &str, config: &mut Config) {
    let image = image_of(m, service, name);
    config.redis.enabled = true;
    if let Some(tag) = image_tag(&image) {
        config.redis.version = tag.to_string();
    }
    builtin_common(m, service, name, "/data");
    config.redis.host_port = published(m, service, name, 6379);
    if let Some(command) = take(service, "command") {
        let words: Vec<String> = match command {
            Value::Sequence(items) => items.iter().map(key_text).collect(),
            other => key_text(&other)
                .split_whitespace()
                .map(str::to_string)
                .collect(),
        };
        let mut i = 0;
        // What the command does not set is Redis's own default.
        config.redis.aof = false;
        config.redis.maxmemory = String::new();
        config.redis.eviction_policy = EvictionPolicy::Noeviction;
        while i < words.len() {
            let word = words[i].as_str();
            let next = words.get(i + 1).cloned().unwrap_or_default();
            match word {
                "redis-server" => {}
                "--maxmemory" => {
                    config.redis.maxmemory = next;
                    i += 1;
                }
                "--maxmemory-policy" => {
                    match EvictionPolicy::ALL.iter().find(|p| p.as_str() == next) {
                        Some(p) => config.redis.eviction_policy = *p,
                        None => m.warn(
                            format!("services.{name}.command"),
                            format!("eviction policy `{next}` is not carried over"),
                        ),
                    }
                    i += 1;
                }
                "--appendonly" => {
                    config.redis.aof = next == "yes";
                    i += 1;
                }
                other => m.warn(
                    format!("services.{name}.command"),
                    format!("`{other}` is not carried over"),
                ),
            }
            i += 1;
        }
    }
    for (var, raw) in environment(service) {
        m.builtin_variable(REDIS_SERVICE, name, &var, raw);
    }
}

pub(super) fn pgadmin(m: &mut Mapper, service: &mut Mapping, name: &str, config: &mut Config) {
    let image = image_of(m, service, name);
    config.pgadmin.enabled = true;
    if let Some(tag) = image_tag(&image) {
        config.pgadmin.version = tag.to_string();
    }
    builtin_common(m, service, name, "/var/lib/pgadmin");
    // A servers.json config is how a pre-registered database server is given to pgAdmin.
    config.pgadmin.register_server = take(service, "configs").is_some();
    if let Some(host) = published(m, service, name, 80) {
        config.pgadmin.host_port = host;
    }
    for (var, raw) in environment(service) {
        let path = format!("services.{name}.environment.{var}");
        match var.as_str() {
            "PGADMIN_DEFAULT_EMAIL" => {
                config.pgadmin.email = raw
                    .and_then(|r| m.text(&path, &Value::String(r)))
                    .unwrap_or_default()
            }
            "PGADMIN_DEFAULT_PASSWORD" => m.warn(
                path,
                "the password is not copied; dockwright generates one (Admin tools section)",
            ),
            _ => m.builtin_variable(PGADMIN_SERVICE, name, &var, raw),
        }
    }
}

pub(super) fn redis_commander(
    m: &mut Mapper,
    service: &mut Mapping,
    name: &str,
    config: &mut Config,
) {
    let image = image_of(m, service, name);
    config.redis_commander.enabled = true;
    if let Some(tag) = image_tag(&image) {
        config.redis_commander.version = tag.to_string();
    }
    builtin_common(m, service, name, "/nonexistent");
    if let Some(host) = published(m, service, name, 8081) {
        config.redis_commander.host_port = host;
    }
    for (var, raw) in environment(service) {
        if var != "REDIS_HOSTS" && var != "REDIS_HOST" && var != "REDIS_PORT" {
            m.builtin_variable(REDIS_COMMANDER_SERVICE, name, &var, raw);
        }
    }
}
