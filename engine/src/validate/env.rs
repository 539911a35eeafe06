//! The user's environment variables: names, values, modes, secrets, per-environment values,
//! and the warning for a localhost value that reaches production files.

use super::*;

pub(super) fn env(r: &Resolved, d: &mut Diagnostics) {
    let config = r.config;
    let managed = managed_env_names(config);
    let enabled = config.enabled_service_names();
    let mut rows_by_name: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (i, v) in config.env.iter().enumerate() {
        rows_by_name.entry(v.name.as_str()).or_default().push(i);
    }
    for (i, v) in config.env.iter().enumerate() {
        let base = ConfigPath::new("env").index(i);
        if !is_env_name(&v.name) {
            d.error(
                base.field("name"),
                "use UPPER_SNAKE_CASE: capital letters, digits and _, not starting with a digit",
            );
        } else if managed.contains(&v.name.as_str()) {
            d.error(
                base.field("name"),
                format!(
                    "{} is managed by dockwright for the enabled services",
                    v.name
                ),
            );
        } else if rows_by_name[v.name.as_str()].len() > 1 {
            // Every row with the name, so the one just edited is flagged too.
            let rows = rows_by_name[v.name.as_str()]
                .iter()
                .map(|r| (r + 1).to_string())
                .collect::<Vec<_>>()
                .join(" and ");
            d.error(
                base.field("name"),
                format!("{} is defined twice (variables {rows})", v.name),
            );
        }
        if has_control(&v.value) {
            d.error(
                base.field("value"),
                "value must be a single line without control characters",
            );
        }
        if has_control(&v.section) {
            d.error(base.field("section"), "section must be a single line");
        }
        if v.secret {
            if v.mode == EnvMode::Fixed {
                d.error(
                    base.field("mode"),
                    "a secret cannot be fixed inline in compose: use required",
                );
            }
            if v.name.starts_with("NEXT_PUBLIC_") {
                d.error(base.field("secret"), "NEXT_PUBLIC_ variables are inlined into the browser bundle and cannot be secret");
            }
            if v.value.is_empty() && v.mode == EnvMode::Required {
                // .env would hold `NAME=` and compose refuses to start on `${NAME:?…}`.
                let how = if v.generator.is_some() {
                    "generate one"
                } else {
                    "set it in .env before starting"
                };
                d.warning(
                    base.field("value"),
                    format!("{} has no value yet: {how}", v.name),
                );
            }
        }
        if let Some(g) = v.generator {
            if !(crate::secret::Generator::MIN_BYTES..=crate::secret::Generator::MAX_BYTES)
                .contains(&g.bytes)
            {
                d.error(
                    base.field("generator").field("bytes"),
                    "generate between 16 and 128 random bytes",
                );
            }
        }
        if v.mode == EnvMode::Required && !v.secret && v.value.is_empty() {
            d.warning(
                base.field("value"),
                format!(
                    "{} is required and empty: compose will not start until it is set in .env",
                    v.name
                ),
            );
        }
        if v.mode == EnvMode::Default && v.value.contains('}') {
            d.warning(
                base.field("value"),
                "a value containing } cannot be a compose default; it is read from .env only",
            );
        }
        if v.mode != EnvMode::Fixed && !v.in_example && !v.in_production {
            d.warning(
                base.field("in_example"),
                "listed in no .env template: nobody will know to set it",
            );
        }
        for (env, value) in &v.per_env {
            let path = base.field("per_env").field(env.as_str());
            match value {
                EnvOverride::Value(value) if has_control(value) => {
                    d.error(path, "value must be a single line without control characters")
                }
                EnvOverride::SetAtDeploy if v.mode == EnvMode::Fixed => d.error(
                    path,
                    format!(
                        "a fixed value is written into compose, so {} cannot be left to set at deploy: give it its own value or use default mode",
                        env.as_str()
                    ),
                ),
                _ => {}
            }
        }
        local_value_in_production(r, i, v, d);
        for (j, svc) in v.services.iter().enumerate() {
            if !enabled.contains(svc) {
                d.error(
                    base.item("services", j),
                    format!("{svc} is not an enabled service"),
                );
            }
        }
        if v.services.is_empty() && !config.app.enabled {
            d.warning(
                base.field("services"),
                "no app service: name the services that receive this variable",
            );
        }
    }
}

/// A localhost URL is right on a laptop and wrong on a server: warn when one reaches a
/// production file, naming the files, at the control that gives production its own value.
fn local_value_in_production(r: &Resolved, i: usize, v: &EnvVar, d: &mut Diagnostics) {
    let config = r.config;
    if v.secret {
        // Secrets are placeholders in every production file.
        return;
    }
    let mut files = Vec::new();
    let mut shown = None;
    let prod_env = config.project.production_values_env();
    let local = |env: Option<EnvName>| match v.value_in(env) {
        ValueIn::Value(value) if is_local_address(value) => Some(value.to_string()),
        _ => None,
    };
    if r.production {
        if let Some(value) = local(Some(prod_env)) {
            if v.in_production && v.mode != EnvMode::Fixed {
                files.push(crate::output::paths::ENV_PRODUCTION_EXAMPLE.to_string());
            }
            let compose_env = (!config.project.environments.is_empty()
                && config.project.strategy == EnvStrategy::Overrides)
                .then_some(prod_env);
            files.push(r.paths.compose_name(compose_env));
            shown = Some(value);
        }
    }
    let to_app = v.reaches(&config.app.service_name, true);
    if config.project.render_blueprint && config.app.enabled && v.in_production && to_app {
        if let Some(value) = local(Some(EnvName::Prod)) {
            files.push(crate::output::paths::RENDER_BLUEPRINT.to_string());
            shown.get_or_insert(value);
        }
    }
    if let Some(value) = shown {
        d.warning(
            ConfigPath::new("env").index(i).field("per_env").field("prod"),
            format!(
                "{} is {value} in production files too ({}): give production its own value, or leave it to be set at deploy",
                v.name,
                files.join(", ")
            ),
        );
    }
}
