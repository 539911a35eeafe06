//! Validation: turns a [`Config`] into errors and warnings tied to field paths.
//!
//! It never panics and never rejects silently: every rule that fires says which field and why.
//! Errors stop the files they affect (see `output::OutputFile::is_blocked_by`); warnings do
//! not. One module per configuration section, as in `config/`; `syntax` holds the
//! character-class predicates they share.

mod app;
mod env;
mod extras;
pub mod kubernetes;
mod ops;
mod ports;
mod project;
mod services;
pub mod syntax;

use crate::config::*;
use crate::diagnostics::{ConfigPath, Diagnostic, Diagnostics};
use crate::resolve::topology::environment_slots;
pub use crate::resolve::topology::first_free_host_port;
use crate::resolve::Resolved;
pub use crate::resolve::{managed_env_names, production_environments};
use std::collections::{BTreeMap, BTreeSet};
use syntax::*;
pub use syntax::{holds_literal_secret, is_compose_name, is_project_name, is_zero_duration};

/// Every diagnostic of `config`.
pub fn validate(config: &Config) -> Vec<Diagnostic> {
    validate_resolved(&Resolved::new(config))
}

/// [`validate`] over a configuration already resolved (the renderer's, computed once).
pub fn validate_resolved(r: &Resolved) -> Vec<Diagnostic> {
    let config = r.config;
    let mut d = Diagnostics::default();
    project::project(config, &mut d);
    if config.app.enabled {
        app::app(&config.app, config, &mut d);
    }
    if config.postgres.enabled {
        services::postgres(config, &mut d);
    }
    if config.redis.enabled {
        services::redis(&config.redis, &mut d);
    }
    services::admin(config, &mut d);
    extras::extra_services(r, &mut d);
    env::env(r, &mut d);
    ops::ops(&config.ops, &mut d);
    kubernetes::kubernetes(r, &mut d);
    ports::host_ports(r, &mut d);
    let mut all = d.into_vec();
    // Errors first, then by path, so the summary reads top-down.
    all.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then_with(|| a.path.cmp(&b.path))
    });
    all
}

pub(crate) fn port(d: &mut Diagnostics, path: impl Into<String>, value: u16) {
    if value == 0 {
        d.error(path, "port must be between 1 and 65535");
    }
}

pub(crate) fn host_port(d: &mut Diagnostics, path: impl Into<String>, value: u16) {
    let path: String = path.into();
    port(d, path.clone(), value);
    if (1..1024).contains(&value) {
        d.warning(
            path,
            format!("host port {value} is privileged (below 1024) and may need root"),
        );
    }
}
