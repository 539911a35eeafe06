//! Live preview: the file tree (`file_tree`, changed files marked) and the selected file with
//! line numbers, syntax highlighting and the lines the last edit changed, soft wrap on demand,
//! and the guides rendered as Markdown (with their source a toggle away). Copy and Download
//! per file. The stack picture and the environment comparison (`stack`) share its place.

use crate::browser;
use crate::diff::changed_lines;
use crate::highlight::lang_for;
use crate::state::{use_state, Notice, NoticeKind};
use dockwright_engine::config::EnvName;
use leptos::prelude::*;
use std::collections::BTreeSet;
use std::sync::Arc;

/// The environment of a file in a Kubernetes overlay folder (`k8s/overlays/prod/…`).
fn overlay_env(path: &str) -> Option<EnvName> {
    let env = path.strip_prefix("k8s/overlays/")?.split('/').next()?;
    EnvName::ALL.iter().copied().find(|e| e.as_str() == env)
}

fn code_view(reveal: RwSignal<Option<(String, usize)>>) -> impl IntoView {
    let state = use_state();
    let wrap = RwSignal::new(false);
    // A guide shows rendered until its source is asked for (or a search hit points into it).
    let source = RwSignal::new(false);
    let markdown = Memo::new(move |_| state.selected.with(|p| p.ends_with(".md")));
    let rendered = Memo::new(move |_| markdown.get() && !source.get());
    let md_ref = NodeRef::<leptos::html::Div>::new();
    // For a file of an overlay: show what `kubectl kustomize` builds for it instead, rendered
    // by the engine from the configuration (no Kustomize in the browser).
    let merged = RwSignal::new(false);
    let overlay = Memo::new(move |_| state.selected.with(|p| overlay_env(p)));
    let showing_merged = Memo::new(move |_| merged.get() && overlay.get().is_some());
    let text = Memo::new(move |_| {
        let path = state.selected.get();
        if let (true, Some(env)) = (merged.get(), overlay.get()) {
            let blocked = state.generation.with(|g| g.blocked.contains_key(&path));
            if !blocked {
                return Some(state.config.with(|c| {
                    Arc::from(dockwright_engine::output::kubernetes::merged::render(
                        &dockwright_engine::resolve::Resolved::new(c),
                        env,
                    ))
                }));
            }
        }
        state
            .generation
            .with(|g| g.bundle.files.get(&path).map(|f| f.text.clone()))
    });
    let blocked = Memo::new(move |_| {
        let path = state.selected.get();
        state.generation.with(|g| g.blocked.get(&path).cloned())
    });
    // A blocked file shows its last generated text, greyed, under the reasons it is stopped.
    let stale = Memo::new(move |_| {
        let path = state.selected.get();
        blocked.get().and_then(|_| state.last_good_text(&path))
    });
    // The selected file's lines, patched into the DOM by `CodeLines`: only the visible file is
    // diffed and highlighted, and only its new lines are built. The lines the last edit changed
    // are marked; when the page showed exactly the text before the edit (the usual case), they
    // are the lines the patch had to build, so one diff serves both.
    let code_ref = NodeRef::<leptos::html::Code>::new();
    let mut shown = browser::CodeLines::default();
    let mut shown_text: Option<Arc<str>> = None;
    Effect::new(move |_| {
        let Some(code) = code_ref.get() else { return };
        let path = state.selected.get();
        let merged_view = showing_merged.get();
        let lang = lang_for(if merged_view {
            "kustomized.yaml"
        } else {
            &path
        });
        let now = text.get();
        let body = now.clone().or_else(|| stale.get()).unwrap_or_default();
        let lines: Vec<&str> = body.split_inclusive('\n').collect();
        let (first, before) = state
            .previous
            .with(|prev| (prev.is_empty(), prev.get(&path).cloned()));
        let marks = match (&now, before) {
            (None, _) => Marks::None,
            // The built overlay is not a file of the bundle: nothing to compare it with.
            _ if merged_view => Marks::None,
            (_, _) if first => Marks::None,
            (Some(now), Some(before)) if Arc::ptr_eq(&before, now) => Marks::None,
            (Some(_), Some(before))
                if shown_text.as_ref().is_some_and(|s| Arc::ptr_eq(s, &before)) =>
            {
                Marks::Built
            }
            (Some(now), Some(before)) => {
                Marks::Lines(changed_lines(&before, now).into_iter().collect())
            }
            (Some(_), None) => Marks::Built,
        };
        shown.update(&code, lang, &lines, &|n, built| match &marks {
            Marks::None => false,
            Marks::Built => built,
            Marks::Lines(set) => set.contains(&n),
        });
        shown_text = now;
        // A search hit in this file: its line scrolled to and marked, then the request is
        // spent (quietly: the next hit, even the same one, asks again).
        if let Some((p, n)) = reveal.get() {
            if p == path {
                source.set(true);
                browser::reveal_line("preview-code", n);
                reveal.update_untracked(|r| *r = None);
            }
        }
    });
    let mut guide = browser::MarkupView::default();
    Effect::new(move |_| {
        let (Some(target), true) = (md_ref.get(), rendered.get()) else {
            return;
        };
        let body = text.get().or_else(|| stale.get()).unwrap_or_default();
        let blocks = crate::markdown::parse(&body);
        guide.show(&target, crate::markdown::to_nodes(&blocks));
    });
    let copy = move |_| {
        let Some(t) = text.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let result = browser::copy_text(&t).await;
            state.notice.set(Some(match result {
                Ok(()) => Notice {
                    kind: NoticeKind::Info,
                    text: "File copied to the clipboard.".into(),
                },
                Err(e) => Notice {
                    kind: NoticeKind::Error,
                    text: format!("Could not copy ({e}); select the text instead."),
                },
            }));
        });
    };
    let download = move |_| {
        let path = state.selected.get_untracked();
        if let Some(t) = text.get_untracked() {
            let name = match (showing_merged.get_untracked(), overlay.get_untracked()) {
                (true, Some(env)) => format!("{}-kustomized.yaml", env.as_str()),
                _ => path.rsplit('/').next().unwrap_or(&path).to_string(),
            };
            if let Err(e) = browser::download(t.as_bytes(), &name, "text/plain;charset=utf-8") {
                state.notice.set(Some(Notice {
                    kind: NoticeKind::Error,
                    text: format!("Download failed: {e}"),
                }));
            }
        }
    };
    view! {
        <section class="viewer" id="preview-panel" role="tabpanel" aria-label=move || format!("Preview of {}", state.selected.get())>
            <header class="viewer-head">
                <h2 class="viewer-title">{move || match (showing_merged.get(), overlay.get()) {
                    (true, Some(env)) => format!("kubectl kustomize k8s/overlays/{}", env.as_str()),
                    _ => state.selected.get(),
                }}</h2>
                <div class="viewer-actions">
                    <Show when=move || overlay.get().is_some()>
                        <label class="merged-toggle">
                            <input type="checkbox" data-testid="show-merged"
                                prop:checked=move || merged.get()
                                on:change=move |ev| merged.set(event_target_checked(&ev))/>
                            {move || format!("Show the built overlay ({})", overlay.get().map(|e| e.as_str()).unwrap_or(""))}
                        </label>
                    </Show>
                    <Show when=move || markdown.get()>
                        {toggle("show-source", "Source", source)}
                    </Show>
                    {toggle("soft-wrap", "Wrap lines", wrap)}
                    <button type="button" data-testid="copy-file" on:click=copy disabled=move || text.get().is_none()>"Copy"</button>
                    <button type="button" data-testid="download-file" on:click=download disabled=move || text.get().is_none()>"Download"</button>
                </div>
            </header>
            <Show when=move || blocked.get().is_some()>
                <div class="blocked" role="status">
                    <p>{move || if stale.get().is_some() {
                        "This file is not generated until these errors are fixed. Below, greyed, is its last generated version (not downloadable):"
                    } else {
                        "This file is not generated until these errors are fixed:"
                    }}</p>
                    <ul>{move || blocked.get().unwrap_or_default().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                </div>
            </Show>
            <div class="markdown" data-testid="markdown" node_ref=md_ref hidden=move || !rendered.get()
                class:wrap=move || wrap.get() tabindex="0" role="region" aria-label="Rendered guide"></div>
            <pre class="code" class:stale=move || stale.get().is_some() class:wrap=move || wrap.get() hidden=move || rendered.get() data-testid="preview-pane" tabindex="0" role="region" aria-label=move || if stale.get().is_some() { "Last generated content (out of date)" } else { "File content" }><code id="preview-code" data-testid="preview" node_ref=code_ref></code></pre>
        </section>
    }
}

