//! Database (PostgreSQL), Cache (Redis) and Admin tools (pgAdmin, redis-commander) sections.

use super::fields::*;
use crate::browser::BrowserEntropy;
use crate::state::use_state;
use dockwright_engine::config::*;
use dockwright_engine::secret::Generator;
use leptos::prelude::*;

/// A secret value with a "Regenerate" button (CSPRNG in the browser).
pub fn secret_field(
    label: &'static str,
    path: &'static str,
    get: impl Fn(&Config) -> String + Send + Sync + 'static,
    set: impl Fn(&mut Config, String) + Send + Sync + 'static + Copy,
    generator: impl Fn(&Config) -> Option<Generator> + Send + Sync + 'static + Copy,
) -> impl IntoView {
    let state = use_state();
    view! {
        <div class="row secret">
            {text_field(label, path, get, set)}
            <button type="button" class="regen" aria-label=format!("Regenerate {label}")
                on:click=move |_| state.edit(path, |c| {
                    let g = generator(c).unwrap_or_default();
                    set(c, g.generate(&mut BrowserEntropy));
                })>"Regenerate"</button>
        </div>
    }
}

/// A fixed container port shown for reference (the images listen there).
fn fixed_port(service: &'static str, port: u16) -> impl IntoView {
    let id = format!("field-{service}-container-port");
    view! {
        <div class="field">
            <label for=id.clone()>"Container port"</label>
            <input id=id type="text" readonly=true data-testid=format!("port-{service}-container") prop:value=port.to_string() />
        </div>
    }
}

pub fn database_section() -> impl IntoView {
    let state = use_state();
    let on = state.slice(move |c| c.postgres.enabled);
    let backup = state.slice(move |c| c.postgres.backup.enabled);
    section(
        "Database",
        "section-database",
        view! {
            {checkbox("PostgreSQL", "postgres.enabled", tid("service-toggle-postgres"), |c| c.postgres.enabled, |c, v| c.postgres.enabled = v)}
            <div class="switchable" hidden=move || !on.get()>
                <div class="row">
                    {text_field("Image tag", "postgres.version", |c| c.postgres.version.clone(), |c, v| c.postgres.version = v)}
                    {text_field("Timezone", "postgres.timezone", |c| c.postgres.timezone.clone(), |c, v| c.postgres.timezone = v)}
                </div>
                <div class="row">
                    {text_field("Database", "postgres.db", |c| c.postgres.db.clone(), |c, v| c.postgres.db = v)}
                    {text_field("User", "postgres.user", |c| c.postgres.user.clone(), |c, v| c.postgres.user = v)}
                </div>
                {secret_field("Password", "postgres.password", |c| c.postgres.password.value.clone(), |c, v| c.postgres.password.value = v, |c| c.postgres.password.generator)}
                <div class="row">
                    {number_field("Host port (dev)", "postgres.host_port", tid("port-postgres-host"), |c| c.postgres.host_port, |c, v: Option<u16>| c.postgres.host_port = v, true)}
                    {fixed_port("postgres", 5432)}
                </div>
                {checkbox("Also publish in production (127.0.0.1 only)", "postgres.publish_in_production", no_tid(), |c| c.postgres.publish_in_production, |c, v| c.postgres.publish_in_production = v)}
                {text_field("POSTGRES_INITDB_ARGS", "postgres.initdb_args", |c| c.postgres.initdb_args.clone(), |c, v| c.postgres.initdb_args = v)}
                {list_field("Extensions (init-db.sql, comma-separated)", "postgres.extensions", |c| c.postgres.extensions.clone(), |c, v| c.postgres.extensions = v)}
                <div class="row">
                    {number_field("connection_limit", "postgres.pool.connection_limit", no_tid(), |c| c.postgres.pool.connection_limit, |c, v: Option<u32>| c.postgres.pool.connection_limit = v, true)}
                    {number_field("pool_timeout (s)", "postgres.pool.pool_timeout", no_tid(), |c| c.postgres.pool.pool_timeout, |c, v: Option<u32>| c.postgres.pool.pool_timeout = v, true)}
                </div>
                <fieldset class="group">
                    <legend>"Backups"</legend>
                    {checkbox("Backup script (pg_dump | gzip, rotated)", "postgres.backup.enabled", no_tid(), |c| c.postgres.backup.enabled, |c, v| c.postgres.backup.enabled = v)}
                    <div class="switchable" hidden=move || !backup.get()>
                        <div class="row">
                            {number_field("Keep last", "postgres.backup.keep", no_tid(), |c| Some(c.postgres.backup.keep), |c, v: Option<u32>| c.postgres.backup.keep = v.unwrap_or(0), false)}
                            {text_field("Directory", "postgres.backup.dir", |c| c.postgres.backup.dir.clone(), |c, v| c.postgres.backup.dir = v)}
                        </div>
                    </div>
                </fieldset>
            </div>
        },
    )
}

