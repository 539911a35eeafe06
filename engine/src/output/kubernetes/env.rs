//! Environment variables on a cluster: each overlay generates the ConfigMap `stack-config`
//! from `config.env` and the Secret `stack-secrets` from `secrets.env`; containers take each
//! key they need by reference, so a secret is never a literal in a manifest and a key a
//! service does not need never reaches it.
//!
//! Kustomize reads these files literally (quotes would become part of the value), so lines
//! are plain `KEY=value`; validation keeps values on one line.

use super::{environments, Optional, CONFIG_MAP, SECRET};
use crate::config::*;
use crate::kubernetes::pod::Container;
use crate::resolve::Resolved;
use serde::Serialize;

/// THESE FIELDS ARE LOAD-BEARING: read by `templates/k8s-env.j2`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EnvFileContext {
    pub project: String,
    pub env: &'static str,
    /// `config`, `example` (secret keys to fill in) or `secrets` (generated values).
    pub kind: &'static str,
    pub vars: Vec<EnvLine>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EnvLine {
    pub name: String,
    pub value: String,
    pub comments: Vec<String>,
}

/// One key of an overlay's ConfigMap or Secret.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    pub name: String,
    pub value: String,
    pub secret: bool,
    /// Empty on purpose: whoever deploys sets it.
    pub must_set: bool,
    pub comment: String,
    pub generate_hint: Option<String>,
}

impl Key {
    fn new(name: &str, value: &str, secret: bool) -> Self {
        Self {
            name: name.into(),
            value: value.into(),
            secret,
            must_set: false,
            comment: String::new(),
            generate_hint: None,
        }
    }
}

/// The keys of `env`'s generators (computed once per generation for every overlay).
pub fn keys<'r>(r: &'r Resolved, env: EnvName) -> &'r [Key] {
    let all = r.cluster_keys.get_or_init(|| {
        environments(r)
            .into_iter()
            .map(|e| (e, compute_keys(r, e)))
            .collect()
    });
    all.iter()
        .find(|(e, _)| *e == env)
        .map_or(&[], |(_, keys)| keys.as_slice())
}

/// Every key `env`'s generators hold, in a stable order.
fn compute_keys(r: &Resolved, env: EnvName) -> Vec<Key> {
    let c = r.config;
    let optional = Optional::all(c);
    // The extra services this environment runs, by name.
    let extras: Vec<String> = optional
        .iter()
        .filter(|o| matches!(o, Optional::Extra(_)) && o.runs_in(c, env))
        .map(|o| o.name(c))
        .collect();
    let deployed = |v: &EnvVar| {
        (c.app.enabled && v.reaches(&c.app.service_name, true))
            || extras.iter().any(|name| v.reaches(name, false))
    };
    let mut out = Vec::new();
    if c.postgres.enabled {
        let p = &c.postgres;
        out.push(Key::new("POSTGRES_DB", &p.db, false));
        out.push(Key::new("POSTGRES_USER", &p.user, false));
        out.push(Key {
            comment: "Database password (letters and digits: it goes into DATABASE_URL)".into(),
            generate_hint: p.password.generator.map(|g| g.command()),
            ..Key::new("POSTGRES_PASSWORD", &p.password.value, true)
        });
    }
    if optional.contains(&Optional::PgAdmin) && Optional::PgAdmin.runs_in(c, env) {
        out.push(Key::new("PGADMIN_EMAIL", &c.pgadmin.email, false));
        out.push(Key {
            generate_hint: c.pgadmin.password.generator.map(|g| g.command()),
            ..Key::new("PGADMIN_PASSWORD", &c.pgadmin.password.value, true)
        });
    }
    for v in &c.env {
        if !deployed(v) {
            continue;
        }
        let value = v.value_in(Some(env));
        let at_deploy = value == ValueIn::SetAtDeploy;
        if env.is_production_like() && !v.in_production && !at_deploy {
            continue;
        }
        out.push(Key {
            must_set: v.required_in(Some(env)) && value.text().is_empty(),
            comment: v.comment.clone(),
            generate_hint: v.generator.filter(|_| v.secret).map(|g| g.command()),
            ..Key::new(&v.name, value.text(), v.secret)
        });
    }
    out
}

