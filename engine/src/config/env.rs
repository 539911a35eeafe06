//! Environment variables the user declares: value or default, required, secret, where they go,
//! and what they hold in staging and production when that differs from development.

use super::project::EnvName;
use crate::secret::Generator;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
    /// What the variable holds in a staging or production setup when that differs from
    /// `value` (which development and every environment without an entry use). A localhost
    /// URL is right on a laptop and wrong on a server, so production needs its own value or
    /// none at all (set at deploy time).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub per_env: BTreeMap<EnvName, EnvOverride>,
}

/// A variable's value in one environment, when it is not the main value. Written
/// `{value: "..."}` or `set_at_deploy`, the same in JSON (share links) and YAML (files).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "OverrideRepr", into = "OverrideRepr")]
pub enum EnvOverride {
    /// Its own value (a default in compose, the line in the template, the value on Render).
    Value(String),
    /// No default: whoever deploys sets it, and compose stops while it is unset.
    SetAtDeploy,
}

/// The written form of [`EnvOverride`]: serde_yaml reads an externally tagged newtype variant
/// only as a YAML tag (`!value x`), so the map and the word are spelled out.
#[derive(Clone, Serialize, Deserialize)]
#[serde(untagged)]
enum OverrideRepr {
    Marker(OverrideMarker),
    Own(OwnValue),
}

#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum OverrideMarker {
    SetAtDeploy,
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OwnValue {
    value: String,
}

impl From<OverrideRepr> for EnvOverride {
    fn from(repr: OverrideRepr) -> Self {
        match repr {
            OverrideRepr::Marker(OverrideMarker::SetAtDeploy) => EnvOverride::SetAtDeploy,
            OverrideRepr::Own(own) => EnvOverride::Value(own.value),
        }
    }
}

impl From<EnvOverride> for OverrideRepr {
    fn from(o: EnvOverride) -> Self {
        match o {
            EnvOverride::SetAtDeploy => OverrideRepr::Marker(OverrideMarker::SetAtDeploy),
            EnvOverride::Value(value) => OverrideRepr::Own(OwnValue { value }),
        }
    }
}

/// What a variable holds in one environment, after looking at its overrides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueIn<'a> {
    Value(&'a str),
    SetAtDeploy,
}

impl ValueIn<'_> {
    /// The text a template shows: empty for a value set at deploy time.
    pub fn text(&self) -> &str {
        match self {
            ValueIn::Value(v) => v,
            ValueIn::SetAtDeploy => "",
        }
    }
}

impl EnvVar {
    /// The value in `env` (`None`: the main value, as in development and the base file).
    pub fn value_in(&self, env: Option<EnvName>) -> ValueIn<'_> {
        match env.and_then(|e| self.per_env.get(&e)) {
            Some(EnvOverride::Value(v)) => ValueIn::Value(v),
            Some(EnvOverride::SetAtDeploy) => ValueIn::SetAtDeploy,
            None => ValueIn::Value(&self.value),
        }
    }

    /// Whether the variable goes to `service`: the services it names, or the app when it
    /// names none.
    pub fn reaches(&self, service: &str, is_app: bool) -> bool {
        if self.services.is_empty() {
            is_app
        } else {
            self.services.iter().any(|s| s == service)
        }
    }

    /// Whether compose must refuse to start in `env` while the variable is unset.
    pub fn required_in(&self, env: Option<EnvName>) -> bool {
        self.mode == EnvMode::Required || self.value_in(env) == ValueIn::SetAtDeploy
    }
}

/// Whether a value only makes sense on the developer's machine (a localhost URL or address;
/// `0.0.0.0` is a bind address, right everywhere).
pub fn is_local_address(value: &str) -> bool {
    let v = value.to_ascii_lowercase();
    ["localhost", "127.0.0.1", "[::1]"].iter().any(|host| {
        v.match_indices(host).any(|(at, _)| {
            // A host, not part of a longer name: `mylocalhost.dev` is not local.
            let before = v[..at].chars().next_back();
            let after = v[at + host.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
                && !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        })
    })
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
            per_env: BTreeMap::new(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_addresses() {
        for local in [
            "http://localhost:3000",
            "localhost",
            "redis://127.0.0.1:6379",
            "http://[::1]:80/",
        ] {
            assert!(is_local_address(local), "{local}");
        }
        for remote in [
            "https://example.com",
            "mylocalhost.dev",
            "http://localhost-proxy.io",
            "10.0.0.1",
            "0.0.0.0",
        ] {
            assert!(!is_local_address(remote), "{remote}");
        }
    }

    #[test]
    fn overrides_read_the_same_from_json_and_yaml() {
        let yaml =
            "name: A\nper_env:\n  staging: {value: \"https://s.example\"}\n  prod: set_at_deploy\n";
        let from_yaml: EnvVar = serde_yaml::from_str(yaml).unwrap();
        let json = serde_json::to_string(&from_yaml).unwrap();
        assert!(
            json.contains(
                r#""per_env":{"staging":{"value":"https://s.example"},"prod":"set_at_deploy"}"#
            ),
            "{json}"
        );
        let from_json: EnvVar = serde_json::from_str(&json).unwrap();
        assert_eq!(from_json, from_yaml);
        let back: EnvVar =
            serde_yaml::from_str(&serde_yaml::to_string(&from_yaml).unwrap()).unwrap();
        assert_eq!(back, from_yaml);
        assert!(serde_json::from_str::<EnvVar>(r#"{"per_env":{"prod":"later"}}"#).is_err());
        assert!(
            serde_json::from_str::<EnvVar>(r#"{"per_env":{"prod":{"value":"x","y":1}}}"#).is_err()
        );
    }

    #[test]
    fn value_in_an_environment() {
        let mut v = EnvVar {
            value: "dev".into(),
            ..EnvVar::default()
        };
        v.per_env.insert(EnvName::Prod, EnvOverride::SetAtDeploy);
        v.per_env
            .insert(EnvName::Staging, EnvOverride::Value("stg".into()));
        assert_eq!(v.value_in(None), ValueIn::Value("dev"));
        assert_eq!(v.value_in(Some(EnvName::Dev)), ValueIn::Value("dev"));
        assert_eq!(v.value_in(Some(EnvName::Staging)), ValueIn::Value("stg"));
        assert_eq!(v.value_in(Some(EnvName::Prod)), ValueIn::SetAtDeploy);
        assert!(v.required_in(Some(EnvName::Prod)));
        assert!(!v.required_in(Some(EnvName::Staging)));
    }
}
