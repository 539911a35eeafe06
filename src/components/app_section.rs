//! App section: framework, Node toolchain, monorepo, Prisma, ports, hardening, dev mode.

use super::fields::*;
use super::form::*;
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

/// A text field of the build argument in row `#` of `app.build_args`.
macro_rules! build_arg {
    ($label:literal, $f:ident) => {
        table_field!(
            $label,
            concat!("app.build_args[#].", stringify!($f)),
            None,
            Input::Text(
                |c, i| c
                    .app
                    .build_args
                    .get(i)
                    .map(|a| a.$f.clone())
                    .unwrap_or_default(),
                |c, i, v| {
                    if let Some(a) = c.app.build_args.get_mut(i) {
                        a.$f = v
                    }
                },
            )
        )
    };
}

/// A build argument's fields.
pub static BUILD_ARG: &[Item] = &[build_arg!("Name", name), build_arg!("Default value", value)];

fn build_args() -> impl IntoView {
    let state = use_state();
    let count = state.slice(move |c| c.app.build_args.len());
    view! {
        <fieldset class="group">
            <legend>"Build arguments"</legend>
            <For each=move || 0..count.get() key=|i| *i let:i>
                <div class="row">
                    {items_at(BUILD_ARG, i)}
                    <button type="button" class="icon" aria-label=format!("Remove build argument {}", i + 1)
                        on:click=move |_| state.edit("app.build_args", |c| { if i < c.app.build_args.len() { c.app.build_args.remove(i); } })>"✕"</button>
                </div>
            </For>
            <button type="button" on:click=move |_| state.edit("app.build_args", |c| c.app.build_args.push(BuildArg::default()))>"Add build argument"</button>
        </fieldset>
    }
}

/// The App section's fields, in the order they are shown.
pub static APP: &[Item] = &[
    check!("App container", app.enabled, "service-toggle-app"),
    Item::When(
        |c, _| c.app.enabled,
        &[
            Item::Field(Field {
                label: "Service name",
                path: "app.service_name",
                testid: None,
                input: Input::Text(
                    |c, _| c.app.service_name.clone(),
                    |c, _, v| {
                        // What depended on the app keeps depending on it under its new name.
                        let old = c.app.service_name.clone();
                        c.rename_service_references(&old, &v);
                        c.app.service_name = v
                    },
                ),
            }),
            choice!("Framework", app.framework: Framework, framework_label),
            Item::When(
                |c, _| c.app.framework == Framework::NodeServer,
                &[text!("Start command", app.start_command)],
            ),
            Item::Row(&[
                text!("Node.js version", app.node_version),
                choice!("Base image", app.base: BaseImage, base_label),
            ]),
            Item::Row(&[
                choice!("Package manager", app.package_manager: PackageManager, PackageManager::as_str),
                text!("Version (pinned)", app.package_manager_version),
            ]),
            Item::Row(&[
                text!("Build script", app.build_script),
                text!("Dev script", app.dev_script),
            ]),
            Item::Row(&[
                number!("Host port", app.host_port: u16, "port-app-host"),
                number!("Container port", app.container_port: u16, "port-app-container"),
                number!("Render port", app.render_port: u16),
            ]),
            Item::Row(&[
                text!("Health path", app.health_path),
                optional_text!("Readiness path (optional)", app.ready_path),
            ]),
            Item::Group(
                "Monorepo",
                &[
                    check!("Turborepo / workspace monorepo", app.monorepo.enabled),
                    Item::When(
                        |c, _| c.app.monorepo.enabled,
                        &[
                            Item::Row(&[
                                text!("App directory", app.monorepo.app_dir),
                                text!("Workspace filter", app.monorepo.filter),
                            ]),
                            list!(
                                "Workspace packages (comma-separated)",
                                app.monorepo.packages
                            ),
                            Item::Row(&[
                                check!("turbo prune --docker", app.monorepo.turbo_prune),
                                text!("turbo version", app.monorepo.turbo_version),
                            ]),
                        ],
                    ),
                ],
            ),
            Item::Group(
                "Prisma",
                &[
                    check!("Prisma ORM", app.prisma.enabled),
                    Item::When(
                        |c, _| c.app.prisma.enabled,
                        &[
                            text!("Schema path", app.prisma.schema_path),
                            check!(
                                "prisma migrate deploy at start-up",
                                app.prisma.migrate_on_start
                            ),
                        ],
                    ),
                ],
            ),
            Item::Group(
                "Runtime hardening",
                &[
                    Item::Row(&[
                        text!("User", app.user.name),
                        text!("Group", app.user.group),
                        number!("UID", app.user.uid: u32),
                    ]),
                    choice!("Init process", app.init: InitProcess, init_label),
                    list!("Extra OS packages (comma-separated)", app.system_packages),
                    check!("Chromium for Playwright", app.playwright_chromium),
                ],
            ),
            Item::View(|_| build_args().into_any()),
            Item::Group(
                "Development mode",
                &[
                    choice!("Dev image", app.dev.dockerfile: DevDockerfile, dev_image_label),
                    list!("Source mounts (comma-separated)", app.dev.mounts),
                    check!(
                        "File watching by polling (CHOKIDAR_USEPOLLING)",
                        app.dev.polling
                    ),
                ],
            ),
        ],
    ),
];

pub fn app_section() -> impl IntoView {
    section("App", "section-app", items(APP))
}
