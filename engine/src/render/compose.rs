//! Builds the compose files as typed models: the base file, one override per environment
//! (override strategy) or one file with profiles (profile strategy).

use super::paths::Paths;
use crate::compose::interpolation::{literal, required, with_default};
use crate::compose::*;
use crate::config::{
    Bind, Config, DevDockerfile, EnvMode, EnvName, EnvStrategy, EnvVar, ExtraService, Framework,
    ValueIn, PGADMIN_SERVICE, POSTGRES_SERVICE, REDIS_COMMANDER_SERVICE, REDIS_SERVICE,
};
use crate::render::envvars::compose_value;

/// One compose file with the comment banners shown above its services.
pub struct ComposeDoc {
    pub path: String,
    pub env: Option<EnvName>,
    pub file: ComposeFile,
    pub banners: Vec<(String, String)>,
    pub usage: String,
}

pub fn build(config: &Config, paths: &Paths) -> Vec<ComposeDoc> {
    let b = Builder { config, paths };
    match config.project.strategy {
        EnvStrategy::Overrides => b.overrides(),
        EnvStrategy::Profiles => b.profiles(),
    }
}

struct Builder<'a> {
    config: &'a Config,
    paths: &'a Paths,
}

fn depends(condition: Condition) -> DependsOn {
    DependsOn { condition }
}

