//! Validation: turns a [`Config`] into errors and warnings tied to field paths.
//!
//! It never panics and never rejects silently: every rule that fires says which field and why.
//! Errors stop the files they affect (see [`Diagnostic::blocks`]); warnings do not.

use crate::config::*;
use crate::diagnostics::{Diagnostic, Diagnostics};
pub use crate::resolve::production_environments;
use std::collections::{BTreeMap, BTreeSet};

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

/// Env var names dockwright writes itself for the enabled services.
pub fn managed_env_names(config: &Config) -> Vec<&'static str> {
    let mut names = vec![
        "NODE_ENV",
        "PORT",
        "HOSTNAME",
        "APP_PORT",
        "APP_ENV",
        "CHOKIDAR_USEPOLLING",
        "WATCHPACK_POLLING",
    ];
    if config.postgres.enabled {
        names.extend([
            "DATABASE_URL",
            "POSTGRES_DB",
            "POSTGRES_USER",
            "POSTGRES_PASSWORD",
            "POSTGRES_PORT",
            "POSTGRES_INITDB_ARGS",
            "TZ",
            "PGTZ",
        ]);
    }
    if config.redis.enabled {
        names.extend(["REDIS_URL", "REDIS_PORT"]);
    }
    if config.pgadmin.enabled {
        names.extend(["PGADMIN_EMAIL", "PGADMIN_PASSWORD", "PGADMIN_PORT"]);
    }
    if config.redis_commander.enabled {
        names.push("REDIS_COMMANDER_PORT");
    }
    names
}

pub fn validate(config: &Config) -> Vec<Diagnostic> {
    let mut d = Diagnostics::default();
    project(config, &mut d);
    if config.app.enabled {
        app(&config.app, config, &mut d);
    }
    if config.postgres.enabled {
        postgres(config, &mut d);
    }
    if config.redis.enabled {
        redis(&config.redis, &mut d);
    }
    admin(config, &mut d);
    extra_services(config, &mut d);
    env(config, &mut d);
    ops(&config.ops, &mut d);
    host_ports(config, &mut d);
    let mut all = d.into_vec();
    // Errors first, then by path, so the summary reads top-down.
    all.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then_with(|| a.path.cmp(&b.path))
    });
    all
}

// ---------------------------------------------------------------------------------------------
// Character-class helpers (no regex crate: the rules are simple and this keeps the wasm small).

/// Compose project names: lowercase letters, digits, `_` and `-`, starting with a letter or digit.
pub fn is_project_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
        && s.len() <= 63
}

/// Compose service, network and volume names: `[a-zA-Z0-9][a-zA-Z0-9_.-]*`, and not `x-...`,
/// which compose reads as an extension field and silently drops.
pub fn is_compose_name(s: &str) -> bool {
    if s.to_ascii_lowercase().starts_with("x-") {
        return false;
    }
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        && s.len() <= 63
}

fn is_env_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_uppercase() || c == '_')
        && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

