//! Pods and containers. Every pod dockwright writes meets the Pod Security Standard
//! "restricted" by construction: [`PodSpec::restricted`] and [`Container::new`] are the only
//! ways to make them, and both start from the hardened settings (numeric non-root user,
//! seccomp RuntimeDefault, no privilege escalation, every capability dropped, read-only root
//! filesystem, no service-account token, no service links).

pub use super::probe::*;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodSpec {
    pub automount_service_account_token: bool,
    /// Service links would set `REDIS_PORT=tcp://…`, which the Redis image reads as its port.
    pub enable_service_links: bool,
    pub security_context: PodSecurityContext,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restart_policy: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub termination_grace_period_seconds: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub init_containers: Vec<Container>,
    pub containers: Vec<Container>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub volumes: Vec<Volume>,
}

impl PodSpec {
    /// A pod running as `uid:gid`, volumes owned by `fs_group`.
    pub fn restricted(uid: u32, gid: u32, fs_group: u32) -> Self {
        Self {
            automount_service_account_token: false,
            enable_service_links: false,
            security_context: PodSecurityContext {
                run_as_non_root: true,
                run_as_user: uid,
                run_as_group: gid,
                fs_group,
                seccomp_profile: SeccompProfile {
                    kind: "RuntimeDefault",
                },
            },
            ..Self::default()
        }
    }

