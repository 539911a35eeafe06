//! The History panel: every download and opened link (and what a link replaced), grouped by
//! day, newest first. An entry can be restored (one undoable step), named (a favourite, kept
//! over unnamed ones) and deleted.

use crate::browser::{self, BrowserEntropy};
use crate::recent::Entry;
use crate::state::{use_state, AppState, Notice, NoticeKind};
use dockwright_engine::share;
use leptos::prelude::*;

/// Restores an entry as one undoable step, with fresh secrets (entries keep none).
fn restore(state: AppState, entry: &Entry) {
    match share::decode(&entry.fragment, &mut BrowserEntropy) {
        Ok(decoded) => {
            state.replace(decoded.config);
            state.recent_open.set(false);
            // The panel (and the button pressed) is gone: focus goes back to what opened it.
            browser::focus_element("history-button");
            let (_, day) = browser::local_day(entry.id as f64);
            state.notice.set(Some(Notice {
                kind: NoticeKind::Info,
                text: format!(
                    "Restored “{}” ({} at {}). Secrets were generated afresh; Undo brings back the configuration you had.",
                    entry.title,
                    day.to_lowercase(),
                    browser::local_time(entry.id as f64)
                ),
            }));
        }
        Err(e) => state.notice.set(Some(Notice {
            kind: NoticeKind::Error,
            text: format!(
                "This history entry could not be restored: {e}. Your configuration was kept."
            ),
        })),
    }
}

fn rename(state: AppState, id: u64, name: String) {
    let mut list = state.recent.get_untracked();
    if let Some(e) = list.iter_mut().find(|e| e.id == id) {
        e.name = name.trim().to_string();
    }
    state.set_recent(list);
}

fn delete(state: AppState, id: u64) {
    let list = state
        .recent
        .get_untracked()
        .into_iter()
        .filter(|e| e.id != id)
        .collect();
    state.set_recent(list);
}

fn entry_view(state: AppState, entry: Entry) -> impl IntoView {
    let time = browser::local_time(entry.id as f64);
    let id = entry.id;
    let star = entry.is_favourite().then_some("★ ");
    let heading = if entry.is_favourite() {
        format!("{} ({})", entry.name, entry.title)
    } else {
        entry.title.clone()
    };
    let name_label = format!("Name for {} at {time}", entry.title);
    let restore_label = format!("Restore {} from {time}", entry.title);
    let delete_label = format!("Delete {} from {time}", entry.title);
    let kept = entry.clone();
    view! {
        <li class="history-entry" data-testid="history-entry" data-kind=format!("{:?}", entry.kind)>
            <p class="history-what">
                <span class="history-time">{time}</span>" · "{entry.kind.label()}
            </p>
            <p class="history-title"><span aria-hidden="true">{star}</span><strong>{heading}</strong></p>
            <p class="history-summary">{entry.summary.clone()}</p>
            <div class="row history-actions">
                <input type="text" class="history-name" data-testid="history-name" aria-label=name_label
                    placeholder="Name it to keep it as a favourite" prop:value=entry.name.clone()
                    on:change=move |ev| rename(state, id, event_target_value(&ev)) />
                <button type="button" data-testid="history-restore" aria-label=restore_label
                    on:click=move |_| restore(state, &kept)>"Restore"</button>
                <button type="button" class="danger" data-testid="history-delete" aria-label=delete_label
                    on:click=move |_| delete(state, id)>"Delete"</button>
            </div>
        </li>
    }
}

/// The entries shown (all, or favourites only) grouped by local day, newest first.
fn by_day(list: &[Entry], favourites_only: bool) -> Vec<(String, Vec<Entry>)> {
    let mut groups: Vec<(String, String, Vec<Entry>)> = Vec::new();
    for e in list.iter().filter(|e| !favourites_only || e.is_favourite()) {
        let (key, label) = browser::local_day(e.id as f64);
        match groups.last_mut() {
            Some((k, _, entries)) if *k == key => entries.push(e.clone()),
            _ => groups.push((key, label, vec![e.clone()])),
        }
    }
    groups.into_iter().map(|(_, label, e)| (label, e)).collect()
}

pub fn history_panel() -> impl IntoView {
    let state = use_state();
    let favourites_only = RwSignal::new(false);
    let close = move || {
        state.recent_open.set(false);
        browser::focus_element("history-button");
    };
    view! {
        <section id="history-panel" class="history-panel" data-testid="history-panel" aria-labelledby="history-title"
            hidden=move || !state.recent_open.get()
            on:keydown=move |ev| if ev.key() == "Escape" { close() }>
            <div class="history-head">
                <h2 id="history-title">"History"</h2>
                <div class="field check">
                    <input id="history-favourites" type="checkbox" data-testid="history-favourites"
                        prop:checked=move || favourites_only.get()
                        on:change=move |ev| favourites_only.set(event_target_checked(&ev)) />
                    <label for="history-favourites">"Favourites only"</label>
                </div>
                <button type="button" class="icon" aria-label="Close history" on:click=move |_| close()>"✕"</button>
            </div>
            <p class="hint">"Every download and opened link, kept in this browser (at most 100; favourites are kept first). Secrets are not kept: a restored configuration gets fresh ones."</p>
            {move || {
                let groups = state.recent.with(|list| by_day(list, favourites_only.get()));
                if groups.is_empty() {
                    let empty = if favourites_only.get() {
                        "No favourites yet: give an entry a name to keep it as one."
                    } else {
                        "Nothing yet: downloads and opened links appear here."
                    };
                    return view! { <p class="history-empty" data-testid="history-empty">{empty}</p> }.into_any();
                }
                groups
                    .into_iter()
                    .map(|(day, entries)| view! {
                        <h3 class="history-day">{day}</h3>
                        <ul class="history-list">
                            {entries.into_iter().map(|e| entry_view(state, e)).collect_view()}
                        </ul>
                    })
                    .collect_view()
                    .into_any()
            }}
        </section>
    }
}
