//! Backing services: PostgreSQL, Redis, the admin UIs and any extra image-based service.

use super::EnvName;
use crate::secret::Secret;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Postgres {
    pub enabled: bool,
    /// Tag of the `postgres` image.
    pub version: String,
    pub db: String,
    pub user: String,
    pub password: Secret,
    /// Host port published in development; `None` keeps it on the compose network only.
    pub host_port: Option<u16>,
    /// Also publish the host port in production-like environments (discouraged).
    pub publish_in_production: bool,
    pub initdb_args: String,
    /// Extensions created by init-db.sql.
    pub extensions: Vec<String>,
    pub timezone: String,
    pub pool: Pool,
    pub backup: Backup,
}

impl Default for Postgres {
    fn default() -> Self {
        Self {
            enabled: true,
            version: "16-alpine".into(),
            db: "app".into(),
            user: "app".into(),
            password: Secret::generated(),
            host_port: Some(5432),
            publish_in_production: false,
            initdb_args: "--encoding=UTF8 --locale=C".into(),
            extensions: Vec::new(),
            timezone: "UTC".into(),
            pool: Pool::default(),
            backup: Backup::default(),
        }
    }
}

impl Postgres {
    /// The major version the image tag starts with (`16-alpine` -> `16`), if it has one.
    /// Where the image keeps its data: PostgreSQL 18+ images under /var/lib/postgresql (a
    /// folder per major version), older ones under /var/lib/postgresql/data.
    pub fn data_dir(&self) -> &'static str {
        let major: u32 = self
            .major_version()
            .and_then(|m| m.parse().ok())
            .unwrap_or(16);
        if major >= 18 {
            "/var/lib/postgresql"
        } else {
            "/var/lib/postgresql/data"
        }
    }

    pub fn major_version(&self) -> Option<&str> {
        let digits = self
            .version
            .chars()
            .take_while(char::is_ascii_digit)
            .count();
        (digits > 0).then(|| &self.version[..digits])
    }
}

/// Prisma-style pool parameters appended to DATABASE_URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Pool {
    pub connection_limit: Option<u32>,
    pub pool_timeout: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Backup {
    pub enabled: bool,
    /// Number of most recent backups kept.
    pub keep: u32,
    /// Directory on the host, relative to the repository root or absolute.
    pub dir: String,
}

impl Default for Backup {
    fn default() -> Self {
        Self {
            enabled: false,
            keep: 30,
            dir: "backups".into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Redis {
    pub enabled: bool,
    pub version: String,
    /// `maxmemory`, e.g. `256mb`; empty for no limit.
    pub maxmemory: String,
    pub eviction_policy: EvictionPolicy,
    /// Append-only file persistence.
    pub aof: bool,
    pub host_port: Option<u16>,
    pub publish_in_production: bool,
}

impl Default for Redis {
    fn default() -> Self {
        Self {
            enabled: true,
            version: "7-alpine".into(),
            maxmemory: "256mb".into(),
            eviction_policy: EvictionPolicy::AllkeysLru,
            aof: true,
            host_port: Some(6379),
            publish_in_production: false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EvictionPolicy {
    Noeviction,
    AllkeysLru,
    AllkeysLfu,
    AllkeysRandom,
    VolatileLru,
    VolatileLfu,
    VolatileRandom,
    VolatileTtl,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PgAdmin {
    pub enabled: bool,
    pub version: String,
    pub email: String,
    pub password: Secret,
    pub host_port: u16,
    /// Pre-register the compose PostgreSQL server (servers.json).
    pub register_server: bool,
}

impl Default for PgAdmin {
    fn default() -> Self {
        Self {
            enabled: false,
            version: "9".into(),
            email: "admin@example.com".into(),
            password: Secret::generated(),
            host_port: 5050,
            register_server: true,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RedisCommander {
    pub enabled: bool,
    pub version: String,
    pub host_port: u16,
}

impl Default for RedisCommander {
    fn default() -> Self {
        Self {
            enabled: false,
            version: "0.9.1".into(),
            host_port: 8081,
        }
    }
}

/// Any further service run from an image.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExtraService {
    /// Switched off services stay in the configuration but generate nothing.
    pub enabled: bool,
    pub name: String,
    pub image: String,
    pub command: Option<String>,
    pub ports: Vec<PortMapping>,
    pub environment: Vec<KeyValue>,
    pub volumes: Vec<VolumeMount>,
    /// Shell command run as `CMD-SHELL`; `None` for no healthcheck.
    pub healthcheck: Option<String>,
    pub depends_on: Vec<String>,
    /// Environments the service runs in; empty means all.
    pub only_in: Vec<EnvName>,
}

impl Default for ExtraService {
    fn default() -> Self {
        Self {
            enabled: true,
            name: "mailpit".into(),
            image: "axllent/mailpit:v1.27".into(),
            command: None,
            ports: Vec::new(),
            environment: Vec::new(),
            volumes: Vec::new(),
            healthcheck: None,
            depends_on: Vec::new(),
            only_in: Vec::new(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortMapping {
    pub host: u16,
    pub container: u16,
    /// Which host interfaces publish the port. Loopback, like the admin UIs, unless the user
    /// chooses otherwise: a database published on every interface is open to the network.
    #[serde(default, skip_serializing_if = "Bind::is_loopback")]
    pub bind: Bind,
}

/// The host address a published port listens on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bind {
    /// 127.0.0.1: reachable from this machine only.
    #[default]
    Loopback,
    /// Every interface (0.0.0.0): reachable from the network.
    All,
}

impl Bind {
    pub fn is_loopback(&self) -> bool {
        *self == Bind::Loopback
    }
}

/// Whether an image is a datastore that must not be open to the network (its port published
/// on every interface exposes data, often behind a default or no password).
pub fn is_datastore_image(image: &str) -> bool {
    let name = image
        .rsplit('/')
        .next()
        .unwrap_or(image)
        .split([':', '@'])
        .next()
        .unwrap_or("");
    [
        "postgres",
        "postgis",
        "mysql",
        "mariadb",
        "mongo",
        "mongodb",
        "redis",
        "valkey",
        "keydb",
        "memcached",
        "elasticsearch",
        "opensearch",
        "minio",
        "clickhouse",
        "clickhouse-server",
        "cassandra",
        "couchdb",
        "couchbase",
        "rabbitmq",
        "kafka",
        "neo4j",
        "influxdb",
        "etcd",
        "zookeeper",
        "mssql-server",
        "cockroach",
        "timescaledb",
        "qdrant",
        "meilisearch",
        "typesense",
        "nats",
        "dragonfly",
    ]
    .contains(&name)
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyValue {
    pub key: String,
    pub value: String,
}

/// A named volume (or a relative bind path starting with `./`) mounted at `target`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VolumeMount {
    pub source: String,
    pub target: String,
}
