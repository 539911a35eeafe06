//! Which files import reads, by name alone: the page decides from these which files of a
//! dropped folder to read at all (a project folder holds thousands; a few matter), before the
//! import worker (which links the YAML parser) sees them. No YAML here, so the page links it.

/// The repository files detection reads, by path from the repository's root.
pub const REPOSITORY_FILES: &[&str] = &[
    "package.json",
    "package-lock.json",
    "pnpm-lock.yaml",
    "yarn.lock",
    "bun.lock",
    "bun.lockb",
    ".nvmrc",
    ".node-version",
    "turbo.json",
    "pnpm-workspace.yaml",
    "next.config.js",
    "next.config.mjs",
    "next.config.ts",
    "prisma/schema.prisma",
    ".env.example",
];

/// Folders never read: dependencies and version control (a front end skips them before
/// reading; they are ignored here too, so every front end agrees).
pub fn is_skipped_folder(path: &str) -> bool {
    path.split('/')
        .any(|part| matches!(part, "node_modules" | ".git" | ".next" | ".turbo"))
}

/// `docker-compose.yml`, `compose.prod.yaml`, `docker-compose-dev.yml`: a compose file by its
/// name, as `docker compose` and the projects in the wild name them.
pub fn is_compose_name(name: &str) -> bool {
    let Some(stem) = name
        .strip_suffix(".yml")
        .or_else(|| name.strip_suffix(".yaml"))
    else {
        return false;
    };
    let stem = stem.strip_prefix("docker-").unwrap_or(stem);
    stem == "compose" || stem.starts_with("compose.") || stem.starts_with("compose-")
}

/// A base file: what `docker compose` reads with no `-f`.
pub fn is_base_name(name: &str) -> bool {
    matches!(
        name,
        "compose.yaml" | "compose.yml" | "docker-compose.yaml" | "docker-compose.yml"
    )
}

/// Lockfiles count by presence (and can be megabytes): a front end need not read them.
pub fn is_lockfile(name: &str) -> bool {
    matches!(
        name,
        "package-lock.json" | "pnpm-lock.yaml" | "yarn.lock" | "bun.lock" | "bun.lockb"
    )
}

/// Whether a file of a dropped folder is worth reading: compose files, env files, the
/// repository's files, and YAML an `include` or `extends` may name.
pub fn wanted(path: &str) -> bool {
    if is_skipped_folder(path) {
        return false;
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    is_compose_name(name)
        || name.starts_with(".env")
        || name.ends_with(".yml")
        || name.ends_with(".yaml")
        || REPOSITORY_FILES
            .iter()
            .any(|f| path == *f || path.ends_with(&format!("/{f}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compose_names() {
        for yes in [
            "compose.yaml",
            "docker-compose.yml",
            "docker-compose.override.yml",
            "compose.prod.yaml",
            "docker-compose-dev.yml",
        ] {
            assert!(is_compose_name(yes), "{yes}");
        }
        for no in [
            "pnpm-lock.yaml",
            "render.yaml",
            "composer.yml",
            "docker-compose.json",
        ] {
            assert!(!is_compose_name(no), "{no}");
        }
    }

    #[test]
    fn a_folder_is_read_for_the_files_that_matter() {
        for yes in [
            "shop/docker-compose.yml",
            "shop/.env.production",
            "shop/package.json",
            "shop/prisma/schema.prisma",
            "shop/infra/db.yaml",
        ] {
            assert!(wanted(yes), "{yes}");
        }
        for no in [
            "shop/node_modules/a/package.json",
            "shop/.git/config",
            "shop/src/page.tsx",
            "shop/prisma/migrations/1/migration.sql",
            "shop/my-package.json",
        ] {
            assert!(!wanted(no), "{no}");
        }
    }
}