fn is_identifier_any_case(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn is_version(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    (1..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 6 && p.chars().all(|c| c.is_ascii_digit()))
}

fn is_image_tag(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphanumeric() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        && s.len() <= 128
}

/// `[registry/]path[:tag][@digest]`, lowercase repository path.
fn is_image_ref(s: &str) -> bool {
    let (name, _) = s.split_once('@').unwrap_or((s, ""));
    let last_slash = name.rfind('/').map(|i| i + 1).unwrap_or(0);
    let (repo, tag) = match name[last_slash..].find(':') {
        Some(i) => (&name[..last_slash + i], Some(&name[last_slash + i + 1..])),
        None => (name, None),
    };
    !repo.is_empty()
        && repo.split('/').all(|part| {
            !part.is_empty()
                && part.chars().all(|c| {
                    c.is_ascii_lowercase()
                        || c.is_ascii_digit()
                        || matches!(c, '.' | '_' | '-' | ':')
                })
        })
        && tag.is_none_or(is_image_tag)
}

/// A relative path inside the repository: no `..`, not absolute, conservative characters.
fn is_relative_path(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('/')
        && s.split('/').all(|seg| {
            !seg.is_empty()
                && seg != ".."
                && seg
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'))
        })
}

fn is_url_path(s: &str) -> bool {
    s.starts_with('/')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.' | '~'))
}

fn has_control(s: &str) -> bool {
    s.chars().any(|c| c.is_control())
}

fn is_duration(s: &str) -> bool {
    // <digits><unit>: the form both compose and Dockerfile HEALTHCHECK parsers accept
    // (hadolint rejects compound 1m30s and sub-second units; no healthcheck needs them).
    let digits = s.chars().take_while(|c| c.is_ascii_digit()).count();
    digits > 0 && digits <= 6 && matches!(&s[digits..], "s" | "m" | "h")
}

/// An extra service's `KEY=value` whose key names a credential and whose value is literal
/// (not a `${…}` reference): it would sit in compose and in every share link.
pub fn holds_literal_secret(kv: &KeyValue) -> bool {
    let key = kv.key.to_ascii_uppercase();
    let secret_name = [
        "PASSWORD",
        "PASSWD",
        "SECRET",
        "TOKEN",
        "API_KEY",
        "PRIVATE_KEY",
        "ACCESS_KEY",
    ]
    .iter()
    .any(|word| key.contains(word));
    secret_name && !kv.value.is_empty() && !kv.value.starts_with("${")
}

/// `-k`, `--data-checksums`, `--locale=en_US.UTF-8`: one initdb option, nothing the shell
/// would expand or split.
fn is_initdb_option(word: &str) -> bool {
    let Some(body) = word.strip_prefix("--").or_else(|| word.strip_prefix('-')) else {
        return false;
    };
    let (name, value) = body.split_once('=').unwrap_or((body, ""));
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.,:/@+".contains(c))
}

/// `0s`, `00m`: Docker rejects a zero interval or timeout ("cannot be less than 1ms"), and
/// BuildKit a zero `--start-period`, which the Dockerfile therefore leaves out.
pub fn is_zero_duration(s: &str) -> bool {
    is_duration(s)
        && s.trim_end_matches(['s', 'm', 'h'])
            .chars()
            .all(|c| c == '0')
}

fn is_byte_size(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let digits = lower.chars().take_while(|c| c.is_ascii_digit()).count();
    digits > 0
        && matches!(
            &lower[digits..],
            "" | "b" | "k" | "m" | "g" | "kb" | "mb" | "gb"
        )
}

fn is_cpus(s: &str) -> bool {
    s.parse::<f64>().is_ok_and(|v| v > 0.0 && v <= 1024.0)
        && s.chars().all(|c| c.is_ascii_digit() || c == '.')
}

fn is_package_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '+' | '.' | '_' | '-')
        })
}

fn is_script_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '_' | '.' | '-'))
}

fn is_user_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
        && s.len() <= 32
}

/// Characters that survive in a URL's userinfo part without percent-encoding.
fn is_url_safe_secret(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~'))
}

fn port(d: &mut Diagnostics, path: String, value: u16) {
    if value == 0 {
        d.error(path, "port must be between 1 and 65535");
    }
}

fn host_port(d: &mut Diagnostics, path: String, value: u16) {
    port(d, path.clone(), value);
    if (1..1024).contains(&value) {
        d.warning(
            path,
            format!("host port {value} is privileged (below 1024) and may need root"),
        );
    }
}

// ---------------------------------------------------------------------------------------------

fn project(config: &Config, d: &mut Diagnostics) {
    let p = &config.project;
    if !is_project_name(&p.name) {
        d.error(
            "project.name",
            "project name must be 1-63 lowercase letters, digits, '-' or '_', starting with a letter or digit",
        );
    }
    let unique: BTreeSet<_> = p.environments.iter().collect();
    if unique.len() != p.environments.len() {
        d.error(
            "project.environments",
            "each environment may be listed once",
        );
    }
    if !config.app.enabled
        && !config.postgres.enabled
        && !config.redis.enabled
        && config.active_extras().next().is_none()
    {
        d.error("project", "switch on at least one service");
    }
    if config.version != CONFIG_VERSION {
        d.warning(
            "version",
            format!(
                "configuration version {} is read as {CONFIG_VERSION}",
                config.version
            ),
        );
    }
}