/// A small checkbox with its label beside a view's title (Source, Wrap lines, Only differences).
pub(super) fn toggle(
    testid: &'static str,
    label: &'static str,
    on: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <label class="merged-toggle">
            <input type="checkbox" data-testid=testid
                prop:checked=move || on.get()
                on:change=move |ev| on.set(event_target_checked(&ev))/>
            {label}
        </label>
    }
}

/// Which lines of the shown file the last edit changed.
enum Marks {
    None,
    /// Those the patch built (the page showed the text before the edit).
    Built,
    Lines(BTreeSet<usize>),
}

/// Whether two versions of a file hold the same text (the same shared text, most often).
pub(super) fn same_text(before: Option<&Arc<str>>, now: Option<&Arc<str>>) -> bool {
    match (before, now) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b) || a == b,
        (None, None) => true,
        _ => false,
    }
}

/// What the preview shows: the files, the stack picture, or two environments compared.
#[derive(Clone, Copy, PartialEq)]
enum Explore {
    Files,
    Stack,
    Compare,
}

pub fn preview() -> impl IntoView {
    let shown = RwSignal::new(Explore::Files);
    let reveal = RwSignal::new(None::<(String, usize)>);
    let choice = move |which: Explore, testid: &'static str, label: &'static str| {
        view! {
            <button type="button" data-testid=testid aria-pressed=move || (shown.get() == which).to_string()
                on:click=move |_| shown.set(which)>{label}</button>
        }
    };
    view! {
        <div class="preview">
            <div class="explore-bar" role="group" aria-label="Preview shows">
                {choice(Explore::Files, "explore-files", "Files")}
                {choice(Explore::Stack, "explore-stack", "Stack picture")}
                {choice(Explore::Compare, "explore-compare", "Compare environments")}
            </div>
            // The files stay mounted (hidden), so their view keeps its state and the file
            // shortcuts keep working; the other two are computed only while shown.
            <div class="explore" hidden=move || shown.get() != Explore::Files>
                {super::file_tree::file_tree(reveal)}
                {code_view(reveal)}
            </div>
            <Show when=move || shown.get() == Explore::Stack>{super::stack::stack_view()}</Show>
            <Show when=move || shown.get() == Explore::Compare>{super::stack::compare_view()}</Show>
        </div>
    }
}
