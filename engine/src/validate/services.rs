//! The built-in backing services and admin UIs: PostgreSQL, Redis, pgAdmin, redis-commander.

use super::*;

/// Passwords no production file should carry.
const WEAK_PASSWORDS: &[&str] = &[
    "postgres",
    "password",
    "admin",
    "root",
    "secret",
    "changeme",
    "change_me",
    "example",
    "test",
    "123456",
    "12345678",
    "qwerty",
    "letmein",
    "default",
];

pub(super) fn postgres(config: &Config, d: &mut Diagnostics) {
    let p = &config.postgres;
    if !is_image_tag(&p.version) {
        d.error(
            "postgres.version",
            "image tag must look like 16-alpine or 17",
        );
    }
    for (path, value) in [("postgres.db", &p.db), ("postgres.user", &p.user)] {
        if !is_identifier_any_case(value) || value.len() > 63 {
            d.error(
                path,
                "use letters, digits and _ (at most 63), starting with a letter",
            );
        }
    }
    let password = &p.password.value;
    if password.is_empty() {
        d.error("postgres.password", "empty password: generate one");
    } else if !is_url_safe_secret(password) {
        d.error("postgres.password", "password must use only letters, digits and - . _ ~ so DATABASE_URL stays valid (use a hex generator)");
    } else if production_environments(config)
        && (WEAK_PASSWORDS.contains(&password.to_ascii_lowercase().as_str())
            || *password == p.user
            || password.len() < 12)
    {
        d.error("postgres.password", "default or weak password in a production file: use a generated one (at least 12 characters)");
    }
    if let Some(g) = p.password.generator {
        if g.encoding == crate::secret::SecretEncoding::Base64 {
            d.error(
                "postgres.password",
                "base64 passwords contain + / = which break DATABASE_URL: use hex",
            );
        }
    }
    if let Some(hp) = p.host_port {
        host_port(d, "postgres.host_port", hp);
    }
    if p.publish_in_production && p.host_port.is_some() {
        d.warning(
            "postgres.publish_in_production",
            "the database port is reachable from outside the host in production",
        );
    }
    if has_control(&p.initdb_args) {
        d.error(
            "postgres.initdb_args",
            "initdb arguments must be a single line",
        );
    } else if !p.initdb_args.split_whitespace().all(is_initdb_option) {
        // The postgres image evaluates POSTGRES_INITDB_ARGS with the shell, so anything but
        // plain options either breaks initdb ("too many command-line arguments") or runs.
        d.error(
            "postgres.initdb_args",
            "initdb arguments must be options such as --encoding=UTF8 --locale=C \
             (no quotes, $, `, ;, | or &: the postgres image runs them through the shell)",
        );
    }
    for (i, ext) in p.extensions.iter().enumerate() {
        if ext.is_empty()
            || !ext
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
        {
            d.error(
                ConfigPath::new("postgres").item("extensions", i),
                "extension name must be lowercase letters, digits, '_' or '-'",
            );
        }
    }
    if p.timezone.is_empty()
        || !p
            .timezone
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-' | '/'))
    {
        d.error(
            "postgres.timezone",
            "timezone must be an IANA name such as UTC or Europe/Paris",
        );
    }
    if let Some(limit) = p.pool.connection_limit {
        if !(1..=1000).contains(&limit) {
            d.error(
                "postgres.pool.connection_limit",
                "connection limit must be between 1 and 1000",
            );
        }
    }
    if let Some(timeout) = p.pool.pool_timeout {
        if timeout > 3600 {
            d.error(
                "postgres.pool.pool_timeout",
                "pool timeout is in seconds and must be at most 3600",
            );
        }
    }
    if p.backup.enabled {
        if p.backup.keep == 0 {
            d.error("postgres.backup.keep", "keep at least one backup");
        }
        let dir = p.backup.dir.trim_start_matches('/');
        if !is_relative_path(dir) {
            d.error(
                "postgres.backup.dir",
                "backup directory must be a path of letters, digits and . _ - @ without ..",
            );
        }
    }
}

pub(super) fn redis(r: &Redis, d: &mut Diagnostics) {
    if !is_image_tag(&r.version) {
        d.error("redis.version", "image tag must look like 7-alpine or 8");
    }
    if !r.maxmemory.is_empty() && !is_byte_size(&r.maxmemory) {
        d.error("redis.maxmemory", "maxmemory must look like 256mb or 1gb");
    }
    if let Some(hp) = r.host_port {
        host_port(d, "redis.host_port", hp);
    }
    if r.publish_in_production && r.host_port.is_some() {
        d.warning(
            "redis.publish_in_production",
            "Redis has no password here: publishing it in production exposes it",
        );
    }
    if r.aof && r.maxmemory.is_empty() && r.eviction_policy != EvictionPolicy::Noeviction {
        d.warning(
            "redis.maxmemory",
            "an eviction policy has no effect without maxmemory",
        );
    }
}

pub(super) fn admin(config: &Config, d: &mut Diagnostics) {
    let has_dev = config.project.environments.contains(&EnvName::Dev);
    let pg = &config.pgadmin;
    if pg.enabled {
        if !config.postgres.enabled {
            d.error(
                "pgadmin.enabled",
                "pgAdmin needs PostgreSQL: switch PostgreSQL on or pgAdmin off",
            );
        }
        if !has_dev {
            d.error("pgadmin.enabled", "pgAdmin would be published in production: add a dev environment (admin UIs only run there)");
        }
        if !is_image_tag(&pg.version) {
            d.error("pgadmin.version", "image tag must look like 9 or 9.8");
        }
        if !pg.email.contains('@')
            || pg
                .email
                .chars()
                .any(|c| c.is_whitespace() || c.is_control())
            || pg.email.contains(['\'', '"', '$', '`'])
        {
            d.error(
                "pgadmin.email",
                "enter an email address such as admin@example.com",
            );
        }
        if pg.password.value.is_empty() {
            d.error("pgadmin.password", "empty password: generate one");
        } else if WEAK_PASSWORDS.contains(&pg.password.value.to_ascii_lowercase().as_str()) {
            d.warning("pgadmin.password", "weak pgAdmin password");
        }
        host_port(d, "pgadmin.host_port", pg.host_port);
    }
    let rc = &config.redis_commander;
    if rc.enabled {
        if !config.redis.enabled {
            d.error(
                "redis_commander.enabled",
                "redis-commander needs Redis: switch Redis on or redis-commander off",
            );
        }
        if !has_dev {
            d.error("redis_commander.enabled", "redis-commander would be published in production: add a dev environment (admin UIs only run there)");
        }
        if !is_image_tag(&rc.version) {
            d.error(
                "redis_commander.version",
                "image tag must look like latest or 0.9",
            );
        }
        host_port(d, "redis_commander.host_port", rc.host_port);
    }
}