fn app(a: &App, config: &Config, d: &mut Diagnostics) {
    if !is_compose_name(&a.service_name) {
        d.error("app.service_name", "service name must start with a letter or digit, use only letters, digits, '.', '_' or '-', and not start with x-");
    }
    if !is_version(&a.node_version) {
        d.error(
            "app.node_version",
            "Node.js version must look like 22, 22.16 or 22.16.0",
        );
    } else if a
        .node_version
        .split('.')
        .next()
        .and_then(|m| m.parse::<u32>().ok())
        .is_some_and(|m| m < 20)
    {
        d.warning(
            "app.node_version",
            "Node.js versions below 20 are end-of-life",
        );
    }
    if !a.package_manager_version.is_empty() && !is_version(&a.package_manager_version) {
        d.error(
            "app.package_manager_version",
            "package manager version must look like 10.18.2",
        );
    }
    if a.framework == Framework::NodeServer {
        let cmd = a.start_command.trim();
        if cmd.is_empty() {
            d.error(
                "app.start_command",
                "a Node server needs a start command, e.g. node dist/server.js",
            );
        } else if cmd
            .chars()
            .any(|c| "\"'`$&|;<>\\(){}*?!#~".contains(c) || c.is_control())
        {
            d.error("app.start_command", "start command must be a plain command and arguments (exec form runs no shell); put shell logic in a package.json script");
        }
    }
    for (path, script) in [
        ("app.build_script", &a.build_script),
        ("app.dev_script", &a.dev_script),
    ] {
        if !is_script_name(script) {
            d.error(
                path,
                "script name may use letters, digits, ':', '_', '.' and '-'",
            );
        }
    }
    if a.monorepo.enabled {
        let m = &a.monorepo;
        if !is_relative_path(&m.app_dir) {
            d.error(
                "app.monorepo.app_dir",
                "app directory must be a relative path inside the repository, e.g. apps/web",
            );
        }
        if m.filter.is_empty()
            || !m
                .filter
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '@' | '/' | '.' | '_' | '-'))
        {
            d.error(
                "app.monorepo.filter",
                "workspace filter must be a package name such as web or @acme/web",
            );
        }
        for (i, pkg) in m.packages.iter().enumerate() {
            if !is_relative_path(pkg) {
                d.error(
                    format!("app.monorepo.packages[{i}]"),
                    "workspace package must be a relative path, e.g. packages/database",
                );
            }
        }
        if m.turbo_prune && !is_version(&m.turbo_version) {
            d.error(
                "app.monorepo.turbo_version",
                "turbo version must look like 2.5.8",
            );
        }
    }
    if a.prisma.enabled {
        if !is_relative_path(&a.prisma.schema_path) || !a.prisma.schema_path.ends_with(".prisma") {
            d.error(
                "app.prisma.schema_path",
                "schema path must be a relative path ending in .prisma",
            );
        }
        if !config.postgres.enabled {
            d.warning("app.prisma.enabled", "Prisma is on but PostgreSQL is off: DATABASE_URL must point at an external database");
        }
    }
    port(d, "app.container_port".into(), a.container_port);
    host_port(d, "app.host_port".into(), a.host_port);
    port(d, "app.render_port".into(), a.render_port);
    if !is_url_path(&a.health_path) {
        d.error(
            "app.health_path",
            "health path must start with / and use only letters, digits and / - _ . ~",
        );
    }
    if let Some(ready) = &a.ready_path {
        if !is_url_path(ready) {
            d.error(
                "app.ready_path",
                "readiness path must start with / and use only letters, digits and / - _ . ~",
            );
        }
    }
    if !is_user_name(&a.user.name) {
        d.error(
            "app.user.name",
            "user name must be lowercase letters, digits, '_' or '-' (at most 32)",
        );
    }
    if !is_user_name(&a.user.group) {
        d.error(
            "app.user.group",
            "group name must be lowercase letters, digits, '_' or '-' (at most 32)",
        );
    }
    if a.user.uid == 0 {
        d.error(
            "app.user.uid",
            "uid 0 is root: the container must run as a non-root user",
        );
    } else if a.user.uid > 65534 {
        d.error("app.user.uid", "uid must be between 1 and 65534");
    }
    for (i, pkg) in a.system_packages.iter().enumerate() {
        if !is_package_name(pkg) {
            d.error(
                format!("app.system_packages[{i}]"),
                "package name must be lowercase letters, digits and + . _ -",
            );
        }
    }
    let mut seen = BTreeSet::new();
    for (i, arg) in a.build_args.iter().enumerate() {
        if !is_identifier_any_case(&arg.name) {
            d.error(
                format!("app.build_args[{i}].name"),
                "build arg name must be letters, digits and _, not starting with a digit",
            );
        } else if !seen.insert(arg.name.as_str()) {
            d.error(
                format!("app.build_args[{i}].name"),
                format!("build arg {} is defined twice", arg.name),
            );
        }
        if has_control(&arg.value) {
            d.error(
                format!("app.build_args[{i}].value"),
                "build arg value must be a single line",
            );
        }
    }
    for (i, mount) in a.dev.mounts.iter().enumerate() {
        if !is_relative_path(mount) {
            d.error(
                format!("app.dev.mounts[{i}]"),
                "mount must be a relative path inside the repository, e.g. src",
            );
        }
    }
}

