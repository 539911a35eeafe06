//! The resolved list of environment variables: the ones dockwright manages for the enabled
//! services plus the user's, each knowing which template it belongs to and how compose reads it.

use crate::config::*;
use crate::secret::Generator;
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct EnvEntry {
    pub name: String,
    /// The configured (or generated) value, as written to `.env`.
    pub value: String,
    pub secret: bool,
    pub required: bool,
    /// Command that generates a value, shown next to a secret placeholder.
    pub generate_hint: Option<String>,
    pub comment: String,
    pub section: String,
    pub in_example: bool,
    pub in_production: bool,
    /// No value on purpose: the environment's deployer sets it.
    pub set_at_deploy: bool,
}

impl EnvEntry {
    /// Whether a template shows a placeholder instead of the value.
    pub fn placeholder(&self) -> bool {
        self.secret
    }
}

const SECTION_APP: &str = "Application";
const SECTION_DB: &str = "Database (PostgreSQL)";
const SECTION_CACHE: &str = "Cache (Redis)";
const SECTION_ADMIN: &str = "Admin tools (development only)";

fn managed(name: &str, value: String, section: &str, comment: &str) -> EnvEntry {
    EnvEntry {
        name: name.into(),
        value,
        secret: false,
        required: false,
        generate_hint: None,
        comment: comment.into(),
        section: section.into(),
        in_example: true,
        in_production: true,
        set_at_deploy: false,
    }
}

fn secret_entry(
    name: &str,
    value: &str,
    generator: Option<Generator>,
    section: &str,
    comment: &str,
) -> EnvEntry {
    EnvEntry {
        secret: true,
        required: true,
        generate_hint: generator.map(|g| g.command()),
        ..managed(name, value.into(), section, comment)
    }
}

/// A backing service's host port: dev-only unless it is also published in production (or
/// profiles publish it everywhere).
fn host_port_entry(
    name: &str,
    port: u16,
    section: &str,
    comment: &str,
    in_production: bool,
    has_dev: bool,
    profiles: bool,
) -> EnvEntry {
    let everywhere = in_production || profiles;
    EnvEntry {
        in_example: has_dev || everywhere,
        in_production: everywhere,
        ..managed(name, port.to_string(), section, comment)
    }
}

/// The variables with the values development uses.
pub fn resolve(config: &Config) -> Vec<EnvEntry> {
    resolve_in(config, None)
}

/// The variables with the values `env` uses (`None`: the main values).
pub fn resolve_in(config: &Config, env: Option<EnvName>) -> Vec<EnvEntry> {
    let mut out = Vec::new();
    let has_dev = config.project.environments.contains(&EnvName::Dev);
    let profiles = config.project.strategy == EnvStrategy::Profiles;
    if config.app.enabled {
        out.push(managed(
            "APP_PORT",
            config.app.host_port.to_string(),
            SECTION_APP,
            "Host port the app is published on",
        ));
    }
    if config.postgres.enabled {
        let p = &config.postgres;
        out.push(managed(
            "POSTGRES_DB",
            p.db.clone(),
            SECTION_DB,
            "Database name (DATABASE_URL is assembled from these in compose)",
        ));
        out.push(managed("POSTGRES_USER", p.user.clone(), SECTION_DB, ""));
        out.push(secret_entry(
            "POSTGRES_PASSWORD",
            &p.password.value,
            p.password.generator,
            SECTION_DB,
            "Database password (letters and digits only, it goes into DATABASE_URL)",
        ));
        if let Some(port) = p.host_port {
            out.push(host_port_entry(
                "POSTGRES_PORT",
                port,
                SECTION_DB,
                "Host port of PostgreSQL (bound to 127.0.0.1)",
                p.publish_in_production,
                has_dev,
                profiles,
            ));
        }
    }
    if config.redis.enabled {
        if let Some(port) = config.redis.host_port {
            let comment = "Host port of Redis (bound to 127.0.0.1); REDIS_URL is set in compose";
            out.push(host_port_entry(
                "REDIS_PORT",
                port,
                SECTION_CACHE,
                comment,
                config.redis.publish_in_production,
                has_dev,
                profiles,
            ));
        }
    }
    if config.pgadmin.enabled {
        let pg = &config.pgadmin;
        let mut email = managed(
            "PGADMIN_EMAIL",
            pg.email.clone(),
            SECTION_ADMIN,
            "pgAdmin login",
        );
        let mut password = secret_entry(
            "PGADMIN_PASSWORD",
            &pg.password.value,
            pg.password.generator,
            SECTION_ADMIN,
            "",
        );
        let mut port = managed("PGADMIN_PORT", pg.host_port.to_string(), SECTION_ADMIN, "");
        for e in [&mut email, &mut password, &mut port] {
            e.in_production = false;
        }
        out.extend([email, password, port]);
    }
    if config.redis_commander.enabled {
        let mut e = managed(
            "REDIS_COMMANDER_PORT",
            config.redis_commander.host_port.to_string(),
            SECTION_ADMIN,
            "",
        );
        e.in_production = false;
        out.push(e);
    }
    let production = config.project.production_values_env();
    let deployer_sets = |v: &EnvVar| v.value_in(Some(production)) == ValueIn::SetAtDeploy;
    for v in &config.env {
        let value = v.value_in(env);
        out.push(EnvEntry {
            name: v.name.clone(),
            value: value.text().to_string(),
            secret: v.secret,
            required: v.required_in(env),
            set_at_deploy: value == ValueIn::SetAtDeploy,
            generate_hint: v.generator.filter(|_| v.secret).map(|g| g.command()),
            comment: v.comment.clone(),
            section: if v.section.trim().is_empty() {
                SECTION_APP.into()
            } else {
                v.section.trim().into()
            },
            // Fixed values live in compose only.
            in_example: v.in_example && v.mode != EnvMode::Fixed,
            // A value production leaves to its deployer is listed where the deployer looks.
            in_production: (v.in_production || deployer_sets(v)) && v.mode != EnvMode::Fixed,
        });
    }
    out
}

/// Groups entries by section, keeping the order in which sections first appear.
pub fn by_section(entries: Vec<&EnvEntry>) -> Vec<(String, Vec<&EnvEntry>)> {
    let mut sections: Vec<(String, Vec<&EnvEntry>)> = Vec::new();
    for e in entries {
        match sections.iter_mut().find(|(s, _)| *s == e.section) {
            Some((_, list)) => list.push(e),
            None => sections.push((e.section.clone(), vec![e])),
        }
    }
    sections
}
