//! The notice banner (bad link, clipboard results, storage failures) and the validation
//! summary whose entries jump to their field.

use crate::browser;
use crate::labels::{describe, field_ids};
use crate::state::{use_state, NoticeKind};
use leptos::prelude::*;

pub fn banner() -> impl IntoView {
    let state = use_state();
    view! {
        <Show when=move || state.notice.get().is_some()>
            {move || {
                let notice = state.notice.get().unwrap_or_else(|| crate::state::Notice { kind: NoticeKind::Info, text: String::new() });
                let error = notice.kind == NoticeKind::Error;
                view! {
                    <div class="banner" class:error=error role=if error { "alert" } else { "status" } data-testid=if error { "error-banner" } else { "info-banner" }>
                        <p>{notice.text}</p>
                        <button type="button" class="icon" aria-label="Dismiss" on:click=move |_| state.notice.set(None)>"✕"</button>
                    </div>
                }
            }}
        </Show>
        <Show when=move || state.storage_notice.get().is_some()>
            <div class="banner warning" role="status" data-testid="storage-banner">
                <p>{move || state.storage_notice.get().unwrap_or_default()}</p>
            </div>
        </Show>
    }
}

pub fn validation_summary() -> impl IntoView {
    let state = use_state();
    let diags = Memo::new(move |_| state.generation.with(|g| g.diagnostics.clone()));
    view! {
        <section class="summary" data-testid="validation-summary" aria-label="Validation">
            {move || {
                let list = diags.get();
                let errors = list.iter().filter(|d| d.is_error()).count();
                let warnings = list.len() - errors;
                if list.is_empty() {
                    return view! { <p class="ok">"✓ No problems: every file is generated."</p> }.into_any();
                }
                view! {
                    <div>
                        <h2>{format!("{errors} error(s), {warnings} warning(s)")}</h2>
                        <ul>
                            {list
                                .into_iter()
                                .map(|d| {
                                    let targets = field_ids(&d.path);
                                    let label = state.config.with_untracked(|c| describe(&d.path, c));
                                    let class = if d.is_error() { "error" } else { "warning" };
                                    view! {
                                        <li class=class>
                                            // The label a person sees in the form; the config path (what the CLI
                                            // prints) stays in the tooltip.
                                            <button type="button" class="link" title=d.path.clone() data-path=d.path.clone()
                                                on:click=move |_| browser::focus_field(&targets)>
                                                <strong>{label}</strong>
                                                ": "
                                                {d.message.clone()}
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}
