//! The app service: its production definition in the base file and what each environment
//! changes on it, with the user variables it receives.

use super::{depends, Builder};
use crate::compose::interpolation::{literal, required, required_for, with_default};
use crate::compose::*;
use crate::config::*;

impl Builder<'_> {
    pub(super) fn app_healthcheck(&self) -> Healthcheck {
        let a = &self.config.app;
        let h = &self.config.ops.healthcheck;
        let url = format!("'http://127.0.0.1:{}{}'", a.container_port, a.health_path);
        let probe = crate::output::dockerfile::health_probe(&url);
        Healthcheck::exec(probe.iter().map(String::as_str)).timings(
            &h.interval,
            &h.timeout,
            h.retries,
            &h.start_period,
        )
    }

    pub(super) fn database_url(&self) -> String {
        let p = &self.config.postgres;
        let mut query = vec!["schema=public".to_string()];
        if let Some(l) = p.pool.connection_limit {
            query.push(format!("connection_limit={l}"));
        }
        if let Some(t) = p.pool.pool_timeout {
            query.push(format!("pool_timeout={t}"));
        }
        format!(
            "postgresql://{}:{}@{POSTGRES_SERVICE}:5432/{}?{}",
            with_default("POSTGRES_USER", &p.user),
            required("POSTGRES_PASSWORD"),
            with_default("POSTGRES_DB", &p.db),
            query.join("&")
        )
    }

    /// User variables that go to `service` (the app when a variable names no service).
    pub(super) fn targeted<'c>(
        &'c self,
        service: &'c str,
        is_app: bool,
    ) -> impl Iterator<Item = &'c EnvVar> {
        self.config
            .env
            .iter()
            .filter(move |v| v.reaches(service, is_app))
    }

    /// How compose reads `v` in `env` (`None`: the base file).
    pub(super) fn env_value(&self, v: &EnvVar, env: Option<EnvName>) -> String {
        let value = v.value_in(env);
        if v.mode == EnvMode::Required {
            required(&v.name)
        } else if value == ValueIn::SetAtDeploy {
            // One profiles file is interpolated whole whichever profile runs, so there a value
            // left to the deployer cannot stop it (development would stop too): it is read
            // without a default instead.
            match self.config.project.strategy {
                EnvStrategy::Profiles => format!("${{{}:-}}", v.name),
                EnvStrategy::Overrides => {
                    required_for(&v.name, env.map_or("this setup", |e| e.as_str()))
                }
            }
        } else if v.secret {
            // An optional secret: never an inline default, empty when .env does not set it.
            format!("${{{}:-}}", v.name)
        } else if v.mode == EnvMode::Fixed {
            literal(value.text())
        } else {
            with_default(&v.name, value.text())
        }
    }

    /// User variables of `service` with the values of `values_env` (`None`: the main values).
    pub(super) fn user_env(
        &self,
        service: &str,
        is_app: bool,
        values_env: Option<EnvName>,
    ) -> OrderedMap<String> {
        let mut env = OrderedMap::new();
        for v in self.targeted(service, is_app) {
            env.insert(v.name.clone(), self.env_value(v, values_env));
        }
        env
    }

    /// The user variables whose value in `env` differs from the base file's: what an
    /// environment's override sets on `service`.
    pub(super) fn user_env_delta(
        &self,
        service: &str,
        is_app: bool,
        env: EnvName,
    ) -> OrderedMap<String> {
        let base_env = self.config.project.base_values_env();
        let mut delta = OrderedMap::new();
        for v in self.targeted(service, is_app) {
            let here = self.env_value(v, Some(env));
            if here != self.env_value(v, base_env) {
                delta.insert(v.name.clone(), here);
            }
        }
        delta
    }

    /// The production app service (the runner stage).
    pub(super) fn app_base(&self) -> Service {
        let c = self.config;
        let a = &c.app;
        let mut s = self.common(&a.service_name);
        let mut args = OrderedMap::new();
        for arg in &a.build_args {
            // Overridable from the shell (`NAME=... docker compose build`) unless the value
            // cannot be a compose default.
            let value = if arg.value.contains('}') {
                literal(&arg.value)
            } else {
                with_default(&arg.name, &arg.value)
            };
            args.insert(arg.name.clone(), value);
        }
        s.build = Some(Build {
            context: Some(self.paths.root_from_compose.into()),
            dockerfile: Some(crate::output::paths::DOCKERFILE.into()),
            target: Some("runner".into()),
            args,
        });
        if c.postgres.enabled {
            s.depends_on
                .insert(POSTGRES_SERVICE, depends(Condition::ServiceHealthy));
        }
        if c.redis.enabled {
            s.depends_on
                .insert(REDIS_SERVICE, depends(Condition::ServiceHealthy));
        }
        s.environment.insert("NODE_ENV", "production".into());
        s.environment.insert("PORT", a.container_port.to_string());
        if c.postgres.enabled {
            s.environment.insert("DATABASE_URL", self.database_url());
        }
        if c.redis.enabled {
            s.environment
                .insert("REDIS_URL", format!("redis://{REDIS_SERVICE}:6379"));
        }
        let base_env = c.project.base_values_env();
        for (k, v) in self.user_env(&a.service_name, true, base_env).0 {
            s.environment.insert(k, v);
        }
        s.ports = vec![format!(
            "{}:{}",
            with_default("APP_PORT", &a.host_port.to_string()),
            a.container_port
        )];
        s.healthcheck = Some(self.app_healthcheck());
        if let Some(r) = &c.ops.resources {
            s.deploy = Some(Deploy {
                resources: DeployResources {
                    limits: Some(Resource {
                        cpus: r.cpus_limit.clone(),
                        memory: r.memory_limit.clone(),
                    }),
                    reservations: Some(Resource {
                        cpus: r.cpus_reservation.clone(),
                        memory: r.memory_reservation.clone(),
                    }),
                },
            });
        }
        s
    }

    /// What an environment changes on the app service.
    pub(super) fn app_delta(&self, env: EnvName) -> Service {
        let a = &self.config.app;
        let mut s = Service::default();
        match env {
            EnvName::Dev => {
                s.build = Some(match a.dev.dockerfile {
                    DevDockerfile::Separate => Build {
                        dockerfile: Some(self.paths.dockerfile_dev()),
                        target: Some("dev".into()),
                        ..Build::default()
                    },
                    DevDockerfile::BuilderTarget => Build {
                        target: Some("builder".into()),
                        ..Build::default()
                    },
                });
                s.command = Some(crate::output::dockerfile::dev_command(a));

                s.environment.insert("NODE_ENV", "development".into());
                if a.dev.polling {
                    s.environment.insert("CHOKIDAR_USEPOLLING", "true".into());
                    s.environment.insert("WATCHPACK_POLLING", "true".into());
                }
                let app_root = if a.monorepo.enabled {
                    format!("/app/{}", a.monorepo.app_dir)
                } else {
                    "/app".into()
                };
                for m in &a.dev.mounts {
                    s.volumes
                        .push(format!("{}:/app/{m}", self.paths.from_compose(m)));
                }
                // Keep the image's installed dependencies and build cache when sources are mounted.
                s.volumes.push(format!("{app_root}/node_modules"));
                if a.framework == Framework::NextjsStandalone {
                    s.volumes.push(format!("{app_root}/.next"));
                }
                if a.monorepo.enabled {
                    s.volumes.push("/app/node_modules".into());
                    for p in &a.monorepo.packages {
                        s.volumes.push(format!("/app/{p}/node_modules"));
                    }
                }
                s.volumes.dedup();
            }
            EnvName::Staging => {
                s.environment.insert("APP_ENV", "staging".into());
            }
            EnvName::Prod => {
                s.environment.insert("APP_ENV", "production".into());
            }
        }
        for (k, v) in self.user_env_delta(&a.service_name, true, env).0 {
            s.environment.insert(k, v);
        }
        s
    }
}
