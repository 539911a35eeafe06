//! What each service is: the app (the built service, `--app`, or the variants of one app in a
//! profiles layout), a built-in by its image family, or an extra service.

use super::*;

/// What a service is, by its image (or its `build:`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    App,
    Postgres,
    Redis,
    PgAdmin,
    RedisCommander,
    Extra,
    /// A second built service: no image to run, so it cannot be an extra service.
    DroppedBuild,
    /// `<app>-dev` running only in dev: dockwright writes the app's dev variant itself.
    DevVariant,
    /// One of the app's per-environment services in a profiles layout (read for its values).
    EnvVariant,
}

/// Whether a service runs only in a dev profile.
pub(super) fn dev_only(service: &Value) -> bool {
    let profiles: Vec<&str> = service
        .get("profiles")
        .and_then(Value::as_sequence)
        .map(|p| p.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    !profiles.is_empty()
        && profiles
            .iter()
            .all(|p| matches!(*p, "dev" | "development" | "local"))
}

/// The app's variants per environment in a profiles layout (`web-dev`, `web-prod`, each with
/// its own profile): the app's name and its services by environment.
pub(super) struct Variants {
    pub(super) app: String,
    pub(super) by_env: Vec<(EnvName, String)>,
}

/// `web-prod` with `profiles: [prod]` -> (`web`, prod).
pub(super) fn variant_of(name: &str, service: &Value) -> Option<(String, EnvName)> {
    let (base, suffix) = name.rsplit_once('-')?;
    let env = EnvName::ALL
        .iter()
        .copied()
        .find(|e| e.as_str() == suffix)?;
    let profiles: Vec<&str> = service
        .get("profiles")
        .and_then(Value::as_sequence)
        .map(|p| p.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    (profiles == [suffix]).then(|| (base.to_string(), env))
}

pub(super) fn classify(
    m: &mut Mapper,
    services: &Mapping,
    app_name: Option<&str>,
) -> (BTreeMap<String, Kind>, Option<Variants>) {
    let mut kinds = BTreeMap::new();
    let built: Vec<String> = services
        .iter()
        .filter(|(_, s)| s.get("build").is_some())
        .map(|(k, _)| key_text(k))
        .collect();
    // Every built service a variant of one app: the app is that name, read from its
    // production-most variant; the others give per-environment values.
    let variants: Vec<(String, EnvName, String)> = built
        .iter()
        .filter_map(|n| {
            variant_of(n, &services[n.as_str()]).map(|(base, env)| (base, env, n.clone()))
        })
        .collect();
    let one_app = app_name.is_none()
        && !variants.is_empty()
        && variants.len() == built.len()
        && variants.iter().all(|(base, _, _)| *base == variants[0].0);
    let variants = one_app.then(|| Variants {
        app: variants[0].0.clone(),
        by_env: variants
            .iter()
            .map(|(_, env, n)| (*env, n.clone()))
            .collect(),
    });
    let source = variants.as_ref().and_then(|v| {
        v.by_env
            .iter()
            .max_by_key(|(env, _)| EnvName::ALL.iter().position(|e| e == env))
            .map(|(_, n)| n.clone())
    });
    let app = match (app_name, &source) {
        (Some(name), _) => {
            if !services.contains_key(name) {
                m.warn(format!("services.{name}"), "--app names no service here");
            }
            Some(name.to_string())
        }
        (None, Some(source)) => Some(source.clone()),
        // A built service that runs only in dev is a dev variant of the app (`web` and
        // `web-dev`): the app is the other one.
        (None, None) => built
            .iter()
            .find(|name| !dev_only(&services[name.as_str()]))
            .or(built.first())
            .cloned(),
    };
    let mut taken = BTreeSet::new();
    for (key, service) in services {
        let name = key_text(key);
        let image = service
            .get("image")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let image = m
            .text(&format!("services.{name}.image"), &Value::String(image))
            .unwrap_or_default();
        let family = image_family(&image);
        let kind = if Some(&name) == app.as_ref() {
            Kind::App
        } else if variants
            .as_ref()
            .is_some_and(|v| v.by_env.iter().any(|(_, n)| *n == name))
        {
            Kind::EnvVariant
        } else if service.get("build").is_some()
            && app.as_ref().is_some_and(|a| name == format!("{a}-dev"))
            && dev_only(service)
        {
            Kind::DevVariant
        } else if service.get("build").is_some() && image.is_empty() {
            Kind::DroppedBuild
        } else {
            let builtin = match family {
                "postgres" | "postgis" | "pgvector" => Kind::Postgres,
                "redis" => Kind::Redis,
                "pgadmin4" => Kind::PgAdmin,
                "redis-commander" => Kind::RedisCommander,
                _ => Kind::Extra,
            };
            if builtin != Kind::Extra && !taken.insert(builtin as u8) {
                m.warn(
                    format!("services.{name}"),
                    format!("a second {family} service: kept as an extra service"),
                );
                Kind::Extra
            } else {
                if matches!(family, "postgis" | "pgvector") {
                    m.warn(format!("services.{name}.image"), format!("{image}: approximated as the official postgres image (add the extension's image as an extra service if you need it)"));
                }
                builtin
            }
        };
        kinds.insert(name, kind);
    }
    // dockwright's pgAdmin and redis-commander are wired to its own PostgreSQL and Redis; with
    // none to point at, the UI is kept as it is written, an extra service.
    for (ui, needs, what) in [
        (Kind::PgAdmin, Kind::Postgres, "PostgreSQL"),
        (Kind::RedisCommander, Kind::Redis, "Redis"),
    ] {
        if kinds.values().any(|k| *k == needs) {
            continue;
        }
        for (name, kind) in kinds.iter_mut().filter(|(_, k)| **k == ui) {
            m.warn(
                format!("services.{name}"),
                format!("no {what} service is imported for it to manage: kept as an extra service"),
            );
            *kind = Kind::Extra;
        }
    }
    (kinds, variants)
}

/// The image's family name: `docker.io/library/postgres:16-alpine` -> `postgres`.
pub(super) fn image_family(image: &str) -> &str {
    image
        .rsplit('/')
        .next()
        .unwrap_or(image)
        .split([':', '@'])
        .next()
        .unwrap_or("")
}

pub(super) fn image_tag(image: &str) -> Option<&str> {
    let last = image.rsplit('/').next().unwrap_or(image);
    last.split('@')
        .next()
        .and_then(|i| i.split_once(':'))
        .map(|(_, tag)| tag)
}
