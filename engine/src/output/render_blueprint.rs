//! `render.yaml`: a Render Blueprint as a typed model (web service from the Dockerfile, managed
//! PostgreSQL, Key Value for Redis), emitted as YAML. Template: `templates/render.yaml.j2`.
//! Spec: <https://render.com/docs/blueprint-spec>.

use crate::config::{EnvMode, EnvName, ValueIn};
use crate::resolve::Resolved;
use serde::Serialize;

/// THESE FIELDS ARE LOAD-BEARING: read by `templates/render.yaml.j2`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BlueprintContext {
    pub project: String,
    pub render_port: u16,
    pub blueprint: Blueprint,
}

/// The Blueprint document; field order is the order written.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Blueprint {
    pub services: Vec<BlueprintService>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub databases: Vec<Database>,
}

/// A web service or a Key Value instance.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BlueprintService {
    Web(WebService),
    Keyvalue(KeyValue),
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WebService {
    pub name: String,
    pub runtime: &'static str,
    pub plan: &'static str,
    pub dockerfile_path: &'static str,
    pub docker_context: &'static str,
    pub health_check_path: String,
    pub env_vars: Vec<EnvVarSpec>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pre_deploy_command: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyValue {
    pub name: String,
    pub plan: &'static str,
    pub ip_allow_list: Vec<String>,
    pub maxmemory_policy: &'static str,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Database {
    pub name: String,
    pub database_name: String,
    pub user: String,
    pub plan: &'static str,
    pub postgres_major_version: String,
    pub ip_allow_list: Vec<String>,
}

/// One entry of `envVars`: a key and where its value comes from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EnvVarSpec {
    pub key: String,
    #[serde(flatten)]
    pub source: EnvSource,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum EnvSource {
    Value(String),
    FromDatabase {
        name: String,
        property: &'static str,
    },
    FromService {
        #[serde(rename = "type")]
        kind: &'static str,
        name: String,
        property: &'static str,
    },
    /// Render generates a random value once.
    GenerateValue(bool),
    /// Render asks for the value when the Blueprint is applied (`sync: false`).
    Sync(bool),
}

fn var(key: &str, source: EnvSource) -> EnvVarSpec {
    EnvVarSpec {
        key: key.into(),
        source,
    }
}

pub fn context(r: &Resolved) -> BlueprintContext {
    let config = r.config;
    let name = &config.project.name;
    let a = &config.app;
    let db_name = format!("{name}-db");
    let kv_name = format!("{name}-redis");
    let mut env_vars = vec![
        var("NODE_ENV", EnvSource::Value("production".into())),
        var("PORT", EnvSource::Value(a.render_port.to_string())),
    ];
    if config.postgres.enabled {
        let source = EnvSource::FromDatabase {
            name: db_name.clone(),
            property: "connectionString",
        };
        env_vars.push(var("DATABASE_URL", source));
    }
    if config.redis.enabled {
        let source = EnvSource::FromService {
            kind: "keyvalue",
            name: kv_name.clone(),
            property: "connectionString",
        };
        env_vars.push(var("REDIS_URL", source));
    }
    for v in config
        .env
        .iter()
        .filter(|v| v.reaches(&a.service_name, true) && v.in_production)
    {
        let value = v.value_in(Some(EnvName::Prod));
        let source = if v.secret && v.generator.is_some() {
            EnvSource::GenerateValue(true)
        } else if v.secret
            || value == ValueIn::SetAtDeploy
            || (v.mode == EnvMode::Required && value.text().is_empty())
        {
            EnvSource::Sync(false)
        } else {
            EnvSource::Value(value.text().to_string())
        };
        env_vars.push(var(&v.name, source));
    }
    let web = WebService {
        name: format!("{name}-{}", a.service_name),
        runtime: "docker",
        plan: "starter",
        dockerfile_path: "./Dockerfile",
        docker_context: ".",
        health_check_path: a.health_path.clone(),
        env_vars,
        pre_deploy_command: (a.prisma.enabled && a.prisma.migrate_on_start).then(|| {
            format!(
                "node ./node_modules/prisma/build/index.js migrate deploy --schema=./{}",
                a.prisma.schema_path
            )
        }),
    };
    let mut services = vec![BlueprintService::Web(web)];
    if config.redis.enabled {
        services.push(BlueprintService::Keyvalue(KeyValue {
            name: kv_name,
            plan: "starter",
            ip_allow_list: Vec::new(),
            maxmemory_policy: config.redis.eviction_policy.as_str(),
        }));
    }
    let mut databases = Vec::new();
    if config.postgres.enabled {
        databases.push(Database {
            name: db_name,
            database_name: config.postgres.db.clone(),
            user: config.postgres.user.clone(),
            plan: "basic-256mb",
            postgres_major_version: config.postgres.major_version().unwrap_or("16").to_string(),
            ip_allow_list: Vec::new(),
        });
    }
    BlueprintContext {
        project: name.clone(),
        render_port: a.render_port,
        blueprint: Blueprint {
            services,
            databases,
        },
    }
}

/// THESE FIELDS ARE LOAD-BEARING: the template's view, with the document as YAML.
#[derive(Serialize)]
struct View<'a> {
    project: &'a str,
    render_port: u16,
    body: String,
}

pub fn render(ctx: &BlueprintContext) -> Result<String, String> {
    let body = crate::yaml::to_yaml_block(&ctx.blueprint, 0);
    crate::templates::render(
        crate::templates::RENDER_BLUEPRINT,
        &View {
            project: &ctx.project,
            render_port: ctx.render_port,
            body: body.trim_end().to_string(),
        },
    )
}
