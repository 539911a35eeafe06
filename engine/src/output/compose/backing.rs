//! The backing services (PostgreSQL, Redis), the admin UIs and the user's extra services.

use super::{depends, Builder};
use crate::compose::interpolation::{literal, required, with_default};
use crate::compose::*;
use crate::config::*;

impl Builder<'_> {
    pub(super) fn postgres(&self, publish: bool) -> Service {
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
        s.volumes.push(format!("postgres_data:{}", p.data_dir()));
        s.volumes.push(format!(
            "{}:/docker-entrypoint-initdb.d/init-db.sql:ro",
            self.paths.from_compose(crate::output::paths::INIT_DB)
        ));
        s.healthcheck = Some(
            Healthcheck::shell("pg_isready -U \"$${POSTGRES_USER}\" -d \"$${POSTGRES_DB}\"")
                .timings("10s", "5s", 5, "30s"),
        );
        s
    }

    pub(super) fn redis(&self, publish: bool) -> Service {
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
    pub(super) fn ports_only(&self, full: Service) -> Service {
        Service {
            ports: full.ports,
            ..Service::default()
        }
    }

    pub(super) fn pgadmin(&self) -> Service {
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

    pub(super) fn pgadmin_servers(&self) -> InlineConfig {
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

    pub(super) fn redis_commander(&self) -> Service {
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

    pub(super) fn extra(
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
}
