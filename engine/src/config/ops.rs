//! Operations: restart policy, healthcheck timings, resources, logging, naming.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Operations {
    pub restart: RestartPolicy,
    pub healthcheck: HealthTimings,
    /// deploy.resources of the app service.
    pub resources: Option<Resources>,
    /// Log driver with rotation, applied to every service.
    pub logging: Option<Logging>,
    /// `container_name: <prefix>-<service>`; `None` lets compose name containers.
    pub container_name_prefix: Option<String>,
    /// Name of the one bridge network.
    pub network_name: String,
}

impl Default for Operations {
    fn default() -> Self {
        Self {
            restart: RestartPolicy::UnlessStopped,
            healthcheck: HealthTimings::default(),
            resources: None,
            logging: None,
            container_name_prefix: None,
            network_name: "app-network".into(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RestartPolicy {
    No,
    Always,
    OnFailure,
    UnlessStopped,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HealthTimings {
    pub interval: String,
    pub timeout: String,
    pub retries: u32,
    pub start_period: String,
}

impl Default for HealthTimings {
    fn default() -> Self {
        Self {
            interval: "30s".into(),
            timeout: "10s".into(),
            retries: 3,
            start_period: "40s".into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Resources {
    pub cpus_limit: String,
    pub memory_limit: String,
    pub cpus_reservation: String,
    pub memory_reservation: String,
}

impl Default for Resources {
    fn default() -> Self {
        Self {
            cpus_limit: "2".into(),
            memory_limit: "2G".into(),
            cpus_reservation: "0.5".into(),
            memory_reservation: "512M".into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Logging {
    pub driver: String,
    pub max_size: String,
    pub max_file: u32,
}

impl Default for Logging {
    fn default() -> Self {
        Self {
            driver: "json-file".into(),
            max_size: "10m".into(),
            max_file: 3,
        }
    }
}