fn postgres(config: &Config, d: &mut Diagnostics) {
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
        host_port(d, "postgres.host_port".into(), hp);
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
                format!("postgres.extensions[{i}]"),
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

fn redis(r: &Redis, d: &mut Diagnostics) {
    if !is_image_tag(&r.version) {
        d.error("redis.version", "image tag must look like 7-alpine or 8");
    }
    if !r.maxmemory.is_empty() && !is_byte_size(&r.maxmemory) {
        d.error("redis.maxmemory", "maxmemory must look like 256mb or 1gb");
    }
    if let Some(hp) = r.host_port {
        host_port(d, "redis.host_port".into(), hp);
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

fn admin(config: &Config, d: &mut Diagnostics) {
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
        host_port(d, "pgadmin.host_port".into(), pg.host_port);
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
        host_port(d, "redis_commander.host_port".into(), rc.host_port);
    }
}

fn extra_services(config: &Config, d: &mut Diagnostics) {
    let enabled = config.enabled_service_names();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let builtin: Vec<String> = {
        let mut c = config.clone();
        c.extra_services.clear();
        c.enabled_service_names()
    };
    for (i, s) in config
        .extra_services
        .iter()
        .enumerate()
        .filter(|(_, s)| s.enabled)
    {
        let base = format!("extra_services[{i}]");
        for kv in s.environment.iter().filter(|kv| holds_literal_secret(kv)) {
            d.warning(
                format!("{base}.environment"),
                format!(
                    "{} looks like a secret: its value is written into compose and the share link; make it a secret variable",
                    kv.key
                ),
            );
        }
        if !is_compose_name(&s.name) {
            d.error(format!("{base}.name"), "service name must start with a letter or digit, use only letters, digits, '.', '_' or '-', and not start with x-");
        } else if builtin.contains(&s.name) || seen.contains_key(s.name.as_str()) {
            d.error(
                format!("{base}.name"),
                format!("service name {} is already used", s.name),
            );
        }
        seen.insert(&s.name, i);
        if !is_image_ref(&s.image) {
            d.error(
                format!("{base}.image"),
                "image must look like redis:7 or ghcr.io/org/name:1.2",
            );
        } else if !s.image.contains('@')
            && (s.image.ends_with(":latest")
                || !s.image.rsplit('/').next().unwrap_or("").contains(':'))
        {
            d.warning(
                format!("{base}.image"),
                "pin an image tag instead of latest for reproducible deploys",
            );
        }
        if let Some(cmd) = &s.command {
            if cmd.trim().is_empty() || has_control(cmd) {
                d.error(
                    format!("{base}.command"),
                    "command must be a non-empty single line",
                );
            }
        }
        for (j, p) in s.ports.iter().enumerate() {
            host_port(d, format!("{base}.ports[{j}].host"), p.host);
            port(d, format!("{base}.ports[{j}].container"), p.container);
            if p.bind == Bind::All && is_datastore_image(&s.image) {
                d.warning(
                    format!("{base}.ports[{j}].bind"),
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
                    format!("{base}.environment[{j}].key"),
                    "variable name must be letters, digits and _, not starting with a digit",
                );
            } else if !keys.insert(kv.key.as_str()) {
                d.error(
                    format!("{base}.environment[{j}].key"),
                    format!("{} is set twice", kv.key),
                );
            }
            if has_control(&kv.value) {
                d.error(
                    format!("{base}.environment[{j}].value"),
                    "value must be a single line",
                );
            }
        }
        for (j, v) in s.volumes.iter().enumerate() {
            let bind = v.source.starts_with("./");
            if !(bind && is_relative_path(&v.source[2..]) || !bind && is_compose_name(&v.source)) {
                d.error(
                    format!("{base}.volumes[{j}].source"),
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
                    format!("{base}.volumes[{j}].target"),
                    "target must be an absolute path in the container, e.g. /data",
                );
            }
        }
        if let Some(hc) = &s.healthcheck {
            if hc.trim().is_empty() || has_control(hc) {
                d.error(
                    format!("{base}.healthcheck"),
                    "healthcheck must be a non-empty single-line shell command",
                );
            }
        }
        let profiles = config.project.strategy == EnvStrategy::Profiles
            && !config.project.environments.is_empty();
        for (j, dep) in s.depends_on.iter().enumerate() {
            let path = format!("{base}.depends_on[{j}]");
            if dep == &s.name {
                d.error(path, "a service cannot depend on itself");
            } else if !enabled.contains(dep) {
                d.error(
                    path,
                    format!("depends on {dep}, which is not an enabled service"),
                );
            } else if profiles && config.app.enabled && dep == &config.app.service_name {
                d.error(path, format!("with profiles the app runs as {dep}-<environment>; an extra service cannot depend on it"));
            } else if let Some(env) = runs_in(config, s)
                .into_iter()
                .find(|env| !services_in(config, *env).contains(dep))
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
                    format!("{base}.only_in[{j}]"),
                    format!(
                        "environment {} is not generated, so this never applies",
                        env.as_str()
                    ),
                );
            }
        }
    }
}

