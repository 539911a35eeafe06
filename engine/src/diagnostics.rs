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
    /// Raised only because the bundle includes Kubernetes output: it stops the `k8s/` files
    /// and the Kubernetes guide, never the compose side (a name compose accepts but a cluster
    /// does not must not take the Dockerfile away).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub kubernetes_only: bool,
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
}

/// A typed path into the configuration, built from its field names and list indexes (as
/// compose-go's `tree.Path`): `ConfigPath::new("extra_services").index(1).field("ports")`.
/// It prints as the path strings diagnostics carry (`extra_services[1].ports`), which the CLI
/// shows and the editor maps to its fields.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ConfigPath(String);

impl ConfigPath {
    /// A top-level section or field (`app`, `env`).
    pub fn new(section: &str) -> Self {
        Self(section.to_string())
    }

    /// A field of this path (`.name`).
    pub fn field(&self, name: &str) -> Self {
        Self(format!("{}.{name}", self.0))
    }

    /// An item of this list (`[2]`).
    pub fn index(&self, i: usize) -> Self {
        Self(format!("{}[{i}]", self.0))
    }

    /// Item `i` of the list field `name` (`.ports[2]`).
    pub fn item(&self, name: &str, i: usize) -> Self {
        self.field(name).index(i)
    }
}

impl std::fmt::Display for ConfigPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<ConfigPath> for String {
    fn from(path: ConfigPath) -> String {
        path.0
    }
}

impl From<&ConfigPath> for String {
    fn from(path: &ConfigPath) -> String {
        path.0.clone()
    }
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
            kubernetes_only: false,
        });
    }

    /// An error that stops only the Kubernetes files (see [`Diagnostic::kubernetes_only`]).
    pub fn kubernetes_error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            message: message.into(),
            kubernetes_only: true,
        });
    }

    pub fn warning(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Diagnostic {
            severity: Severity::Warning,
            path: path.into(),
            message: message.into(),
            kubernetes_only: false,
        });
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::ConfigPath;

    #[test]
    fn paths_print_as_the_diagnostic_strings() {
        let svc = ConfigPath::new("extra_services").index(1);
        assert_eq!(
            svc.item("ports", 0).field("host").to_string(),
            "extra_services[1].ports[0].host"
        );
        assert_eq!(
            svc.item("depends_on", 2).to_string(),
            "extra_services[1].depends_on[2]"
        );
        assert_eq!(
            ConfigPath::new("app")
                .field("dev")
                .item("mounts", 0)
                .to_string(),
            "app.dev.mounts[0]"
        );
        assert_eq!(
            String::from(ConfigPath::new("env").index(3).field("name")),
            "env[3].name"
        );
    }
}
