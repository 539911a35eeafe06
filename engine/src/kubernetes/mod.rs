//! The Kubernetes objects dockwright writes, as typed values (the compose model's
//! counterpart): pods, containers, probes and security contexts are typed, so the rules a pod
//! must meet (Pod Security Standard "restricted", requests and limits, no literal secrets) are
//! stated once in [`pod`]; the thin wrappers around them (Services, policies, kustomizations)
//! are [`Manifest`]s with a structured `spec`.

pub mod pod;
pub mod probe;

use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// The recommended labels every object carries, and the one selectors use.
pub const NAME_LABEL: &str = "app.kubernetes.io/name";

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Meta {
    pub name: String,
    /// Set by an overlay (Kustomize's `namespace:`), never in the base.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
}

impl Meta {
    /// Named `name`, labelled as the component `name`.
    pub fn component(name: &str) -> Self {
        Self {
            name: name.into(),
            namespace: None,
            labels: selector(name),
            annotations: BTreeMap::new(),
        }
    }

    pub fn named(name: &str) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }
}

/// The labels that select `component`'s pods.
pub fn selector(component: &str) -> BTreeMap<String, String> {
    BTreeMap::from([(NAME_LABEL.to_string(), component.to_string())])
}

/// One Kubernetes object.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    pub api_version: &'static str,
    pub kind: &'static str,
    pub metadata: Meta,
    #[serde(skip_serializing_if = "Value::is_null")]
    pub spec: Value,
    /// A Secret's type.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub secret_type: Option<&'static str>,
    /// A ConfigMap's entries (a Secret's, base64).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub data: BTreeMap<String, String>,
}

impl Manifest {
    pub fn new(api_version: &'static str, kind: &'static str, metadata: Meta, spec: Value) -> Self {
        Self {
            api_version,
            kind,
            metadata,
            spec,
            secret_type: None,
            data: BTreeMap::new(),
        }
    }
}

/// Several objects as one YAML stream, each after `---`, with a comment on top.
pub fn render_stream(header: &[String], manifests: &[Manifest]) -> String {
    let mut out = String::new();
    for line in header {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
    for m in manifests {
        out.push_str("---\n");
        out.push_str(&crate::yaml::to_yaml_block(m, 0));
    }
    out
}
