//! Toolbar: presets, undo/redo, zip download, share link (secrets opt-in), theme, help.

use crate::browser;
use crate::state::{use_state, AppState, Notice, NoticeKind};
use dockwright_engine::presets;
use leptos::prelude::*;

/// Downloads the bundle as a zip built in the browser (the same bytes as `dockwright zip`).
/// With errors, nothing is handed over as if complete: an empty bundle is refused, a partial
/// one only after the user agrees to a list of what is missing, named `…-INCOMPLETE.zip` and
/// carrying that list as MISSING-FILES.txt.
pub fn download_zip(state: AppState) {
    let project = state.config.with_untracked(|c| c.project.name.clone());
    let (generated, missing) = state
        .generation
        .with_untracked(|g| (g.bundle.files.len(), g.blocked.clone()));
    if generated == 0 {
        state.notice.set(Some(Notice {
            kind: NoticeKind::Error,
            text: "Nothing to download: every file is stopped by the errors listed in the summary. Fix them first.".into(),
        }));
        return;
    }
    let missing_list = missing
        .iter()
        .map(|(path, why)| format!("- {path}: {}", why.join("; ")))
        .collect::<Vec<_>>()
        .join("\n");
    let name = if missing.is_empty() {
        format!("{project}-docker.zip")
    } else {
        let question = format!(
            "{} file(s) are missing because of errors:\n{missing_list}\n\nDownload the {generated} generated file(s) anyway? The zip is named {project}-docker-INCOMPLETE.zip and lists what is missing in MISSING-FILES.txt.",
            missing.len()
        );
        if !browser::confirm(&question) {
            return;
        }
        format!("{project}-docker-INCOMPLETE.zip")
    };
    let result = state
        .generation
        .with_untracked(|g| {
            if missing.is_empty() {
                return dockwright_engine::archive::zip_bundle(&g.bundle);
            }
            let mut bundle = g.bundle.clone();
            bundle.files.insert(
                "MISSING-FILES.txt".into(),
                dockwright_engine::BundleFile {
                    text: format!("This bundle is incomplete: these files were not generated because of errors in the configuration.\n{missing_list}\n").into(),
                    executable: false,
                },
            );
            dockwright_engine::archive::zip_bundle(&bundle)
        })
        .and_then(|bytes| browser::download(&bytes, &name, "application/zip"));
    match result {
        Ok(()) => state
            .config
            .with_untracked(|c| state.remember(crate::recent::Kind::Downloaded, c)),
        Err(e) => state.notice.set(Some(Notice {
            kind: NoticeKind::Error,
            text: format!("Could not build the zip: {e}"),
        })),
    }
}

/// Copies the share link to the clipboard.
pub fn copy_link(state: AppState) {
    state.settle_now();
    let url = state.share_url.get_untracked();
    let secrets = state.include_secrets.get_untracked();
    leptos::task::spawn_local(async move {
        let notice = match browser::copy_text(&url).await {
            Ok(()) if secrets => Notice { kind: NoticeKind::Info, text: "Link copied. It contains your secrets: share it only with people who may see them.".into() },
            Ok(()) => Notice { kind: NoticeKind::Info, text: "Link copied. Secrets are not in it; whoever opens it gets fresh ones.".into() },
            Err(e) => Notice { kind: NoticeKind::Error, text: format!("Could not copy the link ({e}); copy it from the field instead.") },
        };
        state.notice.set(Some(notice));
    });
}

fn theme_toggle() -> impl IntoView {
    let stored = browser::storage_get(browser::THEME_KEY).ok().flatten();
    let theme = RwSignal::new(stored.clone().unwrap_or_else(|| {
        if browser::prefers_dark() {
            "dark".into()
        } else {
            "light".into()
        }
    }));
    browser::apply_theme(&theme.get_untracked());
    let toggle = move |_| {
        let next = if theme.get_untracked() == "dark" {
            "light"
        } else {
            "dark"
        };
        theme.set(next.into());
        browser::apply_theme(next);
        // A failing storage only means the choice is not remembered.
        let _ = browser::storage_set(browser::THEME_KEY, next);
    };
    view! {
        <button type="button" class="icon" data-testid="theme-toggle" on:click=toggle
            aria-label=move || if theme.get() == "dark" { "Switch to light theme" } else { "Switch to dark theme" }>
            {move || if theme.get() == "dark" { "☀" } else { "☾" }}
        </button>
    }
}