impl Builder<'_> {
    fn network(&self) -> String {
        self.config.ops.network_name.clone()
    }

    fn container_name(&self, service: &str) -> Option<String> {
        self.config
            .ops
            .container_name_prefix
            .as_ref()
            .map(|p| format!("{p}-{service}"))
    }

    fn logging(&self) -> Option<Logging> {
        self.config.ops.logging.as_ref().map(|l| {
            let mut options = OrderedMap::new();
            if l.driver == "json-file" || l.driver == "local" {
                options.insert("max-size", l.max_size.clone());
                options.insert("max-file", l.max_file.to_string());
            }
            Logging {
                driver: l.driver.clone(),
                options,
            }
        })
    }

    fn common(&self, name: &str) -> Service {
        Service {
            container_name: self.container_name(name),
            restart: Some(self.config.ops.restart.as_str().into()),
            networks: vec![self.network()],
            logging: self.logging(),
            ..Service::default()
        }
    }

    fn app_healthcheck(&self) -> Healthcheck {
        let a = &self.config.app;
        let h = &self.config.ops.healthcheck;
        // 127.0.0.1, not localhost: Node may resolve localhost to ::1 while the server listens
        // on IPv4 only; and an 'error' handler so a refused connection fails fast.
        let script = format!(
            "require('http').get('http://127.0.0.1:{}{}', (r) => process.exit(r.statusCode === 200 ? 0 : 1)).on('error', () => process.exit(1))",
            a.container_port, a.health_path
        );
        Healthcheck::exec(["node", "-e", script.as_str()]).timings(
            &h.interval,
            &h.timeout,
            h.retries,
            &h.start_period,
        )
    }

    fn database_url(&self) -> String {
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
    fn targeted<'c>(&'c self, service: &'c str, is_app: bool) -> impl Iterator<Item = &'c EnvVar> {
        self.config.env.iter().filter(move |v| {
            if v.services.is_empty() {
                is_app
            } else {
                v.services.iter().any(|s| s == service)
            }
        })
    }

    /// How compose reads `v` in `env`. One profiles file is interpolated whole whichever
    /// profile runs, so a value left to the deployer cannot stop it there (development would
    /// stop too): it reads the variable without a default instead.
    fn env_value(&self, v: &EnvVar, env: Option<EnvName>) -> String {
        let profiles = self.config.project.strategy == EnvStrategy::Profiles;
        if profiles && v.mode != EnvMode::Required && v.value_in(env) == ValueIn::SetAtDeploy {
            format!("${{{}:-}}", v.name)
        } else {
            compose_value(v, env)
        }
    }

    /// User variables of `service` with the values of `values_env` (`None`: the main values).
    fn user_env(
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
    fn user_env_delta(&self, service: &str, is_app: bool, env: EnvName) -> OrderedMap<String> {
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
    fn app_base(&self) -> Service {
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
            dockerfile: Some(super::paths::DOCKERFILE.into()),
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
    fn app_delta(&self, env: EnvName) -> Service {
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
                s.command = Some(super::dockerfile::dev_command(a));

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

    fn postgres(&self, publish: bool) -> Service {
        let p = &self.config.postgres;
        let mut s = self.common(POSTGRES_SERVICE);
        s.image = Some(format!("postgres:{}", p.version));
        if p.extensions.iter().any(|e| e == "pg_stat_statements") {
            s.command = Some(vec![
                "postgres".into(),
                "-c".into(),
                "shared_preload_libraries=pg_stat_statements".into(),
            ]);
        }
        s.environment
            .insert("POSTGRES_DB", with_default("POSTGRES_DB", &p.db));
        s.environment
            .insert("POSTGRES_USER", with_default("POSTGRES_USER", &p.user));
        s.environment
            .insert("POSTGRES_PASSWORD", required("POSTGRES_PASSWORD"));
        if !p.initdb_args.trim().is_empty() {
            s.environment
                .insert("POSTGRES_INITDB_ARGS", literal(p.initdb_args.trim()));
        }
        s.environment.insert("TZ", literal(&p.timezone));
        s.environment.insert("PGTZ", literal(&p.timezone));
        if publish {
            if let Some(port) = p.host_port {
                s.ports.push(format!(
                    "127.0.0.1:{}:5432",
                    with_default("POSTGRES_PORT", &port.to_string())
                ));
            }
        }
        // PostgreSQL 18+ images keep data under /var/lib/postgresql/<major>.
        let major: u32 = p
            .version
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect::<String>()
            .parse()
            .unwrap_or(16);
        let data_dir = if major >= 18 {
            "/var/lib/postgresql"
        } else {
            "/var/lib/postgresql/data"
        };
        s.volumes.push(format!("postgres_data:{data_dir}"));
        s.volumes.push(format!(
            "{}:/docker-entrypoint-initdb.d/init-db.sql:ro",
            self.paths.from_compose(super::paths::INIT_DB)
        ));
        s.healthcheck = Some(
            Healthcheck::shell("pg_isready -U \"$${POSTGRES_USER}\" -d \"$${POSTGRES_DB}\"")
                .timings("10s", "5s", 5, "30s"),
        );
        s
    }

    fn redis(&self, publish: bool) -> Service {
        let r = &self.config.redis;
        let mut s = self.common(REDIS_SERVICE);
        s.image = Some(format!("redis:{}", r.version));
        let mut cmd = vec![
            "redis-server".to_string(),
            "--appendonly".into(),
            if r.aof { "yes".into() } else { "no".into() },
        ];
        if !r.maxmemory.is_empty() {
            cmd.extend(["--maxmemory".into(), r.maxmemory.to_ascii_lowercase()]);
        }
        cmd.extend([
            "--maxmemory-policy".into(),
            r.eviction_policy.as_str().into(),
        ]);
        s.command = Some(cmd);
        if publish {
            if let Some(port) = r.host_port {
                s.ports.push(format!(
                    "127.0.0.1:{}:6379",
                    with_default("REDIS_PORT", &port.to_string())
                ));
            }
        }
        s.volumes.push("redis_data:/data".into());
        s.healthcheck =
            Some(Healthcheck::exec(["redis-cli", "ping"]).timings("10s", "5s", 5, "10s"));
        s
    }

    /// Only the `ports:` a dev override adds to a backing service.
    fn ports_only(&self, full: Service) -> Service {
        Service {
            ports: full.ports,
            ..Service::default()
        }
    }

    fn pgadmin(&self) -> Service {
        let pg = &self.config.pgadmin;
        let mut s = self.common(PGADMIN_SERVICE);
        s.image = Some(format!("dpage/pgadmin4:{}", pg.version));
        s.depends_on
            .insert(POSTGRES_SERVICE, depends(Condition::ServiceHealthy));
        s.environment.insert(
            "PGADMIN_DEFAULT_EMAIL",
            with_default("PGADMIN_EMAIL", &pg.email),
        );
        s.environment
            .insert("PGADMIN_DEFAULT_PASSWORD", required("PGADMIN_PASSWORD"));
        s.ports.push(format!(
            "127.0.0.1:{}:80",
            with_default("PGADMIN_PORT", &pg.host_port.to_string())
        ));
        s.volumes.push("pgadmin_data:/var/lib/pgadmin".into());
        if pg.register_server {
            s.configs.push(ConfigMount {
                source: "pgadmin_servers".into(),
                target: "/pgadmin4/servers.json".into(),
            });
        }
        s.healthcheck = Some(
            Healthcheck::exec(["wget", "-q", "--spider", "http://127.0.0.1:80/misc/ping"])
                .timings("30s", "10s", 3, "30s"),
        );
        s
    }

    fn pgadmin_servers(&self) -> InlineConfig {
        let p = &self.config.postgres;
        let servers = serde_json::json!({
            "Servers": {
                "1": {
                    "Name": self.config.project.name,
                    "Group": "Servers",
                    "Host": POSTGRES_SERVICE,
                    "Port": 5432,
                    "MaintenanceDB": "postgres",
                    "Username": "__USER__",
                    "SSLMode": "prefer"
                }
            }
        });
        let text = serde_json::to_string_pretty(&servers).unwrap_or_default();
        InlineConfig {
            content: format!(
                "{}\n",
                literal(&text).replace("__USER__", &with_default("POSTGRES_USER", &p.user))
            ),
        }
    }

    fn redis_commander(&self) -> Service {
        let rc = &self.config.redis_commander;
        let mut s = self.common(REDIS_COMMANDER_SERVICE);
        s.image = Some(format!("ghcr.io/joeferner/redis-commander:{}", rc.version));
        s.depends_on
            .insert(REDIS_SERVICE, depends(Condition::ServiceHealthy));
        s.environment
            .insert("REDIS_HOSTS", format!("local:{REDIS_SERVICE}:6379"));
        s.ports.push(format!(
            "127.0.0.1:{}:8081",
            with_default("REDIS_COMMANDER_PORT", &rc.host_port.to_string())
        ));
        s.healthcheck = Some(
            Healthcheck::exec(["wget", "-q", "--spider", "http://127.0.0.1:8081/"])
                .timings("30s", "10s", 3, "20s"),
        );
        s
    }

    fn has_healthcheck(&self, name: &str) -> bool {
        if [
            POSTGRES_SERVICE,
            REDIS_SERVICE,
            PGADMIN_SERVICE,
            REDIS_COMMANDER_SERVICE,
        ]
        .contains(&name)
            || name == self.config.app.service_name
        {
            return true;
        }
        self.config
            .active_extras()
            .any(|s| s.name == name && s.healthcheck.is_some())
    }

    /// An extra service with its variables' values in `values_env` (`None`: the main values).
    fn extra(
        &self,
        e: &ExtraService,
        app_alias: Option<&str>,
        values_env: Option<EnvName>,
    ) -> Service {
        let mut s = self.common(&e.name);
        s.image = Some(e.image.clone());
        if let Some(cmd) = &e.command {
            s.command = Some(cmd.split_whitespace().map(literal).collect());
        }
        for dep in &e.depends_on {
            let cond = if self.has_healthcheck(dep) {
                Condition::ServiceHealthy
            } else {
                Condition::ServiceStarted
            };
            let target = if dep == &self.config.app.service_name {
                app_alias.unwrap_or(dep)
            } else {
                dep
            };
            s.depends_on.insert(target, depends(cond));
        }
        for kv in &e.environment {
            s.environment.insert(kv.key.clone(), literal(&kv.value));
        }
        for (k, v) in self.user_env(&e.name, false, values_env).0 {
            s.environment.insert(k, v);
        }
        for p in &e.ports {
            s.ports.push(match p.bind {
                Bind::Loopback => format!("127.0.0.1:{}:{}", p.host, p.container),
                Bind::All => format!("{}:{}", p.host, p.container),
            });
        }
        for v in &e.volumes {
            let source = if let Some(rel) = v.source.strip_prefix("./") {
                self.paths.from_compose(rel)
            } else {
                v.source.clone()
            };
            s.volumes.push(format!("{source}:{}", v.target));
        }
        if let Some(hc) = &e.healthcheck {
            let h = &self.config.ops.healthcheck;
            s.healthcheck = Some(Healthcheck::shell(literal(hc.trim())).timings(
                &h.interval,
                &h.timeout,
                h.retries,
                &h.start_period,
            ));
        }
        s
    }

    fn extra_volumes(&self, services: &[&ExtraService], volumes: &mut OrderedMap<Volume>) {
        for e in services {
            for v in &e.volumes {
                if !v.source.starts_with("./") {
                    volumes.insert(v.source.clone(), Volume {});
                }
            }
        }
    }

    fn base_file(&self) -> ComposeFile {
        ComposeFile {
            name: Some(self.config.project.name.clone()),
            ..ComposeFile::default()
        }
    }

    fn networks(&self) -> OrderedMap<Network> {
        let mut n = OrderedMap::new();
        n.insert(
            self.network(),
            Network {
                name: None,
                driver: Some("bridge".into()),
            },
        );
        n
    }

    fn overrides(&self) -> Vec<ComposeDoc> {
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
            });
        }
        docs
    }

    fn admin_services(
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

    fn profiles(&self) -> Vec<ComposeDoc> {
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
            Some(e) => format!("docker compose --profile {} up -d --build", e.as_str()),
            None => "docker compose up -d --build".into(),
        };
        vec![ComposeDoc {
            path: self.paths.compose_path(None),
            env: None,
            file: f,
            banners,
            usage,
        }]
    }
}

/// Compose's own merge rules for the fields an override sets: scalars replace, maps merge,
/// lists append.
pub fn merge(mut base: Service, delta: Service) -> Service {
    if let Some(db) = delta.build {
        let b = base.build.get_or_insert_with(Build::default);
        if db.context.is_some() {
            b.context = db.context;
        }
        if db.dockerfile.is_some() {
            b.dockerfile = db.dockerfile;
        }
        if db.target.is_some() {
            b.target = db.target;
        }
        for (k, v) in db.args.0 {
            b.args.insert(k, v);
        }
    }
    if delta.command.is_some() {
        base.command = delta.command;
    }
    for (k, v) in delta.environment.0 {
        base.environment.insert(k, v);
    }
    base.ports.extend(delta.ports);
    base.volumes.extend(delta.volumes);
    base
}
