//! The page: toolbar, notices, the editor (sections in bundle order) and the live preview.

use crate::components::{
    app_section, env_vars, extras, help, notices, operations, preview, project, services, toolbar,
};
use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::provide();
    help::install_shortcuts(
        state,
        move || toolbar::download_zip(state),
        move || toolbar::copy_link(state),
    );
    view! {
        <a class="skip" href="#preview-panel">"Skip to preview"</a>
        {toolbar::toolbar()}
        {notices::banner()}
        <main class="layout">
            <form class="editor" aria-label="Configuration" on:submit=|ev| ev.prevent_default()>
                {notices::validation_summary()}
                {project::project_section()}
                {app_section::app_section()}
                {services::database_section()}
                {services::cache_section()}
                {services::admin_section()}
                {extras::extras_section()}
                {env_vars::env_section()}
                {operations::operations_section()}
            </form>
            {preview::preview()}
        </main>
        {help::help_overlay()}
    }
}
