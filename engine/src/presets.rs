//! Presets: one per setup the seed teams describe, written as YAML files under `presets/` and
//! embedded as JSON (converted by build.rs).
//! Secrets are empty in the files; callers fill them with [`crate::secret::fill_missing_secrets`].

use crate::config::Config;

pub struct Preset {
    pub id: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub source: &'static str,
}

pub const PRESETS: &[Preset] = &[
    Preset {
        id: "nextjs-prisma-selfhosted",
        title: "Next.js + Prisma + PostgreSQL (self-hosted)",
        description: "npm app with start-up migrations, dev/prod overrides and rotating database backups",
        source: include_str!(concat!(env!("OUT_DIR"), "/presets/nextjs-prisma-selfhosted.json")),
    },
    Preset {
        id: "nextjs-render-parity",
        title: "Next.js + PostgreSQL + Redis, Render parity",
        description: "pnpm Turborepo app in a docker/ folder, dev/prod overrides, pgAdmin and redis-commander in dev, render.yaml",
        source: include_str!(concat!(env!("OUT_DIR"), "/presets/nextjs-render-parity.json")),
    },
    Preset {
        id: "turborepo-pnpm-profiles",
        title: "Turborepo + pnpm monorepo with dev/staging/prod profiles",
        description: "one compose file with profiles, Dockerfile.dev for hot reload, admin UIs in the dev profile",
        source: include_str!(concat!(env!("OUT_DIR"), "/presets/turborepo-pnpm-profiles.json")),
    },
    Preset {
        id: "nextjs-hardened",
        title: "Hardened Next.js + PostgreSQL + Redis",
        description: "dumb-init, Playwright Chromium, init-db extensions, Redis 512 MB LRU with AOF, resource limits, log rotation",
        source: include_str!(concat!(env!("OUT_DIR"), "/presets/nextjs-hardened.json")),
    },
    Preset {
        id: "node-minimal",
        title: "Minimal Node app",
        description: "a single app container from one compose file, no database",
        source: include_str!(concat!(env!("OUT_DIR"), "/presets/node-minimal.json")),
    },
];

/// The preset the web page opens on.
pub const DEFAULT_PRESET: &str = "nextjs-prisma-selfhosted";

pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

/// The preset's configuration with empty secrets.
pub fn load(id: &str) -> Option<Config> {
    Config::from_text(find(id)?.source).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_parses_and_validates_cleanly() {
        for p in PRESETS {
            let mut config =
                Config::from_text(p.source).unwrap_or_else(|e| panic!("{}: {e}", p.id));
            crate::secret::fill_missing_secrets(
                &mut config,
                &mut crate::secret::DeterministicEntropy(7),
            );
            let diags = crate::validate::validate(&config);
            assert!(diags.is_empty(), "{}: {diags:#?}", p.id);
        }
        assert!(find(DEFAULT_PRESET).is_some());
    }
}
