//! `deploy:` (resource limits) and `logging:` of a service.

use super::OrderedMap;
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Deploy {
    pub resources: DeployResources,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DeployResources {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limits: Option<Resource>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reservations: Option<Resource>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Resource {
    pub cpus: String,
    pub memory: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Logging {
    pub driver: String,
    #[serde(skip_serializing_if = "OrderedMap::is_empty")]
    pub options: OrderedMap<String>,
}
