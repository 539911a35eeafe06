//! The page: toolbar, notices, the editor (sections in bundle order) and the live preview.

use crate::components::{
    app_section, env_vars, extras, help, import, kubernetes, notices, operations, preview, project,
    recent, services, toolbar,
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
    // Phones show the form or the files, not both one under the other (the preview started
    // about 4,900 px down); wider screens show both and never see the switch.
    let shown = RwSignal::new("form");
    let all_help = RwSignal::new(false);
    let switch = move |which: &'static str, label: &'static str| {
        view! {
            <button type="button" data-testid=format!("show-{which}") aria-pressed=move || (shown.get() == which).to_string()
                on:click=move |_| shown.set(which)>{label}</button>
        }
    };
    view! {
        <a class="skip" href="#preview-panel" on:click=move |_| shown.set("files")>"Skip to preview"</a>
        {toolbar::toolbar()}
        {notices::banner()}
        {recent::history_panel()}
        <div class="view-switch" role="group" aria-label="Show">
            {switch("form", "Form")}
            {switch("files", "Files")}
        </div>
        <main class="layout" data-view=move || shown.get()>
            <form class="editor" class:all-help=move || all_help.get() aria-label="Configuration" on:submit=|ev| ev.prevent_default()>
                <div class="field check help-toggle">
                    <input id="all-help" type="checkbox" data-testid="all-help" prop:checked=move || all_help.get()
                        on:change=move |ev| all_help.set(event_target_checked(&ev)) />
                    <label for="all-help">"Help under every field (also shown when pointing at a label)"</label>
                </div>
                {import::import_report()}
                {notices::validation_summary()}
                {project::project_section()}
                {app_section::app_section()}
                {services::database_section()}
                {services::cache_section()}
                {services::admin_section()}
                {extras::extras_section()}
                {env_vars::env_section()}
                {operations::operations_section()}
                {kubernetes::kubernetes_section()}
            </form>
            {preview::preview()}
        </main>
        {help::help_overlay()}
        {import::drop_target()}
    }
}