    /// Mounts an empty, pod-lifetime directory at `path` in the main container: the writable
    /// places a read-only root filesystem still needs.
    pub fn scratch(&mut self, name: &str, path: &str) {
        self.volumes.push(Volume::empty_dir(name));
        if let Some(c) = self.containers.first_mut() {
            c.volume_mounts.push(VolumeMount::new(name, path));
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodSecurityContext {
    pub run_as_non_root: bool,
    pub run_as_user: u32,
    pub run_as_group: u32,
    pub fs_group: u32,
    pub seccomp_profile: SeccompProfile,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SeccompProfile {
    #[serde(rename = "type")]
    pub kind: &'static str,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Container {
    pub name: String,
    pub image: String,
    pub image_pull_policy: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub command: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<ContainerPort>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub env_from: Vec<EnvFrom>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub env: Vec<EnvVar>,
    pub resources: Resources,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub startup_probe: Option<Probe>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub liveness_probe: Option<Probe>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub readiness_probe: Option<Probe>,
    pub security_context: SecurityContext,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub volume_mounts: Vec<VolumeMount>,
}

impl Container {
    pub fn new(name: &str, image: &str, resources: Resources) -> Self {
        Self {
            name: name.into(),
            image: image.into(),
            // Tags such as `dev` move; the node must not run a stale copy of one.
            image_pull_policy: "Always",
            resources,
            security_context: SecurityContext::default(),
            ..Self::default()
        }
    }

    pub fn env_value(&mut self, name: &str, value: &str) {
        self.env.push(EnvVar {
            name: name.into(),
            value: Some(value.into()),
            value_from: None,
        });
    }

    /// `name` from key `key` of the Secret `secret`: the only way a secret reaches a pod.
    pub fn env_secret(&mut self, name: &str, secret: &str, key: &str) {
        self.env.push(EnvVar {
            name: name.into(),
            value: None,
            value_from: Some(EnvSource {
                secret_key_ref: Some(KeyRef::new(secret, key)),
                config_map_key_ref: None,
            }),
        });
    }

    pub fn env_config(&mut self, name: &str, config_map: &str, key: &str) {
        self.env.push(EnvVar {
            name: name.into(),
            value: None,
            value_from: Some(EnvSource {
                secret_key_ref: None,
                config_map_key_ref: Some(KeyRef::new(config_map, key)),
            }),
        });
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SecurityContext {
    pub allow_privilege_escalation: bool,
    pub privileged: bool,
    pub read_only_root_filesystem: bool,
    pub run_as_non_root: bool,
    pub capabilities: Capabilities,
}

impl Default for SecurityContext {
    fn default() -> Self {
        Self {
            allow_privilege_escalation: false,
            privileged: false,
            read_only_root_filesystem: true,
            run_as_non_root: true,
            capabilities: Capabilities {
                drop: vec!["ALL"],
                add: Vec::new(),
            },
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Capabilities {
    pub drop: Vec<&'static str>,
    /// "restricted" allows exactly one: NET_BIND_SERVICE.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub add: Vec<&'static str>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerPort {
    pub name: String,
    pub container_port: u16,
    pub protocol: &'static str,
}

impl ContainerPort {
    pub fn tcp(name: &str, port: u16) -> Self {
        Self {
            name: name.into(),
            container_port: port,
            protocol: "TCP",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvFrom {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config_map_ref: Option<NameRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_ref: Option<NameRef>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NameRef {
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvVar {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_from: Option<EnvSource>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvSource {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_key_ref: Option<KeyRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config_map_key_ref: Option<KeyRef>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KeyRef {
    pub name: String,
    pub key: String,
    /// Set when some environment leaves the key out on purpose.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub optional: Option<bool>,
}

impl KeyRef {
    fn new(name: &str, key: &str) -> Self {
        Self {
            name: name.into(),
            key: key.into(),
            optional: None,
        }
    }
}

/// Requests and limits, both always set: the scheduler needs the first, a leaking process
/// must meet the second.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Resources {
    pub requests: BTreeMap<&'static str, String>,
    pub limits: BTreeMap<&'static str, String>,
}

impl Resources {
    pub fn new(
        cpu_request: &str,
        memory_request: &str,
        cpu_limit: &str,
        memory_limit: &str,
    ) -> Self {
        Self {
            requests: BTreeMap::from([
                ("cpu", cpu_request.into()),
                ("memory", memory_request.into()),
            ]),
            limits: BTreeMap::from([("cpu", cpu_limit.into()), ("memory", memory_limit.into())]),
        }
    }

    /// What a short-lived helper (a wait loop, a migration) gets.
    pub fn small() -> Self {
        Self::new("50m", "64Mi", "500m", "256Mi")
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VolumeMount {
    pub name: String,
    pub mount_path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_path: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub read_only: bool,
}

impl VolumeMount {
    pub fn new(name: &str, path: &str) -> Self {
        Self {
            name: name.into(),
            mount_path: path.into(),
            sub_path: None,
            read_only: false,
        }
    }

    pub fn read_only(name: &str, path: &str) -> Self {
        Self {
            read_only: true,
            ..Self::new(name, path)
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Volume {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub empty_dir: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config_map: Option<NameRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub persistent_volume_claim: Option<ClaimRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<SecretFiles>,
}

/// Keys of a Secret as files, readable by the pod's group only.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SecretFiles {
    pub secret_name: String,
    pub items: Vec<KeyPath>,
    pub default_mode: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KeyPath {
    pub key: String,
    pub path: String,
}

impl Volume {
    pub fn empty_dir(name: &str) -> Self {
        Self {
            name: name.into(),
            empty_dir: Some(serde_json::json!({})),
            config_map: None,
            persistent_volume_claim: None,
            secret: None,
        }
    }

    pub fn config_map(name: &str, config_map: &str) -> Self {
        Self {
            config_map: Some(NameRef {
                name: config_map.into(),
            }),
            empty_dir: None,
            ..Self::empty_dir(name)
        }
    }

    /// `key` of the Secret `secret` as the file `path` in the volume (mode 0440: the pod's
    /// group, which its fsGroup sets, reads it; nobody writes it).
    pub fn secret_file(name: &str, secret: &str, key: &str, path: &str) -> Self {
        Self {
            secret: Some(SecretFiles {
                secret_name: secret.into(),
                items: vec![KeyPath {
                    key: key.into(),
                    path: path.into(),
                }],
                default_mode: 0o440,
            }),
            empty_dir: None,
            ..Self::empty_dir(name)
        }
    }

    pub fn claim(name: &str, claim: &str) -> Self {
        Self {
            persistent_volume_claim: Some(ClaimRef {
                claim_name: claim.into(),
            }),
            empty_dir: None,
            ..Self::empty_dir(name)
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimRef {
    pub claim_name: String,
}
