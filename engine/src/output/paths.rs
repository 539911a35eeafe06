//! Where each generated file goes, from the layout and naming choices.

use crate::config::*;

/// Paths of one bundle.
#[derive(Clone, Debug)]
pub struct Paths {
    /// Folder of the compose and env files: `""` or `"docker/"`.
    pub compose_dir: &'static str,
    /// The repository root as seen from the compose folder: `.` or `..`.
    pub root_from_compose: &'static str,
    naming: ComposeNaming,
}

impl Paths {
    pub fn new(config: &Config) -> Self {
        let docker = config.project.layout == Layout::DockerDir;
        Self {
            compose_dir: if docker { "docker/" } else { "" },
            root_from_compose: if docker { ".." } else { "." },
            naming: config.project.compose_naming,
        }
    }

    /// File name (without folder) of the base compose file or of one environment's override.
    pub fn compose_name(&self, env: Option<EnvName>) -> String {
        match (self.naming, env) {
            (ComposeNaming::DockerCompose, None) => "docker-compose.yml".into(),
            (ComposeNaming::DockerCompose, Some(e)) => format!("docker-compose.{}.yml", e.as_str()),
            (ComposeNaming::ComposeYaml, None) => "compose.yaml".into(),
            (ComposeNaming::ComposeYaml, Some(e)) => format!("compose.{}.yaml", e.as_str()),
        }
    }

    pub fn compose_path(&self, env: Option<EnvName>) -> String {
        format!("{}{}", self.compose_dir, self.compose_name(env))
    }

    /// A repository path as seen from the compose folder (`./src`, `../src`).
    pub fn from_compose(&self, repo_path: &str) -> String {
        format!("{}/{}", self.root_from_compose, repo_path)
    }

    pub fn env_file(&self, name: &str) -> String {
        format!("{}{}", self.compose_dir, name)
    }

    pub fn dockerfile_dev(&self) -> String {
        format!("{}Dockerfile.dev", self.compose_dir)
    }
}

pub const DOCKERFILE: &str = "Dockerfile";
pub const DOCKERIGNORE: &str = ".dockerignore";
pub const ENTRYPOINT: &str = "scripts/docker-entrypoint.sh";
pub const BACKUP: &str = "scripts/backup-database.sh";
pub const INIT_DB: &str = "scripts/init-db.sql";
pub const RENDER_BLUEPRINT: &str = "render.yaml";
pub const GUIDE: &str = "DOCKER.md";
pub const ENV_EXAMPLE: &str = ".env.example";
pub const ENV_PRODUCTION_EXAMPLE: &str = ".env.production.example";
pub const DOTENV: &str = ".env";