fn env(config: &Config, d: &mut Diagnostics) {
    let managed = managed_env_names(config);
    let enabled = config.enabled_service_names();
    let mut rows_by_name: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (i, v) in config.env.iter().enumerate() {
        rows_by_name.entry(v.name.as_str()).or_default().push(i);
    }
    for (i, v) in config.env.iter().enumerate() {
        let base = format!("env[{i}]");
        if !is_env_name(&v.name) {
            d.error(
                format!("{base}.name"),
                "use UPPER_SNAKE_CASE: capital letters, digits and _, not starting with a digit",
            );
        } else if managed.contains(&v.name.as_str()) {
            d.error(
                format!("{base}.name"),
                format!(
                    "{} is managed by dockwright for the enabled services",
                    v.name
                ),
            );
        } else if rows_by_name[v.name.as_str()].len() > 1 {
            // Every row with the name, so the one just edited is flagged too.
            let rows = rows_by_name[v.name.as_str()]
                .iter()
                .map(|r| (r + 1).to_string())
                .collect::<Vec<_>>()
                .join(" and ");
            d.error(
                format!("{base}.name"),
                format!("{} is defined twice (variables {rows})", v.name),
            );
        }
        if has_control(&v.value) {
            d.error(
                format!("{base}.value"),
                "value must be a single line without control characters",
            );
        }
        if has_control(&v.section) {
            d.error(format!("{base}.section"), "section must be a single line");
        }
        if v.secret {
            if v.mode == EnvMode::Fixed {
                d.error(
                    format!("{base}.mode"),
                    "a secret cannot be fixed inline in compose: use required",
                );
            }
            if v.name.starts_with("NEXT_PUBLIC_") {
                d.error(format!("{base}.secret"), "NEXT_PUBLIC_ variables are inlined into the browser bundle and cannot be secret");
            }
            if v.value.is_empty() && v.mode == EnvMode::Required {
                // .env would hold `NAME=` and compose refuses to start on `${NAME:?…}`.
                let how = if v.generator.is_some() {
                    "generate one"
                } else {
                    "set it in .env before starting"
                };
                d.warning(
                    format!("{base}.value"),
                    format!("{} has no value yet: {how}", v.name),
                );
            }
        }
        if let Some(g) = v.generator {
            if !(crate::secret::Generator::MIN_BYTES..=crate::secret::Generator::MAX_BYTES)
                .contains(&g.bytes)
            {
                d.error(
                    format!("{base}.generator.bytes"),
                    "generate between 16 and 128 random bytes",
                );
            }
        }
        if v.mode == EnvMode::Required && !v.secret && v.value.is_empty() {
            d.warning(
                format!("{base}.value"),
                format!(
                    "{} is required and empty: compose will not start until it is set in .env",
                    v.name
                ),
            );
        }
        if v.mode == EnvMode::Default && v.value.contains('}') {
            d.warning(
                format!("{base}.value"),
                "a value containing } cannot be a compose default; it is read from .env only",
            );
        }
        if v.mode != EnvMode::Fixed && !v.in_example && !v.in_production {
            d.warning(
                format!("{base}.in_example"),
                "listed in no .env template: nobody will know to set it",
            );
        }
        for (env, value) in &v.per_env {
            let path = format!("{base}.per_env.{}", env.as_str());
            match value {
                EnvOverride::Value(value) if has_control(value) => {
                    d.error(path, "value must be a single line without control characters")
                }
                EnvOverride::SetAtDeploy if v.mode == EnvMode::Fixed => d.error(
                    path,
                    format!(
                        "a fixed value is written into compose, so {} cannot be left to set at deploy: give it its own value or use default mode",
                        env.as_str()
                    ),
                ),
                _ => {}
            }
        }
        local_value_in_production(config, i, v, d);
        for (j, svc) in v.services.iter().enumerate() {
            if !enabled.contains(svc) {
                d.error(
                    format!("{base}.services[{j}]"),
                    format!("{svc} is not an enabled service"),
                );
            }
        }
        if v.services.is_empty() && !config.app.enabled {
            d.warning(
                format!("{base}.services"),
                "no app service: name the services that receive this variable",
            );
        }
    }
}

