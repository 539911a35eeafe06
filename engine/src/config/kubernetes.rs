//! Kubernetes output: whether the bundle carries a Kustomize tree (`k8s/base` plus one overlay
//! per environment), and what a cluster needs that compose never says: where the app image is
//! pushed, its tag and replica count per environment, ingress hosts and storage sizes.

use super::EnvName;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Kubernetes {
    /// Emit `k8s/` (off by default: most users start on one host).
    pub enabled: bool,
    /// Repository the app image is pushed to; each overlay sets its tag.
    pub image: String,
    /// Per-environment settings; an environment missing here takes [`ClusterEnv::default_for`].
    pub environments: BTreeMap<EnvName, ClusterEnv>,
    pub ingress: Ingress,
    pub storage: Storage,
    /// Cron schedule of the database backup job (UTC).
    pub backup_schedule: String,
}

impl Default for Kubernetes {
    fn default() -> Self {
        Self {
            enabled: false,
            image: "registry.example.com/my-app".into(),
            environments: EnvName::ALL
                .iter()
                .map(|&e| (e, ClusterEnv::default_for(e)))
                .collect(),
            ingress: Ingress::default(),
            storage: Storage::default(),
            backup_schedule: "0 3 * * *".into(),
        }
    }
}

impl Kubernetes {
    /// The settings of `env`, defaults when the configuration has none.
    pub fn env(&self, env: EnvName) -> ClusterEnv {
        self.environments
            .get(&env)
            .cloned()
            .unwrap_or_else(|| ClusterEnv::default_for(env))
    }
}

/// What differs between clusters (or namespaces) of one project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClusterEnv {
    /// Image tag the overlay deploys (build once, promote the same image).
    pub tag: String,
    pub replicas: u32,
    /// Ingress host; empty means no Ingress in this environment.
    pub host: String,
}

impl Default for ClusterEnv {
    fn default() -> Self {
        Self::default_for(EnvName::Prod)
    }
}

impl ClusterEnv {
    pub fn default_for(env: EnvName) -> Self {
        let (tag, replicas, host) = match env {
            EnvName::Dev => ("dev", 1, "dev.example.com"),
            EnvName::Staging => ("staging", 1, "staging.example.com"),
            EnvName::Prod => ("1.0.0", 2, "www.example.com"),
        };
        Self {
            tag: tag.into(),
            replicas,
            host: host.into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Ingress {
    /// An Ingress per environment that has a host.
    pub enabled: bool,
    /// `ingressClassName`; empty leaves the cluster's default class.
    pub class_name: String,
    /// Serve HTTPS with a certificate in the Secret `<app>-tls` (cert-manager or by hand).
    pub tls: bool,
}

impl Default for Ingress {
    fn default() -> Self {
        Self {
            enabled: false,
            class_name: "nginx".into(),
            tls: true,
        }
    }
}

/// Volume sizes as Kubernetes quantities; a database never gets kompose's 100Mi.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Storage {
    /// `storageClassName`; empty uses the cluster's default class.
    pub class_name: String,
    pub postgres: String,
    pub redis: String,
    pub backups: String,
}

impl Default for Storage {
    fn default() -> Self {
        Self {
            class_name: String::new(),
            postgres: "10Gi".into(),
            redis: "1Gi".into(),
            backups: "20Gi".into(),
        }
    }
}
