//! The app section: service name, versions, package manager, paths, ports, user, build
//! arguments, development mounts.

use super::*;

pub(super) fn app(a: &App, config: &Config, d: &mut Diagnostics) {
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
                    ConfigPath::new("app").field("monorepo").item("packages", i),
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
    port(d, "app.container_port", a.container_port);
    host_port(d, "app.host_port", a.host_port);
    port(d, "app.render_port", a.render_port);
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
                ConfigPath::new("app").item("system_packages", i),
                "package name must be lowercase letters, digits and + . _ -",
            );
        }
    }
    let mut seen = BTreeSet::new();
    for (i, arg) in a.build_args.iter().enumerate() {
        if !is_identifier_any_case(&arg.name) {
            d.error(
                ConfigPath::new("app").item("build_args", i).field("name"),
                "build arg name must be letters, digits and _, not starting with a digit",
            );
        } else if !seen.insert(arg.name.as_str()) {
            d.error(
                ConfigPath::new("app").item("build_args", i).field("name"),
                format!("build arg {} is defined twice", arg.name),
            );
        }
        if has_control(&arg.value) {
            d.error(
                ConfigPath::new("app").item("build_args", i).field("value"),
                "build arg value must be a single line",
            );
        }
    }
    for (i, mount) in a.dev.mounts.iter().enumerate() {
        if !is_relative_path(mount) {
            d.error(
                ConfigPath::new("app").field("dev").item("mounts", i),
                "mount must be a relative path inside the repository, e.g. src",
            );
        }
    }
}
