//! Project section: name, layout, compose naming, environment strategy and environments.

use super::fields::*;
use crate::state::use_state;
use dockwright_engine::config::*;
use dockwright_engine::validate::is_project_name;
use leptos::prelude::*;

/// Under an invalid project name: its slug, applied in one click.
fn name_slug_offer() -> impl IntoView {
    let state = use_state();
    let slug = Memo::new(move |_| {
        state.config.with(|c| {
            let name = &c.project.name;
            let slug = slugify(name);
            (!is_project_name(name) && is_project_name(&slug)).then_some(slug)
        })
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
            {select_field(
                "Where the compose files go",
                "project.layout",
                vec![("root", "Repository root"), ("docker_dir", "docker/ folder (context ..)")],
                |c| serde_name(&c.project.layout),
                |c, v| c.project.layout = from_serde_name(&v, c.project.layout),
            )}
            {select_field(
                "Compose file names",
                "project.compose_naming",
                vec![("docker_compose", "docker-compose.yml"), ("compose_yaml", "compose.yaml")],
                |c| serde_name(&c.project.compose_naming),
                |c, v| c.project.compose_naming = from_serde_name(&v, c.project.compose_naming),
            )}
            {select_field(
                "Environment strategy",
                "project.strategy",
                vec![("overrides", "Override files per environment"), ("profiles", "One file with profiles")],
                |c| serde_name(&c.project.strategy),
                |c, v| c.project.strategy = from_serde_name(&v, c.project.strategy),
            )}
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
