//! Variables shared through compose: an extra service's `KEY: ${KEY…}` passes a project
//! variable through, which becomes (or joins) a configuration variable reaching that service.

use super::*;

/// An extra service's `KEY: ${KEY…}` passes a variable of the project through: it becomes (or
/// joins) a variable of the configuration that reaches that service, as dockwright writes it.
pub(super) fn shared_variables(m: &mut Mapper, config: &mut Config) {
    let app = config.app.enabled.then(|| config.app.service_name.clone());
    for (service, key, raw) in std::mem::take(&mut m.passthrough) {
        join_variable(
            m,
            config,
            app.as_deref(),
            &service,
            KeyValue { key, value: raw },
        );
    }
    for i in 0..config.extra_services.len() {
        let service = config.extra_services[i].name.clone();
        let environment = std::mem::take(&mut config.extra_services[i].environment);
        let mut kept = Vec::new();
        for kv in environment {
            let own = Template::parse(&kv.value).ok().is_some_and(|t| {
                matches!(t.0.as_slice(), [crate::import::interpolation::Piece::Var(v)] if v.name == kv.key)
            });
            if !own {
                kept.push(kv);
                continue;
            }
            join_variable(m, config, app.as_deref(), &service, kv);
        }
        let managed = managed_env_names(config);
        kept.retain(|kv| {
            let path = format!("services.{service}.environment.{}", kv.key);
            if managed.contains(&kv.key.as_str()) || ["DATABASE_URL", "REDIS_URL"].contains(&kv.key.as_str()) {
                m.warn(path, "written by dockwright from its own settings where it applies; not carried over");
                false
            } else if !crate::validate::syntax::is_identifier_any_case(&kv.key) {
                m.warn(path, "not a variable name dockwright writes (letters, digits and _); not carried over");
                false
            } else {
                true
            }
        });
        for kv in &mut kept {
            let path = format!("services.{service}.environment.{}", kv.key);
            kv.value = m.literal(&path, &kv.value);
        }
        config.extra_services[i].environment = kept;
    }
}

/// Makes the variable `kv.key` reach `service`: joins the existing variable, or creates one.
fn join_variable(
    m: &mut Mapper,
    config: &mut Config,
    app: Option<&str>,
    service: &str,
    kv: KeyValue,
) {
    match config.env.iter_mut().find(|v| v.name == kv.key) {
        Some(var) => {
            if var.services.is_empty() {
                // Empty means the app alone; now the app and this service.
                var.services.extend(app.map(str::to_string));
            }
            var.services.push(service.to_string());
        }
        None => {
            let path = format!("services.{service}.environment.{}", kv.key);
            let mut var = env_var(m, &path, &kv.key, Some(kv.value));
            var.services = vec![service.to_string()];
            config.env.push(var);
        }
    }
}