/// A localhost URL is right on a laptop and wrong on a server: warn when one reaches a
/// production file, naming the files, at the control that gives production its own value.
fn local_value_in_production(config: &Config, i: usize, v: &EnvVar, d: &mut Diagnostics) {
    if v.secret {
        // Secrets are placeholders in every production file.
        return;
    }
    let mut files = Vec::new();
    let mut shown = None;
    let production = production_environments(config);
    let paths = crate::output::paths::Paths::new(config);
    let prod_env = config.project.production_values_env();
    let local = |env: Option<EnvName>| match v.value_in(env) {
        ValueIn::Value(value) if is_local_address(value) => Some(value.to_string()),
        _ => None,
    };
    if production {
        if let Some(value) = local(Some(prod_env)) {
            if v.in_production && v.mode != EnvMode::Fixed {
                files.push(crate::output::paths::ENV_PRODUCTION_EXAMPLE.to_string());
            }
            let compose_env = (!config.project.environments.is_empty()
                && config.project.strategy == EnvStrategy::Overrides)
                .then_some(prod_env);
            files.push(paths.compose_name(compose_env));
            shown = Some(value);
        }
    }
    let to_app = v.services.is_empty() || v.services.contains(&config.app.service_name);
    if config.project.render_blueprint && config.app.enabled && v.in_production && to_app {
        if let Some(value) = local(Some(EnvName::Prod)) {
            files.push(crate::output::paths::RENDER_BLUEPRINT.to_string());
            shown.get_or_insert(value);
        }
    }
    if let Some(value) = shown {
        d.warning(
            format!("env[{i}].per_env.prod"),
            format!(
                "{} is {value} in production files too ({}): give production its own value, or leave it to be set at deploy",
                v.name,
                files.join(", ")
            ),
        );
    }
}

