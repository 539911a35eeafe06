//! App section: framework, Node toolchain, monorepo, Prisma, ports, hardening, dev mode.

use super::fields::*;
use crate::state::use_state;
use dockwright_engine::config::*;
use leptos::prelude::*;

fn framework_label(f: Framework) -> &'static str {
    match f {
        Framework::NextjsStandalone => "Next.js (standalone output)",
        Framework::NodeServer => "Node server",
    }
}

fn base_label(b: BaseImage) -> &'static str {
    match b {
        BaseImage::Alpine => "alpine",
        BaseImage::Slim => "slim (Debian)",
    }
}

fn init_label(i: InitProcess) -> &'static str {
    match i {
        InitProcess::DumbInit => "dumb-init",
        InitProcess::Tini => "tini",
        InitProcess::None => "none",
    }
}

fn dev_image_label(d: DevDockerfile) -> &'static str {
    match d {
        DevDockerfile::Separate => "Dockerfile.dev",
        DevDockerfile::BuilderTarget => "builder stage of the Dockerfile",
    }
}

fn build_args() -> impl IntoView {
    let state = use_state();
    let count = state.slice(move |c| c.app.build_args.len());
    view! {
        <fieldset class="group">
            <legend>"Build arguments"</legend>
            <For each=move || 0..count.get() key=|i| *i let:i>
                <div class="row">
                    {text_field("Name", format!("app.build_args[{i}].name"), move |c| c.app.build_args.get(i).map(|a| a.name.clone()).unwrap_or_default(), move |c, v| if let Some(a) = c.app.build_args.get_mut(i) { a.name = v })}
                    {text_field("Default value", format!("app.build_args[{i}].value"), move |c| c.app.build_args.get(i).map(|a| a.value.clone()).unwrap_or_default(), move |c, v| if let Some(a) = c.app.build_args.get_mut(i) { a.value = v })}
                    <button type="button" class="icon" aria-label=format!("Remove build argument {}", i + 1)
                        on:click=move |_| state.edit("app.build_args", |c| { if i < c.app.build_args.len() { c.app.build_args.remove(i); } })>"✕"</button>
                </div>
            </For>
            <button type="button" on:click=move |_| state.edit("app.build_args", |c| c.app.build_args.push(BuildArg::default()))>"Add build argument"</button>
        </fieldset>
    }
}

