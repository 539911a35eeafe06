//! Project section: name, layout, compose naming, environment strategy and environments.

use super::fields::*;
use super::form::*;
use crate::state::use_state;
use dockwright_engine::config::*;
use dockwright_engine::validate::is_project_name;
use leptos::prelude::*;

/// Under an invalid project name: its slug, applied in one click.
fn layout_label(l: Layout) -> &'static str {
    match l {
        Layout::Root => "Repository root",
        Layout::DockerDir => "docker/ folder (context ..)",
    }
}

fn naming_label(n: ComposeNaming) -> &'static str {
    match n {
        ComposeNaming::DockerCompose => "docker-compose.yml",
        ComposeNaming::ComposeYaml => "compose.yaml",
    }
}

fn strategy_label(s: EnvStrategy) -> &'static str {
    match s {
        EnvStrategy::Overrides => "Override files per environment",
        EnvStrategy::Profiles => "One file with profiles",
    }
}

fn name_slug_offer() -> impl IntoView {
    let state = use_state();
    let slug = state.slice(move |c| {
        let name = &c.project.name;
        let slug = slugify(name);
        (!is_project_name(name) && is_project_name(&slug)).then_some(slug)
    });
    view! {
        <Show when=move || slug.get().is_some()>
            <button type="button" class="link" data-testid="project-name-slug"
                on:click=move |_| if let Some(s) = slug.get_untracked() { state.edit("project.name", |c| c.project.name = s) }>
                {move || format!("Use “{}” instead", slug.get().unwrap_or_default())}
            </button>
        </Show>
    }
}

/// Switches `env` on or off, keeping the list in order.
fn toggle_env(c: &mut Config, env: EnvName, on: bool) {
    c.project.environments.retain(|e| *e != env);
    if on {
        c.project.environments.push(env);
        c.project.environments.sort();
    }
}

/// The switch for one environment (`project.environments.<name>`, test id `env-toggle-<name>`).
macro_rules! env_toggle {
    ($label:literal, $env:ident, $name:literal) => {
        table_field!(
            $label,
            concat!("project.environments.", $name),
            Some(concat!("env-toggle-", $name)),
            Input::Check(
                |c, _| c.project.environments.contains(&EnvName::$env),
                |c, _, on| toggle_env(c, EnvName::$env, on),
            )
        )
    };
}

/// The Project section's fields.
pub static PROJECT: &[Item] = &[
    text!("Project name", project.name),
    Item::View(|_| name_slug_offer().into_any()),
    choice!("Where the compose files go", project.layout: Layout, layout_label),
    choice!("Compose file names", project.compose_naming: ComposeNaming, naming_label),
    choice!("Environment strategy", project.strategy: EnvStrategy, strategy_label),
    Item::Group(
        "Environments",
        &[
            env_toggle!("dev (hot reload, admin UIs)", Dev, "dev"),
            env_toggle!("staging", Staging, "staging"),
            env_toggle!("prod", Prod, "prod"),
            Item::Messages("project.environments"),
        ],
    ),
    check!("Render Blueprint (render.yaml)", project.render_blueprint),
    check!(
        "Ready-to-run .env with generated secrets",
        project.write_dotenv
    ),
];

pub fn project_section() -> impl IntoView {
    section("Project", "section-project", items(PROJECT))
}