fn ops(o: &Operations, d: &mut Diagnostics) {
    let h = &o.healthcheck;
    for (path, value) in [
        ("ops.healthcheck.interval", &h.interval),
        ("ops.healthcheck.timeout", &h.timeout),
        ("ops.healthcheck.start_period", &h.start_period),
    ] {
        if !is_duration(value) {
            d.error(
                path,
                "duration must be a whole number with s, m or h, e.g. 30s or 2m",
            );
        }
    }
    for (path, value) in [
        ("ops.healthcheck.interval", &h.interval),
        ("ops.healthcheck.timeout", &h.timeout),
    ] {
        if is_zero_duration(value) {
            d.error(
                path,
                "must be at least 1s: Docker refuses a zero interval or timeout",
            );
        }
    }
    if h.retries == 0 || h.retries > 100 {
        d.error(
            "ops.healthcheck.retries",
            "retries must be between 1 and 100",
        );
    }
    if let Some(r) = &o.resources {
        for (path, value) in [
            ("ops.resources.cpus_limit", &r.cpus_limit),
            ("ops.resources.cpus_reservation", &r.cpus_reservation),
        ] {
            if !is_cpus(value) {
                d.error(path, "CPUs must be a positive number such as 2 or 0.5");
            }
        }
        for (path, value) in [
            ("ops.resources.memory_limit", &r.memory_limit),
            ("ops.resources.memory_reservation", &r.memory_reservation),
        ] {
            if !is_byte_size(value) {
                d.error(path, "memory must look like 512M or 2G");
            }
        }
        if let (Ok(limit), Ok(reserved)) = (
            r.cpus_limit.parse::<f64>(),
            r.cpus_reservation.parse::<f64>(),
        ) {
            if reserved > limit {
                d.warning(
                    "ops.resources.cpus_reservation",
                    "reservation is above the limit",
                );
            }
        }
    }
    if let Some(l) = &o.logging {
        if ![
            "json-file",
            "local",
            "journald",
            "syslog",
            "none",
            "fluentd",
            "gelf",
            "awslogs",
        ]
        .contains(&l.driver.as_str())
        {
            d.error("ops.logging.driver", "logging driver must be one of json-file, local, journald, syslog, fluentd, gelf, awslogs, none");
        }
        if !is_byte_size(&l.max_size) {
            d.error("ops.logging.max_size", "max size must look like 10m");
        }
        if l.max_file == 0 {
            d.error("ops.logging.max_file", "keep at least one log file");
        }
    }
    if let Some(prefix) = &o.container_name_prefix {
        if !is_compose_name(prefix) {
            d.error("ops.container_name_prefix", "prefix must start with a letter or digit and use only letters, digits, '.', '_' or '-'");
        }
    }
    if !is_compose_name(&o.network_name) {
        d.error("ops.network_name", "network name must start with a letter or digit, use only letters, digits, '.', '_' or '-', and not start with x-");
    }
}

/// The environments an extra service runs in (`None` = the single-file setup).
fn runs_in(config: &Config, s: &ExtraService) -> Vec<Option<EnvName>> {
    // A service in every environment also sits in the base file (or has no profile), which
    // must be valid on its own.
    let mut envs = vec![];
    if s.only_in.is_empty() || config.project.environments.is_empty() {
        envs.push(None);
    }
    envs.extend(
        config
            .project
            .environments
            .iter()
            .copied()
            .filter(|e| s.only_in.contains(e) || s.only_in.is_empty())
            .map(Some),
    );
    envs
}

/// Every environment a bundle sets up: each configured one, or the single base file (`None`).
fn environment_slots(config: &Config) -> Vec<Option<EnvName>> {
    if config.project.environments.is_empty() {
        vec![None]
    } else {
        config
            .project
            .environments
            .iter()
            .copied()
            .map(Some)
            .collect()
    }
}

