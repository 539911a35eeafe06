//! Assembles the compose documents: a base file plus one override per environment, or one
//! file whose environment-specific services carry profiles.

use super::Builder;
use super::{merge, ComposeDoc};
use crate::compose::*;
use crate::config::*;

impl Builder<'_> {
    pub(super) fn overrides(&self) -> Vec<ComposeDoc> {
        let c = self.config;
        let envs = &c.project.environments;
        let mut docs = Vec::new();
        let mut base = self.base_file();
        let mut banners = Vec::new();
        if c.postgres.enabled {
            base.services.insert(
                POSTGRES_SERVICE,
                self.postgres(c.postgres.publish_in_production),
            );
            base.volumes.insert("postgres_data", Volume {});
            banners.push((POSTGRES_SERVICE.to_string(), "PostgreSQL".to_string()));
        }
        if c.redis.enabled {
            base.services
                .insert(REDIS_SERVICE, self.redis(c.redis.publish_in_production));
            base.volumes.insert("redis_data", Volume {});
            banners.push((REDIS_SERVICE.to_string(), "Redis".to_string()));
        }
        if c.app.enabled {
            base.services
                .insert(c.app.service_name.clone(), self.app_base());
            banners.push((
                c.app.service_name.clone(),
                "Application (production image)".to_string(),
            ));
        }
        let everywhere: Vec<&ExtraService> =
            c.active_extras().filter(|e| e.only_in.is_empty()).collect();
        for e in &everywhere {
            let values = c.project.base_values_env();
            base.services
                .insert(e.name.clone(), self.extra(e, None, values));
            banners.push((e.name.clone(), format!("{} ({})", e.name, e.image)));
        }
        self.extra_volumes(&everywhere, &mut base.volumes);
        base.networks = self.networks();
        let base_name = self.paths.compose_name(None);
        let usage = if envs.is_empty() {
            "docker compose up -d --build".to_string()
        } else {
            format!(
                "docker compose -f {base_name} -f {} up -d --build",
                self.paths.compose_name(envs.first().copied())
            )
        };
        docs.push(ComposeDoc {
            path: self.paths.compose_path(None),
            env: None,
            file: base,
            banners,
            usage,
            project: c.project.name.clone(),
        });

        for &env in envs {
            let mut f = ComposeFile::default();
            let mut banners = Vec::new();
            if c.app.enabled {
                f.services
                    .insert(c.app.service_name.clone(), self.app_delta(env));
                banners.push((
                    c.app.service_name.clone(),
                    format!("Application ({} settings)", env.as_str()),
                ));
            }
            if env == EnvName::Dev {
                if c.postgres.enabled
                    && c.postgres.host_port.is_some()
                    && !c.postgres.publish_in_production
                {
                    f.services
                        .insert(POSTGRES_SERVICE, self.ports_only(self.postgres(true)));
                    banners.push((
                        POSTGRES_SERVICE.to_string(),
                        "PostgreSQL, reachable from the host".to_string(),
                    ));
                }
                if c.redis.enabled && c.redis.host_port.is_some() && !c.redis.publish_in_production
                {
                    f.services
                        .insert(REDIS_SERVICE, self.ports_only(self.redis(true)));
                    banners.push((
                        REDIS_SERVICE.to_string(),
                        "Redis, reachable from the host".to_string(),
                    ));
                }
                self.admin_services(&mut f, &mut banners, &[]);
            }
            let here: Vec<&ExtraService> = c
                .active_extras()
                .filter(|e| e.only_in.contains(&env))
                .collect();
            for e in &here {
                f.services
                    .insert(e.name.clone(), self.extra(e, None, Some(env)));
                banners.push((e.name.clone(), format!("{} ({})", e.name, e.image)));
            }
            // Services of the base file whose variables take other values here.
            for e in &everywhere {
                let delta = self.user_env_delta(&e.name, false, env);
                if !delta.0.is_empty() {
                    let s = Service {
                        environment: delta,
                        ..Service::default()
                    };
                    f.services.insert(e.name.clone(), s);
                    banners.push((
                        e.name.clone(),
                        format!("{} ({} values)", e.name, env.as_str()),
                    ));
                }
            }
            self.extra_volumes(&here, &mut f.volumes);
            let usage = format!(
                "docker compose -f {base_name} -f {} up -d --build",
                self.paths.compose_name(Some(env))
            );
            docs.push(ComposeDoc {
                path: self.paths.compose_path(Some(env)),
                env: Some(env),
                file: f,
                banners,
                usage,
                project: c.project.name.clone(),
            });
        }
        docs
    }

    pub(super) fn admin_services(
        &self,
        f: &mut ComposeFile,
        banners: &mut Vec<(String, String)>,
        profiles: &[&str],
    ) {
        let c = self.config;
        let profiles: Vec<String> = profiles.iter().map(|p| p.to_string()).collect();
        if c.pgadmin.enabled && c.postgres.enabled {
            let mut s = self.pgadmin();
            s.profiles = profiles.clone();
            f.services.insert(PGADMIN_SERVICE, s);
            f.volumes.insert("pgadmin_data", Volume {});
            if c.pgadmin.register_server {
                f.configs.insert("pgadmin_servers", self.pgadmin_servers());
            }
            banners.push((
                PGADMIN_SERVICE.to_string(),
                "pgAdmin (development only)".to_string(),
            ));
        }
        if c.redis_commander.enabled && c.redis.enabled {
            let mut s = self.redis_commander();
            s.profiles = profiles;
            f.services.insert(REDIS_COMMANDER_SERVICE, s);
            banners.push((
                REDIS_COMMANDER_SERVICE.to_string(),
                "redis-commander (development only)".to_string(),
            ));
        }
    }

    pub(super) fn profiles(&self) -> Vec<ComposeDoc> {
        let c = self.config;
        let envs = &c.project.environments;
        let mut f = self.base_file();
        let mut banners = Vec::new();
        if c.postgres.enabled {
            f.services.insert(POSTGRES_SERVICE, self.postgres(true));
            f.volumes.insert("postgres_data", Volume {});
            banners.push((
                POSTGRES_SERVICE.to_string(),
                "PostgreSQL (every profile)".to_string(),
            ));
        }
        if c.redis.enabled {
            f.services.insert(REDIS_SERVICE, self.redis(true));
            f.volumes.insert("redis_data", Volume {});
            banners.push((
                REDIS_SERVICE.to_string(),
                "Redis (every profile)".to_string(),
            ));
        }
        let mut first_app: Option<String> = None;
        if c.app.enabled {
            if envs.is_empty() {
                f.services
                    .insert(c.app.service_name.clone(), self.app_base());
                banners.push((c.app.service_name.clone(), "Application".to_string()));
            }
            for &env in envs {
                let name = format!("{}-{}", c.app.service_name, env.as_str());
                let mut s = merge(self.app_base(), self.app_delta(env));
                s.container_name = self.container_name(&name);
                s.profiles = vec![env.as_str().into()];
                first_app.get_or_insert(name.clone());
                f.services.insert(name.clone(), s);
                banners.push((name, format!("Application, profile {}", env.as_str())));
            }
        }
        if envs.contains(&EnvName::Dev) {
            self.admin_services(&mut f, &mut banners, &["dev", "tools"]);
        }
        let extras: Vec<&ExtraService> = c.active_extras().collect();
        for e in &extras {
            // One file for every profile: a service of one profile takes that profile's
            // values, a shared one the main values.
            let values = match e.only_in.as_slice() {
                [only] => Some(*only),
                _ => c.project.base_values_env(),
            };
            let mut s = self.extra(e, first_app.as_deref(), values);
            s.profiles = e.only_in.iter().map(|p| p.as_str().to_string()).collect();
            f.services.insert(e.name.clone(), s);
            banners.push((e.name.clone(), format!("{} ({})", e.name, e.image)));
        }
        self.extra_volumes(&extras, &mut f.volumes);
        f.networks = self.networks();
        let usage = match envs.first() {
            Some(e) => super::profile_command(*e),
            None => "docker compose up -d --build".into(),
        };
        vec![ComposeDoc {
            path: self.paths.compose_path(None),
            env: None,
            file: f,
            banners,
            usage,
            project: c.project.name.clone(),
        }]
    }
}