pub fn toolbar() -> impl IntoView {
    let state = use_state();
    let blocked_count = Memo::new(move |_| state.generation.with(|g| g.blocked.len()));
    let selected_preset = Memo::new(move |_| {
        state.loaded_preset.with(|(id, c)| {
            if state.config.with(|now| c.as_ref() == Some(now)) {
                id.clone()
            } else {
                String::new()
            }
        })
    });
    view! {
        <header class="toolbar">
            <h1 class="brand">"dockwright"</h1>
            <div class="field inline">
                <label for="preset-select">"Preset"</label>
                <select id="preset-select" data-testid="preset-select"
                    prop:value=move || selected_preset.get()
                    on:change=move |ev| {
                        let id = event_target_value(&ev);
                        if !id.is_empty() {
                            state.load_preset(&id);
                        }
                    }>
                    <option value="" selected=move || selected_preset.get().is_empty()>"Custom (edited)"</option>
                    {presets::PRESETS.iter().map(|p| view! { <option value=p.id title=p.description selected=move || selected_preset.get() == p.id>{p.title}</option> }).collect_view()}
                </select>
            </div>
            <div class="group-buttons">
                <button type="button" data-testid="undo" on:click=move |_| state.undo() disabled=move || !state.can_undo.get() aria-keyshortcuts="Control+Z">"Undo"</button>
                <button type="button" data-testid="redo" on:click=move |_| state.redo() disabled=move || !state.can_redo.get() aria-keyshortcuts="Control+Shift+Z">"Redo"</button>
            </div>
            {crate::components::import::import_buttons()}
            <div class="download">
                <button type="button" class="primary" data-testid="download-zip" on:click=move |_| download_zip(state) aria-keyshortcuts="Alt+D"
                    aria-describedby="download-warning">"Download .zip"</button>
                <p id="download-warning" class="warning-text" data-testid="download-warning" hidden=move || blocked_count.get() == 0>
                    {move || format!("{} file(s) missing: see the errors", blocked_count.get())}
                </p>
            </div>
            <div class="share">
                <label for="share-link" class="visually-hidden">"Share link"</label>
                <input id="share-link" data-testid="share-link" type="text" readonly=true tabindex="-1" prop:value=move || state.share_url.get() on:focus=|ev| crate::browser::select_input_text(&ev) />
                <button type="button" data-testid="copy-link" on:click=move |_| copy_link(state) aria-keyshortcuts="Alt+L">"Copy link"</button>
                <div class="field check">
                    <input id="include-secrets" type="checkbox" data-testid="include-secrets"
                        prop:checked=move || state.include_secrets.get()
                        on:change=move |ev| {
                            state.include_secrets.set(event_target_checked(&ev));
                            // "Link copied, secrets are not in it" is no longer true of the link shown.
                            if state.notice.with_untracked(|n| n.as_ref().is_some_and(|n| n.text.starts_with("Link copied"))) {
                                state.notice.set(None);
                            }
                        } />
                    <label for="include-secrets">"Include secrets"</label>
                </div>
                <Show when=move || state.include_secrets.get()>
                    <p class="warning-text" role="alert">"⚠ The link now contains your passwords and keys. Anyone with it can read them."</p>
                </Show>
            </div>
            // A clock on phones (the header must stay compact), the word on wider screens.
            <button type="button" id="history-button" class="history-toggle" data-testid="history-button"
                aria-controls="history-panel" aria-label="History"
                aria-expanded=move || state.recent_open.get().to_string()
                on:click=move |_| state.recent_open.update(|o| *o = !*o)>
                <svg class="glyph" viewBox="0 0 16 16" aria-hidden="true">
                    <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.5"/>
                    <path d="M8 4v4l3 2" fill="none" stroke="currentColor" stroke-width="1.5"/>
                </svg>
                <span class="label">"History"</span>
            </button>
            {theme_toggle()}
            <button type="button" class="icon" id="help-button" data-testid="help-button" aria-label="Keyboard shortcuts" on:click=move |_| state.help_open.set(true)>"?"</button>
        </header>
    }
}
