//! Environment variables the user declares: value or default, required, secret, where they go.

use crate::secret::Generator;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EnvVar {
    pub name: String,
    /// The value (or the default, or a generated secret).
    pub value: String,
    pub mode: EnvMode,
    /// Secrets never get an inline default in compose and are placeholders in templates.
    pub secret: bool,
    /// How a secret is generated (and regenerated when a share link leaves it out).
    pub generator: Option<Generator>,
    pub comment: String,
    /// Section heading in the .env templates.
    pub section: String,
    /// Services that receive the variable; empty means the app.
    pub services: Vec<String>,
    /// Listed in `.env.example`.
    pub in_example: bool,
    /// Listed in `.env.production.example`.
    pub in_production: bool,
}

impl Default for EnvVar {
    fn default() -> Self {
        Self {
            name: "NEW_VARIABLE".into(),
            value: String::new(),
            mode: EnvMode::Default,
            secret: false,
            generator: None,
            comment: String::new(),
            section: "Application".into(),
            services: Vec::new(),
            in_example: true,
            in_production: true,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnvMode {
    /// `${NAME:-value}` in compose, `NAME=value` in the templates.
    Default,
    /// `${NAME:?...}` in compose: compose refuses to start while it is unset or empty.
    Required,
    /// The literal value written into compose (not read from .env).
    Fixed,
}
