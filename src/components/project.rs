//! Project section: name, layout, compose naming, environment strategy and environments.

use super::fields::*;
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

pub fn project_section() -> impl IntoView {
    let envs = EnvName::ALL
        .into_iter()
        .map(|env| {
            let label = match env {
                EnvName::Dev => "dev (hot reload, admin UIs)",
                EnvName::Staging => "staging",
                EnvName::Prod => "prod",
            };
            checkbox(
                label,
                format!("project.environments.{}", env.as_str()),
                tid(format!("env-toggle-{}", env.as_str())),
                move |c| c.project.environments.contains(&env),
                move |c, on| {
                    c.project.environments.retain(|e| *e != env);
                    if on {
                        c.project.environments.push(env);
                        c.project.environments.sort();
                    }
                },
            )
        })
        .collect_view();
    section(
        "Project",
        "section-project",
        view! {
            {text_field("Project name", "project.name", |c| c.project.name.clone(), |c, v| c.project.name = v)}
            {name_slug_offer()}
            {choice_field("Where the compose files go", "project.layout", &Layout::ALL, Layout::as_str, layout_label,
                |c| c.project.layout, |c, v| c.project.layout = v)}
            {choice_field("Compose file names", "project.compose_naming", &ComposeNaming::ALL, ComposeNaming::as_str, naming_label,
                |c| c.project.compose_naming, |c, v| c.project.compose_naming = v)}
            {choice_field("Environment strategy", "project.strategy", &EnvStrategy::ALL, EnvStrategy::as_str, strategy_label,
                |c| c.project.strategy, |c, v| c.project.strategy = v)}
            <fieldset class="group">
                <legend>"Environments"</legend>
                {envs}
                {messages("project.environments".into())}
            </fieldset>
            {checkbox("Render Blueprint (render.yaml)", "project.render_blueprint", no_tid(), |c| c.project.render_blueprint, |c, v| c.project.render_blueprint = v)}
            {checkbox("Ready-to-run .env with generated secrets", "project.write_dotenv", no_tid(), |c| c.project.write_dotenv, |c, v| c.project.write_dotenv = v)}
        },
    )
}