pub fn app_section() -> impl IntoView {
    let state = use_state();
    let enabled = state.slice(move |c| c.app.enabled);
    let monorepo = state.slice(move |c| c.app.monorepo.enabled);
    let prisma = state.slice(move |c| c.app.prisma.enabled);
    let node_server = state.slice(move |c| c.app.framework == Framework::NodeServer);
    section(
        "App",
        "section-app",
        view! {
            {checkbox("App container", "app.enabled", tid("service-toggle-app"), |c| c.app.enabled, |c, v| c.app.enabled = v)}
            <Show when=move || enabled.get()>
                {text_field("Service name", "app.service_name", |c| c.app.service_name.clone(), |c, v| {
                    // What depended on the app keeps depending on it under its new name.
                    let old = c.app.service_name.clone();
                    c.rename_service_references(&old, &v);
                    c.app.service_name = v
                })}
                {choice_field("Framework", "app.framework", &Framework::ALL, Framework::as_str, framework_label, |c| c.app.framework, |c, v| c.app.framework = v)}
                <Show when=move || node_server.get()>
                    {text_field("Start command", "app.start_command", |c| c.app.start_command.clone(), |c, v| c.app.start_command = v)}
                </Show>
                <div class="row">
                    {text_field("Node.js version", "app.node_version", |c| c.app.node_version.clone(), |c, v| c.app.node_version = v)}
                    {choice_field("Base image", "app.base", &BaseImage::ALL, BaseImage::as_str, base_label, |c| c.app.base, |c, v| c.app.base = v)}
                </div>
                <div class="row">
                    {choice_field("Package manager", "app.package_manager", &PackageManager::ALL, PackageManager::as_str, PackageManager::as_str, |c| c.app.package_manager, |c, v| c.app.package_manager = v)}
                    {text_field("Version (pinned)", "app.package_manager_version", |c| c.app.package_manager_version.clone(), |c, v| c.app.package_manager_version = v)}
                </div>
                <div class="row">
                    {text_field("Build script", "app.build_script", |c| c.app.build_script.clone(), |c, v| c.app.build_script = v)}
                    {text_field("Dev script", "app.dev_script", |c| c.app.dev_script.clone(), |c, v| c.app.dev_script = v)}
                </div>
                <div class="row">
                    {number_field("Host port", "app.host_port", tid("port-app-host"), |c| Some(c.app.host_port), |c, v: Option<u16>| c.app.host_port = v.unwrap_or(0), false)}
                    {number_field("Container port", "app.container_port", tid("port-app-container"), |c| Some(c.app.container_port), |c, v: Option<u16>| c.app.container_port = v.unwrap_or(0), false)}
                    {number_field("Render port", "app.render_port", no_tid(), |c| Some(c.app.render_port), |c, v: Option<u16>| c.app.render_port = v.unwrap_or(0), false)}
                </div>
                <div class="row">
                    {text_field("Health path", "app.health_path", |c| c.app.health_path.clone(), |c, v| c.app.health_path = v)}
                    {text_field("Readiness path (optional)", "app.ready_path", |c| c.app.ready_path.clone().unwrap_or_default(), |c, v| c.app.ready_path = (!v.is_empty()).then_some(v))}
                </div>
                <fieldset class="group">
                    <legend>"Monorepo"</legend>
                    {checkbox("Turborepo / workspace monorepo", "app.monorepo.enabled", no_tid(), |c| c.app.monorepo.enabled, |c, v| c.app.monorepo.enabled = v)}
                    <Show when=move || monorepo.get()>
                        <div class="row">
                            {text_field("App directory", "app.monorepo.app_dir", |c| c.app.monorepo.app_dir.clone(), |c, v| c.app.monorepo.app_dir = v)}
                            {text_field("Workspace filter", "app.monorepo.filter", |c| c.app.monorepo.filter.clone(), |c, v| c.app.monorepo.filter = v)}
                        </div>
                        {list_field("Workspace packages (comma-separated)", "app.monorepo.packages", |c| c.app.monorepo.packages.clone(), |c, v| c.app.monorepo.packages = v)}
                        <div class="row">
                            {checkbox("turbo prune --docker", "app.monorepo.turbo_prune", no_tid(), |c| c.app.monorepo.turbo_prune, |c, v| c.app.monorepo.turbo_prune = v)}
                            {text_field("turbo version", "app.monorepo.turbo_version", |c| c.app.monorepo.turbo_version.clone(), |c, v| c.app.monorepo.turbo_version = v)}
                        </div>
                    </Show>
                </fieldset>
                <fieldset class="group">
                    <legend>"Prisma"</legend>
                    {checkbox("Prisma ORM", "app.prisma.enabled", no_tid(), |c| c.app.prisma.enabled, |c, v| c.app.prisma.enabled = v)}
                    <Show when=move || prisma.get()>
                        {text_field("Schema path", "app.prisma.schema_path", |c| c.app.prisma.schema_path.clone(), |c, v| c.app.prisma.schema_path = v)}
                        {checkbox("prisma migrate deploy at start-up", "app.prisma.migrate_on_start", no_tid(), |c| c.app.prisma.migrate_on_start, |c, v| c.app.prisma.migrate_on_start = v)}
                    </Show>
                </fieldset>
                <fieldset class="group">
                    <legend>"Runtime hardening"</legend>
                    <div class="row">
                        {text_field("User", "app.user.name", |c| c.app.user.name.clone(), |c, v| c.app.user.name = v)}
                        {text_field("Group", "app.user.group", |c| c.app.user.group.clone(), |c, v| c.app.user.group = v)}
                        {number_field("UID", "app.user.uid", no_tid(), |c| Some(c.app.user.uid), |c, v: Option<u32>| c.app.user.uid = v.unwrap_or(0), false)}
                    </div>
                    {choice_field("Init process", "app.init", &InitProcess::ALL, InitProcess::as_str, init_label, |c| c.app.init, |c, v| c.app.init = v)}
                    {list_field("Extra OS packages (comma-separated)", "app.system_packages", |c| c.app.system_packages.clone(), |c, v| c.app.system_packages = v)}
                    {checkbox("Chromium for Playwright", "app.playwright_chromium", no_tid(), |c| c.app.playwright_chromium, |c, v| c.app.playwright_chromium = v)}
                </fieldset>
                {build_args()}
                <fieldset class="group">
                    <legend>"Development mode"</legend>
                    {choice_field("Dev image", "app.dev.dockerfile", &DevDockerfile::ALL, DevDockerfile::as_str, dev_image_label, |c| c.app.dev.dockerfile, |c, v| c.app.dev.dockerfile = v)}
                    {list_field("Source mounts (comma-separated)", "app.dev.mounts", |c| c.app.dev.mounts.clone(), |c, v| c.app.dev.mounts = v)}
                    {checkbox("File watching by polling (CHOKIDAR_USEPOLLING)", "app.dev.polling", no_tid(), |c| c.app.dev.polling, |c, v| c.app.dev.polling = v)}
                </fieldset>
            </Show>
        },
    )
}