/// The lowest host port from `from` up that no service publishes in any environment: the
/// default for a newly added service, so it does not clash with the one added before.
pub fn first_free_host_port(config: &Config, from: u16) -> u16 {
    let used: BTreeSet<u16> = environment_slots(config)
        .into_iter()
        .flat_map(|env| published_host_ports(config, env))
        .map(|(port, _, _)| port)
        .chain(
            config
                .extra_services
                .iter()
                .flat_map(|s| s.ports.iter().map(|p| p.host)),
        )
        .collect();
    (from..=u16::MAX)
        .find(|p| !used.contains(p))
        .unwrap_or(from)
}

/// The services present in one environment.
pub fn services_in(config: &Config, env: Option<EnvName>) -> Vec<String> {
    let dev = env == Some(EnvName::Dev);
    let mut out = Vec::new();
    if config.app.enabled {
        out.push(config.app.service_name.clone());
    }
    if config.postgres.enabled {
        out.push(POSTGRES_SERVICE.into());
    }
    if config.redis.enabled {
        out.push(REDIS_SERVICE.into());
    }
    if dev && config.pgadmin.enabled {
        out.push(PGADMIN_SERVICE.into());
    }
    if dev && config.redis_commander.enabled {
        out.push(REDIS_COMMANDER_SERVICE.into());
    }
    for s in config.active_extras() {
        if runs_in(config, s).contains(&env) {
            out.push(s.name.clone());
        }
    }
    out
}

/// Host ports published in one environment, with the field path that publishes each.
pub fn published_host_ports(config: &Config, env: Option<EnvName>) -> Vec<(u16, String, String)> {
    let dev = env == Some(EnvName::Dev);
    let mut out = Vec::new();
    if config.app.enabled {
        out.push((
            config.app.host_port,
            "app.host_port".into(),
            config.app.service_name.clone(),
        ));
    }
    if config.postgres.enabled {
        if let Some(p) = config.postgres.host_port {
            if dev || config.postgres.publish_in_production {
                out.push((p, "postgres.host_port".into(), POSTGRES_SERVICE.into()));
            }
        }
    }
    if config.redis.enabled {
        if let Some(p) = config.redis.host_port {
            if dev || config.redis.publish_in_production {
                out.push((p, "redis.host_port".into(), REDIS_SERVICE.into()));
            }
        }
    }
    if dev && config.pgadmin.enabled {
        out.push((
            config.pgadmin.host_port,
            "pgadmin.host_port".into(),
            PGADMIN_SERVICE.into(),
        ));
    }
    if dev && config.redis_commander.enabled {
        out.push((
            config.redis_commander.host_port,
            "redis_commander.host_port".into(),
            REDIS_COMMANDER_SERVICE.into(),
        ));
    }
    for (i, s) in config
        .extra_services
        .iter()
        .enumerate()
        .filter(|(_, s)| s.enabled)
    {
        if env.is_none() || s.only_in.is_empty() || env.is_some_and(|e| s.only_in.contains(&e)) {
            for (j, p) in s.ports.iter().enumerate() {
                out.push((
                    p.host,
                    format!("extra_services[{i}].ports[{j}].host"),
                    s.name.clone(),
                ));
            }
        }
    }
    out
}

fn host_ports(config: &Config, d: &mut Diagnostics) {
    let mut reported = BTreeSet::new();
    for env in environment_slots(config) {
        let mut owner: BTreeMap<u16, String> = BTreeMap::new();
        for (port, path, service) in published_host_ports(config, env) {
            if port == 0 {
                continue;
            }
            if let Some(first) = owner.get(&port) {
                if reported.insert(path.clone()) {
                    let scope = env
                        .map(|e| format!(" in {}", e.as_str()))
                        .unwrap_or_default();
                    d.error(
                        path,
                        format!("host port {port} is already used by {first}{scope}"),
                    );
                }
            } else {
                owner.insert(port, service);
            }
        }
    }
}
