//! A whole compose file: services plus top-level volumes, networks and configs.

use super::{OrderedMap, Service};
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ComposeFile {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub services: OrderedMap<Service>,
    #[serde(skip_serializing_if = "OrderedMap::is_empty")]
    pub volumes: OrderedMap<Volume>,
    #[serde(skip_serializing_if = "OrderedMap::is_empty")]
    pub networks: OrderedMap<Network>,
    #[serde(skip_serializing_if = "OrderedMap::is_empty")]
    pub configs: OrderedMap<InlineConfig>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Volume {}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Network {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub driver: Option<String>,
}

/// A config whose content lives inline in the compose file (compose 2.23+).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct InlineConfig {
    pub content: String,
}
