//! Operations section: restart policy, healthcheck timings, resources, logging, naming.

use super::fields::*;
use crate::state::use_state;
use dockwright_engine::config::*;
use leptos::prelude::*;

pub fn operations_section() -> impl IntoView {
    let state = use_state();
    let resources = state.slice(move |c| c.ops.resources.is_some());
    let logging = state.slice(move |c| c.ops.logging.is_some());
    section(
        "Operations",
        "section-ops",
        view! {
            {choice_field("Restart policy", "ops.restart", &RestartPolicy::ALL, RestartPolicy::as_str, RestartPolicy::as_str,
                |c| c.ops.restart, |c, v| c.ops.restart = v)}
            <fieldset class="group">
                <legend>"App healthcheck"</legend>
                <div class="row">
                    {text_field("Interval", "ops.healthcheck.interval", |c| c.ops.healthcheck.interval.clone(), |c, v| c.ops.healthcheck.interval = v)}
                    {text_field("Timeout", "ops.healthcheck.timeout", |c| c.ops.healthcheck.timeout.clone(), |c, v| c.ops.healthcheck.timeout = v)}
                    {text_field("Start period", "ops.healthcheck.start_period", |c| c.ops.healthcheck.start_period.clone(), |c, v| c.ops.healthcheck.start_period = v)}
                    {number_field("Retries", "ops.healthcheck.retries", no_tid(), |c| Some(c.ops.healthcheck.retries), |c, v: Option<u32>| c.ops.healthcheck.retries = v.unwrap_or(0), false)}
                </div>
            </fieldset>
            <fieldset class="group">
                <legend>"Resources (app)"</legend>
                {checkbox("Limits and reservations", "ops.resources", no_tid(), |c| c.ops.resources.is_some(), |c, on| c.ops.resources = on.then(Resources::default))}
                <Show when=move || resources.get()>
                    <div class="row">
                        {text_field("CPU limit", "ops.resources.cpus_limit", |c| c.ops.resources.as_ref().map(|r| r.cpus_limit.clone()).unwrap_or_default(), |c, v| if let Some(r) = c.ops.resources.as_mut() { r.cpus_limit = v })}
                        {text_field("Memory limit", "ops.resources.memory_limit", |c| c.ops.resources.as_ref().map(|r| r.memory_limit.clone()).unwrap_or_default(), |c, v| if let Some(r) = c.ops.resources.as_mut() { r.memory_limit = v })}
                    </div>
                    <div class="row">
                        {text_field("CPU reservation", "ops.resources.cpus_reservation", |c| c.ops.resources.as_ref().map(|r| r.cpus_reservation.clone()).unwrap_or_default(), |c, v| if let Some(r) = c.ops.resources.as_mut() { r.cpus_reservation = v })}
                        {text_field("Memory reservation", "ops.resources.memory_reservation", |c| c.ops.resources.as_ref().map(|r| r.memory_reservation.clone()).unwrap_or_default(), |c, v| if let Some(r) = c.ops.resources.as_mut() { r.memory_reservation = v })}
                    </div>
                </Show>
            </fieldset>
            <fieldset class="group">
                <legend>"Logging (all services)"</legend>
                {checkbox("Log driver with rotation", "ops.logging", no_tid(), |c| c.ops.logging.is_some(), |c, on| c.ops.logging = on.then(Logging::default))}
                <Show when=move || logging.get()>
                    <div class="row">
                        {text_field("Driver", "ops.logging.driver", |c| c.ops.logging.as_ref().map(|l| l.driver.clone()).unwrap_or_default(), |c, v| if let Some(l) = c.ops.logging.as_mut() { l.driver = v })}
                        {text_field("Max size", "ops.logging.max_size", |c| c.ops.logging.as_ref().map(|l| l.max_size.clone()).unwrap_or_default(), |c, v| if let Some(l) = c.ops.logging.as_mut() { l.max_size = v })}
                        {number_field("Max files", "ops.logging.max_file", no_tid(), |c| c.ops.logging.as_ref().map(|l| l.max_file), |c, v: Option<u32>| if let Some(l) = c.ops.logging.as_mut() { l.max_file = v.unwrap_or(0) }, false)}
                    </div>
                </Show>
            </fieldset>
            <div class="row">
                {text_field("container_name prefix (optional)", "ops.container_name_prefix", |c| c.ops.container_name_prefix.clone().unwrap_or_default(), |c, v| c.ops.container_name_prefix = (!v.is_empty()).then_some(v))}
                {text_field("Network name", "ops.network_name", |c| c.ops.network_name.clone(), |c, v| c.ops.network_name = v)}
            </div>
        },
    )
}
