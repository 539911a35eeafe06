//! Import: start from the compose files, env files and package.json a person already has.
//! Files come from the Import buttons (files, or a whole folder), are dropped anywhere on the
//! page, or are pasted (files, or a compose file's text) outside a text field. They are read
//! here, handed to the import worker (its own module, see `browser::files`), and the
//! configuration it returns replaces the one shown as one undoable step. What was not carried
//! over is listed above the form, each linking to the field it landed in.

use crate::browser::{self, files};
use crate::labels::{describe, field_ids};
use crate::state::{use_state, AppState, ImportNote, ImportReport, Notice, NoticeKind};
use dockwright_engine::secret::fill_missing_secrets;
use dockwright_engine::Config;
use leptos::prelude::*;

/// The import worker's answer (importer/src/lib.rs writes it), read through
/// `serde_json::Value`, the one JSON path the page links already (a derived `Deserialize`
/// would add its own).
struct Response {
    config: Option<serde_json::Value>,
    apps: Vec<String>,
    warnings: Vec<ImportNote>,
    read: Read,
    error: Option<String>,
}

#[derive(Default)]
struct Read {
    compose: Vec<String>,
    env: Vec<String>,
    repository: Vec<String>,
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

impl Response {
    fn parse(text: &str) -> Result<Response, String> {
        let mut v: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| format!("the importer's answer could not be read: {e}"))?;
        let text = |v: &serde_json::Value, key: &str| v[key].as_str().map(String::from);
        let warnings = v["warnings"]
            .as_array()
            .map(|list| {
                list.iter()
                    .map(|w| ImportNote {
                        path: text(w, "path").unwrap_or_default(),
                        message: text(w, "message").unwrap_or_default(),
                        field: text(w, "field"),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(Response {
            read: Read {
                compose: strings(&v["read"]["compose"]),
                env: strings(&v["read"]["env"]),
                repository: strings(&v["read"]["repository"]),
            },
            error: text(&v, "error"),
            apps: strings(&v["apps"]),
            warnings,
            config: v.get_mut("config").map(serde_json::Value::take),
        })
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// `2 compose files (docker-compose.yml, docker-compose.prod.yml), 1 env file, 3 project files`
fn summary(read: &Read, passed_over: usize) -> String {
    let mut parts = Vec::new();
    if !read.compose.is_empty() {
        parts.push(format!(
            "{} ({})",
            count(read.compose.len(), "compose file", "compose files"),
            read.compose.join(", ")
        ));
    }
    if !read.env.is_empty() {
        parts.push(count(read.env.len(), "env file", "env files"));
    }
    if !read.repository.is_empty() {
        parts.push(format!(
            "{} ({})",
            count(read.repository.len(), "project file", "project files"),
            read.repository.join(", ")
        ));
    }
    let mut text = if parts.is_empty() {
        "no file import reads".to_string()
    } else {
        parts.join(", ")
    };
    if passed_over > 0 {
        text.push_str(&format!(
            "; {} passed over (not something import reads)",
            count(passed_over, "other file", "other files")
        ));
    }
    text
}

/// Reads what was given, asks the worker, and applies its answer (or says why not).
/// The future is boxed so this (the largest function here) exists once, not once per way of
/// reading files.
fn import(
    state: AppState,
    picked: std::pin::Pin<Box<dyn std::future::Future<Output = files::Picked>>>,
    app: Option<String>,
) {
    if state.importing.get_untracked() {
        return;
    }
    state.importing.set(true);
    leptos::task::spawn_local(async move {
        let picked = picked.await;
        // Kept for "import again with another app" (the files are not read a second time).
        LAST_PICKED.with(|last| *last.borrow_mut() = Some(picked.clone()));
        let current = state
            .config
            .with_untracked(|c| serde_json::to_value(c))
            .unwrap_or_default();
        let files: Vec<serde_json::Value> = picked
            .files
            .iter()
            .map(|f| serde_json::json!({ "path": f.path, "text": f.text }))
            .collect();
        let request = serde_json::json!({ "files": files, "current": current, "app": app });
        let answer = files::run_import(request.to_string()).await;
        state.importing.set(false);
        let response = answer.and_then(|text| Response::parse(&text));
        let response = match response {
            Ok(r) => r,
            Err(e) => {
                state.notice.set(Some(Notice {
                    kind: NoticeKind::Error,
                    text: format!("Import failed: {e}. Your configuration was kept."),
                }));
                return;
            }
        };
        let mut warnings: Vec<ImportNote> = picked
            .not_read
            .into_iter()
            .map(|(path, message)| ImportNote {
                path,
                message,
                field: None,
            })
            .collect();
        warnings.extend(response.warnings);
        let read = summary(&response.read, picked.passed_over);
        let apps = response.apps;
        let mut chosen_app = None;
        let config = match (response.error, response.config) {
            (Some(error), _) => Err(error),
            (None, Some(value)) if !value.is_null() => Config::from_text(&value.to_string())
                .map_err(|e| format!("the imported configuration could not be read: {e}")),
            (None, _) => Err("the importer gave no configuration".into()),
        };
        match config {
            Ok(mut config) => {
                chosen_app = config.app.enabled.then(|| config.app.service_name.clone());
                fill_missing_secrets(&mut config, &mut browser::BrowserEntropy);
                let notes = warnings.len();
                state.replace(config);
                state.notice.set(Some(Notice {
                    kind: NoticeKind::Info,
                    text: format!(
                        "Imported {read}. Undo restores your configuration.{}",
                        if notes == 0 {
                            " Everything was carried over.".to_string()
                        } else {
                            format!(" {} on what was not carried over: see the import report above the form.", count(notes, "note", "notes"))
                        }
                    ),
                }));
            }
            Err(error) => state.notice.set(Some(Notice {
                kind: NoticeKind::Error,
                text: format!("Nothing was imported: {error}. Your configuration was kept."),
            })),
        }
        state.import_report.set(Some(ImportReport {
            read,
            warnings,
            apps,
            app: chosen_app,
        }));
    });
}

thread_local! {
    /// The files of the last import, for importing them again with another service as the app.
    static LAST_PICKED: std::cell::RefCell<Option<files::Picked>> = const { std::cell::RefCell::new(None) };
}

/// Imports the last files again with `app` as the app's service (the CLI's `--app`).
fn import_again_with(state: AppState, app: String) {
    let Some(picked) = LAST_PICKED.with(|last| last.borrow().clone()) else {
        return;
    };
    import(state, Box::pin(async move { picked }), Some(app));
}

/// The toolbar's Import buttons: files (compose, env, package.json), or a project folder.
pub fn import_buttons() -> impl IntoView {
    let state = use_state();
    let files_input = NodeRef::<leptos::html::Input>::new();
    let folder_input = NodeRef::<leptos::html::Input>::new();
    let picked = move |input: NodeRef<leptos::html::Input>| {
        if let Some(list) = input.get_untracked().and_then(|i| i.files()) {
            import(
                state,
                Box::pin(files::read_input(files::input_files(&list))),
                None,
            );
        }
        // The same files picked again must fire `change` again.
        if let Some(i) = input.get_untracked() {
            i.set_value("");
        }
    };
    // A folder picker: `webkitdirectory` (every browser has it under this name) is not one of
    // the attributes the view macro knows, so it is set on the element.
    Effect::new(move |_| {
        if let Some(input) = folder_input.get() {
            let _ = input.set_attribute("webkitdirectory", "");
        }
    });
    view! {
        <div class="group-buttons import">
            <button type="button" data-testid="import-files" disabled=move || state.importing.get()
                title="Compose files, their overrides, env files and package.json: read in your browser, never uploaded"
                on:click=move |_| { if let Some(i) = files_input.get_untracked() { i.click(); } }>
                {move || if state.importing.get() { "Importing…" } else { "Import…" }}
            </button>
            <button type="button" class="folder" data-testid="import-folder" disabled=move || state.importing.get()
                title="A project folder: only its compose, env and project files are read (node_modules and .git are skipped)"
                on:click=move |_| { if let Some(i) = folder_input.get_untracked() { i.click(); } }>
                "Import folder…"
            </button>
            <input type="file" multiple=true hidden=true node_ref=files_input data-testid="import-files-input"
                accept=".yml,.yaml,.json,.env,.example,.nvmrc,.node-version,.lock,.js,.mjs,.ts,.prisma,text/*"
                on:change=move |_| picked(files_input) />
            <input type="file" multiple=true hidden=true node_ref=folder_input data-testid="import-folder-input"
                on:change=move |_| picked(folder_input) />
        </div>
    }
}

/// Files or folders dropped anywhere on the page are imported; a hint shows while dragging.
pub fn drop_target() -> impl IntoView {
    let state = use_state();
    let dragging = RwSignal::new(false);
    let carries_files = |ev: &web_sys::DragEvent| {
        ev.data_transfer().is_some_and(|dt| {
            dt.types()
                .iter()
                .any(|t| t.as_string().as_deref() == Some("Files"))
        })
    };
    let over = window_event_listener(leptos::ev::dragover, move |ev| {
        if carries_files(&ev) {
            // Without this the browser opens the file instead of dropping it here.
            ev.prevent_default();
            dragging.set(true);
        }
    });
    let leave = window_event_listener(leptos::ev::dragleave, move |ev| {
        // Leaving the window (not moving between elements) has no related target.
        if ev.related_target().is_none() {
            dragging.set(false);
        }
    });
    let drop = window_event_listener(leptos::ev::drop, move |ev| {
        dragging.set(false);
        let Some(transfer) = ev.data_transfer() else {
            return;
        };
        if !carries_files(&ev) {
            return;
        }
        ev.prevent_default();
        let items = files::dropped_items(&transfer);
        import(state, Box::pin(files::read_dropped(items)), None);
    });
    // Pasting outside a text field imports too: copied files, or a compose file's text.
    let paste = window_event_listener(leptos::ev::paste, move |ev| {
        if browser::from_text_target(ev.target()) {
            return;
        }
        let Some(transfer) = ev.clipboard_data() else {
            return;
        };
        let items = files::dropped_items(&transfer);
        if !items.is_empty() {
            ev.prevent_default();
            import(state, Box::pin(files::read_dropped(items)), None);
            return;
        }
        let text = transfer.get_data("text/plain").unwrap_or_default();
        if text.contains("services:") {
            ev.prevent_default();
            import(
                state,
                Box::pin(async move {
                    files::Picked {
                        files: vec![files::PickedFile {
                            path: "compose.yaml".into(),
                            text,
                        }],
                        ..files::Picked::default()
                    }
                }),
                None,
            );
        }
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        drop.remove();
        paste.remove();
    });
    view! {
        <Show when=move || dragging.get()>
            <div class="drop-hint" data-testid="drop-hint" aria-hidden="true">
                <p>"Drop compose files, env files, a package.json or the project folder to import them"</p>
                <p class="muted">"Read in your browser; nothing is uploaded."</p>
            </div>
        </Show>
    }
}

/// The last import's report: what was read, and each thing not carried over, linked to the
/// field it landed in.
pub fn import_report() -> impl IntoView {
    let state = use_state();
    view! {
        <Show when=move || state.import_report.with(Option::is_some)>
            <section class="summary import-report" data-testid="import-report" aria-label="Import report">
                {move || {
                    let report = state.import_report.get().unwrap_or_default();
                    let total = report.warnings.len();
                    view! {
                        <div class="report-head">
                            <h2>{if total == 0 { "Imported: everything was carried over".to_string() } else { format!("Imported: {} not carried over as it was", count(total, "thing", "things")) }}</h2>
                            <button type="button" class="icon" aria-label="Dismiss the import report" data-testid="import-report-dismiss"
                                on:click=move |_| state.import_report.set(None)>"✕"</button>
                        </div>
                        <p class="muted">{format!("Read: {}.", report.read)}</p>
                        {(report.apps.len() > 1).then(|| {
                            let current = report.app.clone().unwrap_or_default();
                            view! {
                                <p class="app-choice" data-testid="import-app-choice">
                                    {format!("{} services are built; the app is {current}. Import again with ", report.apps.len())}
                                    {report.apps.iter().filter(|a| **a != current).map(|a| {
                                        let name = a.clone();
                                        view! {
                                            <button type="button" class="link" data-app=a.clone()
                                                on:click=move |_| import_again_with(state, name.clone())>{a.clone()}</button>" "
                                        }
                                    }).collect_view()}
                                    "as the app."
                                </p>
                            }
                        })}
                        <ul>
                            {report.warnings.into_iter().map(|w| {
                                let text = view! { <code>{w.path.clone()}</code>": "{w.message.clone()}};
                                match w.field {
                                    Some(field) => {
                                        let label = state.config.with_untracked(|c| describe(&field, c));
                                        let targets = field_ids(&field);
                                        view! {
                                            <li class="warning">
                                                <button type="button" class="link" data-field=field.clone() title=format!("Go to {label}")
                                                    on:click=move |_| browser::focus_field(&targets)>
                                                    {text}<span class="landed">{format!(" → {label}")}</span>
                                                </button>
                                            </li>
                                        }.into_any()
                                    }
                                    None => view! { <li class="warning">{text}</li> }.into_any(),
                                }
                            }).collect_view()}
                        </ul>
                    }
                }}
            </section>
        </Show>
    }
}
