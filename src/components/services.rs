//! Database (PostgreSQL), Cache (Redis) and Admin tools (pgAdmin, redis-commander) sections.

use super::fields::*;
use super::form::*;
use dockwright_engine::config::*;
use leptos::prelude::*;

/// A fixed container port shown for reference (the images listen there).
fn fixed_port(service: &'static str, port: u16) -> AnyView {
    let id = format!("field-{service}-container-port");
    view! {
        <div class="field">
            <label for=id.clone()>"Container port"</label>
            <input id=id type="text" readonly=true data-testid=format!("port-{service}-container") prop:value=port.to_string() />
        </div>
    }
    .into_any()
}

/// The Database section's fields.
pub static DATABASE: &[Item] = &[
    check!("PostgreSQL", postgres.enabled, "service-toggle-postgres"),
    Item::Shown(
        |c, _| c.postgres.enabled,
        &[
            Item::Row(&[
                text!("Image tag", postgres.version),
                text!("Timezone", postgres.timezone),
            ]),
            Item::Row(&[text!("Database", postgres.db), text!("User", postgres.user)]),
            secret!("Password", postgres.password),
            Item::Row(&[
                optional_number!("Host port (dev)", postgres.host_port: u16, "port-postgres-host"),
                Item::View(|_| fixed_port("postgres", 5432)),
            ]),
            check!(
                "Also publish in production (127.0.0.1 only)",
                postgres.publish_in_production
            ),
            text!("POSTGRES_INITDB_ARGS", postgres.initdb_args),
            list!(
                "Extensions (init-db.sql, comma-separated)",
                postgres.extensions
            ),
            Item::Row(&[
                optional_number!("connection_limit", postgres.pool.connection_limit: u32),
                optional_number!("pool_timeout (s)", postgres.pool.pool_timeout: u32),
            ]),
            Item::Group(
                "Backups",
                &[
                    check!(
                        "Backup script (pg_dump | gzip, rotated)",
                        postgres.backup.enabled
                    ),
                    Item::Shown(
                        |c, _| c.postgres.backup.enabled,
                        &[Item::Row(&[
                            number!("Keep last", postgres.backup.keep: u32),
                            text!("Directory", postgres.backup.dir),
                        ])],
                    ),
                ],
            ),
        ],
    ),
];

/// The Cache section's fields.
pub static CACHE: &[Item] = &[
    check!("Redis", redis.enabled, "service-toggle-redis"),
    Item::Shown(
        |c, _| c.redis.enabled,
        &[
            Item::Row(&[
                text!("Image tag", redis.version),
                text!("maxmemory", redis.maxmemory),
            ]),
            choice!("Eviction policy", redis.eviction_policy: EvictionPolicy, EvictionPolicy::as_str),
            check!("AOF persistence (appendonly)", redis.aof),
            Item::Row(&[
                optional_number!("Host port (dev)", redis.host_port: u16, "port-redis-host"),
                Item::View(|_| fixed_port("redis", 6379)),
            ]),
            check!(
                "Also publish in production (127.0.0.1 only)",
                redis.publish_in_production
            ),
        ],
    ),
];

/// The Admin tools section's fields.
pub static ADMIN: &[Item] = &[
    Item::View(|_| {
        view! { <p class="hint">"Admin UIs run only in the dev environment, bound to 127.0.0.1."</p> }.into_any()
    }),
    check!("pgAdmin", pgadmin.enabled, "service-toggle-pgadmin"),
    Item::Shown(
        |c, _| c.pgadmin.enabled,
        &[
            Item::Row(&[
                text!("Login email", pgadmin.email),
                text!("Image tag", pgadmin.version),
            ]),
            secret!("Password", pgadmin.password),
            Item::Row(&[
                number!("Host port", pgadmin.host_port: u16, "port-pgadmin-host"),
                Item::View(|_| fixed_port("pgadmin", 80)),
            ]),
            check!("Pre-register the database server", pgadmin.register_server),
        ],
    ),
    check!(
        "redis-commander",
        redis_commander.enabled,
        "service-toggle-redis-commander"
    ),
    Item::Shown(
        |c, _| c.redis_commander.enabled,
        &[Item::Row(&[
            number!("Host port", redis_commander.host_port: u16, "port-redis-commander-host"),
            Item::View(|_| fixed_port("redis-commander", 8081)),
            text!("Image tag", redis_commander.version),
        ])],
    ),
];

pub fn database_section() -> impl IntoView {
    section("Database", "section-database", items(DATABASE))
}

pub fn cache_section() -> impl IntoView {
    section("Cache", "section-cache", items(CACHE))
}

pub fn admin_section() -> impl IntoView {
    section("Admin tools", "section-admin", items(ADMIN))
}