pub fn cache_section() -> impl IntoView {
    let state = use_state();
    let on = state.slice(move |c| c.redis.enabled);
    section(
        "Cache",
        "section-cache",
        view! {
            {checkbox("Redis", "redis.enabled", tid("service-toggle-redis"), |c| c.redis.enabled, |c, v| c.redis.enabled = v)}
            <div class="switchable" hidden=move || !on.get()>
                <div class="row">
                    {text_field("Image tag", "redis.version", |c| c.redis.version.clone(), |c, v| c.redis.version = v)}
                    {text_field("maxmemory", "redis.maxmemory", |c| c.redis.maxmemory.clone(), |c, v| c.redis.maxmemory = v)}
                </div>
                {choice_field("Eviction policy", "redis.eviction_policy", &EvictionPolicy::ALL, EvictionPolicy::as_str, EvictionPolicy::as_str, |c| c.redis.eviction_policy, |c, v| c.redis.eviction_policy = v)}
                {checkbox("AOF persistence (appendonly)", "redis.aof", no_tid(), |c| c.redis.aof, |c, v| c.redis.aof = v)}
                <div class="row">
                    {number_field("Host port (dev)", "redis.host_port", tid("port-redis-host"), |c| c.redis.host_port, |c, v: Option<u16>| c.redis.host_port = v, true)}
                    {fixed_port("redis", 6379)}
                </div>
                {checkbox("Also publish in production (127.0.0.1 only)", "redis.publish_in_production", no_tid(), |c| c.redis.publish_in_production, |c, v| c.redis.publish_in_production = v)}
            </div>
        },
    )
}

pub fn admin_section() -> impl IntoView {
    let state = use_state();
    let pg = state.slice(move |c| c.pgadmin.enabled);
    let rc = state.slice(move |c| c.redis_commander.enabled);
    section(
        "Admin tools",
        "section-admin",
        view! {
            <p class="hint">"Admin UIs run only in the dev environment, bound to 127.0.0.1."</p>
            {checkbox("pgAdmin", "pgadmin.enabled", tid("service-toggle-pgadmin"), |c| c.pgadmin.enabled, |c, v| c.pgadmin.enabled = v)}
            <div class="switchable" hidden=move || !pg.get()>
                <div class="row">
                    {text_field("Login email", "pgadmin.email", |c| c.pgadmin.email.clone(), |c, v| c.pgadmin.email = v)}
                    {text_field("Image tag", "pgadmin.version", |c| c.pgadmin.version.clone(), |c, v| c.pgadmin.version = v)}
                </div>
                {secret_field("Password", "pgadmin.password", |c| c.pgadmin.password.value.clone(), |c, v| c.pgadmin.password.value = v, |c| c.pgadmin.password.generator)}
                <div class="row">
                    {number_field("Host port", "pgadmin.host_port", tid("port-pgadmin-host"), |c| Some(c.pgadmin.host_port), |c, v: Option<u16>| c.pgadmin.host_port = v.unwrap_or(0), false)}
                    {fixed_port("pgadmin", 80)}
                </div>
                {checkbox("Pre-register the database server", "pgadmin.register_server", no_tid(), |c| c.pgadmin.register_server, |c, v| c.pgadmin.register_server = v)}
            </div>
            {checkbox("redis-commander", "redis_commander.enabled", tid("service-toggle-redis-commander"), |c| c.redis_commander.enabled, |c, v| c.redis_commander.enabled = v)}
            <div class="switchable" hidden=move || !rc.get()>
                <div class="row">
                    {number_field("Host port", "redis_commander.host_port", tid("port-redis-commander-host"), |c| Some(c.redis_commander.host_port), |c, v: Option<u16>| c.redis_commander.host_port = v.unwrap_or(0), false)}
                    {fixed_port("redis-commander", 8081)}
                    {text_field("Image tag", "redis_commander.version", |c| c.redis_commander.version.clone(), |c, v| c.redis_commander.version = v)}
                </div>
            </div>
        },
    )
}
