//! Project-wide choices: name, where files go, compose naming and environment strategy.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Project {
    /// Compose project name (`name:`), also the prefix of Render resources.
    pub name: String,
    pub layout: Layout,
    pub compose_naming: ComposeNaming,
    pub strategy: EnvStrategy,
    /// Environments to generate, in this order. Empty: one compose file, no overrides.
    pub environments: Vec<EnvName>,
    /// Emit render.yaml (Render Blueprint).
    pub render_blueprint: bool,
    /// Emit a ready-to-run `.env` holding the generated secrets (git-ignored, never commit).
    pub write_dotenv: bool,
}

impl Default for Project {
    fn default() -> Self {
        Self {
            name: "my-app".into(),
            layout: Layout::Root,
            compose_naming: ComposeNaming::DockerCompose,
            strategy: EnvStrategy::Overrides,
            environments: vec![EnvName::Dev, EnvName::Prod],
            render_blueprint: true,
            write_dotenv: true,
        }
    }
}

/// Where the compose files live.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Everything at the repository root.
    Root,
    /// Compose and env files under `docker/`, build context `..` (Dockerfile stays at the root).
    DockerDir,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComposeNaming {
    /// `docker-compose.yml`, `docker-compose.dev.yml`, ...
    DockerCompose,
    /// `compose.yaml`, `compose.dev.yaml`, ...
    ComposeYaml,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnvStrategy {
    /// A base file plus one override file per environment.
    Overrides,
    /// One file; environment-specific services carry `profiles:`.
    Profiles,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnvName {
    Dev,
    Staging,
    Prod,
}

impl EnvName {
    /// Whether this environment runs the production image (and so must hold no default secret).
    pub fn is_production_like(self) -> bool {
        !matches!(self, EnvName::Dev)
    }
}

impl Project {
    /// The environment whose values `.env.production.example` and render.yaml show: prod when
    /// the project has it (or has no environments, so its one file is production), else
    /// staging, the production-like setup it has; prod for a development-only project's
    /// render.yaml.
    pub fn production_values_env(&self) -> EnvName {
        let envs = &self.environments;
        if envs.contains(&EnvName::Staging) && !envs.contains(&EnvName::Prod) {
            EnvName::Staging
        } else {
            EnvName::Prod
        }
    }

    /// The environment the base compose file stands for when values differ: none while
    /// environments refine it, production when it is the only file.
    pub fn base_values_env(&self) -> Option<EnvName> {
        self.environments.is_empty().then_some(EnvName::Prod)
    }
}

/// The nearest valid compose project name for free text: `My Project!` -> `my-project`.
/// What the editor offers in one click when a name is invalid; empty when nothing is left.
pub fn slugify(name: &str) -> String {
    let mut slug = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    // Compose caps project names at 63 characters.
    let slug: String = slug.chars().take(63).collect();
    slug.trim_end_matches('-').to_string()
}