/// The variable's own comment, when it has one.
fn own_comment(k: &Key) -> Vec<String> {
    Some(k.comment.clone())
        .filter(|c| !c.trim().is_empty())
        .into_iter()
        .collect()
}

/// `config.env` of `env`: the non-secret keys with their values.
pub fn config_file(r: &Resolved, env: EnvName) -> EnvFileContext {
    let vars = keys(r, env)
        .iter()
        .filter(|k| !k.secret)
        .cloned()
        .map(|k| {
            let mut comments = own_comment(&k);
            if k.must_set {
                comments.push("Required: set a value before applying.".into());
            }
            EnvLine {
                name: k.name,
                value: k.value,
                comments,
            }
        })
        .collect();
    context(r, env, "config", vars)
}

/// `secrets.env.example` (`real: false`: keys only, with how to generate each) or the
/// opted-in `secrets.env` with the configuration's generated values.
pub fn secrets_file(r: &Resolved, env: EnvName, real: bool) -> EnvFileContext {
    let vars = keys(r, env)
        .iter()
        .filter(|k| k.secret)
        .cloned()
        .map(|k| {
            let mut comments = own_comment(&k);
            if let (false, Some(hint)) = (real, &k.generate_hint) {
                comments.push(format!("Generate with: {hint}"));
            }
            EnvLine {
                name: k.name,
                value: if real { k.value } else { String::new() },
                comments,
            }
        })
        .collect();
    context(r, env, if real { "secrets" } else { "example" }, vars)
}

fn context(r: &Resolved, env: EnvName, kind: &'static str, vars: Vec<EnvLine>) -> EnvFileContext {
    EnvFileContext {
        project: r.config.project.name.clone(),
        env: env.as_str(),
        kind,
        vars,
    }
}

/// Whether every overlay holds `name`; a reference to a key some overlay lacks is optional.
fn in_every_overlay(r: &Resolved, name: &str) -> bool {
    environments(r)
        .into_iter()
        .all(|e| keys(r, e).iter().any(|k| k.name == name))
}

/// `name` from the overlay's ConfigMap or Secret, as `key` says.
pub fn reference(r: &Resolved, c: &mut Container, name: &str, secret: bool) {
    let optional = !in_every_overlay(r, name);
    if secret {
        c.env_secret(name, SECRET, name);
    } else {
        c.env_config(name, CONFIG_MAP, name);
    }
    if optional {
        if let Some(source) = c.env.last_mut().and_then(|e| e.value_from.as_mut()) {
            for key in [&mut source.secret_key_ref, &mut source.config_map_key_ref]
                .into_iter()
                .flatten()
            {
                key.optional = Some(true);
            }
        }
    }
}

/// The user variables that go to `service`, each by reference.
pub fn user_vars(r: &Resolved, c: &mut Container, service: &str, is_app: bool) {
    let managed = crate::resolve::managed_env_names(r.config);
    for v in &r.config.env {
        if v.reaches(service, is_app) && !managed.contains(&v.name.as_str()) {
            reference(r, c, &v.name, v.secret);
        }
    }
}

/// The database settings and `DATABASE_URL` composed from them with `$(VAR)`, which the
/// kubelet expands from the variables defined before it.
pub fn database(r: &Resolved, c: &mut Container) {
    let p = &r.config.postgres;
    reference(r, c, "POSTGRES_USER", false);
    reference(r, c, "POSTGRES_PASSWORD", true);
    reference(r, c, "POSTGRES_DB", false);
    let mut query = vec!["schema=public".to_string()];
    if let Some(l) = p.pool.connection_limit {
        query.push(format!("connection_limit={l}"));
    }
    if let Some(t) = p.pool.pool_timeout {
        query.push(format!("pool_timeout={t}"));
    }
    c.env_value(
        "DATABASE_URL",
        &format!(
            "postgresql://$(POSTGRES_USER):$(POSTGRES_PASSWORD)@{POSTGRES_SERVICE}:5432/$(POSTGRES_DB)?{}",
            query.join("&")
        ),
    );
}
