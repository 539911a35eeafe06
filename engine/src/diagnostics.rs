//! Errors and warnings as values, each tied to the field path it belongs to.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// One finding about the configuration. `path` uses the config's own field names:
/// `postgres.host_port`, `env[3].name`, `extra_services[0].ports[1].host`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: String,
    pub message: String,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The top-level section of the path (`env[3].name` -> `env`).
    pub fn section(&self) -> &str {
        let end = self.path.find(['.', '[']).unwrap_or(self.path.len());
        &self.path[..end]
    }

    /// Whether an error here stops a file of this kind from being generated.
    pub fn blocks(&self, kind: FileKind) -> bool {
        use FileKind::*;
        if !self.is_error() {
            return false;
        }
        // Field before section: a host port is read by the compose files, the .env files and
        // the guide, nothing else (a pgAdmin port clash stopped render.yaml and init-db.sql).
        if self.path.ends_with(".host_port") {
            return matches!(kind, Compose | EnvFile | Guide);
        }
        let kinds: &[FileKind] = match self.section() {
            "app" => &[
                Dockerfile,
                DockerIgnore,
                Compose,
                Entrypoint,
                RenderBlueprint,
                Guide,
            ],
            "postgres" => &[
                Compose,
                EnvFile,
                BackupScript,
                InitSql,
                RenderBlueprint,
                Guide,
            ],
            "redis" | "pgadmin" | "redis_commander" => &[Compose, EnvFile, RenderBlueprint, Guide],
            "extra_services" => &[Compose, Guide],
            "env" => &[Compose, EnvFile, RenderBlueprint, Guide],
            "ops" => &[Compose, Dockerfile, Guide],
            // project-level and unknown paths stop everything.
            _ => return true,
        };
        kinds.contains(&kind)
    }
}

/// The kinds of generated file, for mapping errors to what they stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Dockerfile,
    DockerIgnore,
    Compose,
    EnvFile,
    Entrypoint,
    BackupScript,
    InitSql,
    RenderBlueprint,
    Guide,
}

/// Collects diagnostics while validating.
#[derive(Default, Debug)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            message: message.into(),
        });
    }

    pub fn warning(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Diagnostic {
            severity: Severity::Warning,
            path: path.into(),
            message: message.into(),
        });
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }
}
